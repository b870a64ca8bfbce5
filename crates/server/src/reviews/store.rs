//! Reviews in the database: pages of the public list and the moderation queue by keyset
//! cursors (each sort has its own index), rating counts kept in step with the published
//! reviews, and photos per review. Nothing here reads more rows than a page holds.
//!
//! Reads take one connection for all their queries (a request acquires once).

use crate::db::Tx;
use crate::error::ApiError;
use crate::sql::Sql;
use retainkit_contract::admin::AdminReview;
use retainkit_contract::reviews::*;
use retainkit_contract::FieldError;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub product_id: String,
    pub rating: i64,
    pub title: Option<String>,
    pub body: String,
    pub author_name: String,
    pub email: Option<String>,
    pub locale: Option<String>,
    pub customer_id: Option<String>,
    pub order_id: Option<String>,
    pub verified: i64,
    pub status: String,
    pub helpful_count: i64,
    pub reply_body: Option<String>,
    pub reply_at: Option<i64>,
    pub reward: Option<String>,
    pub created_at: i64,
    pub spam: Option<String>,
}

pub const COLUMNS: &str = "id, product_id, rating, title, body, author_name, email, locale, customer_id, order_id, verified, \
                           status, helpful_count, reply_body, reply_at, reward, created_at, spam";

pub fn photo_url(id: &str) -> String {
    format!("/v1/photos/{id}")
}

impl ReviewRow {
    pub fn public(&self, photos: Vec<Photo>) -> Review {
        Review {
            id: self.id,
            product_id: self.product_id.clone(),
            rating: self.rating as u8,
            title: self.title.clone(),
            body: self.body.clone(),
            author_name: self.author_name.clone(),
            verified: self.verified != 0,
            photos,
            helpful_count: self.helpful_count.max(0) as u64,
            reply: match (&self.reply_body, self.reply_at) {
                (Some(body), Some(at)) => Some(MerchantReply { body: body.clone(), created_at: at }),
                _ => None,
            },
            locale: self.locale.clone(),
            created_at: self.created_at,
        }
    }

    pub fn admin(&self, photos: Vec<Photo>) -> AdminReview {
        AdminReview {
            review: self.public(photos),
            status: ReviewStatus::parse(&self.status).unwrap_or(ReviewStatus::Pending),
            email: self.email.clone(),
            spam: self.spam.clone(),
        }
    }

    pub fn is_published(&self) -> bool {
        self.status == ReviewStatus::Published.as_str()
    }
}

/// Where a page ends: the sort key (rating or helpful count; 0 when the sort has none), the
/// time and the id of its last review. On the wire an opaque `key_time_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub created_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn after(row: &ReviewRow, sort: ReviewSort) -> Cursor {
        let key = match sort {
            ReviewSort::Highest | ReviewSort::Lowest => row.rating,
            ReviewSort::Helpful => row.helpful_count,
            ReviewSort::Newest | ReviewSort::WithPhotos => 0,
        };
        Cursor { key, created_at: row.created_at, id: row.id }
    }

    pub fn encode(&self) -> String {
        format!("{}_{}_{}", self.key, self.created_at, self.id)
    }

    pub fn decode(c: &str) -> Result<Cursor, ApiError> {
        let mut it = c.split('_').map(|p| p.parse::<i64>());
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(Ok(key)), Some(Ok(created_at)), Some(Ok(id)), None) => Ok(Cursor { key, created_at, id }),
            _ => Err(ApiError::field("cursor", FieldError::Invalid)),
        }
    }
}

/// The published reviews of a product in one of the two orders the indexes keep: newest
/// first, or most helpful first (ties newest first).
async fn published(
    conn: &mut AnyConnection,
    product_id: &str,
    rating: Option<i64>,
    photos_only: bool,
    by_helpful: bool,
    after: Option<Cursor>,
    n: i64,
) -> Result<Vec<ReviewRow>, ApiError> {
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM reviews WHERE product_id = "));
    q.bind(product_id).push(" AND status = 'published'");
    if let Some(r) = rating {
        q.push(" AND rating = ").bind(r);
    }
    if photos_only {
        q.push(" AND photo_count > 0");
    }
    match (by_helpful, after) {
        (true, Some(c)) => {
            q.push(" AND (helpful_count, created_at, id) < (").bind(c.key).push(", ").bind(c.created_at).push(", ").bind(c.id).push(")");
        }
        (false, Some(c)) => {
            q.push(" AND (created_at, id) < (").bind(c.created_at).push(", ").bind(c.id).push(")");
        }
        (_, None) => {}
    }
    q.push(if by_helpful {
        " ORDER BY helpful_count DESC, created_at DESC, id DESC LIMIT "
    } else {
        " ORDER BY created_at DESC, id DESC LIMIT "
    });
    q.bind(n);
    Ok(q.query_as::<ReviewRow>().fetch_all(&mut *conn).await?)
}

/// One page of a product's published reviews and the cursor of the next page.
pub async fn page(conn: &mut AnyConnection, product_id: &str, q: &ReviewListQuery) -> Result<(Vec<ReviewRow>, Option<String>), ApiError> {
    let limit = q.page_size() as i64;
    let cursor = q.cursor.as_deref().map(Cursor::decode).transpose()?;
    let rating = q.rating.map(i64::from);
    let mut rows = match (q.sort, rating) {
        (ReviewSort::Helpful, _) => published(conn, product_id, rating, false, true, cursor, limit + 1).await?,
        (ReviewSort::Highest | ReviewSort::Lowest, None) => {
            // By rating, newest first within each: one range per rating (at most five short
            // index scans), starting with the cursor's rating.
            let order: [i64; 5] = if q.sort == ReviewSort::Highest { [5, 4, 3, 2, 1] } else { [1, 2, 3, 4, 5] };
            let start = cursor.map(|c| order.iter().position(|r| *r == c.key).unwrap_or(order.len())).unwrap_or(0);
            let mut rows = Vec::new();
            for (i, r) in order.iter().enumerate().skip(start) {
                let after = if i == start { cursor } else { None };
                rows.extend(published(conn, product_id, Some(*r), false, false, after, limit + 1 - rows.len() as i64).await?);
                if rows.len() as i64 > limit {
                    break;
                }
            }
            rows
        }
        (sort, _) => published(conn, product_id, rating, sort == ReviewSort::WithPhotos, false, cursor, limit + 1).await?,
    };
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor::after(r, q.sort).encode())
    } else {
        None
    };
    Ok((rows, next))
}

/// One page of the moderation queue (newest first) and the next cursor.
/// The moderation queue's filters besides the status (`AdminReviewQuery`).
#[derive(Debug, Default, Clone, Copy)]
pub struct QueueFilter<'a> {
    pub rating: Option<u8>,
    pub product_id: Option<&'a str>,
    /// Contained in the title, text or author name, any case.
    pub text: Option<&'a str>,
    /// Caught by a spam trap (`true`) or not (`false`).
    pub spam: Option<bool>,
}

/// `text` as a LIKE pattern that matches it anywhere, its `%`, `_` and `\` taken literally.
pub fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub async fn queue(
    conn: &mut AnyConnection,
    status: ReviewStatus,
    filter: QueueFilter<'_>,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(Vec<ReviewRow>, Option<String>), ApiError> {
    // The status is written as a literal: each has its own partial index.
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM reviews WHERE status = '{}'", status.as_str()));
    // Only the filters asked for.
    if let Some(r) = filter.rating {
        q.push(" AND rating = ").bind(i64::from(r));
    }
    if let Some(p) = filter.product_id {
        q.push(" AND product_id = ").bind(p);
    }
    match filter.spam {
        Some(true) => q.push(" AND spam IS NOT NULL"),
        Some(false) => q.push(" AND spam IS NULL"),
        None => &mut q,
    };
    if let Some(text) = filter.text {
        let pattern = contains_pattern(text);
        q.push(" AND (lower(title) LIKE ").bind(&pattern).push(" ESCAPE '\\' OR lower(body) LIKE ").bind(&pattern);
        q.push(" ESCAPE '\\' OR lower(author_name) LIKE ").bind(&pattern).push(" ESCAPE '\\')");
    }
    if let Some(c) = cursor.map(Cursor::decode).transpose()? {
        q.push(" AND (created_at, id) < (").bind(c.created_at).push(", ").bind(c.id).push(")");
    }
    q.push(" ORDER BY created_at DESC, id DESC LIMIT ").bind(limit + 1);
    let mut rows = q.query_as::<ReviewRow>().fetch_all(&mut *conn).await?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor::after(r, ReviewSort::Newest).encode())
    } else {
        None
    };
    Ok((rows, next))
}

pub async fn load(tx: &mut Tx<'_>, id: i64) -> Result<ReviewRow, ApiError> {
    sqlx::query_as::<_, ReviewRow>(&format!("SELECT {COLUMNS} FROM reviews WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| ApiError::not_found("Review"))
}

/// Rating summaries from the counts, one per id in the order asked (zeros for a product
/// without reviews).
pub async fn summaries(conn: &mut AnyConnection, ids: &[String]) -> Result<Vec<RatingSummary>, ApiError> {
    let mut q = Sql::new("SELECT product_id, rating, count FROM review_rating_counts WHERE product_id IN (");
    q.bind_list(ids).push(")");
    let rows: Vec<(String, i64, i64)> = q.query_as().fetch_all(&mut *conn).await?;
    Ok(ids
        .iter()
        .map(|id| {
            let mut h = [0u64; 5];
            for (p, rating, n) in &rows {
                if p == id && (1..=5).contains(rating) {
                    h[*rating as usize - 1] = (*n).max(0) as u64;
                }
            }
            RatingSummary::from_histogram(id, h)
        })
        .collect())
}

/// Counts a review in (`+1`) or out of (`-1`) its product's published ones, in the
/// transaction that publishes or withdraws it.
pub async fn count_published(tx: &mut Tx<'_>, product_id: &str, rating: i64, delta: i64) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO review_rating_counts (product_id, rating, count) VALUES ($1, $2, $3)
         ON CONFLICT (product_id, rating) DO UPDATE SET count = review_rating_counts.count + excluded.count",
    )
    .bind(product_id)
    .bind(rating)
    .bind(delta)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Photos of the given reviews, as (review id, photo).
pub async fn photos_of(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<(i64, Photo)>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new("SELECT id, review_id FROM review_photos WHERE review_id IN (");
    q.bind_list(ids.iter().copied()).push(") ORDER BY created_at, id");
    let rows: Vec<(String, i64)> = q.query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|(id, review_id)| (review_id, Photo { url: photo_url(&id), id })).collect())
}

pub fn take_photos(all: &[(i64, Photo)], review_id: i64) -> Vec<Photo> {
    all.iter().filter(|(r, _)| *r == review_id).map(|(_, p)| p.clone()).collect()
}
