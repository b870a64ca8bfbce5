//! `<rk-loyalty>`: a floating button in a bottom corner with the balance once known, that
//! opens the loyalty panel. It fades away while the shopper's focus is on something it would
//! cover, stays off the paths in `hide-on`, and keeps the offsets the shop sets (clear of
//! its chat button). Focus comes back to it when the panel closes.

use super::panel::Panel;
use super::state::{css_length, hidden_on, Action, Page};
use super::store::{self, use_customer_token, use_loyalty};
use super::text;
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::dom::events::{self, Detail};
use crate::i18n::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct LauncherProps {
    pub locale: Locale,
    pub left: bool,
    /// `style` with the offsets, when the shop set any.
    pub offsets: Option<AttrValue>,
    pub hide_on: AttrValue,
    /// The launcher's text for guests (default "Rewards").
    pub label: Option<AttrValue>,
    pub customer_token: Option<AttrValue>,
}

impl FromAttrs for LauncherProps {
    fn from_attrs(a: &Attrs) -> LauncherProps {
        let mut style = String::new();
        for (attr, var) in [("offset-x", "--rk-launcher-offset-x:"), ("offset-y", "--rk-launcher-offset-y:")] {
            if let Some(v) = a.text(attr).and_then(css_length) {
                style.push_str(var);
                style.push_str(&v);
                style.push(';');
            }
        }
        LauncherProps {
            locale: a.locale(),
            left: a.text("position").is_some_and(|p| p.eq_ignore_ascii_case("left")),
            offsets: (!style.is_empty()).then(|| AttrValue::from(style)),
            hide_on: AttrValue::from(a.text("hide-on").unwrap_or("").to_owned()),
            label: a.text("label").map(|l| AttrValue::from(l.to_owned())),
            customer_token: a.text("customer-token").map(|t| AttrValue::from(t.to_owned())),
        }
    }
}

fn overlaps(a: &web_sys::DomRect, b: &web_sys::DomRect) -> bool {
    a.width() > 0.0 && a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom()
}

/// `true` while the control the shopper is on sits under the launcher: the element focus
/// moved to, or that was clicked or typed in, itself (`composedPath()[0]`, inside whatever
/// shadow root it is in; the event's target is only the outermost host, e.g. a whole
/// `<rk-reviews>` card). Clicks and keys are heard too: focus moving inside another shadow
/// root sends no focus event to the window, so the launcher never stays hidden once the
/// shopper has moved on.
#[hook]
fn use_tucked(button: NodeRef) -> bool {
    let tucked = use_state_eq(|| false);
    {
        let tucked = tucked.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let Some(b) = button.cast::<web_sys::Element>() else { return };
                let under = e.type_() != "focusout"
                    && e.composed_path()
                        .get(0)
                        .dyn_into::<web_sys::Element>()
                        .ok()
                        .filter(|t| t.get_root_node() != b.get_root_node())
                        .is_some_and(|t| overlaps(&t.get_bounding_client_rect(), &b.get_bounding_client_rect()));
                tucked.set(under);
            });
            let window = web_sys::window();
            const EVENTS: [&str; 4] = ["focusin", "focusout", "click", "keyup"];
            if let Some(w) = &window {
                for e in EVENTS {
                    let _ = w.add_event_listener_with_callback(e, listener.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(w) = window {
                    for e in EVENTS {
                        let _ = w.remove_event_listener_with_callback(e, listener.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }
    *tucked
}

#[function_component(LoyaltyLauncher)]
pub fn loyalty_launcher(props: &LauncherProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    use_customer_token(props.customer_token.clone());
    let st = use_loyalty();
    let open = use_state_eq(|| None::<Page>);
    let button = use_node_ref();
    let wrapper = use_node_ref();
    let tucked = use_tucked(button.clone());
    use_effect_with((), |_| {
        store::count_launcher(1);
        || store::count_launcher(-1)
    });
    let show = {
        let (open, wrapper) = (open.clone(), wrapper.clone());
        move |page: Page| {
            if let Some(w) = wrapper.cast::<web_sys::Element>() {
                events::emit(&w, "rk-loyalty-open", Some(Detail::new().str("page", page.name())));
            }
            open.set(Some(page));
        }
    };
    {
        // `RetainKit.open("loyalty", {page})` and `?rk=loyalty:…`.
        let show = show.clone();
        use_effect_with(st.open_request, move |request| {
            if let Some(page) = *request {
                store::dispatch(Action::Opened);
                show(page);
            }
        });
    }
    let onclick = {
        let show = show.clone();
        Callback::from(move |_: MouseEvent| show(Page::Home))
    };
    let on_close = {
        let (open, button, wrapper) = (open.clone(), button.clone(), wrapper.clone());
        Callback::from(move |_: ()| {
            open.set(None);
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            if let Some(w) = wrapper.cast::<web_sys::Element>() {
                events::emit(&w, "rk-loyalty-close", None);
            }
        })
    };
    let on_page = {
        let open = open.clone();
        Callback::from(move |p: Page| open.set(Some(p)))
    };
    // The path without its query, from the loader (it passes every route change).
    let path = crate::config::get().path;
    let hidden = hidden_on(path.split(['?', '#']).next().unwrap_or(""), &props.hide_on);
    let label = match (st.balance(), &props.label) {
        (Some(b), _) => AttrValue::from(l.points(b)),
        (None, Some(custom)) => custom.clone(),
        (None, None) => AttrValue::from(
            st.program.as_ref().map(|p| text(&p.name, l)).filter(|n| !n.is_empty()).unwrap_or_else(|| t.loyalty_title.to_owned()),
        ),
    };
    // The launcher appears once, with its final label (the program's name, or the member's
    // points): a label that changed after it appeared would resize it (a layout shift).
    let hidden = hidden
        || matches!(st.member, super::state::Member::Loading)
        || (st.program.is_none() && !st.program_failed && props.label.is_none());
    let side = if props.left { "rk-left" } else { "rk-right" };
    html! {
        <div class="rk-loyalty" ref={wrapper}>
            if !hidden {
                <button ref={button} type="button" class={classes!("rk-launcher", side, tucked.then_some("rk-tucked"))} part="launcher"
                        style={props.offsets.clone()} aria-haspopup="dialog" aria-expanded={if open.is_some() { "true" } else { "false" }} {onclick}>
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M20 12v9H4v-9M2 7h20v5H2zM12 21V7M12 7H7.5a2.5 2.5 0 1 1 0-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 1 0 0-5C13 2 12 7 12 7z" />
                    </svg>
                    <span part="launcher-label">{ label }</span>
                </button>
            }
            if let Some(page) = *open {
                <Panel state={st.clone()} {page} {on_page} {on_close} locale={l} class={if props.left { "rk-at-bottom-left" } else { "rk-at-bottom-right" }} />
            }
        </div>
    }
}
