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
    /// `RK_UPLOAD_DIR`, default `<RK_DATA_DIR>/uploads`: where review photos are kept.
    pub upload_dir: PathBuf,
    /// `RK_RATE_LIMIT`, default 60: writes per minute one client may make (0: no limit).
    pub rate_limit_per_minute: u32,
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
        let rate_limit_per_minute = match get("RK_RATE_LIMIT") {
            None => 60,
            Some(v) => v.trim().parse().map_err(|_| format!("RK_RATE_LIMIT is not a number: {v}"))?,
        };
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
            rate_limit_per_minute,
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
    }
}
