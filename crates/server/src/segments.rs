//! Orders and RFM segments. The shop's server reports each order (with its purchase award, or
//! `POST /v1/admin/orders` for past ones); the scores and segments are computed from them on
//! request (`retainkit_contract::segments` has the rule), at a time that can be chosen
//! (`as_of`), so a result can be reproduced.

use crate::auth::Admin;
use crate::db::{now, Tx};
use crate::error::ApiError;
use crate::json::{JsonBody, Path, Query};
use crate::{page, AppState};
use axum::extract::State;
use axum::Json;
use retainkit_contract::segments::*;
use retainkit_contract::{ErrorBody, FieldError};

/// An order time may be this far ahead of the server's clock (time zones, clock drift).
const AHEAD: i64 = 86_400;

/// Keeps an order once (by its id); `false` when it was kept before.
pub async fn keep_order(tx: &mut Tx<'_>, o: &Order, now: i64) -> Result<bool, ApiError> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO orders (order_id, customer_id, amount, currency, ordered_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (order_id) DO NOTHING RETURNING id",
    )
    .bind(&o.order_id)
    .bind(&o.customer_id)
    .bind(o.amount)
    .bind(o.currency.clone())
    .bind(o.ordered_at.unwrap_or(now))
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.is_some())
}

/// Refuses an order time too far in the future.
pub fn check_time(ordered_at: Option<i64>, field: &str, now: i64) -> Result<(), ApiError> {
    match ordered_at {
        Some(t) if t > now + AHEAD => Err(ApiError::field(field, FieldError::OutOfRange)),
        _ => Ok(()),
    }
}

/// Past orders (up to 1,000 a call), e.g. the shop's history when it starts with RetainKit.
/// No points are given for them. An order id already kept is left as it was, so the call can
/// be repeated safely.
#[utoipa::path(post, path = "/v1/admin/orders", tag = "segments", operation_id = "import_orders", security(("admin_key" = [])),
    request_body = OrderImport,
    responses((status = 200, body = OrdersImported), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(_: Admin, State(state): State<AppState>, body: JsonBody<OrderImport>) -> Result<Json<OrdersImported>, ApiError> {
    let orders = &body.value.orders;
    body.value.validate().map_err(ApiError::Validation)?;
    let now = now();
    for (i, o) in orders.iter().enumerate() {
        check_time(o.ordered_at, &format!("orders.{i}.ordered_at"), now)?;
    }
    let mut tx = state.db.begin().await?;
    let mut inserted = 0;
    for o in orders {
        inserted += u64::from(keep_order(&mut tx, o, now).await?);
    }
    tx.commit().await?;
    state.segment_cache.invalidate().await;
    Ok(Json(OrdersImported { inserted, duplicates: orders.len() as u64 - inserted }))
}

/// Every customer with an order up to `as_of`, scored.
pub async fn scored(state: &AppState, as_of: i64) -> Result<Vec<SegmentMember>, ApiError> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT customer_id, COUNT(*), CAST(SUM(amount) AS BIGINT), MAX(ordered_at) FROM orders WHERE ordered_at <= $1 GROUP BY customer_id",
    )
    .bind(as_of)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rfm(rows
        .into_iter()
        .map(|(customer_id, orders, monetary, last_order_at)| Purchases { customer_id, orders: orders as u64, monetary, last_order_at })
        .collect()))
}

fn as_of(asked: Option<i64>) -> i64 {
    asked.unwrap_or_else(now)
}

/// The shop's customers by RFM segment: the size and spending of each segment and the
/// recency × frequency grid.
#[utoipa::path(get, path = "/v1/admin/segments", tag = "segments", operation_id = "segment_overview", security(("admin_key" = [])),
    params(SegmentQuery), responses((status = 200, body = SegmentOverview), (status = 401, body = ErrorBody)))]
pub async fn overview(_: Admin, State(state): State<AppState>, Query(q): Query<SegmentQuery>) -> Result<Json<SegmentOverview>, ApiError> {
    let at = as_of(q.as_of);
    Ok(Json(retainkit_contract::segments::overview(&scored(&state, at).await?, at)))
}

/// A segment's customers with their scores, by customer id, a page at a time.
#[utoipa::path(get, path = "/v1/admin/segments/{segment}/members", tag = "segments", operation_id = "segment_members",
    security(("admin_key" = [])), params(("segment" = Segment, Path, description = "The segment"), SegmentQuery),
    responses((status = 200, body = SegmentMemberPage), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn members(
    _: Admin,
    State(state): State<AppState>,
    Path(segment): Path<String>,
    Query(q): Query<SegmentQuery>,
) -> Result<Json<SegmentMemberPage>, ApiError> {
    let segment = Segment::parse(&segment).ok_or_else(|| ApiError::not_found("Segment"))?;
    let limit = page::limit(q.limit);
    let after = q.cursor.unwrap_or_default();
    let rows: Vec<SegmentMember> = scored(&state, as_of(q.as_of))
        .await?
        .into_iter()
        .filter(|m| m.segment == segment && m.customer_id > after)
        .take(limit as usize + 1)
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |m| m.customer_id.clone());
    Ok(Json(SegmentMemberPage { items, next_cursor }))
}
