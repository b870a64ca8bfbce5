//! RetainKit's reference backend: the HTTP/JSON contract of `retainkit-contract` on SQLite.

pub mod auth;
pub mod client;
pub mod complete;
pub mod config;
pub mod db;
pub mod definitions;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod listen;
pub mod loyalty;
pub mod offers;
pub mod openapi;
pub mod ratelimit;
pub mod reviews;
pub mod rewards;
pub mod seed;
pub mod settings;
pub mod sql;
pub mod surveys;
pub mod sweep;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use config::Config;
use error::ApiError;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

/// Largest JSON body accepted by the API.
pub const BODY_LIMIT: usize = 16 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub config: std::sync::Arc<Config>,
    pub limiter: std::sync::Arc<ratelimit::Limiter>,
    salt: std::sync::Arc<tokio::sync::OnceCell<String>>,
}

impl AppState {
    pub fn new(db: db::Db, config: Config) -> AppState {
        let limiter = std::sync::Arc::new(ratelimit::Limiter::new(&config, &db));
        AppState { db, config: std::sync::Arc::new(config), limiter, salt: Default::default() }
    }

    /// The deployment's salt for hashing a client's network into a row (made once, kept in
    /// the database so every server process uses the same).
    pub async fn network_salt(&self) -> Result<&str, error::ApiError> {
        self.salt
            .get_or_try_init(|| settings::get_or_create(&self.db, "network_salt", || rewards::random_code("") + &rewards::random_code("")))
            .await
            .map(String::as_str)
    }
}

/// The API routes alone (what a conformance check talks to).
pub fn api(state: AppState) -> Router {
    Router::new()
        .route("/v1/surveys/active", get(surveys::active))
        .route("/v1/surveys/{survey_id}", get(surveys::get_definition))
        .route("/v1/surveys/{survey_id}/responses", post(surveys::create_response))
        .route("/v1/surveys/{survey_id}/responses/{response_id}", axum::routing::patch(surveys::patch_response))
        .route("/v1/surveys/{survey_id}/displays", post(surveys::display))
        .route("/v1/admin/surveys/{survey_id}", axum::routing::put(surveys::put_definition))
        .route("/v1/admin/surveys/{survey_id}/stats", get(surveys::stats))
        .route("/v1/offers/active", get(offers::active))
        .route("/v1/offers/{offer_id}/events", post(offers::event))
        .route("/v1/offers/{offer_id}/leads", post(offers::lead))
        .route("/v1/admin/offers/{offer_id}", axum::routing::put(offers::put_definition))
        .route("/v1/admin/offers/{offer_id}/stats", get(offers::stats))
        .route("/v1/products/{product_id}/reviews", get(reviews::list).post(reviews::create))
        .route("/v1/reviews/summaries", get(reviews::batch_summaries))
        .route("/v1/reviews/{review_id}/helpful", post(reviews::vote))
        .route("/v1/photos", post(reviews::upload_photo).layer(DefaultBodyLimit::max(retainkit_contract::reviews::PHOTO_BYTES_MAX + 1024)))
        .route("/v1/photos/{photo_id}", get(reviews::photo))
        .route("/v1/admin/reviews", get(reviews::admin_list))
        .route("/v1/admin/reviews/{review_id}/moderation", post(reviews::moderate))
        .route("/v1/admin/reviews/{review_id}/reply", post(reviews::reply))
        .route("/v1/admin/review-settings", get(reviews::get_settings).put(reviews::put_settings))
        .route("/v1/loyalty/program", get(loyalty::get_program))
        .route("/v1/loyalty/me", get(loyalty::me))
        .route("/v1/loyalty/redemptions", post(loyalty::redeem))
        .route("/v1/admin/loyalty/program", axum::routing::put(loyalty::put_program))
        .route("/v1/admin/loyalty/awards", post(loyalty::award))
        .route("/v1/demo/token", post(loyalty::demo_token))
        // Liveness: the process answers. Readiness: the database takes a write.
        .route("/healthz", get(|| async { (StatusCode::OK, "ok").into_response() }))
        .route("/readyz", get(ready))
        .route("/v1/{*rest}", axum::routing::any(|| async { ApiError::not_found("Endpoint") }))
        .method_not_allowed_fallback(|| async {
            ApiError::Status(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not take that method.".to_owned(),
            )
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), ratelimit::limit_writes))
        // Outermost: whatever the client does, the work above runs to its end.
        .layer(axum::middleware::from_fn_with_state(state.clone(), complete::run_to_completion))
        .with_state(state)
}

async fn ready(axum::extract::State(state): axum::extract::State<AppState>) -> axum::response::Response {
    match db::check_writable(&state.db).await {
        Ok(()) => (StatusCode::OK, axum::Json(serde_json::json!({"status": "ready"}))).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

fn cors(origins: &[String]) -> CorsLayer {
    let list: Vec<HeaderValue> = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(list))
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::PUT])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            header::AUTHORIZATION,
            HeaderName::from_static(ratelimit::VISITOR_HEADER),
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// The whole application: API under `/v1`, the built bundle under `/dist`, the demo shop at `/`.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let mut router = api(state);
    if let Some(dist) = &config.dist_dir {
        router = router.nest_service("/dist", ServeDir::new(dist));
    }
    if let Some(www) = &config.www_dir {
        router = router.fallback_service(ServeDir::new(www));
    }
    // One log line per request: method, path, status and latency.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &axum::http::Request<_>| tracing::info_span!("request", method = %req.method(), path = %req.uri().path()))
        .on_request(())
        .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(tower_http::LatencyUnit::Micros));
    router.layer(cors(&config.allowed_origins)).layer(trace)
}

pub async fn serve(mut config: Config) -> Result<(), Box<dyn std::error::Error>> {
    if config.demo && config.token_secret.is_none() {
        // Demo mode signs its own customer tokens; the secret lives only in this process.
        config.token_secret = Some(rewards::random_code("demo-secret-") + &rewards::random_code("") + &rewards::random_code(""));
    }
    if db::backend_of(&config.database_url) == Some(db::Backend::Sqlite) {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let db = db::connect(&config.database_url).await?;
    if config.demo && seed::demo(&db).await.map_err(|e| format!("demo data: {e:?}"))? {
        tracing::info!("demo data written");
    }
    let listen = config.listen;
    let database = config.database_url.clone();
    let limits = listen::Limits { max_connections: config.max_connections, header_timeout: config.header_timeout };
    let state = AppState::new(db, config);
    tokio::spawn(sweep::every(state.clone(), sweep::PERIOD));
    let app = app(state);
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(listen = %listener.local_addr()?, %database, "RetainKit server ready");
    listen::serve(listener, app, limits, shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
