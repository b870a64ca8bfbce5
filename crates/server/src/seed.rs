//! Demo data (`RK_DEMO=1`): reviews in three languages, an NPS and a CSAT survey, an exit
//! offer and a loyalty program with three tiers, written once into an empty database.

use crate::db::{now, Db};
use crate::definitions::{self, Kind};
use crate::error::ApiError;
use crate::{loyalty, rewards, settings};
use retainkit_contract::admin::ReviewSettings;
use retainkit_contract::loyalty::Program;
use retainkit_contract::offers::OfferDefinition;
use retainkit_contract::survey::SurveyDefinition;
use serde::Deserialize;

const DEMO: &str = include_str!("../seed/demo.json");
const MARKER: &str = "seeded";

#[derive(Deserialize)]
struct Seed {
    review_settings: ReviewSettings,
    reviews: Vec<SeedReview>,
    surveys: Vec<SurveyDefinition>,
    offers: Vec<OfferDefinition>,
    loyalty_program: Program,
    customers: Vec<SeedCustomer>,
}

#[derive(Deserialize)]
struct SeedReview {
    product_id: String,
    rating: u8,
    title: Option<String>,
    body: String,
    author_name: String,
    locale: String,
    verified: bool,
    days_ago: i64,
    helpful: i64,
    #[serde(default)]
    reply: Option<String>,
}

#[derive(Deserialize)]
struct SeedCustomer {
    id: String,
    points: i64,
}

/// The demo data, checked against the contract's rules.
fn parse() -> Result<Seed, String> {
    let seed: Seed = serde_json::from_str(DEMO).map_err(|e| format!("seed/demo.json: {e}"))?;
    seed.review_settings.validate().map_err(|e| format!("review_settings: {e:?}"))?;
    seed.loyalty_program.validate().map_err(|e| format!("loyalty_program: {e:?}"))?;
    for s in &seed.surveys {
        s.validate().map_err(|e| format!("survey {}: {e:?}", s.id))?;
    }
    for o in &seed.offers {
        o.validate().map_err(|e| format!("offer {}: {e:?}", o.id))?;
    }
    Ok(seed)
}

/// Writes the demo data unless it was written before. Returns whether it wrote.
pub async fn demo(db: &Db) -> Result<bool, ApiError> {
    if settings::get::<bool>(db, MARKER, || false).await? {
        return Ok(false);
    }
    let seed = parse().map_err(ApiError::Internal)?;
    let t = now();
    let mut tx = db.begin().await?;
    for r in &seed.reviews {
        let at = t - r.days_ago * 86_400;
        sqlx::query(
            "INSERT INTO reviews (product_id, rating, title, body, author_name, locale, verified, status, helpful_count,
                                  reply_body, reply_at, created_at, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', $8, $9, $10, $11, $11)",
        )
        .bind(&r.product_id)
        .bind(r.rating as i64)
        .bind(r.title.clone())
        .bind(&r.body)
        .bind(&r.author_name)
        .bind(&r.locale)
        .bind(r.verified as i64)
        .bind(r.helpful)
        .bind(r.reply.clone())
        .bind(r.reply.as_ref().map(|_| at + 3600))
        .bind(at)
        .execute(&mut *tx)
        .await?;
        crate::reviews::store::count_published(&mut tx, &r.product_id, r.rating as i64, 1).await?;
    }
    for s in &seed.surveys {
        definitions::put(&mut tx, Kind::Survey, &s.id, s, false).await?;
    }
    for o in &seed.offers {
        definitions::put(&mut tx, Kind::Offer, &o.id, o, false).await?;
    }
    for c in &seed.customers {
        rewards::credit_points(&mut tx, &c.id, c.points, "signup", "demo").await?;
    }
    tx.commit().await?;
    settings::put(db, "reviews", &seed.review_settings).await?;
    settings::put(db, loyalty::PROGRAM_KEY, &Some(&seed.loyalty_program)).await?;
    settings::put(db, MARKER, &true).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_data_follows_the_contract() {
        let s = super::parse().unwrap();
        assert_eq!(s.loyalty_program.tiers.len(), 3);
        let kinds: Vec<_> = s.surveys.iter().map(|d| d.kind).collect();
        assert!(
            kinds.contains(&retainkit_contract::survey::SurveyKind::Nps) && kinds.contains(&retainkit_contract::survey::SurveyKind::Csat)
        );
        let langs: std::collections::BTreeSet<_> = s.reviews.iter().map(|r| r.locale.as_str()).collect();
        assert_eq!(langs.into_iter().collect::<Vec<_>>(), vec!["en", "id", "pl"]);
        assert_eq!(s.offers.len(), 1);
    }
}
