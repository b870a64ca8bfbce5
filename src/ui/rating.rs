//! A 1–5 star rating input as a WAI-ARIA radio group: one tab stop, arrows move and select,
//! Home/End, each option named "4 out of 5", targets of 32×32 px.

use super::scale::{key_target, tab_stop};
use yew::prelude::*;

const STAR: &str = "M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7.3L12 17.8 5.8 21.5l1.6-7.3L2 9.5l7.1-.6z";

#[derive(Properties, PartialEq)]
pub struct RatingInputProps {
    pub value: Option<u8>,
    pub labelledby: AttrValue,
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Accessible names of 1…5 ("1 out of 5" …).
    pub labels: [AttrValue; 5],
    pub on_change: Callback<u8>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(RatingInput)]
pub fn rating_input(props: &RatingInputProps) -> Html {
    let group = use_node_ref();
    let stop = tab_stop(props.value, 1, 5);
    let onkeydown = {
        let (group, value, on_change, disabled) = (group.clone(), props.value, props.on_change.clone(), props.disabled);
        Callback::from(move |e: KeyboardEvent| {
            if disabled {
                return;
            }
            if let Some(next) = key_target(&e.key(), value, 1, 5) {
                e.prevent_default();
                on_change.emit(next);
                super::scale::focus_option(&group, next - 1);
            }
        })
    };
    html! {
        <div ref={group} role="radiogroup" class="rk-rating-input" part="rating-input"
             aria-labelledby={props.labelledby.clone()} aria-describedby={props.describedby.clone()} {onkeydown}>
            { for (1..=5u8).map(|n| {
                let checked = props.value == Some(n);
                let filled = props.value.is_some_and(|v| n <= v);
                let onclick = props.on_change.reform(move |_: MouseEvent| n);
                html! {
                    <button type="button" role="radio" class={classes!("rk-rating-option", filled.then_some("rk-filled"))}
                            part={if filled { "rating-option rating-option-filled" } else { "rating-option" }}
                            aria-checked={if checked { "true" } else { "false" }} aria-label={props.labels[n as usize - 1].clone()}
                            tabindex={if n == stop { "0" } else { "-1" }} disabled={props.disabled} {onclick}>
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={STAR} /></svg>
                    </button>
                }
            }) }
        </div>
    }
}
