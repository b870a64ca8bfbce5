//! Webhooks (`/v1/admin/webhooks`): the shop's own code, Slack, Klaviyo or Omnisend told of
//! what happens, as it happens.
//!
//! Each event is written to an outbox in the same transaction as the change it tells of, then
//! sent as `POST <url>` with a JSON [`WebhookPayload`] and these headers:
//!
//! - `RetainKit-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
//!   webhook's secret>` — as Stripe signs: check it, and refuse a `t` more than 5 minutes old;
//! - `RetainKit-Event: <type>` and `RetainKit-Delivery: <delivery id>`.
//!
//! Any 2xx answer within 10 s is a delivery; anything else is tried again, 8 times in all,
//! waiting 10 s, 50 s, 4 min, 21 min, 1.7 h, 8.7 h and 24 h between tries. The payload's `id`
//! is the same on every try: receivers use it to act once.

use crate::FieldError;
use crate::FieldErrors;
use serde::{Deserialize, Serialize};

/// What a webhook can be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    /// A review was written (any status, spam included).
    #[serde(rename = "review.created")]
    ReviewCreated,
    /// A review became public (at once, or approved by the shop).
    #[serde(rename = "review.published")]
    ReviewPublished,
    /// A survey was answered (NPS answers carry their category).
    #[serde(rename = "survey.response")]
    SurveyResponse,
    /// A survey answer got its follow-up comment.
    #[serde(rename = "survey.response.updated")]
    SurveyResponseUpdated,
    /// An exit offer's code was used in an order.
    #[serde(rename = "offer.converted")]
    OfferConverted,
    /// A shopper left an e-mail address, with consent.
    #[serde(rename = "lead.created")]
    LeadCreated,
    /// A member spent points on a reward.
    #[serde(rename = "loyalty.redeemed")]
    LoyaltyRedeemed,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 7] = [
        WebhookEvent::ReviewCreated,
        WebhookEvent::ReviewPublished,
        WebhookEvent::SurveyResponse,
        WebhookEvent::SurveyResponseUpdated,
        WebhookEvent::OfferConverted,
        WebhookEvent::LeadCreated,
        WebhookEvent::LoyaltyRedeemed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ReviewCreated => "review.created",
            WebhookEvent::ReviewPublished => "review.published",
            WebhookEvent::SurveyResponse => "survey.response",
            WebhookEvent::SurveyResponseUpdated => "survey.response.updated",
            WebhookEvent::OfferConverted => "offer.converted",
            WebhookEvent::LeadCreated => "lead.created",
            WebhookEvent::LoyaltyRedeemed => "loyalty.redeemed",
        }
    }

    pub fn parse(s: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// A new webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookCreate {
    /// `https://…` (plain `http://` only to this machine: `localhost`, `127.0.0.1`, `[::1]`).
    pub url: String,
    /// One or more events.
    pub events: Vec<WebhookEvent>,
}

impl WebhookCreate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !url_allowed(&self.url) {
            f.insert("url".into(), FieldError::Invalid);
        }
        if self.events.is_empty() {
            f.insert("events".into(), FieldError::Required);
        }
        crate::done(f)
    }
}

/// Whether a webhook may call this URL: `https://host…`, or `http://` to a loopback host;
/// no user or password in it, at most 2,000 characters.
pub fn url_allowed(url: &str) -> bool {
    if url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let (https, rest) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(r), _) => (true, r),
        (_, Some(r)) => (false, r),
        _ => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    !host.is_empty() && (https || matches!(host.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "::1"))
}

/// A webhook as the shop sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// The signing secret (`whsec_…`), for checking `RetainKit-Signature`.
    pub secret: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookList {
    pub items: Vec<Webhook>,
}

/// What is sent.
#[cfg(feature = "json")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookPayload {
    /// The event's id (`evt_…`), the same on every try.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: WebhookEvent,
    pub created_at: i64,
    /// What happened: the review, the answer, the lead… (fields as in the admin API).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its next try.
    Pending,
    Delivered,
    /// Every try failed, or the webhook was removed.
    Failed,
}

/// One event's delivery to one webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: i64,
    pub event_id: String,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    /// Tries so far.
    pub attempts: u32,
    /// The HTTP status of the last try, if an answer came.
    pub last_status: Option<u16>,
    /// Why the last try failed (`timeout`, `connection refused`, `HTTP 500`).
    pub last_error: Option<String>,
    /// Unix milliseconds of the next try (pending only).
    pub next_attempt_at: Option<i64>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryPage {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

/// Tries in all.
pub const MAX_ATTEMPTS: u32 = 8;

/// Milliseconds to wait after the `attempts`-th failed try: `first · 5^(attempts − 1)`, at
/// most a day.
pub fn retry_delay_ms(first_ms: i64, attempts: u32) -> i64 {
    let mut d = first_ms.max(1);
    for _ in 1..attempts {
        d = d.saturating_mul(5);
    }
    d.min(86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://hooks.slack.com/services/T/B/x",
            "https://a.example:8443/h?x=1",
            "http://127.0.0.1:9000/h",
            "http://localhost/h",
            "http://[::1]:80/",
        ] {
            assert!(url_allowed(ok), "{ok}");
        }
        for bad in [
            "http://shop.example/h",
            "ftp://x",
            "https://",
            "https://user:pw@x.example/",
            "https://x .example",
            "javascript:alert(1)",
            "http://127.0.0.1.evil.example/",
        ] {
            assert!(!url_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn retries_back_off() {
        let d: Vec<i64> = (1..MAX_ATTEMPTS).map(|n| retry_delay_ms(10_000, n)).collect();
        assert_eq!(d, [10_000, 50_000, 250_000, 1_250_000, 6_250_000, 31_250_000, 86_400_000]);
        for e in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(e.as_str()), Some(e));
            assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
        }
    }
}
