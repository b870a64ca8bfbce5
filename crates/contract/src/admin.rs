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
    /// Only this many stars (1–5).
    #[serde(default)]
    pub rating: Option<u8>,
    /// Only this product's reviews.
    #[serde(default)]
    pub product_id: Option<String>,
    /// Only reviews whose title, text or author contains this (any case), 1–100 characters.
    #[serde(default)]
    pub q: Option<String>,
    /// `true`: only what the spam traps caught (with `status=rejected`: the spam queue);
    /// `false`: nothing they caught.
    #[serde(default)]
    pub spam: Option<bool>,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub limit: Option<u8>,
}

impl AdminReviewQuery {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if self.rating.is_some_and(|r| !(1..=5).contains(&r)) {
            f.insert("rating".into(), FieldError::OutOfRange);
        }
        if self.product_id.as_deref().is_some_and(|p| !is_valid_id(p)) {
            f.insert("product_id".into(), FieldError::Invalid);
        }
        if let Some(q) = &self.q {
            let n = q.trim().chars().count();
            if n == 0 {
                f.insert("q".into(), FieldError::TooShort);
            } else if n > 100 {
                f.insert("q".into(), FieldError::TooLong);
            }
        }
        done(f)
    }
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
    pub items: Vec<AdminLedgerEntry>,
    pub next_cursor: Option<String>,
}

/// One line of a member's ledger as the shop sees it: with the note of a manual change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLedgerEntry {
    pub id: i64,
    /// Points added (positive) or taken (negative).
    pub delta: i64,
    /// `purchase`, `review`, `signup`, `redeem`, `manual`, …
    pub reason: String,
    /// The coupon a redemption gave.
    pub coupon: Option<String>,
    /// Why the shop changed the points by hand (`manual`).
    pub note: Option<String>,
    pub created_at: i64,
}

// Definitions (surveys, offers), read back and listed

/// A page of the shop's surveys, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyDefinitionPage {
    pub items: Vec<AdminSurvey>,
    pub next_cursor: Option<String>,
}

/// A page of the shop's offers, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferDefinitionPage {
    pub items: Vec<AdminOffer>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    Approve,
    Reject,
    /// Back to the queue (`pending`): a review a spam trap caught, or one rejected by mistake.
    Restore,
}

/// The same action on several reviews at once (1–100), all or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkModeration {
    pub ids: Vec<i64>,
    pub action: ModerationAction,
}

impl BulkModeration {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if self.ids.is_empty() {
            f.insert("ids".into(), FieldError::Required);
        } else if self.ids.len() > 100 {
            f.insert("ids".into(), FieldError::TooLong);
        }
        done(f)
    }
}

/// The reviews after a bulk action, in the order asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkModerated {
    pub items: Vec<AdminReview>,
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

// A survey's results over time

/// The length of a period of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Day,
    /// Monday to Sunday (ISO weeks).
    #[default]
    Week,
    Month,
}

/// Query of results over time (a survey's, an offer's funnel). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PeriodQuery {
    /// `day`, `week` (default) or `month`.
    #[serde(default)]
    pub interval: Option<Interval>,
    /// First day, `YYYY-MM-DD` (UTC); default: 12 periods before `to`.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC); default: today. At most 400 periods in all.
    #[serde(default)]
    pub to: Option<String>,
}

/// A survey's results per period, oldest first; every period of the range is there (one
/// without answers has `responses: 0` and no score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyResults {
    pub survey_id: String,
    pub kind: SurveyKind,
    pub interval: Interval,
    /// The first day of the first period and the last day asked for, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub periods: Vec<PeriodResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodResult {
    /// The period's first day, `YYYY-MM-DD` (UTC; weeks start on Monday).
    pub start: String,
    pub responses: u64,
    /// NPS surveys with answers in the period.
    pub nps: Option<NpsResult>,
    /// CSAT surveys with answers in the period.
    pub csat: Option<CsatResult>,
    /// Answers per value (score, choice id), most first.
    pub counts: Vec<AnswerCount>,
}

/// Net Promoter Score of a period with its 95 % confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NpsResult {
    /// % promoters − % detractors, one decimal.
    pub score: f64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// 95 % interval (adjusted Wald, see [`nps_interval`]), one decimal, within −100..=100.
    pub ci_low: f64,
    pub ci_high: f64,
}

/// CSAT of a period: share of 4 and 5 answers with its 95 % confidence interval, and the mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CsatResult {
    pub satisfied_percent: f64,
    /// 95 % Wilson score interval of `satisfied_percent`, one decimal.
    pub ci_low: f64,
    pub ci_high: f64,
    /// Mean answer, 1–5, two decimals.
    pub mean: f64,
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// z of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// NPS with a 95 % confidence interval: `(score, low, high)`, one decimal, `None` without
/// answers. The interval is the adjusted Wald interval of Rocks (2016): three pseudo-answers
/// (¾ promoter, ¾ detractor, 1½ passive) are added before the usual Wald interval of a mean of
/// +1/0/−1 answers, so one answer of 10 gives a wide interval rather than "100 ± 0".
pub fn nps_interval(promoters: u64, passives: u64, detractors: u64) -> Option<(f64, f64, f64)> {
    let n = (promoters + passives + detractors) as f64;
    if n == 0.0 {
        return None;
    }
    let score = round1(100.0 * (promoters as f64 - detractors as f64) / n);
    let n_adj = n + 3.0;
    let (p, d) = ((promoters as f64 + 0.75) / n_adj, (detractors as f64 + 0.75) / n_adj);
    let mean = p - d;
    let se = ((p + d - mean * mean) / n_adj).max(0.0).sqrt();
    let clamp = |v: f64| round1((100.0 * v).clamp(-100.0, 100.0));
    Some((score, clamp(mean - Z95 * se), clamp(mean + Z95 * se)))
}

/// The 95 % Wilson score interval of `successes` out of `n`, in percent, one decimal.
pub fn wilson_percent(successes: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (n, p) = (n as f64, successes as f64 / n as f64);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some((round1(100.0 * (centre - half).max(0.0)), round1(100.0 * (centre + half).min(1.0))))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), `None` if it is not one.
pub fn parse_day(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| date.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month[(m - 1) as usize] {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `(year, month, day)` of a day number since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl Interval {
    /// The first day of the period holding `day`.
    pub fn start(self, day: i64) -> i64 {
        match self {
            Interval::Day => day,
            // 1970-01-01 was a Thursday.
            Interval::Week => day - (day + 3).rem_euclid(7),
            Interval::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
        }
    }

    /// The first day of the next period after the one starting on `start`.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Interval::Day => start + 1,
            Interval::Week => start + 7,
            Interval::Month => {
                let (y, m, _) = civil_from_days(start);
                if m == 12 {
                    days_from_civil(y + 1, 1, 1)
                } else {
                    days_from_civil(y, m + 1, 1)
                }
            }
        }
    }

    /// The start of the period `n` periods before the one holding `day`.
    pub fn back(self, day: i64, n: u32) -> i64 {
        let mut start = self.start(day);
        for _ in 0..n {
            start = self.start(start - 1);
        }
        start
    }
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
    percent(counts_1_to_5[3] + counts_1_to_5[4], counts_1_to_5.iter().sum())
}

// Reviews over time

/// Reviews written per period with their stars, oldest first (every period of the range is
/// there), and the shop's totals now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewActivity {
    pub interval: Interval,
    /// First and last day of the range, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub periods: Vec<ReviewPeriod>,
    pub totals: ReviewTotals,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPeriod {
    /// The period's first day, `YYYY-MM-DD` (UTC; weeks start on Monday).
    pub start: String,
    /// Reviews written in the period (what the spam traps caught is not counted).
    pub written: u64,
    /// Of those, the ones published now.
    pub published: u64,
    /// Their mean rating (1–5), to two decimals; none without a published one.
    pub average: Option<f64>,
}

/// The shop's reviews now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewTotals {
    pub published: u64,
    /// Mean rating of the published reviews (1–5), to two decimals; none without any.
    pub average: Option<f64>,
    /// Waiting for the shop.
    pub pending: u64,
    /// In the spam queue.
    pub spam: u64,
}

/// A mean rating to two decimals: `sum` of `count` ratings; none of nothing.
pub fn mean_rating(sum: u64, count: u64) -> Option<f64> {
    (count > 0).then(|| (sum as f64 * 100.0 / count as f64).round() / 100.0)
}

// Loyalty points over time

/// Points given and spent per period, oldest first; every period of the range is there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoyaltyActivity {
    pub interval: Interval,
    /// First and last day of the range, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub periods: Vec<PointsPeriod>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsPeriod {
    /// The period's first day, `YYYY-MM-DD` (UTC; weeks start on Monday).
    pub start: String,
    /// Points given: every positive ledger entry (orders, reviews, sign-ups, by hand).
    pub issued: i64,
    /// Points spent on rewards (redemptions); points taken away by hand are in neither.
    pub redeemed: i64,
    pub redemptions: u64,
    /// Members who joined in the period.
    pub new_members: u64,
}

// Exit offers

/// An offer's funnel per period, oldest first; every period of the range is there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferFunnel {
    pub offer_id: String,
    pub interval: Interval,
    /// The first day of the first period and the last day asked for, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub periods: Vec<FunnelPeriod>,
}

/// One period of an offer's funnel: shown → code copied → converted, and e-mail leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelPeriod {
    /// The period's first day, `YYYY-MM-DD` (UTC; weeks start on Monday).
    pub start: String,
    pub impressions: u64,
    pub dismissals: u64,
    pub copies: u64,
    pub conversions: u64,
    pub leads: u64,
    /// Conversions per impression, percent, one decimal; `null` without impressions.
    pub conversion_percent: Option<f64>,
}

/// `part` of `whole` in percent, one decimal; `None` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round1(100.0 * part as f64 / whole as f64))
}

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

// Audiences

/// Who a survey or an exit offer is for. The server decides from the customer token the page
/// sends (`RetainKit.identify`), never from anything the browser says about the customer;
/// shoppers without a valid token never see it. The rules are kept on the server: the public
/// endpoints do not show them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerAudience {
    /// RFM segments (any of them); empty: any customer.
    #[serde(default)]
    pub segments: Vec<crate::segments::Segment>,
    /// Loyalty tier ids (any of them); empty: any customer.
    #[serde(default)]
    pub tiers: Vec<String>,
}

impl CustomerAudience {
    /// Whether a signed-in customer in this segment and tier is in the audience.
    pub fn admits(&self, segment: Option<crate::segments::Segment>, tier: Option<&str>) -> bool {
        (self.segments.is_empty() || segment.is_some_and(|s| self.segments.contains(&s)))
            && (self.tiers.is_empty() || tier.is_some_and(|t| self.tiers.iter().any(|x| x == t)))
    }

    fn check(&self, f: &mut FieldErrors) {
        if self.tiers.iter().any(|t| !is_valid_id(t)) {
            f.insert("customers.tiers".into(), FieldError::Invalid);
        }
    }
}

/// A survey as the shop defines it: the widget's definition and, if it is not for everyone,
/// its audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminSurvey {
    #[serde(flatten)]
    pub survey: SurveyDefinition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<CustomerAudience>,
}

/// An exit offer as the shop defines it, with its audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminOffer {
    #[serde(flatten)]
    pub offer: OfferDefinition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<CustomerAudience>,
}

impl AdminSurvey {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = self.survey.validate().err().unwrap_or_default();
        if let Some(a) = &self.customers {
            a.check(&mut f);
        }
        done(f)
    }
}

impl AdminOffer {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = self.offer.validate().err().unwrap_or_default();
        if let Some(a) = &self.customers {
            a.check(&mut f);
        }
        done(f)
    }
}

// Console sessions

/// Signing in to the merchant console: the admin key, exchanged for a session cookie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub key: String,
}

/// A console session. The cookie (`rk_admin`, `HttpOnly; Secure; SameSite=Strict; Path=/v1/admin`) carries
/// it; every change made with it sends `X-CSRF-Token: <csrf_token>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminSession {
    pub csrf_token: String,
    /// Unix seconds: the session ends then at the latest (after 2 idle hours sooner).
    pub expires_at: i64,
}

// Loyalty

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AwardReason {
    /// An order: points are computed by the purchase rule unless given.
    /// The order is kept for RFM segments (`/v1/admin/segments`) as `POST /v1/admin/orders`
    /// keeps it.
    Purchase {
        order_id: String,
        amount: i64,
        /// ISO 4217 code of the amount.
        #[serde(default)]
        currency: Option<String>,
        /// Unix seconds of the order; default now.
        #[serde(default)]
        ordered_at: Option<i64>,
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
            AwardReason::Purchase { order_id, amount, currency, ordered_at } => {
                let order = crate::segments::Order {
                    customer_id: self.customer_id.clone(),
                    order_id: order_id.clone(),
                    amount: *amount,
                    currency: currency.clone(),
                    ordered_at: *ordered_at,
                };
                order.check(&mut f, "reason.");
                // The customer id is checked above, under its own name.
                f.remove("reason.customer_id");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_with_its_interval() {
        assert_eq!(nps_interval(0, 0, 0), None);
        assert_eq!(nps_interval(50, 30, 20), Some((30.0, 14.1, 44.2)));
        assert_eq!(nps_interval(3, 2, 15), Some((-60.0, -83.2, -21.2)));
        // One answer of 10: a score of 100, and an interval that says how little it knows.
        assert_eq!(nps_interval(1, 0, 0), Some((100.0, -48.5, 98.5)));
        let wide = nps_interval(10, 5, 5).unwrap();
        let narrow = nps_interval(1000, 500, 500).unwrap();
        assert!(narrow.2 - narrow.1 < (wide.2 - wide.1) / 5.0, "more answers, a narrower interval");
    }

    #[test]
    fn percents() {
        assert_eq!((percent(1, 3), percent(0, 5), percent(3, 0)), (Some(33.3), Some(0.0), None));
    }

    #[test]
    fn wilson_intervals() {
        assert_eq!(wilson_percent(80, 100), Some((71.1, 86.7)));
        assert_eq!(wilson_percent(0, 5), Some((0.0, 43.4)));
        assert_eq!(wilson_percent(5, 5), Some((56.6, 100.0)));
        assert_eq!(wilson_percent(0, 0), None);
    }

    #[test]
    fn days_and_periods() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2026-11-30"), Some(20_787));
        assert_eq!(parse_day("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "26-11-30", "2026/11/30", "2026-11-3x", "", "2026-11-31"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        for d in [-800_000, -1, 0, 59, 11_016, 20_787, 2_000_000] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
        let monday = 20_787; // 2026-11-30
        for d in monday..monday + 7 {
            assert_eq!(Interval::Week.start(d), monday);
        }
        assert_eq!(Interval::Week.start(monday - 1), monday - 7);
        assert_eq!(Interval::Week.next(monday), monday + 7);
        assert_eq!(Interval::Week.back(monday + 3, 11), monday - 77, "12 weeks, this one included");
        assert_eq!(Interval::Month.start(monday), parse_day("2026-11-01").unwrap());
        assert_eq!(Interval::Month.next(parse_day("2026-12-01").unwrap()), parse_day("2027-01-01").unwrap());
        assert_eq!(Interval::Month.back(monday, 12), parse_day("2025-11-01").unwrap());
        assert_eq!(Interval::Day.back(monday, 2), monday - 2);
    }
}
