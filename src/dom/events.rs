//! The `rk-…` DOM events: CustomEvents that bubble and cross the shadow boundary
//! (`composed`), with a plain-object `detail` built field by field (the names and types are
//! listed once, in `crates/elements`).

use wasm_bindgen::JsValue;

/// An event's `detail`.
pub struct Detail(js_sys::Object);

impl Default for Detail {
    fn default() -> Self {
        Detail(js_sys::Object::new())
    }
}

impl Detail {
    pub fn new() -> Detail {
        Detail::default()
    }

    fn set(self, key: &str, value: JsValue) -> Detail {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    pub fn str(self, key: &str, value: &str) -> Detail {
        self.set(key, JsValue::from_str(value))
    }

    /// `null` when there is none.
    pub fn opt_str(self, key: &str, value: Option<&str>) -> Detail {
        self.set(key, value.map(JsValue::from_str).unwrap_or(JsValue::NULL))
    }

    pub fn num(self, key: &str, value: f64) -> Detail {
        self.set(key, JsValue::from_f64(value))
    }

    /// `null` when there is none.
    pub fn opt_num(self, key: &str, value: Option<f64>) -> Detail {
        self.set(key, value.map(JsValue::from_f64).unwrap_or(JsValue::NULL))
    }

    pub fn bool(self, key: &str, value: bool) -> Detail {
        self.set(key, JsValue::from_bool(value))
    }
}

/// Dispatches `name` on `from` with `detail` (`null` when there is none).
pub fn emit(from: &web_sys::EventTarget, name: &str, detail: Option<Detail>) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail.map(|d| JsValue::from(d.0)).unwrap_or(JsValue::NULL));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = from.dispatch_event(&event);
    }
}
