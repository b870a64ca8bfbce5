//! Review endpoints: the public list and summaries, creating a review (with spam traps,
//! verified orders and rewards), photos, helpful votes, and the admin side (moderation
//! queue, approve/reject, merchant reply, settings).

use crate::auth::{self, Admin};
use crate::db::{now, Tx};
use crate::error::ApiError;
use crate::idempotency::{json_response, Begun, Idempotent};
use crate::json::JsonBody;
use crate::json::{Path, Query};
use crate::{rewards, settings, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use retainkit_contract::reviews::*;
use retainkit_contract::{is_valid_id, ErrorBody, FieldError};

const SETTINGS_KEY: &str = "reviews";

fn check_product(id: &str) -> Result<(), ApiError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(ApiError::field("product_id", FieldError::Invalid))
    }
}

/// A value bound to a numbered parameter of a query built at run time.
enum Arg {
    I(i64),
    S(String),
}

fn bind_all<'q>(
    mut q: sqlx::query::QueryAs<'q, sqlx::Any, ReviewRow, sqlx::any::AnyArguments<'q>>,
    args: Vec<Arg>,
) -> sqlx::query::QueryAs<'q, sqlx::Any, ReviewRow, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::I(i) => q.bind(i),
            Arg::S(s) => q.bind(s),
        };
    }
    q
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    product_id: String,
    rating: i64,
    title: Option<String>,
    body: String,
    author_name: String,
    email: Option<String>,
    locale: Option<String>,
    customer_id: Option<String>,
    verified: i64,
    status: String,
    helpful_count: i64,
    reply_body: Option<String>,
    reply_at: Option<i64>,
    reward: Option<String>,
    created_at: i64,
}

const COLUMNS: &str = "id, product_id, rating, title, body, author_name, email, locale, customer_id, verified, status, \
                       helpful_count, reply_body, reply_at, reward, created_at";

pub fn photo_url(id: &str) -> String {
    format!("/v1/photos/{id}")
}

impl ReviewRow {
    fn public(&self, photos: Vec<Photo>) -> Review {
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

    fn admin(&self, photos: Vec<Photo>) -> AdminReview {
        AdminReview {
            review: self.public(photos),
            status: ReviewStatus::parse(&self.status).unwrap_or(ReviewStatus::Pending),
            email: self.email.clone(),
        }
    }

    fn sort_key(&self, sort: ReviewSort) -> i64 {
        match sort {
            ReviewSort::Highest | ReviewSort::Lowest => self.rating,
            ReviewSort::Helpful => self.helpful_count,
            ReviewSort::Newest | ReviewSort::WithPhotos => 0,
        }
    }
}

/// An opaque cursor: the sort key, time and id of the last review on the page.
fn encode_cursor(key: i64, created_at: i64, id: i64) -> String {
    format!("{key}_{created_at}_{id}")
}

fn decode_cursor(c: &str) -> Result<(i64, i64, i64), ApiError> {
    let mut it = c.split('_').map(|p| p.parse::<i64>());
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(Ok(k)), Some(Ok(t)), Some(Ok(i)), None) => Ok((k, t, i)),
        _ => Err(ApiError::field("cursor", FieldError::Invalid)),
    }
}

/// Photos of the given reviews, grouped per review id.
async fn photos_of(db: &crate::db::Db, ids: &[i64]) -> Result<Vec<(i64, Photo)>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT id, review_id FROM review_photos WHERE review_id IN ({}) ORDER BY created_at, id", placeholders.join(", "));
    let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.pool).await?.into_iter().map(|(id, review_id)| (review_id, Photo { url: photo_url(&id), id })).collect())
}

fn take_photos(all: &[(i64, Photo)], review_id: i64) -> Vec<Photo> {
    all.iter().filter(|(r, _)| *r == review_id).map(|(_, p)| p.clone()).collect()
}

async fn summary(db: &crate::db::Db, product_id: &str) -> Result<RatingSummary, ApiError> {
    Ok(summaries(db, &[product_id.to_owned()]).await?.pop().unwrap_or_else(|| RatingSummary::from_histogram(product_id, [0; 5])))
}

async fn summaries(db: &crate::db::Db, ids: &[String]) -> Result<Vec<RatingSummary>, ApiError> {
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT product_id, rating, COUNT(*) FROM reviews WHERE status = 'published' AND product_id IN ({}) GROUP BY product_id, rating",
        placeholders.join(", ")
    );
    let mut q = sqlx::query_as::<_, (String, i64, i64)>(&sql);
    for id in ids {
        q = q.bind(id.clone());
    }
    let rows = q.fetch_all(&db.pool).await?;
    Ok(ids
        .iter()
        .map(|id| {
            let mut h = [0u64; 5];
            for (p, rating, n) in &rows {
                if p == id && (1..=5).contains(rating) {
                    h[*rating as usize - 1] = *n as u64;
                }
            }
            RatingSummary::from_histogram(id, h)
        })
        .collect())
}

/// The published reviews of a product, with its summary.
#[utoipa::path(
    get, path = "/v1/products/{product_id}/reviews", tag = "reviews",
    params(("product_id" = String, Path, description = "The shop's product id"), ReviewListQuery),
    responses((status = 200, body = ReviewPage), (status = 422, body = ErrorBody))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(product_id): Path<String>,
    Query(q): Query<ReviewListQuery>,
) -> Result<Json<ReviewPage>, ApiError> {
    check_product(&product_id)?;
    q.validate().map_err(ApiError::Validation)?;
    let limit = q.page_size() as i64;
    let mut sql = format!("SELECT {COLUMNS} FROM reviews WHERE product_id = $1 AND status = 'published'");
    let mut args = vec![Arg::S(product_id.clone())];
    let mut n = 1;
    let mut next = |args: &mut Vec<Arg>, a: Arg| {
        args.push(a);
        n += 1;
        format!("${n}")
    };
    if let Some(r) = q.rating {
        let p = next(&mut args, Arg::I(r as i64));
        sql.push_str(&format!(" AND rating = {p}"));
    }
    if q.sort == ReviewSort::WithPhotos {
        sql.push_str(" AND photo_count > 0");
    }
    if let Some(c) = &q.cursor {
        let (k, t, i) = decode_cursor(c)?;
        let (pk, pt, pi) = (next(&mut args, Arg::I(k)), next(&mut args, Arg::I(t)), next(&mut args, Arg::I(i)));
        let tail = format!("(created_at < {pt} OR (created_at = {pt} AND id < {pi}))");
        let cond = match q.sort {
            ReviewSort::Newest | ReviewSort::WithPhotos => tail,
            ReviewSort::Highest => format!("(rating < {pk} OR (rating = {pk} AND {tail}))"),
            ReviewSort::Lowest => format!("(rating > {pk} OR (rating = {pk} AND {tail}))"),
            ReviewSort::Helpful => format!("(helpful_count < {pk} OR (helpful_count = {pk} AND {tail}))"),
        };
        sql.push_str(" AND ");
        sql.push_str(&cond);
    }
    sql.push_str(match q.sort {
        ReviewSort::Newest | ReviewSort::WithPhotos => " ORDER BY created_at DESC, id DESC",
        ReviewSort::Highest => " ORDER BY rating DESC, created_at DESC, id DESC",
        ReviewSort::Lowest => " ORDER BY rating ASC, created_at DESC, id DESC",
        ReviewSort::Helpful => " ORDER BY helpful_count DESC, created_at DESC, id DESC",
    });
    let p = next(&mut args, Arg::I(limit + 1));
    sql.push_str(&format!(" LIMIT {p}"));
    let mut rows = bind_all(sqlx::query_as::<_, ReviewRow>(&sql), args).fetch_all(&state.db.pool).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| encode_cursor(r.sort_key(q.sort), r.created_at, r.id))
    } else {
        None
    };
    let photos = photos_of(&state.db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let items = rows.iter().map(|r| r.public(take_photos(&photos, r.id))).collect();
    Ok(Json(ReviewPage { summary: summary(&state.db, &product_id).await?, items, next_cursor }))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct SummariesQuery {
    /// Comma-separated product ids, at most 100.
    pub product_ids: String,
}

/// Rating summaries of many products in one request (star snippets on a collection page).
#[utoipa::path(
    get, path = "/v1/reviews/summaries", tag = "reviews", params(SummariesQuery),
    responses((status = 200, body = Summaries), (status = 422, body = ErrorBody))
)]
pub async fn batch_summaries(State(state): State<AppState>, Query(q): Query<SummariesQuery>) -> Result<Json<Summaries>, ApiError> {
    let ids = parse_product_ids(&q.product_ids).map_err(ApiError::Validation)?;
    Ok(Json(Summaries { summaries: summaries(&state.db, &ids).await? }))
}

/// The customer named by an optional `Authorization: Bearer` customer token.
fn optional_customer(headers: &HeaderMap, state: &AppState) -> Result<Option<String>, ApiError> {
    let Some(token) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) else {
        return Ok(None);
    };
    let secret = state.config.token_secret.as_deref().unwrap_or_default();
    auth::verify(token.trim(), secret.as_bytes(), &state.config.token_audience, now())
        .map(|c| Some(c.sub))
        .map_err(|e| ApiError::Status(StatusCode::UNAUTHORIZED, e.code(), "The customer token was refused.".to_owned()))
}

/// Gives the shop's reward for a review that is now published, once.
async fn reward_for(
    tx: &mut Tx<'_>,
    settings: &ReviewSettings,
    review_id: i64,
    customer_id: Option<&str>,
) -> Result<Option<Reward>, ApiError> {
    let reward = match (customer_id, settings.reward_points, settings.reward_coupon_percent) {
        (Some(c), points, _) if points > 0 => {
            rewards::credit_points(tx, c, points, "review", &review_id.to_string()).await?;
            Some(Reward::Points { points })
        }
        (_, _, Some(percent)) => {
            Some(Reward::Coupon { code: rewards::issue_percent_coupon(tx, "THANKS-", "review", customer_id, percent).await? })
        }
        _ => None,
    };
    if let Some(r) = &reward {
        let json = serde_json::to_string(r).map_err(|e| ApiError::Internal(e.to_string()))?;
        sqlx::query("UPDATE reviews SET reward = $1 WHERE id = $2").bind(json).bind(review_id).execute(&mut **tx).await?;
    }
    Ok(reward)
}

/// A shopper writes a review.
#[utoipa::path(
    post, path = "/v1/products/{product_id}/reviews", tag = "reviews",
    params(("product_id" = String, Path, description = "The shop's product id"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    request_body = ReviewCreate,
    responses(
        (status = 201, description = "Stored; published or waiting for moderation", body = ReviewCreated),
        (status = 401, description = "A customer token was sent and refused", body = ErrorBody),
        (status = 422, description = "Invalid fields (names in `fields`)", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Path(product_id): Path<String>,
    headers: HeaderMap,
    body: JsonBody<ReviewCreate>,
) -> Result<Response, ApiError> {
    check_product(&product_id)?;
    let r = &body.value;
    r.validate().map_err(ApiError::Validation)?;
    if r.looks_like_a_bot() {
        // A normal-looking answer, and nothing is stored.
        tracing::info!(%product_id, "review refused as spam");
        let fake = ReviewCreated { id: (now() % 100_000) + 1000, status: ReviewStatus::Pending, reward: None };
        return Ok((StatusCode::CREATED, Json(fake)).into_response());
    }
    let mut customer_id = optional_customer(&headers, &state)?;
    let mut verified = false;
    if let Some(t) = r.order_token.as_deref().filter(|t| !t.trim().is_empty()) {
        let secret = state.config.token_secret.as_deref().unwrap_or_default();
        let order = auth::verify_order_token(t.trim(), secret.as_bytes(), &product_id, now())
            .map_err(|_| ApiError::field("order_token", FieldError::Invalid))?;
        verified = true;
        customer_id = customer_id.or(Some(order.sub));
    }
    let settings: ReviewSettings = settings::get(&state.db, SETTINGS_KEY, ReviewSettings::default).await?;
    let status = if settings.publishes(r.rating) { ReviewStatus::Published } else { ReviewStatus::Pending };

    let mut op = match Idempotent::begin(&state.db, &headers, format!("review:{product_id}"), &body.raw).await? {
        Begun::Replay(resp) => return Ok(resp),
        Begun::Fresh(op) => op,
    };
    let created_at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reviews (product_id, rating, title, body, author_name, email, locale, customer_id, verified, status,
                              photo_count, created_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(&product_id)
    .bind(r.rating as i64)
    .bind(r.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned))
    .bind(r.body.trim().to_owned())
    .bind(r.author_name.trim().to_owned())
    .bind(r.email.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned))
    .bind(r.locale.clone())
    .bind(customer_id.clone())
    .bind(verified as i64)
    .bind(status.as_str())
    .bind(r.photo_ids.len() as i64)
    .bind(created_at)
    .bind((status == ReviewStatus::Published).then_some(created_at))
    .fetch_one(&mut *op.tx)
    .await?;
    for photo in &r.photo_ids {
        let attached = sqlx::query("UPDATE review_photos SET review_id = $1 WHERE id = $2 AND review_id IS NULL")
            .bind(id)
            .bind(photo.clone())
            .execute(&mut *op.tx)
            .await?
            .rows_affected();
        if attached != 1 {
            return Err(ApiError::field("photo_ids", FieldError::Invalid));
        }
    }
    let reward =
        if status == ReviewStatus::Published { reward_for(&mut op.tx, &settings, id, customer_id.as_deref()).await? } else { None };
    tracing::info!(%product_id, id, rating = r.rating, status = status.as_str(), verified, "review stored");
    op.finish(StatusCode::CREATED, &ReviewCreated { id, status, reward }).await
}

/// Uploads one photo for a review (JPEG, PNG or WebP, told by content; at most 5 MiB).
#[utoipa::path(
    post, path = "/v1/photos", tag = "reviews",
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses(
        (status = 201, body = PhotoUploaded),
        (status = 413, description = "Over 5 MiB", body = ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP image", body = ErrorBody),
    )
)]
pub async fn upload_photo(State(state): State<AppState>, body: Result<Bytes, BytesRejection>) -> Result<Response, ApiError> {
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::Status(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "A photo may be at most 5 MiB.".to_owned())
        } else {
            ApiError::Status(StatusCode::BAD_REQUEST, "bad_request", "The photo could not be read.".to_owned())
        }
    })?;
    if bytes.len() > PHOTO_BYTES_MAX {
        return Err(ApiError::Status(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "A photo may be at most 5 MiB.".to_owned()));
    }
    let Some(kind) = ImageKind::sniff(&bytes) else {
        return Err(ApiError::Status(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send a JPEG, PNG or WebP image.".to_owned(),
        ));
    };
    let id = format!("ph_{}", rewards::random_code("").to_ascii_lowercase() + &rewards::random_code("").to_ascii_lowercase());
    let dir = &state.config.upload_dir;
    tokio::fs::create_dir_all(dir).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    let path = dir.join(format!("{id}.{}", kind.extension()));
    tokio::fs::write(&path, &bytes).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    sqlx::query("INSERT INTO review_photos (id, mime, bytes, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(kind.mime())
        .bind(bytes.len() as i64)
        .bind(now())
        .execute(&state.db.pool)
        .await?;
    Ok((StatusCode::CREATED, Json(PhotoUploaded { url: photo_url(&id), id })).into_response())
}

/// A stored photo.
pub async fn photo(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    if !is_valid_id(&id) || !id.starts_with("ph_") {
        return Err(ApiError::not_found("Photo"));
    }
    let mime: Option<String> =
        sqlx::query_scalar("SELECT mime FROM review_photos WHERE id = $1").bind(&id).fetch_optional(&state.db.pool).await?;
    let Some(mime) = mime else { return Err(ApiError::not_found("Photo")) };
    let ext = match mime.as_str() {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    };
    let bytes = tokio::fs::read(state.config.upload_dir.join(format!("{id}.{ext}"))).await.map_err(|_| ApiError::not_found("Photo"))?;
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// "Was this review helpful?" — counted once per visitor.
#[utoipa::path(
    post, path = "/v1/reviews/{review_id}/helpful", tag = "reviews",
    params(("review_id" = i64, Path, description = "The review")),
    request_body = HelpfulVote,
    responses((status = 200, body = VoteResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn vote(
    State(state): State<AppState>,
    Path(review_id): Path<i64>,
    body: JsonBody<HelpfulVote>,
) -> Result<Json<VoteResult>, ApiError> {
    if !is_valid_id(&body.value.visitor_id) {
        return Err(ApiError::field("visitor_id", FieldError::Invalid));
    }
    let mut tx = state.db.begin().await?;
    let published: Option<i64> = sqlx::query_scalar("SELECT id FROM reviews WHERE id = $1 AND status = 'published'")
        .bind(review_id)
        .fetch_optional(&mut *tx)
        .await?;
    if published.is_none() {
        return Err(ApiError::not_found("Review"));
    }
    let counted = sqlx::query("INSERT INTO review_votes (review_id, visitor_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(review_id)
        .bind(body.value.visitor_id.clone())
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if counted {
        sqlx::query("UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = $1").bind(review_id).execute(&mut *tx).await?;
    }
    let helpful_count: i64 =
        sqlx::query_scalar("SELECT helpful_count FROM reviews WHERE id = $1").bind(review_id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Json(VoteResult { helpful_count: helpful_count.max(0) as u64, counted }))
}

/// The moderation queue (and the published or rejected reviews).
#[utoipa::path(
    get, path = "/v1/admin/reviews", tag = "reviews", params(AdminReviewQuery),
    security(("admin_key" = [])),
    responses((status = 200, body = AdminReviewPage), (status = 401, body = ErrorBody))
)]
pub async fn admin_list(
    _: Admin,
    State(state): State<AppState>,
    Query(q): Query<AdminReviewQuery>,
) -> Result<Json<AdminReviewPage>, ApiError> {
    let status = q.status.unwrap_or(ReviewStatus::Pending);
    let limit = q.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX) as i64;
    let mut sql = format!("SELECT {COLUMNS} FROM reviews WHERE status = $1");
    let mut args = vec![Arg::S(status.as_str().to_owned())];
    if let Some(c) = &q.cursor {
        let (_, t, i) = decode_cursor(c)?;
        sql.push_str(" AND (created_at < $2 OR (created_at = $2 AND id < $3))");
        args.push(Arg::I(t));
        args.push(Arg::I(i));
    }
    sql.push_str(&format!(" ORDER BY created_at DESC, id DESC LIMIT ${}", args.len() + 1));
    args.push(Arg::I(limit + 1));
    let mut rows = bind_all(sqlx::query_as::<_, ReviewRow>(&sql), args).fetch_all(&state.db.pool).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| encode_cursor(0, r.created_at, r.id))
    } else {
        None
    };
    let photos = photos_of(&state.db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(Json(AdminReviewPage { items: rows.iter().map(|r| r.admin(take_photos(&photos, r.id))).collect(), next_cursor }))
}

async fn load(tx: &mut Tx<'_>, id: i64) -> Result<ReviewRow, ApiError> {
    sqlx::query_as::<_, ReviewRow>(&format!("SELECT {COLUMNS} FROM reviews WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| ApiError::not_found("Review"))
}

async fn admin_view(state: &AppState, row: &ReviewRow) -> Result<Json<AdminReview>, ApiError> {
    let photos = photos_of(&state.db, &[row.id]).await?;
    Ok(Json(row.admin(take_photos(&photos, row.id))))
}

/// Approve or reject a review. Approving publishes it and gives the shop's reward, once.
#[utoipa::path(
    post, path = "/v1/admin/reviews/{review_id}/moderation", tag = "reviews",
    params(("review_id" = i64, Path, description = "The review")), request_body = Moderation,
    security(("admin_key" = [])),
    responses((status = 200, body = AdminReview), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn moderate(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: JsonBody<Moderation>,
) -> Result<Json<AdminReview>, ApiError> {
    let settings: ReviewSettings = settings::get(&state.db, SETTINGS_KEY, ReviewSettings::default).await?;
    let mut tx = state.db.begin().await?;
    let row = load(&mut tx, id).await?;
    match body.value.action {
        ModerationAction::Approve => {
            sqlx::query("UPDATE reviews SET status = 'published', published_at = COALESCE(published_at, $1) WHERE id = $2")
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if row.reward.is_none() {
                reward_for(&mut tx, &settings, id, row.customer_id.as_deref()).await?;
            }
        }
        ModerationAction::Reject => {
            sqlx::query("UPDATE reviews SET status = 'rejected' WHERE id = $1").bind(id).execute(&mut *tx).await?;
        }
    }
    let row = load(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(id, status = %row.status, "review moderated");
    admin_view(&state, &row).await
}

/// The shop answers a review in public.
#[utoipa::path(
    post, path = "/v1/admin/reviews/{review_id}/reply", tag = "reviews",
    params(("review_id" = i64, Path, description = "The review")), request_body = ReplyCreate,
    security(("admin_key" = [])),
    responses((status = 200, body = AdminReview), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn reply(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: JsonBody<ReplyCreate>,
) -> Result<Json<AdminReview>, ApiError> {
    body.value.validate().map_err(ApiError::Validation)?;
    let mut tx = state.db.begin().await?;
    load(&mut tx, id).await?;
    sqlx::query("UPDATE reviews SET reply_body = $1, reply_at = $2 WHERE id = $3")
        .bind(body.value.body.trim().to_owned())
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let row = load(&mut tx, id).await?;
    tx.commit().await?;
    admin_view(&state, &row).await
}

/// The shop's review rules.
#[utoipa::path(get, path = "/v1/admin/review-settings", tag = "reviews", security(("admin_key" = [])),
    responses((status = 200, body = ReviewSettings), (status = 401, body = ErrorBody)))]
pub async fn get_settings(_: Admin, State(state): State<AppState>) -> Result<Json<ReviewSettings>, ApiError> {
    Ok(Json(settings::get(&state.db, SETTINGS_KEY, ReviewSettings::default).await?))
}

#[utoipa::path(put, path = "/v1/admin/review-settings", tag = "reviews", request_body = ReviewSettings, security(("admin_key" = [])),
    responses((status = 200, body = ReviewSettings), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_settings(_: Admin, State(state): State<AppState>, body: JsonBody<ReviewSettings>) -> Result<Response, ApiError> {
    body.value.validate().map_err(ApiError::Validation)?;
    settings::put(&state.db, SETTINGS_KEY, &body.value).await?;
    Ok(json_response(StatusCode::OK, serde_json::to_string(&body.value).map_err(|e| ApiError::Internal(e.to_string()))?))
}
