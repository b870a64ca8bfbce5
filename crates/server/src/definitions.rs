//! Survey and offer definitions: one JSON document per id in its table, written by the
//! admin API (and the demo data), read by the public endpoints. The document is the admin
//! form (`AdminSurvey`, `AdminOffer`: the widget's definition and its audience); read as the
//! widget's definition, the audience is left out.

use crate::db::{now, Db, Tx};
use crate::error::ApiError;
use retainkit_contract::admin::{AdminOffer, AdminSurvey, PageQuery};
use retainkit_contract::{FieldError, FieldErrors};
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

/// One page of a kind's definitions in the order of their ids (the primary key), after the
/// id in the cursor, and the cursor of the next page.
pub async fn page<T: DeserializeOwned>(db: &Db, kind: Kind, q: &PageQuery) -> Result<(Vec<T>, Option<String>), ApiError> {
    let limit = crate::page::limit(q.limit);
    let sql = format!("SELECT id, definition FROM {} WHERE id > $1 ORDER BY id LIMIT $2", kind.table());
    let rows: Vec<(String, String)> =
        sqlx::query_as(&sql).bind(q.cursor.as_deref().unwrap_or("")).bind(limit + 1).fetch_all(&db.pool).await?;
    let (rows, next) = crate::page::split(rows, limit, |(id, _)| id.clone());
    Ok((rows.iter().map(|(_, j)| decode(j)).collect::<Result<_, _>>()?, next))
}

/// Creates or replaces a definition (`replace = false`: keeps an existing one).
pub async fn put<T: Serialize>(tx: &mut Tx<'_>, kind: Kind, id: &str, value: &T, replace: bool) -> Result<(), ApiError> {
    let json = serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    let conflict = if replace { "DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at" } else { "DO NOTHING" };
    let sql = format!("INSERT INTO {} (id, definition, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id) {conflict}", kind.table());
    sqlx::query(&sql).bind(id).bind(json).bind(now()).execute(&mut **tx).await?;
    Ok(())
}

/// A definition the shop writes through the admin API.
pub trait Definition: Serialize + DeserializeOwned {
    const KIND: Kind;
    fn id(&self) -> &str;
    fn check(&self) -> Result<(), FieldErrors>;
}

impl Definition for AdminSurvey {
    const KIND: Kind = Kind::Survey;
    fn id(&self) -> &str {
        &self.survey.id
    }
    fn check(&self) -> Result<(), FieldErrors> {
        self.validate()
    }
}

impl Definition for AdminOffer {
    const KIND: Kind = Kind::Offer;
    fn id(&self) -> &str {
        &self.offer.id
    }
    fn check(&self) -> Result<(), FieldErrors> {
        self.validate()
    }
}

/// `PUT /v1/admin/{surveys|offers}/{id}`: the definition is checked, must carry the id of its
/// path, and replaces the one stored.
pub async fn replace<T: Definition>(db: &Db, path_id: &str, d: T) -> Result<axum::Json<T>, ApiError> {
    d.check().map_err(ApiError::Validation)?;
    if d.id() != path_id {
        return Err(ApiError::field("id", FieldError::Invalid));
    }
    let mut tx = db.begin().await?;
    put(&mut tx, T::KIND, path_id, &d, true).await?;
    tx.commit().await?;
    Ok(axum::Json(d))
}

/// The ids in a `placed` parameter, in the page's order (at most 20).
pub fn placed_ids(placed: Option<&str>) -> Vec<&str> {
    placed.unwrap_or("").split(',').map(str::trim).filter(|id| retainkit_contract::is_valid_id(id)).take(20).collect()
}

/// Puts the definitions the page places first, in its order, with their page rules cleared
/// (the page chose to show them); the others keep their order and rules.
pub fn place_first<T>(
    defs: &mut [T],
    placed: &[&str],
    id: impl Fn(&T) -> &str,
    urls: impl Fn(&mut T) -> &mut Vec<retainkit_contract::survey::UrlRule>,
) {
    defs.sort_by_key(|d| placed.iter().position(|p| *p == id(d)).unwrap_or(usize::MAX));
    for d in defs.iter_mut() {
        if placed.contains(&id(d)) {
            urls(d).clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::survey::UrlRule;

    #[test]
    fn placed_definitions_come_first_in_the_pages_order_with_their_page_rules_cleared() {
        assert_eq!(placed_ids(Some("b, a,,not valid!,c")), ["b", "a", "c"]);
        assert!(placed_ids(None).is_empty());
        let rule = || vec![UrlRule::Prefix("/cart".into())];
        let mut defs = vec![("a", rule()), ("b", rule()), ("c", rule()), ("d", rule())];
        place_first(&mut defs, &["c", "a"], |d| d.0, |d| &mut d.1);
        assert_eq!(defs.iter().map(|d| d.0).collect::<Vec<_>>(), ["c", "a", "b", "d"]);
        assert!(defs[0].1.is_empty() && defs[1].1.is_empty());
        assert_eq!(defs[2].1, rule());
    }
}
