//! Webhooks: the outbox and its sender (what is sent and how it is signed: the contract's
//! `webhooks` module).
//!
//! [`enqueue`] writes one delivery per subscribed webhook inside the transaction of the change
//! it tells of: the event exists exactly when the change does. [`run`] sends what is due,
//! claiming each delivery first (its next try is pushed a minute ahead by a conditional
//! update), so several server processes on one database never send the same try twice.

use crate::auth::Admin;
use crate::db::{now, now_ms};
use crate::error::ApiError;
use crate::json::{JsonBody, Path, Query};
use crate::{page, rewards, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hmac::{Hmac, Mac};
use retainkit_contract::admin::PageQuery;
use retainkit_contract::webhooks::*;
use retainkit_contract::ErrorBody;
use sha2::Sha256;
use std::time::Duration;

/// Webhooks a shop may have.
const MAX_WEBHOOKS: i64 = 20;
/// How long a try may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed delivery is held by the process sending it.
const LEASE_MS: i64 = 60_000;
/// Deliveries sent per round.
const BATCH: i64 = 20;

/// `t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, t: i64, body: &str) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    m.update(t.to_string().as_bytes());
    m.update(b".");
    m.update(body.as_bytes());
    let hex: String = m.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("t={t},v1={hex}")
}

/// The stored form of a list of events: `,a,b,` (so `LIKE '%,a,%'` finds exactly `a`).
fn events_column(events: &[WebhookEvent]) -> String {
    let mut s = String::from(",");
    for e in events {
        s.push_str(e.as_str());
        s.push(',');
    }
    s
}

fn events_of(column: &str) -> Vec<WebhookEvent> {
    column.split(',').filter_map(WebhookEvent::parse).collect()
}

/// Writes the event to the outbox of every webhook that listens to it, inside the caller's
/// transaction.
pub async fn enqueue(conn: &mut sqlx::AnyConnection, event: WebhookEvent, data: serde_json::Value) -> Result<(), ApiError> {
    let hooks: Vec<(i64,)> = sqlx::query_as("SELECT id FROM webhooks WHERE active = 1 AND events LIKE $1")
        .bind(format!("%,{},%", event.as_str()))
        .fetch_all(&mut *conn)
        .await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let created_at = now();
    let payload = WebhookPayload { id: rewards::random_code("evt_") + &rewards::random_code(""), kind: event, created_at, data };
    let body = serde_json::to_string(&payload).map_err(|e| ApiError::Internal(e.to_string()))?;
    for (hook,) in hooks {
        sqlx::query(
            "INSERT INTO webhook_deliveries (webhook_id, event_id, event, payload, status, attempts, next_attempt_at, created_at)
             VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6)",
        )
        .bind(hook)
        .bind(&payload.id)
        .bind(event.as_str())
        .bind(&body)
        .bind(now_ms())
        .bind(created_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// What a try came to.
enum Outcome {
    /// The receiver's 2xx status.
    Delivered(u16),
    Failed {
        status: Option<u16>,
        error: String,
    },
}

/// The HTTP client deliveries are sent with (kept in the state: its connections are reused).
pub fn new_agent() -> ureq::Agent {
    ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).max_redirects(0).build().into()
}

fn send(agent: &ureq::Agent, url: &str, headers: &[(&str, String)], body: &str) -> Outcome {
    let mut req = agent.post(url).header("Content-Type", "application/json").header("User-Agent", "RetainKit-Webhooks/1");
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    match req.send(body) {
        Ok(res) if res.status().is_success() => Outcome::Delivered(res.status().as_u16()),
        Ok(res) => Outcome::Failed { status: Some(res.status().as_u16()), error: format!("HTTP {}", res.status().as_u16()) },
        Err(ureq::Error::Timeout(_)) => Outcome::Failed { status: None, error: "timeout".into() },
        Err(e) => Outcome::Failed { status: None, error: e.to_string().chars().take(200).collect() },
    }
}

/// Sends every delivery that is due at `at` (Unix milliseconds; a test can pass a later
/// time), one round; returns how many tries were made.
pub async fn deliver_due(state: &AppState, at: i64) -> Result<usize, ApiError> {
    type Due = (i64, String, String, String, i64, i64, String, String, i64);
    let due: Vec<Due> = sqlx::query_as(
        "SELECT d.id, d.event_id, d.event, d.payload, d.attempts, d.next_attempt_at, w.url, w.secret, w.active
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at LIMIT $2",
    )
    .bind(at)
    .bind(BATCH)
    .fetch_all(&state.db.pool)
    .await?;
    let mut tries = 0;
    for (id, event_id, event, payload, attempts, next, url, secret, active) in due {
        let claimed =
            sqlx::query("UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3")
                .bind(at + LEASE_MS)
                .bind(id)
                .bind(next)
                .execute(&state.db.pool)
                .await?
                .rows_affected();
        if claimed != 1 {
            continue;
        }
        if active != 1 {
            finish(state, id, attempts, at, Outcome::Failed { status: None, error: "webhook removed".into() }, true).await?;
            continue;
        }
        let headers = [
            ("RetainKit-Signature", signature(&secret, now(), &payload)),
            ("RetainKit-Event", event),
            ("RetainKit-Delivery", id.to_string()),
        ];
        let agent = state.webhook_agent.clone();
        let outcome = tokio::task::spawn_blocking(move || send(&agent, &url, &headers, &payload))
            .await
            .unwrap_or_else(|e| Outcome::Failed { status: None, error: e.to_string() });
        if let Outcome::Failed { error, .. } = &outcome {
            tracing::warn!(delivery = id, %event_id, attempt = attempts + 1, %error, "webhook not delivered");
        }
        finish(state, id, attempts + 1, at, outcome, false).await?;
        tries += 1;
    }
    Ok(tries)
}

async fn finish(state: &AppState, id: i64, attempts: i64, at: i64, outcome: Outcome, last: bool) -> Result<(), ApiError> {
    match outcome {
        Outcome::Delivered(status) => {
            sqlx::query("UPDATE webhook_deliveries SET status = 'delivered', attempts = $1, delivered_at = $2, last_status = $3, last_error = NULL WHERE id = $4")
                .bind(attempts)
                .bind(now())
                .bind(i64::from(status))
                .bind(id)
                .execute(&state.db.pool)
                .await?;
        }
        Outcome::Failed { status, error } => {
            let gave_up = last || attempts >= i64::from(MAX_ATTEMPTS);
            let next = at + retry_delay_ms(state.config.webhook_retry_ms, attempts as u32);
            sqlx::query(
                "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_status = $4, last_error = $5 WHERE id = $6",
            )
            .bind(if gave_up { "failed" } else { "pending" })
            .bind(attempts)
            .bind(next)
            .bind(status.map(i64::from))
            .bind(error)
            .bind(id)
            .execute(&state.db.pool)
            .await?;
        }
    }
    Ok(())
}

/// Sends what is due, for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        match deliver_due(&state, now_ms()).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "webhook round failed"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

type HookRow = (i64, String, String, String, i64);

fn view((id, url, secret, events, created_at): HookRow) -> Webhook {
    Webhook { id, url, events: events_of(&events), secret, created_at }
}

/// A new webhook; its signing secret comes back (and with every read of the list).
#[utoipa::path(post, path = "/v1/admin/webhooks", tag = "webhooks", operation_id = "create_webhook", security(("admin_key" = [])),
    request_body = WebhookCreate,
    responses((status = 201, body = Webhook), (status = 401, body = ErrorBody), (status = 409, description = "20 webhooks already", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create(
    _: Admin,
    State(state): State<AppState>,
    body: JsonBody<WebhookCreate>,
) -> Result<(StatusCode, Json<Webhook>), ApiError> {
    let w = &body.value;
    w.validate().map_err(ApiError::Validation)?;
    let mut tx = state.db.begin().await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhooks WHERE active = 1").fetch_one(&mut *tx).await?;
    if n >= MAX_WEBHOOKS {
        return Err(ApiError::Status(StatusCode::CONFLICT, "too_many_webhooks", format!("A shop may have {MAX_WEBHOOKS} webhooks.")));
    }
    let secret =
        format!("whsec_{}{}{}{}", rewards::random_code(""), rewards::random_code(""), rewards::random_code(""), rewards::random_code(""));
    let mut events = w.events.clone();
    events.dedup();
    let created_at = now();
    let id: i64 =
        sqlx::query_scalar("INSERT INTO webhooks (url, secret, events, active, created_at) VALUES ($1, $2, $3, 1, $4) RETURNING id")
            .bind(&w.url)
            .bind(&secret)
            .bind(events_column(&events))
            .bind(created_at)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    tracing::info!(webhook = id, url = %w.url, "webhook added");
    Ok((StatusCode::CREATED, Json(Webhook { id, url: w.url.clone(), events, secret, created_at })))
}

/// The shop's webhooks (at most 20), oldest first.
#[utoipa::path(get, path = "/v1/admin/webhooks", tag = "webhooks", operation_id = "list_webhooks", security(("admin_key" = [])),
    responses((status = 200, body = WebhookList), (status = 401, body = ErrorBody)))]
pub async fn list(_: Admin, State(state): State<AppState>) -> Result<Json<WebhookList>, ApiError> {
    let rows: Vec<HookRow> = sqlx::query_as("SELECT id, url, secret, events, created_at FROM webhooks WHERE active = 1 ORDER BY id")
        .fetch_all(&state.db.pool)
        .await?;
    Ok(Json(WebhookList { items: rows.into_iter().map(view).collect() }))
}

/// Removes a webhook: nothing more is sent to it (its waiting deliveries fail as "webhook
/// removed"); its delivery log stays readable.
#[utoipa::path(delete, path = "/v1/admin/webhooks/{webhook_id}", tag = "webhooks", operation_id = "delete_webhook", security(("admin_key" = [])),
    params(("webhook_id" = i64, Path, description = "The webhook")),
    responses((status = 204, description = "Removed"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(_: Admin, State(state): State<AppState>, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    let mut tx = state.db.begin().await?;
    let n = sqlx::query("UPDATE webhooks SET active = 0 WHERE id = $1 AND active = 1").bind(id).execute(&mut *tx).await?.rows_affected();
    if n != 1 {
        return Err(ApiError::not_found("Webhook"));
    }
    sqlx::query(
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook removed' WHERE webhook_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A webhook's delivery log, newest first: every event, its tries, the last answer.
#[utoipa::path(get, path = "/v1/admin/webhooks/{webhook_id}/deliveries", tag = "webhooks", operation_id = "webhook_deliveries",
    security(("admin_key" = [])), params(("webhook_id" = i64, Path, description = "The webhook"), PageQuery),
    responses((status = 200, body = WebhookDeliveryPage), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn deliveries(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Json<WebhookDeliveryPage>, ApiError> {
    let limit = page::limit(q.limit);
    let before = page::before_id(q.cursor.as_deref())?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM webhooks WHERE id = $1").bind(id).fetch_optional(&state.db.pool).await?;
    if exists.is_none() {
        return Err(ApiError::not_found("Webhook"));
    }
    type Row = (i64, String, String, String, i64, Option<i64>, Option<String>, i64, i64, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, event_id, event, status, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at
         FROM webhook_deliveries WHERE webhook_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(id)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let rows = rows
        .into_iter()
        .filter_map(|(id, event_id, event, status, attempts, last_status, last_error, next, created_at, delivered_at)| {
            let status = match status.as_str() {
                "delivered" => DeliveryStatus::Delivered,
                "failed" => DeliveryStatus::Failed,
                _ => DeliveryStatus::Pending,
            };
            Some(WebhookDelivery {
                id,
                event_id,
                event: WebhookEvent::parse(&event)?,
                status,
                attempts: attempts as u32,
                last_status: last_status.map(|s| s as u16),
                last_error,
                next_attempt_at: (status == DeliveryStatus::Pending).then_some(next),
                created_at,
                delivered_at,
            })
        })
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |d: &WebhookDelivery| d.id.to_string());
    Ok(Json(WebhookDeliveryPage { items, next_cursor }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_as_stripe_signs() {
        // HMAC-SHA256("whsec_test", "1700000000.{}"), computed with openssl:
        // printf '1700000000.{}' | openssl dgst -sha256 -hmac whsec_test
        assert_eq!(signature("whsec_test", 1_700_000_000, "{}"), format!("t=1700000000,v1={}", KNOWN));
        assert_ne!(signature("whsec_other", 1_700_000_000, "{}"), signature("whsec_test", 1_700_000_000, "{}"));
        assert_eq!(
            events_of(&events_column(&[WebhookEvent::SurveyResponse, WebhookEvent::LeadCreated])),
            [WebhookEvent::SurveyResponse, WebhookEvent::LeadCreated]
        );
    }

    const KNOWN: &str = "35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91";
}
