//! RetainKit's reference backend: the HTTP/JSON contract of `retainkit-contract` on SQLite.

pub mod assets;
pub mod audience;
pub mod auth;
pub mod client;
pub mod complete;
pub mod config;
pub mod db;
pub mod definitions;
pub mod error;
pub mod exports;
pub mod history;
pub mod idempotency;
pub mod json;
pub mod listen;
pub mod loyalty;
pub mod offers;
pub mod openapi;
pub mod page;
pub mod periods;
pub mod ratelimit;
pub mod reviews;
pub mod rewards;
pub mod seed;
pub mod segments;
pub mod session;
pub mod settings;
pub mod sql;
pub mod surveys;
pub mod sweep;
pub mod webhooks;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use config::Config;
use error::ApiError;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Largest JSON body accepted by the API.
pub const BODY_LIMIT: usize = 16 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub config: std::sync::Arc<Config>,
    pub limiter: std::sync::Arc<ratelimit::Limiter>,
    salt: std::sync::Arc<tokio::sync::OnceCell<String>>,
    /// The HTTP client webhook deliveries are sent with (its connections are reused).
    pub webhook_agent: ureq::Agent,
    /// The customers' RFM segments, for audience rules.
    pub segment_cache: std::sync::Arc<audience::SegmentCache>,
}

impl AppState {
    pub fn new(db: db::Db, config: Config) -> AppState {
        let limiter = std::sync::Arc::new(ratelimit::Limiter::new(&config, &db));
        AppState {
            db,
            config: std::sync::Arc::new(config),
            limiter,
            salt: Default::default(),
            webhook_agent: webhooks::new_agent(),
            segment_cache: Default::default(),
        }
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

/// Every route of the contract, declared once: the router and the OpenAPI document (its
/// paths, from each handler's `#[utoipa::path]`) both come from here.
pub fn routes() -> OpenApiRouter<AppState> {
    let (photo_schemas, photo_paths, photo_upload) = routes!(reviews::upload_photo);
    // Photos are larger than the JSON limit.
    let photo_upload = photo_upload.layer(DefaultBodyLimit::max(retainkit_contract::reviews::PHOTO_BYTES_MAX + 1024));
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(surveys::active))
        .routes(routes!(surveys::get_definition))
        .routes(routes!(surveys::create_response))
        .routes(routes!(surveys::patch_response))
        .routes(routes!(surveys::display))
        .routes(routes!(surveys::admin_get, surveys::put_definition))
        .routes(routes!(surveys::admin_list))
        .routes(routes!(surveys::admin_responses))
        .routes(routes!(surveys::stats))
        .routes(routes!(surveys::results))
        .routes(routes!(offers::active))
        .routes(routes!(offers::event))
        .routes(routes!(offers::lead))
        .routes(routes!(offers::admin_get, offers::put_definition))
        .routes(routes!(offers::admin_list))
        .routes(routes!(offers::admin_leads))
        .routes(routes!(offers::stats))
        .routes(routes!(offers::funnel))
        .routes(routes!(exports::export))
        .routes(routes!(reviews::list, reviews::create))
        .routes(routes!(reviews::batch_summaries))
        .routes(routes!(reviews::vote))
        .routes((photo_schemas, photo_paths, photo_upload))
        .routes(routes!(reviews::admin_list))
        .routes(routes!(reviews::activity))
        .routes(routes!(reviews::moderate))
        .routes(routes!(reviews::moderate_many))
        .routes(routes!(reviews::reply, reviews::delete_reply))
        .routes(routes!(reviews::get_settings, reviews::put_settings))
        .routes(routes!(loyalty::get_program))
        .routes(routes!(loyalty::me))
        .routes(routes!(loyalty::redeem))
        .routes(routes!(loyalty::put_program))
        .routes(routes!(loyalty::award))
        .routes(routes!(loyalty::admin_members))
        .routes(routes!(loyalty::admin_ledger))
        .routes(routes!(loyalty::activity))
        .routes(routes!(loyalty::demo_token))
        .routes(routes!(segments::import))
        .routes(routes!(segments::overview))
        .routes(routes!(segments::members))
        .routes(routes!(session::sign_in, session::current, session::sign_out))
        .routes(routes!(webhooks::create, webhooks::list))
        .routes(routes!(webhooks::delete))
        .routes(routes!(webhooks::deliveries))
        // Not part of the contract: the photos' own URLs.
        .route("/v1/photos/{photo_id}", get(reviews::photo))
}

/// The API routes alone (what a conformance check talks to).
pub fn api(state: AppState) -> Router {
    let (contract, _) = routes().split_for_parts();
    contract
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
        router = router.nest_service("/dist", assets::dist(dist.clone()));
        // The merchant console: static files (its data comes from the admin API, behind the
        // session); `/admin` → `/admin/`.
        router = router
            .route("/admin", axum::routing::get(|| async { axum::response::Redirect::permanent("/admin/") }))
            .nest_service("/admin/", assets::console(dist.join("admin")));
    }
    if let Some(www) = &config.www_dir {
        router = router.fallback_service(assets::www(www.clone()));
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
    if config.demo && config.demo_history {
        if let Some(w) = history::seed(&db).await.map_err(|e| format!("demo history: {e:?}"))? {
            tracing::info!(?w, "a year of demo history written");
        }
    }
    let listen = config.listen;
    let database = config.database_url.clone();
    let limits = listen::Limits { max_connections: config.max_connections, header_timeout: config.header_timeout };
    let state = AppState::new(db, config);
    tokio::spawn(sweep::every(state.clone(), sweep::PERIOD));
    tokio::spawn(webhooks::run(state.clone()));
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
