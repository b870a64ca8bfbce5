//! Texts in English, Indonesian and Polish: `locales/<language>.json`, checked and compiled in
//! by build.rs (`Texts`, one `&'static str` per key of English; `KEYS`; `EN`, `ID`, `PL`). A
//! theme developer can override some texts with an attribute on the element (e.g.
//! `question="…"`).

pub mod locale_file;

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The languages RetainKit speaks.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Id,
    Pl,
}

impl Locale {
    /// Reads a BCP 47 tag (`pl`, `pl-PL`, `id_ID`, `in`, `EN-gb`); `None` for a language we
    /// do not speak, so the caller can try the next source.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else if primary.eq_ignore_ascii_case("id") || primary.eq_ignore_ascii_case("in") {
            Some(Locale::Id)
        } else if primary.eq_ignore_ascii_case("pl") {
            Some(Locale::Pl)
        } else {
            None
        }
    }

    /// The first tag of `candidates` that names a language we speak, else English.
    pub fn pick<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Locale {
        candidates.into_iter().flatten().find_map(Locale::parse).unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Id => "id",
            Locale::Pl => "pl",
        }
    }

    /// CLDR plural category of a whole number.
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Locale::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Locale::Id => Plural::Other,
            Locale::Pl => {
                if n == 1 {
                    Plural::One
                } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                    Plural::Few
                } else {
                    Plural::Many
                }
            }
        }
    }

    /// A number with one decimal, in the language's notation: `4.3` or `4,3`.
    pub fn decimal(self, v: f64) -> String {
        let tenths = (v * 10.0).round() as i64;
        let mut s = retainkit_contract::encode::int_text(tenths / 10);
        s.push(if self == Locale::En { '.' } else { ',' });
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

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::Id => &ID,
            Locale::Pl => &PL,
        }
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
        assert_eq!(Locale::pick([None, Some("de-DE"), Some("pl")]), Locale::Pl);
        assert_eq!(Locale::pick([Some("fr")]), Locale::En);
        assert_eq!(Locale::pick([]), Locale::En);
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
