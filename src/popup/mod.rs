//! Popups: surveys the server defines for the page and the exit offer, shown by the
//! trigger and capping engine (`crate::engine`). The loader fetches the page's definitions
//! at idle and loads the WASM only when there is something that could show; [`popups`]
//! then starts the browser layer ([`signals`]) that feeds the engine real events.

pub mod context;
pub mod exit_offer;
pub mod popup;
mod runtime;
mod signals;

use crate::i18n::Locale;
use retainkit_contract::decode::Decode;
use retainkit_contract::offers::{ActiveOffer, ExitOffer};
use retainkit_contract::survey::{ActiveSurveys, Display, Placement, SurveyDefinition, Texts};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What a popup shows.
#[derive(Debug, Clone)]
pub enum Item {
    Survey(Rc<SurveyDefinition>),
    Offer(Rc<ExitOffer>),
}

/// By identity: a definition is never changed once loaded (and the bundle has no code
/// comparing definitions field by field).
impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        match (self, other) {
            (Item::Survey(a), Item::Survey(b)) => Rc::ptr_eq(a, b),
            (Item::Offer(a), Item::Offer(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Survey(d) => &d.id,
            Item::Offer(o) => &o.id,
        }
    }

    /// `"survey"` or `"offer"`: the `kind` in events and in `RetainKit.open`.
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Survey(_) => "survey",
            Item::Offer(_) => "offer",
        }
    }

    pub fn display(&self) -> &Display {
        match self {
            Item::Survey(d) => &d.display,
            Item::Offer(o) => &o.display,
        }
    }
}

/// An offer text in the shopper's language with `{cart_value}` and other context values
/// filled in; a sentence whose value the page did not give is left out.
pub fn fill_offer_text(texts: &Texts, l: Locale) -> String {
    let ctx = context::get();
    let text = texts.for_locale(l.tag()).unwrap_or("");
    context::fill(text, |name| match name {
        "cart_value" => ctx.cart_value.map(|v| l.money(v, ctx.currency.as_deref().unwrap_or("USD"))),
        other => ctx.values.iter().find(|(k, _)| k == other).map(|(_, v)| v.clone()),
    })
}

/// The page's popup definitions (see `exports::popups`).
pub fn set_popups(surveys: JsValue, offer: JsValue, rules: JsValue) {
    let mut items: Vec<Item> = ActiveSurveys::decode(&surveys)
        .map(|a| a.surveys.into_iter().filter(|s| s.display.placement != Placement::Inline).map(|s| Item::Survey(Rc::new(s))).collect())
        .unwrap_or_default();
    if let Ok(ActiveOffer { offer: Some(o) }) = ActiveOffer::decode(&offer) {
        items.push(Item::Offer(Rc::new(o)));
    }
    let rule = |name: &str| js_sys::Reflect::get(&rules, &name.into()).ok();
    let number = |name: &str| rule(name).and_then(|v| v.as_f64());
    runtime::set_items(items, number("cooldownDays"), number("perSession"), rule("historySentinel").and_then(|v| v.as_bool()));
}

/// Forgets the page's popups, closing one that is open (see `testing::fresh_page`).
pub fn reset() {
    runtime::reset();
}

/// `RetainKit.track(name)`: a custom event that popups can be triggered by.
pub fn track(name: &str) {
    runtime::track(name);
}

/// `RetainKit.open(kind, {id})`: shows a popup now, whatever its triggers and caps (but
/// never over another one). `kind` is `"survey"` (with an id) or `"offer"`.
pub fn open(kind: &str, id: Option<String>) {
    runtime::open(kind, id);
}
