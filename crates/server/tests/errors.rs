//! Every refusal has the contract's error shape, with the names of the fields at fault.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{get, post, send};
use retainkit_server::{api, AppState};
use serde_json::Value;

fn assert_shape(v: &Value) {
    let e = v.get("error").unwrap_or_else(|| panic!("no error object in {v}"));
    assert!(e["code"].is_string() && e["message"].is_string(), "{v}");
}

on_both_databases! {
    async fn query_path_and_body_refusals_name_the_field(e: Env) {
        for (req, field, code) in [
            (get("/v1/products/p1/reviews?limit=abc"), "limit", "invalid"),
            (get("/v1/products/p1/reviews?sort=random"), "sort", "invalid"),
            (get("/v1/offers/active"), "url", "required"),
            (post("/v1/reviews/abc/helpful", r#"{"visitor_id":"v-1"}"#, None), "review_id", "invalid"),
            (post("/v1/surveys/nps/responses/xyz", "{}", None), "", ""),
        ] {
            let (s, v, _) = send(&e.app, req).await;
            assert_shape(&v);
            if field.is_empty() {
                assert!(s.is_client_error(), "{s}");
            } else {
                assert_eq!((s, v["error"]["fields"][field].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{v}");
            }
        }
        let bad_auth = Request::get("/v1/admin/reviews").header(header::AUTHORIZATION, "Basic abc").body(Body::empty()).unwrap();
        let (s, v, _) = send(&e.app, bad_auth).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_shape(&v);
    }

    async fn too_many_writes_get_429_with_retry_after(e: Env) {
        let mut cfg = common::config();
        cfg.rate_limit_per_minute = 6; // a burst of 2
        let app = api(AppState::new(e.db.clone(), cfg));
        let mut last = None;
        for _ in 0..3 {
            last = Some(send(&app, post("/v1/surveys/nps/responses", r#"{"score":9}"#, None)).await);
        }
        let (s, v, h) = last.unwrap();
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited")));
        assert!(h.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse::<u32>().unwrap() >= 1);
        // Reads are not limited.
        assert_eq!(send(&app, get("/v1/products/p1/reviews")).await.0, StatusCode::OK);
    }
}

on_both_databases! {
    async fn demo_data_is_written_once_and_reads_back(e: Env) {
        assert!(retainkit_server::seed::demo(&e.db).await.unwrap());
        assert!(!retainkit_server::seed::demo(&e.db).await.unwrap(), "only once");
        let (_, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews")).await;
        assert_eq!((v["summary"]["count"].as_i64(), v["summary"]["average"].as_f64()), (Some(6), Some(4.3)));
        let (_, v, _) = send(&e.app, get("/v1/offers/active?url=/products/batik-parang&locale=id")).await;
        assert_eq!(v["offer"]["code"], "STAY10");
        let (_, v, _) = send(&e.app, get("/v1/loyalty/program")).await;
        assert_eq!(v["tiers"].as_array().unwrap().len(), 3);
        assert_eq!(common::count(&e.db, "survey_definitions").await, 2);
    }
}

/// Another process holds the SQLite write lock longer than the busy timeout: the write is
/// answered 503 with Retry-After (never 500), and goes through once the lock is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_sqlite_database_answers_503_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let db = retainkit_server::db::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let app = api(AppState::new(db.clone(), common::config()));
    common::define_nps(&app, "nps").await;
    let mut other = <sqlx::AnyConnection as sqlx::Connection>::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    sqlx::Executor::execute(&mut other, "BEGIN EXCLUSIVE").await.unwrap();
    let (s, v, h) = send(&app, post("/v1/surveys/nps/responses", r#"{"score":7}"#, None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("busy")));
    assert_eq!(h.get(header::RETRY_AFTER).unwrap(), "1");
    sqlx::Executor::execute(&mut other, "ROLLBACK").await.unwrap();
    let (s, _, _) = send(&app, post("/v1/surveys/nps/responses", r#"{"score":7}"#, None)).await;
    assert_eq!(s, StatusCode::CREATED);
}
