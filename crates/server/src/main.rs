use retainkit_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        print!("{}", retainkit_server::openapi::json());
        return;
    }
    // Structured logs: RK_LOG_FORMAT=json writes one JSON object per line (for log shippers).
    let filter = EnvFilter::try_from_env("RK_LOG").unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("RK_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().flatten_event(true).with_current_span(false).init();
    } else {
        builder.init();
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("retainkit-server: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = retainkit_server::serve(config).await {
        eprintln!("retainkit-server: {e}");
        std::process::exit(1);
    }
}
