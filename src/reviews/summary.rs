//! The rating summary: average, stars, count, and a 5→1 histogram whose bars filter the list.

use crate::i18n::Locale;
use crate::ui::Stars;
use retainkit_contract::reviews::RatingSummary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub summary: RatingSummary,
    pub locale: Locale,
    /// The star filter in force, if any.
    pub filter: Option<u8>,
    pub on_filter: Callback<u8>,
}

/// Width of a bar in percent of the largest count (0–100, whole numbers).
pub fn bar_percent(count: u64, max: u64) -> u64 {
    (count * 100 + max / 2).checked_div(max).unwrap_or(0)
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let s = &props.summary;
    let l = props.locale;
    let t = l.texts();
    let max = s.histogram.iter().copied().max().unwrap_or(0);
    let bars = (1..=5u8).rev().map(|stars| {
        let count = s.histogram[stars as usize - 1];
        let pressed = props.filter == Some(stars);
        let mut label = crate::i18n::fill(t.show_only, "{n}", &crate::dom::num::int(stars as i64));
        label.push_str(" (");
        label.push_str(&crate::dom::num::int(count as i64));
        label.push(')');
        let onclick = props.on_filter.reform(move |_: MouseEvent| stars);
        html! {
            <li>
                <button type="button" class={classes!("rk-bar", pressed.then_some("rk-bar-on"))} part="histogram-bar"
                        aria-pressed={if pressed { "true" } else { "false" }} aria-label={label} disabled={count == 0} {onclick}>
                    <span class="rk-bar-label" part="histogram-label" aria-hidden="true">{ l.stars_n(stars as u64) }</span>
                    <svg class="rk-bar-track" part="histogram-track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="rk-bar-bg" width="100" height="8" rx="4" />
                        <rect class="rk-bar-fill" width={crate::dom::num::int(bar_percent(count, max) as i64)} height="8" rx="4" />
                    </svg>
                    <span class="rk-bar-count" part="histogram-count" aria-hidden="true">{ count }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="rk-summary" part="summary">
            <div class="rk-average" part="average">
                <span class="rk-average-value" part="average-value" aria-hidden="true">{ l.decimal(s.average) }</span>
                <Stars value={s.average} label={AttrValue::from(l.rated(s.average))} />
                <span class="rk-average-count" part="review-count">{ l.review_count(s.count) }</span>
            </div>
            <ul class="rk-histogram" part="histogram">{ for bars }</ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars() {
        assert_eq!(super::bar_percent(0, 0), 0);
        assert_eq!(super::bar_percent(12, 12), 100);
        assert_eq!(super::bar_percent(1, 3), 33);
        assert_eq!(super::bar_percent(2, 3), 67);
    }
}
