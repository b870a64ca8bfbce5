//! Search engines see the rating: a `Product` JSON-LD script with `aggregateRating` and the
//! first reviews, added to the page's head only when there are reviews, and never when the
//! page already describes that product's rating.

use retainkit_contract::encode::{script_safe, Encode};
use retainkit_contract::find_str;
use retainkit_contract::reviews::{RatingSummary, Review};
use wasm_bindgen::JsCast;

#[derive(Encode)]
struct Product<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    sku: &'a str,
    #[serde(rename = "aggregateRating")]
    aggregate_rating: Aggregate,
    review: Vec<ReviewLd<'a>>,
}

#[derive(Encode)]
struct Aggregate {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue")]
    rating_value: f64,
    #[serde(rename = "reviewCount")]
    review_count: u64,
    #[serde(rename = "bestRating")]
    best: u8,
    #[serde(rename = "worstRating")]
    worst: u8,
}

#[derive(Encode)]
struct ReviewLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Person<'a>,
    #[serde(rename = "reviewRating")]
    rating: Rating,
    #[serde(rename = "reviewBody")]
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Encode)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Encode)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue")]
    value: u8,
}

/// How many reviews go into the script.
pub const REVIEWS_IN_LD: usize = 5;

/// The JSON-LD text, or `None` when there is nothing to say. Safe inside a `<script>`: a
/// review's `</script>` or `<!--` is escaped (`\u003c`), so a page serialised later (a
/// prerender, an SSR snapshot) cannot run it.
pub fn build(product_name: &str, product_id: &str, summary: &RatingSummary, reviews: &[Review]) -> Option<String> {
    if summary.count == 0 {
        return None;
    }
    let doc = Product {
        context: "https://schema.org",
        kind: "Product",
        name: product_name,
        sku: product_id,
        aggregate_rating: Aggregate {
            kind: "AggregateRating",
            rating_value: summary.average,
            review_count: summary.count,
            best: 5,
            worst: 1,
        },
        review: reviews
            .iter()
            .take(REVIEWS_IN_LD)
            .map(|r| ReviewLd {
                kind: "Review",
                author: Person { kind: "Person", name: &r.author_name },
                rating: Rating { kind: "Rating", value: r.rating },
                body: &r.body,
                name: r.title.as_deref(),
            })
            .collect(),
    };
    Some(script_safe(&doc))
}

/// Whether the page already has a rating for the product (its own script, or ours).
fn page_has_rating(doc: &web_sys::Document, product_id: &str) -> bool {
    let Ok(list) = doc.query_selector_all(r#"script[type="application/ld+json"]"#) else { return false };
    (0..list.length()).filter_map(|i| list.item(i)).any(|node| {
        let ours = node.dyn_ref::<web_sys::Element>().and_then(|e| e.get_attribute("data-rk-product"));
        if ours.as_deref() == Some(product_id) {
            return true;
        }
        node.text_content().is_some_and(|t| find_str(&t, "ggregateRating").is_some())
    })
}

/// (`product_id` is a valid id, `is_valid_id`: it cannot break out of the selector.)
fn our_script(doc: &web_sys::Document, product_id: &str) -> Option<web_sys::Element> {
    let mut selector = String::from(r#"script[data-rk-product=""#);
    selector.push_str(product_id);
    selector.push_str(r#""]"#);
    doc.query_selector(&selector).ok().flatten()
}

/// Removes our script for the product, if there is one.
pub fn withdraw(product_id: &str) {
    if let Some(e) = web_sys::window().and_then(|w| w.document()).and_then(|d| our_script(&d, product_id)) {
        e.remove();
    }
}

/// Adds or refreshes our script for the product. Text only: the JSON is the text of a
/// script element made by the DOM, never parsed as HTML. It is script-safe (`<`, `>`, `&`,
/// U+2028/2029 escaped), so a serialised page re-parses to the same data.
pub fn publish(product_name: &str, product_id: &str, summary: &RatingSummary, reviews: &[Review]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let existing = our_script(&doc, product_id);
    let Some(json) = build(product_name, product_id, summary, reviews) else {
        if let Some(e) = existing {
            e.remove();
        }
        return;
    };
    if existing.is_none() && page_has_rating(&doc, product_id) {
        return;
    }
    let Some(script) = existing.or_else(|| doc.create_element("script").ok()) else { return };
    if !set_text(&script, &json) {
        script.remove();
        return;
    }
    if script.parent_node().is_none() {
        let _ = script.set_attribute("type", "application/ld+json");
        let _ = script.set_attribute("data-rk-product", product_id);
        if let Some(head) = doc.head() {
            let _ = head.append_child(&script);
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type TrustedTypePolicy;
    #[wasm_bindgen(catch, js_namespace = trustedTypes, js_name = createPolicy)]
    fn create_policy(name: &str, rules: &js_sys::Object) -> Result<TrustedTypePolicy, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, js_name = createScript)]
    fn create_script(this: &TrustedTypePolicy, text: &str) -> wasm_bindgen::JsValue;
}

/// Sets a script element's text. Where the browser has Trusted Types, through a policy
/// named `retainkit` (identity: the text is JSON we built), so a page that enforces
/// `require-trusted-types-for 'script'` and lists `retainkit` in `trusted-types` sees no
/// violation. `false` when the page does not allow that policy: no JSON-LD then.
fn set_text(script: &web_sys::Element, text: &str) -> bool {
    thread_local! {
        // `None` without Trusted Types; `Some(None)` when the page refused the policy.
        static POLICY: Option<Option<TrustedTypePolicy>> = trusted_policy();
    }
    POLICY.with(|p| match p {
        None => {
            script.set_text_content(Some(text));
            true
        }
        Some(None) => false,
        Some(Some(policy)) => js_sys::Reflect::set(script, &"text".into(), &policy.create_script(text)).unwrap_or(false),
    })
}

fn trusted_policy() -> Option<Option<TrustedTypePolicy>> {
    let window = web_sys::window()?;
    if js_sys::Reflect::get(&window, &"trustedTypes".into()).ok()?.is_undefined() {
        return None;
    }
    // The identity, `String(text)`: no code of ours to evaluate, no closure to keep.
    let rules = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&rules, &"createScript".into(), &js_sys::Reflect::get(&window, &"String".into()).ok()?);
    Some(create_policy("retainkit", &rules).ok())
}
