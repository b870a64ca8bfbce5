//! The OpenAPI 3.1 document, generated from the contract's types and the handlers'
//! annotations, with the paths of the routes as `crate::routes` declares them. `retainkit-server openapi` prints it; `openapi.json` at the repository root
//! is that output, and a test fails when the two differ.

use retainkit_contract as c;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "RetainKit backend contract",
        description = "The HTTP/JSON contract between RetainKit's widgets and any backend. \
            Every error has the shape {\"error\":{\"code\",\"message\",\"fields\"}}; creates accept an Idempotency-Key.",
        version = "1.0.0",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&Security),
    components(schemas(
        c::ErrorBody, c::ErrorDetail, c::FieldError,
        c::SurveyAnswer, c::ResponseCreated, c::NpsCategory, c::survey::ResponsePatch, c::admin::SurveyStats,
        c::survey::DisplayCreate, c::survey::DisplayRecorded,
        c::survey::SurveyKind, c::survey::SurveyDefinition, c::survey::ActiveSurveys, c::survey::Display,
        c::survey::Trigger, c::survey::UrlRule, c::survey::Audience, c::survey::Recontact, c::survey::Placement,
        c::survey::Choice, c::survey::FollowUp, c::admin::AnswerCount, c::admin::DayCount,
        c::reviews::Review, c::reviews::ReviewPage, c::reviews::RatingSummary, c::reviews::Summaries,
        c::reviews::ReviewCreate, c::reviews::ReviewCreated, c::reviews::ReviewStatus, c::reviews::Reward,
        c::reviews::Photo, c::reviews::PhotoUploaded, c::reviews::MerchantReply, c::reviews::HelpfulVote,
        c::reviews::VoteResult, c::admin::AdminReview, c::admin::Moderation, c::admin::ModerationAction,
        c::admin::ReplyCreate, c::admin::ReviewSettings, c::reviews::ReviewSort, c::admin::AdminReviewPage,
        c::offers::ExitOffer, c::offers::ActiveOffer, c::offers::OfferCode, c::offers::OfferEvent,
        c::offers::OfferEventKind, c::offers::LeadCreate, c::offers::LeadCreated, c::offers::OfferDefinition, c::admin::OfferStats,
        c::loyalty::Program, c::loyalty::Tier, c::loyalty::EarnRule, c::loyalty::EarnKind, c::loyalty::RewardOffer,
        c::loyalty::Discount, c::loyalty::Customer, c::loyalty::TierProgress, c::loyalty::LedgerEntry,
        c::loyalty::RedeemRequest, c::loyalty::Redeemed, c::admin::AwardPoints, c::admin::AwardReason,
        c::loyalty::DemoToken,
    )),
    tags(
        (name = "surveys", description = "NPS and CSAT micro-surveys"),
        (name = "reviews", description = "Product reviews"),
        (name = "offers", description = "Exit-intent offers"),
        (name = "loyalty", description = "Points, tiers and rewards"),
        (name = "segments", description = "Orders and RFM segments"),
        (name = "console", description = "Sessions of the merchant console (cookie + CSRF token)"),
        (name = "webhooks", description = "Events sent to the shop's endpoints, signed, from a durable outbox"),
    )
)]
pub struct ApiDoc;

/// The two ways of calling: the shop's admin key, and a customer's signed token.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "admin_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("RK_ADMIN_KEY")).build()),
        );
        c.add_security_scheme(
            "customer_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "HS256, signed by the shop's server with RK_TOKEN_SECRET; sub = customer id, aud = retainkit, at most 15 minutes",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as committed: pretty JSON with a final newline. Its paths are the routes
/// the server serves (`crate::routes`).
pub fn json() -> String {
    let (_, doc) = crate::routes().split_for_parts();
    let mut s = doc.to_pretty_json().expect("the OpenAPI document serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_openapi_json_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.json");
        let generated = super::json();
        if std::env::var_os("RK_UPDATE_OPENAPI").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "openapi.json is not what the contract generates; run `RK_UPDATE_OPENAPI=1 cargo test -p retainkit-server openapi` and commit it"
        );
        assert!(generated.contains("\"openapi\": \"3.1.0\""));
    }

    /// Generated clients name their functions after `operationId`s: two operations with one
    /// id make one of them unreachable (or the generator refuses the document).
    #[test]
    fn operation_ids_are_unique() {
        let doc: serde_json::Value = serde_json::from_str(&super::json()).unwrap();
        let mut ids: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| op.get("operationId").and_then(|v| v.as_str()))
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "operationIds used twice");
    }
}
