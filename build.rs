//! Writes into OUT_DIR what the widgets compile in:
//! - `texts.rs`: the built-in languages' texts from `locales/*.json`, checked (a missing or
//!   extra key, or other `{placeholders}` than English, fails the build with every problem
//!   named);
//! - the widgets' CSS (`src/theme.css` and the families' `style.css`), minified: comments and
//!   needless white space do not ship.

use std::path::Path;

#[path = "src/i18n/locale_file.rs"]
#[allow(dead_code)]
mod locale_file;

fn minify(css: &str) -> String {
    let mut no_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        no_comments.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map(|(_, after)| after).unwrap_or("");
    }
    no_comments.push_str(rest);
    let collapsed = no_comments.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let chars: Vec<char> = collapsed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = if i > 0 { chars[i - 1] } else { '{' };
            let next = chars.get(i + 1).copied().unwrap_or('}');
            if "{};,:>".contains(prev) || "{};,>".contains(next) {
                continue;
            }
        }
        out.push(c);
    }
    out.replace(";}", "}")
}

/// The built-in languages' texts (`locales/*.json`, checked) as Rust: the `Texts` struct
/// (one `&'static str` per key of English, in file order), `KEYS` and one static per language.
fn texts(out_dir: &Path) {
    let read = |lang: &str| {
        let path = format!("locales/{lang}.json");
        println!("cargo:rerun-if-changed={path}");
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        locale_file::parse(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let en = read("en");
    let mut rs = String::from(
        "/// Every text a widget shows, one field per key of `locales/en.json`. `#[repr(C)]` and only\n\
         /// `&'static str` fields: it is laid out as `[&'static str; KEYS.len()]`, so a text is\n\
         /// replaced by its key's index.\n#[repr(C)]\n#[derive(Debug, Clone, Copy)]\npub struct Texts {\n",
    );
    for (key, text) in &en {
        rs += &format!("    #[doc = {:?}]\n    pub {key}: &'static str,\n", format!("English: {text:?}"));
    }
    // One string, not a table of `&str`s: 8 bytes less per key in the WASM.
    let keys: Vec<&str> = en.iter().map(|(k, _)| k.as_str()).collect();
    rs += &format!(
        "}}\n\n/// The text keys, space-separated, in the order of `Texts`' fields.\npub const KEYS: &str = {:?};\n/// How many.\npub const N: usize = {};\n",
        keys.join(" "),
        keys.len()
    );
    for lang in ["en", "id", "pl"] {
        let texts = read(lang);
        let problems = locale_file::problems(lang, &en, &texts);
        if !problems.is_empty() {
            panic!("locales/{lang}.json:\n  {}", problems.join("\n  "));
        }
        rs += &format!("\npub static {}: Texts = Texts {{\n", lang.to_uppercase());
        for (key, text) in texts {
            rs += &format!("    {key}: {text:?},\n");
        }
        rs += "};\n";
    }
    std::fs::write(out_dir.join("texts.rs"), rs).expect("write texts.rs");
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    texts(Path::new(&out_dir));
    // The styles every widget uses (in the core), and each family's own (in its chunk).
    for (src, out) in
        [("src/theme.css", "theme.min.css"), ("src/reviews/style.css", "reviews.min.css"), ("src/loyalty/style.css", "loyalty.min.css")]
    {
        println!("cargo:rerun-if-changed={src}");
        let css = std::fs::read_to_string(src).expect(src);
        let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join(out);
        std::fs::write(out, minify(&css)).expect("write the minified CSS");
    }
}
