//! The backend client every widget uses.
//!
//! - Every create carries an `Idempotency-Key` and is written to the outbox before it is sent,
//!   so it reaches the server exactly once even across failures and reloads.
//! - Network errors, timeouts, 5xx and 429 are retried with backoff and jitter
//!   (`retry.rs`); other 4xx are final and come back as [`ApiError::Rejected`].
//! - Bodies are encoded and decoded with serde-wasm-bindgen; a malformed answer is an
//!   [`ApiError::Malformed`], never a panic.

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

/// Sends with the retry policy. `Ok` is any answer the policy calls final (2xx or 4xx).
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
    if (200..300).contains(&answer.status) {
        let json = answer.json.ok_or(ApiError::Malformed)?;
        R::decode(&json).map_err(|_| ApiError::Malformed)
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
    let mut token = if signed { identity::token() } else { None };
    let answer = loop {
        let answer = send_with_retries("POST", path, Some(&text), Some(key), token.as_deref(), Policy::default()).await?;
        match token.take() {
            // Refused before anything was stored: the same key is still unused.
            Some(t) if answer.status == 401 => {
                identity::refused(&t, refusal(&answer));
                token = identity::token().filter(|n| *n != t);
            }
            _ => break answer,
        }
    };
    // Answered for good, accepted or refused: nothing left to deliver. A 2xx whose body did
    // not parse is no proof either way: it stays queued (the retry with the key replays it).
    let result = decode(answer);
    if !matches!(result, Err(ApiError::Malformed)) {
        outbox_forget(key);
    }
    result
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

/// Sends what earlier page views left in the outbox. Called once when RetainKit starts.
pub async fn flush_outbox() {
    let mut list = load_outbox();
    outbox::prune(&mut list, js_sys::Date::now());
    save_outbox(&list);
    let policy = Policy { max_attempts: 2, ..Policy::default() };
    for p in list {
        match send_with_retries("POST", &p.path, Some(&p.body), Some(&p.key), None, policy).await {
            Ok(answer) => {
                if !(200..300).contains(&answer.status) {
                    web_sys::console::warn_2(&JsValue::from_str("RetainKit: a queued request was refused"), &JsValue::from(answer.status));
                }
                outbox_forget(&p.key);
            }
            // Still unreachable: keep everything for the next page view.
            Err(_) => break,
        }
    }
}
