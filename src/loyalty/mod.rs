//! Loyalty: `<rk-loyalty>` (a floating launcher that opens the program's panel) and
//! `<rk-points>` (an inline badge with the balance and tier), for guests and for customers
//! the shop signs in with a short-lived token.

/// This family's own styles (`style.css`), adopted by its widgets' shadow roots.
pub static CSS: crate::theme::FamilyCss =
    crate::theme::FamilyCss { slot: 2, css: include_str!(concat!(env!("OUT_DIR"), "/loyalty.min.css")) };

pub mod earn_list;
pub mod history;
pub mod loyalty;
pub mod overview;
pub mod panel;
pub mod points;
pub mod reward_list;
pub mod state;
pub mod store;

/// The most entries the panel's long lists show (history, rewards), whatever a backend sends.
pub const MAX_LISTED: usize = 50;

use crate::i18n::Locale;
use retainkit_contract::loyalty::Program;
use retainkit_contract::survey::Texts;

/// A shop text in the shopper's language.
pub fn text(t: &Texts, l: Locale) -> String {
    t.for_locale(l.tag()).unwrap_or_default().to_owned()
}

/// The name of tier `id`, in the shopper's language.
pub fn tier_name(program: &Program, id: &str, l: Locale) -> String {
    program.tiers.iter().find(|t| t.id == id).map(|t| text(&t.name, l)).unwrap_or_default()
}

/// A link the shop configured, when it is one a page may follow (the contract's rule:
/// `http(s)://` or a path on the shop); anything else (`javascript:`, `/\evil.example`…) is
/// dropped. Any backend may send anything, so the widget checks again.
pub fn safe_url(url: Option<&str>) -> Option<String> {
    let u = url?.trim();
    retainkit_contract::is_safe_link(u).then(|| u.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_links() {
        use super::safe_url;
        assert_eq!(safe_url(Some(" /account/login ")).as_deref(), Some("/account/login"));
        assert_eq!(safe_url(Some("https://shop.example/join")).as_deref(), Some("https://shop.example/join"));
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some("//evil.example")), None);
        assert_eq!(safe_url(Some("/\\evil.example")), None);
        assert_eq!(safe_url(None), None);
    }
}
