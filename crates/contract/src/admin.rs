//! What only the shop's staff send and read (`/v1/admin/…`): moderation, review settings,
//! statistics, point awards. A backend must speak these for the merchant tools; the widgets
//! never use them.

use crate::offers::OfferDefinition;
use crate::reviews::{Review, ReviewStatus, REPLY_MAX};
use crate::survey::{NpsCategory, SurveyDefinition, SurveyKind};
use crate::{check_text, done, is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

// Reviews

/// A review as the shop's staff sees it in the moderation queue (with the e-mail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminReview {
    #[serde(flatten)]
    pub review: Review,
    pub status: ReviewStatus,
    pub email: Option<String>,
    /// The spam trap that caught it (`honeypot`, `too_fast`): stored as `rejected`, kept for
    /// the shop to look at and publish if a person wrote it.
    #[serde(default)]
    pub spam: Option<String>,
}

/// Query of the moderation queue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AdminReviewQuery {
    /// Default `pending`.
    #[serde(default)]
    pub status: Option<ReviewStatus>,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub limit: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminReviewPage {
    pub items: Vec<AdminReview>,
    pub next_cursor: Option<String>,
}

// The admin lists (definitions, answers, leads, members, ledgers)

/// Query of an admin list: keyset pages, each at most `limit` long.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PageQuery {
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    #[serde(default)]
    pub limit: Option<u8>,
}

// A survey's answers, with their comments

/// Query of a survey's answers, newest first. Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ResponseQuery {
    /// Only this NPS group.
    #[serde(default)]
    pub category: Option<NpsCategory>,
    /// From this time on (Unix seconds, inclusive).
    #[serde(default)]
    pub from: Option<i64>,
    /// Before this time (Unix seconds, exclusive).
    #[serde(default)]
    pub to: Option<i64>,
    /// Only answers given on pages whose path starts with this (`/checkout`).
    #[serde(default)]
    pub page: Option<String>,
    /// Only answers with a comment (the "why").
    #[serde(default)]
    pub with_comment: Option<bool>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    #[serde(default)]
    pub limit: Option<u8>,
}

/// One answer as the shop reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminResponse {
    pub id: i64,
    /// 0–10 (NPS), 1–5 (CSAT); none for a choice or a text.
    pub score: Option<u8>,
    pub category: Option<NpsCategory>,
    pub choice: Option<String>,
    pub text: Option<String>,
    /// The follow-up: why the shopper gave that score.
    pub comment: Option<String>,
    pub locale: Option<String>,
    /// The page it was given on (path and query).
    pub page: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminResponsePage {
    pub items: Vec<AdminResponse>,
    pub next_cursor: Option<String>,
}

// Leads (e-mail addresses given with the exit offer)

/// An e-mail address a shopper gave, with when they consented to offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLead {
    pub id: i64,
    pub email: String,
    /// Unix seconds of the consent (the shopper ticked the box).
    pub consented_at: i64,
    pub locale: Option<String>,
    pub page: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLeadPage {
    pub items: Vec<AdminLead>,
    pub next_cursor: Option<String>,
}

// Loyalty members

/// A member of the loyalty program as the shop sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminMember {
    pub customer_id: String,
    pub balance: i64,
    /// Points earned in all (what tiers count).
    pub lifetime: i64,
    /// The member's tier (its id), if the program has tiers and one is reached.
    pub tier: Option<String>,
    /// Unix seconds of the last ledger entry (earning or spending).
    pub last_activity: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminMemberPage {
    pub items: Vec<AdminMember>,
    pub next_cursor: Option<String>,
}

/// A member's ledger, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLedgerPage {
    pub items: Vec<crate::loyalty::LedgerEntry>,
    pub next_cursor: Option<String>,
}

// Definitions (surveys, offers), read back and listed

/// A page of the shop's surveys, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyDefinitionPage {
    pub items: Vec<SurveyDefinition>,
    pub next_cursor: Option<String>,
}

/// A page of the shop's offers, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferDefinitionPage {
    pub items: Vec<OfferDefinition>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    Approve,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moderation {
    pub action: ModerationAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyCreate {
    pub body: String,
}

impl ReplyCreate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if self.body.trim().is_empty() {
            f.insert("body".into(), FieldError::Required);
        }
        check_text(&mut f, "body", Some(&self.body), REPLY_MAX);
        done(f)
    }
}

/// The shop's rules for new reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewSettings {
    /// Reviews with at least this many stars are published at once; the rest wait for a
    /// moderator. `None`: every review waits.
    pub auto_publish_min_rating: Option<u8>,
    /// Loyalty points a published review earns (0: none).
    pub reward_points: i64,
    /// Instead of points: a one-time discount code, e.g. 10 (% off).
    pub reward_coupon_percent: Option<u8>,
}

impl Default for ReviewSettings {
    /// Four and five stars are published at once, the rest wait; no reward.
    fn default() -> Self {
        ReviewSettings { auto_publish_min_rating: Some(4), reward_points: 0, reward_coupon_percent: None }
    }
}

impl ReviewSettings {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if matches!(self.auto_publish_min_rating, Some(r) if !(1..=5).contains(&r)) {
            f.insert("auto_publish_min_rating".into(), FieldError::OutOfRange);
        }
        if !(0..=1_000_000).contains(&self.reward_points) {
            f.insert("reward_points".into(), FieldError::OutOfRange);
        }
        if matches!(self.reward_coupon_percent, Some(p) if !(1..=100).contains(&p)) {
            f.insert("reward_coupon_percent".into(), FieldError::OutOfRange);
        }
        done(f)
    }
}

// Surveys

/// A survey's results for the shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyStats {
    pub survey_id: String,
    pub kind: SurveyKind,
    pub responses: u64,
    pub displays: u64,
    /// NPS surveys: −100..=+100.
    pub nps: Option<i32>,
    /// CSAT surveys: share of 4 and 5 answers, percent.
    pub csat_satisfied_percent: Option<f64>,
    /// Answers per value (score, choice id), most first.
    pub counts: Vec<AnswerCount>,
    /// Responses per day (UTC), oldest first.
    pub per_day: Vec<DayCount>,
}

/// Net Promoter Score: % promoters − % detractors, rounded half away from zero.
pub fn nps_score(promoters: u64, passives: u64, detractors: u64) -> Option<i32> {
    let total = (promoters + passives + detractors) as i128;
    if total == 0 {
        return None;
    }
    let diff = (promoters as i128 - detractors as i128) * 100;
    // Round half away from zero in integer arithmetic.
    let rounded = if diff >= 0 { (2 * diff + total) / (2 * total) } else { -((-2 * diff + total) / (2 * total)) };
    Some(rounded as i32)
}

/// A count of one answer value (`"9"`, `"fast_delivery"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerCount {
    pub answer: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCount {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub responses: u64,
}

/// CSAT: share of 4 and 5 answers, in percent rounded to one decimal.
pub fn csat_satisfied_percent(counts_1_to_5: [u64; 5]) -> Option<f64> {
    let total: u64 = counts_1_to_5.iter().sum();
    (total > 0).then(|| (((counts_1_to_5[3] + counts_1_to_5[4]) as f64 / total as f64) * 1000.0).round() / 10.0)
}

// Exit offers

/// Counts of one offer's events and leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferStats {
    pub offer_id: String,
    pub impressions: u64,
    pub dismissals: u64,
    pub copies: u64,
    pub conversions: u64,
    pub leads: u64,
}

// Loyalty

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AwardReason {
    /// An order: points are computed by the purchase rule unless given.
    Purchase {
        order_id: String,
        amount: i64,
    },
    Manual {
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AwardPoints {
    pub customer_id: String,
    #[serde(default)]
    pub points: Option<i64>,
    pub reason: AwardReason,
}

impl AwardPoints {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !is_valid_id(&self.customer_id) {
            f.insert("customer_id".into(), FieldError::Invalid);
        }
        if matches!(self.points, Some(p) if p == 0 || p.abs() > 1_000_000) {
            f.insert("points".into(), FieldError::OutOfRange);
        }
        match &self.reason {
            AwardReason::Purchase { order_id, amount } => {
                if !is_valid_id(order_id) {
                    f.insert("reason.order_id".into(), FieldError::Invalid);
                }
                if *amount <= 0 {
                    f.insert("reason.amount".into(), FieldError::OutOfRange);
                }
            }
            AwardReason::Manual { note } => {
                if note.trim().is_empty() {
                    f.insert("reason.note".into(), FieldError::Required);
                }
                check_text(&mut f, "reason.note", Some(note), 200);
            }
        }
        crate::done(f)
    }
}
