//! Who the shopper is: the short-lived customer token the shop signs, kept in memory only
//! (never in storage: a reload forgets it, and the shop passes it again).
//!
//! Set by the `customer-token` attribute or `RetainKit.identify(token)`, cleared by
//! `RetainKit.logout()`. When the server refuses a token it is dropped; an expired one is
//! first announced with a `rk-token-expired` event on the document, so the page can call
//! `identify` with a fresh one (at once or later: the widgets follow).

use std::cell::RefCell;

/// Why the server refused a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Expired,
    /// Forged, for another audience, malformed: the widgets fall back to the guest view.
    Invalid,
}

impl Refusal {
    /// From the error code of a 401 answer (`token_expired`, `token_invalid`…).
    pub fn from_code(code: Option<&str>) -> Refusal {
        if code == Some("token_expired") {
            Refusal::Expired
        } else {
            Refusal::Invalid
        }
    }
}

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

/// A new token (or none). Those who show something of the customer hear
/// [`Note::IdentityChanged`](crate::dom::bus::Note) and reload it.
pub fn set(token: Option<String>) {
    let token = token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let changed = TOKEN.with(|t| {
        let mut t = t.borrow_mut();
        let changed = *t != token;
        *t = token;
        changed
    });
    if changed {
        crate::dom::bus::tell(crate::dom::bus::Note::IdentityChanged);
    }
}

/// The server refused `token` with a 401. Drops it if it is still the current one; for an
/// expired token, asks the page for a new one first. Returns `false` when the page already
/// answered with another token (the caller then has nothing to fall back to).
pub fn refused(token: &str, why: Refusal) -> bool {
    let current = TOKEN.with(|t| t.borrow().as_deref() == Some(token));
    if current {
        TOKEN.with(|t| *t.borrow_mut() = None);
        if why == Refusal::Expired {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                crate::dom::events::emit(&doc, "rk-token-expired", None);
            }
        }
    }
    // A listener may have called `identify` with a fresh token during the event.
    TOKEN.with(|t| t.borrow().is_none())
}
