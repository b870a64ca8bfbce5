//! What a slow, silent or greedy client can hold: nothing for long. Real sockets against the
//! real listener, with short timeouts.

mod common;

use axum::http::StatusCode;
use retainkit_server::listen::{self, Limits};
use retainkit_server::{api, AppState};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: Duration = Duration::from_millis(600);

async fn start(e: &common::Env, max_connections: usize, rate_limit: u32) -> SocketAddr {
    let mut cfg = common::config();
    cfg.body_timeout = Duration::from_secs(1);
    cfg.rate_limit_per_minute = rate_limit;
    let app = api(AppState::new(e.db.clone(), cfg));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits { max_connections, header_timeout: HEADER_TIMEOUT };
    tokio::spawn(listen::serve(listener, app, limits, std::future::pending()));
    addr
}

/// Reads one HTTP/1.1 answer (headers and a `Content-Length` body) from the stream.
async fn answer(s: &mut TcpStream) -> Option<(u16, String)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let len: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    let mut body = vec![0; len];
    s.read_exact(&mut body).await.ok()?;
    Some((status, head))
}

/// Whether the server closed the connection (EOF) within `within`.
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let mut b = [0u8; 64];
    matches!(tokio::time::timeout(within, s.read(&mut b)).await, Ok(Ok(0)) | Ok(Err(_)))
}

fn display(body: &str) -> String {
    format!(
        "POST /v1/surveys/nps-conn/displays HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_announced_body_is_refused_at_once_and_a_trickling_one_times_out() {
    let e = common::sqlite().await;
    common::define_nps(&e.app, "nps-conn").await;
    let addr = start(&e, 64, 0).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let t = Instant::now();
    s.write_all(b"POST /v1/surveys/nps-conn/responses HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{").await.unwrap();
    let (status, _) = answer(&mut s).await.expect("an answer");
    assert_eq!(status, 413);
    assert!(t.elapsed() < Duration::from_millis(500), "refused without waiting for the body: {:?}", t.elapsed());

    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(
        b"POST /v1/surveys/nps-conn/responses HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"sc",
    )
    .await
    .unwrap();
    let t = Instant::now();
    let (status, _) = tokio::time::timeout(Duration::from_secs(5), answer(&mut s)).await.expect("never answered").expect("an answer");
    assert_eq!(status, 408);
    assert!(t.elapsed() >= Duration::from_millis(900), "{:?}", t.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_keep_alive_connections_are_closed() {
    let e = common::sqlite().await;
    let addr = start(&e, 64, 0).await;
    // Slowloris: half a request line, then silence.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: sh").await.unwrap();
    assert!(closed_within(&mut slow, HEADER_TIMEOUT * 4).await, "a connection that never finishes its headers is closed");
    // A connection that never sends a byte (what an idle flood opens).
    let mut silent = TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(&mut silent, HEADER_TIMEOUT * 4).await, "a silent connection is closed");
    // Keep-alive: one request, then idle.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n").await.unwrap();
    assert_eq!(answer(&mut idle).await.unwrap().0, 200);
    let t = Instant::now();
    assert!(closed_within(&mut idle, HEADER_TIMEOUT * 4).await, "an idle keep-alive connection is closed");
    assert!(t.elapsed() >= HEADER_TIMEOUT / 2, "{:?}", t.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_closed_and_room_comes_back() {
    let e = common::sqlite().await;
    let addr = start(&e, 3, 0).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n").await.unwrap();
        assert_eq!(answer(&mut s).await.unwrap().0, 200);
        held.push(s);
    }
    let mut fourth = TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(&mut fourth, Duration::from_millis(300)).await, "the fourth connection is closed at once");
    drop(held.pop());
    // Once a slot is free, a new connection is served (the server notices the close first).
    let mut served = false;
    for _ in 0..50 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n").await.unwrap();
        if let Some((200, _)) = answer(&mut s).await {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(served);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_silent_connections_holds_the_slots_only_briefly() {
    let e = common::sqlite().await;
    let addr = start(&e, 20, 0).await;
    let mut flood = Vec::new();
    for _ in 0..60 {
        flood.push(TcpStream::connect(addr).await.unwrap());
    }
    // Every slot is taken by silence; a shopper is served again within a couple of seconds.
    let t = Instant::now();
    let mut served = None;
    while t.elapsed() < Duration::from_secs(5) {
        let mut s = TcpStream::connect(addr).await.unwrap();
        if s.write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n").await.is_ok() {
            if let Some((200, _)) = answer(&mut s).await {
                served = Some(t.elapsed());
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let served = served.expect("a shopper was never served during the flood");
    assert!(served < HEADER_TIMEOUT * 3, "{served:?}");
    drop(flood);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_keeps_a_keep_alive_connection_usable() {
    let e = common::sqlite().await;
    common::define_nps(&e.app, "nps-conn").await;
    let addr = start(&e, 64, 3).await; // a burst of one
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(display(r#"{"visitor_id":"v-1"}"#).as_bytes()).await.unwrap();
    assert_eq!(answer(&mut s).await.unwrap().0, 201);
    s.write_all(display(r#"{"visitor_id":"v-1"}"#).as_bytes()).await.unwrap();
    let (status, head) = answer(&mut s).await.unwrap();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS.as_u16());
    assert!(!head.to_ascii_lowercase().contains("connection: close"), "{head}");
    // The same connection carries the next request.
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n").await.unwrap();
    assert_eq!(answer(&mut s).await.expect("the connection stayed open").0, 200);
}
