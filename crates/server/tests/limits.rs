//! Abuse the write limits did not catch, and limits that fit real shops: each case here was
//! possible before (a shopper earning the same reward five times, fifty helpful votes from one
//! browser, a 1.6 GB photo, a shop behind a CDN sharing one limit…).

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::{count, get, post, send, Env, ADMIN_KEY, TOKEN_SECRET};
use retainkit_server::auth::{sign, sign_claims, Claims, OrderClaims, ORDER_AUDIENCE};
use retainkit_server::{api, AppState};
use serde_json::{json, Value};
use std::net::SocketAddr;

/// A request as it arrives from `ip`.
fn from(ip: &str, mut req: Request<Body>) -> Request<Body> {
    req.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40_000)));
    req
}

fn with(mut req: Request<Body>, name: &'static str, value: &str) -> Request<Body> {
    req.headers_mut().insert(name, value.parse().unwrap());
    req
}

fn admin_json(method: &str, path: &str, body: Value) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn customer_token(customer: &str) -> String {
    let now = retainkit_server::db::now();
    sign(&Claims { sub: customer.into(), aud: "retainkit".into(), iat: now, exp: now + 300 }, TOKEN_SECRET.as_bytes())
}

fn order_token(product: &str, customer: &str, order: &str) -> String {
    let now = retainkit_server::db::now();
    let c = OrderClaims {
        sub: customer.into(),
        aud: ORDER_AUDIENCE.into(),
        product_id: product.into(),
        order_id: Some(order.into()),
        iat: now,
        exp: now + 86400,
    };
    sign_claims(&c, TOKEN_SECRET.as_bytes())
}

fn review(n: usize, extra: Value) -> String {
    let mut v = json!({"rating": 5, "body": format!("Great shirt, review number {n}"), "author_name": "Sari", "fill_ms": 9000});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v.to_string()
}

/// The app with the given write limits (the test default has none).
fn limited(e: &Env, shopper: u32, network: u32, trusted: &str) -> axum::Router {
    let mut cfg = common::config();
    cfg.rate_limit_per_minute = shopper;
    cfg.network_rate_limit_per_minute = network;
    cfg.trusted_proxies = trusted.split(',').filter(|s| !s.is_empty()).map(|s| retainkit_server::client::Cidr::parse(s).unwrap()).collect();
    api(AppState::new(e.db.clone(), cfg))
}

async fn display(app: &axum::Router, ip: &str, visitor: Option<&str>, extra: Option<(&'static str, &str)>) -> StatusCode {
    let mut req = from(ip, post("/v1/surveys/nps-limits/displays", r#"{"visitor_id":"v-1"}"#, None));
    if let Some(v) = visitor {
        req = with(req, "rk-visitor", v);
    }
    if let Some((k, v)) = extra {
        req = with(req, k, v);
    }
    send(app, req).await.0
}

fn xff(ip: &str) -> Option<(&'static str, &str)> {
    Some(("x-forwarded-for", ip))
}

on_both_databases! {
    async fn a_customer_earns_one_review_reward_per_product_and_one_per_verified_order(e: Env) {
        let settings = json!({"auto_publish_min_rating": 4, "reward_points": 50, "reward_coupon_percent": null});
        assert_eq!(send(&e.app, admin_json("PUT", "/v1/admin/review-settings", settings)).await.0, StatusCode::OK);
        let signed = |body: String| {
            Request::post("/v1/products/batik/reviews")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::AUTHORIZATION, format!("Bearer {}", customer_token("cust-9")))
                .body(Body::from(body))
                .unwrap()
        };
        let mut rewards = Vec::new();
        for n in 0..5 {
            let (s, v, _) = send(&e.app, signed(review(n, json!({})))).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            rewards.push(v["reward"].clone());
        }
        assert_eq!(rewards[0], json!({"type": "points", "points": 50}));
        assert!(rewards[1..].iter().all(Value::is_null), "{rewards:?}");
        // A second verified order of the same product earns again; a replay of it does not.
        let verified = review(7, json!({"order_token": order_token("batik", "cust-9", "o-2")}));
        let (s, v, _) = send(&e.app, signed(verified.clone())).await;
        assert_eq!((s, &v["reward"]), (StatusCode::CREATED, &json!({"type": "points", "points": 50})));
        let (_, v, _) = send(&e.app, signed(review(8, json!({"order_token": order_token("batik", "cust-9", "o-2")})))).await;
        assert!(v["reward"].is_null());
        // Another product earns again.
        let other = Request::post("/v1/products/kebaya/reviews")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {}", customer_token("cust-9")))
            .body(Body::from(review(9, json!({}))))
            .unwrap();
        assert_eq!(send(&e.app, other).await.1["reward"]["points"], 50);
        let balance: i64 = sqlx::query_scalar("SELECT balance FROM loyalty_accounts WHERE customer_id = 'cust-9'").fetch_one(&e.db.pool).await.unwrap();
        assert_eq!(balance, 150);
    }

    async fn helpful_votes_from_one_network_are_bounded_per_review(e: Env) {
        let (_, v, _) = send(&e.app, post("/v1/products/p1/reviews", &review(1, json!({})), None)).await;
        let id = v["id"].as_i64().unwrap();
        let vote = |ip: &str, visitor: String| from(ip, post(&format!("/v1/reviews/{id}/helpful"), &json!({"visitor_id": visitor}).to_string(), None));
        let mut counted = 0;
        for n in 0..50 {
            let (s, v, _) = send(&e.app, vote("198.51.100.7", format!("v-fresh-{n}"))).await;
            assert_eq!(s, StatusCode::OK);
            counted += v["counted"].as_bool().unwrap() as i32;
        }
        assert_eq!(counted, 3, "fifty visitor ids from one address count three times");
        // Another network still counts.
        let (_, v, _) = send(&e.app, vote("203.0.113.20", "v-other".into())).await;
        assert_eq!((v["counted"].as_bool(), v["helpful_count"].as_i64()), (Some(true), Some(4)));
    }

    async fn a_photo_too_large_to_decode_is_refused_and_uploads_are_bounded_per_network(e: Env) {
        let png = |w: u32, h: u32| {
            let mut b = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
            b.extend(w.to_be_bytes());
            b.extend(h.to_be_bytes());
            b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
            b
        };
        let up = |ip: &str, bytes: Vec<u8>| from(ip, Request::post("/v1/photos").header(header::CONTENT_TYPE, "image/png").body(Body::from(bytes)).unwrap());
        let (s, v, _) = send(&e.app, up("192.0.2.1", png(20_000, 20_000))).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("image_too_large")), "{v}");
        assert_eq!(count(&e.db, "review_photos").await, 0);
        for _ in 0..30 {
            assert_eq!(send(&e.app, up("192.0.2.1", png(800, 600))).await.0, StatusCode::CREATED);
        }
        let (s, _, h) = send(&e.app, up("192.0.2.1", png(800, 600))).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
        assert!(h.get(header::RETRY_AFTER).is_some());
        assert_eq!(send(&e.app, up("192.0.2.2", png(800, 600))).await.0, StatusCode::CREATED, "another network may upload");
    }

    async fn unsafe_program_links_are_refused(e: Env) {
        let program = |earn_url: &str| json!({
            "name": {"en": "Points"}, "tiers": [{"id": "bronze", "name": {"en": "Bronze"}, "threshold": 0}],
            "ways_to_earn": [{"kind": "social_follow", "label": {"en": "Follow us"}, "points": 5, "url": earn_url}], "rewards": []});
        for bad in ["/\\evil.example", "javascript:alert(1)", "//evil.example", "https://user@evil.example"] {
            let (s, v, _) = send(&e.app, admin_json("PUT", "/v1/admin/loyalty/program", program(bad))).await;
            assert_eq!((s, v["error"]["fields"]["ways_to_earn"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")), "{bad}");
        }
        assert_eq!(send(&e.app, admin_json("PUT", "/v1/admin/loyalty/program", program("https://instagram.com/toko"))).await.0, StatusCode::OK);
    }

    async fn one_shopper_over_the_limit_never_locks_out_another_on_the_same_network(e: Env) {
        common::define_nps(&e.app, "nps-limits").await;
        let app = limited(&e, 6, 60, ""); // a shopper: bursts of 2; the network: bursts of 20
        assert_eq!(display(&app, "198.51.100.1", Some("v-alice"), None).await, StatusCode::CREATED);
        assert_eq!(display(&app, "198.51.100.1", Some("v-alice"), None).await, StatusCode::CREATED);
        assert_eq!(display(&app, "198.51.100.1", Some("v-alice"), None).await, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(display(&app, "198.51.100.1", Some("v-bob"), None).await, StatusCode::CREATED, "another shopper in the same office");
        // Rotating visitor ids buys nothing past the network's own limit.
        let mut statuses = Vec::new();
        for n in 0..25 {
            statuses.push(display(&app, "198.51.100.1", Some(&format!("v-rot-{n}")), None).await);
        }
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
        // IPv6: one household's /64 is one network.
        let mut v6 = Vec::new();
        for n in 0..25 {
            v6.push(display(&app, &format!("2001:db8:7:7::{:x}", n + 1), Some(&format!("v-six-{n}")), None).await);
        }
        assert!(v6.contains(&StatusCode::TOO_MANY_REQUESTS), "a /64 is one network: {v6:?}");
        assert_eq!(display(&app, "2001:db8:7:8::1", Some("v-next-door"), None).await, StatusCode::CREATED);
    }

    async fn behind_a_trusted_proxy_each_shopper_has_their_own_limit(e: Env) {
        common::define_nps(&e.app, "nps-limits").await;
        // Not trusted: every shopper behind the CDN shares the CDN's address.
        let open = limited(&e, 6, 6, "");
        let mut shared = Vec::new();
        for n in 0..3 {
            shared.push(display(&open, "10.0.0.5", None, xff(&format!("203.0.113.{n}"))).await);
        }
        assert_eq!(shared[2], StatusCode::TOO_MANY_REQUESTS, "without RK_TRUSTED_PROXIES the header is not believed");
        // Trusted: each shopper is themselves.
        let behind = limited(&e, 6, 6, "10.0.0.0/8");
        for n in 0..10 {
            assert_eq!(display(&behind, "10.0.0.5", None, xff(&format!("198.18.0.{n}"))).await, StatusCode::CREATED);
        }
        // A shopper cannot pick an address: the nearest untrusted hop counts.
        for _ in 0..2 {
            display(&behind, "10.0.0.5", None, xff("1.1.1.1, 198.18.1.1")).await;
        }
        assert_eq!(display(&behind, "10.0.0.5", None, xff("9.9.9.9, 198.18.1.1")).await, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(display(&behind, "10.0.0.5", None, Some(("forwarded", "for=198.18.2.2"))).await, StatusCode::CREATED);
    }

    async fn the_staff_are_not_limited_like_shoppers(e: Env) {
        let app = limited(&e, 6, 6, "");
        for n in 0..20 {
            let award = json!({"customer_id": format!("c-{n}"), "points": 5, "reason": {"type": "manual", "note": "welcome"}});
            let program = json!({"name": {"en": "Points"}, "tiers": [], "ways_to_earn": [], "rewards": []});
            if n == 0 {
                assert_eq!(send(&app, from("192.0.2.9", admin_json("PUT", "/v1/admin/loyalty/program", program))).await.0, StatusCode::OK);
            }
            let (s, v, _) = send(&app, from("192.0.2.9", admin_json("POST", "/v1/admin/loyalty/awards", award))).await;
            assert_eq!(s, StatusCode::CREATED, "admin write {n}: {v}");
        }
        // A wrong key is a shopper.
        let mut last = StatusCode::OK;
        for _ in 0..4 {
            let req = Request::post("/v1/admin/loyalty/awards").header(header::AUTHORIZATION, "Bearer wrong-key-000000000").header(header::CONTENT_TYPE, "application/json").body(Body::from("{}")).unwrap();
            last = send(&app, from("192.0.2.9", req)).await.0;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn the_offer_lookup_that_makes_codes_is_limited(e: Env) {
        let offer = json!({"id": "stay", "headline": {"en": "Wait!"}, "body": {"en": "10% off"}, "code": {"type": "unique", "prefix": "STAY-"},
                           "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "once"}}});
        let (s, v, _) = send(&e.app, admin_json("PUT", "/v1/admin/offers/stay", offer)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let app = limited(&e, 6, 6, "");
        let mut statuses = Vec::new();
        for n in 0..4 {
            statuses.push(send(&app, from("198.51.100.40", get(&format!("/v1/offers/active?url=/&visitor_id=v-new-{n}")))).await.0);
        }
        assert_eq!(statuses[..2], [StatusCode::OK, StatusCode::OK]);
        assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(count(&e.db, "offer_codes").await, 2);
        // Looking without a visitor makes no code and is not limited.
        assert_eq!(send(&app, from("198.51.100.40", get("/v1/offers/active?url=/"))).await.0, StatusCode::OK);
    }
}
