//! The shop's settings, one JSON document per key, with defaults.

use crate::db::Db;
use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub async fn get<T: DeserializeOwned>(db: &Db, key: &str, default: impl FnOnce() -> T) -> Result<T, ApiError> {
    let row: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(&db.pool).await?;
    match row {
        None => Ok(default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| ApiError::Internal(format!("setting {key}: {e}"))),
    }
}

pub async fn put<T: Serialize>(db: &Db, key: &str, value: &T) -> Result<(), ApiError> {
    let json = serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(json)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The value under `key`, written first with `make()` if there is none (the first writer
/// wins when several processes start at once).
pub async fn get_or_create(db: &Db, key: &str, make: impl FnOnce() -> String) -> Result<String, ApiError> {
    let json = serde_json::to_string(&make()).map_err(|e| ApiError::Internal(e.to_string()))?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(json)
        .execute(&db.pool)
        .await?;
    get::<Option<String>>(db, key, || None).await?.ok_or_else(|| ApiError::Internal(format!("setting {key} missing")))
}
