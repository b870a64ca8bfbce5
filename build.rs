//! Minifies the widgets' CSS (`src/theme.css` and the families' `style.css`) into OUT_DIR:
//! comments and needless white space do not ship.

use std::path::Path;

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

fn main() {
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
