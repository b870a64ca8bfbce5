//! One HTTP exchange with `fetch`, with a timeout, decoded without panicking.

use super::retry::{parse_retry_after, Outcome};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Abort a request that has not answered in this many milliseconds.
pub const TIMEOUT_MS: u32 = 10_000;
/// A body longer than this (bytes) is never decoded nor parsed: no answer of the contract comes
/// near it (50 reviews of 5,000 characters are about 300 KB), and parsing megabytes a
/// hostile backend sends would block the page.
pub const MAX_BODY: u32 = 2_000_000;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// The body's text, or `None` when it passes [`MAX_BODY`] bytes. It is read into a `Blob`,
/// which the browser keeps outside the page's heap, and its size is known before anything is
/// decoded: a 25 MB answer costs the page no long task. `Err` when reading failed.
async fn read_capped(response: &web_sys::Response) -> Result<Option<JsValue>, JsValue> {
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.unchecked_into();
    if blob.size() >= MAX_BODY as f64 {
        return Ok(None);
    }
    JsFuture::from(blob.text()).await.map(Some)
}

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

/// Sends one request, aborted after [`TIMEOUT_MS`] (the body's reading included). `Err` is a
/// network failure or a timeout, never a server answer. `token` is the customer token, sent
/// as `Authorization: Bearer`.
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
        // A create survives the tab being closed right after the click (kept alive by the
        // browser; its body must stay under the 64 KB keepalive quota).
        if b.len() < 60_000 {
            let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
        }
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
    // A body cut off (the connection reset after the headers) or over the limit is no JSON;
    // a timeout while reading it is a timeout. It is decoded and parsed where it is, in
    // JavaScript.
    let text = match read_capped(&response).await {
        Ok(t) => t,
        Err(_) if timed_out.get() => return Err(Outcome::Timeout),
        Err(_) => None,
    };
    let json = text.and_then(|t| parse_json(t.unchecked_ref()).ok());
    Ok(Answer { status, retry_after, json })
}
