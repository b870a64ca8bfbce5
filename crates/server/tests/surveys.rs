//! The survey endpoints, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{count, get, post, send};
use retainkit_server::AppState;
use serde_json::{json, Value};

use common::{admin_get, admin_put, define_nps};

fn csat_survey() -> Value {
    json!({"id": "csat-checkout", "kind": "csat", "question": {"en": "How was checkout?", "pl": "Jak poszła płatność?"},
           "display": {"triggers": [{"type": "page_view", "delay_seconds": 2}], "recontact": {"type": "once"},
                       "audience": {"urls": [{"match": "prefix", "value": "/checkout/"}]}, "placement": "bottom_left"}})
}

on_both_databases! {
async fn an_answer_is_stored_and_counted(e: Env) {
    define_nps(&e.app, "nps-home").await;
    define_nps(&e.app, "other").await;
        let (s, v, _) = send(&e.app, post("/v1/surveys/nps-home/responses", r#"{"score":9,"comment":"  Fast delivery  ","locale":"pl"}"#, None)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["score"], 9);
    assert_eq!(v["category"], "promoter");
    assert!(v["edit_token"].as_str().unwrap().len() >= 24);
    let (score, comment, locale): (i64, Option<String>, Option<String>) =
        sqlx::query_as("SELECT score, comment, locale FROM survey_responses WHERE id = $1").bind(v["id"].as_i64().unwrap()).fetch_one(&e.db.pool).await.unwrap();
    assert_eq!((score, comment.as_deref(), locale.as_deref()), (9, Some("Fast delivery"), Some("pl")));

    for score in [10, 7, 3, 0] {
        let (s, _, _) = send(&e.app, post("/v1/surveys/nps-home/responses", &format!(r#"{{"score":{score}}}"#), None)).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    // another survey does not count
    send(&e.app, post("/v1/surveys/other/responses", r#"{"score":0}"#, None)).await;
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-home/stats")).await;
    assert_eq!(s, StatusCode::OK);
    // promoters 9, 10; passive 7; detractors 3, 0 → (2 − 2) / 5 = 0
    assert_eq!((v["kind"].as_str(), v["responses"].as_i64(), v["nps"].as_i64()), (Some("nps"), Some(5), Some(0)));
    assert_eq!(v["per_day"].as_array().unwrap().len(), 1);
    assert_eq!(v["per_day"][0]["responses"], 5);
    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/empty/stats")).await;
    assert_eq!(v["nps"], Value::Null);
    let (s, _, _) = send(&e.app, get("/v1/admin/surveys/nps-home/stats")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "statistics are the shop's");
}

async fn bad_input_gets_422_with_field_names_and_stores_nothing(e: Env) {
    define_nps(&e.app, "nps").await;
        let long = "x".repeat(1001);
    let cases = [
        (r#"{"score":11}"#.to_owned(), "score", "out_of_range"),
        (r#"{"score":-1}"#.to_owned(), "score", "out_of_range"),
        (r#"{"score":"ten"}"#.to_owned(), "score", "invalid"),
        (r#"{"comment":"hi"}"#.to_owned(), "score", "required"),
        (format!(r#"{{"score":5,"comment":"{long}"}}"#), "comment", "too_long"),
    ];
    for (body, field, code) in cases {
        let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", &body, None)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(v["error"]["code"], "validation_failed");
        assert_eq!(v["error"]["fields"][field], code, "{v}");
    }
    let (s, v, _) = send(&e.app, post("/v1/surveys/bad%20id/responses", r#"{"score":1}"#, None)).await;
    assert_eq!((s, v["error"]["fields"]["survey_id"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    assert_eq!(count(&e.db, "survey_responses").await, 0);
}

async fn wrong_content_type_size_and_route_use_the_error_shape(e: Env) {
    define_nps(&e.app, "nps").await;
        let req = Request::post("/v1/surveys/nps/responses").header(header::CONTENT_TYPE, "text/plain").body(Body::from(r#"{"score":1}"#)).unwrap();
    let (s, v, _) = send(&e.app, req).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type")));
    let huge = format!(r#"{{"score":1,"comment":"{}"}}"#, "x".repeat(20_000));
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", &huge, None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large")));
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps/responses", "{not json", None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_json")));
    let (s, v, _) = send(&e.app, get("/v1/nothing/here")).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(count(&e.db, "survey_responses").await, 0);
}

async fn a_replayed_create_returns_the_first_answer_and_stores_one_row(e: Env) {
    define_nps(&e.app, "nps").await;
        let body = r#"{"score":9,"comment":"Great"}"#;
    let (s1, v1, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0001-abcdef"))).await;
    let (s2, v2, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0001-abcdef"))).await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(v1, v2);
    assert_eq!(count(&e.db, "survey_responses").await, 1);
    // same key, another body
    let (s3, v3, _) = send(&e.app, post("/v1/surveys/nps/responses", r#"{"score":2}"#, Some("rk-key-0001-abcdef"))).await;
    assert_eq!((s3, v3["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency_key_reused")));
    // a malformed key
    let (s4, v4, _) = send(&e.app, post("/v1/surveys/nps/responses", body, Some("x"))).await;
    assert_eq!((s4, v4["error"]["fields"]["Idempotency-Key"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    // a new key is a new answer
    send(&e.app, post("/v1/surveys/nps/responses", body, Some("rk-key-0002-abcdef"))).await;
    assert_eq!(count(&e.db, "survey_responses").await, 2);
}

async fn concurrent_retries_with_one_key_store_one_row(e: Env) {
    define_nps(&e.app, "nps").await;
        let body = r#"{"score":4}"#;
    let mut handles = Vec::new();
    for _ in 0..8 {
        let app = e.app.clone();
        handles.push(tokio::spawn(async move { send(&app, post("/v1/surveys/nps/responses", body, Some("rk-same-key-123456"))).await.0 }));
    }
    for h in handles {
        let s = h.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT || s == StatusCode::SERVICE_UNAVAILABLE, "{s}");
    }
    assert_eq!(count(&e.db, "survey_responses").await, 1);
}

async fn cors_answers_only_configured_origins(e: Env) {
        let cfg = retainkit_server::config::Config::from_lookup(|k| match k {
        "RK_ALLOWED_ORIGINS" => Some("https://shop.example".into()),
        "RK_WWW_DIR" | "RK_DIST_DIR" => Some(String::new()),
        _ => None,
    })
    .unwrap();
    let app = retainkit_server::app(AppState::new(e.db.clone(), cfg));
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/v1/surveys/nps/responses")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,idempotency-key")
            .body(Body::empty())
            .unwrap()
    };
    let (_, _, h) = send(&app, preflight("https://shop.example")).await;
    assert_eq!(h.get("access-control-allow-origin").unwrap(), "https://shop.example");
    let allowed = h.get("access-control-allow-headers").unwrap().to_str().unwrap().to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let (_, _, h) = send(&app, preflight("https://evil.example")).await;
    assert!(h.get("access-control-allow-origin").is_none());
    let (s, v, _) = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!((s, v), (StatusCode::OK, Value::String("ok".into())));
}

async fn definitions_kinds_follow_up_and_active_surveys(e: Env) {
    let (s, v, _) = send(&e.app, admin_put("/v1/admin/surveys/csat-checkout", csat_survey())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let choice = json!({"id": "why-leave", "kind": "single_choice", "question": {"en": "Why are you leaving?"},
        "choices": [{"id": "price", "label": {"en": "Price"}}, {"id": "shipping", "label": {"en": "Shipping"}}],
        "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "until_done"}}});
    assert_eq!(send(&e.app, admin_put("/v1/admin/surveys/why-leave", choice)).await.0, StatusCode::OK);
    let mut bad = csat_survey();
    bad["display"]["sample_percent"] = json!(0);
    let (s, v, _) = send(&e.app, admin_put("/v1/admin/surveys/csat-checkout", bad)).await;
    assert_eq!((s, v["error"]["fields"]["display.sample_percent"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_range")));

    // One definition by id; an unknown one is a 404.
    let (s, v, _) = send(&e.app, get("/v1/surveys/csat-checkout")).await;
    assert_eq!((s, v["kind"].as_str()), (StatusCode::OK, Some("csat")));
    assert_eq!(send(&e.app, get("/v1/surveys/no-such-survey")).await.0, StatusCode::NOT_FOUND);

    // Active surveys follow the URL rules.
    let (_, v, _) = send(&e.app, get("/v1/surveys/active?url=/checkout/pay&locale=pl")).await;
    let ids: Vec<&str> = v["surveys"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["csat-checkout", "why-leave"]);
    let (_, v, _) = send(&e.app, get("/v1/surveys/active?url=/products/x")).await;
    assert_eq!(v["surveys"].as_array().unwrap().len(), 1);

    // CSAT is 1–5; a choice must be one of the survey's.
    let (s, v, _) = send(&e.app, post("/v1/surveys/csat-checkout/responses", r#"{"score":0}"#, None)).await;
    assert_eq!((s, v["error"]["fields"]["score"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_range")));
    for score in [5, 4, 2] {
        assert_eq!(send(&e.app, post("/v1/surveys/csat-checkout/responses", &format!(r#"{{"score":{score}}}"#), None)).await.0, StatusCode::CREATED);
    }
    let (s, v, _) = send(&e.app, post("/v1/surveys/why-leave/responses", r#"{"choice":"gifts"}"#, None)).await;
    assert_eq!((s, v["error"]["fields"]["choice"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    assert_eq!(send(&e.app, post("/v1/surveys/why-leave/responses", r#"{"choice":"shipping"}"#, None)).await.0, StatusCode::CREATED);

    // An unknown survey takes no answers and no displays.
    let (s, v, _) = send(&e.app, post("/v1/surveys/nps-q4/responses", r#"{"score":3}"#, None)).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("survey_not_found")));
    assert_eq!(send(&e.app, post("/v1/surveys/nps-q4/displays", r#"{"visitor_id":"v-9","page":"/"}"#, None)).await.0, StatusCode::NOT_FOUND);
    define_nps(&e.app, "nps-q4").await;

    // A display, then the score at once and the follow-up later.
    let (s, d, _) = send(&e.app, post("/v1/surveys/nps-q4/displays", r#"{"visitor_id":"v-9","page":"/"}"#, None)).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, r, _) = send(&e.app, post("/v1/surveys/nps-q4/responses", &json!({"score": 3, "display_id": d["id"]}).to_string(), None)).await;
    let (id, token) = (r["id"].as_i64().unwrap(), r["edit_token"].as_str().unwrap().to_owned());
    let patch = |t: &str| Request::patch(format!("/v1/surveys/nps-q4/responses/{id}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"edit_token": t, "comment": "Delivery took two weeks"}).to_string())).unwrap();
    assert_eq!(send(&e.app, patch("not-the-token")).await.0, StatusCode::NOT_FOUND);
    let (s, v, _) = send(&e.app, patch(&token)).await;
    assert_eq!((s, v["category"].as_str()), (StatusCode::OK, Some("detractor")));
    let c: Option<String> = sqlx::query_scalar("SELECT comment FROM survey_responses WHERE id = $1").bind(id).fetch_one(&e.db.pool).await.unwrap();
    assert_eq!(c.as_deref(), Some("Delivery took two weeks"));

    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/csat-checkout/stats")).await;
    assert_eq!((v["kind"].as_str(), v["csat_satisfied_percent"].as_f64(), v["nps"].clone()), (Some("csat"), Some(66.7), Value::Null));
    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/why-leave/stats")).await;
    assert_eq!(v["counts"], json!([{"answer": "shipping", "count": 1}]));
    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-q4/stats")).await;
    assert_eq!((v["displays"].as_i64(), v["nps"].as_i64()), (Some(1), Some(-100)));
}
}

on_both_databases! {
async fn the_shop_reads_back_and_lists_its_surveys_and_offers_a_page_at_a_time(e: Env) {
    // Read back what was written, as it was written.
    let (s, _, _) = send(&e.app, admin_put("/v1/admin/surveys/csat-checkout", csat_survey())).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/csat-checkout")).await;
    assert_eq!((s, v["question"]["pl"].as_str(), v["display"]["placement"].as_str()), (StatusCode::OK, Some("Jak poszła płatność?"), Some("bottom_left")));
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/no-such-survey")).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(send(&e.app, get("/v1/admin/surveys/csat-checkout")).await.0, StatusCode::UNAUTHORIZED, "admin only");

    // Seven surveys, listed three at a time in the order of their ids: every one once.
    for id in ["s-a", "s-b", "s-c", "s-d", "s-e", "s-f"] {
        define_nps(&e.app, id).await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor { Some(c) => format!("/v1/admin/surveys?limit=3&cursor={c}"), None => "/v1/admin/surveys?limit=3".to_owned() };
        let (s, v, _) = send(&e.app, admin_get(&path)).await;
        assert_eq!(s, StatusCode::OK);
        let items = v["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        match v["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["csat-checkout", "s-a", "s-b", "s-c", "s-d", "s-e", "s-f"]);
    assert_eq!(send(&e.app, get("/v1/admin/surveys")).await.0, StatusCode::UNAUTHORIZED, "admin only");

    // Offers alike.
    let offer = json!({"id": "stay", "headline": {"en": "Wait!"}, "body": {"en": "Take 10% off."},
                       "code": {"type": "fixed", "code": "STAY10"},
                       "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "once"}, "placement": "center"}});
    let (s, v, _) = send(&e.app, admin_put("/v1/admin/offers/stay", offer.clone())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/offers/stay")).await;
    assert_eq!((s, v["headline"]["en"].as_str()), (StatusCode::OK, Some("Wait!")));
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/offers")).await;
    assert_eq!((s, v["items"].as_array().map(|a| a.len()), v["next_cursor"].clone()), (StatusCode::OK, Some(1), Value::Null));
    assert_eq!(send(&e.app, admin_get("/v1/admin/offers/gone")).await.0, StatusCode::NOT_FOUND);
}
}

on_both_databases! {
async fn the_shop_reads_the_answers_and_their_comments_filtered_and_a_page_at_a_time(e: Env) {
    define_nps(&e.app, "nps-why").await;
    // Ten answers: scores 0..9, a comment on every other one, half on /checkout pages.
    for n in 0..10u8 {
        let mut body = json!({"score": n, "page": if n % 2 == 0 { "/checkout/pay" } else { "/products/batik" }});
        if n % 2 == 1 {
            body["comment"] = json!(format!("reason {n}"));
        }
        let (s, _, _) = send(&e.app, post("/v1/surveys/nps-why/responses", &body.to_string(), None)).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    // Spread over ten days: answer n on day n.
    sqlx::query("UPDATE survey_responses SET created_at = 1700000000 + score * 86400 WHERE survey_id = 'nps-why'")
        .execute(&e.db.pool)
        .await
        .unwrap();
    let scores = |v: &Value| v["items"].as_array().unwrap_or_else(|| panic!("{v}")).iter().map(|i| i["score"].as_i64().unwrap()).collect::<Vec<_>>();

    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-why/responses")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(scores(&v), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], "newest first");
    assert_eq!(v["items"][0]["comment"], "reason 9");
    assert_eq!(v["items"][0]["category"], "promoter");

    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-why/responses?category=detractor&with_comment=true")).await;
    assert_eq!(scores(&v), [5, 3, 1], "detractors who said why");
    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-why/responses?page=/checkout&from=1700172800&to=1700518400")).await;
    assert_eq!(scores(&v), [4, 2], "on checkout pages, days 2 to 5");

    // Pages of three, each answer once.
    let mut all = Vec::new();
    let mut path = "/v1/admin/surveys/nps-why/responses?limit=3".to_owned();
    loop {
        let (_, v, _) = send(&e.app, admin_get(&path)).await;
        all.extend(scores(&v));
        match v["next_cursor"].as_str() {
            Some(c) => path = format!("/v1/admin/surveys/nps-why/responses?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(all, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);

    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-why/responses?cursor=nonsense")).await;
    assert_eq!((s, v["error"]["fields"]["cursor"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")));
    assert_eq!(send(&e.app, get("/v1/admin/surveys/nps-why/responses")).await.0, StatusCode::UNAUTHORIZED);
}
}

on_both_databases! {
async fn results_per_week_month_and_day_with_confidence_intervals(e: Env) {
    define_nps(&e.app, "nps-weeks").await;
    let (s, v, _) = send(&e.app, admin_put("/v1/admin/surveys/csat-checkout", csat_survey())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // A fixed data set in the daily counts (2026-11-16 and -23 and -30 are Mondays).
    for (survey, day, answer, n) in [
        ("nps-weeks", "2026-11-10", "10", 100),
        ("nps-weeks", "2026-11-17", "10", 5),
        ("nps-weeks", "2026-11-17", "9", 3),
        ("nps-weeks", "2026-11-17", "7", 2),
        ("nps-weeks", "2026-11-17", "3", 2),
        ("nps-weeks", "2026-11-22", "0", 1),
        ("nps-weeks", "2026-11-30", "8", 4),
        ("csat-checkout", "2026-11-30", "5", 3),
        ("csat-checkout", "2026-11-30", "4", 1),
        ("csat-checkout", "2026-11-30", "2", 1),
    ] {
        sqlx::query("INSERT INTO survey_daily (survey_id, day, answer, count) VALUES ($1, $2, $3, $4)")
            .bind(survey)
            .bind(retainkit_contract::admin::parse_day(day).unwrap())
            .bind(answer)
            .bind(n as i64)
            .execute(&e.db.pool)
            .await
            .unwrap();
    }
    let (s, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-weeks/results?interval=week&from=2026-11-18&to=2026-11-30")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["kind"].as_str(), v["interval"].as_str(), v["from"].as_str(), v["to"].as_str()), (Some("nps"), Some("week"), Some("2026-11-16"), Some("2026-11-30")));
    let p = v["periods"].as_array().unwrap();
    assert_eq!(p.iter().map(|p| p["start"].as_str().unwrap()).collect::<Vec<_>>(), ["2026-11-16", "2026-11-23", "2026-11-30"]);
    // 8 promoters, 2 passives, 3 detractors: 38.5, adjusted-Wald interval −9.3..71.8.
    assert_eq!(p[0]["responses"], 13);
    assert_eq!(p[0]["nps"], json!({"score": 38.5, "promoters": 8, "passives": 2, "detractors": 3, "ci_low": -9.3, "ci_high": 71.8}));
    assert_eq!(p[0]["counts"][0], json!({"answer": "10", "count": 5}));
    assert_eq!((p[1]["responses"].as_i64(), &p[1]["nps"]), (Some(0), &Value::Null), "a week without answers is there, without a score");
    assert_eq!(p[2]["nps"], json!({"score": 0.0, "promoters": 0, "passives": 4, "detractors": 0, "ci_low": -34.3, "ci_high": 34.3}));

    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-weeks/results?interval=month&from=2026-10-05&to=2026-11-30")).await;
    let p = v["periods"].as_array().unwrap();
    assert_eq!((p.len(), p[0]["start"].as_str(), p[0]["responses"].as_i64()), (2, Some("2026-10-01"), Some(0)));
    assert_eq!((p[1]["start"].as_str(), p[1]["responses"].as_i64(), p[1]["nps"]["score"].as_f64()), (Some("2026-11-01"), Some(117), Some(89.7)));

    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-weeks/results?interval=day&from=2026-11-22&to=2026-11-23")).await;
    assert_eq!(v["periods"].as_array().unwrap().iter().map(|p| p["responses"].as_i64().unwrap()).collect::<Vec<_>>(), [1, 0]);

    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/csat-checkout/results?from=2026-11-30&to=2026-11-30")).await;
    assert_eq!(v["periods"][0]["csat"], json!({"satisfied_percent": 80.0, "ci_low": 37.6, "ci_high": 96.4, "mean": 4.2}));
    assert_eq!(v["periods"][0]["nps"], Value::Null);

    // By default: 12 weeks up to today, today's answers in the last one.
    send(&e.app, post("/v1/surveys/nps-weeks/responses", r#"{"score":10}"#, None)).await;
    let (_, v, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-weeks/results")).await;
    let p = v["periods"].as_array().unwrap();
    assert_eq!((p.len(), p[11]["nps"]["promoters"].as_i64().map(|n| n >= 1)), (12, Some(true)));

    for (query, field, code) in [
        ("from=2026-11-30&to=2026-11-01", "from", "out_of_range"),
        ("to=2026-02-30", "to", "invalid"),
        ("interval=day&from=2025-01-01&to=2026-11-30", "from", "out_of_range"),
    ] {
        let (s, v, _) = send(&e.app, admin_get(&format!("/v1/admin/surveys/nps-weeks/results?{query}"))).await;
        assert_eq!((s, v["error"]["fields"][field].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{query}: {v}");
    }
    let (s, _, _) = send(&e.app, admin_get("/v1/admin/surveys/nps-weeks/results?interval=year")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _, _) = send(&e.app, get("/v1/admin/surveys/nps-weeks/results")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
}
