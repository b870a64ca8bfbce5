//! Reading the contract's types from parsed JSON without serde's machinery.
//!
//! serde's derives, through `serde-wasm-bindgen`, cost the browser bundle tens of kilobytes
//! (a visitor per type, and the internally tagged enums buffer every value in a generic
//! `Content` tree). [`Decode`] reads the same JSON straight from the parsed value: in the
//! browser a `JsValue` from `JSON.parse`/`Response.json()` ([`Source`] is implemented for it
//! with the `browser` feature), in tests a `serde_json::Value`. `#[derive(Decode)]` reads the
//! types' own `#[serde(...)]` attributes, so a type is defined once, and a test checks that
//! both ways read every example alike.

pub use retainkit_contract_derive::Decode;

/// The value is not what the contract says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// A parsed JSON value.
pub trait Source: Sized {
    /// The member `name` when this is an object that has it (`undefined` counts as absent).
    fn field(&self, name: &str) -> Option<Self>;
    /// A JSON object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// `null` (or `undefined`).
    fn is_null(&self) -> bool;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The members of an object, in order.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
}

/// A type read from a parsed JSON value.
pub trait Decode<S: Source>: Sized {
    fn decode(v: &S) -> Result<Self, Malformed>;

    /// The value of an absent field: an error, but `None` for an `Option` (as with serde).
    fn absent() -> Result<Self, Malformed> {
        Err(Malformed)
    }
}

/// Reads the member `name` of the object `v`.
pub fn field<S: Source, T: Decode<S>>(v: &S, name: &str) -> Result<T, Malformed> {
    match v.field(name) {
        Some(x) => T::decode(&x),
        None => T::absent(),
    }
}

/// Reads the member `name` of `v`, or `default()` when it is absent (`#[serde(default)]`).
pub fn field_or<S: Source, T: Decode<S>>(v: &S, name: &str, default: impl FnOnce() -> T) -> Result<T, Malformed> {
    match v.field(name) {
        Some(x) => T::decode(&x),
        None => Ok(default()),
    }
}

/// Reads a whole value.
pub fn decode<S: Source, T: Decode<S>>(v: &S) -> Result<T, Malformed> {
    T::decode(v)
}

impl<S: Source> Decode<S> for String {
    fn decode(v: &S) -> Result<Self, Malformed> {
        v.string().ok_or(Malformed)
    }
}

impl<S: Source> Decode<S> for bool {
    fn decode(v: &S) -> Result<Self, Malformed> {
        v.boolean().ok_or(Malformed)
    }
}

impl<S: Source> Decode<S> for f64 {
    fn decode(v: &S) -> Result<Self, Malformed> {
        v.number().ok_or(Malformed)
    }
}

/// A whole number in `[min, max]` (at most ±2⁵³, what a JSON number carries exactly).
fn whole<S: Source>(v: &S, min: f64, max: f64) -> Result<f64, Malformed> {
    let n = v.number().ok_or(Malformed)?;
    if n.fract() == 0.0 && n >= min && n <= max {
        Ok(n)
    } else {
        Err(Malformed)
    }
}

const SAFE: f64 = 9_007_199_254_740_991.0;

macro_rules! integers {
    ($($t:ty => $min:expr, $max:expr;)*) => {$(
        impl<S: Source> Decode<S> for $t {
            fn decode(v: &S) -> Result<Self, Malformed> {
                whole(v, $min, $max).map(|n| n as $t)
            }
        }
    )*};
}

integers! {
    u8 => 0.0, u8::MAX as f64;
    u16 => 0.0, u16::MAX as f64;
    u32 => 0.0, u32::MAX as f64;
    u64 => 0.0, SAFE;
    usize => 0.0, u32::MAX as f64;
    i32 => i32::MIN as f64, i32::MAX as f64;
    i64 => -SAFE, SAFE;
}

impl<S: Source, T: Decode<S>> Decode<S> for Option<T> {
    fn decode(v: &S) -> Result<Self, Malformed> {
        if v.is_null() {
            Ok(None)
        } else {
            T::decode(v).map(Some)
        }
    }

    fn absent() -> Result<Self, Malformed> {
        Ok(None)
    }
}

impl<S: Source, T: Decode<S>> Decode<S> for Vec<T> {
    fn decode(v: &S) -> Result<Self, Malformed> {
        v.items().ok_or(Malformed)?.iter().map(T::decode).collect()
    }
}

impl<S: Source, T: Decode<S> + Copy + Default, const N: usize> Decode<S> for [T; N] {
    fn decode(v: &S) -> Result<Self, Malformed> {
        let items = v.items().ok_or(Malformed)?;
        if items.len() != N {
            return Err(Malformed);
        }
        let mut out = [T::default(); N];
        for (slot, item) in out.iter_mut().zip(&items) {
            *slot = T::decode(item)?;
        }
        Ok(out)
    }
}

impl<S: Source, V: Decode<S>> Decode<S> for crate::SmallMap<V> {
    fn decode(v: &S) -> Result<Self, Malformed> {
        let mut out = crate::SmallMap::new();
        for (k, x) in v.entries().ok_or(Malformed)? {
            out.insert(k, V::decode(&x)?);
        }
        Ok(out)
    }
}

#[cfg(feature = "browser")]
mod js {
    use super::Source;
    use wasm_bindgen::{JsCast, JsValue};

    impl Source for JsValue {
        fn field(&self, name: &str) -> Option<JsValue> {
            if !self.is_object() {
                return None;
            }
            js_sys::Reflect::get(self, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined())
        }

        fn is_object(&self) -> bool {
            JsValue::is_object(self) && !js_sys::Array::is_array(self)
        }

        fn is_null(&self) -> bool {
            self.is_null() || self.is_undefined()
        }

        fn string(&self) -> Option<String> {
            self.as_string()
        }

        fn number(&self) -> Option<f64> {
            self.as_f64()
        }

        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }

        fn items(&self) -> Option<Vec<JsValue>> {
            self.dyn_ref::<js_sys::Array>().map(|a| a.iter().collect())
        }

        fn entries(&self) -> Option<Vec<(String, JsValue)>> {
            if !Source::is_object(self) {
                return None;
            }
            let entries = js_sys::Object::entries(self.unchecked_ref());
            Some(
                entries
                    .iter()
                    .filter_map(|pair| {
                        let pair: js_sys::Array = pair.unchecked_into();
                        Some((pair.get(0).as_string()?, pair.get(1)))
                    })
                    .collect(),
            )
        }
    }
}

#[cfg(feature = "json")]
mod json {
    use super::Source;
    use serde_json::Value;

    impl Source for Value {
        fn field(&self, name: &str) -> Option<Value> {
            self.as_object()?.get(name).cloned()
        }

        fn is_object(&self) -> bool {
            self.is_object()
        }

        fn is_null(&self) -> bool {
            self.is_null()
        }

        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }

        fn number(&self) -> Option<f64> {
            self.as_f64()
        }

        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }

        fn items(&self) -> Option<Vec<Value>> {
            self.as_array().cloned()
        }

        fn entries(&self) -> Option<Vec<(String, Value)>> {
            Some(self.as_object()?.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        }
    }
}
