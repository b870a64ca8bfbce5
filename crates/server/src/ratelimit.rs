//! Write limits that fit real shops.
//!
//! Every request that writes (any method but GET/HEAD/OPTIONS, and the offer lookup that
//! makes a unique code) takes a token from two buckets:
//! - the shopper's: their network (see `client.rs`) and the visitor id the widget sends in
//!   `RK-Visitor` — `RK_RATE_LIMIT` per minute (default 60), bursts of a third of that;
//! - the network's: `RK_RATE_LIMIT_NETWORK` per minute (default ten times that), so one office
//!   or mobile carrier NAT never locks out a shop, and rotating visitor ids buys nothing.
//!
//! The staff (a valid admin key) are not limited. Over a limit → 429 with `Retry-After`; a body
//! the client already started sending is read first (up to the JSON limit), so the connection
//! stays usable, or the answer says `Connection: close`.
//!
//! The buckets are GCRA (the theoretical arrival time of the next request): in memory with
//! SQLite (one server process), in the `rate_buckets` table with PostgreSQL, so that every
//! server process behind a load balancer counts against the same limit.

use crate::client::Client;
use crate::db::{now_ms, Backend, Db};
use crate::error::ApiError;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// The header the widget names its visitor in.
pub const VISITOR_HEADER: &str = "rk-visitor";

/// One bucket's rule: `per_minute` on average, `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

impl Rate {
    pub fn per_minute(per_minute: u32) -> Rate {
        Rate { per_minute, burst: (per_minute / 3).max(1) }
    }

    fn interval_ms(self) -> i64 {
        (60_000 / self.per_minute.max(1) as i64).max(1)
    }

    /// GCRA: the next theoretical arrival time if this request is let through, or how many
    /// milliseconds to wait.
    pub fn check(self, tat: Option<i64>, now_ms: i64) -> Result<i64, i64> {
        let t = self.interval_ms();
        let next = tat.unwrap_or(now_ms).max(now_ms) + t;
        let over = next - now_ms - t * self.burst as i64;
        if over <= 0 {
            Ok(next)
        } else {
            Err(over)
        }
    }
}

enum Store {
    Memory(Mutex<HashMap<String, i64>>),
    Database(Db),
}

pub struct Limiter {
    shopper: Option<Rate>,
    network: Option<Rate>,
    store: Store,
}

impl Limiter {
    pub fn new(config: &crate::config::Config, db: &Db) -> Limiter {
        let rate = |n: u32| (n > 0).then(|| Rate::per_minute(n));
        Limiter {
            shopper: rate(config.rate_limit_per_minute),
            network: rate(config.network_rate_limit_per_minute),
            store: match db.backend {
                Backend::Postgres => Store::Database(db.clone()),
                Backend::Sqlite => Store::Memory(Mutex::new(HashMap::new())),
            },
        }
    }

    /// Takes a token from `key`'s bucket: `Ok`, or `Err(seconds to wait)`.
    pub async fn take(&self, key: &str, rate: Rate, now: i64) -> Result<(), ApiError> {
        let waited = match &self.store {
            Store::Memory(map) => {
                let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
                if map.len() > 100_000 {
                    map.retain(|_, tat| *tat > now);
                }
                let r = rate.check(map.get(key).copied(), now);
                if let Ok(next) = r {
                    map.insert(key.to_owned(), next);
                }
                r.map(|_| ())
            }
            Store::Database(db) => take_in_database(db, key, rate, now).await?,
        };
        waited.map_err(|ms| ApiError::RateLimited(((ms + 999) / 1000).max(1) as u32))
    }

    pub async fn admit(&self, client: &Client, visitor: &str) -> Result<(), ApiError> {
        let now = now_ms();
        if let Some(rate) = self.network {
            self.take(&format!("n:{}", client.network), rate, now).await?;
        }
        if let Some(rate) = self.shopper {
            self.take(&format!("v:{}:{visitor}", client.network), rate, now).await?;
        }
        Ok(())
    }
}

/// One statement: the bucket moves only when the request is let through, so concurrent
/// requests on several server processes can never overdraw it.
async fn take_in_database(db: &Db, key: &str, rate: Rate, now: i64) -> Result<Result<(), i64>, ApiError> {
    let (t, tolerance) = (rate.interval_ms(), rate.interval_ms() * rate.burst as i64);
    let next: Option<i64> = sqlx::query_scalar(
        "INSERT INTO rate_buckets (key, tat) VALUES ($1, $2 + $3)
         ON CONFLICT (key) DO UPDATE SET tat = GREATEST(rate_buckets.tat, $2) + $3
         WHERE GREATEST(rate_buckets.tat, $2) - $2 <= $4 - $3
         RETURNING tat",
    )
    .bind(key)
    .bind(now)
    .bind(t)
    .bind(tolerance)
    .fetch_optional(&db.pool)
    .await?;
    if next.is_some() {
        return Ok(Ok(()));
    }
    let tat: Option<i64> = sqlx::query_scalar("SELECT tat FROM rate_buckets WHERE key = $1").bind(key).fetch_optional(&db.pool).await?;
    Ok(rate.check(tat, now).map(|_| ()))
}

/// Does this request write? Reads are not limited, except the one that makes a unique
/// offer code for the visitor it names.
fn writes(req: &Request) -> bool {
    match *req.method() {
        Method::GET | Method::HEAD => {
            req.uri().path() == "/v1/offers/active" && req.uri().query().is_some_and(|q| q.contains("visitor_id="))
        }
        Method::OPTIONS => false,
        _ => true,
    }
}

pub async fn limit_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !writes(&req) || crate::auth::is_admin(req.headers(), &state) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let client = Client::from_parts(&parts, &state.config.trusted_proxies);
    // The widget names its visitor in a header; the offer lookup names it in its query.
    let from_query = || {
        let q = parts.uri.query()?;
        form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "visitor_id").map(|(_, v)| v.into_owned())
    };
    let visitor = parts
        .headers
        .get(VISITOR_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(from_query)
        .filter(|v| retainkit_contract::is_valid_id(v))
        .unwrap_or_default();
    match state.limiter.admit(&client, &visitor).await {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(refusal) => {
            let keep_alive = drain(&parts.headers, body).await;
            let mut r = refusal.into_response();
            if !keep_alive {
                r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            r
        }
    }
}

/// Reads and drops a small body the client is sending, so the connection can carry the next
/// request. `false` when the body is large, unannounced or slow: the connection then closes.
async fn drain(headers: &axum::http::HeaderMap, body: Body) -> bool {
    let announced = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    match announced {
        Some(0) => true,
        Some(n) if n <= crate::BODY_LIMIT => {
            tokio::time::timeout(Duration::from_secs(2), axum::body::to_bytes(body, crate::BODY_LIMIT)).await.is_ok_and(|r| r.is_ok())
        }
        None if headers.get(header::TRANSFER_ENCODING).is_none() => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcra_bursts_then_refills() {
        let rate = Rate::per_minute(60); // one a second, bursts of 20
        let mut tat = None;
        for _ in 0..20 {
            tat = Some(rate.check(tat, 0).expect("within the burst"));
        }
        assert_eq!(rate.check(tat, 0), Err(1000), "the 21st waits a second");
        assert!(rate.check(tat, 1000).is_ok(), "and goes through a second later");
        assert!(rate.check(tat, 999).is_err());
        assert_eq!(Rate::per_minute(1).burst, 1);
    }
}
