//! Exit-intent offers.
//!
//! - `GET  /v1/offers/active?url=&cart_value=&locale=&visitor_id=` → [`ActiveOffer`]
//! - `POST /v1/offers/{offer_id}/events` [`OfferEvent`] → 201
//! - `POST /v1/offers/{offer_id}/leads` [`LeadCreate`] → 201 [`LeadCreated`]
//! - admin: `PUT /v1/admin/offers/{offer_id}` [`OfferDefinition`],
//!   `GET /v1/admin/offers/{offer_id}/stats` → [`OfferStats`]

use crate::decode::Decode;
use crate::encode::Encode;
use crate::reviews::is_plausible_email;
use crate::survey::{Display, Texts};
use crate::{is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// How the discount code is given out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OfferCode {
    /// The same code for everyone.
    Fixed { code: String },
    /// A code made for this visitor when the offer is shown (`prefix` + random).
    Unique { prefix: String },
}

/// An offer as the widget shows it. `{cart_value}` in a text is replaced by the cart value
/// the page passed to `RetainKit.setContext`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitOffer {
    pub id: String,
    pub headline: Texts,
    pub body: Texts,
    /// The code to copy. Unique codes are made for the `visitor_id` of the request; asked
    /// without one, it is `null` and the widget asks again with it when it shows the offer.
    pub code: Option<String>,
    pub email_capture: bool,
    /// The consent sentence next to the e-mail field.
    #[serde(default)]
    pub consent: Texts,
    /// A countdown shown with the offer, if any.
    #[serde(default)]
    pub countdown_seconds: Option<u32>,
    pub display: Display,
}

/// An offer as the shop defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferDefinition {
    pub id: String,
    pub headline: Texts,
    pub body: Texts,
    pub code: OfferCode,
    #[serde(default)]
    pub email_capture: bool,
    #[serde(default)]
    pub consent: Texts,
    #[serde(default)]
    pub countdown_seconds: Option<u32>,
    pub display: Display,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl OfferDefinition {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !is_valid_id(&self.id) {
            f.insert("id".into(), FieldError::Invalid);
        }
        if self.headline.is_empty() {
            f.insert("headline".into(), FieldError::Required);
        }
        let code_ok = match &self.code {
            OfferCode::Fixed { code } => !code.trim().is_empty() && code.len() <= 40,
            OfferCode::Unique { prefix } => prefix.len() <= 20 && prefix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        };
        if !code_ok {
            f.insert("code".into(), FieldError::Invalid);
        }
        if self.email_capture && self.consent.is_empty() {
            f.insert("consent".into(), FieldError::Required);
        }
        self.display.check(&mut f);
        crate::done(f)
    }

    /// Whether this offer may show on a page, in a language, for a cart of this value.
    pub fn applies(&self, path: &str, locale: Option<&str>, cart_value: Option<i64>) -> bool {
        self.active
            && self.display.shows_on(path, locale)
            && self.display.audience.min_cart_value.is_none_or(|min| cart_value.is_some_and(|v| v >= min))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveOffer {
    pub offer: Option<ExitOffer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferEventKind {
    Impression,
    Dismiss,
    Copy,
    Convert,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferEvent {
    pub kind: OfferEventKind,
    pub visitor_id: String,
    #[serde(default)]
    pub page: Option<String>,
}

impl OfferEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferEventKind::Impression => "impression",
            OfferEventKind::Dismiss => "dismiss",
            OfferEventKind::Copy => "copy",
            OfferEventKind::Convert => "convert",
        }
    }
}

impl OfferEvent {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !is_valid_id(&self.visitor_id) {
            f.insert("visitor_id".into(), FieldError::Invalid);
        }
        crate::check_text(&mut f, "page", self.page.as_deref(), crate::survey::PAGE_MAX);
        crate::done(f)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadCreate {
    pub email: String,
    /// The shopper ticked the consent box.
    pub consent: bool,
    pub visitor_id: String,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

impl LeadCreate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        let email = self.email.trim();
        if email.is_empty() {
            f.insert("email".into(), FieldError::Required);
        } else if !is_plausible_email(email) {
            f.insert("email".into(), FieldError::Invalid);
        }
        if !self.consent {
            f.insert("consent".into(), FieldError::Required);
        }
        if !is_valid_id(&self.visitor_id) {
            f.insert("visitor_id".into(), FieldError::Invalid);
        }
        crate::done(f)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadCreated {
    pub id: i64,
    /// Consent time as stored (Unix seconds).
    pub consented_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::admin::*;

    #[test]
    fn lead_rules() {
        let ok = LeadCreate { email: "sari@mail.example".into(), consent: true, visitor_id: "v-123".into(), locale: None, page: None };
        assert_eq!(ok.validate(), Ok(()));
        let e = LeadCreate { email: "nope".into(), consent: false, visitor_id: "bad id".into(), ..ok.clone() }.validate().unwrap_err();
        assert_eq!(e.get("email"), Some(&FieldError::Invalid));
        assert_eq!(e.get("consent"), Some(&FieldError::Required));
        assert_eq!(e.get("visitor_id"), Some(&FieldError::Invalid));
        assert_eq!(LeadCreate { email: " ".into(), ..ok }.validate().unwrap_err().get("email"), Some(&FieldError::Required));
    }

    #[test]
    fn offers_apply_by_page_language_and_cart() {
        let o: OfferDefinition = serde_json::from_str(
            r#"{"id":"stay","headline":{"en":"Wait!"},"body":{"en":"10% off"},"code":{"type":"fixed","code":"STAY10"},
                "display":{"triggers":[{"type":"exit_intent"}],"recontact":{"type":"once"},
                           "audience":{"urls":[{"match":"prefix","value":"/products/"}],"min_cart_value":100000}}}"#,
        )
        .unwrap();
        assert_eq!(o.validate(), Ok(()));
        assert!(o.applies("/products/batik", Some("en"), Some(250_000)));
        assert!(!o.applies("/products/batik", Some("en"), Some(50_000)));
        assert!(!o.applies("/products/batik", Some("en"), None));
        assert!(!o.applies("/about", Some("en"), Some(250_000)));
        assert!(!OfferDefinition { active: false, ..o.clone() }.applies("/products/batik", None, Some(250_000)));
        let e =
            OfferDefinition { email_capture: true, code: OfferCode::Unique { prefix: "no spaces".into() }, ..o }.validate().unwrap_err();
        assert_eq!((e.get("consent"), e.get("code")), (Some(&FieldError::Required), Some(&FieldError::Invalid)));
    }

    #[test]
    fn wire_format() {
        let c: OfferCode = serde_json::from_str(r#"{"type":"unique","prefix":"STAY-"}"#).unwrap();
        assert_eq!(c, OfferCode::Unique { prefix: "STAY-".into() });
        let e: OfferEvent = serde_json::from_str(r#"{"kind":"copy","visitor_id":"v1"}"#).unwrap();
        assert_eq!((e.kind, e.validate()), (OfferEventKind::Copy, Ok(())));
    }
}
