//! Keyset pages for the admin lists: each page is an index seek from the last row of the
//! previous one (no `OFFSET`, no count), whatever the size of the table.

use crate::error::ApiError;
use crate::sql::Sql;
use retainkit_contract::FieldError;

/// Rows a page holds: `limit` as asked, 1–100, default 50.
pub fn limit(asked: Option<u8>) -> i64 {
    i64::from(asked.unwrap_or(50).clamp(1, 100))
}

/// The page in `rows` (fetched with `LIMIT limit + 1`) and, when a row was left over, the
/// cursor of the next page: `cursor` of the page's last row.
pub fn split<T>(mut rows: Vec<T>, limit: i64, cursor: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
    if rows.len() as i64 <= limit {
        return (rows, None);
    }
    rows.truncate(limit as usize);
    let next = rows.last().map(cursor);
    (rows, next)
}

/// Where a page of a list ordered by id, newest first, starts: below this id (the cursor is
/// the id of the previous page's last row; none: from the newest).
pub fn before_id(cursor: Option<&str>) -> Result<i64, ApiError> {
    match cursor {
        None => Ok(i64::MAX),
        Some(c) => c.parse::<i64>().map_err(|_| ApiError::field("cursor", FieldError::Invalid)),
    }
}

/// Where a page of a list ordered newest first (`created_at DESC, id DESC`) starts: after the
/// row with this time and id. On the wire `created_at_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Newest {
    pub created_at: i64,
    pub id: i64,
}

impl Newest {
    pub fn encode(created_at: i64, id: i64) -> String {
        format!("{created_at}_{id}")
    }

    pub fn decode(cursor: &str) -> Result<Newest, ApiError> {
        cursor
            .split_once('_')
            .and_then(|(t, i)| Some(Newest { created_at: t.parse().ok()?, id: i.parse().ok()? }))
            .ok_or_else(|| ApiError::field("cursor", FieldError::Invalid))
    }

    /// Adds the condition and the order: ` AND (created_at, id) < (…) ORDER BY … LIMIT n + 1`.
    pub fn finish(cursor: Option<&str>, q: &mut Sql, limit: i64) -> Result<(), ApiError> {
        if let Some(c) = cursor.map(Newest::decode).transpose()? {
            q.push(" AND (created_at, id) < (").bind(c.created_at).push(", ").bind(c.id).push(")");
        }
        q.push(" ORDER BY created_at DESC, id DESC LIMIT ").bind(limit + 1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_and_its_cursor() {
        assert_eq!(split(vec![1, 2, 3], 3, |n| n.to_string()), (vec![1, 2, 3], None));
        assert_eq!(split(vec![1, 2, 3, 4], 3, |n| n.to_string()), (vec![1, 2, 3], Some("3".to_owned())));
        assert_eq!(Newest::decode(&Newest::encode(1_700_000_000, 42)).unwrap(), Newest { created_at: 1_700_000_000, id: 42 });
        for bad in ["", "12", "a_1", "1_b", "1_2_3"] {
            assert!(Newest::decode(bad).is_err(), "{bad}");
        }
        assert_eq!((limit(None), limit(Some(0)), limit(Some(255))), (50, 1, 100));
    }
}
