//! Numbers as text without `core::fmt`: `to_string()` on a number pulls Rust's formatting
//! machinery (and for `f64` its float printing, ~15 KB) into the WASM; these do not.

pub use retainkit_contract::encode::{int_text, push_int};

/// `n` in decimal.
pub fn int(n: i64) -> String {
    int_text(n)
}

/// `n` as JavaScript writes it: `120`, `103.2`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        return int(n as i64);
    }
    fraction(n)
}

#[cfg(target_arch = "wasm32")]
fn fraction(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn fraction(n: f64) -> String {
    format!("{n}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers() {
        assert_eq!(super::int(-42), "-42");
        assert_eq!(super::number(120.0), "120");
        assert_eq!(super::number(103.2), "103.2");
    }
}
