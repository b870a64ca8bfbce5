//! One HTTP exchange with `fetch`, with a timeout, decoded without panicking.

use super::retry::{parse_retry_after, Outcome};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Abort a request that has not answered in this many milliseconds.
pub const TIMEOUT_MS: u32 = 10_000;

pub struct Answer {
    pub status: u16,
    pub retry_after: Option<u32>,
    /// The JSON body, when there was one that parsed.
    pub json: Option<JsValue>,
}

impl Answer {
    pub fn outcome(&self) -> Outcome {
        Outcome::Status { code: self.status, retry_after: self.retry_after }
    }
}

/// Sends one request. `Err` is a network failure or a timeout, never a server answer.
/// `token` is the customer token, sent as `Authorization: Bearer`.
pub async fn exchange(
    method: &str,
    url: &str,
    body: Option<&str>,
    idempotency_key: Option<&str>,
    token: Option<&str>,
) -> Result<Answer, Outcome> {
    let window = web_sys::window().ok_or(Outcome::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| Outcome::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(b) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(b));
    }
    if let Some(k) = idempotency_key {
        let _ = headers.set(retainkit_contract::IDEMPOTENCY_HEADER, k);
    }
    if method != "GET" {
        // Write limits count per shopper, not per shared address (an office, a mobile NAT).
        let _ = headers.set("RK-Visitor", &super::visitor::id());
    }
    if let Some(t) = token {
        let mut v = String::with_capacity(t.len() + 7);
        v.push_str("Bearer ");
        v.push_str(t);
        let _ = headers.set("Authorization", &v);
    }
    init.set_headers(&headers);
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let flag = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            flag.set(true);
            c.abort();
        })
    });
    let failed = |_| if timed_out.get() { Outcome::Timeout } else { Outcome::Network };
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(failed)?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(failed)?.dyn_into().map_err(failed)?;
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten().and_then(|v| parse_retry_after(&v));
    let json = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    Ok(Answer { status, retry_after, json })
}
