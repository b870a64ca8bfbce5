//! Staff sessions for the merchant console. The admin key is typed once and exchanged for a
//! random session token in an `HttpOnly; Secure; SameSite=Strict` cookie: the key is never kept
//! in the browser, and page scripts cannot read the cookie. Every change made with a session
//! also needs its CSRF token in `X-CSRF-Token`, and is refused when the browser says the
//! request comes from another site (`Sec-Fetch-Site`, `Origin`). Sign-in is rate-limited per
//! network; a session ends after 2 idle hours, 12 hours at most, or on sign-out.
//!
//! Servers and scripts keep using `Authorization: Bearer <RK_ADMIN_KEY>` (no cookie, no CSRF).

use crate::client::Client;
use crate::db::now;
use crate::error::ApiError;
use crate::json::JsonBody;
use crate::ratelimit::Rate;
use crate::AppState;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use retainkit_contract::admin::{AdminSession, SignIn};
use retainkit_contract::ErrorBody;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const COOKIE: &str = "rk_admin";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// A session ends after this many seconds without a request…
pub const IDLE_SECONDS: i64 = 2 * 3600;
/// …and after this many at most.
pub const MAX_SECONDS: i64 = 12 * 3600;
/// Sign-in tries per network: 5 at once, then one every 12 seconds.
const SIGN_IN_RATE: Rate = Rate { per_minute: 5, burst: 5 };

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn cookie_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .filter(|t| !t.is_empty())
}

fn set_cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE}={token}; HttpOnly; Secure; SameSite=Strict; Path=/v1/admin; Max-Age={max_age}")
}

fn refused(status: StatusCode, code: &'static str, message: &str) -> ApiError {
    ApiError::Status(status, code, message.to_owned())
}

/// A valid session: its id (the token's hash) and CSRF token.
pub struct Session {
    id: String,
    csrf: String,
    expires_at: i64,
}

/// The session the request's cookie names, if it is valid now (its last use is noted).
pub async fn of_request(headers: &HeaderMap, state: &AppState) -> Result<Option<Session>, ApiError> {
    let Some(token) = cookie_of(headers) else { return Ok(None) };
    let now = now();
    let id = hash(token);
    let row: Option<(String, i64, i64)> =
        sqlx::query_as("SELECT csrf, last_seen_at, expires_at FROM admin_sessions WHERE id = $1 AND expires_at > $2 AND last_seen_at > $3")
            .bind(&id)
            .bind(now)
            .bind(now - IDLE_SECONDS)
            .fetch_optional(&state.db.pool)
            .await?;
    let Some((csrf, last_seen, expires_at)) = row else { return Ok(None) };
    // Noted at most once a minute (no write per request).
    if now - last_seen >= 60 {
        sqlx::query("UPDATE admin_sessions SET last_seen_at = $1 WHERE id = $2").bind(now).bind(&id).execute(&state.db.pool).await?;
    }
    Ok(Some(Session { id, csrf, expires_at }))
}

/// Whether a request made with a session may change something: its CSRF token, and no sign
/// of another site.
pub fn check_change(parts: &Parts, session: &Session) -> Result<(), ApiError> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let headers = &parts.headers;
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin_host = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(|o| o.split_once("://").map_or(o, |(_, h)| h));
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s != "same-origin") || origin_host.is_some_and(|o| Some(o) != host) {
        return Err(refused(StatusCode::FORBIDDEN, "cross_site", "A change from another site is refused."));
    }
    let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    if sent.as_bytes().ct_eq(session.csrf.as_bytes()).unwrap_u8() != 1 {
        return Err(refused(StatusCode::FORBIDDEN, "csrf_invalid", "The X-CSRF-Token header is missing or wrong."));
    }
    Ok(())
}

/// Signs in with the admin key: sets the session cookie and answers the CSRF token.
#[utoipa::path(post, path = "/v1/admin/session", tag = "console", operation_id = "sign_in", request_body = SignIn,
    responses((status = 201, body = AdminSession, headers(("Set-Cookie" = String, description = "rk_admin=…; HttpOnly; Secure; SameSite=Strict"))),
              (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in(State(state): State<AppState>, client: Client, body: JsonBody<SignIn>) -> Result<Response, ApiError> {
    let Some(key) = state.config.admin_key.as_deref() else {
        return Err(refused(StatusCode::UNAUTHORIZED, "admin_disabled", "This server has no RK_ADMIN_KEY: the admin API is off."));
    };
    state.limiter.take(&format!("sign-in:{}", client.network), SIGN_IN_RATE, crate::db::now_ms()).await?;
    if body.value.key.trim().as_bytes().ct_eq(key.as_bytes()).unwrap_u8() != 1 {
        tracing::warn!(network = %client.network, "console sign-in refused");
        return Err(refused(StatusCode::UNAUTHORIZED, "admin_key_invalid", "The admin key is wrong."));
    }
    let (token, csrf, now) = (random_token(), random_token(), now());
    let expires_at = now + MAX_SECONDS;
    sqlx::query("INSERT INTO admin_sessions (id, csrf, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")
        .bind(hash(&token))
        .bind(&csrf)
        .bind(now)
        .bind(expires_at)
        .execute(&state.db.pool)
        .await?;
    tracing::info!(network = %client.network, "console signed in");
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, set_cookie(&token, MAX_SECONDS)), (header::CACHE_CONTROL, "no-store".to_owned())],
        Json(AdminSession { csrf_token: csrf, expires_at }),
    )
        .into_response())
}

fn signed_out() -> ApiError {
    refused(StatusCode::UNAUTHORIZED, "session_invalid", "Not signed in, or the session has ended.")
}

/// The current session (the console reads its CSRF token after a reload).
#[utoipa::path(get, path = "/v1/admin/session", tag = "console", operation_id = "current_session",
    responses((status = 200, body = AdminSession), (status = 401, body = ErrorBody)))]
pub async fn current(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let s = of_request(&headers, &state).await?.ok_or_else(signed_out)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(AdminSession { csrf_token: s.csrf, expires_at: s.expires_at })).into_response())
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[utoipa::path(delete, path = "/v1/admin/session", tag = "console", operation_id = "sign_out",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn sign_out(State(state): State<AppState>, req: axum::extract::Request) -> Result<Response, ApiError> {
    let (parts, _) = req.into_parts();
    let s = of_request(&parts.headers, &state).await?.ok_or_else(signed_out)?;
    check_change(&parts, &s)?;
    sqlx::query("DELETE FROM admin_sessions WHERE id = $1").bind(&s.id).execute(&state.db.pool).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, set_cookie("", 0))]).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("theme=dark; rk_admin=abc_DEF-1; other=x"));
        assert_eq!(cookie_of(&h), Some("abc_DEF-1"));
        h.insert(header::COOKIE, HeaderValue::from_static("rk_administrator=x; rk_admin="));
        assert_eq!(cookie_of(&h), None);
        assert!(set_cookie("t", 60).contains("HttpOnly; Secure; SameSite=Strict"));
        assert_eq!(hash("a").len(), 64);
        assert_ne!(random_token(), random_token());
    }
}
