//! The backend client every widget uses.
//!
//! - Every create carries an `Idempotency-Key` and is written to the outbox before it is sent,
//!   so it reaches the server exactly once even across failures and reloads.
//! - Network errors, timeouts, 5xx and 429 are retried with backoff and jitter
//!   (`retry.rs`); other 4xx are final and come back as [`ApiError::Rejected`].
//! - Every request ends within about 12 s (a 10 s silence is not waited for twice, nor a long
//!   `Retry-After`), so no loading or sending state lasts longer; what was not delivered stays queued and the open page tries again on a
//!   backoff timer, when the browser comes back online and when the page comes into view.
//! - Bodies are decoded by `Decode` (contract types); a malformed answer, or one over 2 MB,
//!   is an [`ApiError::Malformed`], never a panic.

pub mod http;
pub mod identity;
pub mod outbox;
pub mod retry;
pub mod storage;
pub mod submission;
pub mod visitor;

use outbox::Pending;
use retainkit_contract::decode::Decode;
use retainkit_contract::encode::Encode;
use retainkit_contract::ErrorBody;
use retry::{Decision, Policy};
use wasm_bindgen::JsValue;

const OUTBOX_KEY: &str = "outbox";

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (or stayed unavailable); a create stays in the outbox.
    Unavailable,
    /// The server refused the request for good (4xx); `error` is its answer in the error shape.
    Rejected { status: u16, error: Option<ErrorBody> },
    /// The server answered 2xx with something that is not the contract's shape.
    Malformed,
}

/// A fresh `Idempotency-Key`: `rk-` and 32 hex digits from the Web Crypto API (or
/// `Math.random` where it is missing).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled =
        web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok()).unwrap_or(false);
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = String::with_capacity(35);
    key.push_str("rk-");
    for b in bytes {
        key.push(HEX[(b >> 4) as usize] as char);
        key.push(HEX[(b & 15) as usize] as char);
    }
    key
}

/// Encodes a body as JSON text.
pub fn to_json<T: Encode + ?Sized>(value: &T) -> Option<String> {
    Some(retainkit_contract::encode::to_json(value))
}

fn url(path: &str) -> String {
    let base = crate::config::get().api;
    let mut u = String::with_capacity(base.len() + path.len());
    u.push_str(&base);
    u.push_str(path);
    u
}

fn load_outbox() -> Vec<Pending> {
    let Some(text) = storage::get(OUTBOX_KEY) else { return Vec::new() };
    js_sys::JSON::parse(&text).ok().and_then(|v| Vec::<Pending>::decode(&v).ok()).unwrap_or_default()
}

fn save_outbox(list: &[Pending]) {
    if list.is_empty() {
        storage::remove(OUTBOX_KEY);
    } else if let Some(text) = to_json(&list) {
        storage::set(OUTBOX_KEY, &text);
    }
}

fn outbox_push(p: Pending) {
    let mut l = load_outbox();
    outbox::push(&mut l, p);
    save_outbox(&l);
}

/// Takes a request out of the outbox: answered for good, or replaced by a new answer.
pub fn outbox_forget(key: &str) {
    let mut l = load_outbox();
    if outbox::remove(&mut l, key) {
        save_outbox(&l);
    }
}

/// The requests still waiting in the outbox.
pub fn outbox_len() -> usize {
    load_outbox().len()
}

/// Sends with the retry policy (which ends every send within about 12 s). `Ok` is any answer the policy calls
/// final (2xx or 4xx).
async fn send_with_retries(
    method: &str,
    path: &str,
    body: Option<&str>,
    key: Option<&str>,
    token: Option<&str>,
    policy: Policy,
) -> Result<http::Answer, ApiError> {
    let url = url(path);
    let mut attempt = 1;
    loop {
        let result = http::exchange(method, &url, body, key, token).await;
        let outcome = match &result {
            Ok(a) => a.outcome(),
            Err(o) => *o,
        };
        match policy.decide(attempt, outcome, js_sys::Math::random()) {
            Decision::Success | Decision::Final => return result.map_err(|_| ApiError::Unavailable),
            Decision::GiveUpForNow => return Err(ApiError::Unavailable),
            Decision::RetryIn(ms) => gloo_timers::future::TimeoutFuture::new(ms).await,
        }
        attempt += 1;
    }
}

fn decode<R: Decode<JsValue>>(answer: http::Answer) -> Result<R, ApiError> {
    body(answer).and_then(|json| R::decode(&json).map_err(|_| ApiError::Malformed))
}

/// A 2xx answer's JSON, or the error it is. Not generic: one copy for every type decoded.
fn body(answer: http::Answer) -> Result<JsValue, ApiError> {
    if (200..300).contains(&answer.status) {
        answer.json.ok_or(ApiError::Malformed)
    } else {
        let error = answer.json.and_then(|j| ErrorBody::decode(&j).ok());
        Err(ApiError::Rejected { status: answer.status, error })
    }
}

/// Creates something on the server exactly once. The same `key` must be passed again when
/// the shopper retries the same submission.
pub async fn create<T: Encode, R: Decode<JsValue>>(path: &str, body: &T, key: &str) -> Result<R, ApiError> {
    create_with(path, body, key, false).await
}

/// [`create`], naming the signed-in customer when there is one (a review earns them points).
/// A token the server refuses does not lose the submission: it is sent again without it.
pub async fn create_signed<T: Encode, R: Decode<JsValue>>(path: &str, body: &T, key: &str) -> Result<R, ApiError> {
    create_with(path, body, key, true).await
}

async fn create_with<T: Encode, R: Decode<JsValue>>(path: &str, body: &T, key: &str, signed: bool) -> Result<R, ApiError> {
    let text = to_json(body).ok_or(ApiError::Malformed)?;
    outbox_push(Pending { key: key.to_owned(), path: path.to_owned(), body: text.clone(), at: js_sys::Date::now() });
    let result = send_create(path, &text, key, signed).await.and_then(decode::<R>);
    settle(key, matches!(result, Err(ApiError::Malformed | ApiError::Unavailable)));
    result
}

/// Answered for good, accepted or refused: nothing left to deliver. No answer, or a 2xx whose
/// body did not parse, is no proof either way: it stays queued, and the open page tries again
/// later (the retry with the key replays it). Not generic: one copy for every create.
fn settle(key: &str, unconfirmed: bool) {
    if unconfirmed {
        deliver_later();
    } else {
        outbox_forget(key);
    }
}

/// Sends a queued create (a form's, or the background delivery's). Not generic: one copy
/// for every create, in the core.
async fn send_create(path: &str, text: &str, key: &str, signed: bool) -> Result<http::Answer, ApiError> {
    let mut token = if signed { identity::token() } else { None };
    loop {
        let answer = send_with_retries("POST", path, Some(text), Some(key), token.as_deref(), Policy::default()).await?;
        match token.take() {
            // Refused before anything was stored: the same key is still unused.
            Some(t) if answer.status == 401 => {
                identity::refused(&t, refusal(&answer));
                token = identity::token().filter(|n| *n != t);
            }
            _ => return Ok(answer),
        }
    }
}

fn refusal(answer: &http::Answer) -> identity::Refusal {
    let code = answer.json.as_ref().and_then(|j| ErrorBody::decode(j).ok()).map(|e| e.error.code);
    identity::Refusal::from_code(code.as_deref())
}

/// Reads what only the customer holding `token` may see.
pub async fn get_signed<R: Decode<JsValue>>(path: &str, token: &str) -> Result<R, ApiError> {
    decode(send_with_retries("GET", path, None, None, Some(token), Policy::default()).await?)
}

/// Acts as the customer holding `token`, exactly once per `key`, without the outbox: the
/// shopper waits for the answer (a redemption) and a retry sends the same key again.
pub async fn post_signed<T: Encode, R: Decode<JsValue>>(path: &str, body: &T, key: &str, token: &str) -> Result<R, ApiError> {
    let text = to_json(body).ok_or(ApiError::Malformed)?;
    decode(send_with_retries("POST", path, Some(&text), Some(key), Some(token), Policy::default()).await?)
}

/// Changes something on the server (PATCH), with the same retries as a create. Used for
/// changes that are idempotent by themselves (setting a follow-up text).
pub async fn update<T: Encode, R: Decode<JsValue>>(path: &str, body: &T) -> Result<R, ApiError> {
    let text = to_json(body).ok_or(ApiError::Malformed)?;
    decode(send_with_retries("PATCH", path, Some(&text), None, None, Policy::default()).await?)
}

/// Reads something from the server, with the same retries as a create.
pub async fn get<R: Decode<JsValue>>(path: &str) -> Result<R, ApiError> {
    decode(send_with_retries("GET", path, None, None, None, Policy::default()).await?)
}

/// Reads what the server chooses by who is asking (surveys and offers with audience rules):
/// as the signed-in customer if there is one. Other reads carry no token.
pub async fn get_for_viewer<R: Decode<JsValue>>(path: &str) -> Result<R, ApiError> {
    decode(send_with_retries("GET", path, None, None, identity::token().as_deref(), Policy::default()).await?)
}

thread_local! {
    static DELIVERY: std::cell::RefCell<Delivery> = std::cell::RefCell::new(Delivery::default());
}

#[derive(Default)]
struct Delivery {
    running: bool,
    /// Background tries in a row that did not get through (the backoff's exponent).
    failures: u32,
}

/// Something is queued that did not get through: try again on a backoff timer (5 s, 10 s,
/// … at most 5 minutes apart) while the page is open, and when it comes back online or
/// into view (see [`keep_delivering`]).
pub fn deliver_later() {
    let wait = DELIVERY.with(|d| 5_000u32 << d.borrow().failures.min(6)).min(300_000);
    // (A try that is already running when it fires does nothing: one flush at a time.)
    gloo_timers::callback::Timeout::new(wait, retry_now).forget();
}

/// Sends everything queued now. A form's "Try again" may send the same key at once: the
/// server stores it once and answers the other with the same reply (after a 409 while the
/// first is in flight).
pub fn retry_now() {
    wasm_bindgen_futures::spawn_local(flush_outbox());
}

/// Delivers the outbox while the page is open: now, whenever the browser comes back online
/// or the page into view, and on the backoff timer. Called once when RetainKit starts.
pub fn keep_delivering() {
    wasm_bindgen_futures::spawn_local(flush_outbox());
    let Some(w) = web_sys::window() else { return };
    // (Coming into view or going out of it: a tab being hidden may be closed next.)
    let on_event = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        if outbox_len() > 0 {
            retry_now();
        }
    });
    use wasm_bindgen::JsCast;
    let f = on_event.as_ref().unchecked_ref();
    let _ = w.add_event_listener_with_callback("online", f);
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback("visibilitychange", f);
    }
    // Lives as long as the page.
    on_event.forget();
}

/// Sends what is queued (this page's, earlier page views', a closed form's), one at a time,
/// the oldest first; stops at the first that does not get through.
pub async fn flush_outbox() {
    if DELIVERY.with(|d| std::mem::replace(&mut d.borrow_mut().running, true)) {
        return;
    }
    let mut list = load_outbox();
    outbox::prune(&mut list, js_sys::Date::now());
    save_outbox(&list);
    let mut through = true;
    for p in list {
        match send_create(&p.path, &p.body, &p.key, false).await.and_then(body) {
            // Stored (its answer came back whole): it leaves the outbox.
            Ok(_) => outbox_forget(&p.key),
            // Refused for good: it leaves the outbox, with a trace.
            Err(ApiError::Rejected { status, .. }) => {
                web_sys::console::warn_2(&JsValue::from_str("RetainKit: a queued request was refused"), &JsValue::from(status));
                outbox_forget(&p.key);
            }
            // No answer, or a 2xx without its body: kept for the next try.
            Err(_) => {
                through = false;
                break;
            }
        }
    }
    let queued = outbox_len() > 0;
    DELIVERY.with(|d| {
        let mut d = d.borrow_mut();
        d.running = false;
        d.failures = if through { 0 } else { d.failures + 1 };
    });
    if !through && queued {
        deliver_later();
    }
}
