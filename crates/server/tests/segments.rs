//! Orders and RFM segments, on SQLite and on PostgreSQL: a shop of ten customers whose
//! segments are known (the contract's `a_fixed_shop` test, worked by hand), reported as
//! imported history and as purchase awards.

mod common;

use axum::http::StatusCode;
use common::{admin, send};
use serde_json::{json, Value};

const DAY: i64 = 86_400;
const AS_OF: i64 = 1_790_000_000;

/// (customer, orders, total spent in cents, days since the last order) → the orders.
fn history() -> Vec<Value> {
    let shop: [(&str, i64, i64, i64); 10] = [
        ("ada", 12, 240_000, 2),
        ("ben", 9, 180_000, 5),
        ("cleo", 1, 9_000, 1),
        ("dan", 1, 4_000, 3),
        ("eve", 5, 60_000, 30),
        ("finn", 2, 15_000, 40),
        ("gus", 10, 200_000, 200),
        ("hal", 7, 90_000, 150),
        ("ivy", 2, 8_000, 250),
        ("joe", 1, 2_000, 400),
    ];
    let mut orders = Vec::new();
    for (c, n, total, days) in shop {
        for i in 0..n {
            let amount = total / n + if i == 0 { total % n } else { 0 };
            orders.push(json!({"customer_id": c, "order_id": format!("{c}-{i}"), "amount": amount, "currency": "EUR",
                               "ordered_at": AS_OF - (days + 10 * i) * DAY}));
        }
    }
    orders
}

fn ids(v: &Value) -> Vec<String> {
    v["items"].as_array().unwrap().iter().map(|m| m["customer_id"].as_str().unwrap().to_owned()).collect()
}

on_both_databases! {
    async fn a_shop_with_known_answers_gets_its_segments(e: Env) {
        let (s, v, _) = send(&e.app, admin("PUT", "/v1/admin/loyalty/program", Some(common::loyalty_program()))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let mut orders = history();
        // ada's last order comes with its points, as a shop reports a purchase.
        let last = orders.remove(0);
        let (s, v, _) = send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": orders})))).await;
        assert_eq!((s, v["inserted"].as_u64(), v["duplicates"].as_u64()), (StatusCode::OK, Some(49), Some(0)), "{v}");
        let award = json!({"customer_id": "ada", "points": 10, "reason": {"type": "purchase", "order_id": last["order_id"],
                           "amount": last["amount"], "currency": "EUR", "ordered_at": last["ordered_at"]}});
        let (s, v, _) = send(&e.app, admin("POST", "/v1/admin/loyalty/awards", Some(award))).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        // Reported again: kept once.
        let (_, v, _) = send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": history()[..3]})))).await;
        assert_eq!((v["inserted"].as_u64(), v["duplicates"].as_u64()), (Some(0), Some(3)));
        assert_eq!(common::count(&e.db, "orders").await, 50);

        let (s, v, _) = send(&e.app, admin("GET", &format!("/v1/admin/segments?as_of={AS_OF}"), None)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["as_of"].as_i64(), v["customers"].as_u64()), (Some(AS_OF), Some(10)));
        let sizes: Vec<(String, u64)> =
            v["segments"].as_array().unwrap().iter().map(|s| (s["segment"].as_str().unwrap().to_owned(), s["customers"].as_u64().unwrap())).collect();
        let want = [("champions", 2), ("new", 2), ("loyal", 2), ("promising", 0), ("at_risk", 2), ("hibernating", 0), ("lost", 2)];
        assert_eq!(sizes, want.map(|(s, n)| (s.to_owned(), n)));
        assert_eq!(v["segments"][0]["spent"].as_i64(), Some(420_000));
        assert_eq!(v["segments"][0]["percent"].as_f64(), Some(20.0));
        assert_eq!(v["grid"][4][4].as_u64(), Some(1), "ada: R5 F5");
        assert_eq!(v["grid"].as_array().unwrap().iter().flat_map(|r| r.as_array().unwrap()).map(|n| n.as_u64().unwrap()).sum::<u64>(), 10);

        let (s, v, _) = send(&e.app, admin("GET", &format!("/v1/admin/segments/at_risk/members?as_of={AS_OF}&limit=1"), None)).await;
        assert_eq!((s, ids(&v)), (StatusCode::OK, vec!["gus".to_owned()]), "{v}");
        assert_eq!((v["items"][0]["recency"].as_u64(), v["items"][0]["frequency"].as_u64(), v["items"][0]["orders"].as_u64()), (Some(2), Some(5), Some(10)));
        assert_eq!(v["items"][0]["spent"].as_i64(), Some(200_000));
        let cursor = v["next_cursor"].as_str().unwrap().to_owned();
        let (_, v, _) = send(&e.app, admin("GET", &format!("/v1/admin/segments/at_risk/members?as_of={AS_OF}&limit=1&cursor={cursor}"), None)).await;
        assert_eq!((ids(&v), v["next_cursor"].clone()), (vec!["hal".to_owned()], Value::Null));

        // A year earlier nobody had ordered yet: no customers.
        let (_, v, _) = send(&e.app, admin("GET", &format!("/v1/admin/segments?as_of={}", AS_OF - 500 * DAY), None)).await;
        assert_eq!(v["customers"].as_u64(), Some(0));
        assert_eq!(send(&e.app, admin("GET", "/v1/admin/segments/vips/members", None)).await.0, StatusCode::NOT_FOUND);
    }

    async fn bad_orders_are_refused_whole_and_named(e: Env) {
        let good = json!({"customer_id": "c-1", "order_id": "o-1", "amount": 100});
        let future = json!({"customer_id": "c-1", "order_id": "o-2", "amount": 100, "ordered_at": 4_000_000_000i64});
        let (s, v, _) = send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": [good, future]})))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(v.to_string().contains("orders.1.ordered_at"), "{v}");
        let bad = json!({"customer_id": "c 1", "order_id": "o-3", "amount": -5, "currency": "euro"});
        let (s, v, _) = send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": [bad]})))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        for f in ["orders.0.customer_id", "orders.0.amount", "orders.0.currency"] {
            assert!(v.to_string().contains(f), "{f}: {v}");
        }
        assert_eq!(common::count(&e.db, "orders").await, 0, "nothing of a refused call is kept");
        let (s, _, _) = send(&e.app, common::post("/v1/admin/orders", r#"{"orders":[]}"#, None)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
}

fn token(customer: &str) -> String {
    let now = retainkit_server::db::now();
    let claims = retainkit_server::auth::Claims { sub: customer.into(), aud: "retainkit".into(), iat: now, exp: now + 300 };
    format!("Bearer {}", retainkit_server::auth::sign(&claims, common::TOKEN_SECRET.as_bytes()))
}

/// A public GET as the customer (or anonymous, or with a forged token).
async fn as_customer(e: &common::Env, path: &str, who: Option<&str>) -> Value {
    let mut b = axum::http::Request::get(path);
    if let Some(w) = who {
        b = b.header("authorization", if w == "forged" { "Bearer a.b.c".to_owned() } else { token(w) });
    }
    let (s, v, _) = send(&e.app, b.body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{path} as {who:?}: {v}");
    v
}

on_both_databases! {
    async fn surveys_and_offers_for_a_segment_or_tier_show_only_to_its_customers(e: Env) {
        send(&e.app, admin("PUT", "/v1/admin/loyalty/program", Some(common::loyalty_program()))).await;
        // The fixed shop, as of now.
        let now = retainkit_server::db::now();
        let orders: Vec<Value> = history().into_iter().map(|mut o| {
            o["ordered_at"] = json!(o["ordered_at"].as_i64().unwrap() - AS_OF + now);
            o
        }).collect();
        assert_eq!(send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": orders})))).await.0, StatusCode::OK);
        // ben reaches gold (1,000 lifetime points).
        let gold = json!({"customer_id": "ben", "points": 1000, "reason": {"type": "manual", "note": "VIP"}});
        assert_eq!(send(&e.app, admin("POST", "/v1/admin/loyalty/awards", Some(gold))).await.0, StatusCode::CREATED);

        let offer = json!({"id": "win-back", "headline": {"en": "We miss you"}, "body": {"en": "15% off your next order."},
            "code": {"type": "fixed", "code": "BACK15"}, "email_capture": false,
            "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "once"}, "placement": "center"},
            "customers": {"segments": ["at_risk"]}});
        let (s, v, _) = send(&e.app, admin("PUT", "/v1/admin/offers/win-back", Some(offer))).await;
        assert_eq!((s, v["customers"]["segments"][0].as_str()), (StatusCode::OK, Some("at_risk")), "{v}");
        let nps = |id: &str, customers: Value| json!({"id": id, "kind": "nps", "question": {"en": "Would you recommend us?"},
            "display": {"triggers": [{"type": "page_view", "delay_seconds": 0}], "recontact": {"type": "once"}, "placement": "center"},
            "customers": customers});
        for (id, customers) in [("nps-champions", json!({"segments": ["champions"]})), ("nps-gold", json!({"tiers": ["gold"]})), ("nps-everyone", Value::Null)] {
            let (s, v, _) = send(&e.app, admin("PUT", &format!("/v1/admin/surveys/{id}"), Some(nps(id, customers)))).await;
            assert_eq!(s, StatusCode::OK, "{v}");
        }

        let offer_for = |v: &Value| v["offer"]["id"].as_str().map(str::to_owned);
        assert_eq!(offer_for(&as_customer(&e, "/v1/offers/active?url=/", Some("gus")).await), Some("win-back".into()), "gus is at risk");
        let v = as_customer(&e, "/v1/offers/active?url=/", Some("hal")).await;
        assert_eq!(v["offer"]["code"].as_str(), Some("BACK15"));
        assert!(!v.to_string().contains("at_risk"), "the rule stays on the server");
        for who in [Some("ada"), None, Some("forged"), Some("nobody")] {
            assert_eq!(offer_for(&as_customer(&e, "/v1/offers/active?url=/", who).await), None, "{who:?}");
        }

        let surveys_for = |v: &Value| v["surveys"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(surveys_for(&as_customer(&e, "/v1/surveys/active?url=/", Some("ada")).await), ["nps-champions", "nps-everyone"]);
        assert_eq!(surveys_for(&as_customer(&e, "/v1/surveys/active?url=/", Some("ben")).await), ["nps-champions", "nps-everyone", "nps-gold"]);
        assert_eq!(surveys_for(&as_customer(&e, "/v1/surveys/active?url=/", Some("gus")).await), ["nps-everyone"]);
        assert_eq!(surveys_for(&as_customer(&e, "/v1/surveys/active?url=/", None).await), ["nps-everyone"]);
        // Read by id (<rk-survey survey-id>): not there for others.
        assert_eq!(send(&e.app, common::get("/v1/surveys/nps-gold")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(as_customer(&e, "/v1/surveys/nps-gold", Some("ben")).await["id"], "nps-gold");
        assert!(as_customer(&e, "/v1/surveys/nps-gold", Some("ben")).await.get("customers").is_none());

        // New orders move gus out of "at risk" at once: the segments are computed again.
        let recent: Vec<Value> = (0..5).map(|i| json!({"customer_id": "gus", "order_id": format!("gus-new-{i}"), "amount": 50_000, "ordered_at": now - i})).collect();
        send(&e.app, admin("POST", "/v1/admin/orders", Some(json!({"orders": recent})))).await;
        assert_eq!(offer_for(&as_customer(&e, "/v1/offers/active?url=/", Some("gus")).await), None, "gus is a champion now");

        let bad = nps("nps-bad", json!({"tiers": ["not an id"]}));
        let (s, v, _) = send(&e.app, admin("PUT", "/v1/admin/surveys/nps-bad", Some(bad))).await;
        assert_eq!((s, v["error"]["fields"]["customers.tiers"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    }
}
