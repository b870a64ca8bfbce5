//! A JSON body extractor whose every refusal is in the contract's error shape:
//! 415 for another content type, 413 for a body over the limit, 422 naming the field that
//! has the wrong type or is missing.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use retainkit_contract::{FieldError, FieldErrors};
use serde::de::DeserializeOwned;

/// The parsed body and the bytes it came from (for the idempotency hash).
pub struct JsonBody<T> {
    pub value: T,
    pub raw: Bytes,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"))
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::Status(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as application/json.".to_owned(),
            ));
        }
        let too_large = || ApiError::Status(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "The body is too large.".to_owned());
        // Refused before a byte of it is read: no waiting for a body that will never fit.
        if content_length(req.headers()).is_some_and(|n| n > crate::BODY_LIMIT) {
            return Err(too_large());
        }
        // Bounded in time as well as size: a body trickling in is dropped.
        let deadline = req.extensions().get::<BodyDeadline>().map(|d| d.0).unwrap_or(BODY_DEADLINE);
        let read = tokio::time::timeout(deadline, Bytes::from_request(req, state))
            .await
            .map_err(|_| ApiError::Status(StatusCode::REQUEST_TIMEOUT, "body_timeout", "The body took too long to arrive.".to_owned()))?;
        let bytes = read.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::Status(StatusCode::BAD_REQUEST, "bad_request", "The body could not be read.".to_owned())
            }
        })?;
        let value = parse(&bytes)?;
        Ok(JsonBody { value, raw: bytes })
    }
}

/// How long a JSON body (at most 16 KiB) may take to arrive, unless the server's
/// configuration says otherwise (a [`BodyDeadline`] in the request's extensions).
pub const BODY_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// The configured body deadline, put on every request by `complete::run_to_completion`.
#[derive(Debug, Clone, Copy)]
pub struct BodyDeadline(pub std::time::Duration);

/// The announced `Content-Length`, if any.
pub fn content_length(headers: &axum::http::HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// Parses JSON into `T`; a wrong or missing field becomes a 422 naming it.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::Status(StatusCode::BAD_REQUEST, "malformed_json", "The body is not valid JSON.".to_owned());
        }
        let msg = inner.to_string();
        let mut fields = FieldErrors::new();
        if let Some(rest) = msg.strip_prefix("missing field `") {
            let name = rest.split('`').next().unwrap_or("body");
            let path = e.path().to_string();
            let full = if path == "." { name.to_owned() } else { format!("{path}.{name}") };
            fields.insert(full, FieldError::Required);
        } else {
            let path = e.path().to_string();
            let code =
                if msg.contains("out of range") || msg.starts_with("invalid value") { FieldError::OutOfRange } else { FieldError::Invalid };
            fields.insert(if path == "." { "body".to_owned() } else { path }, code);
        }
        ApiError::Validation(fields)
    })
}

/// `Query<T>` whose refusals are 422s naming the parameter.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> axum::extract::FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(q.as_bytes()));
        serde_path_to_error::deserialize(de).map(Query).map_err(|e| {
            let msg = e.inner().to_string();
            let mut fields = FieldErrors::new();
            if let Some(rest) = msg.strip_prefix("missing field `") {
                fields.insert(rest.split('`').next().unwrap_or("query").to_owned(), FieldError::Required);
            } else {
                let path = e.path().to_string();
                fields.insert(if path == "." { "query".to_owned() } else { path }, FieldError::Invalid);
            }
            ApiError::Validation(fields)
        })
    }
}

/// `Path<T>` whose refusals are 422s naming the path parameter.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> axum::extract::FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        use axum::extract::RawPathParams;
        let names: Vec<String> = RawPathParams::from_request_parts(parts, state)
            .await
            .map(|p| p.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default();
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let key = match e.kind() {
                    ErrorKind::ParseErrorAtKey { key, .. } | ErrorKind::InvalidUtf8InPathParam { key } => key.clone(),
                    ErrorKind::ParseErrorAtIndex { index, .. } => names.get(*index).cloned().unwrap_or_else(|| "path".to_owned()),
                    _ if names.len() == 1 => names[0].clone(),
                    _ => "path".to_owned(),
                };
                let mut fields = FieldErrors::new();
                fields.insert(key, FieldError::Invalid);
                Err(ApiError::Validation(fields))
            }
            Err(_) => Err(ApiError::Status(StatusCode::BAD_REQUEST, "bad_request", "The path could not be read.".to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::reviews::ReviewCreate;
    use retainkit_contract::NpsAnswer;

    fn fields<T: std::fmt::Debug>(r: Result<T, ApiError>) -> FieldErrors {
        match r {
            Err(ApiError::Validation(f)) => f,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn names_the_field() {
        assert_eq!(fields(parse::<ReviewCreate>(br#"{"body":"x","author_name":"y"}"#)).get("rating"), Some(&FieldError::Required));
        assert_eq!(fields(parse::<NpsAnswer>(br#"{"score":"nine"}"#)).get("score"), Some(&FieldError::Invalid));
        assert_eq!(fields(parse::<NpsAnswer>(br#"{"score":-1}"#)).get("score"), Some(&FieldError::OutOfRange));
        assert_eq!(fields(parse::<NpsAnswer>(br#"{"score":9,"comment":5}"#)).get("comment"), Some(&FieldError::Invalid));
        assert!(matches!(parse::<NpsAnswer>(b"{nope"), Err(ApiError::Status(StatusCode::BAD_REQUEST, ..))));
    }
}
