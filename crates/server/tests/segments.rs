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
