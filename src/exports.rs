//! Everything the loader calls: the whole `#[wasm_bindgen]` surface of the WASM, in one
//! place. This is the composition root: the only module that wires the parts together.

use crate::dom::attrs::Attrs;
use crate::dom::bus::{self, Note};
use crate::elements::{call, widget_for, Call, Chunk, Widget};
use wasm_bindgen::prelude::*;

/// Sets the API base URL, the page's language (what `RetainKit.init({locale})`, the page's
/// `lang` or the browser says, as the loader resolved it), the page's path, and the page's
/// texts (`RetainKit.init({texts})`, `addLocale`: `{lang: {key: text}}` or a list of them).
#[wasm_bindgen]
pub fn configure(api: Option<String>, locale: Option<String>, path: Option<String>, texts: JsValue) {
    crate::config::set(api, locale, path);
    crate::i18n::add_texts(texts);
}

/// Runs once after the WASM is instantiated: delivers what earlier page views queued, now
/// and while the page is open (`api::keep_delivering`).
#[wasm_bindgen]
pub fn start() {
    crate::api::keep_delivering();
}

/// A widget in one element's shadow root.
#[wasm_bindgen]
pub struct Mounted {
    app: Option<Box<dyn Widget>>,
    container: web_sys::Element,
}

#[wasm_bindgen]
impl Mounted {
    /// New attribute values: the widget re-renders with them.
    pub fn update(&mut self, attrs: JsValue) {
        if let Some(app) = &mut self.app {
            app.update(&Attrs::from_js(&attrs));
        }
    }

    /// Removes the widget and everything it rendered.
    pub fn destroy(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.container.remove();
    }
}

/// Mounts the widget for `tag` into `root`, fetching its chunk first if need be. Unknown
/// tags and a chunk that cannot be fetched are a rejected promise, never a panic.
#[wasm_bindgen]
pub async fn mount(tag: String, root: web_sys::ShadowRoot, attrs: JsValue) -> Result<Mounted, JsValue> {
    let widget = widget_for(&tag)
        .await
        .map_err(|_| JsValue::from_str("RetainKit: could not load the widget's code"))?
        .ok_or_else(|| JsValue::from_str("RetainKit: unknown element"))?;
    crate::theme::adopt(&root);
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    let container = document.create_element("div")?;
    container.set_class_name("rk-root");
    root.append_child(&container)?;
    let app = widget(container.clone(), &Attrs::from_js(&attrs));
    Ok(Mounted { app: Some(app), container })
}

/// `RetainKit.identify(token)`: the signed customer token the shop's server made; `null`
/// (or `RetainKit.logout()`) forgets it. Kept in memory only.
#[wasm_bindgen]
pub fn identify(token: Option<String>) {
    crate::api::identity::set(token);
}

/// `RetainKit.open(kind, {id | page})`: `"loyalty"` opens the loyalty panel at the section
/// `id` names (`"rewards"`…); `"survey"` and `"offer"` show a popup.
/// Fetches the chunk first if need be.
#[wasm_bindgen]
pub fn open(kind: String, id: Option<String>) {
    let chunk = if kind == "loyalty" { Chunk::Loyalty } else { Chunk::Popups };
    call(chunk, Call::Open(kind, id));
}

/// The page's popup definitions, as the loader fetched them from `GET /v1/surveys/active`
/// and `GET /v1/offers/active`; replaces earlier ones (an SPA moved to another page).
/// `rules`: `{cooldownDays, perSession}` across all popups. Fetches the popups chunk.
#[wasm_bindgen]
pub fn popups(surveys: JsValue, offer: JsValue, rules: JsValue) {
    call(Chunk::Popups, Call::Popups(surveys, offer, rules));
}

/// The page moved to another URL without loading (`pushState`, `popstate`, `hashchange`);
/// `path` is the new one as the loader computed it.
#[wasm_bindgen]
pub fn route(path: String) {
    crate::config::set(None, None, Some(path));
    bus::tell(Note::RouteChanged);
}

/// `RetainKit.track(name)`: a custom event that popups can be triggered by. The loader calls
/// it once the page's popups are running (it holds earlier ones until then).
#[wasm_bindgen]
pub fn track(name: String) {
    call(Chunk::Popups, Call::Track(name));
}

/// `RetainKit.setContext({...})`: kept in the core, so it never fetches a chunk.
#[wasm_bindgen(js_name = setContext)]
pub fn set_context(values: JsValue) {
    crate::config::merge_context(&values);
}
