//! The database: SQLite by default (a file under the data directory), PostgreSQL when
//! `DATABASE_URL` is a `postgres://` URL. One set of queries serves both through sqlx's Any
//! driver: parameters are written `$1, $2, …`, which both engines understand; schemas differ
//! only in their migrations (`migrations/sqlite`, `migrations/postgres`).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

impl Db {
    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so a transaction that reads before it writes waits its turn instead of failing with
    /// SQLITE_BUSY_SNAPSHOT; PostgreSQL locks the rows it updates.
    pub async fn begin(&self) -> Result<Tx<'static>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }
}

pub fn backend_of(url: &str) -> Option<Backend> {
    if url.starts_with("sqlite:") {
        Some(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Some(Backend::Postgres)
    } else {
        None
    }
}

pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let backend = backend_of(url).ok_or_else(|| sqlx::Error::Configuration(format!("unsupported database URL: {url}").into()))?;
    let url = match backend {
        // Create the file on first start.
        Backend::Sqlite if !url.contains("mode=") => format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' }),
        _ => url.to_owned(),
    };
    let opts = AnyConnectOptions::from_str(&url)?;
    let mut pool = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(3));
    pool = match backend {
        Backend::Sqlite => pool.max_connections(8).after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                conn.execute("PRAGMA busy_timeout = 2000").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                Ok(())
            })
        }),
        Backend::Postgres => pool.max_connections(16),
    };
    let pool = pool.connect_with(opts).await?;
    match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
        Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
    }
    Ok(Db { pool, backend })
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
