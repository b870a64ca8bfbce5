//! What the page tells RetainKit about the visit with `RetainKit.setContext({...})`:
//! `cart_value` (minor units), `currency` (ISO 4217) and any other plain values, used by
//! audience rules and to fill `{name}` placeholders in offer texts.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

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

pub fn get() -> Context {
    CONTEXT.with(|c| c.borrow().clone())
}

/// Merges the fields of a plain object into the context; `null` removes one.
pub fn merge(obj: &wasm_bindgen::JsValue) {
    let Some(obj) = obj.dyn_ref::<js_sys::Object>() else {
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
                    let text = value.as_string().or_else(|| value.as_f64().map(|n| n.to_string()));
                    if let Some(text) = text {
                        c.values.push((key, text));
                    }
                }
            }
        }
    });
}

/// Fills `{name}` placeholders from `lookup`. A sentence whose placeholder has no value is
/// left out rather than shown with a hole ("Your cart of  is waiting.").
pub fn fill(text: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for sentence in sentences(text) {
        let mut filled = String::with_capacity(sentence.len());
        let mut rest = sentence;
        let mut complete = true;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            filled.push_str(&rest[..open]);
            match lookup(&rest[open + 1..close]) {
                Some(v) => filled.push_str(&v),
                None => complete = false,
            }
            rest = &rest[close + 1..];
        }
        filled.push_str(rest);
        if complete {
            out.push_str(&filled);
        }
    }
    out.trim().to_owned()
}

/// Splits after `.`, `!` or `?` followed by a space, keeping the separators.
fn sentences(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            parts.push(&text[start..i + 2]);
            start = i + 2;
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_and_missing_values() {
        let cart = |k: &str| (k == "cart_value").then(|| "Rp 250.000".to_owned());
        assert_eq!(
            fill("Your cart of {cart_value} is waiting. Take 10% off today.", cart),
            "Your cart of Rp 250.000 is waiting. Take 10% off today."
        );
        assert_eq!(fill("Your cart of {cart_value} is waiting. Take 10% off today.", |_| None), "Take 10% off today.");
        assert_eq!(fill("Hi {name}! Wait. {unclosed", |k: &str| (k == "name").then(|| "Sari".into())), "Hi Sari! Wait. {unclosed");
        assert_eq!(fill("No placeholders", |_| None), "No placeholders");
    }
}
