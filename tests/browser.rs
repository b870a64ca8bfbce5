//! Components in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! rendering into a shadow root, keyboard use of the scale, the `rk-survey-submit` event,
//! server errors, texts per language, storage that throws, the exit offer, the loyalty panel. The network is a stubbed `fetch`
//! so each test decides what the server answers; the e2e tests use the real server.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function stub_fetch(answers) {
  window.__rkCalls = [];
  const queue = answers.slice();
  window.fetch = async (req) => {
    const body = await req.text();
    window.__rkCalls.push({ url: req.url, method: req.method, key: req.headers.get('Idempotency-Key'), auth: req.headers.get('Authorization'), body });
    window.dispatchEvent(new Event('rk-test-call'));
    const a = queue.length > 1 ? queue.shift() : queue[0];
    if (a.status === 0) throw new TypeError('Failed to fetch');
    return new Response(a.body, { status: a.status, headers: { 'Content-Type': 'application/json' } });
  };
}
export function calls() { return window.__rkCalls || []; }
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
    fn stub_fetch(answers: &JsValue);
    fn calls() -> js_sys::Array;
    fn call_with(text: &str, ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(catch)]
    fn wait_for(root: &ShadowRoot, selector: &str, ms: u32) -> Result<js_sys::Promise, JsValue>;
    fn next_event(target: &web_sys::EventTarget, name: &str, ms: u32) -> js_sys::Promise;
    fn event_where(target: &web_sys::EventTarget, name: &str, key: &str, value: f64, ms: u32) -> js_sys::Promise;
    fn press(el: &Element, key: &str);
    fn type_into(el: &Element, text: &str);
    fn break_local_storage();
    fn mend_local_storage();
}

fn answer(status: u16, body: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"status".into(), &JsValue::from(status)).unwrap();
    js_sys::Reflect::set(&o, &"body".into(), &JsValue::from_str(body)).unwrap();
    o.into()
}

fn answers(list: &[(u16, &str)]) -> JsValue {
    list.iter().map(|(s, b)| answer(*s, b)).collect::<js_sys::Array>().into()
}

const CREATED: &str =
    r#"{"id":7,"survey_id":"nps-test","score":9,"category":"promoter","created_at":1,"edit_token":"TOKEN23456789ABCDEFGHJKM"}"#;

struct Mounted {
    host: Element,
    root: ShadowRoot,
    _app: retainkit::Mounted,
}

fn mount(attrs: &[(&str, &str)]) -> Mounted {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("rk-test-host").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let obj = js_sys::Object::new();
    for (k, v) in attrs {
        js_sys::Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    let app = retainkit::mount("rk-nps", root.clone(), obj.into()).unwrap();
    Mounted { host, root, _app: app }
}

async fn find(root: &ShadowRoot, selector: &str) -> Element {
    let p = wait_for(root, selector, 8000).unwrap();
    JsFuture::from(p).await.unwrap_or_else(|e| panic!("{e:?}")).dyn_into().unwrap()
}

fn radios(root: &ShadowRoot) -> Vec<Element> {
    let list = root.query_selector_all("[role=radio]").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

fn text(root: &ShadowRoot, selector: &str) -> String {
    root.query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn renders_an_accessible_scale_in_a_shadow_root() {
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radiogroup]").await;
    let group = m.root.query_selector("[role=radiogroup]").unwrap().unwrap();
    // Rendered inside the shadow root, not the page.
    assert!(m.host.query_selector("[role=radiogroup]").unwrap().is_none());
    let labelled = group.get_attribute("aria-labelledby").unwrap();
    let question = m.root.get_element_by_id(&labelled).unwrap();
    assert_eq!(question.text_content().unwrap(), "How likely are you to recommend us to a friend or colleague?");
    let r = radios(&m.root);
    assert_eq!(r.len(), 11);
    assert_eq!(r[0].get_attribute("aria-label").as_deref(), Some("0 – not at all likely"));
    assert_eq!(r[10].get_attribute("aria-label").as_deref(), Some("10 – extremely likely"));
    assert_eq!(r.iter().filter(|e| e.get_attribute("tabindex").as_deref() == Some("0")).count(), 1, "one tab stop");
    assert!(r.iter().all(|e| e.get_attribute("aria-checked").as_deref() == Some("false")));
    // The widget stylesheet is adopted by the shadow root.
    assert!(m.root.adopted_style_sheets().length() >= 1);
    m.host.remove();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_selection_and_the_focus() {
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    let first = radios(&m.root)[0].clone();
    first.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    press(&first, "ArrowRight");
    let checked = find(&m.root, "[role=radio][aria-checked=true]").await;
    assert_eq!(checked.text_content().unwrap(), "0");
    let focused = m.root.active_element().unwrap();
    press(&focused, "ArrowRight");
    let checked = find(&m.root, "[role=radio][aria-checked=true][tabindex='0']:not(:first-child)").await;
    assert_eq!(checked.text_content().unwrap(), "1");
    assert_eq!(m.root.active_element().unwrap().text_content().unwrap(), "1");
    press(&m.root.active_element().unwrap(), "End");
    let checked = find(&m.root, "[role=radio][aria-checked=true]:last-child").await;
    assert_eq!(checked.text_content().unwrap(), "10");
    // The follow-up field appears once a score is chosen.
    find(&m.root, "textarea#rk-comment").await;
    m.host.remove();
}

#[wasm_bindgen_test]
async fn enter_submits_fires_the_event_and_thanks() {
    stub_fetch(&answers(&[(201, CREATED)]));
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[9].dyn_ref::<HtmlElement>().unwrap().click();
    let area = find(&m.root, "textarea").await;
    type_into(&area, "Great fabric");
    let doc: web_sys::EventTarget = web_sys::window().unwrap().document().unwrap().into();
    let event = next_event(&doc, "rk-survey-submit", 3000);
    press(&m.root.query_selector("[role=radio][aria-checked=true]").unwrap().unwrap(), "Enter");
    let event: web_sys::CustomEvent = JsFuture::from(event).await.unwrap().dyn_into().unwrap();
    assert!(event.bubbles() && event.composed());
    let detail = event.detail();
    let get = |k: &str| js_sys::Reflect::get(&detail, &k.into()).unwrap();
    assert_eq!(get("score").as_f64(), Some(9.0));
    assert_eq!(get("surveyId").as_string().as_deref(), Some("nps-test"));
    assert_eq!(get("comment").as_string().as_deref(), Some("Great fabric"));
    find(&m.root, ".rk-thanks").await;
    assert_eq!(text(&m.root, ".rk-thanks"), "Thank you for your feedback!");
    let c = calls();
    assert_eq!(c.length(), 1);
    let call = c.get(0);
    let key = js_sys::Reflect::get(&call, &"key".into()).unwrap().as_string().unwrap();
    assert!(key.starts_with("rk-") && key.len() == 35, "{key}");
    let body = js_sys::Reflect::get(&call, &"body".into()).unwrap().as_string().unwrap();
    assert!(body.contains(r#""score":9"#) && body.contains(r#""comment":"Great fabric""#), "{body}");
    assert!(js_sys::Reflect::get(&call, &"url".into()).unwrap().as_string().unwrap().ends_with("/v1/surveys/nps-test/responses"));
    assert_eq!(retainkit::api::outbox_len(), 0, "delivered requests leave the outbox");
    m.host.remove();
}

#[wasm_bindgen_test]
async fn a_field_error_from_the_server_shows_next_to_the_field_and_keeps_the_answer() {
    let e422 = r#"{"error":{"code":"validation_failed","message":"Some fields are not valid.","fields":{"comment":"too_long"}}}"#;
    stub_fetch(&answers(&[(422, e422), (201, CREATED)]));
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[3].dyn_ref::<HtmlElement>().unwrap().click();
    let area = find(&m.root, "textarea").await;
    type_into(&area, "Too slow");
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "#rk-comment-error").await;
    assert_eq!(text(&m.root, "#rk-comment-error"), "This text is too long.");
    let area = m.root.query_selector("textarea").unwrap().unwrap();
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(area.get_attribute("aria-describedby").unwrap().contains("rk-comment-error"));
    assert_eq!(area.dyn_ref::<web_sys::HtmlTextAreaElement>().unwrap().value(), "Too slow");
    assert_eq!(m.root.query_selector("[aria-checked=true]").unwrap().unwrap().text_content().unwrap(), "3");
    // Retry works: the second answer is 201.
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-thanks").await;
    m.host.remove();
}

#[wasm_bindgen_test]
async fn a_malformed_answer_is_an_error_state_not_a_panic() {
    stub_fetch(&answers(&[(201, r#"{"unexpected":true}"#)]));
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[5].dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "textarea").await;
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-error").await;
    assert_eq!(text(&m.root, ".rk-error"), "Your answer could not be accepted. Please check it and try again.");
    m.host.remove();
}

#[wasm_bindgen_test]
async fn submitting_without_a_score_asks_for_one() {
    stub_fetch(&answers(&[(201, CREATED)]));
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "#rk-score-error").await;
    assert_eq!(text(&m.root, "#rk-score-error"), "Please choose a score from 0 to 10.");
    let group = m.root.query_selector("[role=radiogroup]").unwrap().unwrap();
    assert_eq!(group.get_attribute("aria-describedby").as_deref(), Some("rk-score-error"));
    assert_eq!(calls().length(), 0, "nothing was sent");
    m.host.remove();
}

#[wasm_bindgen_test]
async fn speaks_polish_and_indonesian() {
    let pl = mount(&[("lang", "pl")]);
    find(&pl.root, "[role=radio]").await;
    assert_eq!(text(&pl.root, ".rk-question"), "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?");
    assert_eq!(radios(&pl.root)[10].get_attribute("aria-label").as_deref(), Some("10 – bardzo prawdopodobne"));
    assert_eq!(text(&pl.root, "button[type=submit]"), "Wyślij");
    let id = mount(&[("_lang", "id-ID")]);
    find(&id.root, "[role=radio]").await;
    assert_eq!(text(&id.root, "button[type=submit]"), "Kirim");
    assert_eq!(radios(&id.root)[0].get_attribute("aria-label").as_deref(), Some("0 – sangat tidak mungkin"));
    pl.host.remove();
    id.host.remove();
}

#[wasm_bindgen_test]
async fn unreachable_server_keeps_the_answer_queued_even_when_storage_throws() {
    break_local_storage();
    stub_fetch(&answers(&[(0, "")]));
    let m = mount(&[("survey-id", "nps-test")]);
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[8].dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "textarea").await;
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-error").await;
    assert!(text(&m.root, ".rk-error").starts_with("We could not send your answer."));
    assert_eq!(text(&m.root, "button[type=submit]"), "Try again");
    assert_eq!(retainkit::api::outbox_len(), 1, "kept in memory when localStorage throws");
    let c = calls();
    assert_eq!(c.length(), 4, "one try and three retries");
    let keys: Vec<String> = c.iter().map(|x| js_sys::Reflect::get(&x, &"key".into()).unwrap().as_string().unwrap()).collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "the same Idempotency-Key on every try");
    // The server is back: "Try again" sends the same request once more.
    stub_fetch(&answers(&[(201, CREATED)]));
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-thanks").await;
    let again = js_sys::Reflect::get(&calls().get(0), &"key".into()).unwrap().as_string().unwrap();
    assert_eq!(again, keys[0]);
    assert_eq!(retainkit::api::outbox_len(), 0);
    mend_local_storage();
    m.host.remove();
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

#[wasm_bindgen_test]
async fn the_exit_offer_fills_the_cart_value_and_asks_for_consent_before_sending_an_email() {
    stub_fetch(&answers(&[(201, r#"{"id":1,"consented_at":1}"#)]));
    retainkit::popup::set_context(json(r#"{"cart_value":4990,"currency":"USD"}"#));
    let offer = r#"{"offer":{"id":"stay-test","headline":{"en":"Wait!"},"body":{"en":"Your cart of {cart_value} is waiting. Take 10% off."},
        "code":"STAY10","email_capture":true,"consent":{"en":"E-mail me offers."},"countdown_seconds":600,
        "display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"always"},"placement":"center"}}}"#;
    let next_show = next_event(&web_sys::window().unwrap(), "rk-popup-show", 8000);
    retainkit::popup::popups(json(r#"{"surveys":[]}"#), json(offer), json(r#"{"perSession":5}"#));
    JsFuture::from(next_show).await.unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.query_selector("rk-popup").unwrap().expect("the popup host");
    let root = host.shadow_root().unwrap();
    let dialog = find(&root, "dialog[open]").await;
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert_eq!(text(&root, ".rk-dialog-title"), "Wait!");
    assert_eq!(text(&root, "[part=body]"), "Your cart of $49.90 is waiting. Take 10% off.");
    assert_eq!(text(&root, "[part=code]"), "STAY10");
    assert_eq!(text(&root, "[part=countdown]"), "Offer ends in 10:00");

    // An address without the consent box: a message next to the box, nothing sent.
    let email = root.query_selector("[part=email]").unwrap().unwrap();
    type_into(&email, "sari@mail.example");
    root.query_selector("[part=email-submit]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    let error = find(&root, "#rk-offer-error").await;
    assert_eq!(error.text_content().unwrap(), "Please tick the box to agree to receive e-mails.");
    let consent = root.query_selector("#rk-offer-consent").unwrap().unwrap();
    assert_eq!(consent.get_attribute("aria-invalid").as_deref(), Some("true"));
    let leads =
        || calls().iter().filter(|c| js_sys::Reflect::get(c, &"url".into()).unwrap().as_string().unwrap().ends_with("/leads")).count();
    assert_eq!(leads(), 0);

    consent.dyn_into::<HtmlElement>().unwrap().click();
    let convert = next_event(&web_sys::window().unwrap(), "rk-offer-convert", 8000);
    root.query_selector("[part=email-submit]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    find(&root, "[part=email-thanks]").await;
    let e: web_sys::CustomEvent = JsFuture::from(convert).await.unwrap().dyn_into().unwrap();
    assert_eq!(js_sys::Reflect::get(&e.detail(), &"via".into()).unwrap().as_string().as_deref(), Some("email"));
    assert_eq!(leads(), 1);

    let closed = next_event(&web_sys::window().unwrap(), "rk-popup-close", 8000);
    root.query_selector("[part=dismiss]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    let e: web_sys::CustomEvent = JsFuture::from(closed).await.unwrap().dyn_into().unwrap();
    assert_eq!(js_sys::Reflect::get(&e.detail(), &"done".into()).unwrap().as_bool(), Some(true));
    // The conversion reaches the server (and leaves nothing in flight for the next test).
    JsFuture::from(call_with(r#""kind":"convert""#, 8000)).await.unwrap();
    while retainkit::api::outbox_len() > 0 {
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
}

fn field(call: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(call, &name.into()).ok().and_then(|v| v.as_string())
}

const PROGRAM: &str = r#"{"name":{"en":"Toko Points"},"tiers":[{"id":"bronze","name":{"en":"Bronze"},"threshold":0},
    {"id":"silver","name":{"en":"Silver"},"threshold":500}],
    "ways_to_earn":[{"kind":"review","label":{"en":"Write a review"},"points":50}],
    "rewards":[{"id":"five-off","name":{"en":"5% off"},"cost":100,"discount":{"type":"percent","percent":5}},
    {"id":"big","name":{"en":"Rp 50.000 off"},"cost":400,"discount":{"type":"fixed","amount":5000000,"currency":"IDR"}}],
    "join_url":"/join","sign_in_url":"javascript:alert(1)"}"#;

fn member(balance: i64) -> String {
    let mut s = String::from(r#"{"id":"c-1","balance":"#);
    s.push_str(&balance.to_string());
    s.push_str(
        r#","lifetime_points":320,"tier":{"current":"bronze","next":"silver","points_to_next":180,"percent":64},"history":[],"referral_url":null}"#,
    );
    s
}

#[wasm_bindgen_test]
async fn the_loyalty_panel_shows_the_member_moves_by_keyboard_and_redeems_once() {
    let (me, after) = (member(320), member(230));
    stub_fetch(&answers(&[
        (200, PROGRAM),
        (200, &me),
        (201, r#"{"reward_id":"five-off","coupon_code":"RK-TESTCODE","balance":220}"#),
        (200, &after),
    ]));
    let doc = web_sys::window().unwrap().document().unwrap();
    let first_balance = next_event(&doc, "rk-points-change", 8000);
    let host = doc.create_element("rk-test-loyalty").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let attrs = json(r#"{"customer-token":"tok.en.sig","locale":"en","position":"left","offset-x":"96px;color:red"}"#);
    let app = retainkit::mount("rk-loyalty", root.clone(), attrs).unwrap();
    let e: web_sys::CustomEvent = JsFuture::from(first_balance).await.unwrap().dyn_into().unwrap();
    assert_eq!(js_sys::Reflect::get(&e.detail(), &"balance".into()).unwrap().as_f64(), Some(320.0));
    // Only the customer's own data goes with the token.
    let list = calls();
    assert_eq!(field(&list.get(0), "auth"), None);
    assert_eq!(field(&list.get(1), "auth").as_deref(), Some("Bearer tok.en.sig"));

    let launcher = find(&root, ".rk-launcher").await;
    assert_eq!(launcher.text_content().unwrap(), "320 points");
    assert!(launcher.class_list().contains("rk-left"));
    assert_eq!(launcher.get_attribute("style"), None, "an offset that is not a plain length is dropped");
    launcher.clone().dyn_into::<HtmlElement>().unwrap().click();
    find(&root, "dialog[open]").await;
    assert_eq!(launcher.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(text(&root, "[part=balance]"), "320 points");
    assert_eq!(text(&root, ".rk-progress-label"), "180 points to Silver");

    // Tabs: arrows move the selection and the focus.
    let tab = root.query_selector("[role=tab][aria-selected=true]").unwrap().unwrap();
    press(&tab, "ArrowRight");
    press(&find(&root, "#rk-loyalty-tab-1[aria-selected=true]").await, "ArrowRight");
    let rewards = find(&root, "[data-redeem=five-off]").await;
    assert_eq!(text(&root, "[role=tab][aria-selected=true]"), "Rewards");
    assert_eq!(root.active_element().and_then(|a| a.text_content()).as_deref(), Some("Rewards"));
    assert_eq!(text(&root, "[data-redeem=big]"), "80 points more needed");
    // A shop link that is not a web address is not rendered as a link.
    assert!(root.query_selector("[part=sign-in-link]").unwrap().is_none());

    // Redeem → confirm; two clicks on "Yes" send one request.
    rewards.dyn_into::<HtmlElement>().unwrap().click();
    let yes: HtmlElement = find(&root, ".rk-confirm-yes").await.dyn_into().unwrap();
    assert_eq!(root.active_element().as_ref(), Some(yes.unchecked_ref::<Element>()), "focus on the confirm button");
    let redeemed = next_event(&host, "rk-loyalty-redeem", 8000);
    let refreshed = event_where(&doc, "rk-points-change", "balance", 230.0, 8000);
    yes.click();
    yes.click();
    let e: web_sys::CustomEvent = JsFuture::from(redeemed).await.unwrap().dyn_into().unwrap();
    assert_eq!(js_sys::Reflect::get(&e.detail(), &"coupon_code".into()).unwrap().as_string().as_deref(), Some("RK-TESTCODE"));
    let posts = calls().iter().filter(|c| field(c, "url").unwrap().ends_with("/v1/loyalty/redemptions")).count();
    assert_eq!(posts, 1);
    find(&root, ".rk-redeemed").await;
    assert_eq!(text(&root, ".rk-redeemed [part=coupon]"), "RK-TESTCODE");
    assert_eq!(text(&root, "[part=balance]"), "220 points");
    // The customer is read again from the server after the redemption.
    JsFuture::from(refreshed).await.unwrap();
    assert_eq!(text(&root, "[part=balance]"), "230 points");

    // Closing gives the focus back to the launcher (and the page back to the next tests).
    let closed = next_event(&host, "rk-loyalty-close", 8000);
    root.query_selector(".rk-close").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    JsFuture::from(closed).await.unwrap();
    assert_eq!(root.active_element().as_ref(), Some(&launcher));
    retainkit::identify(None);
    app.destroy();
    host.remove();
}
