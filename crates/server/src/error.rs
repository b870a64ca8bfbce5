//! One error type for every handler, answered in the contract's error shape.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use retainkit_contract::{ErrorBody, FieldErrors};

#[derive(Debug)]
pub enum ApiError {
    /// 422 with the names of the refused fields.
    Validation(FieldErrors),
    /// Any other answer in the error shape: status, code, message.
    Status(StatusCode, &'static str, String),
    /// The database is busy: 503 with `Retry-After`, so clients try again.
    Busy,
    /// Something we did not expect; logged, answered as a plain 500.
    Internal(String),
}

impl ApiError {
    /// A 422 that names one field.
    pub fn field(name: &str, error: retainkit_contract::FieldError) -> Self {
        let mut f = FieldErrors::new();
        f.insert(name.to_owned(), error);
        ApiError::Validation(f)
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::Status(StatusCode::NOT_FOUND, "not_found", format!("{what} not found."))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        if is_busy(&e) {
            return ApiError::Busy;
        }
        ApiError::Internal(e.to_string())
    }
}

/// SQLITE_BUSY (5), SQLITE_LOCKED (6) and their extended codes, PostgreSQL serialization
/// failures and deadlocks (40001, 40P01), and a pool that had no connection in time.
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => {
            matches!(db.code().as_deref(), Some("5" | "6" | "517" | "262" | "40001" | "40P01"))
                || db.message().contains("database is locked")
        }
        _ => false,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Validation(fields) => (StatusCode::UNPROCESSABLE_ENTITY, Json(ErrorBody::validation(fields))).into_response(),
            ApiError::Status(status, code, message) => (status, Json(ErrorBody::new(code, &message))).into_response(),
            ApiError::Busy => {
                let mut r =
                    (StatusCode::SERVICE_UNAVAILABLE, Json(ErrorBody::new("busy", "The server is busy; try again."))).into_response();
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                r
            }
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, Json(ErrorBody::new("internal", "Something went wrong on the server."))).into_response()
            }
        }
    }
}
