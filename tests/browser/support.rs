//! What every browser test shares: the stubbed `fetch`, waiting for elements and events
//! without sleeping, keys and input, mounting a widget, and a fresh page state.
#![allow(dead_code)]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, ShadowRoot};

#[wasm_bindgen(inline_js = r#"
export function stub_fetch(answers) {
  window.__rkCalls = [];
  window.__rkDefs = {};
  window.__rkDisplays = [];
  const queue = answers.slice();
  window.fetch = async (req) => {
    const body = await req.text();
    // A survey's definition (404 unless the test gave one) and counting its display are
    // answered on their own: the queue is for what the test is about.
    const path = new URL(req.url).pathname;
    const def = req.method === 'GET' && path.match(/^\/v1\/surveys\/([^/]+)$/);
    if (def && def[1] !== 'active') {
      const d = window.__rkDefs[def[1]];
      return new Response(d || '{"error":{"code":"not_found","message":"No such survey."}}', { status: d ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
    }
    if (req.method === 'POST' && /^\/v1\/surveys\/[^/]+\/displays$/.test(path)) {
      window.__rkDisplays.push(path);
      window.dispatchEvent(new Event('rk-test-display'));
      return new Response('{"id":1}', { status: 201, headers: { 'Content-Type': 'application/json' } });
    }
    window.__rkCalls.push({ url: req.url, method: req.method, key: req.headers.get('Idempotency-Key'), auth: req.headers.get('Authorization'), body });
    window.dispatchEvent(new Event('rk-test-call'));
    const a = queue.length > 1 ? queue.shift() : queue[0];
    if (a.status === 0) throw new TypeError('Failed to fetch');
    return new Response(a.body, { status: a.status, headers: { 'Content-Type': 'application/json' } });
  };
}
export function calls() { return window.__rkCalls || []; }
export function stub_definition(id, json) { window.__rkDefs[id] = json; }
export function displays() { return window.__rkDisplays || []; }
export function next_display(ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no display recorded')), ms);
    window.addEventListener('rk-test-display', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
export function call_with(text, ms) {
  return new Promise((resolve, reject) => {
    const found = () => (window.__rkCalls || []).find((c) => (c.url + c.body).includes(text));
    if (found()) return resolve(found());
    const t = setTimeout(() => reject(new Error('no request with ' + text)), ms);
    window.addEventListener('rk-test-call', function on() {
      if (found()) { clearTimeout(t); window.removeEventListener('rk-test-call', on); resolve(found()); }
    });
  });
}
export function wait_for(root, selector, ms) {
  return new Promise((resolve, reject) => {
    const found = () => root.querySelector(selector);
    if (found()) return resolve(found());
    const mo = new MutationObserver(() => { if (found()) { mo.disconnect(); clearTimeout(t); resolve(found()); } });
    mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const t = setTimeout(() => { mo.disconnect(); reject(new Error('timed out waiting for ' + selector)); }, ms);
  });
}
export function wait_for_text(root, selector, text, ms) {
  return new Promise((resolve, reject) => {
    const found = () => { const e = root.querySelector(selector); return e && e.textContent === text ? e : null; };
    if (found()) return resolve(found());
    const mo = new MutationObserver(() => { if (found()) { mo.disconnect(); clearTimeout(t); resolve(found()); } });
    mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const t = setTimeout(() => { mo.disconnect(); reject(new Error('timed out waiting for ' + selector + ' to say ' + text)); }, ms);
  });
}
export function next_event(target, name, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no ' + name + ' event')), ms);
    target.addEventListener(name, (e) => { clearTimeout(t); resolve(e); }, { once: true });
  });
}
export function event_where(target, name, key, value, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no ' + name + ' event with ' + key + ' = ' + value)), ms);
    target.addEventListener(name, function on(e) {
      if (e.detail && e.detail[key] === value) { clearTimeout(t); target.removeEventListener(name, on); resolve(e); }
    });
  });
}
export function press(el, key) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}
export function type_into(el, text) {
  el.value = text;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
export function break_local_storage() {
  const proto = Object.getPrototypeOf(window.localStorage);
  proto.__origSet = proto.__origSet || proto.setItem;
  proto.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
}
export function mend_local_storage() {
  const proto = Object.getPrototypeOf(window.localStorage);
  if (proto.__origSet) proto.setItem = proto.__origSet;
}
"#)]
extern "C" {
    pub fn stub_fetch(answers: &JsValue);
    pub fn calls() -> js_sys::Array;
    /// The server knows survey `id`: `GET /v1/surveys/{id}` answers `json` (after `stub_fetch`).
    pub fn stub_definition(id: &str, json: &str);
    /// Paths of the displays recorded since `stub_fetch`.
    pub fn displays() -> js_sys::Array;
    pub fn next_display(ms: u32) -> js_sys::Promise;
    pub fn call_with(text: &str, ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(catch)]
    pub fn wait_for(root: &ShadowRoot, selector: &str, ms: u32) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    pub fn wait_for_text(root: &ShadowRoot, selector: &str, text: &str, ms: u32) -> Result<js_sys::Promise, JsValue>;
    pub fn next_event(target: &web_sys::EventTarget, name: &str, ms: u32) -> js_sys::Promise;
    pub fn event_where(target: &web_sys::EventTarget, name: &str, key: &str, value: f64, ms: u32) -> js_sys::Promise;
    pub fn press(el: &Element, key: &str);
    pub fn type_into(el: &Element, text: &str);
    pub fn break_local_storage();
    pub fn mend_local_storage();
}

fn answer(status: u16, body: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"status".into(), &JsValue::from(status)).unwrap();
    js_sys::Reflect::set(&o, &"body".into(), &JsValue::from_str(body)).unwrap();
    o.into()
}

pub fn answers(list: &[(u16, &str)]) -> JsValue {
    list.iter().map(|(s, b)| answer(*s, b)).collect::<js_sys::Array>().into()
}

pub const CREATED: &str =
    r#"{"id":7,"survey_id":"nps-test","score":9,"category":"promoter","created_at":1,"edit_token":"TOKEN23456789ABCDEFGHJKM"}"#;

pub struct Mounted {
    pub host: Element,
    pub root: ShadowRoot,
    pub app: retainkit::Mounted,
}

/// Mounts `tag` with `attrs` into a fresh host element's shadow root, on a fresh page state.
pub async fn mount_tag(tag: &str, attrs: &[(&str, &str)]) -> Mounted {
    fresh();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("rk-test-host").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let obj = js_sys::Object::new();
    for (k, v) in attrs {
        js_sys::Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    let app = retainkit::mount(tag.to_owned(), root.clone(), obj.into()).await.unwrap();
    Mounted { host, root, app }
}

pub async fn find(root: &ShadowRoot, selector: &str) -> Element {
    let p = wait_for(root, selector, 8000).unwrap();
    // On a time-out, what the widget showed instead.
    JsFuture::from(p).await.unwrap_or_else(|e| panic!("{e:?}\nThe widget showed: {}", root.inner_html())).dyn_into().unwrap()
}

/// The element once it says `text` (an event can come before the render that shows it).
pub async fn find_text(root: &ShadowRoot, selector: &str, text: &str) -> Element {
    let p = wait_for_text(root, selector, text, 8000).unwrap();
    JsFuture::from(p).await.unwrap_or_else(|e| panic!("{e:?}\nThe widget showed: {}", root.inner_html())).dyn_into().unwrap()
}

pub fn radios(root: &ShadowRoot) -> Vec<Element> {
    let list = root.query_selector_all("[role=radio]").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

pub fn text(root: &ShadowRoot, selector: &str) -> String {
    root.query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

/// An `<rk-nps>` with these attributes.
pub async fn mount(attrs: &[(&str, &str)]) -> Mounted {
    mount_tag("rk-nps", attrs).await
}

pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

pub fn field(call: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(call, &name.into()).ok().and_then(|v| v.as_string())
}

/// Nothing of an earlier test stays: no customer, no queued request, no popup.
pub fn fresh() {
    retainkit::testing::fresh_page();
}

pub async fn click(root: &ShadowRoot, selector: &str) {
    find(root, selector).await.dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

pub async fn event_detail(promise: js_sys::Promise, key: &str) -> JsValue {
    let e: web_sys::CustomEvent = JsFuture::from(promise).await.unwrap().dyn_into().unwrap();
    js_sys::Reflect::get(&e.detail(), &key.into()).unwrap()
}
