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
        Ok(Config {
            listen,
            database_url,
            data_dir,
            allowed_origins,
            www_dir: dir("RK_WWW_DIR", "www"),
            dist_dir: dir("RK_DIST_DIR", "dist"),
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
        assert_eq!(c.www_dir, Some(PathBuf::from("www")));
    }

    #[test]
    fn origins_and_errors() {
        let c = cfg(&[("RK_ALLOWED_ORIGINS", "https://shop.example/, http://localhost:3000 ,"), ("RK_WWW_DIR", "")]).unwrap();
        assert_eq!(c.allowed_origins, vec!["https://shop.example", "http://localhost:3000"]);
        assert_eq!(c.www_dir, None);
        assert!(cfg(&[("RK_LISTEN", "nope")]).is_err());
        assert!(cfg(&[("DATABASE_URL", "mysql://x")]).is_err());
    }
}
