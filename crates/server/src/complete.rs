//! Every request runs to completion in a task of its own.
//!
//! When a client goes away, hyper drops the future that serves its request. Dropped in the
//! middle of database work, that future can leave a pooled connection inside a transaction
//! nothing will end (sqlx issues 3932 and 4393): later writes then jam, or land in that
//! transaction and are lost although they were acknowledged. Running the handler in a spawned
//! task means dropping the request's future only stops waiting for the answer; the work itself
//! commits or rolls back exactly as it would have. The same holds for the request deadline:
//! past it the client gets a 503 with `Retry-After`, and the work still finishes.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long a client waits for an answer before it gets a 503 (the work goes on).
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(30);
/// Photo uploads carry up to 5 MiB from phones on slow links.
pub const UPLOAD_DEADLINE: Duration = Duration::from_secs(120);

pub fn deadline_for(path: &str) -> Duration {
    if path == "/v1/photos" {
        UPLOAD_DEADLINE
    } else {
        REQUEST_DEADLINE
    }
}

pub async fn run_to_completion(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let deadline = deadline_for(req.uri().path());
    let body = if req.uri().path() == "/v1/photos" { state.config.body_timeout * 12 } else { state.config.body_timeout };
    req.extensions_mut().insert(crate::json::BodyDeadline(body));
    let task = tokio::spawn(next.run(req));
    match tokio::time::timeout(deadline, task).await {
        Ok(Ok(response)) => response,
        // The handler panicked: the panic is logged by the runtime; the client gets a 500.
        Ok(Err(join)) => ApiError::Internal(format!("request task failed: {join}")).into_response(),
        Err(_) => {
            tracing::warn!(seconds = deadline.as_secs(), "request over its deadline; answered 503, work continues");
            let mut r = ApiError::Unavailable("slow").into_response();
            r.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
            r
        }
    }
}
