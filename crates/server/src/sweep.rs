//! Retention: what the server keeps only for a while, swept by a background task.
//! - stored answers of idempotent creates, after `RK_IDEMPOTENCY_HOURS` (8 days: longer than
//!   the widget's outbox retries);
//! - uploaded photos no review took within an hour (the row and the file);
//! - write-rate buckets that have run full again;
//! - console sessions that have ended;
//! - webhook deliveries done over 30 days ago (the log keeps a month).
//!
//! Every step deletes in small batches (no long lock) and is safe with several server
//! processes on one database: a row is deleted by exactly one of them, and only the one that
//! deleted a photo's row removes its file.

use crate::db::now;
use crate::error::ApiError;
use crate::AppState;
use std::time::Duration;

/// How often the sweep runs.
pub const PERIOD: Duration = Duration::from_secs(600);
/// An upload no review took within this many seconds is removed.
pub const UPLOAD_GRACE_SECONDS: i64 = 3600;
const BATCH: i64 = 500;
/// Days a webhook's delivery log keeps what is done.
pub const WEBHOOK_LOG_DAYS: i64 = 30;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub idempotency_keys: u64,
    pub photos: u64,
    pub rate_buckets: u64,
    pub sessions: u64,
    pub webhook_deliveries: u64,
}

pub async fn every(state: AppState, period: Duration) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match run(&state, now()).await {
            Ok(s) if s != Swept::default() => tracing::info!(?s, "swept"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "sweep failed; trying again later"),
        }
    }
}

/// One sweep as of `now` (seconds since the epoch).
pub async fn run(state: &AppState, now: i64) -> Result<Swept, ApiError> {
    let db = &state.db;
    let mut swept = Swept::default();
    let key_cutoff = now - state.config.idempotency_hours * 3600;
    loop {
        let n = sqlx::query(
            "DELETE FROM idempotency_keys WHERE (scope, key) IN
               (SELECT scope, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2)",
        )
        .bind(key_cutoff)
        .bind(BATCH)
        .execute(&db.pool)
        .await?
        .rows_affected();
        swept.idempotency_keys += n;
        if n < BATCH as u64 {
            break;
        }
    }

    loop {
        let stale: Vec<String> =
            sqlx::query_scalar("SELECT id FROM review_photos WHERE review_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2")
                .bind(now - UPLOAD_GRACE_SECONDS)
                .bind(BATCH)
                .fetch_all(&db.pool)
                .await?;
        for id in &stale {
            let mime: Option<String> = sqlx::query_scalar("DELETE FROM review_photos WHERE id = $1 AND review_id IS NULL RETURNING mime")
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
            if let Some(mime) = mime {
                let file = state.config.upload_dir.join(format!("{id}.{}", crate::reviews::extension_of(&mime)));
                if let Err(e) = tokio::fs::remove_file(&file).await {
                    if e.kind() != std::io::ErrorKind::NotFound {
                        tracing::warn!(error = %e, file = %file.display(), "unattached photo not removed");
                    }
                }
                swept.photos += 1;
            }
        }
        if (stale.len() as i64) < BATCH {
            break;
        }
    }

    // Fresh statistics for SQLite's query planner (PostgreSQL's autovacuum does this).
    if db.backend == crate::db::Backend::Sqlite {
        sqlx::query("PRAGMA optimize").execute(&db.pool).await?;
    }
    // A bucket whose next arrival time has passed by a minute is full again: the same as none.
    swept.rate_buckets =
        sqlx::query("DELETE FROM rate_buckets WHERE tat < $1").bind(now * 1000 - 60_000).execute(&db.pool).await?.rows_affected();
    // Webhook deliveries done (delivered or given up) over 30 days ago: the log keeps a month.
    swept.webhook_deliveries = sqlx::query(
        "DELETE FROM webhook_deliveries WHERE id IN
           (SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1 LIMIT $2)",
    )
    .bind(now - WEBHOOK_LOG_DAYS * 86_400)
    .bind(BATCH * 20)
    .execute(&db.pool)
    .await?
    .rows_affected();
    // Console sessions that have ended.
    swept.sessions = sqlx::query("DELETE FROM admin_sessions WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(now)
        .bind(now - crate::session::IDLE_SECONDS)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(swept)
}
