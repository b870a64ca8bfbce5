//! The thin browser layer: real events turned into the engine's inputs. Installed once,
//! when the page has a popup that could show; lives as long as the page.

use super::runtime::{self, now, Sentinel};
use crate::engine::exit_intent::{DesktopConfig, MobileConfig, MobileEvent, PointerEvent};
use crate::engine::schedule::Signal;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TICK_MS: u32 = 250;
const MARKER: &str = "rkSentinel";

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

/// A mobile signal; an exit when the detector says so.
fn mobile(e: MobileEvent) {
    let exit = runtime::with(|rt| {
        rt.is_mobile && {
            let active = rt.active_ms;
            rt.mobile.event(e, active, &MobileConfig::default())
        }
    });
    if exit {
        runtime::feed(Signal::ExitIntent { at: now() });
    }
}

fn desktop(e: PointerEvent) {
    runtime::with(|rt| {
        if !rt.is_mobile {
            let active = rt.active_ms;
            rt.desktop.pointer(e, active, &DesktopConfig::default());
        }
    });
}

/// A tap, click or key: the shopper is active; on phones the back-button sentinel is added
/// now (an entry added without a user gesture is skipped by the back button).
fn activity() {
    let push = runtime::with(|rt| {
        if rt.sentinel == Sentinel::Wanted {
            rt.sentinel = Sentinel::Pushed;
            true
        } else {
            false
        }
    });
    if push {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let state = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&state, &MARKER.into(), &JsValue::TRUE);
            let _ = h.push_state(&state, "");
        }
    }
    mobile(MobileEvent::Touch { at: now() });
}

fn tick() {
    let t = now();
    let (exit, active) = runtime::with(|rt| {
        // Timers in hidden tabs are slowed down: a long gap is not active time.
        let dt = (t - rt.last_tick).clamp(0.0, 1_000.0);
        rt.last_tick = t;
        if visible() {
            rt.active_ms += dt;
        }
        (!rt.is_mobile && rt.desktop.tick(t), rt.active_ms)
    });
    if exit {
        runtime::feed(Signal::ExitIntent { at: t });
    }
    mobile(MobileEvent::Tick { at: t });
    runtime::feed(Signal::Active { ms: active, at: t });
    runtime::feed(Signal::Tick { at: t });
}

pub(super) fn install() {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let win: &web_sys::EventTarget = w.as_ref();
    let d: &web_sys::EventTarget = doc.as_ref();

    listen(d, "mousemove", |e: web_sys::MouseEvent| desktop(PointerEvent::Move { y: e.client_y() as f64, at: now() }));
    listen(d, "mouseout", |e: web_sys::MouseEvent| {
        if e.related_target().is_none() {
            let from_select = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "OPTION"));
            desktop(PointerEvent::Leave { y: e.client_y() as f64, at: now(), from_select });
        }
    });
    listen(d, "mouseover", |e: web_sys::MouseEvent| {
        if e.related_target().is_none() {
            desktop(PointerEvent::Enter { at: now() });
        }
    });
    listen(win, "scroll", |_: web_sys::Event| {
        let (y, percent) = scroll();
        let at = now();
        mobile(MobileEvent::Scroll { y, at });
        runtime::feed(Signal::Scroll { percent, at });
    });
    listen(d, "visibilitychange", |_: web_sys::Event| {
        mobile(if visible() { MobileEvent::Visible { at: now() } } else { MobileEvent::Hidden { at: now() } })
    });
    for name in ["pointerdown", "touchstart", "keydown"] {
        listen(win, name, |_: web_sys::Event| activity());
    }
    listen(win, "popstate", |e: web_sys::PopStateEvent| {
        let back = runtime::with(|rt| {
            if rt.sentinel == Sentinel::Pushed && !is_marker(&e.state()) {
                rt.sentinel = Sentinel::Used;
                true
            } else {
                false
            }
        });
        if back {
            mobile(MobileEvent::Back { at: now() });
        }
    });
    gloo_timers::callback::Interval::new(TICK_MS, tick).forget();
}
