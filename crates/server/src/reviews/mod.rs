//! Review endpoints: the public list and summaries, creating a review (with spam traps,
//! verified orders and rewards), photos, helpful votes, and the admin side (moderation
//! queue, approve/reject, merchant reply, settings).

pub mod image;
pub mod policy;
pub mod store;

use crate::auth::{self, Admin};
use crate::client::Client;
use crate::db::{now, Tx};
use crate::error::ApiError;
use crate::idempotency::{json_response, Begun, Idempotent};
use crate::json::JsonBody;
use crate::json::{Path, Query};
use crate::webhooks;
use crate::{rewards, settings, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use image::ImageKind;
use retainkit_contract::admin::*;
use retainkit_contract::reviews::*;
use retainkit_contract::webhooks::WebhookEvent;
use retainkit_contract::{is_valid_id, ErrorBody, FieldError};
use store::{photo_url, take_photos, ReviewRow};

const SETTINGS_KEY: &str = "reviews";

/// The file extension a stored photo of this type has.
pub fn extension_of(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

fn check_product(id: &str) -> Result<(), ApiError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(ApiError::field("product_id", FieldError::Invalid))
    }
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
    let mut conn = state.db.pool.acquire().await?;
    let (rows, next_cursor) = store::page(&mut conn, &product_id, &q).await?;
    let photos = store::photos_of(&mut conn, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let items = rows.iter().map(|r| r.public(take_photos(&photos, r.id))).collect();
    let summary = store::summaries(&mut conn, std::slice::from_ref(&product_id)).await?.remove(0);
    Ok(Json(ReviewPage { summary, items, next_cursor }))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
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
    Ok(Json(Summaries { summaries: store::summaries(&mut *state.db.pool.acquire().await?, &ids).await? }))
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

/// Gives the shop's reward for a review that is now published: once per product and
/// claimant (see `policy::reward_claimant`), recorded on the review.
async fn reward_for(tx: &mut Tx<'_>, settings: &ReviewSettings, row: &ReviewRow) -> Result<Option<Reward>, ApiError> {
    if settings.reward_points <= 0 && settings.reward_coupon_percent.is_none() {
        return Ok(None);
    }
    let (customer, order) = (row.customer_id.as_deref(), row.order_id.as_deref());
    let claimant = policy::reward_claimant(customer, order, row.email.as_deref(), row.id);
    let first: Option<String> = sqlx::query_scalar(
        "INSERT INTO review_rewards (product_id, claimant, review_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING claimant",
    )
    .bind(&row.product_id)
    .bind(&claimant)
    .bind(row.id)
    .bind(now())
    .fetch_optional(&mut **tx)
    .await?;
    if first.is_none() {
        tracing::info!(review = row.id, %claimant, "no second review reward for this product");
        return Ok(None);
    }
    let reward = match (customer, settings.reward_points, settings.reward_coupon_percent) {
        (Some(c), points, _) if points > 0 => {
            rewards::credit_points(tx, c, points, "review", &format!("{}:{claimant}", row.product_id)).await?;
            Some(Reward::Points { points })
        }
        (_, _, Some(percent)) => {
            Some(Reward::Coupon { code: rewards::issue_percent_coupon(tx, "THANKS-", "review", customer, percent).await? })
        }
        _ => None,
    };
    if let Some(r) = &reward {
        let json = serde_json::to_string(r).map_err(|e| ApiError::Internal(e.to_string()))?;
        sqlx::query("UPDATE reviews SET reward = $1 WHERE id = $2").bind(json).bind(row.id).execute(&mut **tx).await?;
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
    // Caught by a spam trap: stored as rejected spam (the shop can publish it), answered like
    // a review waiting for moderation.
    let spam = policy::spam_trap(r);
    let mut customer_id = optional_customer(&headers, &state)?;
    let mut verified = false;
    let mut order_id = None;
    if let Some(t) = r.order_token.as_deref().filter(|t| !t.trim().is_empty()) {
        let secret = state.config.token_secret.as_deref().unwrap_or_default();
        let order = auth::verify_order_token(t.trim(), secret.as_bytes(), &product_id, now())
            .map_err(|_| ApiError::field("order_token", FieldError::Invalid))?;
        verified = true;
        order_id = order.order_id;
        customer_id = customer_id.or(Some(order.sub));
    }
    let settings: ReviewSettings = settings::get(&state.db, SETTINGS_KEY, ReviewSettings::default).await?;
    let status = if spam.is_some() {
        ReviewStatus::Rejected
    } else if policy::publishes(&settings, r.rating) {
        ReviewStatus::Published
    } else {
        ReviewStatus::Pending
    };

    let mut op = match Idempotent::begin(&state.db, &headers, format!("review:{product_id}"), &body.raw).await? {
        Begun::Replay(resp) => return Ok(resp),
        Begun::Fresh(op) => op,
    };
    let created_at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reviews (product_id, rating, title, body, author_name, email, locale, customer_id, order_id, verified, status,
                              photo_count, created_at, published_at, spam)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(&product_id)
    .bind(r.rating as i64)
    .bind(r.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned))
    .bind(r.body.trim().to_owned())
    .bind(r.author_name.trim().to_owned())
    .bind(r.email.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned))
    .bind(r.locale.clone())
    .bind(customer_id.clone())
    .bind(order_id.clone())
    .bind(verified as i64)
    .bind(status.as_str())
    .bind(r.photo_ids.len() as i64)
    .bind(created_at)
    .bind((status == ReviewStatus::Published).then_some(created_at))
    .bind(spam)
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
    let reward = if status == ReviewStatus::Published {
        store::count_published(&mut op.tx, &product_id, r.rating as i64, 1).await?;
        let row = store::load(&mut op.tx, id).await?;
        reward_for(&mut op.tx, &settings, &row).await?
    } else {
        None
    };
    let row = store::load(&mut op.tx, id).await?;
    announce(&mut op.tx, &row, WebhookEvent::ReviewCreated).await?;
    if status == ReviewStatus::Published {
        announce(&mut op.tx, &row, WebhookEvent::ReviewPublished).await?;
    }
    tracing::info!(%product_id, id, rating = r.rating, status = status.as_str(), verified, spam, "review stored");
    // The shopper is not told a trap caught it (a bot would learn from that).
    let shown = if spam.is_some() { ReviewStatus::Pending } else { status };
    op.finish(StatusCode::CREATED, &ReviewCreated { id, status: shown, reward }).await
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
pub async fn upload_photo(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    let too_large = || ApiError::Status(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "A photo may be at most 5 MiB.".to_owned());
    if crate::json::content_length(&headers).is_some_and(|n| n > PHOTO_BYTES_MAX) {
        return Err(too_large());
    }
    let uploader = client.network_hash(state.network_salt().await?);
    let recent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM review_photos WHERE uploader = $1 AND created_at > $2")
        .bind(&uploader)
        .bind(now() - 3600)
        .fetch_one(&state.db.pool)
        .await?;
    if recent >= policy::UPLOADS_PER_NETWORK_HOUR {
        return Err(ApiError::RateLimited(600));
    }
    let deadline = request.extensions().get::<crate::json::BodyDeadline>().map(|d| d.0).unwrap_or(crate::json::BODY_DEADLINE * 12);
    let read = tokio::time::timeout(deadline, Bytes::from_request(request, &state))
        .await
        .map_err(|_| ApiError::Status(StatusCode::REQUEST_TIMEOUT, "body_timeout", "The photo took too long to arrive.".to_owned()))?;
    let bytes = read.map_err(|r: BytesRejection| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::Status(StatusCode::BAD_REQUEST, "bad_request", "The photo could not be read.".to_owned())
        }
    })?;
    if bytes.len() > PHOTO_BYTES_MAX {
        return Err(too_large());
    }
    let unsupported = |message: &str| ApiError::Status(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message.to_owned());
    let Some(kind) = ImageKind::sniff(&bytes) else {
        return Err(unsupported("Send a JPEG, PNG or WebP image."));
    };
    match kind.dimensions(&bytes) {
        Some((w, h)) if image::fits(w, h) => {}
        Some((w, h)) => {
            tracing::info!(w, h, "photo refused: too many pixels");
            return Err(ApiError::Status(
                StatusCode::PAYLOAD_TOO_LARGE,
                "image_too_large",
                format!("A photo may be at most {} pixels on a side and {} megapixels.", image::MAX_SIDE, image::MAX_PIXELS / 1_000_000),
            ));
        }
        None => return Err(unsupported("The image could not be read.")),
    }
    let id = format!("ph_{}", rewards::random_code("").to_ascii_lowercase() + &rewards::random_code("").to_ascii_lowercase());
    let dir = &state.config.upload_dir;
    let storage = |e: std::io::Error| {
        tracing::warn!(error = %e, "photo not written");
        ApiError::Unavailable("storage")
    };
    tokio::fs::create_dir_all(dir).await.map_err(storage)?;
    let path = dir.join(format!("{id}.{}", kind.extension()));
    tokio::fs::write(&path, &bytes).await.map_err(storage)?;
    let stored = sqlx::query("INSERT INTO review_photos (id, mime, bytes, uploader, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(kind.mime())
        .bind(bytes.len() as i64)
        .bind(&uploader)
        .bind(now())
        .execute(&state.db.pool)
        .await;
    if let Err(e) = stored {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e.into());
    }
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
    let bytes = tokio::fs::read(state.config.upload_dir.join(format!("{id}.{}", extension_of(&mime))))
        .await
        .map_err(|_| ApiError::not_found("Photo"))?;
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
    client: Client,
    Path(review_id): Path<i64>,
    body: JsonBody<HelpfulVote>,
) -> Result<Json<VoteResult>, ApiError> {
    if !is_valid_id(&body.value.visitor_id) {
        return Err(ApiError::field("visitor_id", FieldError::Invalid));
    }
    let voter = client.network_hash(state.network_salt().await?);
    let mut tx = state.db.begin().await?;
    // Locks the review's row (PostgreSQL), so the votes of one network are counted in turn.
    let published = sqlx::query("UPDATE reviews SET helpful_count = helpful_count WHERE id = $1 AND status = 'published'")
        .bind(review_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if published != 1 {
        return Err(ApiError::not_found("Review"));
    }
    let from_network: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM review_votes WHERE review_id = $1 AND voter = $2")
        .bind(review_id)
        .bind(&voter)
        .fetch_one(&mut *tx)
        .await?;
    let counted = from_network < policy::VOTES_PER_NETWORK
        && sqlx::query(
            "INSERT INTO review_votes (review_id, visitor_id, voter, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(review_id)
        .bind(body.value.visitor_id.clone())
        .bind(&voter)
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

/// The moderation queue (and the published or rejected reviews), filtered by rating, product,
/// text and the spam traps (`status=rejected&spam=true`: the spam queue).
#[utoipa::path(
    get, path = "/v1/admin/reviews", tag = "reviews", params(AdminReviewQuery),
    security(("admin_key" = [])),
    responses((status = 200, body = AdminReviewPage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn admin_list(
    _: Admin,
    State(state): State<AppState>,
    Query(q): Query<AdminReviewQuery>,
) -> Result<Json<AdminReviewPage>, ApiError> {
    q.validate().map_err(ApiError::Validation)?;
    let status = q.status.unwrap_or(ReviewStatus::Pending);
    let limit = q.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX) as i64;
    let filter = store::QueueFilter { rating: q.rating, product_id: q.product_id.as_deref(), text: q.q.as_deref(), spam: q.spam };
    let mut conn = state.db.pool.acquire().await?;
    let (rows, next_cursor) = store::queue(&mut conn, status, filter, q.cursor.as_deref(), limit).await?;
    let photos = store::photos_of(&mut conn, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(Json(AdminReviewPage { items: rows.iter().map(|r| r.admin(take_photos(&photos, r.id))).collect(), next_cursor }))
}

/// Reviews written per day, week or month with how many are published and their mean rating,
/// and the totals now (published with their mean, waiting, in the spam queue): from the
/// reviews' per-status time indexes.
#[utoipa::path(get, path = "/v1/admin/reviews/activity", tag = "reviews", operation_id = "review_activity", security(("admin_key" = [])),
    params(PeriodQuery), responses((status = 200, body = ReviewActivity), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn activity(_: Admin, State(state): State<AppState>, Query(q): Query<PeriodQuery>) -> Result<Json<ReviewActivity>, ApiError> {
    let periods = crate::periods::Periods::of(&q)?;
    let (first, to) = (periods.first(), periods.to);
    let days: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT created_at / 86400, CAST(COUNT(*) AS BIGINT), \
         CAST(SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN status = 'published' THEN rating ELSE 0 END) AS BIGINT) \
         FROM reviews WHERE created_at >= $1 AND created_at < $2 AND spam IS NULL GROUP BY created_at / 86400",
    )
    .bind(first * 86_400)
    .bind((to + 1) * 86_400)
    .fetch_all(&state.db.pool)
    .await?;
    let mut rows: Vec<(ReviewPeriod, u64)> = periods
        .starts
        .iter()
        .map(|s| (ReviewPeriod { start: crate::surveys::civil_date(*s), written: 0, published: 0, average: None }, 0))
        .collect();
    for (day, written, published, stars) in days {
        let (p, sum) = &mut rows[periods.index(day)];
        p.written += written as u64;
        p.published += published as u64;
        *sum += stars as u64;
    }
    let (published, stars): (i64, i64) =
        sqlx::query_as("SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(rating), 0) AS BIGINT) FROM reviews WHERE status = 'published'")
            .fetch_one(&state.db.pool)
            .await?;
    let pending: i64 =
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM reviews WHERE status = 'pending'").fetch_one(&state.db.pool).await?;
    let spam: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM reviews WHERE status = 'rejected' AND spam IS NOT NULL")
        .fetch_one(&state.db.pool)
        .await?;
    Ok(Json(ReviewActivity {
        interval: periods.interval,
        from: crate::surveys::civil_date(first),
        to: crate::surveys::civil_date(to),
        periods: rows
            .into_iter()
            .map(|(mut p, sum)| {
                p.average = mean_rating(sum, p.published);
                p
            })
            .collect(),
        totals: ReviewTotals {
            published: published as u64,
            average: mean_rating(stars as u64, published as u64),
            pending: pending as u64,
            spam: spam as u64,
        },
    }))
}

async fn admin_view(state: &AppState, row: &ReviewRow) -> Result<Json<AdminReview>, ApiError> {
    let photos = store::photos_of(&mut *state.db.pool.acquire().await?, &[row.id]).await?;
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
    let row = moderate_one(&mut tx, &settings, id, body.value.action).await?;
    tx.commit().await?;
    tracing::info!(id, status = %row.status, "review moderated");
    admin_view(&state, &row).await
}

/// Tells the webhooks of a review (as the admin API shows it, photos left out).
async fn announce(tx: &mut Tx<'_>, row: &store::ReviewRow, event: WebhookEvent) -> Result<(), ApiError> {
    let data = serde_json::to_value(row.admin(Vec::new())).map_err(|e| ApiError::Internal(e.to_string()))?;
    webhooks::enqueue(tx, event, data).await
}

/// One review approved (published, the reward given once), rejected, or restored to the
/// queue, inside the caller's transaction; the counts of published reviews follow.
async fn moderate_one(tx: &mut Tx<'_>, settings: &ReviewSettings, id: i64, action: ModerationAction) -> Result<ReviewRow, ApiError> {
    let row = store::load(tx, id).await?;
    match action {
        ModerationAction::Approve => {
            sqlx::query("UPDATE reviews SET status = 'published', published_at = COALESCE(published_at, $1) WHERE id = $2")
                .bind(now())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            if row.reward.is_none() {
                reward_for(tx, settings, &row).await?;
            }
            if !row.is_published() {
                store::count_published(tx, &row.product_id, row.rating, 1).await?;
                let now_published = store::load(tx, id).await?;
                announce(tx, &now_published, WebhookEvent::ReviewPublished).await?;
            }
        }
        ModerationAction::Reject | ModerationAction::Restore => {
            let status = if action == ModerationAction::Reject { "rejected" } else { "pending" };
            sqlx::query("UPDATE reviews SET status = $1 WHERE id = $2").bind(status).bind(id).execute(&mut **tx).await?;
            if row.is_published() {
                store::count_published(tx, &row.product_id, row.rating, -1).await?;
            }
        }
    }
    store::load(tx, id).await
}

/// The same action on several reviews (1–100), in one transaction: all are changed or, if
/// one of them does not exist, none (404 naming it).
#[utoipa::path(
    post, path = "/v1/admin/reviews/moderation", tag = "reviews", request_body = BulkModeration,
    security(("admin_key" = [])),
    responses((status = 200, body = BulkModerated), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn moderate_many(
    _: Admin,
    State(state): State<AppState>,
    body: JsonBody<BulkModeration>,
) -> Result<Json<BulkModerated>, ApiError> {
    body.value.validate().map_err(ApiError::Validation)?;
    let settings: ReviewSettings = settings::get(&state.db, SETTINGS_KEY, ReviewSettings::default).await?;
    let mut tx = state.db.begin().await?;
    let mut rows = Vec::with_capacity(body.value.ids.len());
    for &id in &body.value.ids {
        rows.push(moderate_one(&mut tx, &settings, id, body.value.action).await?);
    }
    tx.commit().await?;
    tracing::info!(n = rows.len(), action = ?body.value.action, "reviews moderated");
    let mut conn = state.db.pool.acquire().await?;
    let photos = store::photos_of(&mut conn, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(Json(BulkModerated { items: rows.iter().map(|r| r.admin(take_photos(&photos, r.id))).collect() }))
}

/// The shop answers a review in public (again: the new answer replaces the old one).
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
    store::load(&mut tx, id).await?;
    sqlx::query("UPDATE reviews SET reply_body = $1, reply_at = $2 WHERE id = $3")
        .bind(body.value.body.trim().to_owned())
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let row = store::load(&mut tx, id).await?;
    tx.commit().await?;
    admin_view(&state, &row).await
}

/// The shop takes its public answer back (to change it, send a new one).
#[utoipa::path(
    delete, path = "/v1/admin/reviews/{review_id}/reply", tag = "reviews", operation_id = "delete_reply",
    params(("review_id" = i64, Path, description = "The review")),
    security(("admin_key" = [])),
    responses((status = 200, body = AdminReview), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn delete_reply(_: Admin, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<AdminReview>, ApiError> {
    let mut tx = state.db.begin().await?;
    store::load(&mut tx, id).await?;
    sqlx::query("UPDATE reviews SET reply_body = NULL, reply_at = NULL WHERE id = $1").bind(id).execute(&mut *tx).await?;
    let row = store::load(&mut tx, id).await?;
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
