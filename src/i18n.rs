//! Texts in English, Indonesian and Polish, and in any language a page adds. The built-in
//! texts are `locales/<language>.json`, checked and compiled in by build.rs (`Texts`, one
//! `&'static str` per key of English; `KEYS`; `EN`, `ID`, `PL`).
//!
//! A page changes texts at run time: `RetainKit.init({texts: {en: {write_review: "…"}}})` and
//! `RetainKit.addLocale("de", {…})` (the loader hands them to [`add_texts`]) and an element's
//! `texts='{"write_review":"…"}'` attribute ([`Locale::with_texts`]). A language the page adds
//! falls back to the page's English key by key and takes its plural forms from
//! `Intl.PluralRules`.

pub mod locale_file;

use std::cell::{Cell, RefCell};

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

const _: () = assert!(std::mem::size_of::<Texts>() == N * std::mem::size_of::<&str>());

/// `text` with every `key` ("{n}") replaced by `value`, as `str::replace` does, without its
/// substring searcher (about a kilobyte in every WASM chunk group that uses it).
pub fn fill(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + value.len());
    let mut rest = text;
    while let Some(i) = retainkit_contract::find_str(rest, key).filter(|_| !key.is_empty()) {
        // `get`, not `[..]`: `i` is always a character boundary, and a slice that could panic
        // brings the panic message's formatting (≈ 4 KB) into every chunk.
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push_str(value);
        rest = rest.get(i + key.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

impl Texts {
    /// These texts with some replaced, by key index; kept for the page's lifetime (a page
    /// makes a few such sets: one per `init`/`addLocale` call and per `texts` attribute).
    fn with(&self, overrides: &[(usize, &'static str)]) -> &'static Texts {
        if overrides.is_empty() {
            // SAFETY: every Texts the registry hands out is `'static` (a built-in or leaked).
            return unsafe { &*(self as *const Texts) };
        }
        // SAFETY: `Texts` is `#[repr(C)]` with N fields of type `&'static str` (the assertion
        // above checks the size), so it has the layout of `[&'static str; N]`.
        let mut slots: [&'static str; N] = unsafe { std::mem::transmute(*self) };
        for &(i, text) in overrides {
            slots[i] = text;
        }
        Box::leak(Box::new(unsafe { std::mem::transmute::<[&'static str; N], Texts>(slots) }))
    }
}

/// The index of a text key, `None` for a key RetainKit does not have.
pub fn key_index(key: &str) -> Option<usize> {
    KEYS.split(' ').position(|k| k == key)
}

/// A language the widgets speak: a built-in one, one the page added, or a language with one
/// element's own texts (its `texts` attribute). `Copy`, compared by value: it changes when the
/// texts behind it change (a page's new texts), so a widget
/// whose props hold it renders again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    index: u8,
    stamp: u16,
}

impl Default for Locale {
    fn default() -> Self {
        Locale::En
    }
}

/// The built-in languages, by index in the registry.
const BUILT_IN: [&str; 3] = ["en", "id", "pl"];

struct Entry {
    tag: &'static str,
    /// For one element's texts: the language they change.
    parent: Option<u8>,
    /// The `texts` attribute an element's entry was made from.
    source: String,
    /// Replaced texts by key index, later ones win.
    overrides: Vec<(usize, &'static str)>,
    /// The texts in force, and the base texts they were made from.
    texts: &'static Texts,
    made_from: usize,
}

thread_local! {
    static REGISTRY: RefCell<Vec<Entry>> = RefCell::new(
        BUILT_IN.iter().map(|tag| Entry { tag, parent: None, source: String::new(), overrides: Vec::new(), texts: &EN, made_from: 0 }).collect()
    );
    /// Bumped whenever any texts change.
    static STAMP: Cell<u16> = const { Cell::new(0) };
    /// The page's texts as the loader passed them, applied on the next look-up.
    static PENDING: RefCell<Option<wasm_bindgen::JsValue>> = const { RefCell::new(None) };
}

fn changed() {
    STAMP.with(|s| s.set(s.get().wrapping_add(1)));
}

/// All the page's texts: a list of `{lang: {key: text}}`, every `RetainKit.init({texts})` and
/// `addLocale` in order (the loader passes the whole list each time). They replace the
/// earlier ones when a widget next looks texts up.
pub fn add_texts(all: wasm_bindgen::JsValue) {
    if js_sys::Array::is_array(&all) {
        PENDING.with(|p| p.replace(Some(all)));
        changed();
    }
}

fn warn(message: &str, what: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_2(&wasm_bindgen::JsValue::from_str(message), &wasm_bindgen::JsValue::from_str(what));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (message, what);
}

/// A plain object's string values by key index; other keys and values are warned about.
fn pairs_of(obj: &wasm_bindgen::JsValue) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    if let Some(obj) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(obj) {
        for entry in js_sys::Object::entries(obj).iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            match (key_index(&key), pair.get(1).as_string()) {
                (Some(i), Some(text)) => out.push((i, &*Box::leak(text.into_boxed_str()))),
                _ => warn("RetainKit: no such text key, or its text is not a string:", &key),
            }
        }
    }
    out
}

fn drain_pending() {
    let Some(all) = PENDING.with(|p| p.take()) else { return };
    REGISTRY.with(|r| {
        for e in r.borrow_mut().iter_mut().filter(|e| e.parent.is_none()) {
            e.overrides.clear();
            e.made_from = 0;
        }
    });
    for batch in js_sys::Array::from(&all).iter() {
        let Some(obj) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(&batch) else { continue };
        for entry in js_sys::Object::entries(obj).iter() {
            let pair = js_sys::Array::from(&entry);
            if let Some(tag) = pair.get(0).as_string() {
                add_overrides(&tag, pairs_of(&pair.get(1)));
            }
        }
    }
}

/// Replaces texts of the language `tag` (adding the language if the page did not have it).
pub fn add_overrides(tag: &str, overrides: Vec<(usize, &'static str)>) {
    let tag = tag.trim();
    if tag.is_empty() {
        return;
    }
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let i = match find(&r, tag, true) {
            Some(i) => i,
            None => {
                r.push(Entry {
                    tag: Box::leak(tag.into()),
                    parent: None,
                    source: String::new(),
                    overrides: Vec::new(),
                    texts: &EN,
                    made_from: 0,
                });
                r.len() - 1
            }
        };
        r[i].overrides.extend(overrides);
        r[i].made_from = 0;
    });
    changed();
}

/// The language entry for a tag: its exact tag first, then its primary language (`pt-BR`
/// finds `pt`; `pt` finds `pt-BR`); `exact` only the first.
fn find(r: &[Entry], tag: &str, exact: bool) -> Option<usize> {
    let tag = tag.trim();
    let langs = || r.iter().position(|e| e.parent.is_none() && same(e.tag, tag, false));
    let by_primary = || r.iter().position(|e| e.parent.is_none() && same(e.tag, tag, true));
    langs().or_else(|| if exact || tag.is_empty() { None } else { by_primary() })
}

/// Whether two language tags are the same (case, `-` or `_` aside; `in` is Indonesian's old
/// code, as some browsers still say), or with `primary` only their first subtags.
fn same(a: &str, b: &str, primary: bool) -> bool {
    fn sub(t: &str) -> (&str, &str) {
        let (first, rest) = t.split_once(['-', '_']).unwrap_or((t, ""));
        (if first.eq_ignore_ascii_case("in") { "id" } else { first }, rest)
    }
    let norm = |b: u8| if b == b'_' { b'-' } else { b.to_ascii_lowercase() };
    let ((a1, a2), (b1, b2)) = (sub(a), sub(b));
    a1.eq_ignore_ascii_case(b1) && (primary || (a2.len() == b2.len() && a2.bytes().zip(b2.bytes()).all(|(x, y)| norm(x) == norm(y))))
}

/// The texts in force for entry `i`, made again if their base changed.
fn effective(r: &mut [Entry], i: usize) -> &'static Texts {
    let base: &'static Texts = match r[i].parent {
        Some(p) => effective(r, p as usize),
        None if i == 0 => &EN,
        None if i == 1 => &ID,
        None if i == 2 => &PL,
        // A language the page added: the page's English where it has no text.
        None => effective(r, 0),
    };
    let e = &mut r[i];
    let key = base as *const Texts as usize;
    if e.made_from != key {
        e.texts = base.with(&e.overrides);
        e.made_from = key;
    }
    e.texts
}

fn registry<T>(f: impl FnOnce(&mut Vec<Entry>) -> T) -> T {
    if PENDING.with(|p| p.borrow().is_some()) {
        drain_pending();
    }
    REGISTRY.with(|r| f(&mut r.borrow_mut()))
}

#[allow(non_upper_case_globals)]
impl Locale {
    pub const En: Locale = Locale { index: 0, stamp: 0 };
    pub const Id: Locale = Locale { index: 1, stamp: 0 };
    pub const Pl: Locale = Locale { index: 2, stamp: 0 };

    fn at(index: usize) -> Locale {
        Locale { index: index as u8, stamp: STAMP.with(Cell::get) }
    }

    /// Reads a BCP 47 tag (`pl`, `pl-PL`, `id_ID`, `in`, `EN-gb`, or a language the page
    /// added); `None` for a language we do not speak, so the caller can try the next source.
    pub fn parse(tag: &str) -> Option<Locale> {
        registry(|r| find(r, tag, false)).map(Locale::at)
    }

    /// The first tag of `candidates` that names a language we speak, else English.
    pub fn pick(candidates: &[Option<&str>]) -> Locale {
        candidates.iter().flatten().find_map(|t| Locale::parse(t)).unwrap_or_else(|| Locale::at(0))
    }

    /// This language with one element's texts (its `texts` attribute: a JSON object of key →
    /// text) over it. A bad attribute is warned about and changes nothing.
    pub fn with_texts(self, json: &str) -> Locale {
        let json = json.trim();
        if json.is_empty() {
            return self;
        }
        let parent = self.root();
        let known = registry(|r| r.iter().position(|e| e.parent == Some(parent as u8) && e.source == json));
        if let Some(i) = known {
            return Locale::at(i);
        }
        let Ok(value) = js_sys::JSON::parse(json) else {
            warn("RetainKit: the texts attribute is not a JSON object:", json);
            return self;
        };
        let overrides = pairs_of(&value);
        registry(|r| {
            if r.len() >= u8::MAX as usize {
                return self;
            }
            let tag = r[parent].tag;
            r.push(Entry { tag, parent: Some(parent as u8), source: json.to_owned(), overrides, texts: &EN, made_from: 0 });
            Locale::at(r.len() - 1)
        })
    }

    /// The language itself (an element's texts vary one).
    fn root(self) -> usize {
        registry(|r| r.get(self.index as usize).and_then(|e| e.parent).map_or(self.index as usize, usize::from))
    }

    /// The built-in language this is (or varies), `None` for one the page added.
    fn built_in(self) -> Option<usize> {
        Some(self.root()).filter(|i| *i < BUILT_IN.len())
    }

    pub fn tag(self) -> &'static str {
        registry(|r| r.get(self.index as usize).map_or("en", |e| e.tag))
    }

    pub fn texts(self) -> &'static Texts {
        registry(|r| if (self.index as usize) < r.len() { effective(r, self.index as usize) } else { &EN })
    }

    /// CLDR plural category of a whole number: our rules for the built-in languages,
    /// `Intl.PluralRules` for the others.
    pub fn plural(self, n: u64) -> Plural {
        match self.built_in() {
            Some(0) => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Some(1) => Plural::Other,
            Some(_) => {
                if n == 1 {
                    Plural::One
                } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                    Plural::Few
                } else {
                    Plural::Many
                }
            }
            None => {
                let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
                let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
                match String::from(rules.select(n as f64)).as_str() {
                    "one" => Plural::One,
                    "few" => Plural::Few,
                    "many" => Plural::Many,
                    _ => Plural::Other,
                }
            }
        }
    }

    /// A number with one decimal, in the language's notation: `4.3` or `4,3`.
    pub fn decimal(self, v: f64) -> String {
        let tenths = (v * 10.0).round() as i64;
        let Some(i) = self.built_in() else {
            // A language the page added: its own notation ("4,3", "4.3", "٤٫٣").
            return js_sys::Number::from(tenths as f64 / 10.0).to_locale_string(self.tag()).into();
        };
        let mut s = retainkit_contract::encode::int_text(tenths / 10);
        s.push(if i == 0 { '.' } else { ',' });
        s.push_str(&retainkit_contract::encode::int_text((tenths % 10).abs()));
        s
    }

    /// "12 reviews", "12 ulasan", "12 opinii".
    pub fn review_count(self, n: u64) -> String {
        let t = self.texts();
        let word = match self.plural(n) {
            Plural::One => t.review_one,
            Plural::Few => t.review_few,
            Plural::Many | Plural::Other => t.review_many,
        };
        let mut s = retainkit_contract::encode::int_text(n as i64);
        s.push(' ');
        s.push_str(word);
        s
    }

    /// "1 point", "1,500 points"; "3 punkty", "5 punktów".
    pub fn points(self, n: i64) -> String {
        let t = self.texts();
        let pattern = match self.plural(n.unsigned_abs()) {
            Plural::One => t.point_one,
            Plural::Few => t.point_few,
            Plural::Many | Plural::Other => t.point_many,
        };
        fill(pattern, "{n}", &self.number(n))
    }

    /// A whole number with the language's grouping: "1,500", "1.500", "1 500".
    pub fn number(self, n: i64) -> String {
        if n.abs() < 1000 {
            return retainkit_contract::encode::int_text(n);
        }
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let f = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new());
        f.format().call1(&f, &(n as f64).into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| retainkit_contract::encode::int_text(n))
    }

    /// "1 star", "3 stars"; "3 gwiazdki", "5 gwiazdek".
    pub fn stars_n(self, n: u64) -> String {
        let t = self.texts();
        let pattern = match self.plural(n) {
            Plural::One => t.star_one,
            Plural::Few => t.star_few,
            Plural::Many | Plural::Other => t.star_many,
        };
        fill(pattern, "{n}", &retainkit_contract::encode::int_text(n as i64))
    }

    /// "Rated 4.3 out of 5".
    pub fn rated(self, v: f64) -> String {
        fill(self.texts().rated, "{n}", &self.decimal(v))
    }

    /// "3 days ago", "3 hari yang lalu", "3 dni temu" (Intl.RelativeTimeFormat).
    pub fn relative_time(self, unix_seconds: i64, now_ms: f64) -> String {
        let (value, unit) = relative_unit(now_ms / 1000.0 - unix_seconds as f64);
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        let f = js_sys::Intl::RelativeTimeFormat::new(&locales, &options);
        f.format(-(value as f64), unit).into()
    }

    /// A money amount given in minor units (cents, sen, grosze) in the shop's currency:
    /// "Rp 250.000", "$49.90", "49,90 zł". Whole amounts drop the decimals.
    pub fn money(self, minor: i64, currency: &str) -> String {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
        let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
        // "Rp", "zł", "$" as shops write them, not "IDR" / "PLN".
        let _ = js_sys::Reflect::set(&options, &"currencyDisplay".into(), &"narrowSymbol".into());
        let (major, whole) = minor_to_major(minor, minor_digits(currency));
        if whole {
            let _ = js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &0.into());
            let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &0.into());
        }
        let f = js_sys::Intl::NumberFormat::new(&locales, &options);
        f.format().call1(&f, &major.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }
}

/// Decimal places of a currency's minor unit (ISO 4217), as shops such as Shopify count
/// them: IDR has 2 (sen), JPY none, KWD 3.
pub fn minor_digits(currency: &str) -> u32 {
    const NONE: [&str; 16] =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF"];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let c = currency.to_ascii_uppercase();
    if NONE.contains(&c.as_str()) {
        0
    } else if THREE.contains(&c.as_str()) {
        3
    } else {
        2
    }
}

/// Minor units to the major amount, and whether it is whole: (25_000_000, 2) → (250000.0, true).
pub fn minor_to_major(minor: i64, digits: u32) -> (f64, bool) {
    let scale = 10i64.pow(digits.min(4));
    (minor as f64 / scale as f64, minor % scale == 0)
}

/// The largest whole unit of an age in seconds: (3, "day") for 3.5 days.
pub fn relative_unit(age_seconds: f64) -> (i64, &'static str) {
    let s = age_seconds.max(0.0) as i64;
    const UNITS: [(i64, &str); 6] =
        [(365 * 86_400, "year"), (30 * 86_400, "month"), (7 * 86_400, "week"), (86_400, "day"), (3600, "hour"), (60, "minute")];
    for (size, unit) in UNITS {
        if s >= size {
            return (s / size, unit);
        }
    }
    (0, "minute")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

impl Texts {
    pub fn field_error(&self, e: retainkit_contract::FieldError) -> &'static str {
        use retainkit_contract::FieldError::*;
        match e {
            Required => self.field_required,
            TooLong => self.field_too_long,
            TooShort => self.field_too_short,
            OutOfRange | Invalid => self.field_invalid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_as_str_replace_does() {
        for (text, key, value) in [
            ("{n} points", "{n}", "1,500"),
            ("Rated {n} of {n}", "{n}", "4"),
            ("none", "{n}", "x"),
            ("{n}{n}", "{n}", "{n}"),
            ("Sudah {points}?", "{points}", "1.500 poin"),
            ("", "{n}", "3"),
        ] {
            assert_eq!(fill(text, key, value), text.replace(key, value));
        }
        assert_eq!(fill("ab", "", "x"), "ab", "an empty key replaces nothing (and ends)");
    }

    #[test]
    fn a_page_replaces_texts_and_adds_languages() {
        let i = |k| key_index(k).unwrap();
        let before = Locale::pick(&[Some("en")]);
        add_overrides("en", vec![(i("write_review"), "Review it")]);
        let en = Locale::pick(&[Some("en-GB")]);
        assert_ne!(en, before, "a widget holding the language renders again");
        assert_eq!((en.texts().write_review, en.texts().submit), ("Review it", "Send"));
        assert_eq!(Locale::pick(&[Some("pl")]).texts().write_review, "Napisz opinię", "other languages keep theirs");

        add_overrides("de", vec![(i("submit"), "Senden")]);
        let de = Locale::pick(&[Some("fr"), Some("de-AT")]);
        assert_eq!(de.tag(), "de");
        assert_eq!(
            (de.texts().submit, de.texts().write_review, de.texts().close),
            ("Senden", "Review it", "Close"),
            "English fills the gaps"
        );
        add_overrides("DE", vec![(i("submit"), "Absenden")]);
        assert_eq!(Locale::parse("de").unwrap().texts().submit, "Absenden", "later texts win");

        add_overrides("pt-BR", vec![(i("close"), "Fechar")]);
        assert_eq!(Locale::parse("pt_br").map(Locale::tag), Some("pt-BR"));
        assert_eq!(Locale::parse("pt").map(Locale::tag), Some("pt-BR"), "the primary language finds a regional one");
        assert_eq!(Locale::parse("in-ID").map(Locale::tag), Some("id"));
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(KEYS.split(' ').count(), N);
        assert_eq!(key_index("nope"), None);
    }

    #[test]
    fn keys_name_the_fields_in_order() {
        let keys: Vec<&str> = KEYS.split(' ').collect();
        assert_eq!(keys.len(), N);
        assert_eq!((keys[0], keys[N - 1]), ("nps_question", "loyalty_loading"));
        assert_eq!(std::mem::size_of::<Texts>(), N * std::mem::size_of::<&str>(), "one text per key, nothing else");
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Locale::parse("pl-PL"), Some(Locale::Pl));
        assert_eq!(Locale::parse("id_ID"), Some(Locale::Id));
        assert_eq!(Locale::parse("in"), Some(Locale::Id));
        assert_eq!(Locale::parse("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn picks_the_first_spoken_language() {
        assert_eq!(Locale::pick(&[None, Some("de-DE"), Some("pl")]), Locale::Pl);
        assert_eq!(Locale::pick(&[Some("fr")]), Locale::En);
        assert_eq!(Locale::pick(&[]), Locale::En);
    }

    #[test]
    fn ages() {
        assert_eq!(relative_unit(30.0), (0, "minute"));
        assert_eq!(relative_unit(3.5 * 86_400.0), (3, "day"));
        assert_eq!(relative_unit(15.0 * 86_400.0), (2, "week"));
        assert_eq!(relative_unit(400.0 * 86_400.0), (1, "year"));
    }

    #[test]
    fn plurals_and_numbers() {
        assert_eq!(Locale::En.review_count(1), "1 review");
        assert_eq!(Locale::En.review_count(12), "12 reviews");
        assert_eq!(Locale::Id.review_count(1), "1 ulasan");
        assert_eq!(Locale::Pl.review_count(1), "1 opinia");
        assert_eq!(Locale::Pl.review_count(3), "3 opinie");
        assert_eq!(Locale::Pl.review_count(5), "5 opinii");
        assert_eq!(Locale::Pl.review_count(12), "12 opinii");
        assert_eq!(Locale::Pl.review_count(22), "22 opinie");
        assert_eq!(Locale::En.rated(4.25), "Rated 4.3 out of 5");
        assert_eq!((Locale::En.stars_n(1), Locale::En.stars_n(2)), ("1 star".to_owned(), "2 stars".to_owned()));
        assert_eq!(
            (Locale::Pl.stars_n(1), Locale::Pl.stars_n(3), Locale::Pl.stars_n(5)),
            ("1 gwiazdka".to_owned(), "3 gwiazdki".to_owned(), "5 gwiazdek".to_owned())
        );
        assert_eq!(Locale::Pl.rated(4.0), "Ocena 4,0 na 5");
        assert_eq!(Locale::Id.decimal(3.96), "4,0");
    }

    #[test]
    fn minor_units() {
        assert_eq!(minor_to_major(25_000_000, 2), (250_000.0, true));
        assert_eq!(minor_to_major(4_990, 2), (49.9, false));
        assert_eq!(minor_to_major(1_500, 0), (1_500.0, true));
        assert_eq!((minor_digits("IDR"), minor_digits("jpy"), minor_digits("KWD"), minor_digits("PLN")), (2, 0, 3, 2));
    }

    #[test]
    fn every_language_has_every_text() {
        for l in [Locale::En, Locale::Id, Locale::Pl] {
            let t = l.texts();
            for s in [t.nps_question, t.nps_low, t.nps_high, t.follow_up, t.submit, t.thanks, t.retry, t.offline, t.rejected] {
                assert!(!s.trim().is_empty(), "{l:?}");
            }
            assert!(!(t.chars_left_before.to_owned() + t.chars_left).trim().is_empty(), "{l:?}");
            assert!(t.nps_low.starts_with("0 – ") && t.nps_high.starts_with("10 – "), "{l:?}");
        }
        assert_ne!(EN.submit, PL.submit);
        assert_ne!(EN.submit, ID.submit);
    }
}
