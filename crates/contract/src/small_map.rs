//! A short ordered map from strings to values, written as a JSON object on the wire.
//!
//! Field errors and texts per language have a handful of entries; a list keeps lookups
//! trivial and keeps another map type out of the browser bundle.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallMap<V>(Vec<(String, V)>);

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<V> SmallMap<V> {
    pub fn new() -> Self {
        SmallMap(Vec::new())
    }

    /// Sets the value of `key`, replacing an earlier one.
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl SmallMap<String> {
    /// The text for `locale` (`pl-PL` also finds `pl`), else English, else the first one.
    pub fn for_locale(&self, locale: &str) -> Option<&str> {
        let primary = locale.split(['-', '_']).next().unwrap_or("");
        self.get(locale)
            .or_else(|| self.get(primary))
            .or_else(|| self.get("en"))
            .or_else(|| self.0.first().map(|(_, v)| v))
            .map(String::as_str)
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for SmallMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = SmallMap::new();
        for (k, v) in iter {
            m.insert(k.into(), v);
        }
        m
    }
}

impl<V: Serialize> Serialize for SmallMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SmallMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(core::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = SmallMap<V>;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<SmallMap<V>, A::Error> {
                let mut out = SmallMap::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    out.insert(k, v);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visit(core::marker::PhantomData))
    }
}

#[cfg(feature = "openapi")]
mod schema {
    use super::SmallMap;
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema};
    use utoipa::openapi::RefOr;

    impl<V: utoipa::ToSchema> utoipa::PartialSchema for SmallMap<V> {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new().additional_properties(Some(AdditionalProperties::RefOr(V::schema()))).into()
        }
    }
    impl<V: utoipa::ToSchema> utoipa::ToSchema for SmallMap<V> {
        /// `FieldErrorMap`, `StringMap`: one component per value type.
        fn name() -> std::borrow::Cow<'static, str> {
            let mut n = V::name().into_owned();
            n.push_str("Map");
            n.into()
        }

        fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
            out.push((V::name().into_owned(), V::schema()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_per_key_in_order_and_json_object() {
        let mut m: SmallMap<u8> = SmallMap::new();
        m.insert("b".into(), 1);
        m.insert("a".into(), 2);
        m.insert("b".into(), 3);
        assert_eq!(m.len(), 2);
        assert_eq!(m.get("b"), Some(&3));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"b":3,"a":2}"#);
        assert_eq!(serde_json::from_str::<SmallMap<u8>>(&json).unwrap(), m);
        m.remove("b");
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![("a", &2)]);
        assert!(serde_json::from_str::<SmallMap<u8>>(r#"["x"]"#).is_err());
    }

    #[test]
    fn texts_fall_back_by_language() {
        let t: SmallMap<String> = [("en", "Hello".to_owned()), ("pl", "Cześć".to_owned())].into_iter().collect();
        assert_eq!(t.for_locale("pl-PL"), Some("Cześć"));
        assert_eq!(t.for_locale("id"), Some("Hello"));
        let only: SmallMap<String> = [("id", "Halo".to_owned())].into_iter().collect();
        assert_eq!(only.for_locale("pl"), Some("Halo"));
        assert_eq!(SmallMap::<String>::new().for_locale("en"), None);
    }
}
