//! Exit-offer endpoints: the offer for a page and cart (with a code made for the visitor
//! when the offer gives unique codes), events, e-mail leads with consent, and the shop's
//! definitions and statistics.

use crate::audience::{Judge, Viewer};
use crate::auth::Admin;
use crate::db::now;
use crate::definitions::{self, Kind};
use crate::error::ApiError;
use crate::idempotency::{Begun, Idempotent};
use crate::json::JsonBody;
use crate::json::{Path, Query};
use crate::page;
use crate::sql::Sql;
use crate::webhooks;
use crate::{rewards, AppState};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use retainkit_contract::admin::*;
use retainkit_contract::offers::*;
use retainkit_contract::survey::DisplayRecorded;
use retainkit_contract::webhooks::WebhookEvent;
use retainkit_contract::{is_valid_id, ErrorBody, FieldError};

async fn exists(state: &AppState, id: &str) -> Result<bool, ApiError> {
    Ok(sqlx::query_scalar::<_, String>("SELECT id FROM offers WHERE id = $1").bind(id).fetch_optional(&state.db.pool).await?.is_some())
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActiveQuery {
    /// The page's path with its query.
    pub url: String,
    #[serde(default)]
    pub locale: Option<String>,
    /// The cart's value in minor units.
    #[serde(default)]
    pub cart_value: Option<i64>,
    /// Needed for offers with unique codes: the same visitor gets the same code.
    #[serde(default)]
    pub visitor_id: Option<String>,
    /// Offers the page's HTML places (`<rk-exit-offer offer-id>`), comma-separated: the first
    /// of them that is active for this shopper wins, whatever its page rules.
    #[serde(default)]
    pub placed: Option<String>,
}

/// The offer to show when a shopper on this page is about to leave, if any.
#[utoipa::path(get, path = "/v1/offers/active", tag = "offers", operation_id = "offers_active", params(ActiveQuery),
    responses((status = 200, body = ActiveOffer), (status = 422, body = ErrorBody)))]
pub async fn active(State(state): State<AppState>, viewer: Viewer, Query(q): Query<ActiveQuery>) -> Result<Json<ActiveOffer>, ApiError> {
    let judge = Judge::new(&state, viewer);
    let mut found = None;
    let mut all = definitions::all::<AdminOffer>(&state.db, Kind::Offer).await?;
    definitions::place_first(
        &mut all,
        &definitions::placed_ids(q.placed.as_deref()),
        |o| &o.offer.id,
        |o| &mut o.offer.display.audience.urls,
    );
    for o in all {
        if o.offer.applies(&q.url, q.locale.as_deref(), q.cart_value) && judge.admits(o.customers.as_ref()).await? {
            found = Some(o.offer);
            break;
        }
    }
    let Some(def) = found else {
        return Ok(Json(ActiveOffer { offer: None }));
    };
    let code = match (&def.code, q.visitor_id.as_deref()) {
        (OfferCode::Fixed { code }, _) => Some(code.clone()),
        // Asked without a visitor (the loader checking whether the page has an offer): the
        // code is made when the widget asks again to show it.
        (OfferCode::Unique { .. }, None) => None,
        (OfferCode::Unique { prefix }, Some(visitor)) => {
            if !is_valid_id(visitor) {
                return Err(ApiError::field("visitor_id", FieldError::Invalid));
            }
            let candidate = rewards::random_code(prefix);
            sqlx::query("INSERT INTO offer_codes (code, offer_id, visitor_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .bind(&candidate)
                .bind(&def.id)
                .bind(visitor)
                .bind(now())
                .execute(&state.db.pool)
                .await?;
            Some(
                sqlx::query_scalar("SELECT code FROM offer_codes WHERE offer_id = $1 AND visitor_id = $2")
                    .bind(&def.id)
                    .bind(visitor)
                    .fetch_one(&state.db.pool)
                    .await?,
            )
        }
    };
    Ok(Json(ActiveOffer {
        offer: Some(ExitOffer {
            id: def.id,
            headline: def.headline,
            body: def.body,
            code,
            email_capture: def.email_capture,
            consent: def.consent,
            countdown_seconds: def.countdown_seconds,
            display: def.display,
        }),
    }))
}

/// Impression, dismissal, code copied, conversion.
#[utoipa::path(post, path = "/v1/offers/{offer_id}/events", tag = "offers",
    params(("offer_id" = String, Path, description = "The offer")), request_body = OfferEvent,
    responses((status = 201, body = DisplayRecorded), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn event(
    State(state): State<AppState>,
    Path(offer_id): Path<String>,
    body: JsonBody<OfferEvent>,
) -> Result<(StatusCode, Json<DisplayRecorded>), ApiError> {
    body.value.validate().map_err(ApiError::Validation)?;
    if !is_valid_id(&offer_id) || !exists(&state, &offer_id).await? {
        return Err(ApiError::not_found("Offer"));
    }
    let at = now();
    let mut tx = state.db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO offer_events (offer_id, kind, visitor_id, page, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&offer_id)
    .bind(body.value.kind.as_str())
    .bind(body.value.visitor_id.clone())
    .bind(body.value.page.clone())
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO offer_daily (offer_id, day, kind, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (offer_id, day, kind) DO UPDATE SET count = offer_daily.count + 1",
    )
    .bind(&offer_id)
    .bind(at.div_euclid(86_400))
    .bind(body.value.kind.as_str())
    .execute(&mut *tx)
    .await?;
    if body.value.kind == OfferEventKind::Convert {
        let data = serde_json::json!({"offer_id": offer_id, "event_id": id, "visitor_id": body.value.visitor_id, "page": body.value.page, "created_at": at});
        webhooks::enqueue(&mut tx, WebhookEvent::OfferConverted, data).await?;
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(DisplayRecorded { id })))
}

/// An e-mail address given with the shopper's consent.
#[utoipa::path(post, path = "/v1/offers/{offer_id}/leads", tag = "offers",
    params(("offer_id" = String, Path, description = "The offer"), ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    request_body = LeadCreate,
    responses((status = 201, body = LeadCreated), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn lead(
    State(state): State<AppState>,
    Path(offer_id): Path<String>,
    headers: HeaderMap,
    body: JsonBody<LeadCreate>,
) -> Result<Response, ApiError> {
    let l = &body.value;
    l.validate().map_err(ApiError::Validation)?;
    if !is_valid_id(&offer_id) || !exists(&state, &offer_id).await? {
        return Err(ApiError::not_found("Offer"));
    }
    let mut op = match Idempotent::begin(&state.db, &headers, format!("lead:{offer_id}"), &body.raw).await? {
        Begun::Replay(r) => return Ok(r),
        Begun::Fresh(op) => op,
    };
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO leads (offer_id, email, consent, consented_at, visitor_id, locale, page, created_at)
         VALUES ($1, $2, 1, $3, $4, $5, $6, $3) RETURNING id",
    )
    .bind(&offer_id)
    .bind(l.email.trim().to_owned())
    .bind(at)
    .bind(l.visitor_id.clone())
    .bind(l.locale.clone())
    .bind(l.page.clone())
    .fetch_one(&mut *op.tx)
    .await?;
    let data = serde_json::json!({"id": id, "offer_id": offer_id, "email": l.email.trim(), "consented_at": at, "locale": l.locale, "page": l.page});
    webhooks::enqueue(&mut op.tx, WebhookEvent::LeadCreated, data).await?;
    op.finish(StatusCode::CREATED, &LeadCreated { id, consented_at: at }).await
}

/// An offer as the shop defined it.
#[utoipa::path(get, path = "/v1/admin/offers/{offer_id}", tag = "offers", operation_id = "get_offer", security(("admin_key" = [])),
    params(("offer_id" = String, Path, description = "The offer")),
    responses((status = 200, body = AdminOffer), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn admin_get(_: Admin, State(state): State<AppState>, Path(offer_id): Path<String>) -> Result<Json<AdminOffer>, ApiError> {
    definitions::get(&state.db, definitions::Kind::Offer, &offer_id).await?.map(Json).ok_or_else(|| ApiError::not_found("Offer"))
}

/// The e-mail addresses an offer collected, with the time of consent, newest first; keyset
/// pages over the `(offer_id, created_at, id)` index.
#[utoipa::path(get, path = "/v1/admin/offers/{offer_id}/leads", tag = "offers", operation_id = "list_offer_leads",
    security(("admin_key" = [])), params(("offer_id" = String, Path, description = "The offer"), PageQuery),
    responses((status = 200, body = AdminLeadPage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn admin_leads(
    _: Admin,
    State(state): State<AppState>,
    Path(offer_id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Json<AdminLeadPage>, ApiError> {
    let limit = page::limit(q.limit);
    let mut sql = Sql::new("SELECT id, email, consented_at, locale, page, created_at FROM leads WHERE offer_id = ");
    sql.bind(&offer_id);
    page::Newest::finish(q.cursor.as_deref(), &mut sql, limit)?;
    type Row = (i64, String, i64, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let rows = rows
        .into_iter()
        .map(|(id, email, consented_at, locale, page, created_at)| AdminLead { id, email, consented_at, locale, page, created_at })
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |l: &AdminLead| page::Newest::encode(l.created_at, l.id));
    Ok(Json(AdminLeadPage { items, next_cursor }))
}

/// The shop's offers, by id, a page at a time.
#[utoipa::path(get, path = "/v1/admin/offers", tag = "offers", operation_id = "list_offers", security(("admin_key" = [])),
    params(PageQuery),
    responses((status = 200, body = OfferDefinitionPage), (status = 401, body = ErrorBody)))]
pub async fn admin_list(
    _: Admin,
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
) -> Result<Json<OfferDefinitionPage>, ApiError> {
    let (items, next_cursor) = definitions::page(&state.db, definitions::Kind::Offer, &q).await?;
    Ok(Json(OfferDefinitionPage { items, next_cursor }))
}

/// Creates or replaces an offer.
#[utoipa::path(put, path = "/v1/admin/offers/{offer_id}", tag = "offers", operation_id = "put_offer", security(("admin_key" = [])),
    params(("offer_id" = String, Path, description = "The offer")), request_body = AdminOffer,
    responses((status = 200, body = AdminOffer), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_definition(
    _: Admin,
    State(state): State<AppState>,
    Path(offer_id): Path<String>,
    body: JsonBody<AdminOffer>,
) -> Result<Json<AdminOffer>, ApiError> {
    definitions::replace(&state.db, &offer_id, body.value).await
}

/// How an offer does: impressions, dismissals, copies, conversions, leads.
#[utoipa::path(get, path = "/v1/admin/offers/{offer_id}/stats", tag = "offers", operation_id = "offer_stats", security(("admin_key" = [])),
    params(("offer_id" = String, Path, description = "The offer")),
    responses((status = 200, body = OfferStats), (status = 401, body = ErrorBody)))]
pub async fn stats(_: Admin, State(state): State<AppState>, Path(offer_id): Path<String>) -> Result<Json<OfferStats>, ApiError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, CAST(SUM(count) AS BIGINT) FROM offer_daily WHERE offer_id = $1 GROUP BY kind")
            .bind(&offer_id)
            .fetch_all(&state.db.pool)
            .await?;
    let n = |k: &str| rows.iter().find(|(kind, _)| kind == k).map(|(_, c)| *c as u64).unwrap_or(0);
    let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE offer_id = $1").bind(&offer_id).fetch_one(&state.db.pool).await?;
    Ok(Json(OfferStats {
        impressions: n("impression"),
        dismissals: n("dismiss"),
        copies: n("copy"),
        conversions: n("convert"),
        leads: leads as u64,
        offer_id,
    }))
}

/// An offer's funnel per day, week or month: impressions, dismissals, copies, conversions
/// and leads, with the conversion rate. From the daily counts and the leads' index.
#[utoipa::path(get, path = "/v1/admin/offers/{offer_id}/funnel", tag = "offers", operation_id = "offer_funnel", security(("admin_key" = [])),
    params(("offer_id" = String, Path, description = "The offer"), PeriodQuery),
    responses((status = 200, body = OfferFunnel), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn funnel(
    _: Admin,
    State(state): State<AppState>,
    Path(offer_id): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<OfferFunnel>, ApiError> {
    if !is_valid_id(&offer_id) {
        return Err(ApiError::field("offer_id", FieldError::Invalid));
    }
    let periods = crate::periods::Periods::of(&q)?;
    let (first, to) = (periods.first(), periods.to);
    let events: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT day, kind, CAST(SUM(count) AS BIGINT) FROM offer_daily WHERE offer_id = $1 AND day >= $2 AND day <= $3 GROUP BY day, kind",
    )
    .bind(&offer_id)
    .bind(first)
    .bind(to)
    .fetch_all(&state.db.pool)
    .await?;
    let leads: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT created_at / 86400, CAST(COUNT(*) AS BIGINT) FROM leads WHERE offer_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY created_at / 86400",
    )
    .bind(&offer_id)
    .bind(first * 86_400)
    .bind((to + 1) * 86_400)
    .fetch_all(&state.db.pool)
    .await?;
    let mut rows: Vec<FunnelPeriod> = periods
        .starts
        .iter()
        .map(|s| FunnelPeriod {
            start: crate::surveys::civil_date(*s),
            impressions: 0,
            dismissals: 0,
            copies: 0,
            conversions: 0,
            leads: 0,
            conversion_percent: None,
        })
        .collect();
    for (day, kind, n) in events {
        let p = &mut rows[periods.index(day)];
        let n = n as u64;
        match kind.as_str() {
            "impression" => p.impressions += n,
            "dismiss" => p.dismissals += n,
            "copy" => p.copies += n,
            "convert" => p.conversions += n,
            _ => {}
        }
    }
    for (day, n) in leads {
        rows[periods.index(day)].leads += n as u64;
    }
    for p in &mut rows {
        p.conversion_percent = percent(p.conversions, p.impressions);
    }
    Ok(Json(OfferFunnel {
        offer_id,
        interval: periods.interval,
        from: crate::surveys::civil_date(first),
        to: crate::surveys::civil_date(to),
        periods: rows,
    }))
}
