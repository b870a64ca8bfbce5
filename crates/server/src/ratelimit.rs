//! A token bucket per client address for writes: `RK_RATE_LIMIT` per minute with a burst of
//! a third of that; over it → 429 with `Retry-After`.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

pub struct Limiter {
    per_minute: u32,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(per_minute: u32) -> Limiter {
        Limiter { per_minute, burst: (per_minute as f64 / 3.0).max(1.0), buckets: Mutex::new(HashMap::new()) }
    }

    /// `Ok` takes a token; `Err(seconds)` says when the next one is there.
    pub fn take(&self, who: IpAddr, now: Instant) -> Result<(), u32> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let rate = self.per_minute as f64 / 60.0;
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 50_000 {
            // Forget clients whose bucket has refilled.
            map.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < self.burst);
        }
        let (tokens, at) = map.entry(who).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate).ceil().max(1.0) as u32)
        }
    }
}

pub async fn limit_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let who = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    match state.limiter.take(who, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let mut r = ApiError::Status(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "Too many requests; try again later.".to_owned())
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bursts_then_refills() {
        let l = Limiter::new(60); // 1/s, burst 20
        let ip = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let t0 = Instant::now();
        for _ in 0..20 {
            assert_eq!(l.take(ip, t0), Ok(()));
        }
        assert_eq!(l.take(ip, t0), Err(1));
        // Another client is not affected.
        assert_eq!(l.take(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)), t0), Ok(()));
        assert_eq!(l.take(ip, t0 + Duration::from_millis(1100)), Ok(()));
        assert!(Limiter::new(0).take(ip, t0).is_ok());
    }
}
