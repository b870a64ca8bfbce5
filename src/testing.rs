//! For tests in a browser: a page state as fresh as a new page view. The widgets keep
//! page-wide state (the customer, the loyalty store, the popups, the outbox) for as long as
//! the page lives; tests share one page.

/// Forgets the customer, the loyalty store, the popups and every `rk:` key.
#[doc(hidden)]
pub fn fresh_page() {
    crate::api::identity::set(None);
    crate::loyalty::store::reset();
    crate::popup::reset();
    crate::api::storage::clear();
}
