//! Faults a real shop's traffic brings: clients that give up mid-request. Whatever the client
//! does, a write the server acknowledged is in the database, and the next write works at once.

mod common;

use axum::http::StatusCode;
use common::{committed_count, post, send, Env};
use rand::Rng;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SURVEY: &str = "nps-abort";

async fn define_survey(e: &Env) {
    common::define_nps(&e.app, SURVEY).await;
}

/// The server on a loopback port, as shoppers' browsers reach it.
async fn listen(e: &Env) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = e.app.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// One write over its own connection, given up after `after` by closing the socket:
/// `Some((table, id))` when the server's 201 arrived in time.
async fn write_or_give_up(addr: std::net::SocketAddr, n: usize, after: Duration) -> Option<(&'static str, i64)> {
    let (table, path, body, key) = match n % 3 {
        0 => (
            "survey_responses",
            format!("/v1/surveys/{SURVEY}/responses"),
            format!(r#"{{"score":{}}}"#, n % 11),
            Some(format!("rk-abort-{n:08}")),
        ),
        1 => ("survey_displays", format!("/v1/surveys/{SURVEY}/displays"), format!(r#"{{"visitor_id":"v-{n}"}}"#), None),
        _ => ("survey_responses", format!("/v1/surveys/{SURVEY}/responses"), r#"{"score":10,"comment":"no key"}"#.to_owned(), None),
    };
    let key = key.map(|k| format!("Idempotency-Key: {k}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n{key}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    // Giving up drops the stream: the socket closes under the server's feet.
    tokio::time::timeout(after, stream.read_to_end(&mut answer)).await.ok()?.ok()?;
    let text = String::from_utf8_lossy(&answer);
    if !text.starts_with("HTTP/1.1 201") {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(text.split("\r\n\r\n").nth(1)?).ok()?;
    Some((table, json["id"].as_i64()?))
}

on_both_databases! {
    async fn clients_that_give_up_at_random_points_never_jam_writes_or_lose_acknowledged_ones(e: Env) {
        define_survey(&e).await;
        // 16 clients, 30 writes each, every one abandoned after a random 0–3 ms (most of them
        // in the middle of the database work), as impatient browsers and load tools do.
        let addr = listen(&e).await;
        let mut clients = Vec::new();
        for c in 0..32 {
            clients.push(tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in 0..60 {
                    // Half give up after 0–3 ms, half wait for the answer.
                    let after = {
                        let mut rng = rand::thread_rng();
                        if rng.gen_bool(0.5) { Duration::from_micros(rng.gen_range(0..3000)) } else { Duration::from_secs(5) }
                    };
                    if let Some(a) = write_or_give_up(addr, c * 1000 + i, after).await {
                        acked.push(a);
                    }
                }
                acked
            }));
        }
        let mut acked: Vec<(&str, i64)> = Vec::new();
        for c in clients {
            acked.extend(c.await.unwrap());
        }

        eprintln!("{} of {} writes acknowledged before their client gave up", acked.len(), 32 * 60);
        // Writes work at once: five in a row, each answered 201 well inside a second.
        for i in 0..5 {
            let fresh = tokio::time::timeout(Duration::from_secs(1), send(&e.app, post(&format!("/v1/surveys/{SURVEY}/displays"), &format!(r#"{{"visitor_id":"after-{i}"}}"#), None))).await;
            let (s, v, _) = fresh.expect("a write after the aborts hung");
            assert_eq!(s, StatusCode::CREATED, "a write after the aborts: {v}");
            acked.push(("survey_displays", v["id"].as_i64().unwrap()));
        }

        // Every acknowledged row is committed: seen through a connection of its own.
        for table in ["survey_responses", "survey_displays"] {
            let ids: Vec<String> = acked.iter().filter(|(t, _)| *t == table).map(|(_, id)| id.to_string()).collect();
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE id IN ({})", ids.join(","));
            assert_eq!(committed_count(&e.url, &sql).await, ids.len() as i64, "acknowledged {table} rows missing");
        }
    }

    async fn a_connection_back_in_the_pool_inside_a_transaction_is_rolled_back_not_reused(e: Env) {
        define_survey(&e).await;
        // What a cancelled BEGIN leaves behind: a pooled connection inside a transaction,
        // holding a row nobody will commit (and, on SQLite, the write lock).
        let mut conn = e.db.pool.acquire().await.unwrap();
        let begin = match e.db.backend { retainkit_server::db::Backend::Sqlite => "BEGIN IMMEDIATE", _ => "BEGIN" };
        sqlx::Executor::execute(&mut *conn, begin).await.unwrap();
        sqlx::Executor::execute(&mut *conn, "INSERT INTO survey_displays (survey_id, visitor_id, created_at) VALUES ('stale', 'v-stale', 1)").await.unwrap();
        drop(conn);
        // The next writes are answered at once and are all committed.
        let mut ids = Vec::new();
        for i in 0..20 {
            let fresh = tokio::time::timeout(Duration::from_secs(1), send(&e.app, post(&format!("/v1/surveys/{SURVEY}/displays"), &format!(r#"{{"visitor_id":"next-{i}"}}"#), None))).await;
            let (s, v, _) = fresh.expect("a write after the stale transaction hung");
            assert_eq!(s, StatusCode::CREATED, "{v}");
            ids.push(v["id"].as_i64().unwrap().to_string());
        }
        let sql = format!("SELECT COUNT(*) FROM survey_displays WHERE id IN ({})", ids.join(","));
        assert_eq!(committed_count(&e.url, &sql).await, 20, "writes landed in the stale transaction");
        assert_eq!(committed_count(&e.url, "SELECT COUNT(*) FROM survey_displays WHERE survey_id = 'stale'").await, 0, "the stale row was committed");
    }
}
