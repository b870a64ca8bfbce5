//! The thin browser layer: real events turned into [`BrowserEvent`]s for the runtime, which
//! keeps all state and asks the engine. Installed once, when the page has a popup that could
//! show; lives as long as the page. Nothing here reads or writes the runtime.

use crate::engine::exit_intent::{MobileEvent, PointerEvent};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TICK_MS: u32 = 250;
const MARKER: &str = "rkSentinel";

/// What the page did, as the runtime needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BrowserEvent {
    Pointer(PointerEvent),
    Mobile(MobileEvent),
    /// The page scrolled: its position and depth in percent.
    Scroll {
        y: f64,
        percent: u8,
        at: f64,
    },
    /// A tap, click or key (a user gesture); `finger` for a touch.
    Activity {
        at: f64,
        finger: bool,
    },
    /// A finger moving on the screen or leaving it (not a gesture a history entry may be
    /// added at).
    Finger {
        at: f64,
    },
    /// The back button: `ours` when the entry left was not the sentinel itself.
    Back {
        left_sentinel: bool,
        at: f64,
    },
    /// Every quarter second; `visible` is the tab's visibility.
    Tick {
        visible: bool,
        at: f64,
    },
}

pub(super) fn now() -> f64 {
    js_sys::Date::now()
}

fn listen<E: JsCast + 'static>(target: &web_sys::EventTarget, name: &str, f: impl FnMut(E) + 'static) {
    let mut f = f;
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            f(e)
        }
    });
    if target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref()).is_ok() {
        closure.forget();
    }
}

/// The page's scroll position and depth in percent.
fn scroll() -> (f64, u8) {
    let Some(w) = web_sys::window() else {
        return (0.0, 0);
    };
    let y = w.scroll_y().unwrap_or(0.0);
    let view = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let total = w.document().and_then(|d| d.document_element()).map(|e| e.scroll_height() as f64).unwrap_or(0.0);
    let room = (total - view).max(1.0);
    (y, ((y / room) * 100.0).clamp(0.0, 100.0) as u8)
}

fn visible() -> bool {
    web_sys::window().and_then(|w| w.document()).is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

fn is_marker(state: &JsValue) -> bool {
    js_sys::Reflect::get(state, &MARKER.into()).ok().is_some_and(|v| v.is_truthy())
}

/// Adds the history entry that catches the back button on phones (call it from a user
/// gesture: browsers skip entries added without one).
pub(super) fn push_sentinel() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let state = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&state, &MARKER.into(), &JsValue::TRUE);
        let _ = h.push_state(&state, "");
    }
}

/// Starts sending the page's events to `sink`.
pub(super) fn install(sink: fn(BrowserEvent)) {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let win: &web_sys::EventTarget = w.as_ref();
    let d: &web_sys::EventTarget = doc.as_ref();

    listen(d, "mousemove", move |e: web_sys::MouseEvent| {
        sink(BrowserEvent::Pointer(PointerEvent::Move { y: e.client_y() as f64, at: now() }))
    });
    listen(d, "mouseout", move |e: web_sys::MouseEvent| {
        if e.related_target().is_none() {
            let from_select = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "OPTION"));
            sink(BrowserEvent::Pointer(PointerEvent::Leave { y: e.client_y() as f64, at: now(), from_select }));
        }
    });
    listen(d, "mouseover", move |e: web_sys::MouseEvent| {
        if e.related_target().is_none() {
            sink(BrowserEvent::Pointer(PointerEvent::Enter { at: now() }));
        }
    });
    listen(win, "scroll", move |_: web_sys::Event| {
        let (y, percent) = scroll();
        sink(BrowserEvent::Scroll { y, percent, at: now() });
    });
    listen(d, "visibilitychange", move |_: web_sys::Event| {
        sink(BrowserEvent::Mobile(if visible() { MobileEvent::Visible { at: now() } } else { MobileEvent::Hidden { at: now() } }))
    });
    for name in ["pointerdown", "touchstart", "keydown"] {
        listen(win, name, move |_: web_sys::Event| sink(BrowserEvent::Activity { at: now(), finger: name == "touchstart" }));
    }
    // A finger moving the page or leaving it (a flick's momentum follows).
    for name in ["touchmove", "touchend"] {
        listen(win, name, move |_: web_sys::Event| sink(BrowserEvent::Finger { at: now() }));
    }
    listen(win, "popstate", move |e: web_sys::PopStateEvent| sink(BrowserEvent::Back { left_sentinel: !is_marker(&e.state()), at: now() }));
    gloo_timers::callback::Interval::new(TICK_MS, move || sink(BrowserEvent::Tick { visible: visible(), at: now() })).forget();
}
