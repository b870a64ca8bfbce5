//! Who is calling.
//!
//! - **Customers** are identified by a short-lived HS256 JWT that the shop's own server signs
//!   with the shared secret (`RK_TOKEN_SECRET`): `sub` is the customer id, `aud` must be
//!   `RK_TOKEN_AUDIENCE` (default `retainkit`), `exp` at most 15 minutes after `iat`.
//!   Forged, expired or other-audience tokens are refused with 401.
//! - **Staff** call admin endpoints with `Authorization: Bearer <RK_ADMIN_KEY>`, or from the
//!   merchant console with a session cookie and its CSRF token (`crate::session`).

use crate::error::ApiError;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Longest token lifetime accepted (`exp − iat`).
pub const MAX_TOKEN_SECONDS: i64 = 15 * 60;
/// Clock difference tolerated between the shop's server and ours.
pub const LEEWAY_SECONDS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Malformed,
    BadSignature,
    Expired,
    WrongAudience,
    TooLong,
}

impl TokenError {
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Malformed => "token_malformed",
            TokenError::BadSignature => "token_invalid",
            TokenError::Expired => "token_expired",
            TokenError::WrongAudience => "token_wrong_audience",
            TokenError::TooLong => "token_lifetime_too_long",
        }
    }
}

fn mac(secret: &[u8]) -> Hmac<Sha256> {
    Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length")
}

/// Signs customer claims as the shop's server would.
pub fn sign(claims: &Claims, secret: &[u8]) -> String {
    sign_claims(claims, secret)
}

/// Checks the signature (HS256 only, never `none`) and returns the decoded payload.
fn verified_payload(token: &str, secret: &[u8]) -> Result<Vec<u8>, TokenError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(TokenError::Malformed);
    };
    let header: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).map_err(|_| TokenError::Malformed)?).map_err(|_| TokenError::Malformed)?;
    if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(TokenError::BadSignature);
    }
    let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| TokenError::Malformed)?;
    let mut m = mac(secret);
    m.update(h.as_bytes());
    m.update(b".");
    m.update(p.as_bytes());
    let expected = m.finalize().into_bytes();
    if expected.as_slice().ct_eq(&sig).unwrap_u8() != 1 {
        return Err(TokenError::BadSignature);
    }
    URL_SAFE_NO_PAD.decode(p).map_err(|_| TokenError::Malformed)
}

fn check_times(iat: i64, exp: i64, max_lifetime: i64, now: i64) -> Result<(), TokenError> {
    if exp + LEEWAY_SECONDS < now {
        return Err(TokenError::Expired);
    }
    if exp - iat > max_lifetime || iat > now + LEEWAY_SECONDS {
        return Err(TokenError::TooLong);
    }
    Ok(())
}

/// Checks a customer token and returns its claims.
pub fn verify(token: &str, secret: &[u8], audience: &str, now: i64) -> Result<Claims, TokenError> {
    let claims: Claims = serde_json::from_slice(&verified_payload(token, secret)?).map_err(|_| TokenError::Malformed)?;
    if claims.aud != audience {
        return Err(TokenError::WrongAudience);
    }
    check_times(claims.iat, claims.exp, MAX_TOKEN_SECONDS, now)?;
    if !retainkit_contract::is_valid_id(&claims.sub) {
        return Err(TokenError::Malformed);
    }
    Ok(claims)
}

/// The audience of order tokens.
pub const ORDER_AUDIENCE: &str = "retainkit-order";
/// Order tokens travel in review-request e-mails: they may live up to 180 days.
pub const MAX_ORDER_TOKEN_SECONDS: i64 = 180 * 24 * 3600;

/// What the shop signs to say "this customer bought this product": the review is verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderClaims {
    /// The customer id.
    pub sub: String,
    pub aud: String,
    pub product_id: String,
    #[serde(default)]
    pub order_id: Option<String>,
    pub iat: i64,
    pub exp: i64,
}

pub fn verify_order_token(token: &str, secret: &[u8], product_id: &str, now: i64) -> Result<OrderClaims, TokenError> {
    let c: OrderClaims = serde_json::from_slice(&verified_payload(token, secret)?).map_err(|_| TokenError::Malformed)?;
    if c.aud != ORDER_AUDIENCE || c.product_id != product_id {
        return Err(TokenError::WrongAudience);
    }
    check_times(c.iat, c.exp, MAX_ORDER_TOKEN_SECONDS, now)?;
    Ok(c)
}

/// Signs any claims (the demo endpoint and the tests play the shop's server with it).
pub fn sign_claims<T: Serialize>(claims: &T, secret: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let signing_input = format!("{header}.{payload}");
    let mut m = mac(secret);
    m.update(signing_input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    format!("{signing_input}.{sig}")
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    bearer_of(&parts.headers)
}

fn bearer_of(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

fn unauthorized(code: &'static str, message: &str) -> ApiError {
    ApiError::Status(StatusCode::UNAUTHORIZED, code, message.to_owned())
}

/// A signed-in customer, from a valid token.
pub struct Customer(pub String);

impl FromRequestParts<AppState> for Customer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(secret) = state.config.token_secret.as_deref() else {
            return Err(unauthorized("customer_tokens_disabled", "This server has no RK_TOKEN_SECRET: customers cannot sign in."));
        };
        let token = bearer(parts).ok_or_else(|| unauthorized("token_missing", "Send the customer token as `Authorization: Bearer …`."))?;
        verify(token, secret.as_bytes(), &state.config.token_audience, crate::db::now())
            .map(|c| Customer(c.sub))
            .map_err(|e| unauthorized(e.code(), "The customer token was refused."))
    }
}

/// The shop's staff: the admin key (`Authorization: Bearer`), or a console session
/// (`crate::session`).
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.admin_key.is_none() {
            return Err(unauthorized("admin_disabled", "This server has no RK_ADMIN_KEY: the admin API is off."));
        }
        if bearer_of(&parts.headers).is_some() {
            return if is_admin(&parts.headers, state) {
                Ok(Admin)
            } else {
                Err(unauthorized("admin_key_invalid", "The admin key is missing or wrong."))
            };
        }
        // The merchant console: a session cookie, and its CSRF token on every change.
        match crate::session::of_request(&parts.headers, state).await? {
            Some(session) => crate::session::check_change(parts, &session).map(|()| Admin),
            None => Err(unauthorized("admin_key_invalid", "The admin key is missing or wrong, or the console session has ended.")),
        }
    }
}

/// Whether the request carries the admin key (compared in constant time).
pub fn is_admin(headers: &axum::http::HeaderMap, state: &AppState) -> bool {
    let Some(key) = state.config.admin_key.as_deref() else { return false };
    bearer_of(headers).is_some_and(|g| g.as_bytes().ct_eq(key.as_bytes()).unwrap_u8() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"shared-secret-of-the-shop";

    fn claims(now: i64) -> Claims {
        Claims { sub: "cust-42".into(), aud: "retainkit".into(), iat: now, exp: now + 300 }
    }

    #[test]
    fn a_good_token_passes() {
        let t = sign(&claims(1000), SECRET);
        assert_eq!(verify(&t, SECRET, "retainkit", 1100).unwrap().sub, "cust-42");
    }

    #[test]
    fn forged_expired_and_foreign_tokens_fail() {
        let now = 1000;
        let t = sign(&claims(now), SECRET);
        assert_eq!(verify(&t, b"another secret", "retainkit", now), Err(TokenError::BadSignature));
        assert_eq!(verify(&t, SECRET, "retainkit", now + 301 + LEEWAY_SECONDS), Err(TokenError::Expired));
        assert_eq!(verify(&t, SECRET, "other-app", now), Err(TokenError::WrongAudience));
        let long = sign(&Claims { exp: now + MAX_TOKEN_SECONDS + 1, ..claims(now) }, SECRET);
        assert_eq!(verify(&long, SECRET, "retainkit", now), Err(TokenError::TooLong));
        // A payload swapped for another customer's keeps the old signature: refused.
        let (h, rest) = t.split_once('.').unwrap();
        let sig = rest.rsplit_once('.').unwrap().1;
        let other = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&Claims { sub: "cust-1".into(), ..claims(now) }).unwrap());
        assert_eq!(verify(&format!("{h}.{other}.{sig}"), SECRET, "retainkit", now), Err(TokenError::BadSignature));
        // alg "none" is never accepted.
        let none = format!("{}.{}.", URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#), other);
        assert!(verify(&none, SECRET, "retainkit", now).is_err());
        assert_eq!(verify("not a token", SECRET, "retainkit", now), Err(TokenError::Malformed));
    }

    #[test]
    fn order_tokens_name_the_product() {
        let now = 1_000_000;
        let c = OrderClaims {
            sub: "cust-42".into(),
            aud: ORDER_AUDIENCE.into(),
            product_id: "batik-parang".into(),
            order_id: Some("o-1".into()),
            iat: now,
            exp: now + 30 * 86400,
        };
        let t = sign_claims(&c, SECRET);
        assert_eq!(verify_order_token(&t, SECRET, "batik-parang", now + 86400).unwrap().sub, "cust-42");
        assert_eq!(verify_order_token(&t, SECRET, "other-product", now), Err(TokenError::WrongAudience));
        assert_eq!(verify_order_token(&t, b"forged", "batik-parang", now), Err(TokenError::BadSignature));
        // A customer token is not an order token.
        let customer = sign(&claims(now), SECRET);
        assert!(verify_order_token(&customer, SECRET, "batik-parang", now).is_err());
    }
}
