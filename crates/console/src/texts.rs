//! The console's own words in English, Indonesian and Polish. The English text is the key
//! (`t("Reviews")`), as gettext does: the source reads as the page does, and a text without a
//! translation shows in English. The translations are `locales/id.json` and `locales/pl.json`
//! (English → translation), served beside the console and fetched only when that language is
//! chosen (an English console pays nothing for them); a test fails when a text of the source
//! is missing from either, when either has a text the source no longer uses, or when a
//! `{placeholder}` differs. `tk("…")` marks a text kept in a constant and translated where it
//! is shown.
//!
//! What the shop and its shoppers wrote, and the server's error messages, are shown as they
//! are.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The languages the console speaks: (tag, its own name).
pub const LANGUAGES: [(&str, &str); 3] = [("en", "English"), ("id", "Bahasa Indonesia"), ("pl", "Polski")];

const STORE_KEY: &str = "rk-console-lang";

type Table = HashMap<&'static str, &'static str>;

thread_local! {
    static CURRENT: Cell<&'static str> = const { Cell::new("en") };
    static TABLE: Cell<Option<&'static Table>> = const { Cell::new(None) };
    /// The tables read so far, each kept for the page's life.
    static READ: RefCell<Vec<(&'static str, &'static Table)>> = const { RefCell::new(Vec::new()) };
}

/// A translation table from its JSON (English → translation).
fn parse(json: &str) -> Option<&'static Table> {
    let parsed: HashMap<String, String> = serde_json::from_str(json).ok()?;
    let leaked: Table = parsed.into_iter().map(|(k, v)| (&*Box::leak(k.into_boxed_str()), &*Box::leak(v.into_boxed_str()))).collect();
    Some(Box::leak(Box::new(leaked)))
}

/// The text in the console's language (English when it has no translation).
pub fn t(en: &'static str) -> &'static str {
    TABLE.with(|c| c.get()).and_then(|m| m.get(en).copied()).unwrap_or(en)
}

/// `text` with each `{name}` replaced by its value in `values` (in one pass: a value is never
/// read for placeholders).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let found = rest.find('}').and_then(|j| values.iter().find(|(n, _)| *n == &rest[1..j]).map(|(_, v)| (j, *v)));
        match found {
            Some((j, v)) => {
                out.push_str(v);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// [`fill`] with markup: each `{name}` becomes its `Html` (a `<code>` in a sentence, say).
pub fn fill_html(text: &str, values: &[(&str, yew::Html)]) -> yew::Html {
    let mut parts: Vec<yew::Html> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let found = rest[i..].find('}').and_then(|j| values.iter().find(|(n, _)| *n == &rest[i + 1..i + j]).map(|(_, h)| (j, h.clone())));
        match found {
            Some((j, h)) => {
                parts.push(yew::Html::from(rest[..i].to_string()));
                parts.push(h);
                rest = &rest[i + j + 1..];
            }
            None => {
                parts.push(yew::Html::from(rest[..=i].to_string()));
                rest = &rest[i + 1..];
            }
        }
    }
    parts.push(yew::Html::from(rest.to_string()));
    parts.into_iter().collect()
}

/// Marks a text kept in a constant as one to translate (with [`t`] where it is shown).
pub const fn tk(en: &'static str) -> &'static str {
    en
}

/// The console's language now.
pub fn current() -> &'static str {
    CURRENT.with(|c| c.get())
}

/// Speaks `lang` from now on (one of [`LANGUAGES`]; English otherwise, and when its table
/// cannot be read), says so on `<html lang>` and in the page's title, and keeps the choice for
/// the next visit. The table is fetched the first time a language is chosen.
pub async fn choose(lang: &str) {
    let (tag, _) = LANGUAGES.iter().copied().find(|(l, _)| *l == lang).unwrap_or(LANGUAGES[0]);
    let table = match (tag, READ.with(|r| r.borrow().iter().find(|(l, _)| *l == tag).map(|(_, t)| *t))) {
        ("en", _) => None,
        (_, Some(t)) => Some(t),
        _ => {
            let fetched = fetch_table(tag).await;
            if let Some(t) = fetched {
                READ.with(|r| r.borrow_mut().push((tag, t)));
            }
            fetched
        }
    };
    let tag = if table.is_none() { "en" } else { tag };
    CURRENT.with(|c| c.set(tag));
    TABLE.with(|c| c.set(table));
    if let Some(w) = web_window() {
        if let Some(doc) = w.document() {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", tag);
            }
            doc.set_title(t("RetainKit — merchant console"));
        }
        if let Ok(Some(s)) = w.local_storage() {
            let _ = s.set_item(STORE_KEY, tag);
        }
    }
}

async fn fetch_table(tag: &str) -> Option<&'static Table> {
    // (None in native tests.)
    web_window()?;
    let res = gloo_net::http::Request::get(&format!("/admin/locales/{tag}.json")).send().await.ok()?;
    if !res.ok() {
        return None;
    }
    parse(&res.text().await.ok()?)
}

/// The browser's window (none in native tests).
fn web_window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The language chosen before, else the first of the browser's the console speaks, else
/// English.
pub fn preferred() -> &'static str {
    let Some(w) = web_window() else { return "en" };
    let stored = w.local_storage().ok().flatten().and_then(|s| s.get_item(STORE_KEY).ok().flatten());
    let browser = w.navigator().languages().iter().filter_map(|l| l.as_string()).collect::<Vec<_>>();
    stored
        .into_iter()
        .chain(browser)
        .find_map(|l| {
            let primary = l.split('-').next().unwrap_or("").to_ascii_lowercase();
            // Indonesian's old tag is "in".
            let primary = if primary == "in" { "id".to_string() } else { primary };
            LANGUAGES.iter().find(|(tag, _)| *tag == primary).map(|(tag, _)| *tag)
        })
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every literal given to `t(` or `tk(` in the console's source.
    fn keys_in_source() -> BTreeSet<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Code only: no tests, no comments.
            let text: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let text = text.as_str();
            for call in ["t(\"", "tk(\""] {
                let mut rest = text;
                while let Some(i) = rest.find(call) {
                    let before = rest[..i].chars().next_back();
                    rest = &rest[i + call.len()..];
                    // `t(` alone, not the end of another name (`format(`, `split(`).
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let mut lit = String::new();
                    let mut chars = rest.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => match chars.next() {
                                Some('n') => lit.push('\n'),
                                Some(o) => lit.push(o),
                                None => break,
                            },
                            '"' => break,
                            c => lit.push(c),
                        }
                    }
                    keys.insert(lit);
                }
            }
        }
        keys
    }

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.match_indices('{').filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..i + j + 1])).collect()
    }

    #[test]
    fn every_text_is_translated_with_the_same_placeholders_and_nothing_else() {
        let keys = keys_in_source();
        assert!(keys.len() > 200, "found only {} texts: is the scan broken?", keys.len());
        for lang in ["id", "pl"] {
            let table: HashMap<String, String> = serde_json::from_str(&file(lang)).unwrap();
            let missing: Vec<&String> = keys.iter().filter(|k| !table.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang}.json lacks {missing:#?}");
            let extra: Vec<&String> = table.keys().filter(|k| !keys.contains(*k)).collect();
            assert!(extra.is_empty(), "{lang}.json has texts the source does not use: {extra:#?}");
            for (en, tr) in &table {
                assert_eq!(placeholders(en), placeholders(tr), "{lang}: the placeholders of {en:?} and {tr:?}");
                assert!(!tr.trim().is_empty(), "{lang}: {en:?} is empty");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_by_name_in_one_pass() {
        assert_eq!(fill("{b} after {a}", &[("a", "1"), ("b", "{a}")]), "{a} after 1");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    fn file(lang: &str) -> String {
        std::fs::read_to_string(format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn a_table_translates_and_english_is_the_fallback() {
        TABLE.with(|c| c.set(parse(&file("pl"))));
        assert_eq!(t("Reviews"), "Opinie");
        assert_eq!(t("a text no table has"), "a text no table has");
        TABLE.with(|c| c.set(parse(&file("id"))));
        assert_eq!(t("Reviews"), "Ulasan");
        TABLE.with(|c| c.set(None));
        assert_eq!(t("Reviews"), "Reviews");
        assert!(parse("not json").is_none());
    }
}
