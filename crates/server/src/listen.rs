//! Accepting connections, with bounds a public server needs (axum's own `serve` sets none):
//! - at most `RK_MAX_CONNECTIONS` open at once; a connection over the cap is closed at once;
//! - a new connection must send its first byte within [`FIRST_BYTE`] (a second when fewer
//!   than a tenth of the slots are free), then a request's headers within the header timeout;
//!   an idle keep-alive connection is closed after the same time (hyper's header timer also
//!   runs while it waits for the next request), so slowloris and idle floods hold a slot for
//!   seconds, and a shopper is served again soon after a flood fills every slot;
//! - bodies are bounded in size and time by the extractors (`json.rs`), whole requests by
//!   their deadline (`complete.rs`);
//! - on shutdown, connections finish their requests (up to 10 s) before the process ends.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Time a new connection has to send its first byte (browsers send at once; a preconnected
/// socket that idles longer is simply opened again).
pub const FIRST_BYTE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    /// Time to send a request's headers, and most time a keep-alive connection idles.
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_connections: 1024, header_timeout: Duration::from_secs(10) }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let refused = AtomicU64::new(0);
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(Some(limits.header_timeout)).keep_alive_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            let n = refused.fetch_add(1, Ordering::Relaxed);
            if n.is_power_of_two() {
                tracing::warn!(refused = n + 1, max = limits.max_connections, "connection cap reached; closing new connections");
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        // Under pressure, silent connections get a second, not three.
        let first_byte = if slots.available_permits() * 10 < limits.max_connections { Duration::from_secs(1) } else { FIRST_BYTE };
        let first_byte = first_byte.min(limits.header_timeout);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req)
        });
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            // hyper waits for the first bytes (to tell HTTP/1 from HTTP/2) without a timer.
            let mut byte = [0u8; 1];
            if !matches!(tokio::time::timeout(first_byte, stream.peek(&mut byte)).await, Ok(Ok(n)) if n > 0) {
                drop(slot);
                return;
            }
            let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            if let Err(e) = watcher.watch(conn.into_owned()).await {
                tracing::debug!(error = %e, %peer, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(Duration::from_secs(10)) => tracing::warn!("connections still open after 10 s; stopping anyway"),
    }
    Ok(())
}
