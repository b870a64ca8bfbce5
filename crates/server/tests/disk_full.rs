//! A full disk on SQLite: writes are refused with 503 + `Retry-After` (never 500), nothing
//! acknowledged is lost, and writes work again as soon as there is room — without a restart.
//!
//! The disk fills by a file-size limit (`RLIMIT_FSIZE`) on this test process, which is why
//! this test has a binary of its own.

mod common;

use axum::http::{header, StatusCode};
use common::{committed_count, post, send};

fn set_file_size_limit(bytes: libc::rlim_t) {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut lim), 0);
        lim.rlim_cur = bytes.min(lim.rlim_max);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
    }
}

fn largest_file(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).max().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_answers_503_loses_nothing_and_recovers_without_a_restart() {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let e = common::sqlite().await;
    common::define_nps(&e.app, "nps-disk").await;
    let write =
        |i: usize| post("/v1/surveys/nps-disk/responses", &format!(r#"{{"score":{},"comment":"{}"}}"#, i % 11, "x".repeat(900)), None);
    let mut acked = Vec::new();
    for i in 0..5 {
        let (s, v, _) = send(&e.app, write(i)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        acked.push(v["id"].as_i64().unwrap());
    }

    // The disk fills up: no file may grow past 32 KiB above the largest one today.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let dir = std::path::Path::new(e.url.trim_start_matches("sqlite://")).parent().unwrap().to_owned();
    set_file_size_limit(largest_file(&dir) + 32 * 1024);
    let mut refused = None;
    for i in 5..2000 {
        let (s, v, h) = send(&e.app, write(i)).await;
        if s == StatusCode::CREATED {
            acked.push(v["id"].as_i64().unwrap());
            continue;
        }
        refused = Some((s, v, h));
        break;
    }
    let (s, v, h) = refused.expect("the writes never hit the limit");
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("unavailable")), "{v}");
    assert!(h.get(header::RETRY_AFTER).is_some());
    // Still full: still a clear 503, never a 500; not ready (but alive).
    assert_eq!(send(&e.app, write(1)).await.0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(send(&e.app, common::get("/readyz")).await.0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(send(&e.app, common::get("/healthz")).await.0, StatusCode::OK);

    // Room again: the very next writes go through.
    set_file_size_limit(libc::RLIM_INFINITY);
    assert_eq!(send(&e.app, common::get("/readyz")).await.0, StatusCode::OK);
    for i in 0..10 {
        let (s, v, _) = send(&e.app, write(i)).await;
        assert_eq!(s, StatusCode::CREATED, "write {i} after the disk was freed: {v}");
        acked.push(v["id"].as_i64().unwrap());
    }
    let ids: Vec<String> = acked.iter().map(|i| i.to_string()).collect();
    let sql = format!("SELECT COUNT(*) FROM survey_responses WHERE id IN ({})", ids.join(","));
    assert_eq!(committed_count(&e.url, &sql).await, acked.len() as i64, "acknowledged answers lost");
}
