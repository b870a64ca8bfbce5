//! Element attributes as the loader passes them: a plain object of name → string.

use wasm_bindgen::JsValue;

/// A widget's properties, read from its element's attributes (each component implements it;
/// the element table in `crates/elements` lists the attributes).
pub trait FromAttrs {
    fn from_attrs(attrs: &Attrs) -> Self;
}

/// The attributes of one element, plus `_locale`: its language as the loader resolved it
/// (its `locale` or `lang` attribute, `RetainKit.init({locale})`, the nearest `lang` above
/// it, the browser's language: the first that is set).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs(pub Vec<(String, String)>);

impl Attrs {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A non-empty, trimmed value.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// A boolean attribute: present means on, except `"false"`, `"off"`, `"no"`, `"0"`.
    pub fn flag(&self, name: &str, default: bool) -> bool {
        match self.get(name) {
            None => default,
            Some(v) => !matches!(v.trim().to_ascii_lowercase().as_str(), "false" | "off" | "no" | "0"),
        }
    }

    /// The widget's language: the loader's `_locale` (its own `locale` or `lang` first when
    /// it is missing, as in tests), with the element's own texts (`texts` attribute) over it.
    pub fn locale(&self) -> crate::i18n::Locale {
        let l = crate::i18n::Locale::pick(&[self.get("locale"), self.get("lang"), self.get("_locale")]);
        match self.get("texts") {
            Some(json) => l.with_texts(json),
            None => l,
        }
    }

    pub fn from_js(value: &JsValue) -> Attrs {
        let mut out = Vec::new();
        if let Some(obj) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(value) {
            for entry in js_sys::Object::entries(obj).iter() {
                let pair = js_sys::Array::from(&entry);
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                    out.push((k, v));
                }
            }
        }
        Attrs(out)
    }

    #[cfg(test)]
    pub fn of(pairs: &[(&str, &str)]) -> Attrs {
        Attrs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_and_flags() {
        let a = Attrs::of(&[("survey-id", " nps "), ("follow-up", "off"), ("compact", ""), ("empty", "  ")]);
        assert_eq!(a.text("survey-id"), Some("nps"));
        assert_eq!(a.text("empty"), None);
        assert_eq!(a.text("missing"), None);
        assert!(!a.flag("follow-up", true));
        assert!(a.flag("compact", false));
        assert!(a.flag("missing", true));
    }
}
