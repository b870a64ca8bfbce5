//! A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page
//! inert, keeps Tab inside, closes on Escape, and gives focus back to where it was.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub open: bool,
    /// The visible heading that names the dialog; when empty, `labelledby` names it.
    #[prop_or_default]
    pub title: AttrValue,
    #[prop_or_default]
    pub labelledby: Option<AttrValue>,
    /// Placement classes (`rk-at-bottom-right`, `rk-sheet`…).
    #[prop_or_default]
    pub class: Classes,
    pub close_label: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Dialog)]
pub fn dialog(props: &DialogProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.open, move |open| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                if *open && !d.open() {
                    let _ = d.show_modal();
                } else if !*open && d.open() {
                    d.close();
                }
            }
        });
    }
    let onclose = props.on_close.reform(|_: Event| ());
    let on_button = {
        let node = node.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    html! {
        <dialog ref={node} class={classes!("rk-dialog", props.class.clone())} part="dialog" aria-modal="true" {onclose}
                aria-labelledby={if props.title.is_empty() { props.labelledby.clone() } else { Some(AttrValue::Static("rk-dialog-title")) }}>
            <div class="rk-dialog-head">
                if !props.title.is_empty() {
                    <h2 id="rk-dialog-title" class="rk-dialog-title" part="title">{ props.title.clone() }</h2>
                }
                <button type="button" class="rk-close" part="close-button" aria-label={props.close_label.clone()} onclick={on_button}>
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" /></svg>
                </button>
            </div>
            if props.open {
                { props.children.clone() }
            }
        </dialog>
    }
}
