//! A numeric scale (NPS 0–10, CSAT 1–5, stars 1–5) as a WAI-ARIA radio group: one tab stop
//! (roving tabindex), arrow keys move and select, Home/End jump to the ends, Space selects,
//! Enter asks the surrounding form to submit.

use yew::prelude::*;

/// The value after a key press, or `None` when the key does not move the selection.
/// Arrows wrap around as in the APG radio group pattern.
pub fn key_target(key: &str, current: Option<u8>, min: u8, max: u8) -> Option<u8> {
    match (key, current) {
        ("Home", _) => Some(min),
        ("End", _) => Some(max),
        ("ArrowRight" | "ArrowDown", None) => Some(min),
        ("ArrowLeft" | "ArrowUp", None) => Some(max),
        ("ArrowRight" | "ArrowDown", Some(v)) => Some(if v >= max { min } else { v + 1 }),
        ("ArrowLeft" | "ArrowUp", Some(v)) => Some(if v <= min { max } else { v - 1 }),
        _ => None,
    }
}

/// Which option takes the tab stop: the chosen one, else the first.
pub fn tab_stop(value: Option<u8>, min: u8, max: u8) -> u8 {
    value.filter(|v| (min..=max).contains(v)).unwrap_or(min)
}

#[derive(Properties, PartialEq)]
pub struct ScaleProps {
    pub min: u8,
    pub max: u8,
    pub value: Option<u8>,
    /// Id of the element that names the group (the question).
    pub labelledby: AttrValue,
    /// Id of the element that describes the group (an error message), if any.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Accessible names of the two ends, e.g. "0 – not at all likely".
    pub low_label: AttrValue,
    pub high_label: AttrValue,
    /// Visible captions under the two ends.
    pub low_caption: AttrValue,
    pub high_caption: AttrValue,
    pub on_change: Callback<u8>,
    pub on_enter: Callback<()>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(Scale)]
pub fn scale(props: &ScaleProps) -> Html {
    let group = use_node_ref();
    let (min, max) = (props.min, props.max.max(props.min));
    let stop = tab_stop(props.value, min, max);

    let onkeydown = {
        let group = group.clone();
        let value = props.value;
        let on_change = props.on_change.clone();
        let on_enter = props.on_enter.clone();
        let disabled = props.disabled;
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" {
                e.prevent_default();
                on_enter.emit(());
                return;
            }
            if disabled {
                return;
            }
            if let Some(next) = key_target(&key, value, min, max) {
                e.prevent_default();
                on_change.emit(next);
                focus_option(&group, next - min);
            }
        })
    };

    let options = (min..=max).map(|i| {
        let checked = props.value == Some(i);
        let label: Option<AttrValue> = if i == min {
            Some(props.low_label.clone())
        } else if i == max {
            Some(props.high_label.clone())
        } else {
            None
        };
        let onclick = {
            let on_change = props.on_change.clone();
            Callback::from(move |_: MouseEvent| on_change.emit(i))
        };
        html! {
            <button
                type="button"
                role="radio"
                class={classes!("rk-scale-option", checked.then_some("rk-checked"))}
                part={if checked { "scale-option scale-option-checked" } else { "scale-option" }}
                aria-checked={if checked { "true" } else { "false" }}
                aria-label={label}
                tabindex={if i == stop { "0" } else { "-1" }}
                disabled={props.disabled}
                {onclick}
            >{ i }</button>
        }
    });

    html! {
        <div class="rk-scale-wrap">
            <div
                ref={group}
                role="radiogroup"
                class="rk-scale"
                part="scale"
                aria-labelledby={props.labelledby.clone()}
                aria-describedby={props.describedby.clone()}
                {onkeydown}
            >
                { for options }
            </div>
            <div class="rk-scale-captions" part="captions" aria-hidden="true">
                <span part="caption-low">{ props.low_caption.clone() }</span>
                <span part="caption-high">{ props.high_caption.clone() }</span>
            </div>
        </div>
    }
}

pub fn focus_option(group: &NodeRef, index: u8) {
    use wasm_bindgen::JsCast;
    if let Some(el) = group
        .cast::<web_sys::Element>()
        .and_then(|g| g.children().item(index as u32))
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_and_wrap() {
        assert_eq!(key_target("ArrowRight", Some(3), 0, 10), Some(4));
        assert_eq!(key_target("ArrowDown", Some(10), 0, 10), Some(0));
        assert_eq!(key_target("ArrowLeft", Some(0), 0, 10), Some(10));
        assert_eq!(key_target("ArrowUp", Some(5), 1, 5), Some(4));
        assert_eq!(key_target("ArrowRight", None, 0, 10), Some(0));
        assert_eq!(key_target("ArrowLeft", None, 1, 5), Some(5));
        assert_eq!(key_target("Home", Some(7), 0, 10), Some(0));
        assert_eq!(key_target("End", None, 1, 5), Some(5));
        assert_eq!(key_target("a", Some(7), 0, 10), None);
        assert_eq!(key_target("Tab", Some(7), 0, 10), None);
    }

    #[test]
    fn one_tab_stop() {
        assert_eq!(tab_stop(None, 0, 10), 0);
        assert_eq!(tab_stop(Some(9), 0, 10), 9);
        assert_eq!(tab_stop(Some(0), 1, 5), 1);
    }
}
