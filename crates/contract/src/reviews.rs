//! Reviews: list, summary, create, photos, helpful votes, moderation.
//!
//! - `GET  /v1/products/{product_id}/reviews?sort=&rating=&cursor=&limit=` → [`ReviewPage`]
//! - `GET  /v1/reviews/summaries?product_ids=a,b,c` → [`Summaries`]
//! - `POST /v1/products/{product_id}/reviews` [`ReviewCreate`] → 201 [`ReviewCreated`]
//! - `POST /v1/photos` (image body) → 201 [`PhotoUploaded`]
//! - `POST /v1/reviews/{review_id}/helpful` [`HelpfulVote`] → [`VoteResult`]
//! - admin: `GET /v1/admin/reviews?status=pending`, `POST /v1/admin/reviews/{id}/moderation`
//!   [`Moderation`], `POST /v1/admin/reviews/{id}/reply` [`ReplyCreate`],
//!   `PUT /v1/admin/review-settings` [`ReviewSettings`]

use crate::decode::Decode;
use crate::encode::Encode;
use crate::{check_text, done, is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const BODY_MIN: usize = 10;
pub const BODY_MAX: usize = 5000;
pub const NAME_MAX: usize = 60;
pub const EMAIL_MAX: usize = 254;
pub const PHOTOS_MAX: usize = 5;
/// Largest photo accepted, in bytes.
pub const PHOTO_BYTES_MAX: usize = 5 * 1024 * 1024;
pub const REPLY_MAX: usize = 2000;
/// Page size bounds of the review list.
pub const PAGE_DEFAULT: u8 = 10;
pub const PAGE_MAX: u8 = 50;
/// Most product ids in one batched summary request (a collection page).
pub const SUMMARY_IDS_MAX: usize = 100;
/// A form submitted sooner than this after it was shown is treated as a bot (ms).
pub const MIN_FILL_MS: i64 = 3000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewSort {
    #[default]
    Newest,
    Highest,
    Lowest,
    Helpful,
    WithPhotos,
}

/// Query of the review list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReviewListQuery {
    #[serde(default)]
    pub sort: ReviewSort,
    /// Only reviews with this many stars (1–5).
    #[serde(default)]
    pub rating: Option<u8>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// 1–50, default 10.
    #[serde(default)]
    pub limit: Option<u8>,
}

impl ReviewListQuery {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if matches!(self.rating, Some(r) if !(1..=5).contains(&r)) {
            f.insert("rating".into(), FieldError::OutOfRange);
        }
        if matches!(self.limit, Some(l) if l == 0 || l > PAGE_MAX) {
            f.insert("limit".into(), FieldError::OutOfRange);
        }
        done(f)
    }

    pub fn page_size(&self) -> u8 {
        self.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX)
    }
}

/// Average, count and the 1–5 histogram of a product's published reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingSummary {
    pub product_id: String,
    /// Mean rating rounded to one decimal; 0 when there is no review.
    pub average: f64,
    pub count: u64,
    /// Counts of 1, 2, 3, 4 and 5 stars, in that order.
    pub histogram: [u64; 5],
}

impl RatingSummary {
    pub fn from_histogram(product_id: &str, histogram: [u64; 5]) -> RatingSummary {
        let count: u64 = histogram.iter().sum();
        let total: u64 = histogram.iter().enumerate().map(|(i, n)| (i as u64 + 1) * n).sum();
        let average = if count == 0 { 0.0 } else { ((total as f64 / count as f64) * 10.0).round() / 10.0 };
        RatingSummary { product_id: product_id.to_owned(), average, count, histogram }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    pub id: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MerchantReply {
    pub body: String,
    pub created_at: i64,
}

/// A published review as shoppers see it. The author's e-mail is never part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub id: i64,
    pub product_id: String,
    pub rating: u8,
    pub title: Option<String>,
    pub body: String,
    pub author_name: String,
    /// The author bought the product (a signed order token came with the review).
    pub verified: bool,
    pub photos: Vec<Photo>,
    pub helpful_count: u64,
    pub reply: Option<MerchantReply>,
    pub locale: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPage {
    pub summary: RatingSummary,
    pub items: Vec<Review>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summaries {
    pub summaries: Vec<RatingSummary>,
}

/// Splits and checks the `product_ids` of a batched summary request.
pub fn parse_product_ids(list: &str) -> Result<Vec<String>, FieldErrors> {
    let ids: Vec<String> = list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let mut f = FieldErrors::new();
    if ids.is_empty() {
        f.insert("product_ids".into(), FieldError::Required);
    } else if ids.len() > SUMMARY_IDS_MAX {
        f.insert("product_ids".into(), FieldError::TooLong);
    } else if !ids.iter().all(|id| is_valid_id(id)) {
        f.insert("product_ids".into(), FieldError::Invalid);
    }
    done(f).map(|_| {
        let mut unique = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        unique
    })
}

/// A shopper's review.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCreate {
    /// 1–5 stars.
    pub rating: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub body: String,
    pub author_name: String,
    /// Kept for the shop (follow-ups, rewards); never returned by a public endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Ids from `POST /v1/photos`, at most 5.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photo_ids: Vec<String>,
    /// A token the shop signed for this order and product: marks the review verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Honeypot: a field people never see. Filled in → a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Milliseconds between the shopper's first interaction with the form and sending it
    /// (required: a form filled in faster than a person can type is a bot's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill_ms: Option<i64>,
}

impl ReviewCreate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !(1..=5).contains(&self.rating) {
            f.insert("rating".into(), FieldError::OutOfRange);
        }
        check_text(&mut f, "title", self.title.as_deref(), TITLE_MAX);
        let body = self.body.trim().chars().count();
        if body == 0 {
            f.insert("body".into(), FieldError::Required);
        } else if body < BODY_MIN {
            f.insert("body".into(), FieldError::TooShort);
        } else if body > BODY_MAX {
            f.insert("body".into(), FieldError::TooLong);
        }
        if self.author_name.trim().is_empty() {
            f.insert("author_name".into(), FieldError::Required);
        }
        check_text(&mut f, "author_name", Some(&self.author_name), NAME_MAX);
        if let Some(e) = self.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            if !is_plausible_email(e) {
                f.insert("email".into(), FieldError::Invalid);
            }
        }
        if self.fill_ms.is_none() {
            f.insert("fill_ms".into(), FieldError::Required);
        }
        if self.photo_ids.len() > PHOTOS_MAX {
            f.insert("photo_ids".into(), FieldError::TooLong);
        } else if !self.photo_ids.iter().all(|p| is_valid_id(p)) {
            f.insert("photo_ids".into(), FieldError::Invalid);
        }
        done(f)
    }
}

/// One `@`, something before it, a dot in the domain, no spaces, at most 254 characters.
pub fn is_plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else { return false };
    e.len() <= EMAIL_MAX
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(char::is_whitespace)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Published,
    Rejected,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Published => "published",
            ReviewStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewStatus> {
        match s {
            "pending" => Some(ReviewStatus::Pending),
            "published" => Some(ReviewStatus::Published),
            "rejected" => Some(ReviewStatus::Rejected),
            _ => None,
        }
    }
}

/// What a shopper gets for a published review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reward {
    Points { points: i64 },
    Coupon { code: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCreated {
    pub id: i64,
    pub status: ReviewStatus,
    /// The reward, when the shop gives one and the review is already published.
    pub reward: Option<Reward>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoUploaded {
    pub id: String,
    pub url: String,
}

/// The image types accepted, told by their first bytes, never by the file name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpfulVote {
    /// A random id the widget keeps per browser; one vote per visitor and review.
    pub visitor_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteResult {
    pub helpful_count: u64,
    /// False when this visitor had already voted.
    pub counted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::admin::*;

    fn good() -> ReviewCreate {
        ReviewCreate {
            rating: 4,
            body: "Lovely fabric, fits well.".into(),
            author_name: "Sari".into(),
            fill_ms: Some(9000),
            ..Default::default()
        }
    }

    #[test]
    fn review_rules() {
        assert_eq!(good().validate(), Ok(()));
        let bad = ReviewCreate {
            rating: 0,
            title: Some("t".repeat(TITLE_MAX + 1)),
            body: "short".into(),
            author_name: "  ".into(),
            email: Some("not-an-email".into()),
            photo_ids: vec!["p".into(); 6],
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for (field, code) in [
            ("rating", FieldError::OutOfRange),
            ("title", FieldError::TooLong),
            ("body", FieldError::TooShort),
            ("author_name", FieldError::Required),
            ("email", FieldError::Invalid),
            ("photo_ids", FieldError::TooLong),
        ] {
            assert_eq!(e.get(field), Some(&code), "{field}");
        }
        assert_eq!(ReviewCreate { body: " ".into(), ..good() }.validate().unwrap_err().get("body"), Some(&FieldError::Required));
        assert_eq!(
            ReviewCreate { body: "ż".repeat(BODY_MAX + 1), ..good() }.validate().unwrap_err().get("body"),
            Some(&FieldError::TooLong)
        );
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "sari.dewi+shop@mail.example.id"] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.co", "a@b.co.", "a b@c.de", "a@@b.co", "a@.b.co"] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn summary_maths() {
        let s = RatingSummary::from_histogram("p1", [0, 0, 1, 1, 2]);
        assert_eq!((s.count, s.average), (4, 4.3)); // 17 / 4 = 4.25 → 4.3
        assert_eq!(RatingSummary::from_histogram("p", [0; 5]).average, 0.0);
        assert_eq!(RatingSummary::from_histogram("p", [1, 0, 0, 0, 2]).average, 3.7);
    }

    #[test]
    fn product_id_lists() {
        assert_eq!(parse_product_ids("a, b,a,,c").unwrap(), vec!["a", "b", "c"]);
        assert!(parse_product_ids(" , ").is_err());
        assert!(parse_product_ids("ok,not ok").is_err());
        let many = (0..=SUMMARY_IDS_MAX).map(|i| format!("p{i}")).collect::<Vec<_>>().join(",");
        assert_eq!(parse_product_ids(&many).unwrap_err().get("product_ids"), Some(&FieldError::TooLong));
    }

    #[test]
    fn list_query_and_settings() {
        assert!(ReviewListQuery { rating: Some(6), ..Default::default() }.validate().is_err());
        assert!(ReviewListQuery { limit: Some(0), ..Default::default() }.validate().is_err());
        assert_eq!(ReviewListQuery::default().page_size(), PAGE_DEFAULT);
        let s = ReviewSettings { auto_publish_min_rating: Some(4), reward_points: 50, reward_coupon_percent: None };
        assert!(ReviewSettings { reward_coupon_percent: Some(0), ..s }.validate().is_err());
    }

    #[test]
    fn wire_format() {
        let r: Reward = serde_json::from_str(r#"{"type":"coupon","code":"THANKS-7F3K"}"#).unwrap();
        assert_eq!(r, Reward::Coupon { code: "THANKS-7F3K".into() });
        assert_eq!(serde_json::to_string(&ReviewSort::WithPhotos).unwrap(), r#""with_photos""#);
        let c: ReviewCreate =
            serde_json::from_str(r#"{"rating":5,"body":"Great shirt, love it","author_name":"Ola","fill_ms":7000}"#).unwrap();
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(ReviewCreate { fill_ms: None, ..c }.validate().unwrap_err().get("fill_ms"), Some(&FieldError::Required));
    }
}
