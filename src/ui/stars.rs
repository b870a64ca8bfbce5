//! A star rating for display (0–5, fractions allowed) as SVG: the filled part is a nested
//! `<svg>` whose width is an attribute, so nothing needs inline styles (CSP-safe).

use yew::prelude::*;

/// One 24×24 star.
const STAR: &str = "M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7.3L12 17.8 5.8 21.5l1.6-7.3L2 9.5l7.1-.6z";

/// Width in user units (5 stars × 24) of the filled part of `value` out of 5.
pub fn fill_width(value: f64) -> f64 {
    (value.clamp(0.0, 5.0) * 24.0 * 10.0).round() / 10.0
}

#[derive(Properties, PartialEq)]
pub struct StarsProps {
    pub value: f64,
    /// The accessible name, e.g. "Rated 4.3 out of 5".
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(Stars)]
pub fn stars(props: &StarsProps) -> Html {
    let row = |class: &'static str| {
        html! {
            <g class={class}>
                { for ["translate(0 0)", "translate(24 0)", "translate(48 0)", "translate(72 0)", "translate(96 0)"].map(|t| html! { <path d={STAR} transform={t} /> }) }
            </g>
        }
    };
    let width = crate::dom::num::number(fill_width(props.value));
    html! {
        <span class={classes!("rk-stars", props.class.clone())} role="img" aria-label={props.label.clone()} part="stars">
            <svg viewBox="0 0 120 24" focusable="false" aria-hidden="true">
                { row("rk-star-empty") }
                <svg width={width.clone()} height="24" viewBox={{ let mut v = String::from("0 0 "); v.push_str(&width); v.push_str(" 24"); v }}>
                    { row("rk-star-full") }
                </svg>
            </svg>
        </span>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fill() {
        assert_eq!(super::fill_width(5.0), 120.0);
        assert_eq!(super::fill_width(4.3), 103.2);
        assert_eq!(super::fill_width(-1.0), 0.0);
        assert_eq!(super::fill_width(7.0), 120.0);
    }
}
