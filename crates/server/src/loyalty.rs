//! Loyalty endpoints: the public program, the signed-in customer, redeeming a reward
//! (atomically: a balance is never spent twice), awards by the shop, and the demo token.

use crate::auth::{self, Admin, Customer as SignedIn};
use crate::db::now;
use crate::error::ApiError;
use crate::idempotency::{Begun, Idempotent};
use crate::json::{JsonBody, Path, Query};
use crate::{page, rewards, segments, settings, webhooks, AppState};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use hmac::{Hmac, Mac};
use retainkit_contract::admin::*;
use retainkit_contract::loyalty::*;
use retainkit_contract::segments::Order;
use retainkit_contract::webhooks::WebhookEvent;
use retainkit_contract::{ErrorBody, FieldError};
use sha2::Sha256;

pub const PROGRAM_KEY: &str = "loyalty_program";
/// How many ledger entries the member view shows.
pub const HISTORY_LEN: i64 = 50;

async fn program(state: &AppState) -> Result<Program, ApiError> {
    settings::get::<Option<Program>>(&state.db, PROGRAM_KEY, || None).await?.ok_or_else(|| ApiError::not_found("Loyalty program"))
}

/// The loyalty program as guests and members see it.
#[utoipa::path(get, path = "/v1/loyalty/program", tag = "loyalty",
    responses((status = 200, body = Program), (status = 404, description = "The shop has no program", body = ErrorBody)))]
pub async fn get_program(State(state): State<AppState>) -> Result<Json<Program>, ApiError> {
    Ok(Json(program(&state).await?))
}

#[utoipa::path(put, path = "/v1/admin/loyalty/program", tag = "loyalty", request_body = Program, security(("admin_key" = [])),
    responses((status = 200, body = Program), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_program(_: Admin, State(state): State<AppState>, body: JsonBody<Program>) -> Result<Json<Program>, ApiError> {
    body.value.validate().map_err(ApiError::Validation)?;
    settings::put(&state.db, PROGRAM_KEY, &Some(&body.value)).await?;
    Ok(Json(body.value))
}

/// Points a purchase of `amount` earns under the program's purchase rule (none without one):
/// `points` per 100 minor units.
pub fn purchase_points(program: &Program, amount: i64) -> i64 {
    program.ways_to_earn.iter().find(|r| r.kind == EarnKind::Purchase).map(|r| amount.max(0) * r.points / 100).unwrap_or(0)
}

/// A referral code that names the customer without showing the id.
fn referral_code(secret: &str, customer: &str) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    m.update(b"referral:");
    m.update(customer.as_bytes());
    m.finalize().into_bytes().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

#[derive(sqlx::FromRow)]
struct LedgerRow {
    id: i64,
    delta: i64,
    reason: String,
    coupon: Option<String>,
    created_at: i64,
}

/// A member as they see themselves, read through `conn` (a transaction's, to see its writes).
async fn member_view(conn: &mut sqlx::AnyConnection, state: &AppState, customer: &str, program: &Program) -> Result<Customer, ApiError> {
    let account: Option<(i64, i64)> = sqlx::query_as("SELECT balance, lifetime FROM loyalty_accounts WHERE customer_id = $1")
        .bind(customer)
        .fetch_optional(&mut *conn)
        .await?;
    let (balance, lifetime) = account.unwrap_or((0, 0));
    let rows: Vec<LedgerRow> =
        sqlx::query_as("SELECT id, delta, reason, coupon, created_at FROM loyalty_ledger WHERE customer_id = $1 ORDER BY id DESC LIMIT $2")
            .bind(customer)
            .bind(HISTORY_LEN)
            .fetch_all(&mut *conn)
            .await?;
    let referral_url = match (&program.referral_base_url, &state.config.token_secret) {
        (Some(base), Some(secret)) => {
            let sep = if base.contains('?') { '&' } else { '?' };
            Some(format!("{base}{sep}rk_ref={}", referral_code(secret, customer)))
        }
        _ => None,
    };
    Ok(Customer {
        id: customer.to_owned(),
        balance,
        lifetime_points: lifetime,
        tier: tier_progress(&program.tiers, lifetime),
        history: rows
            .into_iter()
            .map(|r| LedgerEntry { id: r.id, delta: r.delta, reason: r.reason, coupon: r.coupon, created_at: r.created_at })
            .collect(),
        referral_url,
    })
}

/// The signed-in customer: balance, tier progress, history, referral link.
#[utoipa::path(get, path = "/v1/loyalty/me", tag = "loyalty", security(("customer_token" = [])),
    responses((status = 200, body = Customer), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn me(customer: SignedIn, State(state): State<AppState>) -> Result<Json<Customer>, ApiError> {
    let p = program(&state).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(member_view(&mut conn, &state, &customer.0, &p).await?))
}

/// Spends points on a reward and returns its coupon code. The balance check and the
/// deduction are one conditional UPDATE, so concurrent requests can never overspend.
#[utoipa::path(post, path = "/v1/loyalty/redemptions", tag = "loyalty", security(("customer_token" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    request_body = RedeemRequest,
    responses(
        (status = 201, body = Redeemed),
        (status = 401, body = ErrorBody),
        (status = 409, description = "Not enough points", body = ErrorBody),
        (status = 422, description = "Unknown reward", body = ErrorBody),
    ))]
pub async fn redeem(
    customer: SignedIn,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: JsonBody<RedeemRequest>,
) -> Result<Response, ApiError> {
    let p = program(&state).await?;
    let Some(reward) = p.rewards.iter().find(|r| r.id == body.value.reward_id) else {
        return Err(ApiError::field("reward_id", FieldError::Invalid));
    };
    let mut op = match Idempotent::begin(&state.db, &headers, format!("redeem:{}", customer.0), &body.raw).await? {
        Begun::Replay(r) => return Ok(r),
        Begun::Fresh(op) => op,
    };
    let spent = sqlx::query("UPDATE loyalty_accounts SET balance = balance - $1 WHERE customer_id = $2 AND balance >= $1")
        .bind(reward.cost)
        .bind(&customer.0)
        .execute(&mut *op.tx)
        .await?
        .rows_affected();
    if spent != 1 {
        return Err(ApiError::Status(
            StatusCode::CONFLICT,
            "insufficient_points",
            "There are not enough points for this reward.".to_owned(),
        ));
    }
    let code = match &reward.discount {
        Discount::Percent { percent } => rewards::issue_percent_coupon(&mut op.tx, "RK-", "redeem", Some(&customer.0), *percent).await?,
        Discount::Fixed { amount, currency } => {
            let code = rewards::random_code("RK-");
            sqlx::query(
                "INSERT INTO coupons (code, source, customer_id, amount, currency, created_at) VALUES ($1, 'redeem', $2, $3, $4, $5)",
            )
            .bind(&code)
            .bind(&customer.0)
            .bind(*amount)
            .bind(currency.clone())
            .bind(now())
            .execute(&mut *op.tx)
            .await?;
            code
        }
    };
    sqlx::query("INSERT INTO loyalty_ledger (customer_id, delta, reason, ref, coupon, created_at) VALUES ($1, $2, 'redeem', $3, $4, $5)")
        .bind(&customer.0)
        .bind(-reward.cost)
        .bind(code.clone())
        .bind(code.clone())
        .bind(now())
        .execute(&mut *op.tx)
        .await?;
    let balance: i64 =
        sqlx::query_scalar("SELECT balance FROM loyalty_accounts WHERE customer_id = $1").bind(&customer.0).fetch_one(&mut *op.tx).await?;
    let data = serde_json::json!({"customer_id": customer.0, "reward_id": reward.id, "cost": reward.cost, "coupon_code": code, "balance": balance});
    webhooks::enqueue(&mut op.tx, WebhookEvent::LoyaltyRedeemed, data).await?;
    tracing::info!(customer = %customer.0, reward = %reward.id, cost = reward.cost, "reward redeemed");
    op.finish(StatusCode::CREATED, &Redeemed { reward_id: reward.id.clone(), coupon_code: code, balance }).await
}

/// The program's members, by customer id, a page at a time: balance, lifetime points, tier,
/// last activity. Keyset pages over the primary key.
#[utoipa::path(get, path = "/v1/admin/loyalty/members", tag = "loyalty", operation_id = "list_loyalty_members", security(("admin_key" = [])),
    params(PageQuery), responses((status = 200, body = AdminMemberPage), (status = 401, body = ErrorBody)))]
pub async fn admin_members(_: Admin, State(state): State<AppState>, Query(q): Query<PageQuery>) -> Result<Json<AdminMemberPage>, ApiError> {
    let limit = page::limit(q.limit);
    let tiers = settings::get::<Option<Program>>(&state.db, PROGRAM_KEY, || None).await?.map(|p| p.tiers).unwrap_or_default();
    // The last activity: one index seek per member on (customer_id, id).
    type Row = (String, i64, i64, i64, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.customer_id, a.balance, a.lifetime, a.created_at, \
         (SELECT l.created_at FROM loyalty_ledger l WHERE l.customer_id = a.customer_id ORDER BY l.id DESC LIMIT 1) \
         FROM loyalty_accounts a WHERE a.customer_id > $1 ORDER BY a.customer_id LIMIT $2",
    )
    .bind(q.cursor.as_deref().unwrap_or(""))
    .bind(limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let rows = rows
        .into_iter()
        .map(|(customer_id, balance, lifetime, created_at, last_activity)| AdminMember {
            tier: if tiers.is_empty() { None } else { tier_progress(&tiers, lifetime).current },
            customer_id,
            balance,
            lifetime,
            last_activity,
            created_at,
        })
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |m: &AdminMember| m.customer_id.clone());
    Ok(Json(AdminMemberPage { items, next_cursor }))
}

/// A member's ledger (every earning, spending and adjustment), newest first.
#[utoipa::path(get, path = "/v1/admin/loyalty/members/{customer_id}/ledger", tag = "loyalty", operation_id = "member_ledger",
    security(("admin_key" = [])), params(("customer_id" = String, Path, description = "The member"), PageQuery),
    responses((status = 200, body = AdminLedgerPage), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn admin_ledger(
    _: Admin,
    State(state): State<AppState>,
    Path(customer_id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Json<AdminLedgerPage>, ApiError> {
    let limit = page::limit(q.limit);
    let before = page::before_id(q.cursor.as_deref())?;
    let member: Option<i64> = sqlx::query_scalar("SELECT balance FROM loyalty_accounts WHERE customer_id = $1")
        .bind(&customer_id)
        .fetch_optional(&state.db.pool)
        .await?;
    if member.is_none() {
        return Err(ApiError::not_found("Member"));
    }
    type Row = (i64, i64, String, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, delta, reason, coupon, note, created_at FROM loyalty_ledger WHERE customer_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(&customer_id)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let rows = rows
        .into_iter()
        .map(|(id, delta, reason, coupon, note, created_at)| AdminLedgerEntry { id, delta, reason, coupon, note, created_at })
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |e: &AdminLedgerEntry| e.id.to_string());
    Ok(Json(AdminLedgerPage { items, next_cursor }))
}

/// Points given and spent per day, week or month, and the members who joined: from the
/// ledger's and the accounts' time indexes.
#[utoipa::path(get, path = "/v1/admin/loyalty/activity", tag = "loyalty", operation_id = "loyalty_activity", security(("admin_key" = [])),
    params(PeriodQuery), responses((status = 200, body = LoyaltyActivity), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn activity(_: Admin, State(state): State<AppState>, Query(q): Query<PeriodQuery>) -> Result<Json<LoyaltyActivity>, ApiError> {
    let periods = crate::periods::Periods::of(&q)?;
    let (first, to) = (periods.first(), periods.to);
    let (since, until) = (first * 86_400, (to + 1) * 86_400);
    let ledger: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT created_at / 86400, CAST(SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN reason = 'redeem' THEN -delta ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN reason = 'redeem' THEN 1 ELSE 0 END) AS BIGINT) \
         FROM loyalty_ledger WHERE created_at >= $1 AND created_at < $2 GROUP BY created_at / 86400",
    )
    .bind(since)
    .bind(until)
    .fetch_all(&state.db.pool)
    .await?;
    let joined: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT created_at / 86400, CAST(COUNT(*) AS BIGINT) FROM loyalty_accounts WHERE created_at >= $1 AND created_at < $2 GROUP BY created_at / 86400",
    )
    .bind(since)
    .bind(until)
    .fetch_all(&state.db.pool)
    .await?;
    let mut rows: Vec<PointsPeriod> = periods
        .starts
        .iter()
        .map(|s| PointsPeriod { start: crate::surveys::civil_date(*s), issued: 0, redeemed: 0, redemptions: 0, new_members: 0 })
        .collect();
    for (day, issued, redeemed, redemptions) in ledger {
        let p = &mut rows[periods.index(day)];
        p.issued += issued;
        p.redeemed += redeemed;
        p.redemptions += redemptions as u64;
    }
    for (day, n) in joined {
        rows[periods.index(day)].new_members += n as u64;
    }
    Ok(Json(LoyaltyActivity {
        interval: periods.interval,
        from: crate::surveys::civil_date(first),
        to: crate::surveys::civil_date(to),
        periods: rows,
    }))
}

/// The shop awards points: for an order (once per order id) or by hand (a manual change with
/// its note, in the ledger). With an `Idempotency-Key`, a retry of the same change is
/// answered again and changes nothing: the console's "save" pressed twice gives points once.
#[utoipa::path(post, path = "/v1/admin/loyalty/awards", tag = "loyalty", request_body = AwardPoints, security(("admin_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = Customer), (status = 401, body = ErrorBody), (status = 409, description = "This order was already awarded", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn award(_: Admin, State(state): State<AppState>, headers: HeaderMap, body: JsonBody<AwardPoints>) -> Result<Response, ApiError> {
    let a = &body.value;
    a.validate().map_err(ApiError::Validation)?;
    let p = program(&state).await?;
    let (reason, reference, points) = match &a.reason {
        AwardReason::Purchase { order_id, amount, ordered_at, .. } => {
            segments::check_time(*ordered_at, "reason.ordered_at", now())?;
            ("purchase", Some(order_id.clone()), a.points.unwrap_or_else(|| purchase_points(&p, *amount)))
        }
        AwardReason::Manual { .. } => ("manual", None, a.points.unwrap_or(0)),
    };
    let note = match &a.reason {
        AwardReason::Manual { note } => Some(note.trim().to_owned()),
        AwardReason::Purchase { .. } => None,
    };
    if points == 0 {
        return Err(ApiError::field("points", FieldError::OutOfRange));
    }
    let mut op = match Idempotent::begin(&state.db, &headers, "loyalty_award".to_owned(), &body.raw).await? {
        Begun::Replay(r) => return Ok(r),
        Begun::Fresh(op) => op,
    };
    match reference {
        Some(r) => {
            // The order is kept for the segments (once, whatever happens to the points).
            if let AwardReason::Purchase { order_id, amount, currency, ordered_at } = &a.reason {
                let order = Order {
                    customer_id: a.customer_id.clone(),
                    order_id: order_id.clone(),
                    amount: *amount,
                    currency: currency.clone(),
                    ordered_at: *ordered_at,
                };
                segments::keep_order(&mut op.tx, &order, now()).await?;
            }
            if !rewards::credit_points(&mut op.tx, &a.customer_id, points, reason, &r).await? {
                return Err(ApiError::Status(
                    StatusCode::CONFLICT,
                    "already_awarded",
                    "Points for this order were already given.".to_owned(),
                ));
            }
        }
        None => {
            // A manual change may take points away, never below zero.
            let now = now();
            sqlx::query("INSERT INTO loyalty_accounts (customer_id, balance, lifetime, created_at) VALUES ($1, 0, 0, $2) ON CONFLICT (customer_id) DO NOTHING")
                .bind(&a.customer_id)
                .bind(now)
                .execute(&mut *op.tx)
                .await?;
            let changed = sqlx::query(
                "UPDATE loyalty_accounts SET balance = balance + $1, lifetime = lifetime + (CASE WHEN $1 > 0 THEN $1 ELSE 0 END)
                 WHERE customer_id = $2 AND balance + $1 >= 0",
            )
            .bind(points)
            .bind(&a.customer_id)
            .execute(&mut *op.tx)
            .await?
            .rows_affected();
            if changed != 1 {
                return Err(ApiError::field("points", FieldError::OutOfRange));
            }
            sqlx::query("INSERT INTO loyalty_ledger (customer_id, delta, reason, note, created_at) VALUES ($1, $2, 'manual', $3, $4)")
                .bind(&a.customer_id)
                .bind(points)
                .bind(note)
                .bind(now)
                .execute(&mut *op.tx)
                .await?;
        }
    }
    let view = member_view(&mut op.tx, &state, &a.customer_id, &p).await?;
    let answer = op.finish(StatusCode::CREATED, &view).await;
    state.segment_cache.invalidate().await;
    answer
}

/// The customer the demo shop signs in as.
pub const DEMO_CUSTOMER: &str = "demo-customer";

/// Demo mode only: a token for the demo customer, as the shop's own server would sign it.
#[utoipa::path(post, path = "/v1/demo/token", tag = "loyalty",
    responses((status = 201, body = DemoToken), (status = 404, description = "Not in demo mode", body = ErrorBody)))]
pub async fn demo_token(State(state): State<AppState>) -> Result<(StatusCode, Json<DemoToken>), ApiError> {
    let (true, Some(secret)) = (state.config.demo, state.config.token_secret.as_deref()) else {
        return Err(ApiError::not_found("Endpoint"));
    };
    let iat = now();
    let claims = auth::Claims { sub: DEMO_CUSTOMER.into(), aud: state.config.token_audience.clone(), iat, exp: iat + 10 * 60 };
    Ok((
        StatusCode::CREATED,
        Json(DemoToken { token: auth::sign(&claims, secret.as_bytes()), customer_id: DEMO_CUSTOMER.into(), expires_at: claims.exp }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::survey::Texts;

    #[test]
    fn purchase_points_follow_the_rule() {
        let mut p = Program {
            name: Texts::new(),
            tiers: vec![],
            ways_to_earn: vec![],
            rewards: vec![],
            join_url: None,
            sign_in_url: None,
            referral_base_url: None,
        };
        assert_eq!(purchase_points(&p, 25_000), 0);
        p.ways_to_earn.push(EarnRule { kind: EarnKind::Purchase, label: Texts::new(), points: 2, url: None });
        assert_eq!(purchase_points(&p, 25_000), 500);
    }
}
