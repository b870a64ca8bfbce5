//! What the page tells RetainKit about the visit with `RetainKit.setContext({...})` (kept by
//! [`crate::config`], so setting it never loads a popup's code), used by audience rules and
//! to fill `{name}` placeholders in offer texts.

pub use crate::config::Context;

/// The visit's context as the page last set it.
pub fn get() -> Context {
    crate::config::context()
}

/// Fills `{name}` placeholders from `lookup`. A sentence whose placeholder has no value is
/// left out rather than shown with a hole ("Your cart of  is waiting.").
pub fn fill(text: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for sentence in sentences(text) {
        let mut filled = String::with_capacity(sentence.len());
        let mut rest = sentence;
        let mut complete = true;
        // `get`, not `[..]` (no panic path: see `i18n::fill`); `{` and `}` are ASCII, so
        // every index here is a character boundary.
        while let Some(open) = rest.find('{') {
            let Some(close) = rest.get(open..).and_then(|r| r.find('}')).map(|c| open + c) else {
                break;
            };
            filled.push_str(rest.get(..open).unwrap_or_default());
            match lookup(rest.get(open + 1..close).unwrap_or_default()) {
                Some(v) => filled.push_str(&v),
                None => complete = false,
            }
            rest = rest.get(close + 1..).unwrap_or_default();
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
            parts.push(text.get(start..i + 2).unwrap_or_default());
            start = i + 2;
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
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
