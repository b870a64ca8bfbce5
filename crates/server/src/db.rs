//! The database: SQLite by default (a file under the data directory), PostgreSQL when
//! `DATABASE_URL` is a `postgres://` URL. One set of queries serves both through sqlx's Any
//! driver: parameters are written `$1, $2, …`, which both engines understand; schemas differ
//! only in their migrations (`migrations/sqlite`, `migrations/postgres`).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite takes one writer at a time: writers wait their turn here, in order, instead of
    /// in SQLite's busy handler (which sleeps in steps of up to 100 ms and lets a late
    /// writer overtake: p99 of writes at 16 clients went from 614 ms to the figures in the
    /// README). `None` on PostgreSQL.
    write_turn: Option<Arc<Semaphore>>,
}

/// A write transaction (with, on SQLite, the writer's turn held until it ends). It derefs to
/// its connection, like sqlx's `Transaction`.
pub struct Tx<'a> {
    inner: sqlx::Transaction<'a, sqlx::Any>,
    _turn: Option<OwnedSemaphorePermit>,
}

impl<'a> Tx<'a> {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.inner
    }
}

impl<'a> std::ops::DerefMut for Tx<'a> {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.inner
    }
}

/// Longest a writer waits for its turn before the request is answered 503 (busy).
const WRITE_TURN_WAIT: Duration = Duration::from_secs(2);

impl Db {
    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so a transaction that reads before it writes waits its turn instead of failing with
    /// SQLITE_BUSY_SNAPSHOT; PostgreSQL locks the rows it updates.
    pub async fn begin(&self) -> Result<Tx<'static>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let turn = match &self.write_turn {
                    Some(s) => Some(
                        tokio::time::timeout(WRITE_TURN_WAIT, s.clone().acquire_owned())
                            .await
                            .map_err(|_| sqlx::Error::PoolTimedOut)?
                            .map_err(|_| sqlx::Error::PoolClosed)?,
                    ),
                    None => None,
                };
                Ok(Tx { inner: self.pool.begin_with("BEGIN IMMEDIATE").await?, _turn: turn })
            }
            Backend::Postgres => Ok(Tx { inner: self.pool.begin().await?, _turn: None }),
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

/// Whether a connection that is back in the pool is outside any transaction (`true`: fine to
/// hand out again). One that is not is rolled back here, and the pool closes it.
///
/// Request handlers run to completion (see `complete.rs`), so this should never find one;
/// it is the second line against sqlx's cancellation gaps (issues 3932, 4393) and against a
/// `COMMIT` that failed on a full disk, which leaves SQLite's transaction open.
async fn outside_transaction(conn: &mut sqlx::AnyConnection, backend: Backend) -> Result<bool, sqlx::Error> {
    let clean = match backend {
        // SQLite has no query for "in a transaction?": a ROLLBACK outside one is refused
        // (SQLITE_ERROR, "no transaction is active") and harmless; inside one it ends it.
        Backend::Sqlite => match conn.execute("ROLLBACK").await {
            Ok(_) => false,
            Err(sqlx::Error::Database(e)) if e.message().contains("no transaction is active") => true,
            Err(e) => return Err(e),
        },
        // Outside a transaction every statement is its own, so the statement's start and the
        // transaction's start are the same instant; inside one they differ. Sent as a plain
        // query (one message; the extended protocol stamps Parse and Execute apart). A
        // ROLLBACK instead would write a warning into the server's log on every release.
        Backend::Postgres => {
            let row = conn.fetch_one("SELECT CAST(statement_timestamp() <> transaction_timestamp() AS INTEGER)").await?;
            let inside = sqlx::Row::try_get::<i32, _>(&row, 0)? != 0;
            if inside {
                conn.execute("ROLLBACK").await?;
            }
            !inside
        }
    };
    // sqlx's own count of open transactions can disagree with the database after a failed
    // COMMIT (a full disk): such a connection refuses every later BEGIN, so it goes too.
    // (Checked after the probe: SQLite's worker applies a queued rollback before the probe.)
    Ok(clean && !sqlx::Connection::is_in_transaction(conn))
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
    let mut pool = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(3)).after_release(move |conn, _| {
        Box::pin(async move {
            // Never hand out a connection that is still inside a transaction.
            let clean = outside_transaction(conn, backend).await?;
            if !clean {
                tracing::warn!("a connection came back to the pool inside a transaction; it was rolled back and closed");
            }
            Ok(clean)
        })
    });
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
    let write_turn = (backend == Backend::Sqlite).then(|| Arc::new(Semaphore::new(1)));
    Ok(Db { pool, backend, write_turn })
}

/// Proves the database takes writes now: a write transaction of 16 KiB that cannot be
/// compressed (the size of a few answers), so an almost full disk fails it as surely as a
/// full or read-only one, a lost connection or a lock held too long.
pub async fn check_writable(db: &Db) -> Result<(), sqlx::Error> {
    use rand::RngCore;
    let mut pad = [0u8; 8192];
    rand::thread_rng().fill_bytes(&mut pad);
    let pad: String = pad.iter().map(|b| format!("{b:02x}")).collect();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO health (id, checked_at, pad) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at, pad = excluded.pad",
    )
    .bind(now())
    .bind(pad)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Unix milliseconds (rate buckets, webhook tries).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
