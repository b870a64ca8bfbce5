//! What the server keeps only for a while: stored idempotent answers expire after
//! `RK_IDEMPOTENCY_HOURS`, an upload no review took is removed after an hour (row and file).

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{count, post, send};
use retainkit_server::db::now;
use retainkit_server::{sweep, AppState};
use serde_json::json;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";

fn upload() -> Request<Body> {
    Request::post("/v1/photos").header(header::CONTENT_TYPE, "image/png").body(Body::from(PNG)).unwrap()
}

on_both_databases! {
    async fn old_idempotency_keys_and_unattached_uploads_are_swept(e: Env) {
        common::define_nps(&e.app, "nps-keep").await;
        let state = AppState::new(e.db.clone(), { let mut c = common::config(); c.upload_dir = e.upload_dir.clone(); c });
        let body = r#"{"score":9}"#;
        let (s, first, _) = send(&e.app, post("/v1/surveys/nps-keep/responses", body, Some("rk-keep-key-0001"))).await;
        assert_eq!(s, StatusCode::CREATED);
        // An upload that a review takes, and one that nobody takes.
        let (_, kept, _) = send(&e.app, upload()).await;
        let (_, orphan, _) = send(&e.app, upload()).await;
        let review = json!({"rating": 5, "body": "Photo of the fabric, lovely", "author_name": "Ola", "photo_ids": [kept["id"]], "fill_ms": 9000});
        assert_eq!(send(&e.app, post("/v1/products/p1/reviews", &review.to_string(), None)).await.0, StatusCode::CREATED);
        let file = |v: &serde_json::Value| e.upload_dir.join(format!("{}.png", v["id"].as_str().unwrap()));
        assert!(file(&orphan).exists() && file(&kept).exists());

        // Within the hour and the retention: nothing goes, and a retry is still a replay.
        let s = sweep::run(&state, now() + 60).await.unwrap();
        assert_eq!((s.idempotency_keys, s.photos), (0, 0));
        let (_, again, _) = send(&e.app, post("/v1/surveys/nps-keep/responses", body, Some("rk-keep-key-0001"))).await;
        assert_eq!(again, first);

        // An hour later the orphan goes, the attached photo stays.
        let s = sweep::run(&state, now() + 3601).await.unwrap();
        assert_eq!((s.idempotency_keys, s.photos), (0, 1));
        assert!(!file(&orphan).exists() && file(&kept).exists());
        assert_eq!(count(&e.db, "review_photos").await, 1);

        // Past the retention (8 days) the stored answer goes too.
        let s = sweep::run(&state, now() + 8 * 86_400 + 60).await.unwrap();
        assert_eq!(s.idempotency_keys, 1);
        assert_eq!(count(&e.db, "idempotency_keys").await, 0);
        assert_eq!(count(&e.db, "survey_responses").await, 1, "the answer itself stays");
    }
}
