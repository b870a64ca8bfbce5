//! Survey and offer definitions: one JSON document per id in its table, written by the
//! admin API (and the demo data), read by the public endpoints.

use crate::db::{now, Db, Tx};
use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The tables that hold definitions.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Survey,
    Offer,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Survey => "survey_definitions",
            Kind::Offer => "offers",
        }
    }
}

fn decode<T: DeserializeOwned>(json: &str) -> Result<T, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(format!("stored definition: {e}")))
}

pub async fn get<T: DeserializeOwned>(db: &Db, kind: Kind, id: &str) -> Result<Option<T>, ApiError> {
    let sql = format!("SELECT definition FROM {} WHERE id = $1", kind.table());
    let json: Option<String> = sqlx::query_scalar(&sql).bind(id).fetch_optional(&db.pool).await?;
    json.map(|j| decode(&j)).transpose()
}

/// Every definition of a kind, by id.
pub async fn all<T: DeserializeOwned>(db: &Db, kind: Kind) -> Result<Vec<T>, ApiError> {
    let sql = format!("SELECT definition FROM {} ORDER BY id", kind.table());
    let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&db.pool).await?;
    rows.iter().map(|j| decode(j)).collect()
}

/// Creates or replaces a definition (`replace = false`: keeps an existing one).
pub async fn put<T: Serialize>(tx: &mut Tx<'_>, kind: Kind, id: &str, value: &T, replace: bool) -> Result<(), ApiError> {
    let json = serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    let conflict = if replace { "DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at" } else { "DO NOTHING" };
    let sql = format!("INSERT INTO {} (id, definition, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id) {conflict}", kind.table());
    sqlx::query(&sql).bind(id).bind(json).bind(now()).execute(&mut **tx).await?;
    Ok(())
}
