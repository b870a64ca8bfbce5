//! RetainKit's HTTP/JSON contract.
//!
//! Every request and response body that crosses the wire is defined here once, together with
//! its validation rules. The widgets (compiled to WASM) validate with the same functions the
//! reference server uses, so a shopper sees the server's rule before the request is sent.
//!
//! All paths are versioned under [`API_PREFIX`].

use crate::decode::Decode;
use crate::encode::Encode;
use serde::{Deserialize, Serialize};

// `#[derive(Decode)]` names this crate by its name, also inside it.
extern crate self as retainkit_contract;

pub mod admin;
pub mod decode;
pub mod encode;
pub mod loyalty;
pub mod offers;
pub mod reviews;
pub mod segments;
pub mod small_map;
pub mod survey;
pub mod webhooks;

pub use small_map::SmallMap;

pub use survey::{NpsAnswer, NpsCategory, NpsCreated, ResponseCreated, SurveyAnswer};

/// The version prefix of every endpoint.
pub const API_PREFIX: &str = "/v1";

/// The header that makes a create request safe to retry.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// Longest accepted `Idempotency-Key` value.
pub const IDEMPOTENCY_KEY_MAX: usize = 64;

/// Machine-readable reason a field was refused. The widget shows a localized text for each
/// code; the server sends the code as the field's value in [`ErrorBody`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooShort,
    TooLong,
    OutOfRange,
    Invalid,
}

impl FieldError {
    pub fn code(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::TooShort => "too_short",
            FieldError::TooLong => "too_long",
            FieldError::OutOfRange => "out_of_range",
            FieldError::Invalid => "invalid",
        }
    }

    pub fn from_code(code: &str) -> FieldError {
        match code {
            "required" => FieldError::Required,
            "too_short" => FieldError::TooShort,
            "too_long" => FieldError::TooLong,
            "out_of_range" => FieldError::OutOfRange,
            _ => FieldError::Invalid,
        }
    }
}

/// Field name → what is wrong with it, in the order found; on the wire a JSON object
/// (`{"comment":"too_long"}`).
pub type FieldErrors = SmallMap<FieldError>;

/// The one error shape of every 4xx and 5xx answer:
/// `{"error":{"code":"validation_failed","message":"…","fields":{"comment":"too_long"}}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub fields: FieldErrors,
}

impl ErrorBody {
    pub fn new(code: &str, message: &str) -> Self {
        ErrorBody { error: ErrorDetail { code: code.to_owned(), message: message.to_owned(), fields: FieldErrors::new() } }
    }

    pub fn validation(fields: FieldErrors) -> Self {
        ErrorBody { error: ErrorDetail { code: "validation_failed".to_owned(), message: "Some fields are not valid.".to_owned(), fields } }
    }
}

/// Checks an optional free text: trimmed length in characters (not bytes) within `max`.
pub fn check_text(fields: &mut FieldErrors, name: &str, value: Option<&str>, max: usize) {
    if let Some(v) = value {
        if v.trim().chars().count() > max {
            fields.insert(name.to_owned(), FieldError::TooLong);
        }
    }
}

/// An identifier in a path (survey id, product id): 1–64 of `[A-Za-z0-9_.:-]`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

/// An `Idempotency-Key`: 8–64 printable ASCII characters without spaces.
pub fn is_valid_idempotency_key(key: &str) -> bool {
    (8..=IDEMPOTENCY_KEY_MAX).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// A link a widget may put in an `href`: an `http(s)://` URL with a host, or a path on the
/// shop's own site (`/account/login`). Not `javascript:` or `data:`, not `//other.example`
/// or `/\other.example` (browsers read a backslash as a slash and drop tabs and newlines
/// inside URLs), not a URL with a user name in it.
pub fn is_safe_link(url: &str) -> bool {
    if url.is_empty() || url.len() > 2048 || url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return false;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    // `get`, not `[..]`: no panic path in the widgets' code (its message's formatting costs ≈ 4 KB).
    let rest = if lower.starts_with("https://") {
        url.get(8..).unwrap_or_default()
    } else if lower.starts_with("http://") {
        url.get(7..).unwrap_or_default()
    } else {
        return url.starts_with('/') && !url.starts_with("//");
    };
    let host = rest.get(..rest.find(['/', '?', '#']).unwrap_or(rest.len())).unwrap_or_default();
    !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

/// Where `needle` first occurs in `haystack` (a byte index, always on a character boundary).
/// What `str::find` does, without its two-way searcher: the widgets only look for short keys in
/// short texts, and the searcher costs about a kilobyte in every WASM chunk that uses it.
pub fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.as_bytes().windows(needle.len()).position(|w| w == needle.as_bytes())
}

/// `Ok` when no field was refused.
pub fn done(fields: FieldErrors) -> Result<(), FieldErrors> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_str_finds_what_str_find_finds() {
        for (hay, needle) in
            [("/sale/shoes", "sale"), ("abc", ""), ("", "a"), ("ab", "abc"), ("zażółć gęślą", "gęś"), ("aaab", "aab"), ("x", "x")]
        {
            assert_eq!(find_str(hay, needle), hay.find(needle), "{hay} / {needle}");
        }
    }

    #[test]
    fn error_body_has_the_documented_shape() {
        let mut f = FieldErrors::new();
        f.insert("comment".into(), FieldError::TooLong);
        let json = serde_json::to_string(&ErrorBody::validation(f)).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"validation_failed","message":"Some fields are not valid.","fields":{"comment":"too_long"}}}"#
        );
        let plain = serde_json::to_string(&ErrorBody::new("not_found", "No such survey.")).unwrap();
        assert_eq!(plain, r#"{"error":{"code":"not_found","message":"No such survey."}}"#);
    }

    #[test]
    fn field_error_codes_round_trip() {
        for e in [FieldError::Required, FieldError::TooShort, FieldError::TooLong, FieldError::OutOfRange, FieldError::Invalid] {
            assert_eq!(FieldError::from_code(e.code()), e);
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.code()));
        }
        assert_eq!(FieldError::from_code("something new"), FieldError::Invalid);
    }

    #[test]
    fn ids_and_keys() {
        assert!(is_valid_id("nps-2026:q4"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(&"x".repeat(65)));
        assert!(is_valid_idempotency_key("rk-0123456789abcdef"));
        assert!(!is_valid_idempotency_key("short"));
        assert!(!is_valid_idempotency_key("has space in it"));
    }

    #[test]
    fn only_web_links() {
        for ok in ["/account/login", "https://shop.example/join?x=1", "HTTP://shop.example", "https://[::1]:8080/a", "/a?next=//b"] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "https://",
            "https://user:pw@evil.example",
            "https://evil.example\\@shop.example",
            "shop.example/join",
            " /a",
            "https:evil.example",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
    }

    #[test]
    fn text_length_counts_characters_not_bytes() {
        let mut f = FieldErrors::new();
        check_text(&mut f, "c", Some(&"ż".repeat(10)), 10);
        assert!(f.is_empty());
        check_text(&mut f, "c", Some(&"ż".repeat(11)), 10);
        assert_eq!(f.get("c"), Some(&FieldError::TooLong));
    }
}
