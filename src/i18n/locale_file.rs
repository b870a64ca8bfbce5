//! The locale files, `locales/<language>.json`: one flat JSON object, text key → text, in
//! the order the texts are documented. `build.rs` reads them with these functions and
//! compiles them into the widgets (`locales/en.json` defines the keys); a translation with a
//! missing or extra key, or whose `{placeholders}` differ from English, fails the build.
//! No dependencies: build.rs includes this file as it is.

/// The pairs of a flat JSON object whose values are all strings, in file order.
pub fn parse(json: &str) -> Result<Vec<(String, String)>, String> {
    let mut p = Parser { s: json.as_bytes(), i: 0 };
    let mut out = Vec::new();
    p.ws();
    p.expect(b'{')?;
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            let key = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            let value = p.string().map_err(|e| format!("{key}: {e} (every value is a string)"))?;
            out.push((key, value));
            p.ws();
            match p.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                _ => return Err(format!("expected `,` or `}}` at byte {}", p.i)),
            }
        }
    }
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("text after the object at byte {}", p.i));
    }
    Ok(out)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.i += 1;
        c
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.next() == Some(c) {
            Ok(())
        } else {
            Err(format!("expected `{}` at byte {}", c as char, self.i - 1))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.next() {
                None => return Err("unterminated string".into()),
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.next() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'u') => {
                            let hex = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
                            self.i += 4;
                            let code =
                                u32::from_str_radix(std::str::from_utf8(hex).map_err(|e| e.to_string())?, 16).map_err(|e| e.to_string())?;
                            char::from_u32(code).ok_or("a \\u escape that is not a character (surrogates are not supported)")?
                        }
                        _ => return Err(format!("bad escape at byte {}", self.i - 1)),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Some(c) if c < 0x20 => return Err(format!("a control character in a string at byte {}", self.i - 1)),
                Some(c) => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|e| e.to_string())
    }
}

/// The `{name}` placeholders of a text, sorted, each once.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        match rest[start..].find('}') {
            Some(len) => {
                out.push(&rest[start..start + len + 1]);
                rest = &rest[start + len + 1..];
            }
            None => break,
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What is wrong with a locale file, given English (which defines the keys): duplicate,
/// missing and extra keys, keys that are not `snake_case`, and texts whose placeholders
/// differ from the English text's. Empty when it is right.
pub fn problems(lang: &str, en: &[(String, String)], texts: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (key, text)) in texts.iter().enumerate() {
        if texts[..i].iter().any(|(k, _)| k == key) {
            out.push(format!("{lang}: `{key}` is there twice"));
        }
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            out.push(format!("{lang}: `{key}` is not a snake_case key"));
        }
        match en.iter().find(|(k, _)| k == key) {
            None => out.push(format!("{lang}: `{key}` is not a key of locales/en.json")),
            Some((_, english)) => {
                let (want, got) = (placeholders(english), placeholders(text));
                if want != got {
                    out.push(format!("{lang}: `{key}` has the placeholders {got:?}; English has {want:?}"));
                }
            }
        }
    }
    for (key, _) in en {
        if !texts.iter().any(|(k, _)| k == key) {
            out.push(format!("{lang}: `{key}` is missing"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parses_a_flat_object_in_order() {
        assert_eq!(
            parse("{\n \"b\": \"x \\\"y\\\" \\u00e9\",\n \"a\": \"Zażółć\" }\n").unwrap(),
            pairs(&[("b", "x \"y\" é"), ("a", "Zażółć")])
        );
        assert_eq!(parse("{}").unwrap(), vec![]);
        for bad in ["", "[]", "{\"a\": 1}", "{\"a\": \"x\",}", "{\"a\": \"x\"} x", "{\"a\" \"x\"}", "{\"a\": \"x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders("Spend {points} on “{reward}”, {points}"), vec!["{points}", "{reward}"]);
        assert_eq!(placeholders("no {braces"), Vec::<&str>::new());
    }

    #[test]
    fn reports_every_kind_of_mistake() {
        let en = pairs(&[("rated", "Rated {n} out of 5"), ("send", "Send"), ("close", "Close")]);
        assert!(problems("pl", &en, &pairs(&[("rated", "Ocena {n} na 5"), ("send", "Wyślij"), ("close", "Zamknij")])).is_empty());
        let p = problems("xx", &en, &pairs(&[("rated", "Rated {m}"), ("send", "a"), ("send", "b"), ("Extra-Key", "c")]));
        assert_eq!(
            p,
            vec![
                "xx: `rated` has the placeholders [\"{m}\"]; English has [\"{n}\"]",
                "xx: `send` is there twice",
                "xx: `Extra-Key` is not a snake_case key",
                "xx: `Extra-Key` is not a key of locales/en.json",
                "xx: `close` is missing",
            ]
        );
    }

    /// The shipped files: what build.rs checks, also as a test that names every problem.
    #[test]
    fn the_shipped_locales_are_complete() {
        // From the widget crate, or from crates/elements (which includes this file too).
        let dir = ["locales", "../../locales"]
            .map(|d| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d))
            .into_iter()
            .find(|d| d.is_dir())
            .unwrap();
        let read = |l: &str| parse(&std::fs::read_to_string(dir.join(format!("{l}.json"))).unwrap()).unwrap();
        let en = read("en");
        assert!(problems("en", &en, &en).is_empty());
        for l in ["id", "pl"] {
            assert_eq!(problems(l, &en, &read(l)), Vec::<String>::new());
        }
    }
}
