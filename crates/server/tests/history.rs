//! The demo's year of history (`RK_DEMO=1`), on SQLite and on PostgreSQL: every segment, tier,
//! chart and list of the merchant tools has something to show on first start.

mod common;

use axum::http::StatusCode;
use common::{admin, send, Env};
use retainkit_server::{history, seed};
use serde_json::Value;

async fn get(e: &Env, path: &str) -> Value {
    let (s, v, _) = send(&e.app, admin("GET", path, None)).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    v
}

on_both_databases! {
    async fn a_year_of_history_fills_every_segment_tier_and_chart(e: Env) {
        assert!(seed::demo(&e.db).await.unwrap());
        let w = history::seed(&e.db).await.unwrap().expect("written the first time");
        assert!(history::seed(&e.db).await.unwrap().is_none(), "only once");
        assert_eq!(w.customers, 700);
        assert!((2_000..4_000).contains(&w.orders), "a few thousand orders: {w:?}");

        let v = get(&e, "/v1/admin/segments").await;
        let empty: Vec<&str> = v["segments"].as_array().unwrap().iter().filter(|s| s["customers"] == 0).map(|s| s["segment"].as_str().unwrap()).collect();
        assert!(empty.is_empty(), "every segment has customers; empty: {empty:?} in {v}");

        let (_, _, csv) = common::send_text(&e.app, admin("GET", "/v1/admin/exports/members.csv", None)).await;
        for tier in ["bronze", "silver", "gold"] {
            assert!(csv.lines().filter(|l| l.split(',').nth(3) == Some(tier)).count() >= 20, "members in {tier}");
        }

        // NPS per month over the 12 months up to the end of last month (the history ends now
        // and began a year ago: the first month may be partly covered): every month answered,
        // the score better at the end.
        let today = retainkit_server::db::now().div_euclid(86_400);
        let (y, m, d) = retainkit_contract::admin::civil_from_days(today);
        let (y, m, d) = retainkit_contract::admin::civil_from_days(retainkit_contract::admin::days_from_civil(y, m, d) - d);
        let v = get(&e, &format!("/v1/admin/surveys/nps-demo/results?interval=month&to={y:04}-{m:02}-{d:02}")).await;
        let periods = v["periods"].as_array().unwrap();
        assert_eq!(periods.len(), 12, "{v}");
        assert!(periods[1..].iter().all(|p| p["responses"].as_u64().unwrap() > 50), "{v}");
        let score = |p: &Value| p["nps"]["score"].as_f64().unwrap();
        assert!(score(&periods[11]) > score(&periods[0]) + 10.0, "the year got better: {} → {}", score(&periods[0]), score(&periods[11]));
        // Comments in all three languages, the detractors' to read first.
        let v = get(&e, "/v1/admin/surveys/nps-demo/responses?category=detractor&with_comment=true&limit=100").await;
        let locales: std::collections::BTreeSet<&str> = v["items"].as_array().unwrap().iter().map(|r| r["locale"].as_str().unwrap()).collect();
        assert_eq!(locales.into_iter().collect::<Vec<_>>(), ["en", "id", "pl"]);

        let v = get(&e, "/v1/admin/offers/stay-10/funnel?interval=month").await;
        let conversions: u64 = v["periods"].as_array().unwrap().iter().map(|p| p["conversions"].as_u64().unwrap()).sum();
        assert!(conversions > 100, "{v}");
        assert!(get(&e, "/v1/admin/offers/stay-10/leads").await["items"].as_array().unwrap().len() == 50);
        // Reviews every month, better at the end; some of the last days' still waiting.
        assert!((100..250).contains(&w.reviews), "{w:?}");
        let v = get(&e, &format!("/v1/admin/reviews/activity?interval=month&to={y:04}-{m:02}-{d:02}")).await;
        let periods = v["periods"].as_array().unwrap();
        assert!(periods[1..].iter().all(|p| p["published"].as_u64().unwrap() > 3), "{v}");
        let first_half: f64 = periods[1..6].iter().map(|p| p["average"].as_f64().unwrap()).sum::<f64>() / 5.0;
        let second_half: f64 = periods[7..].iter().map(|p| p["average"].as_f64().unwrap()).sum::<f64>() / 5.0;
        assert!(second_half > first_half, "ratings got better: {first_half} → {second_half}");
        assert!(v["totals"]["pending"].as_u64().unwrap() > 0, "{v}");
        let csat = get(&e, "/v1/admin/surveys/csat-checkout/stats").await;
        assert!(csat["csat_satisfied_percent"].as_f64().unwrap() > 50.0, "{csat}");
    }
}
