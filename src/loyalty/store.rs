//! The page's one loyalty [`State`], shared by every `<rk-loyalty>` and `<rk-points>` (each
//! is its own Yew app), and the requests that change it. Components read it with
//! [`use_loyalty`]; every change goes through [`dispatch`].
//!
//! The page hears `rk-points-change` (on the document) whenever the known balance changes.
//! The store hears the bus: a new customer token, a route change (launchers check
//! `hide-on` again), points that may have been earned elsewhere.

use super::state::{Action, Member, Notice, Page, RedeemFailure, State};
use crate::api::identity::{self, Refusal};
use crate::api::{self, ApiError};
use crate::dom::bus::{self, Note};
use crate::dom::events::{self, Detail};
use retainkit_contract::loyalty::{Customer, Program, RedeemRequest, Redeemed};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Default)]
struct Store {
    state: Rc<State>,
    subscribers: Vec<(u32, Callback<()>)>,
    next_id: u32,
    program_requested: bool,
    member_requested: bool,
    /// The balance last announced with `rk-points-change`.
    announced: Option<i64>,
    launchers: u32,
    /// Hears the bus (identity, routes, points) from the first widget on.
    listening: bool,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

/// `detail` of `rk-points-change`.
struct PointsChange {
    balance: Option<i64>,
    previous: Option<i64>,
}

pub fn state() -> Rc<State> {
    STORE.with(|s| s.borrow().state.clone())
}

pub fn dispatch(action: Action) {
    let change = STORE.with(|s| {
        let mut s = s.borrow_mut();
        Rc::make_mut(&mut s.state).reduce(action);
        // While a customer loads, the last balance stands.
        let known = !matches!(s.state.member, Member::Loading);
        let balance = s.state.balance();
        let change = (known && balance != s.announced).then(|| PointsChange { balance, previous: s.announced });
        if known {
            s.announced = balance;
        }
        change
    });
    notify();
    if let (Some(change), Some(doc)) = (change, web_sys::window().and_then(|w| w.document())) {
        let d = Detail::new().opt_num("balance", change.balance.map(|b| b as f64)).opt_num("previous", change.previous.map(|b| b as f64));
        events::emit(&doc, "rk-points-change", Some(d));
    }
}

fn notify() {
    let subscribers = STORE.with(|s| s.borrow().subscribers.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>());
    for c in subscribers {
        c.emit(());
    }
}

/// The shared state; the component re-renders whenever it changes. Loads the program and
/// the signed-in customer the first time a widget asks.
#[hook]
pub fn use_loyalty() -> Rc<State> {
    let update = use_force_update();
    use_effect_with((), move |_| {
        let id = STORE.with(|s| {
            let mut s = s.borrow_mut();
            s.next_id += 1;
            let id = s.next_id;
            s.subscribers.push((id, Callback::from(move |_| update.force_update())));
            id
        });
        ensure_loaded();
        move || STORE.with(|s| s.borrow_mut().subscribers.retain(|(i, _)| *i != id))
    });
    state()
}

/// The `customer-token` attribute: a new value signs in, removing it signs out.
#[hook]
pub fn use_customer_token(token: Option<AttrValue>) {
    let last = use_mut_ref(|| None::<AttrValue>);
    use_effect_with(token, move |t| {
        let previous = last.replace(t.clone());
        match t {
            Some(t) => identity::set(Some(t.to_string())),
            None if previous.is_some() => identity::set(None),
            None => {}
        }
    });
}

fn ensure_loaded() {
    let (program, member) = STORE.with(|s| {
        let mut s = s.borrow_mut();
        if !std::mem::replace(&mut s.listening, true) {
            bus::listen(|note| match note {
                Note::IdentityChanged => identity_changed(),
                Note::RouteChanged => notify(),
                Note::PointsMayHaveChanged => refresh(),
            });
        }
        let program = !std::mem::replace(&mut s.program_requested, true);
        let member = identity::token().is_some() && s.state.customer().is_none() && !s.member_requested;
        (program, member)
    });
    if program {
        wasm_bindgen_futures::spawn_local(async {
            match api::get::<Program>("/v1/loyalty/program").await {
                Ok(p) => dispatch(Action::ProgramLoaded(Rc::new(p))),
                Err(_) => dispatch(Action::ProgramFailed),
            }
        });
    }
    if member {
        load_member();
    }
}

/// The token changed (`identify`, `logout`, the attribute): nothing of the earlier customer
/// stays; the new one is loaded when a widget is on the page.
fn identity_changed() {
    if identity::token().is_some() {
        dispatch(Action::SignedIn);
        if STORE.with(|s| !s.borrow().subscribers.is_empty()) {
            load_member();
        }
    } else {
        dispatch(Action::SignedOut);
    }
}

/// Reloads the customer (after a review earned points), if one is signed in.
fn refresh() {
    if state().customer().is_some() {
        load_member();
    }
}

fn load_member() {
    let Some(token) = identity::token() else { return };
    STORE.with(|s| s.borrow_mut().member_requested = true);
    wasm_bindgen_futures::spawn_local(async move {
        let answer = api::get_signed::<Customer>("/v1/loyalty/me", &token).await;
        STORE.with(|s| s.borrow_mut().member_requested = false);
        if identity::token().as_deref() != Some(&token) {
            // Another token (or none) came meanwhile: this answer is about someone else.
            return;
        }
        match answer {
            Ok(c) => dispatch(Action::MemberLoaded(Rc::new(c))),
            Err(ApiError::Rejected { status: 401, error }) => token_refused(&token, error.as_ref().map(|e| e.error.code.as_str())),
            Err(_) => dispatch(Action::GuestBecause(Notice::Unavailable)),
        }
    });
}

fn token_refused(token: &str, code: Option<&str>) {
    let why = Refusal::from_code(code);
    if identity::refused(token, why) {
        dispatch(Action::GuestBecause(if why == Refusal::Expired { Notice::Expired } else { Notice::Refused }));
    }
}

/// Spends points on `reward_id`. A call while a redemption is in flight does nothing; the
/// key goes with retries, so the server spends the points once. `from` hears
/// `rk-loyalty-redeem` with the coupon.
pub fn redeem(reward_id: &str, from: Option<web_sys::Element>) {
    let st = state();
    let (Some(token), Some(key)) = (identity::token(), st.redeem_key(reward_id, api::new_key)) else { return };
    let Some(cost) = st.program.as_ref().and_then(|p| p.rewards.iter().find(|r| r.id == reward_id)).map(|r| r.cost) else { return };
    dispatch(Action::RedeemStarted { reward: reward_id.to_owned(), key: key.clone() });
    let reward_id = reward_id.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let body = RedeemRequest { reward_id: reward_id.clone() };
        let answer = api::post_signed::<_, Redeemed>("/v1/loyalty/redemptions", &body, &key, &token).await;
        if identity::token().as_deref() != Some(&token) {
            return;
        }
        match answer {
            Ok(r) => {
                let detail = Detail::new()
                    .str("reward_id", &r.reward_id)
                    .str("coupon_code", &r.coupon_code)
                    .num("cost", cost as f64)
                    .num("balance", r.balance as f64);
                if let Some(el) = &from {
                    events::emit(el, "rk-loyalty-redeem", Some(detail));
                }
                let now = (js_sys::Date::now() / 1000.0) as i64;
                dispatch(Action::Redeemed { answer: r, cost, now });
                // The history from the server, with its own ids.
                load_member();
            }
            Err(ApiError::Rejected { status: 409, .. }) => {
                dispatch(Action::RedeemFailed(RedeemFailure::NotEnoughPoints));
                load_member();
            }
            Err(ApiError::Rejected { status: 401, error }) => token_refused(&token, error.as_ref().map(|e| e.error.code.as_str())),
            Err(ApiError::Unavailable) => dispatch(Action::RedeemFailed(RedeemFailure::Unavailable)),
            Err(_) => dispatch(Action::RedeemFailed(RedeemFailure::Refused)),
        }
    });
}

/// `RetainKit.open("loyalty", {page})`: the launcher opens its panel there. Without a
/// `<rk-loyalty>` on the page, one is added.
pub fn open(page: Page) {
    dispatch(Action::Open(page));
    if STORE.with(|s| s.borrow().launchers == 0) {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if doc.query_selector("rk-loyalty").ok().flatten().is_none() {
                if let (Ok(el), Some(body)) = (doc.create_element("rk-loyalty"), doc.body()) {
                    let _ = body.append_child(&el);
                }
            }
        }
    }
}

/// Starts again from nothing (see `testing::fresh_page`); still hears the bus.
pub fn reset() {
    STORE.with(|s| {
        let listening = s.borrow().listening;
        *s.borrow_mut() = Store { listening, ..Store::default() };
    });
}

/// A launcher came (`+1`) or went (`-1`).
pub fn count_launcher(delta: i32) {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        s.launchers = s.launchers.saturating_add_signed(delta);
    });
}
