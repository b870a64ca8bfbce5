//! Webhooks, on SQLite and on PostgreSQL: events are written to the outbox with the change
//! they tell of (and not without it), sent signed to a receiver the test runs, tried again
//! after a 500 until delivered, logged, and stopped when the webhook is removed.

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::{admin, define_nps, post, send};
use hmac::{Hmac, Mac};
use retainkit_server::db::now_ms;
use retainkit_server::webhooks::deliver_due;
use serde_json::{json, Value};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

/// What the receiver got: each request's headers and body.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// Answers 500 this many times first.
    fail: Arc<Mutex<u32>>,
}

async fn receiver(fail: u32) -> (String, Receiver) {
    let r = Receiver { fail: Arc::new(Mutex::new(fail)), ..Receiver::default() };
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(|axum::extract::State(r): axum::extract::State<Receiver>, headers: HeaderMap, body: String| async move {
            r.got.lock().unwrap().push((headers, body));
            let mut fail = r.fail.lock().unwrap();
            if *fail > 0 {
                *fail -= 1;
                StatusCode::INTERNAL_SERVER_ERROR
            } else {
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = app.with_state(r.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, r)
}

/// Checks `RetainKit-Signature` as a receiver would; returns the payload.
fn verified(headers: &HeaderMap, body: &str, secret: &str) -> Value {
    let sig = headers["retainkit-signature"].to_str().unwrap();
    let (t, v1) = sig.split_once(",v1=").unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    m.update(format!("{t}.{body}").as_bytes());
    let want: String = m.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(v1, want, "the signature checks out");
    let age = retainkit_server::db::now() - t.parse::<i64>().unwrap();
    assert!((0..300).contains(&age), "signed just now");
    serde_json::from_str(body).unwrap()
}

on_both_databases! {
    async fn a_signed_survey_response_reaches_a_receiver_that_fails_twice(e: Env) {
        let (url, rx) = receiver(2).await;
        let (s, hook, _) = send(&e.app, admin("POST", "/v1/admin/webhooks", Some(json!({"url": url, "events": ["survey.response", "lead.created"]})))).await;
        assert_eq!(s, StatusCode::CREATED, "{hook}");
        let secret = hook["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("whsec_") && secret.len() > 30);
        let id = hook["id"].as_i64().unwrap();

        define_nps(&e.app, "nps-hook").await;
        let (s, answer, _) = send(&e.app, post("/v1/surveys/nps-hook/responses", r#"{"score":3,"comment":"Late again","locale":"id"}"#, None)).await;
        assert_eq!(s, StatusCode::CREATED);
        // Kept in the outbox, in the answer's transaction, before anything is sent.
        assert_eq!(common::count(&e.db, "webhook_deliveries").await, 1);

        // The rounds the server makes, at times the test chooses: a try, then 10 s later the
        // next (not before), then 50 s after that.
        let t0 = now_ms();
        assert_eq!(deliver_due(&e.state, t0).await.unwrap(), 1, "first try");
        assert_eq!(deliver_due(&e.state, t0 + 9_000).await.unwrap(), 0, "not due before its wait");
        assert_eq!(deliver_due(&e.state, t0 + 10_000).await.unwrap(), 1, "second try");
        assert_eq!(deliver_due(&e.state, t0 + 59_000).await.unwrap(), 0);
        assert_eq!(deliver_due(&e.state, t0 + 60_000).await.unwrap(), 1, "third try");
        assert_eq!(deliver_due(&e.state, t0 + 86_400_000).await.unwrap(), 0, "delivered: nothing more to send");
        let got = rx.got.lock().unwrap().clone();
        assert_eq!(got.len(), 3, "two 500s, then delivered");
        let payloads: Vec<Value> = got.iter().map(|(h, b)| verified(h, b, &secret)).collect();
        let p = &payloads[2];
        assert_eq!((p["type"].as_str(), p["data"]["category"].as_str(), p["data"]["comment"].as_str()), (Some("survey.response"), Some("detractor"), Some("Late again")));
        assert_eq!(p["data"]["id"], answer["id"]);
        assert!(payloads.iter().all(|q| q["id"] == p["id"]), "one event id on every try");
        assert_eq!(got[2].0["retainkit-event"], "survey.response");

        let (s, log, _) = send(&e.app, admin("GET", &format!("/v1/admin/webhooks/{id}/deliveries"), None)).await;
        assert_eq!(s, StatusCode::OK, "{log}");
        let d = &log["items"][0];
        assert_eq!((d["status"].as_str(), d["attempts"].as_u64(), d["event"].as_str()), (Some("delivered"), Some(3), Some("survey.response")));
        assert!(d["delivered_at"].is_i64() && d["next_attempt_at"].is_null());
        // The receiver's own answer (204), not a made-up 200.
        assert_eq!((d["last_status"].as_u64(), d["last_error"].is_null()), (Some(204), true), "{d}");

        // Another answer: a second delivery waits in the outbox.
        send(&e.app, post("/v1/surveys/nps-hook/responses", r#"{"score":10}"#, None)).await;
        assert_eq!(common::count(&e.db, "webhook_deliveries").await, 2);
        let (_, list, _) = send(&e.app, admin("GET", "/v1/admin/webhooks", None)).await;
        assert_eq!((list["items"].as_array().unwrap().len(), list["items"][0]["secret"].as_str()), (1, Some(secret.as_str())));

        // Removed: what waits fails as "webhook removed", nothing new is written or sent.
        assert_eq!(send(&e.app, admin("DELETE", &format!("/v1/admin/webhooks/{id}"), None)).await.0, StatusCode::NO_CONTENT);
        send(&e.app, post("/v1/surveys/nps-hook/responses", r#"{"score":1}"#, None)).await;
        assert_eq!(common::count(&e.db, "webhook_deliveries").await, 2);
        assert_eq!(deliver_due(&e.state, now_ms() + 86_400_000).await.unwrap(), 0);
        let (_, log, _) = send(&e.app, admin("GET", &format!("/v1/admin/webhooks/{id}/deliveries?limit=1"), None)).await;
        assert_eq!((log["items"][0]["status"].as_str(), log["items"][0]["last_error"].as_str()), (Some("failed"), Some("webhook removed")));
        assert!(log["next_cursor"].is_string());
        assert_eq!(send(&e.app, admin("DELETE", &format!("/v1/admin/webhooks/{id}"), None)).await.0, StatusCode::NOT_FOUND);
        // The log keeps a month.
        let now = retainkit_server::db::now();
        assert_eq!(retainkit_server::sweep::run(&e.state, now).await.unwrap().webhook_deliveries, 0);
        let later = now + retainkit_server::sweep::WEBHOOK_LOG_DAYS * 86_400 + 1;
        assert_eq!(retainkit_server::sweep::run(&e.state, later).await.unwrap().webhook_deliveries, 2);
    }

    async fn each_event_is_written_with_its_change_and_never_without(e: Env) {
        let (url, rx) = receiver(0).await;
        let all = ["review.created", "review.published", "survey.response", "survey.response.updated", "offer.converted", "lead.created", "loyalty.redeemed"];
        let (s, hook, _) = send(&e.app, admin("POST", "/v1/admin/webhooks", Some(json!({"url": url, "events": all})))).await;
        assert_eq!(s, StatusCode::CREATED, "{hook}");
        // A review waiting for moderation, then approved: created, then published.
        let review = json!({"rating": 2, "body": "It broke after a week.", "author_name": "Sari", "fill_ms": 20000, "email": "sari@example.com"});
        let (s, r, _) = send(&e.app, post("/v1/products/p-1/reviews", &review.to_string(), None)).await;
        assert_eq!(s, StatusCode::CREATED, "{r}");
        // A review that fails after its row was written (an unknown photo) leaves no event.
        let bad = json!({"rating": 5, "body": "Lovely colours here.", "author_name": "Ola", "fill_ms": 20000, "photo_ids": ["no-such-photo"]});
        assert_eq!(send(&e.app, post("/v1/products/p-1/reviews", &bad.to_string(), None)).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        let rid = r["id"].as_i64().unwrap();
        let (s, _, _) = send(&e.app, admin("POST", &format!("/v1/admin/reviews/{rid}/moderation"), Some(json!({"action": "approve"})))).await;
        assert_eq!(s, StatusCode::OK);
        // Approving it again tells nothing new.
        send(&e.app, admin("POST", &format!("/v1/admin/reviews/{rid}/moderation"), Some(json!({"action": "approve"})))).await;
        // An NPS answer and its follow-up comment.
        define_nps(&e.app, "nps-all").await;
        let (_, a, _) = send(&e.app, post("/v1/surveys/nps-all/responses", r#"{"score":9}"#, None)).await;
        let patch = json!({"comment": "Quick delivery", "edit_token": a["edit_token"]});
        let req = axum::http::Request::patch(format!("/v1/surveys/nps-all/responses/{}", a["id"]))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(patch.to_string()))
            .unwrap();
        assert_eq!(send(&e.app, req).await.0, StatusCode::OK);

        while deliver_due(&e.state, now_ms()).await.unwrap() > 0 {}
        let got: Vec<Value> = rx.got.lock().unwrap().iter().map(|(h, b)| verified(h, b, hook["secret"].as_str().unwrap())).collect();
        let kinds: Vec<&str> = got.iter().map(|p| p["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["review.created", "review.published", "survey.response", "survey.response.updated"]);
        assert_eq!((got[0]["data"]["email"].as_str(), got[0]["data"]["status"].as_str()), (Some("sari@example.com"), Some("pending")));
        assert_eq!((got[1]["data"]["id"].as_i64(), got[1]["data"]["status"].as_str()), (Some(rid), Some("published")));
        assert_eq!((got[3]["data"]["comment"].as_str(), got[3]["data"]["category"].as_str()), (Some("Quick delivery"), Some("promoter")));
    }

    async fn bad_webhooks_are_refused(e: Env) {
        for (body, field) in [
            (json!({"url": "http://shop.example/hook", "events": ["lead.created"]}), "url"),
            (json!({"url": "https://shop.example/hook", "events": []}), "events"),
        ] {
            let (s, v, _) = send(&e.app, admin("POST", "/v1/admin/webhooks", Some(body))).await;
            assert_eq!((s, v["error"]["fields"][field].is_string()), (StatusCode::UNPROCESSABLE_ENTITY, true), "{v}");
        }
        let (s, _, _) = send(&e.app, admin("POST", "/v1/admin/webhooks", Some(json!({"url": "https://x.example/", "events": ["order.paid"]})))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send(&e.app, common::get("/v1/admin/webhooks")).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&e.app, admin("GET", "/v1/admin/webhooks/999/deliveries", None)).await.0, StatusCode::NOT_FOUND);
    }
}
