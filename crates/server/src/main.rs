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
    // A log line that cannot be written (a full disk under the log file) is dropped; the
    // default would report it on stderr, and printing to a full stderr panics mid-request.
    let builder = tracing_subscriber::fmt().with_env_filter(filter).log_internal_errors(false);
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
    raise_open_file_limit(config.max_connections as u64 + 256);
    if let Err(e) = retainkit_server::serve(config).await {
        eprintln!("retainkit-server: {e}");
        std::process::exit(1);
    }
}

/// Lets the process hold `RK_MAX_CONNECTIONS` sockets plus its files: the soft limit on open
/// files goes up to what is needed, never beyond the hard limit.
fn raise_open_file_limit(want: u64) {
    #[cfg(unix)]
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < want {
            lim.rlim_cur = (want as libc::rlim_t).min(lim.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}
