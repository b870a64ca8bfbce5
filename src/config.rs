//! Page-wide settings: where the API is and which language the page prefers. Set by the
//! loader from `<script data-api data-locale>` and `RetainKit.init({api, locale})`.

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
