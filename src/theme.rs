//! The widgets' styles: one constructable stylesheet shared by every shadow root, so they
//! work under a Content-Security-Policy without `'unsafe-inline'` and never leak into the
//! shop's page (nor the shop's CSS into them). Theme tokens are `--rk-*` custom properties.

use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// `theme.css`, minified by `build.rs`.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/theme.min.css"));

thread_local! {
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

fn sheet() -> Option<web_sys::CssStyleSheet> {
    SHEET.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *s = Some(sheet);
        }
        s.clone()
    })
}

/// Adds the widget stylesheet to `root`, after the sheets already there (the loader's).
pub fn adopt(root: &web_sys::ShadowRoot) {
    let Some(sheet) = sheet() else { return };
    let sheets = root.adopted_style_sheets();
    let sheet_js: &JsValue = sheet.as_ref();
    if !sheets.includes(sheet_js, 0) {
        sheets.push(sheet_js);
        root.set_adopted_style_sheets(&sheets);
    }
}
