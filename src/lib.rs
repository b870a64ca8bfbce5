//! RetainKit: reviews, micro-surveys, exit-intent offers and loyalty widgets for any shop.
//!
//! The loader (`www/retainkit.js`) defines the `<rk-…>` custom elements and calls into this
//! crate through the few `#[wasm_bindgen]` functions below once a widget is near the viewport.

pub mod api;
pub mod config;
pub mod elements;
pub mod engine;
pub mod i18n;
pub mod loyalty;
pub mod popup;
pub mod reviews;
pub mod survey;
pub mod theme;
pub mod ui;

pub use elements::{mount, Mounted};
use wasm_bindgen::prelude::*;

/// Sets the API base URL and the preferred locale (from the script tag and `RetainKit.init`).
#[wasm_bindgen]
pub fn configure(api: Option<String>, locale: Option<String>) {
    config::set(api, locale);
}

/// Runs once after the WASM is instantiated: delivers what earlier page views queued, now
/// and whenever the browser comes back online.
#[wasm_bindgen]
pub fn start() {
    wasm_bindgen_futures::spawn_local(api::flush_outbox());
    if let Some(w) = web_sys::window() {
        let on_online = Closure::<dyn FnMut()>::new(|| wasm_bindgen_futures::spawn_local(api::flush_outbox()));
        if w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref()).is_ok() {
            // Lives as long as the page.
            on_online.forget();
        }
    }
}

/// `RetainKit.identify(token)`: the signed customer token the shop's server made; `null`
/// (or `RetainKit.logout()`) forgets it. Kept in memory only.
#[wasm_bindgen]
pub fn identify(token: Option<String>) {
    api::identity::set(token);
}

/// `RetainKit.open(kind, {id | page})`: `"loyalty"` opens the loyalty panel at the section
/// `id` names (`"rewards"`…); `"survey"` and `"offer"` show a popup.
#[wasm_bindgen]
pub fn open(kind: &str, id: Option<String>) {
    if kind == "loyalty" {
        loyalty::store::open(id.as_deref().and_then(loyalty::state::Page::parse).unwrap_or_default());
    } else {
        popup::open(kind, id);
    }
}
