//! The popup state of the page: the candidates with their schedules, the exit-intent
//! detectors, active time, the back-button sentinel, and the popup on screen. Decisions are
//! the engine's; this file keeps the state, reads and writes the caps in `rk:` storage and
//! mounts the popup.

use super::popup::{Popup, PopupProps};
use super::signals::{self, BrowserEvent};
use super::{context, Item};
use crate::api::{self, storage, visitor};
use crate::dom::events::{self, Detail};
use crate::engine::audience::{self, Visit};
use crate::engine::capping::{self, GlobalHistory, GlobalRules, Verdict, WidgetHistory};
use crate::engine::exit_intent::{Desktop, Detector, MobileEvent, PointerEvent};
use crate::engine::schedule::{Schedule, Signal};
use crate::i18n::Locale;
use retainkit_contract::offers::{ActiveOffer, OfferEvent, OfferEventKind};
use retainkit_contract::survey::{DisplayRecorded, Trigger};
use std::cell::RefCell;
use std::rc::Rc;
use yew::{AppHandle, Callback};

struct Candidate {
    item: Item,
    schedule: Schedule,
    /// With an exit-intent trigger: its detectors, with its thresholds.
    exit: Option<Detector>,
}

fn detector(item: &Item) -> Option<Detector> {
    item.display().triggers.iter().find_map(|t| match t {
        Trigger::ExitIntent { min_active_seconds, sensitivity } => Some(Detector::new(*min_active_seconds, *sensitivity)),
        _ => None,
    })
}

/// The history entry that catches the back button on phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sentinel {
    Off,
    /// Added at the shopper's next tap (browsers skip entries added without one).
    Wanted,
    Pushed,
    /// Popped once; never added again, so the next back leaves.
    Used,
}

struct Open {
    item: Item,
    host: web_sys::Element,
    app: Option<AppHandle<Popup>>,
    done: bool,
}

struct Runtime {
    candidates: Vec<Candidate>,
    is_mobile: bool,
    active_ms: f64,
    last_tick: f64,
    path: String,
    rules: GlobalRules,
    sentinel: Sentinel,
    /// Whether the back button may be caught: not when the page's router owns the history
    /// (`RetainKit.init({popups: {historySentinel: false}})`).
    sentinel_allowed: bool,
    returning: bool,
    open: Option<Open>,
    listening: bool,
}

thread_local! {
    static RT: RefCell<Option<Runtime>> = const { RefCell::new(None) };
}

use signals::now;

/// The page's path with its query (and a `#/` route), as the loader passed it.
fn current_path() -> String {
    crate::config::get().path
}

/// The page's language, as the loader resolved it.
fn locale() -> Locale {
    Locale::pick(&[crate::config::get().locale.as_deref()])
}

fn is_mobile() -> bool {
    web_sys::window().and_then(|w| w.match_media("(pointer: coarse)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Runs `f` on the page's runtime, made on first use.
fn with<R>(f: impl FnOnce(&mut Runtime) -> R) -> R {
    RT.with(|rt| {
        let mut rt = rt.borrow_mut();
        let rt = rt.get_or_insert_with(|| {
            let t = now();
            // Returning: this browser first came more than half an hour ago.
            let returning = match storage::get("seen").and_then(|s| s.parse::<i64>().ok()).map(|s| s as f64) {
                Some(seen) => t - seen > 1_800_000.0,
                None => {
                    storage::set("seen", &crate::dom::num::int(t as i64));
                    false
                }
            };
            Runtime {
                candidates: Vec::new(),
                is_mobile: is_mobile(),
                active_ms: 0.0,
                last_tick: t,
                path: current_path(),
                rules: GlobalRules::default(),
                sentinel: Sentinel::Off,
                sentinel_allowed: true,
                returning,
                open: None,
                listening: false,
            }
        });
        f(rt)
    })
}

pub(super) fn set_items(items: Vec<Item>, cooldown_days: Option<f64>, per_session: Option<f64>, history_sentinel: Option<bool>) {
    let l = locale();
    let at = now();
    let (fired, listen) = with(|rt| {
        if let Some(d) = cooldown_days.filter(|d| *d >= 0.0) {
            rt.rules.cooldown_days = d;
        }
        if let Some(n) = per_session.filter(|n| *n >= 1.0) {
            rt.rules.max_per_session = n as u32;
        }
        if let Some(on) = history_sentinel {
            rt.sentinel_allowed = on;
        }
        let mut old = std::mem::take(&mut rt.candidates);
        let path = rt.path.clone();
        let mut fired = Vec::new();
        for item in items {
            // A popup the page already had keeps its schedule (a pending delay goes on).
            // (and its exit-intent detectors their state).
            let kept = old.iter().position(|c| c.item.kind() == item.kind() && c.item.id() == item.id()).map(|i| old.swap_remove(i));
            let (schedule, exit) = match kept {
                Some(c) => (c.schedule, c.exit),
                None => {
                    let mut s = Schedule::default();
                    if s.signal(item.display(), Some(l.tag()), Signal::PageView { path: &path, at }) {
                        fired.push(item.clone());
                    }
                    (s, detector(&item))
                }
            };
            rt.candidates.push(Candidate { item, schedule, exit });
        }
        if rt.is_mobile && rt.sentinel_allowed && rt.sentinel == Sentinel::Off && rt.candidates.iter().any(|c| c.exit.is_some()) {
            rt.sentinel = Sentinel::Wanted;
        }
        let listen = !rt.listening && !rt.candidates.is_empty();
        rt.listening |= listen;
        (fired, listen)
    });
    if listen {
        signals::install(on_browser_event);
        crate::dom::bus::listen(|note| {
            if note == crate::dom::bus::Note::RouteChanged {
                route();
            }
        });
    }
    for item in fired {
        try_show(item);
    }
}

pub(super) fn reset() {
    let open = with(|rt| rt.open.take());
    if let Some(mut o) = open {
        if let Some(app) = o.app.take() {
            app.destroy();
        }
        o.host.remove();
    }
    let listening = with(|rt| rt.listening);
    RT.with(|rt| *rt.borrow_mut() = None);
    with(|rt| rt.listening = listening);
}

/// What the page did, for each popup's exit-intent detectors.
enum Exit {
    Pointer(PointerEvent),
    Mobile(MobileEvent),
    Tick(f64),
    Nothing,
}

/// What the page did: active time and each popup's exit-intent detectors move on, and the
/// engine hears the signals that follow (exit intent only for the popups whose detectors,
/// with their own thresholds, saw it).
fn on_browser_event(e: BrowserEvent) {
    let exits: Vec<usize> = with(|rt| {
        let mobile = rt.is_mobile;
        let feed = match e {
            BrowserEvent::Pointer(p) if !mobile => Exit::Pointer(p),
            BrowserEvent::Pointer(_) => Exit::Nothing,
            BrowserEvent::Mobile(m) => Exit::Mobile(m),
            BrowserEvent::Scroll { y, at, .. } => Exit::Mobile(MobileEvent::Scroll { y, at }),
            BrowserEvent::Finger { at } => Exit::Mobile(MobileEvent::Touch { at, finger: true }),
            BrowserEvent::Activity { at, finger } => {
                if rt.sentinel == Sentinel::Wanted {
                    // Added at a user gesture: browsers skip entries added without one.
                    rt.sentinel = Sentinel::Pushed;
                    signals::push_sentinel();
                }
                Exit::Mobile(MobileEvent::Touch { at, finger })
            }
            BrowserEvent::Back { left_sentinel, at } => {
                // Popped once; never added again, so the next back leaves.
                if rt.sentinel == Sentinel::Pushed && left_sentinel {
                    rt.sentinel = Sentinel::Used;
                    Exit::Mobile(MobileEvent::Back { at })
                } else {
                    Exit::Nothing
                }
            }
            BrowserEvent::Tick { visible, at } => {
                // Timers in hidden tabs are slowed down: a long gap is not active time.
                let dt = (at - rt.last_tick).clamp(0.0, 1_000.0);
                rt.last_tick = at;
                if visible {
                    rt.active_ms += dt;
                }
                Exit::Tick(at)
            }
        };
        let active = rt.active_ms;
        let mut exits = Vec::new();
        for (i, c) in rt.candidates.iter_mut().enumerate() {
            let Some(x) = c.exit.as_mut() else { continue };
            let fired = match feed {
                Exit::Pointer(p) => {
                    x.desktop.pointer(p, active, &x.desktop_config);
                    false
                }
                Exit::Mobile(m) => mobile && x.mobile.event(m, active, &x.mobile_config),
                Exit::Tick(at) if mobile => x.mobile.event(MobileEvent::Tick { at }, active, &x.mobile_config),
                Exit::Tick(at) => x.desktop.tick(at),
                Exit::Nothing => false,
            };
            if fired {
                exits.push(i);
            }
        }
        exits
    });
    let at = now();
    if !exits.is_empty() {
        feed_to(Signal::ExitIntent { at }, Some(&exits));
    }
    match e {
        BrowserEvent::Scroll { percent, at, .. } => feed(Signal::Scroll { percent, at }),
        BrowserEvent::Tick { at, .. } => {
            let active = with(|rt| rt.active_ms);
            feed(Signal::Active { ms: active, at });
            feed(Signal::Tick { at });
        }
        _ => {}
    }
}

/// Feeds one signal to every candidate's schedule; shows the first that fires.
fn feed(signal: Signal<'_>) {
    feed_to(signal, None);
}

/// Feeds one signal to the schedules of every candidate, or of `only` these (by index).
fn feed_to(signal: Signal<'_>, only: Option<&[usize]>) {
    let l = locale();
    let fired = with(|rt| {
        rt.candidates.iter_mut().enumerate().find_map(|(i, c)| {
            (only.is_none_or(|o| o.contains(&i)) && c.schedule.signal(c.item.display(), Some(l.tag()), signal.clone()))
                .then(|| c.item.clone())
        })
    });
    if let Some(item) = fired {
        try_show(item);
    }
}

/// The page moved (single-page shops): a pending show whose URL rules no longer match is
/// cancelled, and the new page counts as a page view.
fn route() {
    let path = current_path();
    let changed = with(|rt| {
        if rt.path == path {
            return false;
        }
        rt.path = path.clone();
        for x in rt.candidates.iter_mut().filter_map(|c| c.exit.as_mut()) {
            x.desktop = Desktop::default();
        }
        true
    });
    if changed {
        feed(Signal::PageView { path: &path, at: now() });
    }
}

pub(super) fn track(name: &str) {
    feed(Signal::Event { name, at: now() });
}

fn cap_key(item: &Item) -> String {
    let mut k = String::from(if matches!(item, Item::Survey(_)) { "cap:s:" } else { "cap:o:" });
    k.push_str(item.id());
    k
}

fn history(item: &Item) -> WidgetHistory {
    storage::get(&cap_key(item)).map(|s| WidgetHistory::decode(&s)).unwrap_or_default()
}

fn save_history(item: &Item, h: &WidgetHistory) {
    storage::set(&cap_key(item), &h.encode());
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

thread_local! {
    // Popups this session when sessionStorage is unusable.
    static SESSION_FALLBACK: RefCell<u32> = const { RefCell::new(0) };
}

fn session_popups() -> u32 {
    let stored = session().and_then(|s| s.get_item("rk:popups").ok().flatten()).and_then(|v| v.parse().ok());
    stored.unwrap_or(0).max(SESSION_FALLBACK.with(|c| *c.borrow()))
}

fn count_session_popup() {
    let n = session_popups() + 1;
    SESSION_FALLBACK.with(|c| *c.borrow_mut() = n);
    if let Some(s) = session() {
        let _ = s.set_item("rk:popups", &crate::dom::num::int(n as i64));
    }
}

fn global(open: bool) -> GlobalHistory {
    GlobalHistory {
        last_popup_at: storage::get("cap").and_then(|v| v.parse::<i64>().ok()).map(|v| v as f64),
        session_popups: session_popups(),
        open,
    }
}

/// Whether the page shows this survey inline already (`<rk-survey survey-id>`, not placed
/// as a popup).
fn inline_on_page(id: &str) -> bool {
    let mut selector = String::from("rk-survey[survey-id=\"");
    selector.push_str(id);
    selector.push_str("\"]:not([placement=popup])");
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten()).is_some()
}

/// Shows `item` if its audience, sample and caps allow it now.
fn try_show(item: Item) {
    if matches!(&item, Item::Survey(d) if inline_on_page(&d.id)) {
        return;
    }
    let at = now();
    let verdict = with(|rt| {
        let visit = Visit { mobile: rt.is_mobile, returning: rt.returning, cart_value: context::get().cart_value };
        if !audience::admits(&item.display().audience, &visit) {
            return None;
        }
        Some(capping::decide(item.display(), item.id(), &visitor::id(), &history(&item), &global(rt.open.is_some()), rt.rules, at))
    });
    if verdict == Some(Verdict::Show) {
        show(item);
    }
}

/// `RetainKit.open`: shows a popup whatever its triggers and caps, unless one is open.
pub(super) fn open(kind: &str, id: Option<String>) {
    let found = with(|rt| {
        if rt.open.is_some() {
            return Err(());
        }
        Ok(rt.candidates.iter().find(|c| c.item.kind() == kind && id.as_deref().is_none_or(|i| i == c.item.id())).map(|c| c.item.clone()))
    });
    match (found, kind, id) {
        (Ok(Some(item)), _, _) => show(item),
        (Ok(None), "survey", Some(id)) if retainkit_contract::is_valid_id(&id) => wasm_bindgen_futures::spawn_local(async move {
            if let Some(d) = crate::survey::fetch_definition(&id).await {
                show(Item::Survey(d));
            }
        }),
        _ => {}
    }
}

fn query_param(out: &mut String, name: &str, value: &str) {
    out.push(if out.contains('?') { '&' } else { '?' });
    out.push_str(name);
    out.push('=');
    out.push_str(&String::from(js_sys::encode_uri_component(value)));
}

fn show(item: Item) {
    // An offer with codes made per visitor asks for this visitor's code first.
    if let Item::Offer(o) = &item {
        if o.code.is_none() {
            let id = o.id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut path = String::from("/v1/offers/active");
                query_param(&mut path, "url", &current_path());
                query_param(&mut path, "locale", locale().tag());
                query_param(&mut path, "visitor_id", &visitor::id());
                // The offer the page placed (`<rk-exit-offer>`) whatever its page rules.
                query_param(&mut path, "placed", &id);
                if let Some(v) = context::get().cart_value {
                    query_param(&mut path, "cart_value", &crate::dom::num::int(v));
                }
                if let Ok(ActiveOffer { offer: Some(fresh) }) = api::get_for_viewer::<ActiveOffer>(&path).await {
                    if fresh.id == id && fresh.code.is_some() {
                        mount(Item::Offer(Rc::new(fresh)));
                    }
                }
            });
            return;
        }
    }
    mount(item);
}

/// `detail` of the popup events.
fn popup_detail(item: &Item) -> Detail {
    Detail::new().str("kind", item.kind()).str("id", item.id())
}

/// `detail` of the offer events.
fn offer_detail(offer: &retainkit_contract::offers::ExitOffer) -> Detail {
    Detail::new().str("offerId", &offer.id).opt_str("code", offer.code.as_deref())
}

fn offer_event(offer_id: &str, kind: OfferEventKind) {
    let mut path = String::from("/v1/offers/");
    path.push_str(offer_id);
    path.push_str("/events");
    let body = OfferEvent { kind, visitor_id: visitor::id(), page: Some(current_path()) };
    wasm_bindgen_futures::spawn_local(async move {
        let _ = api::create::<_, DisplayRecorded>(&path, &body, &api::new_key()).await;
    });
}

fn mount(item: Item) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if with(|rt| rt.open.is_some()) {
        return;
    }
    let Ok(host) = doc.create_element("rk-popup") else {
        return;
    };
    let _ = host.set_attribute("kind", item.kind());
    let _ = host.set_attribute("popup-id", item.id());
    if body.append_child(&host).is_err() {
        return;
    }
    let Ok(root) = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)) else {
        return;
    };
    crate::theme::adopt(&root);
    let Ok(container) = doc.create_element("div") else {
        return;
    };
    container.set_class_name("rk-root");
    let _ = root.append_child(&container);

    let at = now();
    let mut h = history(&item);
    h.shown += 1;
    save_history(&item, &h);
    storage::set("cap", &(at as i64).to_string());
    count_session_popup();

    let props = PopupProps {
        item: item.clone(),
        locale: locale(),
        mobile: with(|rt| rt.is_mobile),
        on_close: Callback::from(|_| closed()),
        on_done: Callback::from(done),
        on_copy: Callback::from(|_| copied()),
    };
    let app = yew::Renderer::<Popup>::with_root_and_props(container, props).render();
    with(|rt| rt.open = Some(Open { item: item.clone(), host: host.clone(), app: Some(app), done: false }));
    events::emit(&host, "rk-popup-show", Some(popup_detail(&item)));
    if let Item::Offer(o) = &item {
        offer_event(&o.id, OfferEventKind::Impression);
    }
}

fn closed() {
    let Some(mut open) = with(|rt| rt.open.take()) else {
        return;
    };
    if !open.done {
        let mut h = history(&open.item);
        h.closed_at = Some(now());
        save_history(&open.item, &h);
        if let Item::Offer(o) = &open.item {
            offer_event(&o.id, OfferEventKind::Dismiss);
        }
    }
    events::emit(&open.host, "rk-popup-close", Some(popup_detail(&open.item).bool("done", open.done)));
    // Not from inside the popup's own event handler.
    let app = open.app.take();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(app) = app {
            app.destroy();
        }
        open.host.remove();
    });
}

fn done(how: &'static str) {
    let Some((item, host, first)) = with(|rt| {
        rt.open.as_mut().map(|o| {
            let first = !o.done;
            o.done = true;
            (o.item.clone(), o.host.clone(), first)
        })
    }) else {
        return;
    };
    let mut h = history(&item);
    h.done = true;
    save_history(&item, &h);
    if let (Item::Offer(o), true) = (&item, first) {
        offer_event(&o.id, OfferEventKind::Convert);
        events::emit(&host, "rk-offer-convert", Some(offer_detail(o).str("via", how)));
    }
}

fn copied() {
    let Some((item, host)) = with(|rt| rt.open.as_ref().map(|o| (o.item.clone(), o.host.clone()))) else {
        return;
    };
    if let Item::Offer(o) = &item {
        offer_event(&o.id, OfferEventKind::Copy);
        events::emit(&host, "rk-offer-copy", Some(offer_detail(o)));
    }
}
