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
    /// The database is busy (a lock held too long): 503 with `Retry-After`, so clients try again.
    Busy,
    /// The server cannot do the work right now, for a reason that passes: the disk is full or
    /// read-only, the database connection was lost, the request ran past its deadline.
    /// 503 with `Retry-After`; nothing was stored.
    Unavailable(&'static str),
    /// Over a write limit: 429 with `Retry-After` (seconds).
    RateLimited(u32),
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
        match classify(&e) {
            Fault::Busy => ApiError::Busy,
            Fault::Unavailable(why) => {
                tracing::warn!(error = %e, why, "database unavailable");
                ApiError::Unavailable(why)
            }
            Fault::Bug => ApiError::Internal(e.to_string()),
        }
    }
}

/// What a database error says about the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A lock or a serialization conflict: the same request will succeed in a moment.
    Busy,
    /// The storage or the connection failed for a reason that passes (full or read-only disk,
    /// I/O error, a server that restarts); it clears without a restart of ours.
    Unavailable(&'static str),
    /// Anything else: a mistake of ours, answered 500.
    Bug,
}

/// Classifies by the database's own error code. SQLite codes are extended result codes
/// (the primary code is the low byte); PostgreSQL codes are SQLSTATEs.
pub fn classify(e: &sqlx::Error) -> Fault {
    match e {
        sqlx::Error::PoolTimedOut => Fault::Busy,
        sqlx::Error::Io(_) | sqlx::Error::PoolClosed | sqlx::Error::Tls(_) | sqlx::Error::Protocol(_) | sqlx::Error::WorkerCrashed => {
            Fault::Unavailable("database")
        }
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                match code.parse::<i32>().map(|c| c & 0xff) {
                    Ok(5 | 6) => Fault::Busy,                             // BUSY, LOCKED
                    Ok(13) => Fault::Unavailable("storage_full"),         // FULL
                    Ok(8 | 10 | 14 | 7) => Fault::Unavailable("storage"), // READONLY, IOERR, CANTOPEN, NOMEM
                    _ => Fault::Bug,
                }
            } else {
                match code.as_ref() {
                    "40001" | "40P01" | "55P03" => Fault::Busy, // serialization, deadlock, lock not available
                    "53100" => Fault::Unavailable("storage_full"),
                    c if c.starts_with("08") || c.starts_with("57P") || c.starts_with("53") || c == "57014" || c == "25006" => {
                        Fault::Unavailable("database") // connection, shutdown, resources, cancelled, read-only
                    }
                    _ => Fault::Bug,
                }
            }
        }
        _ => Fault::Bug,
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
            ApiError::Unavailable(why) => {
                let message = match why {
                    "storage_full" | "storage" => "The server cannot store anything right now; try again in a moment.",
                    "slow" => "The server took too long to answer; try again.",
                    _ => "The server's database cannot be reached right now; try again in a moment.",
                };
                let mut r = (StatusCode::SERVICE_UNAVAILABLE, Json(ErrorBody::new("unavailable", message))).into_response();
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                r
            }
            ApiError::RateLimited(seconds) => {
                let mut r = (StatusCode::TOO_MANY_REQUESTS, Json(ErrorBody::new("rate_limited", "Too many requests; try again later.")))
                    .into_response();
                if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                r
            }
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, Json(ErrorBody::new("internal", "Something went wrong on the server."))).into_response()
            }
        }
    }
}
