//! The widgets' styles: one constructable stylesheet shared by every shadow root, so they
//! work under a Content-Security-Policy without `'unsafe-inline'` and never leak into the
//! shop's page (nor the shop's CSS into them). Theme tokens are `--rk-*` custom properties.

use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// `theme.css`, minified by `build.rs`.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/theme.min.css"));

/// A family's own styles (`src/<family>/style.css`, minified), adopted after [`CSS`] by the
/// family's widgets: they travel in the family's chunk, not in the core.
pub struct FamilyCss {
    pub slot: usize,
    pub css: &'static str,
}

thread_local! {
    /// The core's sheet, then one per family that has its own.
    static SHEETS: RefCell<[Option<web_sys::CssStyleSheet>; 3]> = const { RefCell::new([None, None, None]) };
}

fn sheet(slot: usize, css: &str) -> Option<web_sys::CssStyleSheet> {
    SHEETS.with(|s| {
        let mut s = s.borrow_mut();
        if s[slot].is_none() {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(css).ok()?;
            s[slot] = Some(sheet);
        }
        s[slot].clone()
    })
}

/// Adds the widget stylesheet to `root`, after the sheets already there (the loader's).
pub fn adopt(root: &web_sys::ShadowRoot) {
    add(root, 0, CSS);
}

/// Adds a family's own stylesheet to the shadow root `inside` lives in (after the core's).
pub fn adopt_family(inside: &web_sys::Element, family: &FamilyCss) {
    use wasm_bindgen::JsCast;
    if let Ok(root) = inside.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        add(&root, family.slot, family.css);
    }
}

fn add(root: &web_sys::ShadowRoot, slot: usize, css: &str) {
    let Some(sheet) = sheet(slot, css) else { return };
    let sheets = root.adopted_style_sheets();
    let sheet_js: &JsValue = sheet.as_ref();
    if !sheets.includes(sheet_js, 0) {
        sheets.push(sheet_js);
        root.set_adopted_style_sheets(&sheets);
    }
}
