//! Page-wide settings: where the API is and which language the page prefers, set by the
//! loader from `<script data-api data-locale>` and `RetainKit.init({api, locale})`; and the
//! visit's context from `RetainKit.setContext`.

use std::cell::RefCell;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Base URL of the backend, without a trailing slash; empty means the page's own origin.
    pub api: String,
    /// The page's language as the loader resolved it: `RetainKit.init({locale})` or
    /// `data-locale`, else the page's `lang`, else the browser's. Popups use it (an element
    /// has its own, in its attributes).
    pub locale: Option<String>,
    /// The page's path with its query (and a `#/` route), as URL rules match it: the loader's
    /// `here()`, passed at start and on every route change.
    pub path: String,
}

thread_local! {
    static CONFIG: RefCell<Config> = RefCell::new(Config::default());
}

pub fn get() -> Config {
    CONFIG.with(|c| c.borrow().clone())
}

pub fn set(api: Option<String>, locale: Option<String>, path: Option<String>) {
    CONFIG.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(api) = api {
            c.api = normalize_api(&api);
        }
        if let Some(l) = locale.filter(|l| !l.trim().is_empty()) {
            c.locale = Some(l);
        }
        if let Some(p) = path {
            c.path = p;
        }
    });
}

/// What the page tells RetainKit about the visit with `RetainKit.setContext({...})`:
/// `cart_value` (minor units), `currency` (ISO 4217) and any other plain values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub cart_value: Option<i64>,
    pub currency: Option<String>,
    /// Other values, as text.
    pub values: Vec<(String, String)>,
}

thread_local! {
    static CONTEXT: RefCell<Context> = RefCell::new(Context::default());
}

/// The visit's context as the page last set it.
pub fn context() -> Context {
    CONTEXT.with(|c| c.borrow().clone())
}

/// Merges the fields of a plain object into the context; `null` removes one.
pub fn merge_context(obj: &wasm_bindgen::JsValue) {
    let Some(obj) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(obj) else {
        return;
    };
    CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        for entry in js_sys::Object::entries(obj).iter() {
            let pair = js_sys::Array::from(&entry);
            let (Some(key), value) = (pair.get(0).as_string(), pair.get(1)) else {
                continue;
            };
            match key.as_str() {
                "cart_value" => c.cart_value = value.as_f64().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v.round() as i64),
                "currency" => c.currency = value.as_string().filter(|v| v.len() == 3),
                _ => {
                    c.values.retain(|(k, _)| *k != key);
                    let text = value.as_string().or_else(|| value.as_f64().map(crate::dom::num::number));
                    if let Some(text) = text {
                        c.values.push((key, text));
                    }
                }
            }
        }
    });
}

/// Trims white space and trailing slashes: `https://api.shop/ ` → `https://api.shop`.
pub fn normalize_api(api: &str) -> String {
    api.trim().trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_is_normalized_and_locale_kept() {
        assert_eq!(normalize_api(" https://api.shop.example/ "), "https://api.shop.example");
        assert_eq!(normalize_api("/"), "");
        set(Some("http://127.0.0.1:8080/".into()), Some("pl".into()), Some("/p?x=1".into()));
        set(None, Some(" ".into()), None);
        assert_eq!(get(), Config { api: "http://127.0.0.1:8080".into(), locale: Some("pl".into()), path: "/p?x=1".into() });
    }
}
