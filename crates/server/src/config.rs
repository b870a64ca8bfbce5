//! Server configuration from environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `RK_LISTEN`, default `127.0.0.1:8080`.
    pub listen: SocketAddr,
    /// `DATABASE_URL`, default `sqlite://<RK_DATA_DIR>/retainkit.db`; `postgres://…` for PostgreSQL.
    pub database_url: String,
    /// `RK_DATA_DIR`, default `./data`.
    pub data_dir: PathBuf,
    /// `RK_ALLOWED_ORIGINS`: comma-separated origins allowed to call the API from a browser.
    /// Empty: same-origin pages only.
    pub allowed_origins: Vec<String>,
    /// `RK_WWW_DIR`, default `./www`: the demo shop, served at `/`. Empty: not served.
    pub www_dir: Option<PathBuf>,
    /// `RK_DIST_DIR`, default `./dist`: the built script-tag bundle, served at `/dist/`.
    pub dist_dir: Option<PathBuf>,
    /// `RK_ADMIN_KEY`: the bearer key of the admin endpoints; unset: the admin API is off.
    pub admin_key: Option<String>,
    /// `RK_TOKEN_SECRET`: the HS256 secret shared with the shop's server; unset: no customer
    /// can sign in.
    pub token_secret: Option<String>,
    /// `RK_TOKEN_AUDIENCE`, default `retainkit`: the `aud` customer tokens must carry.
    pub token_audience: String,
    /// `RK_DEMO=1`: demo mode (a token endpoint for the demo customer, demo data).
    pub demo: bool,
    /// `RK_DEMO_HISTORY`, default on in demo mode (`0`: off): a year of orders, answers,
    /// offer events and members, for the merchant tools (`crate::history`).
    pub demo_history: bool,
    /// `RK_UPLOAD_DIR`, default `<RK_DATA_DIR>/uploads`: where review photos are kept.
    pub upload_dir: PathBuf,
    /// `RK_RATE_LIMIT`, default 60: writes per minute one shopper (a network and a visitor
    /// id) may make (0: no limit).
    pub rate_limit_per_minute: u32,
    /// `RK_RATE_LIMIT_NETWORK`, default 10 × `RK_RATE_LIMIT`: writes per minute from one
    /// network (an IPv4 address or an IPv6 /64) — a shop's office, a school, a mobile NAT.
    pub network_rate_limit_per_minute: u32,
    /// `RK_TRUSTED_PROXIES`: comma-separated address ranges (`10.0.0.0/8, 2001:db8::/32`) of
    /// the shop's load balancers and CDN, whose `Forwarded`/`X-Forwarded-For` are believed.
    pub trusted_proxies: Vec<crate::client::Cidr>,
    /// `RK_MAX_CONNECTIONS`, default 1024: open client connections; more are closed at once.
    pub max_connections: usize,
    /// `RK_HEADER_TIMEOUT`, default 10 (seconds): time a client has to send a request's
    /// headers, and the longest a keep-alive connection may idle.
    pub header_timeout: std::time::Duration,
    /// `RK_BODY_TIMEOUT`, default 10 (seconds): time a JSON body may take to arrive (photos:
    /// twelve times that).
    pub body_timeout: std::time::Duration,
    /// `RK_IDEMPOTENCY_HOURS`, default 192 (8 days): how long the answer to an idempotent
    /// create is kept for retries. The widget's outbox retries for up to 7 days.
    pub idempotency_hours: i64,
    /// `RK_WEBHOOK_RETRY_MS`, default 10000: the wait after a webhook's first failed try (each
    /// next wait is 5 times longer, at most a day).
    pub webhook_retry_ms: i64,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let listen = get("RK_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let listen = listen.parse().map_err(|_| format!("RK_LISTEN is not an address: {listen}"))?;
        let data_dir = PathBuf::from(get("RK_DATA_DIR").unwrap_or_else(|| "data".to_owned()));
        let database_url = get("DATABASE_URL")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("retainkit.db").display()));
        if crate::db::backend_of(&database_url).is_none() {
            return Err(format!("DATABASE_URL must start with sqlite: or postgres://, got {database_url}"));
        }
        let allowed_origins = get("RK_ALLOWED_ORIGINS")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().trim_end_matches('/').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let dir = |name: &str, default: &str| {
            let v = get(name).unwrap_or_else(|| default.to_owned());
            (!v.is_empty()).then(|| PathBuf::from(v))
        };
        let secret = |name: &str, min: usize| -> Result<Option<String>, String> {
            match get(name).filter(|v| !v.is_empty()) {
                Some(v) if v.len() < min => Err(format!("{name} must be at least {min} characters long")),
                other => Ok(other),
            }
        };
        let number = |name: &str, default: u64| -> Result<u64, String> {
            match get(name).filter(|v| !v.trim().is_empty()) {
                None => Ok(default),
                Some(v) => v.trim().parse().map_err(|_| format!("{name} is not a number: {v}")),
            }
        };
        let rate_limit_per_minute = number("RK_RATE_LIMIT", 60)? as u32;
        let network_rate_limit_per_minute = number("RK_RATE_LIMIT_NETWORK", rate_limit_per_minute as u64 * 10)? as u32;
        let mut trusted_proxies = Vec::new();
        for part in get("RK_TRUSTED_PROXIES").unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()) {
            trusted_proxies
                .push(crate::client::Cidr::parse(part).ok_or_else(|| format!("RK_TRUSTED_PROXIES: not an address range: {part}"))?);
        }
        let max_connections = number("RK_MAX_CONNECTIONS", 1024)?.max(1) as usize;
        let idempotency_hours = number("RK_IDEMPOTENCY_HOURS", 192)?.max(1) as i64;
        let header_timeout = std::time::Duration::from_secs(number("RK_HEADER_TIMEOUT", 10)?.max(1));
        let body_timeout = std::time::Duration::from_secs(number("RK_BODY_TIMEOUT", 10)?.max(1));
        Ok(Config {
            listen,
            database_url,
            upload_dir: get("RK_UPLOAD_DIR").filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(|| data_dir.join("uploads")),
            data_dir,
            allowed_origins,
            www_dir: dir("RK_WWW_DIR", "www"),
            dist_dir: dir("RK_DIST_DIR", "dist"),
            admin_key: secret("RK_ADMIN_KEY", 16)?,
            token_secret: secret("RK_TOKEN_SECRET", 32)?,
            token_audience: get("RK_TOKEN_AUDIENCE").filter(|v| !v.is_empty()).unwrap_or_else(|| "retainkit".to_owned()),
            demo: matches!(get("RK_DEMO").as_deref().map(str::trim), Some("1" | "true" | "yes" | "on")),
            demo_history: !matches!(get("RK_DEMO_HISTORY").as_deref().map(str::trim), Some("0" | "false" | "no" | "off")),
            rate_limit_per_minute,
            network_rate_limit_per_minute,
            trusted_proxies,
            max_connections,
            header_timeout,
            body_timeout,
            idempotency_hours,
            webhook_retry_ms: number("RK_WEBHOOK_RETRY_MS", 10_000)?.max(1) as i64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite://data/retainkit.db");
        assert!(c.allowed_origins.is_empty());
        assert!(c.admin_key.is_none() && c.token_secret.is_none() && !c.demo);
        assert_eq!(c.www_dir, Some(PathBuf::from("www")));
    }

    #[test]
    fn origins_and_errors() {
        let c = cfg(&[("RK_ALLOWED_ORIGINS", "https://shop.example/, http://localhost:3000 ,"), ("RK_WWW_DIR", "")]).unwrap();
        assert_eq!(c.allowed_origins, vec!["https://shop.example", "http://localhost:3000"]);
        assert_eq!(c.www_dir, None);
        assert!(cfg(&[("RK_LISTEN", "nope")]).is_err());
        assert!(cfg(&[("RK_ADMIN_KEY", "short")]).is_err());
        assert!(cfg(&[("RK_TOKEN_SECRET", "too short for HS256")]).is_err());
        assert!(cfg(&[("RK_RATE_LIMIT", "many")]).is_err());
        let d = cfg(&[("RK_DEMO", "1"), ("RK_DATA_DIR", "/srv/rk")]).unwrap();
        assert!(d.demo);
        assert_eq!(d.upload_dir, PathBuf::from("/srv/rk/uploads"));
        assert_eq!((d.token_audience.as_str(), d.rate_limit_per_minute), ("retainkit", 60));
        assert!(cfg(&[("DATABASE_URL", "mysql://x")]).is_err());
        assert_eq!(d.network_rate_limit_per_minute, 600);
        let p = cfg(&[("RK_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), ("RK_RATE_LIMIT", "0")]).unwrap();
        assert_eq!((p.trusted_proxies.len(), p.network_rate_limit_per_minute), (2, 0));
        assert!(cfg(&[("RK_TRUSTED_PROXIES", "10.0.0.0/99")]).is_err());
    }
}
