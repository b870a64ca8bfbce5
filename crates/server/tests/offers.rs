//! The exit-offer endpoints, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{count, get, post, send, ADMIN_KEY};
use serde_json::{json, Value};

fn admin(method: &str, path: &str, body: Option<Value>) -> Request<Body> {
    let b = Request::builder().method(method).uri(path).header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"));
    match body {
        Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
        None => b.body(Body::empty()).unwrap(),
    }
}

fn offer(id: &str, code: Value, min_cart: Option<i64>) -> Value {
    json!({"id": id, "headline": {"en": "Are you sure you want to leave?", "id": "Yakin mau pergi?"},
           "body": {"en": "Your cart of {cart_value} is waiting: take 10% off."},
           "code": code, "email_capture": true, "consent": {"en": "Send me offers by e-mail."},
           "countdown_seconds": 600,
           "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "once"}, "cooldown_days": 7,
                       "audience": {"urls": [{"match": "prefix", "value": "/products/"}], "min_cart_value": min_cart},
                       "placement": "center"}})
}

on_both_databases! {
    async fn the_offer_for_a_page_and_cart_with_fixed_or_unique_codes(e: Env) {
        let (_, v, _) = send(&e.app, get("/v1/offers/active?url=/products/batik")).await;
        assert_eq!(v["offer"], Value::Null, "no offer defined yet");
        let (s, v, _) = send(&e.app, admin("PUT", "/v1/admin/offers/big-cart", Some(offer("big-cart", json!({"type": "unique", "prefix": "STAY-"}), Some(200_000))))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        send(&e.app, admin("PUT", "/v1/admin/offers/small-cart", Some(offer("small-cart", json!({"type": "fixed", "code": "STAY5"}), None)))).await;

        let (_, v, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=250000&visitor_id=v-1")).await;
        assert_eq!(v["offer"]["id"], "big-cart");
        let code = v["offer"]["code"].as_str().unwrap().to_owned();
        assert!(code.starts_with("STAY-"));
        let (_, again, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=250000&visitor_id=v-1")).await;
        assert_eq!(again["offer"]["code"], code.as_str(), "the same visitor gets the same code");
        let (_, other, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=250000&visitor_id=v-2")).await;
        assert_ne!(other["offer"]["code"], code.as_str());
        let (s, v, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=250000")).await;
        assert_eq!((s, v["offer"]["id"].as_str(), &v["offer"]["code"]), (StatusCode::OK, Some("big-cart"), &Value::Null), "no visitor: no code yet");
        let (s, _, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=250000&visitor_id=not%20an%20id")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, v, _) = send(&e.app, get("/v1/offers/active?url=/products/batik&cart_value=50000")).await;
        assert_eq!((v["offer"]["id"].as_str(), v["offer"]["code"].as_str()), (Some("small-cart"), Some("STAY5")));
        let (_, v, _) = send(&e.app, get("/v1/offers/active?url=/about")).await;
        assert_eq!(v["offer"], Value::Null);
    }

    async fn events_leads_and_stats(e: Env) {
        send(&e.app, admin("PUT", "/v1/admin/offers/stay", Some(offer("stay", json!({"type": "fixed", "code": "STAY10"}), None)))).await;
        for kind in ["impression", "impression", "copy", "convert", "dismiss"] {
            let (s, _, _) = send(&e.app, post("/v1/offers/stay/events", &json!({"kind": kind, "visitor_id": "v-1"}).to_string(), None)).await;
            assert_eq!(s, StatusCode::CREATED);
        }
        let (s, _, _) = send(&e.app, post("/v1/offers/nope/events", r#"{"kind":"copy","visitor_id":"v-1"}"#, None)).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, v, _) = send(&e.app, post("/v1/offers/stay/leads", r#"{"email":"sari@mail.example","consent":false,"visitor_id":"v-1"}"#, None)).await;
        assert_eq!((s, v["error"]["fields"]["consent"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")));
        let lead = r#"{"email":" sari@mail.example ","consent":true,"visitor_id":"v-1","locale":"id"}"#;
        let (s1, v1, _) = send(&e.app, post("/v1/offers/stay/leads", lead, Some("rk-lead-key-000001"))).await;
        let (_, v2, _) = send(&e.app, post("/v1/offers/stay/leads", lead, Some("rk-lead-key-000001"))).await;
        assert_eq!((s1, &v1), (StatusCode::CREATED, &v2));
        assert_eq!(count(&e.db, "leads").await, 1);
        let (email, consented_at): (String, i64) = sqlx::query_as("SELECT email, consented_at FROM leads").fetch_one(&e.db.pool).await.unwrap();
        assert_eq!(email, "sari@mail.example");
        assert_eq!(consented_at, v1["consented_at"].as_i64().unwrap());
        let (_, v, _) = send(&e.app, admin("GET", "/v1/admin/offers/stay/stats", None)).await;
        assert_eq!(v, json!({"offer_id": "stay", "impressions": 2, "dismissals": 1, "copies": 1, "conversions": 1, "leads": 1}));

        // The shop reads its leads with the time of consent, newest first, a page at a time.
        let second = r#"{"email":"budi@mail.example","consent":true,"visitor_id":"v-2","locale":"en","page":"/products/batik"}"#;
        assert_eq!(send(&e.app, post("/v1/offers/stay/leads", second, None)).await.0, StatusCode::CREATED);
        sqlx::query("UPDATE leads SET created_at = created_at + 10 WHERE email = 'budi@mail.example'").execute(&e.db.pool).await.unwrap();
        let (s, v, _) = send(&e.app, admin("GET", "/v1/admin/offers/stay/leads?limit=1", None)).await;
        assert_eq!((s, v["items"][0]["email"].as_str(), v["items"][0]["page"].as_str()), (StatusCode::OK, Some("budi@mail.example"), Some("/products/batik")));
        let cursor = v["next_cursor"].as_str().expect("a second page").to_owned();
        let (_, v, _) = send(&e.app, admin("GET", &format!("/v1/admin/offers/stay/leads?limit=1&cursor={cursor}"), None)).await;
        assert_eq!((v["items"][0]["email"].as_str(), v["items"][0]["consented_at"].as_i64()), (Some("sari@mail.example"), Some(consented_at)));
        assert_eq!(v["next_cursor"], Value::Null);
        assert_eq!(send(&e.app, get("/v1/admin/offers/stay/leads")).await.0, StatusCode::UNAUTHORIZED);
    }
}

on_both_databases! {
    async fn the_funnel_per_week_from_the_daily_counts_and_the_leads(e: Env) {
        send(&e.app, admin("PUT", "/v1/admin/offers/stay", Some(offer("stay", json!({"type": "fixed", "code": "STAY10"}), None)))).await;
        let day = |d: &str| retainkit_contract::admin::parse_day(d).unwrap();
        // 2026-11-16, -23 and -30 are Mondays.
        for (d, kind, n) in [
            ("2026-11-17", "impression", 40),
            ("2026-11-18", "impression", 10),
            ("2026-11-17", "copy", 12),
            ("2026-11-19", "convert", 5),
            ("2026-11-20", "dismiss", 30),
            ("2026-11-30", "impression", 8),
            ("2026-11-30", "convert", 1),
            ("2026-11-09", "impression", 999),
        ] {
            sqlx::query("INSERT INTO offer_daily (offer_id, day, kind, count) VALUES ('stay', $1, $2, $3)")
                .bind(day(d))
                .bind(kind)
                .bind(n as i64)
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        for (d, email) in [("2026-11-22", "a@example.com"), ("2026-11-30", "b@example.com"), ("2026-11-30", "c@example.com")] {
            let at = day(d) * 86_400 + 3_600;
            sqlx::query("INSERT INTO leads (offer_id, email, consent, consented_at, visitor_id, created_at) VALUES ('stay', $1, 1, $2, 'v-1', $2)")
                .bind(email)
                .bind(at)
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        let (s, v, _) = send(&e.app, admin("GET", "/v1/admin/offers/stay/funnel?interval=week&from=2026-11-16&to=2026-11-30", None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["interval"].as_str(), v["from"].as_str(), v["to"].as_str()), (Some("week"), Some("2026-11-16"), Some("2026-11-30")));
        assert_eq!(
            v["periods"],
            json!([
                {"start": "2026-11-16", "impressions": 50, "dismissals": 30, "copies": 12, "conversions": 5, "leads": 1, "conversion_percent": 10.0},
                {"start": "2026-11-23", "impressions": 0, "dismissals": 0, "copies": 0, "conversions": 0, "leads": 0, "conversion_percent": null},
                {"start": "2026-11-30", "impressions": 8, "dismissals": 0, "copies": 0, "conversions": 1, "leads": 2, "conversion_percent": 12.5},
            ])
        );
        let (_, v, _) = send(&e.app, admin("GET", "/v1/admin/offers/stay/funnel?interval=month&from=2026-11-01&to=2026-11-30", None)).await;
        assert_eq!((v["periods"][0]["impressions"].as_i64(), v["periods"][0]["leads"].as_i64()), (Some(1057), Some(3)));
        let (s, v, _) = send(&e.app, admin("GET", "/v1/admin/offers/stay/funnel?to=30-11-2026", None)).await;
        assert_eq!((s, v["error"]["fields"]["to"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
        let (s, _, _) = send(&e.app, get("/v1/admin/offers/stay/funnel")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
}
