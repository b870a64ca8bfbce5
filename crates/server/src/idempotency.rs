//! `Idempotency-Key` handling for create requests: the first answer is stored in the same
//! transaction as the created row and replayed for every retry with the same key and body;
//! the same key with another body is refused with 422.

use crate::db::Tx;
use crate::error::ApiError;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use retainkit_contract::{is_valid_idempotency_key, FieldError, IDEMPOTENCY_HEADER};
use sha2::{Digest, Sha256};

/// The key of a request, if it sent one; a malformed key is a 422 on the header's name.
pub fn key_from(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(v) = headers.get(IDEMPOTENCY_HEADER) else { return Ok(None) };
    match v.to_str() {
        Ok(k) if is_valid_idempotency_key(k) => Ok(Some(k.to_owned())),
        _ => Err(ApiError::field(IDEMPOTENCY_HEADER, FieldError::Invalid)),
    }
}

pub fn hash(scope: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(scope.as_bytes());
    h.update([0]);
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What an earlier request with this key answered.
pub struct Stored {
    pub status: StatusCode,
    pub body: String,
}

/// Looks the key up inside the caller's transaction.
pub async fn lookup(tx: &mut Tx<'_>, scope: &str, key: &str, request_hash: &str) -> Result<Option<Stored>, ApiError> {
    let row: Option<(String, i64, String)> =
        sqlx::query_as("SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2")
            .bind(scope)
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?;
    match row {
        None => Ok(None),
        Some((h, _, _)) if h != request_hash => Err(ApiError::Status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request body.".to_owned(),
        )),
        Some((_, status, body)) => Ok(Some(Stored { status: StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK), body })),
    }
}

pub async fn store(tx: &mut Tx<'_>, scope: &str, key: &str, request_hash: &str, status: StatusCode, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(scope)
        .bind(key)
        .bind(request_hash)
        .bind(status.as_u16() as i64)
        .bind(body)
        .bind(crate::db::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A create request made idempotent: `begin` opens the transaction and answers a replay
/// when the key was seen; the handler writes its rows through [`Idempotent::tx`];
/// `finish` stores the answer under the key in the same transaction and commits.
pub struct Idempotent {
    pub tx: Tx<'static>,
    scope: String,
    key: Option<String>,
    hash: String,
}

pub enum Begun {
    /// The same request came before: its answer, again.
    Replay(Response),
    Fresh(Idempotent),
}

pub fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

impl Idempotent {
    pub async fn begin(db: &crate::db::Db, headers: &HeaderMap, scope: String, raw_body: &[u8]) -> Result<Begun, ApiError> {
        let key = key_from(headers)?;
        let hash = hash(&scope, raw_body);
        let mut tx = db.begin().await?;
        if let Some(k) = &key {
            if let Some(stored) = lookup(&mut tx, &scope, k, &hash).await? {
                tracing::info!(%scope, key = %k, "idempotent replay");
                return Ok(Begun::Replay(json_response(stored.status, stored.body)));
            }
        }
        Ok(Begun::Fresh(Idempotent { tx, scope, key, hash }))
    }

    pub async fn finish<T: serde::Serialize>(mut self, status: StatusCode, body: &T) -> Result<Response, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some(key) = &self.key {
            match store(&mut self.tx, &self.scope, key, &self.hash, status, &json).await {
                Ok(()) => {}
                // Another request with this key got there first and is not committed yet.
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                    return Err(ApiError::Status(
                        StatusCode::CONFLICT,
                        "idempotency_key_in_flight",
                        "A request with this Idempotency-Key is being processed; try again.".to_owned(),
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.tx.commit().await?;
        Ok(json_response(status, json))
    }
}
