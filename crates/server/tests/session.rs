//! Console sessions, on SQLite and on PostgreSQL: without a session (or the key) every admin
//! endpoint answers 401; the key is exchanged for an HttpOnly cookie; a change needs the CSRF
//! token and is refused from another site; forged, ended and signed-out sessions open nothing;
//! sign-in is rate-limited.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{send, ADMIN_KEY};
use serde_json::{json, Value};

fn sign_in(key: &str) -> Request<Body> {
    Request::post("/v1/admin/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"key": key}).to_string()))
        .unwrap()
}

/// A console request: the cookie, and optionally the CSRF token and more headers.
fn console(method: &str, path: &str, cookie: &str, csrf: Option<&str>, extra: &[(&str, &str)], body: Option<Value>) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, format!("theme=x; {cookie}"))
        .header(header::HOST, "shop.example");
    if let Some(c) = csrf {
        b = b.header("X-CSRF-Token", c);
    }
    for (k, v) in extra {
        b = b.header(*k, *v);
    }
    match body {
        Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
        None => b.body(Body::empty()).unwrap(),
    }
}

on_both_databases! {
    async fn every_admin_endpoint_needs_a_session_or_the_key(e: Env) {
        let doc: Value = serde_json::from_str(include_str!("../../../openapi.json")).unwrap();
        let mut checked = 0;
        for (path, ops) in doc["paths"].as_object().unwrap() {
            if !path.starts_with("/v1/admin/") || path == "/v1/admin/session" {
                continue;
            }
            let concrete = path.replace("{survey_id}", "s1").replace("{offer_id}", "o1").replace("{review_id}", "1").replace("{customer_id}", "c1")
                .replace("{webhook_id}", "1").replace("{segment}", "champions").replace("{file}", "reviews.csv");
            assert!(!concrete.contains('{'), "a path parameter to fill in: {path}");
            for method in ops.as_object().unwrap().keys() {
                let req = Request::builder().method(method.to_uppercase().as_str()).uri(&concrete).header(header::CONTENT_TYPE, "application/json")
                    .header(header::COOKIE, "rk_admin=forged-token").body(Body::from("{}")).unwrap();
                let (s, v, _) = send(&e.app, req).await;
                assert_eq!(s, StatusCode::UNAUTHORIZED, "{method} {path}: {v}");
                checked += 1;
            }
        }
        assert!(checked >= 30, "{checked} admin operations checked");
    }

    async fn the_key_opens_a_session_whose_changes_need_the_csrf_token(e: Env) {
        let (s, v, _) = send(&e.app, sign_in("not-the-admin-key-at-all")).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("admin_key_invalid")));
        let (s, v, h) = send(&e.app, sign_in(ADMIN_KEY)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let set = h[header::SET_COOKIE].to_str().unwrap().to_owned();
        for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/v1/admin;"] {
            assert!(set.contains(attr), "{attr} in {set}");
        }
        assert!(!set.contains(ADMIN_KEY) && !v.to_string().contains(ADMIN_KEY), "the key is not handed back");
        let cookie = set.split(';').next().unwrap().to_owned();
        let csrf = v["csrf_token"].as_str().unwrap().to_owned();
        let stored: String = sqlx::query_scalar("SELECT id FROM admin_sessions").fetch_one(&e.db.pool).await.unwrap();
        assert!(!cookie.contains(&stored), "the database keeps a hash, not the token");

        // Reads with the cookie alone; the session hands its CSRF token back after a reload.
        let (s, _, _) = send(&e.app, console("GET", "/v1/admin/reviews", &cookie, None, &[], None)).await;
        assert_eq!(s, StatusCode::OK);
        let (s, v, _) = send(&e.app, console("GET", "/v1/admin/session", &cookie, None, &[], None)).await;
        assert_eq!((s, v["csrf_token"].as_str()), (StatusCode::OK, Some(csrf.as_str())));

        // A change: refused without the token, with a wrong one, or from another site.
        let hook = json!({"url": "https://hooks.example/x", "events": ["lead.created"]});
        for (token, extra, code) in [
            (None, vec![], "csrf_invalid"),
            (Some("wrong"), vec![], "csrf_invalid"),
            (Some(csrf.as_str()), vec![("Sec-Fetch-Site", "cross-site")], "cross_site"),
            (Some(csrf.as_str()), vec![("Origin", "https://evil.example")], "cross_site"),
        ] {
            let (s, v, _) = send(&e.app, console("POST", "/v1/admin/webhooks", &cookie, token, &extra, Some(hook.clone()))).await;
            assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some(code)), "{extra:?}");
        }
        assert_eq!(common::count(&e.db, "webhooks").await, 0, "nothing refused was made");
        let same = [("Sec-Fetch-Site", "same-origin"), ("Origin", "https://shop.example")];
        let (s, v, _) = send(&e.app, console("POST", "/v1/admin/webhooks", &cookie, Some(&csrf), &same, Some(hook))).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");

        // A forged cookie opens nothing; signing out ends the session.
        assert_eq!(send(&e.app, console("GET", "/v1/admin/reviews", "rk_admin=forged", None, &[], None)).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&e.app, console("DELETE", "/v1/admin/session", &cookie, None, &[], None)).await.0, StatusCode::FORBIDDEN, "sign-out needs the token too");
        let (s, _, h) = send(&e.app, console("DELETE", "/v1/admin/session", &cookie, Some(&csrf), &[], None)).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert!(h[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(send(&e.app, console("GET", "/v1/admin/reviews", &cookie, None, &[], None)).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&e.app, console("GET", "/v1/admin/session", &cookie, None, &[], None)).await.0, StatusCode::UNAUTHORIZED);
    }

    async fn sessions_end_and_sign_in_is_rate_limited(e: Env) {
        let (_, _, h) = send(&e.app, sign_in(ADMIN_KEY)).await;
        let cookie = h[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
        let now = retainkit_server::db::now();
        // Idle for over 2 hours: ended.
        sqlx::query("UPDATE admin_sessions SET last_seen_at = $1").bind(now - 2 * 3600 - 1).execute(&e.db.pool).await.unwrap();
        assert_eq!(send(&e.app, console("GET", "/v1/admin/reviews", &cookie, None, &[], None)).await.0, StatusCode::UNAUTHORIZED);
        // Past its 12 hours: ended, however recently used.
        sqlx::query("UPDATE admin_sessions SET last_seen_at = $1, expires_at = $2").bind(now).bind(now - 1).execute(&e.db.pool).await.unwrap();
        assert_eq!(send(&e.app, console("GET", "/v1/admin/reviews", &cookie, None, &[], None)).await.0, StatusCode::UNAUTHORIZED);
        let swept = retainkit_server::sweep::run(&e.state, now).await.unwrap();
        assert_eq!(swept.sessions, 1);

        // Guessing: four more tries pass (5 at once per network), the sixth waits.
        for _ in 0..4 {
            assert_eq!(send(&e.app, sign_in("guess-guess-guess-guess")).await.0, StatusCode::UNAUTHORIZED);
        }
        let (s, _, h) = send(&e.app, sign_in(ADMIN_KEY)).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "even the right key waits");
        assert!(h.contains_key(header::RETRY_AFTER));
    }
}
