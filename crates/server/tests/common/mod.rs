//! Test environments: every test gets its own empty database, a SQLite file in a temporary
//! directory or a new database in the PostgreSQL cluster named by `RK_TEST_POSTGRES_URL`
//! (the test command starts one; see scripts/postgres.sh).
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use retainkit_server::config::Config;
use retainkit_server::{api, db, AppState};
use serde_json::Value;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

pub const ADMIN_KEY: &str = "test-admin-key-0123456789";
pub const TOKEN_SECRET: &str = "test-token-secret-0123456789abcdef";

/// The configuration tests run with: admin API and customer tokens on, no rate limit.
pub fn config() -> Config {
    Config::from_lookup(|k| match k {
        "RK_ADMIN_KEY" => Some(ADMIN_KEY.into()),
        "RK_TOKEN_SECRET" => Some(TOKEN_SECRET.into()),
        "RK_RATE_LIMIT" => Some("0".into()),
        "RK_WWW_DIR" | "RK_DIST_DIR" => Some(String::new()),
        _ => None,
    })
    .unwrap()
}

pub struct Env {
    pub app: Router,
    /// The server's state (for what its background tasks do, e.g. a webhook round).
    pub state: AppState,
    pub db: db::Db,
    /// The database's URL, for a second, independent connection.
    pub url: String,
    /// Where this environment's server keeps photos.
    pub upload_dir: std::path::PathBuf,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = db::connect(&url).await.unwrap();
    let mut cfg = config();
    cfg.upload_dir = dir.path().join("uploads");
    let upload_dir = cfg.upload_dir.clone();
    let state = AppState::new(db.clone(), cfg);
    Env { app: api(state.clone()), state, db, url, upload_dir, _dir: Some(dir) }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// What a PostgreSQL leg does without a PostgreSQL: fails when `RK_REQUIRE_POSTGRES=1` (the
/// test command sets it), else says loudly that it was skipped (`scripts/check.sh`, a laptop).
pub fn no_postgres(test: &str) {
    if std::env::var("RK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
        panic!("RK_TEST_POSTGRES_URL is not set and RK_REQUIRE_POSTGRES=1: start PostgreSQL with scripts/postgres.sh");
    }
    eprintln!("warning: {test}: SKIPPED on PostgreSQL (RK_TEST_POSTGRES_URL is not set; scripts/postgres.sh starts one)");
}

/// `None` when no PostgreSQL is configured (see [`no_postgres`]).
pub async fn postgres() -> Option<Env> {
    let admin = std::env::var("RK_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())?;
    let name = format!("rk_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await.expect("RK_TEST_POSTGRES_URL does not connect");
    sqlx::Executor::execute(&mut conn, format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    let url = format!("{base}/{name}");
    let db = db::connect(&url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config();
    cfg.upload_dir = dir.path().join("uploads");
    let upload_dir = cfg.upload_dir.clone();
    let state = AppState::new(db.clone(), cfg);
    Some(Env { app: api(state.clone()), state, db, url, upload_dir, _dir: Some(dir) })
}

/// Runs each `async fn name(e: Env)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($env:ident: Env) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($env: common::Env) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                run(common::sqlite().await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                match common::postgres().await {
                    Some(e) => run(e).await,
                    None => common::no_postgres(stringify!($name)),
                }
            }
        }
    )*};
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value, HeaderMap) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    (status, v, headers)
}

pub fn post(path: &str, body: &str, key: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        b = b.header("Idempotency-Key", k);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub async fn count(db: &db::Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&db.pool).await.unwrap()
}

/// Counts rows through a new connection of its own: what another process (or the database
/// after a restart) would see, never a pooled connection's uncommitted state.
pub async fn committed_count(url: &str, sql: &str) -> i64 {
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(url).await.unwrap();
    let n = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    let _ = sqlx::Connection::close(conn).await;
    n
}

pub fn admin_get(path: &str) -> Request<Body> {
    Request::get(path).header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}")).body(Body::empty()).unwrap()
}

pub fn admin_put(path: &str, body: Value) -> Request<Body> {
    Request::put(path)
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Defines an NPS survey on the server (answers to unknown surveys are refused).
pub async fn define_nps(app: &Router, id: &str) {
    let def = serde_json::json!({"id": id, "kind": "nps", "question": {"en": "How likely are you to recommend us?"},
                                 "display": {"triggers": [{"type": "page_view", "delay_seconds": 0}], "recontact": {"type": "once"}, "placement": "inline"}});
    let (s, v, _) = send(app, admin_put(&format!("/v1/admin/surveys/{id}"), def)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// A request with the admin key and, if given, a JSON body.
pub fn admin(method: &str, path: &str, body: Option<Value>) -> Request<Body> {
    let b = Request::builder().method(method).uri(path).header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"));
    match body {
        Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
        None => b.body(Body::empty()).unwrap(),
    }
}

/// A loyalty program with three tiers (bronze 0, silver 300, gold 1,000 lifetime points).
pub fn loyalty_program() -> Value {
    serde_json::json!({
        "name": {"en": "Toko Points"},
        "tiers": [{"id": "bronze", "name": {"en": "Bronze"}, "threshold": 0},
                  {"id": "silver", "name": {"en": "Silver"}, "threshold": 300},
                  {"id": "gold", "name": {"en": "Gold"}, "threshold": 1000}],
        "ways_to_earn": [{"kind": "purchase", "label": {"en": "Shop"}, "points": 1},
                         {"kind": "review", "label": {"en": "Write a review"}, "points": 50}],
        "rewards": [{"id": "ten-off", "name": {"en": "10% off"}, "cost": 30, "discount": {"type": "percent", "percent": 10}}],
        "referral_base_url": "https://shop.example/"
    })
}

/// The status, headers and body text of an answer (CSV and the like).
pub async fn send_text(app: &Router, req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}
