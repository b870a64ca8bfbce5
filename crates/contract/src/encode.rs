//! Writing the contract's types as JSON text without serde's machinery: `#[derive(Encode)]`
//! writes what serde_json writes for the same type and attributes (a test compares both on
//! every example), straight into a string. With [`script_safe`], the text can also stand
//! inside an HTML `<script>` element (JSON-LD).

pub use retainkit_contract_derive::Encode;

/// A type written as JSON.
pub trait Encode {
    fn encode(&self, out: &mut Json);
}

/// JSON text being written.
#[derive(Debug, Default)]
pub struct Json {
    text: String,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 too.
    script_safe: bool,
}

impl Json {
    /// Starts an object.
    pub fn open(&mut self) {
        self.text.push('{');
    }

    pub fn close(&mut self) {
        self.text.push('}');
    }

    /// Starts the next member of the object being written.
    pub fn key(&mut self, name: &str) {
        self.comma('{');
        self.string(name);
        self.text.push(':');
    }

    fn comma(&mut self, opened: char) {
        if !self.text.ends_with(opened) {
            self.text.push(',');
        }
    }

    pub fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.text.reserve(s.len() + 2);
        self.text.push('"');
        for c in s.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                '\t' => self.text.push_str("\\t"),
                '\u{8}' => self.text.push_str("\\b"),
                '\u{c}' => self.text.push_str("\\f"),
                c if (c as u32) < 0x20 || (self.script_safe && matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}')) => {
                    let n = c as u32;
                    self.text.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        self.text.push(HEX[((n >> shift) & 15) as usize] as char);
                    }
                }
                c => self.text.push(c),
            }
        }
        self.text.push('"');
    }

    /// A whole number.
    pub fn integer(&mut self, n: i64) {
        push_int(&mut self.text, n);
    }

    /// A number as `JSON.stringify` writes it: whole ones without a fraction (`1`, where
    /// serde_json writes `1.0`), the others in their shortest round-trip form.
    pub fn number(&mut self, n: f64) {
        if !n.is_finite() {
            self.text.push_str("null");
        } else if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            self.integer(n as i64);
        } else {
            self.fraction(n);
        }
    }

    #[cfg(all(feature = "browser", target_arch = "wasm32"))]
    fn fraction(&mut self, n: f64) {
        // The browser's own formatting, without Rust's float formatting in the bundle.
        let s: String = js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default();
        self.text.push_str(&s);
    }

    #[cfg(not(all(feature = "browser", target_arch = "wasm32")))]
    fn fraction(&mut self, n: f64) {
        use std::fmt::Write;
        let _ = write!(self.text, "{n}");
    }

    pub fn null(&mut self) {
        self.text.push_str("null");
    }

    pub fn boolean(&mut self, b: bool) {
        self.text.push_str(if b { "true" } else { "false" });
    }

    /// Writes the items of a list.
    pub fn list<'a, T: Encode + 'a>(&mut self, items: impl IntoIterator<Item = &'a T>) {
        self.text.push('[');
        for item in items {
            self.comma('[');
            item.encode(self);
        }
        self.text.push(']');
    }
}

/// `value` as JSON text.
pub fn to_json<T: Encode + ?Sized>(value: &T) -> String {
    let mut out = Json::default();
    value.encode(&mut out);
    out.text
}

/// `value` as JSON text that can stand inside a `<script>` element: `<`, `>`, `&`, U+2028 and
/// U+2029 in strings are escaped, so no text can close the element or change how it parses.
pub fn script_safe<T: Encode + ?Sized>(value: &T) -> String {
    let mut out = Json { text: String::new(), script_safe: true };
    value.encode(&mut out);
    out.text
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, out: &mut Json) {
        (**self).encode(out);
    }
}

impl Encode for str {
    fn encode(&self, out: &mut Json) {
        out.string(self);
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Json) {
        out.string(self);
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut Json) {
        out.boolean(*self);
    }
}

impl Encode for f64 {
    fn encode(&self, out: &mut Json) {
        out.number(*self);
    }
}

macro_rules! integers {
    ($($t:ty)*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Json) {
                out.integer(*self as i64);
            }
        }
    )*};
}

integers!(u8 u16 u32 usize i32 i64);

impl Encode for u64 {
    fn encode(&self, out: &mut Json) {
        push_uint(&mut out.text, *self);
    }
}

/// Appends the decimal digits of `n`, without `core::fmt` (which the browser bundle avoids:
/// `to_string()` on a number pulls in the formatting machinery).
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
}

/// Appends `n` in decimal, with a `-` when negative.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

/// `n` in decimal: `int_text(-12)` is `"-12"`.
pub fn int_text(n: i64) -> String {
    let mut s = String::new();
    push_int(&mut s, n);
    s
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Json) {
        match self {
            Some(v) => v.encode(out),
            None => out.null(),
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Json) {
        out.list(self);
    }
}

impl<T: Encode> Encode for [T] {
    fn encode(&self, out: &mut Json) {
        out.list(self);
    }
}

impl<T: Encode, const N: usize> Encode for [T; N] {
    fn encode(&self, out: &mut Json) {
        out.list(self);
    }
}

impl<V: Encode> Encode for crate::SmallMap<V> {
    fn encode(&self, out: &mut Json) {
        out.open();
        for (k, v) in self.iter() {
            out.key(k);
            v.encode(out);
        }
        out.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers() {
        let mut j = Json::default();
        j.string("a\"b\\c\n\u{1}</script>\u{2028}");
        assert_eq!(j.text, r#""a\"b\\c\n\u0001</script>"#.to_owned() + "\u{2028}\"");
        assert_eq!(script_safe("</script>&\u{2028}"), r#""\u003c/script\u003e\u0026\u2028""#);
        assert_eq!(to_json(&-120i64), "-120");
        assert_eq!(to_json(&0u8), "0");
        assert_eq!(to_json(&u64::MAX), "18446744073709551615");
        assert_eq!(to_json(&i64::MIN), "-9223372036854775808");
        assert_eq!(int_text(0), "0");
        assert_eq!(to_json(&4.3f64), "4.3");
        assert_eq!(to_json(&vec![Some(1u8), None]), "[1,null]");
    }
}
