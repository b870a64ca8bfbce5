//! CSV exports, on SQLite and on PostgreSQL: parsed back, they hold what the database holds;
//! a cell a spreadsheet would run is text; a table longer than a page comes whole.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{admin, admin_get, define_nps, post, send, Env};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// RFC 4180 records (quoted cells, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the file ends with CRLF: …{}", &text[text.len().saturating_sub(300)..]);
    rows
}

async fn download(e: &Env, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = e.app.clone().oneshot(admin_get(path)).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

on_both_databases! {
    async fn answers_and_leads_come_back_as_rfc_4180_csv(e: Env) {
        define_nps(&e.app, "nps-csv").await;
        define_nps(&e.app, "nps-other").await;
        for (score, comment) in [(9, "Fast, friendly; \"great\" packaging\nwould buy again"), (2, "=HYPERLINK(\"http://evil.example\",\"click\")"), (7, "Zażółć gęślą jaźń")] {
            let body = serde_json::json!({"score": score, "comment": comment, "locale": "pl"}).to_string();
            let (s, v, _) = send(&e.app, post("/v1/surveys/nps-csv/responses", &body, None)).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
        }
        send(&e.app, post("/v1/surveys/nps-other/responses", r#"{"score":10}"#, None)).await;

        let (s, h, text) = download(&e, "/v1/admin/exports/responses.csv?survey_id=nps-csv").await;
        assert_eq!(s, StatusCode::OK, "{text}");
        assert_eq!(h[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(h[header::CONTENT_DISPOSITION].to_str().unwrap().contains("retainkit-responses.csv"));
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["id", "survey_id", "created_at", "score", "category", "choice", "text", "comment", "locale", "page"]);
        let body: Vec<(String, String, String)> = rows[1..].iter().map(|r| (r[3].clone(), r[4].clone(), r[7].clone())).collect();
        assert_eq!(
            body,
            [
                ("9".into(), "promoter".into(), "Fast, friendly; \"great\" packaging\nwould buy again".into()),
                ("2".into(), "detractor".into(), "'=HYPERLINK(\"http://evil.example\",\"click\")".into()),
                ("7".into(), "passive".into(), "Zażółć gęślą jaźń".into()),
            ],
            "the formula is text (a leading '), the rest as written"
        );
        assert!(rows[1][2].ends_with('Z') && rows[1][2].len() == 20, "ISO 8601 time: {}", rows[1][2]);
        let (_, _, all) = download(&e, "/v1/admin/exports/responses.csv").await;
        assert_eq!(parse_csv(&all).len(), 5, "every survey without the filter");

        // Longer than a page (1,000 rows): every lead once, in order.
        for i in 0..1_005 {
            sqlx::query("INSERT INTO leads (offer_id, email, consent, consented_at, visitor_id, created_at) VALUES ('stay', $1, 1, $2, 'v', $2)")
                .bind(format!("shopper{i}@example.com"))
                .bind(1_796_000_000 + i as i64)
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        let (s, _, text) = download(&e, "/v1/admin/exports/leads.csv?offer_id=stay").await;
        assert_eq!(s, StatusCode::OK);
        let rows = parse_csv(&text);
        assert_eq!(rows.len(), 1 + 1_005);
        assert_eq!((rows[1][2].as_str(), rows[1_005][2].as_str()), ("shopper0@example.com", "shopper1004@example.com"));
        let ids: Vec<i64> = rows[1..].iter().map(|r| r[0].parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "each once, in order");

        let (s, _, _) = download(&e, "/v1/admin/exports/reviews.csv").await;
        assert_eq!(s, StatusCode::OK);
        let (s, _, _) = download(&e, "/v1/admin/exports/passwords.csv").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _, _) = download(&e, "/v1/admin/exports/leads.csv?offer_id=not%20an%20id").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let res = e.app.clone().oneshot(Request::get("/v1/admin/exports/leads.csv").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
}

on_both_databases! {
    async fn members_their_ledger_and_segments_come_back_as_csv(e: Env) {
        let (s, v, _) = send(&e.app, admin("PUT", "/v1/admin/loyalty/program", Some(common::loyalty_program()))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        // More members than a page (1,000), keyed by text: each once, in order.
        for i in 0..1_002 {
            sqlx::query("INSERT INTO loyalty_accounts (customer_id, balance, lifetime, created_at) VALUES ($1, $2, $2, 1796000000)")
                .bind(format!("m-{i:04}"))
                .bind(i as i64)
                .execute(&e.db.pool)
                .await
                .unwrap();
        }
        let award = |c: &str, points: i64, note: &str| {
            admin("POST", "/v1/admin/loyalty/awards", Some(serde_json::json!({"customer_id": c, "points": points, "reason": {"type": "manual", "note": note}})))
        };
        assert_eq!(send(&e.app, award("m-0400", 5, "=1+1 sorry")).await.0, StatusCode::CREATED);
        let order = serde_json::json!({"customer_id": "m-0400", "points": 20, "reason": {"type": "purchase", "order_id": "o-1", "amount": 2_500}});
        assert_eq!(send(&e.app, admin("POST", "/v1/admin/loyalty/awards", Some(order))).await.0, StatusCode::CREATED);

        let (s, _, text) = download(&e, "/v1/admin/exports/members.csv").await;
        assert_eq!(s, StatusCode::OK);
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["customer_id", "balance", "lifetime", "tier", "last_activity", "created_at"]);
        assert_eq!(rows.len(), 1 + 1_002);
        assert!(rows[1..].windows(2).all(|w| w[0][0] < w[1][0]), "each once, in order");
        let m = &rows[401];
        assert_eq!((m[0].as_str(), m[1].as_str(), m[2].as_str(), m[3].as_str()), ("m-0400", "425", "425", "silver"));
        assert!(m[4].ends_with('Z'), "last activity: {m:?}");
        assert_eq!((rows[1][3].as_str(), rows[1][4].as_str(), rows[1_002][3].as_str()), ("bronze", "", "gold"));

        let (_, _, text) = download(&e, "/v1/admin/exports/ledger.csv?customer_id=m-0400").await;
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["id", "customer_id", "delta", "reason", "reference", "coupon", "note", "created_at"]);
        let got: Vec<(&str, &str, &str, &str)> = rows[1..].iter().map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str(), r[6].as_str())).collect();
        assert_eq!(got, [("5", "manual", "", "'=1+1 sorry"), ("20", "purchase", "o-1", "")]);

        // The purchase award kept its order: the customer is scored.
        let (_, _, text) = download(&e, "/v1/admin/exports/segments.csv").await;
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["customer_id", "segment", "recency", "frequency", "monetary", "orders", "spent", "last_order_at"]);
        assert_eq!(rows[1][..7], ["m-0400", "new", "3", "3", "3", "1", "2500"]);
        assert_eq!(rows.len(), 2);
    }
}
