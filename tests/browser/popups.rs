//! Popups: the exit offer.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn the_exit_offer_fills_the_cart_value_and_asks_for_consent_before_sending_an_email() {
    fresh();
    stub_fetch(&answers(&[(201, r#"{"id":1,"consented_at":1}"#)]));
    retainkit::set_context(json(r#"{"cart_value":4990,"currency":"USD"}"#));
    let offer = r#"{"offer":{"id":"stay-test","headline":{"en":"Wait!"},"body":{"en":"Your cart of {cart_value} is waiting. Take 10% off."},
        "code":"STAY10","email_capture":true,"consent":{"en":"E-mail me offers."},"countdown_seconds":600,
        "display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"always"},"placement":"center"}}}"#;
    let next_show = next_event(&web_sys::window().unwrap(), "rk-popup-show", 8000);
    retainkit::popups(json(r#"{"surveys":[]}"#), json(offer), json(r#"{"perSession":5}"#));
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
