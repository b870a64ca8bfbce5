//! The review endpoints, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{count, get, post, send, Env, ADMIN_KEY, TOKEN_SECRET};
use retainkit_server::auth::{sign_claims, OrderClaims, ORDER_AUDIENCE};
use serde_json::{json, Value};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";

fn review(rating: u8, body: &str) -> String {
    json!({"rating": rating, "body": body, "author_name": "Sari", "fill_ms": 20000}).to_string()
}

fn admin(req: axum::http::request::Builder) -> axum::http::request::Builder {
    req.header(header::AUTHORIZATION, format!("Bearer {ADMIN_KEY}"))
}

fn admin_post(path: &str, body: Value) -> Request<Body> {
    admin(Request::post(path)).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

async fn create(e: &Env, product: &str, body: &str) -> (StatusCode, Value) {
    let (s, v, _) = send(&e.app, post(&format!("/v1/products/{product}/reviews"), body, None)).await;
    (s, v)
}

fn order_token(product: &str, customer: &str) -> String {
    let now = retainkit_server::db::now();
    let c = OrderClaims {
        sub: customer.into(),
        aud: ORDER_AUDIENCE.into(),
        product_id: product.into(),
        order_id: Some("o-1".into()),
        iat: now,
        exp: now + 86400,
    };
    sign_claims(&c, TOKEN_SECRET.as_bytes())
}

on_both_databases! {
    async fn published_and_pending_reviews_summary_filter_and_pages(e: Env) {
        // Default rule: 4 and 5 stars are published at once, the rest wait.
        for (rating, text) in [(5, "Beautiful batik, great fit"), (4, "Nice shirt, runs a bit small"), (3, "Colour is darker than shown"), (5, "Second purchase, still love it")] {
            let (s, v) = create(&e, "batik-parang", &review(rating, text)).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            assert_eq!(v["status"], if rating >= 4 { "published" } else { "pending" });
        }
        create(&e, "other-product", &review(1, "Not this product at all")).await;
        let (s, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["summary"], json!({"product_id": "batik-parang", "average": 4.7, "count": 3, "histogram": [0, 0, 0, 1, 2]}));
        let bodies: Vec<&str> = v["items"].as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, vec!["Second purchase, still love it", "Nice shirt, runs a bit small", "Beautiful batik, great fit"]);
        assert!(v["items"][0].get("email").is_none(), "e-mail is never public");
        // rating filter
        let (_, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews?rating=4")).await;
        assert_eq!(v["items"].as_array().unwrap().len(), 1);
        // lowest first, two per page, cursor to the rest
        let (_, p1, _) = send(&e.app, get("/v1/products/batik-parang/reviews?sort=lowest&limit=2")).await;
        let r1: Vec<i64> = p1["items"].as_array().unwrap().iter().map(|r| r["rating"].as_i64().unwrap()).collect();
        assert_eq!(r1, vec![4, 5]);
        let cursor = p1["next_cursor"].as_str().unwrap();
        let (_, p2, _) = send(&e.app, get(&format!("/v1/products/batik-parang/reviews?sort=lowest&limit=2&cursor={cursor}"))).await;
        assert_eq!(p2["items"].as_array().unwrap().len(), 1);
        assert_eq!(p2["next_cursor"], Value::Null);
        assert_ne!(p2["items"][0]["id"], p1["items"][1]["id"]);
        // bad query
        let (s, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews?rating=9")).await;
        assert_eq!((s, v["error"]["fields"]["rating"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_range")));
        let (s, _, _) = send(&e.app, get("/v1/products/batik-parang/reviews?cursor=garbage")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn batched_summaries_for_a_collection_page(e: Env) {
        create(&e, "p1", &review(5, "Lovely fabric and colour")).await;
        create(&e, "p1", &review(4, "Good value for the money")).await;
        create(&e, "p2", &review(4, "Fits well after washing")).await;
        let (s, v, _) = send(&e.app, get("/v1/reviews/summaries?product_ids=p1,p2,p3")).await;
        assert_eq!(s, StatusCode::OK);
        let s = v["summaries"].as_array().unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!((s[0]["count"].as_i64(), s[0]["average"].as_f64()), (Some(2), Some(4.5)));
        assert_eq!((s[2]["product_id"].as_str(), s[2]["count"].as_i64()), (Some("p3"), Some(0)));
        let (s, v, _) = send(&e.app, get("/v1/reviews/summaries?product_ids=")).await;
        assert_eq!((s, v["error"]["fields"]["product_ids"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")));
    }

    async fn bad_reviews_get_field_errors_and_markup_stays_text(e: Env) {
        let (s, v) = create(&e, "p1", &json!({"rating": 6, "body": "short", "author_name": ""}).to_string()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(v["error"]["fields"], json!({"rating": "out_of_range", "body": "too_short", "author_name": "required", "fill_ms": "required"}));
        let evil = r#"<img src=x onerror=alert(1)> <script>alert(2)</script> "><svg onload=alert(3)>"#;
        let (s, _) = create(&e, "p1", &json!({"rating": 5, "body": evil, "author_name": "<script>x</script>", "fill_ms": 9000}).to_string()).await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, v, _) = send(&e.app, get("/v1/products/p1/reviews")).await;
        assert_eq!(v["items"][0]["body"], evil);
        assert_eq!(v["items"][0]["author_name"], "<script>x</script>");
        assert_eq!(count(&e.db, "reviews").await, 1);
    }

    async fn what_a_spam_trap_catches_is_kept_as_spam_and_can_be_published(e: Env) {
        let honeypot = json!({"rating": 5, "body": "Buy cheap watches here now", "author_name": "Bot", "website": "http://spam.example", "fill_ms": 9000});
        let (s, v) = create(&e, "p1", &honeypot.to_string()).await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::CREATED, Some("pending")), "the sender is not told");
        let fast = json!({"rating": 5, "body": "A fast typist with autofill", "author_name": "Ayu", "fill_ms": 400});
        let (s, v) = create(&e, "p1", &fast.to_string()).await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::CREATED, Some("pending")));
        let id = v["id"].as_i64().unwrap();
        // Nothing public, both kept for the shop with the trap's name.
        let (_, list, _) = send(&e.app, get("/v1/products/p1/reviews")).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 0);
        let (_, queue, _) = send(&e.app, admin(Request::get("/v1/admin/reviews?status=rejected")).body(Body::empty()).unwrap()).await;
        let mut traps: Vec<&str> = queue["items"].as_array().unwrap().iter().map(|r| r["spam"].as_str().unwrap()).collect();
        traps.sort();
        assert_eq!(traps, vec!["honeypot", "too_fast"]);
        // A person after all: the shop publishes it.
        let (s, v, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{id}/moderation"), json!({"action": "approve"}))).await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("published")), "{v}");
        let (_, list, _) = send(&e.app, get("/v1/products/p1/reviews")).await;
        assert_eq!(list["items"][0]["body"], "A fast typist with autofill");
    }

    async fn photos_are_sniffed_stored_and_served(e: Env) {
        let up = |bytes: Vec<u8>| Request::post("/v1/photos").header(header::CONTENT_TYPE, "image/png").body(Body::from(bytes)).unwrap();
        let (s, v, _) = send(&e.app, up(PNG.to_vec())).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (s, v, _) = send(&e.app, up(b"<svg onload=alert(1)></svg>".to_vec())).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type")));
        let mut big = PNG.to_vec();
        big.resize(5 * 1024 * 1024 + 10, 0);
        let (s, _, _) = send(&e.app, up(big)).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);

        let body = json!({"rating": 5, "body": "See the pattern in the photo", "author_name": "Ola", "photo_ids": [id], "fill_ms": 9000});
        let (s, _) = create(&e, "p1", &body.to_string()).await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, v, _) = send(&e.app, get("/v1/products/p1/reviews?sort=with_photos")).await;
        let url = v["items"][0]["photos"][0]["url"].as_str().unwrap().to_owned();
        assert_eq!(url, format!("/v1/photos/{id}"));
        let (s, _, h) = send(&e.app, get(&url)).await;
        assert_eq!((s, h.get("content-type").unwrap().to_str().unwrap()), (StatusCode::OK, "image/png"));
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        // A photo belongs to one review only.
        let (s, v) = create(&e, "p2", &body.to_string()).await;
        assert_eq!((s, v["error"]["fields"]["photo_ids"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
        assert_eq!(count(&e.db, "reviews").await, 1);
    }

    async fn helpful_counts_once_per_visitor(e: Env) {
        let (_, v) = create(&e, "p1", &review(5, "Really comfortable shirt")).await;
        let id = v["id"].as_i64().unwrap();
        let vote = |visitor: &str| post(&format!("/v1/reviews/{id}/helpful"), &json!({"visitor_id": visitor}).to_string(), None);
        let (_, a, _) = send(&e.app, vote("v-1")).await;
        let (_, b, _) = send(&e.app, vote("v-1")).await;
        let (_, c, _) = send(&e.app, vote("v-2")).await;
        assert_eq!((a["counted"].as_bool(), b["counted"].as_bool(), c["helpful_count"].as_i64()), (Some(true), Some(false), Some(2)));
        let (s, _, _) = send(&e.app, post("/v1/reviews/999999/helpful", r#"{"visitor_id":"v-1"}"#, None)).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }

    async fn moderation_reply_verified_and_points_reward(e: Env) {
        // No or wrong admin key.
        let (s, v, _) = send(&e.app, get("/v1/admin/reviews")).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("admin_key_invalid")));
        let wrong = Request::get("/v1/admin/reviews").header(header::AUTHORIZATION, "Bearer nope").body(Body::empty()).unwrap();
        assert_eq!(send(&e.app, wrong).await.0, StatusCode::UNAUTHORIZED);
        // Hold everything; a published review earns 50 points.
        let put = admin(Request::put("/v1/admin/review-settings")).header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"auto_publish_min_rating":null,"reward_points":50,"reward_coupon_percent":null}"#)).unwrap();
        assert_eq!(send(&e.app, put).await.0, StatusCode::OK);

        let body = json!({"rating": 4, "body": "Good stitching, fast delivery", "author_name": "Dewi", "email": "dewi@mail.example",
                          "order_token": order_token("batik-parang", "cust-7"), "fill_ms": 15000});
        let (s, v) = create(&e, "batik-parang", &body.to_string()).await;
        assert_eq!((s, v["status"].as_str(), &v["reward"]), (StatusCode::CREATED, Some("pending"), &Value::Null));
        let id = v["id"].as_i64().unwrap();
        let (_, q, _) = send(&e.app, admin(Request::get("/v1/admin/reviews?status=pending")).body(Body::empty()).unwrap()).await;
        assert_eq!(q["items"][0]["email"], "dewi@mail.example");
        assert_eq!(q["items"][0]["verified"], true);

        let (s, v, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{id}/moderation"), json!({"action": "approve"}))).await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("published")));
        // Approving twice does not pay twice.
        send(&e.app, admin_post(&format!("/v1/admin/reviews/{id}/moderation"), json!({"action": "approve"}))).await;
        let balance: i64 = sqlx::query_scalar("SELECT balance FROM loyalty_accounts WHERE customer_id = 'cust-7'").fetch_one(&e.db.pool).await.unwrap();
        assert_eq!(balance, 50);

        let (s, _, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{id}/reply"), json!({"body": "Terima kasih, Dewi!"}))).await;
        assert_eq!(s, StatusCode::OK);
        let (_, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews")).await;
        assert_eq!(v["items"][0]["reply"]["body"], "Terima kasih, Dewi!");
        assert_eq!(v["summary"]["count"], 1);

        // A forged order token is refused by name.
        let forged = json!({"rating": 5, "body": "Totally bought this, trust me", "author_name": "X", "order_token": "a.b.c", "fill_ms": 9000});
        let (s, v) = create(&e, "batik-parang", &forged.to_string()).await;
        assert_eq!((s, v["error"]["fields"]["order_token"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
        // Reject removes a review from the public list.
        let (_, v) = create(&e, "batik-parang", &review(2, "Did not like the colour")).await;
        let rid = v["id"].as_i64().unwrap();
        let (_, v, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{rid}/moderation"), json!({"action": "reject"}))).await;
        assert_eq!(v["status"], "rejected");
        let (_, v, _) = send(&e.app, get("/v1/products/batik-parang/reviews")).await;
        assert_eq!(v["summary"]["count"], 1);
        let bad = admin(Request::put("/v1/admin/review-settings")).header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"auto_publish_min_rating":7,"reward_points":0,"reward_coupon_percent":null}"#)).unwrap();
        assert_eq!(send(&e.app, bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn a_coupon_reward_and_an_idempotent_create(e: Env) {
        let put = admin(Request::put("/v1/admin/review-settings")).header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"auto_publish_min_rating":1,"reward_points":0,"reward_coupon_percent":10}"#)).unwrap();
        send(&e.app, put).await;
        let body = review(5, "Lovely, will buy again");
        let (s1, v1, _) = send(&e.app, post("/v1/products/p1/reviews", &body, Some("rk-review-key-0001"))).await;
        let (s2, v2, _) = send(&e.app, post("/v1/products/p1/reviews", &body, Some("rk-review-key-0001"))).await;
        assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
        assert_eq!(v1, v2, "the replay is the first answer");
        assert_eq!(v1["reward"]["type"], "coupon");
        assert!(v1["reward"]["code"].as_str().unwrap().starts_with("THANKS-"));
        assert_eq!(count(&e.db, "reviews").await, 1);
        assert_eq!(count(&e.db, "coupons").await, 1);
    }

    async fn every_sort_pages_through_every_review_once_in_order(e: Env) {
        // 37 published reviews with ratings, helpful votes and photos spread out, several on
        // the same second (ties broken by id), walked in pages of 4 through every sort and
        // rating filter, and compared with the order computed here.
        let mut model = Vec::new();
        for n in 0..37i64 {
            let rating = [5, 1, 4, 2, 3, 5, 5, 1][n as usize % 8];
            let (helpful, photos, at) = ((n * 7) % 5, (n % 3 == 0) as i64, 1_700_000_000 + (n / 3) * 60);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO reviews (product_id, rating, body, author_name, status, helpful_count, photo_count, created_at, published_at)
                 VALUES ('walk', $1, 'A review to walk through', 'Sari', 'published', $2, $3, $4, $4) RETURNING id")
                .bind(rating).bind(helpful).bind(photos).bind(at).fetch_one(&e.db.pool).await.unwrap();
            model.push((id, rating, helpful, photos, at));
        }
        for (sort, rating) in [("newest", None), ("highest", None), ("lowest", None), ("helpful", None), ("with_photos", None),
                               ("newest", Some(5)), ("highest", Some(1)), ("helpful", Some(5)), ("with_photos", Some(5))] {
            let mut want: Vec<_> = model.iter().filter(|r| rating.is_none_or(|x| r.1 == x) && (sort != "with_photos" || r.3 > 0)).collect();
            // Newest first (then the higher id), with the sort's own key in front.
            want.sort_by_key(|r| std::cmp::Reverse((r.4, r.0)));
            match sort {
                "highest" => want.sort_by_key(|r| std::cmp::Reverse(r.1)),
                "lowest" => want.sort_by_key(|r| r.1),
                "helpful" => want.sort_by_key(|r| std::cmp::Reverse(r.2)),
                _ => {}
            }
            let want: Vec<i64> = want.iter().map(|r| r.0).collect();
            let mut got = Vec::new();
            let mut cursor: Option<String> = None;
            for _ in 0..20 {
                let mut url = format!("/v1/products/walk/reviews?sort={sort}&limit=4");
                if let Some(r) = rating { url.push_str(&format!("&rating={r}")); }
                if let Some(c) = &cursor { url.push_str(&format!("&cursor={c}")); }
                let (s, v, _) = send(&e.app, get(&url)).await;
                assert_eq!(s, StatusCode::OK, "{v}");
                got.extend(v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()));
                match v["next_cursor"].as_str() {
                    Some(c) => cursor = Some(c.to_owned()),
                    None => break,
                }
            }
            assert_eq!(got, want, "sort={sort} rating={rating:?}");
        }
    }
}

on_both_databases! {
    async fn the_queue_filters_bulk_actions_the_spam_queue_and_replies(e: Env) {
        let write = |rating: u8, body: &str, author: &str, fill_ms: i64| {
            json!({"rating": rating, "body": body, "author_name": author, "fill_ms": fill_ms}).to_string()
        };
        let mut ids = Vec::new();
        for (product, rating, body, author) in [
            ("kain-1", 3, "The colours FADED after one wash.", "Sari"),
            ("kain-1", 2, "Too small; the 50% off was not worth it.", "Budi"),
            ("kain-2", 3, "Nice cloth, slow delivery.", "Ania"),
        ] {
            let (s, v) = create(&e, product, &write(rating, body, author, 20_000)).await;
            assert_eq!((s, v["status"].as_str()), (StatusCode::CREATED, Some("pending")), "{v}");
            ids.push(v["id"].as_i64().unwrap());
        }
        // Sent in half a second: a spam trap keeps it as rejected.
        let (s, _) = create(&e, "kain-2", &write(5, "Best shop ever, visit my site", "Bot", 500)).await;
        assert_eq!(s, StatusCode::CREATED);
        let list = |query: &str| {
            let query = query.to_owned();
            let app = e.app.clone();
            async move {
                let (s, v, _) = send(&app, admin(Request::get(format!("/v1/admin/reviews?{query}"))).body(Body::empty()).unwrap()).await;
                assert_eq!(s, StatusCode::OK, "{query}: {v}");
                v["items"].as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
            }
        };
        assert_eq!(list("rating=3").await.len(), 2);
        assert_eq!(list("product_id=kain-1").await.len(), 2);
        assert_eq!(list("q=faded").await, ["The colours FADED after one wash."], "any case");
        assert_eq!(list("q=50%25").await, ["Too small; the 50% off was not worth it."], "% taken literally");
        assert_eq!(list("q=ani").await, ["Nice cloth, slow delivery."], "the author too");
        assert_eq!(list("q=%25").await.len(), 1);
        assert_eq!(list("rating=3&product_id=kain-2").await.len(), 1);
        assert_eq!(list("status=rejected&spam=true").await, ["Best shop ever, visit my site"], "the spam queue");
        assert!(list("status=rejected&spam=false").await.is_empty());
        for (query, field) in [("rating=6", "rating"), ("q=", "q"), ("product_id=no%20such", "product_id")] {
            let (s, v, _) = send(&e.app, admin(Request::get(format!("/v1/admin/reviews?{query}"))).body(Body::empty()).unwrap()).await;
            assert_eq!((s, v["error"]["fields"][field].is_string()), (StatusCode::UNPROCESSABLE_ENTITY, true), "{query}: {v}");
        }

        // Two approved at once; with an id that does not exist, nothing changes.
        let (s, v, _) = send(&e.app, admin_post("/v1/admin/reviews/moderation", json!({"ids": [ids[0], 999_999], "action": "approve"}))).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
        assert_eq!(list("product_id=kain-1").await.len(), 2, "still both pending");
        let (s, v, _) = send(&e.app, admin_post("/v1/admin/reviews/moderation", json!({"ids": [ids[0], ids[2]], "action": "approve"}))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["items"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect::<Vec<_>>(), ["published", "published"]);
        let (_, v, _) = send(&e.app, get("/v1/products/kain-1/reviews")).await;
        assert_eq!((v["summary"]["count"].as_i64(), v["items"].as_array().unwrap().len()), (Some(1), 1));
        let (s, _, _) = send(&e.app, admin_post("/v1/admin/reviews/moderation", json!({"ids": [], "action": "approve"}))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

        // The spam restored: back in the queue, for a person to decide.
        let spam_id: i64 = sqlx::query_scalar("SELECT id FROM reviews WHERE spam IS NOT NULL").fetch_one(&e.db.pool).await.unwrap();
        let (s, v, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{spam_id}/moderation"), json!({"action": "restore"}))).await;
        assert_eq!((s, v["status"].as_str(), v["spam"].as_str()), (StatusCode::OK, Some("pending"), Some("too_fast")), "{v}");
        assert!(list("spam=true").await.contains(&"Best shop ever, visit my site".to_owned()));

        // A reply shows on the shop's page; deleted, it is gone.
        let (s, _, _) = send(&e.app, admin_post(&format!("/v1/admin/reviews/{}/reply", ids[0]), json!({"body": "Wash it cold, inside out."}))).await;
        assert_eq!(s, StatusCode::OK);
        let (_, v, _) = send(&e.app, get("/v1/products/kain-1/reviews")).await;
        assert_eq!(v["items"][0]["reply"]["body"], "Wash it cold, inside out.");
        let (s, v, _) = send(&e.app, admin(Request::delete(format!("/v1/admin/reviews/{}/reply", ids[0]))).body(Body::empty()).unwrap()).await;
        assert_eq!((s, &v["reply"]), (StatusCode::OK, &Value::Null), "{v}");
        let (_, v, _) = send(&e.app, get("/v1/products/kain-1/reviews")).await;
        assert_eq!(v["items"][0]["reply"], Value::Null);
        let (s, _, _) = send(&e.app, Request::delete(format!("/v1/admin/reviews/{}/reply", ids[0])).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
}

on_both_databases! {
    async fn reviews_written_per_week_with_their_mean_rating_and_the_totals_now(e: Env) {
        let day = |d: &str| retainkit_contract::admin::parse_day(d).unwrap() * 86_400 + 3_600;
        // 2026-11-16, -23 and -30 are Mondays; 2026-11-09 is before the range.
        for (rating, status, spam, d) in [
            (5, "published", None, "2026-11-09"),
            (4, "published", None, "2026-11-16"),
            (5, "published", None, "2026-11-18"),
            (2, "pending", None, "2026-11-19"),
            (1, "rejected", None, "2026-11-20"),
            (3, "rejected", Some("too_fast"), "2026-11-21"),
            (3, "published", None, "2026-11-30"),
            (4, "pending", None, "2026-11-30"),
        ] {
            sqlx::query(
                "INSERT INTO reviews (product_id, rating, body, author_name, status, spam, created_at) VALUES ('p-1', $1, 'text', 'Ann', $2, $3, $4)",
            )
            .bind(rating as i64)
            .bind(status)
            .bind(spam)
            .bind(day(d))
            .execute(&e.db.pool)
            .await
            .unwrap();
        }
        let (s, v, _) = send(&e.app, admin(Request::get("/v1/admin/reviews/activity?interval=week&from=2026-11-16&to=2026-11-30")).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["interval"].as_str(), v["from"].as_str(), v["to"].as_str()), (Some("week"), Some("2026-11-16"), Some("2026-11-30")));
        // The spam trap's catch is not written; the rejected one is, unpublished.
        assert_eq!(
            v["periods"],
            json!([
                {"start": "2026-11-16", "written": 4, "published": 2, "average": 4.5},
                {"start": "2026-11-23", "written": 0, "published": 0, "average": null},
                {"start": "2026-11-30", "written": 2, "published": 1, "average": 3.0},
            ])
        );
        assert_eq!(v["totals"], json!({"published": 4, "average": 4.25, "pending": 2, "spam": 1}));
        let (s, _, _) = send(&e.app, Request::get("/v1/admin/reviews/activity").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, v, _) = send(&e.app, admin(Request::get("/v1/admin/reviews/activity?interval=year")).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    }
}
