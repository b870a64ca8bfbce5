//! The loyalty endpoints, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{count, send, Env, ADMIN_KEY, TOKEN_SECRET};
use retainkit_server::auth::{sign, Claims};
use serde_json::{json, Value};

fn program() -> Value {
    common::loyalty_program()
}

fn token(customer: &str, aud: &str, iat: i64, exp: i64, secret: &str) -> String {
    sign(&Claims { sub: customer.into(), aud: aud.into(), iat, exp }, secret.as_bytes())
}

fn good_token(customer: &str) -> String {
    let now = retainkit_server::db::now();
    token(customer, "retainkit", now, now + 300, TOKEN_SECRET)
}

fn req(method: &str, path: &str, bearer: &str, body: Option<Value>) -> Request<Body> {
    let b = Request::builder().method(method).uri(path).header(header::AUTHORIZATION, format!("Bearer {bearer}"));
    match body {
        Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
        None => b.body(Body::empty()).unwrap(),
    }
}

async fn setup(e: &Env, customer: &str, points: i64) {
    let (s, v, _) = send(&e.app, req("PUT", "/v1/admin/loyalty/program", ADMIN_KEY, Some(program()))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let award = json!({"customer_id": customer, "points": points, "reason": {"type": "manual", "note": "welcome"}});
    let (s, v, _) = send(&e.app, req("POST", "/v1/admin/loyalty/awards", ADMIN_KEY, Some(award))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

on_both_databases! {
    async fn twenty_concurrent_redemptions_of_100_points_give_exactly_3_coupons(e: Env) {
        setup(&e, "cust-1", 100).await;
        let t = good_token("cust-1");
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (app, t) = (e.app.clone(), t.clone());
            tasks.push(tokio::spawn(async move {
                send(&app, req("POST", "/v1/loyalty/redemptions", &t, Some(json!({"reward_id": "ten-off"})))).await.0
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 3, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT), "{statuses:?}");
        assert_eq!(count(&e.db, "coupons").await, 3);
        let balance: i64 = sqlx::query_scalar("SELECT balance FROM loyalty_accounts WHERE customer_id = 'cust-1'").fetch_one(&e.db.pool).await.unwrap();
        assert_eq!(balance, 10);
    }

    async fn the_member_view_shows_balance_tier_history_and_referral(e: Env) {
        setup(&e, "cust-2", 120).await;
        let (s, v, _) = send(&e.app, req("GET", "/v1/loyalty/me", &good_token("cust-2"), None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["balance"].as_i64(), v["lifetime_points"].as_i64()), (Some(120), Some(120)));
        assert_eq!(v["tier"], json!({"current": "bronze", "next": "silver", "points_to_next": 180, "percent": 40}));
        assert_eq!(v["history"][0]["delta"], 120);
        let referral = v["referral_url"].as_str().unwrap();
        assert!(referral.starts_with("https://shop.example/?rk_ref=") && !referral.contains("cust-2"), "{referral}");
        // A purchase award follows the rule (1 point per 100) and counts once per order.
        let purchase = json!({"customer_id": "cust-2", "reason": {"type": "purchase", "order_id": "o-77", "amount": 25000}});
        let (s, v, _) = send(&e.app, req("POST", "/v1/admin/loyalty/awards", ADMIN_KEY, Some(purchase.clone()))).await;
        assert_eq!((s, v["balance"].as_i64(), v["tier"]["current"].as_str()), (StatusCode::CREATED, Some(370), Some("silver")));
        let (s, v, _) = send(&e.app, req("POST", "/v1/admin/loyalty/awards", ADMIN_KEY, Some(purchase))).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_awarded")));
        // Redeeming shows the coupon in the history.
        let (s, v, _) = send(&e.app, req("POST", "/v1/loyalty/redemptions", &good_token("cust-2"), Some(json!({"reward_id": "ten-off"})))).await;
        assert_eq!((s, v["balance"].as_i64()), (StatusCode::CREATED, Some(340)));
        let code = v["coupon_code"].as_str().unwrap().to_owned();
        let (_, v, _) = send(&e.app, req("GET", "/v1/loyalty/me", &good_token("cust-2"), None)).await;
        assert_eq!((v["history"][0]["delta"].as_i64(), v["history"][0]["coupon"].as_str()), (Some(-30), Some(code.as_str())));
        let (s, v, _) = send(&e.app, req("POST", "/v1/loyalty/redemptions", &good_token("cust-2"), Some(json!({"reward_id": "nope"})))).await;
        assert_eq!((s, v["error"]["fields"]["reward_id"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    }

    async fn forged_expired_and_foreign_tokens_are_refused(e: Env) {
        setup(&e, "cust-3", 100).await;
        let now = retainkit_server::db::now();
        for (t, code) in [
            (token("cust-3", "retainkit", now, now + 300, "the wrong secret, 32 characters!"), "token_invalid"),
            (token("cust-3", "retainkit", now - 1000, now - 700, TOKEN_SECRET), "token_expired"),
            (token("cust-3", "another-app", now, now + 300, TOKEN_SECRET), "token_wrong_audience"),
            (token("cust-3", "retainkit", now, now + 3600, TOKEN_SECRET), "token_lifetime_too_long"),
            ("garbage".to_owned(), "token_malformed"),
        ] {
            let (s, v, _) = send(&e.app, req("GET", "/v1/loyalty/me", &t, None)).await;
            assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some(code)));
            assert!(v.get("balance").is_none());
        }
        let (s, v, _) = send(&e.app, Request::get("/v1/loyalty/me").body(Body::empty()).unwrap()).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("token_missing")));
        // Spending is refused too, and the balance is untouched.
        let forged = token("cust-3", "retainkit", now, now + 300, "the wrong secret, 32 characters!");
        let (s, _, _) = send(&e.app, req("POST", "/v1/loyalty/redemptions", &forged, Some(json!({"reward_id": "ten-off"})))).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(count(&e.db, "coupons").await, 0);
    }

    async fn program_is_public_and_the_demo_token_is_demo_only(e: Env) {
        let (s, _, _) = send(&e.app, Request::get("/v1/loyalty/program").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        setup(&e, "cust-4", 10).await;
        let (s, v, _) = send(&e.app, Request::get("/v1/loyalty/program").body(Body::empty()).unwrap()).await;
        assert_eq!((s, v["tiers"].as_array().map(|t| t.len())), (StatusCode::OK, Some(3)));
        let (s, _, _) = send(&e.app, Request::post("/v1/demo/token").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "not in demo mode");
        let bad = json!({"customer_id": "cust-4", "points": -50, "reason": {"type": "manual", "note": "correction"}});
        let (s, v, _) = send(&e.app, req("POST", "/v1/admin/loyalty/awards", ADMIN_KEY, Some(bad))).await;
        assert_eq!((s, v["error"]["fields"]["points"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_range")));
    }
}

on_both_databases! {
    async fn the_shop_lists_members_with_tier_and_last_activity_and_reads_a_ledger(e: Env) {
        setup(&e, "m-a", 50).await;
        setup(&e, "m-b", 400).await;
        setup(&e, "m-c", 1200).await;
        // A second entry for m-b, later: its last activity.
        let more = json!({"customer_id": "m-b", "points": 5, "reason": {"type": "manual", "note": "sorry for the delay"}});
        assert_eq!(send(&e.app, req("POST", "/v1/admin/loyalty/awards", ADMIN_KEY, Some(more))).await.0, StatusCode::CREATED);
        sqlx::query("UPDATE loyalty_ledger SET created_at = 1800000000 WHERE customer_id = 'm-b' AND delta = 5").execute(&e.db.pool).await.unwrap();

        let (s, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/members?limit=2", ADMIN_KEY, None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let ids = |v: &Value| v["items"].as_array().unwrap().iter().map(|m| m["customer_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(&v), ["m-a", "m-b"]);
        assert_eq!((v["items"][0]["tier"].as_str(), v["items"][1]["tier"].as_str()), (Some("bronze"), Some("silver")));
        assert_eq!((v["items"][1]["balance"].as_i64(), v["items"][1]["last_activity"].as_i64()), (Some(405), Some(1_800_000_000)));
        let cursor = v["next_cursor"].as_str().unwrap().to_owned();
        let (_, v, _) = send(&e.app, req("GET", &format!("/v1/admin/loyalty/members?limit=2&cursor={cursor}"), ADMIN_KEY, None)).await;
        assert_eq!((ids(&v), v["items"][0]["tier"].as_str(), v["next_cursor"].clone()), (vec!["m-c".to_owned()], Some("gold"), Value::Null));

        let (s, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/members/m-b/ledger?limit=1", ADMIN_KEY, None)).await;
        assert_eq!((s, v["items"][0]["delta"].as_i64()), (StatusCode::OK, Some(5)), "newest first");
        let cursor = v["next_cursor"].as_str().unwrap().to_owned();
        let (_, v, _) = send(&e.app, req("GET", &format!("/v1/admin/loyalty/members/m-b/ledger?limit=1&cursor={cursor}"), ADMIN_KEY, None)).await;
        assert_eq!((v["items"][0]["delta"].as_i64(), v["next_cursor"].clone()), (Some(400), Value::Null));
        assert_eq!(send(&e.app, req("GET", "/v1/admin/loyalty/members/nobody/ledger", ADMIN_KEY, None)).await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&e.app, req("GET", "/v1/admin/loyalty/members/m-b/ledger?cursor=x", ADMIN_KEY, None)).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send(&e.app, req("GET", "/v1/admin/loyalty/members", "not-the-key", None)).await.0, StatusCode::UNAUTHORIZED);
    }
}

on_both_databases! {
    async fn a_manual_change_keeps_its_note_and_a_retry_with_its_key_changes_nothing(e: Env) {
        let put = send(&e.app, req("PUT", "/v1/admin/loyalty/program", ADMIN_KEY, Some(program()))).await;
        assert_eq!(put.0, StatusCode::OK, "{}", put.1);
        let award = |body: Value, key: &str| {
            Request::post("/v1/admin/loyalty/awards")
                .header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("Idempotency-Key", key)
                .body(Body::from(body.to_string()))
                .unwrap()
        };
        let goodwill = json!({"customer_id": "c-77", "points": 150, "reason": {"type": "manual", "note": "Parcel arrived late: sorry"}});
        let (s, first, _) = send(&e.app, award(goodwill.clone(), "adjust-c77-0001")).await;
        assert_eq!(s, StatusCode::CREATED, "{first}");
        assert_eq!(first["balance"], 150);
        // The console's save pressed twice, or a retry after a time-out: the same answer, once.
        let (s, again, _) = send(&e.app, award(goodwill.clone(), "adjust-c77-0001")).await;
        assert_eq!((s, &again), (StatusCode::CREATED, &first));
        let rows: Vec<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT delta, reason, note FROM loyalty_ledger WHERE customer_id = 'c-77'").fetch_all(&e.db.pool).await.unwrap();
        assert_eq!(rows, [(150, "manual".to_owned(), Some("Parcel arrived late: sorry".to_owned()))]);
        // The same key with another change is refused; a new key is a new change.
        let (s, v, _) = send(&e.app, award(json!({"customer_id": "c-77", "points": -50, "reason": {"type": "manual", "note": "Correction"}}), "adjust-c77-0001")).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency_key_reused")));
        let (s, v, _) = send(&e.app, award(json!({"customer_id": "c-77", "points": -50, "reason": {"type": "manual", "note": "Correction"}}), "adjust-c77-0002")).await;
        assert_eq!((s, v["balance"].as_i64()), (StatusCode::CREATED, Some(100)));
        // Taking more than the balance is refused and stores nothing.
        let (s, v, _) = send(&e.app, award(json!({"customer_id": "c-77", "points": -500, "reason": {"type": "manual", "note": "Too much"}}), "adjust-c77-0003")).await;
        assert_eq!((s, v["error"]["fields"]["points"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_range")));
        // The shop reads the notes in the member's ledger, newest first.
        let (s, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/members/c-77/ledger", ADMIN_KEY, None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let notes: Vec<(i64, &str)> = v["items"].as_array().unwrap().iter().map(|i| (i["delta"].as_i64().unwrap(), i["note"].as_str().unwrap())).collect();
        assert_eq!(notes, [(-50, "Correction"), (150, "Parcel arrived late: sorry")]);
    }
}

on_both_databases! {
    async fn points_given_and_spent_per_week_with_the_members_who_joined(e: Env) {
        let day = |d: &str| retainkit_contract::admin::parse_day(d).unwrap() * 86_400 + 7_200;
        // 2026-11-16, -23 and -30 are Mondays; 2026-11-09 is before the range.
        for (who, d) in [("a", "2026-11-09"), ("b", "2026-11-17"), ("c", "2026-11-30")] {
            sqlx::query("INSERT INTO loyalty_accounts (customer_id, balance, lifetime, created_at) VALUES ($1, 0, 0, $2)")
                .bind(who)
                .bind(day(d))
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        for (who, delta, reason, d) in [
            ("a", 500, "purchase", "2026-11-09"),
            ("b", 120, "purchase", "2026-11-17"),
            ("b", 50, "review", "2026-11-18"),
            ("a", -100, "redeem", "2026-11-19"),
            ("a", -30, "manual", "2026-11-20"),
            ("c", 25, "manual", "2026-11-30"),
            ("b", -100, "redeem", "2026-11-30"),
            ("a", -200, "redeem", "2026-11-30"),
        ] {
            sqlx::query("INSERT INTO loyalty_ledger (customer_id, delta, reason, created_at) VALUES ($1, $2, $3, $4)")
                .bind(who)
                .bind(delta as i64)
                .bind(reason)
                .bind(day(d))
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        let (s, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/activity?interval=week&from=2026-11-16&to=2026-11-30", ADMIN_KEY, None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["interval"].as_str(), v["from"].as_str(), v["to"].as_str()), (Some("week"), Some("2026-11-16"), Some("2026-11-30")));
        // Taken away by hand (-30) is neither given nor spent.
        assert_eq!(
            v["periods"],
            json!([
                {"start": "2026-11-16", "issued": 170, "redeemed": 100, "redemptions": 1, "new_members": 1},
                {"start": "2026-11-23", "issued": 0, "redeemed": 0, "redemptions": 0, "new_members": 0},
                {"start": "2026-11-30", "issued": 25, "redeemed": 300, "redemptions": 2, "new_members": 1},
            ])
        );
        let (_, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/activity?interval=month&from=2026-11-01&to=2026-11-30", ADMIN_KEY, None)).await;
        assert_eq!(v["periods"], json!([{"start": "2026-11-01", "issued": 695, "redeemed": 400, "redemptions": 3, "new_members": 3}]));
        let (s, v, _) = send(&e.app, req("GET", "/v1/admin/loyalty/activity?from=2026-12-01&to=2026-11-01", ADMIN_KEY, None)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, _, _) = send(&e.app, Request::get("/v1/admin/loyalty/activity").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
}
