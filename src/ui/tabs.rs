//! WAI-ARIA tabs with automatic activation: one tab stop for the tab list, Left/Right (and
//! Home/End) move and select, the panel follows. The selected panel is the children.
//! A view function (no state of its own), cheaper in the bundle than a component.

use wasm_bindgen::JsCast;
use yew::prelude::*;

pub struct TabsProps {
    /// The accessible name of the tab list.
    pub label: AttrValue,
    /// Ids prefix: tabs are `{id}-tab-{n}`, the panel `{id}-panel`.
    pub id: AttrValue,
    pub tabs: Vec<AttrValue>,
    pub selected: usize,
    pub on_select: Callback<usize>,
    pub children: Html,
}

fn tab_id(prefix: &str, n: usize) -> String {
    let mut s = String::with_capacity(prefix.len() + 8);
    s.push_str(prefix);
    s.push_str("-tab-");
    s.push_str(&crate::dom::num::int(n as i64));
    s
}

pub fn tabs(props: &TabsProps) -> Html {
    let count = props.tabs.len();
    let onkeydown = {
        let (on_select, selected) = (props.on_select.clone(), props.selected);
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => (selected + 1) % count.max(1),
                "ArrowLeft" => (selected + count.max(1) - 1) % count.max(1),
                "Home" => 0,
                "End" => count.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            // The tabs are all rendered: focus the new one now, then select it. (Yew delegates
            // events: the tab list is the target's parent, not the current target.)
            let list = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.parent_element());
            if let Some(tab) = list.and_then(|l| l.children().item(next as u32)).and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = tab.focus();
            }
            on_select.emit(next);
        })
    };
    let panel_id = {
        let mut s = props.id.to_string();
        s.push_str("-panel");
        s
    };
    html! {
        <>
            <div class="rk-tabs" role="tablist" aria-label={props.label.clone()} part="tabs" {onkeydown}>
                { for props.tabs.iter().enumerate().map(|(n, label)| {
                    let on = n == props.selected;
                    let onclick = props.on_select.reform(move |_: MouseEvent| n);
                    html! {
                        <button type="button" role="tab" id={tab_id(&props.id, n)} class="rk-tab" part={if on { "tab tab-selected" } else { "tab" }}
                                aria-selected={if on { "true" } else { "false" }} aria-controls={panel_id.clone()}
                                tabindex={if on { "0" } else { "-1" }} {onclick}>
                            { label.clone() }
                        </button>
                    }
                }) }
            </div>
            <div class="rk-tab-panel" role="tabpanel" id={panel_id.clone()} aria-labelledby={tab_id(&props.id, props.selected)} tabindex="0" part="tab-panel">
                { props.children.clone() }
            </div>
        </>
    }
}
