//! The survey endpoints against a real SQLite file in a temporary directory.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use retainkit_server::{api, db, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Env {
    app: Router,
    db: db::Db,
    _dir: tempfile::TempDir,
}

async fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = db::connect(&url).await.unwrap();
    Env { app: api(AppState { db: db.clone() }), db, _dir: dir }
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into())) };
    (status, v, headers)
}

fn post(path: &str, body: &str, key: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        b = b.header("Idempotency-Key", k);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

async fn count(db: &db::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses").fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn an_answer_is_stored_and_counted() {
    let e = env().await;
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps-home/responses", r#"{"score":9,"comment":"  Fast delivery  ","locale":"pl"}"#, None)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["score"], 9);
    assert_eq!(v["category"], "promoter");
    let (score, comment, locale): (i64, Option<String>, Option<String>) =
        sqlx::query_as("SELECT score, comment, locale FROM survey_responses WHERE id = ?").bind(v["id"].as_i64().unwrap()).fetch_one(&e.db).await.unwrap();
    assert_eq!((score, comment.as_deref(), locale.as_deref()), (9, Some("Fast delivery"), Some("pl")));

    for score in [10, 7, 3, 0] {
        let (s, _, _) = send(&e.app, post("/v1/surveys/nps-home/responses", &format!(r#"{{"score":{score}}}"#), None)).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    // another survey does not count
    send(&e.app, post("/v1/surveys/other/responses", r#"{"score":0}"#, None)).await;
    let (s, v, _) = send(&e.app, Request::get("/v1/surveys/nps-home/nps").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    // promoters 9, 10; passive 7; detractors 3, 0 → (2 − 2) / 5 = 0
    assert_eq!(v, json!({"survey_id":"nps-home","responses":5,"promoters":2,"passives":1,"detractors":2,"nps":0}));
    let (_, v, _) = send(&e.app, Request::get("/v1/surveys/empty/nps").body(Body::empty()).unwrap()).await;
    assert_eq!(v["nps"], Value::Null);
}

#[tokio::test]
async fn bad_input_gets_422_with_field_names_and_stores_nothing() {
    let e = env().await;
    let long = "x".repeat(1001);
    let cases = [
        (r#"{"score":11}"#.to_owned(), "score", "out_of_range"),
        (r#"{"score":-1}"#.to_owned(), "score", "out_of_range"),
        (r#"{"score":"ten"}"#.to_owned(), "score", "invalid"),
        (r#"{"comment":"hi"}"#.to_owned(), "score", "required"),
        (format!(r#"{{"score":5,"comment":"{long}"}}"#), "comment", "too_long"),
    ];
    for (body, field, code) in cases {
        let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", &body, None)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(v["error"]["code"], "validation_failed");
        assert_eq!(v["error"]["fields"][field], code, "{v}");
    }
    let (s, v, _) = send(&e.app, post("/v1/surveys/bad%20id/responses", r#"{"score":1}"#, None)).await;
    assert_eq!((s, v["error"]["fields"]["survey_id"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    assert_eq!(count(&e.db).await, 0);
}

#[tokio::test]
async fn wrong_content_type_size_and_route_use_the_error_shape() {
    let e = env().await;
    let req = Request::post("/v1/surveys/nps/responses").header(header::CONTENT_TYPE, "text/plain").body(Body::from(r#"{"score":1}"#)).unwrap();
    let (s, v, _) = send(&e.app, req).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type")));
    let huge = format!(r#"{{"score":1,"comment":"{}"}}"#, "x".repeat(20_000));
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", &huge, None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large")));
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", "{not json", None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_json")));
    let (s, v, _) = send(&e.app, Request::get("/v1/nothing/here").body(Body::empty()).unwrap()).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(count(&e.db).await, 0);
}

#[tokio::test]
async fn a_replayed_create_returns_the_first_answer_and_stores_one_row() {
    let e = env().await;
    let body = r#"{"score":9,"comment":"Great"}"#;
    let (s1, v1, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0001-abcdef"))).await;
    let (s2, v2, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0001-abcdef"))).await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(v1, v2);
    assert_eq!(count(&e.db).await, 1);
    // same key, another body
    let (s3, v3, _) = send(&e.app, post("/v1/surveys/nps/responses", r#"{"score":2}"#, Some("rk-key-0001-abcdef"))).await;
    assert_eq!((s3, v3["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency_key_reused")));
    // a malformed key
    let (s4, v4, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("x"))).await;
    assert_eq!((s4, v4["error"]["fields"]["Idempotency-Key"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    // a new key is a new answer
    send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0002-abcdef"))).await;
    assert_eq!(count(&e.db).await, 2);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_store_one_row() {
    let e = env().await;
    let body = r#"{"score":4}"#;
    let mut handles = Vec::new();
    for _ in 0..8 {
        let app = e.app.clone();
        handles.push(tokio::spawn(async move { send(&app, post("/v1/surveys/nps/responses", body, Some("rk-same-key-123456"))).await.0 }));
    }
    for h in handles {
        let s = h.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT || s == StatusCode::SERVICE_UNAVAILABLE, "{s}");
    }
    assert_eq!(count(&e.db).await, 1);
}

#[tokio::test]
async fn cors_answers_only_configured_origins() {
    let e = env().await;
    let cfg = retainkit_server::config::Config::from_lookup(|k| match k {
        "RK_ALLOWED_ORIGINS" => Some("https://shop.example".into()),
        "RK_WWW_DIR" | "RK_DIST_DIR" => Some(String::new()),
        _ => None,
    })
    .unwrap();
    let app = retainkit_server::app(&cfg, AppState { db: e.db.clone() });
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/v1/surveys/nps/responses")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,idempotency-key")
            .body(Body::empty())
            .unwrap()
    };
    let (_, _, h) = send(&app, preflight("https://shop.example")).await;
    assert_eq!(h.get("access-control-allow-origin").unwrap(), "https://shop.example");
    let allowed = h.get("access-control-allow-headers").unwrap().to_str().unwrap().to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let (_, _, h) = send(&app, preflight("https://evil.example")).await;
    assert!(h.get("access-control-allow-origin").is_none());
    let (s, v, _) = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!((s, v), (StatusCode::OK, Value::String("ok".into())));
}
