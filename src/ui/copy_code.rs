//! A code to copy (a discount or a coupon) with a Copy button. The Clipboard API where the
//! page may use it; otherwise the code is selected and copied with `execCommand("copy")`,
//! and left selected so the shopper can copy it by hand.

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyCodeProps {
    pub code: AttrValue,
    /// The code's `part` name.
    #[prop_or(AttrValue::Static("code"))]
    pub part: AttrValue,
    pub copy_label: AttrValue,
    pub copied_label: AttrValue,
    #[prop_or_default]
    pub on_copy: Callback<()>,
}

/// Copies through the Clipboard API; `false` when it is missing or refused.
async fn clipboard(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let clipboard = w.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Selects the code and asks the document to copy the selection.
fn select_and_copy(code: &web_sys::Element) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    if let Ok(Some(sel)) = w.get_selection() {
        let _ = sel.select_all_children(code);
    }
    let Some(doc) = w.document() else {
        return false;
    };
    let exec = js_sys::Reflect::get(&doc, &"execCommand".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    exec.and_then(|f| f.call1(&doc, &"copy".into()).ok()).and_then(|r| r.as_bool()).unwrap_or(false)
}

#[function_component(CopyCode)]
pub fn copy_code(props: &CopyCodeProps) -> Html {
    let copied = use_state(|| false);
    let input = use_node_ref();
    let onclick = {
        let (copied, input, code, on_copy) = (copied.clone(), input.clone(), props.code.clone(), props.on_copy.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, input, code, on_copy) = (copied.clone(), input.clone(), code.clone(), on_copy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = clipboard(&code).await || input.cast::<web_sys::Element>().is_some_and(|c| select_and_copy(&c));
                copied.set(ok);
                // Counted even when the browser refused: the code is selected for the shopper.
                on_copy.emit(());
            });
        })
    };
    html! {
        <div class="rk-copy-row" part="code-row">
            <code ref={input} class="rk-code" part={props.part.clone()}>{ props.code.clone() }</code>
            <button type="button" class="rk-button rk-copy" part="copy-button" {onclick}>{ if *copied { props.copied_label.clone() } else { props.copy_label.clone() } }</button>
            <span class="rk-visually-hidden" role="status">{ if *copied { props.copied_label.clone() } else { AttrValue::Static("") } }</span>
        </div>
    }
}
