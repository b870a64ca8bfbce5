//! Exit-intent offers.
//!
//! - `GET  /v1/offers/active?url=&cart_value=&locale=` → [`ActiveOffer`]
//! - `POST /v1/offers/{offer_id}/events` [`OfferEvent`] → 201
//! - `POST /v1/offers/{offer_id}/leads` [`LeadCreate`] → 201 [`LeadCreated`]

use crate::reviews::is_plausible_email;
use crate::survey::{Display, Texts};
use crate::{is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// How the discount code is given out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitOffer {
    pub id: String,
    pub headline: Texts,
    pub body: Texts,
    /// The code to copy; for unique codes made for this request.
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveOffer {
    pub offer: Option<ExitOffer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferEventKind {
    Impression,
    Dismiss,
    Copy,
    Convert,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferEvent {
    pub kind: OfferEventKind,
    pub visitor_id: String,
    #[serde(default)]
    pub page: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadCreated {
    pub id: i64,
    /// Consent time as stored (Unix seconds).
    pub consented_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn wire_format() {
        let c: OfferCode = serde_json::from_str(r#"{"type":"unique","prefix":"STAY-"}"#).unwrap();
        assert_eq!(c, OfferCode::Unique { prefix: "STAY-".into() });
        let e: OfferEvent = serde_json::from_str(r#"{"kind":"copy","visitor_id":"v1"}"#).unwrap();
        assert_eq!((e.kind, e.validate()), (OfferEventKind::Copy, Ok(())));
    }
}
