//! `<rk-loyalty>`: the member view, tabs by keyboard, one redemption for two clicks.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

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
    fresh();
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
    let app = retainkit::mount("rk-loyalty".into(), root.clone(), attrs).await.unwrap();
    let e: web_sys::CustomEvent = JsFuture::from(first_balance).await.unwrap().dyn_into().unwrap();
    assert_eq!(js_sys::Reflect::get(&e.detail(), &"balance".into()).unwrap().as_f64(), Some(320.0));
    // Only the customer's own data goes with the token.
    let list = calls();
    assert_eq!(field(&list.get(0), "auth"), None);
    assert_eq!(field(&list.get(1), "auth").as_deref(), Some("Bearer tok.en.sig"));

    // (The event can come before the render that shows the balance: a CI run once read the
    // launcher in between.)
    let launcher = find_text(&root, ".rk-launcher", "320 points").await;
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
    find_text(&root, "[part=balance]", "230 points").await;

    // Closing gives the focus back to the launcher (and the page back to the next tests).
    let closed = next_event(&host, "rk-loyalty-close", 8000);
    root.query_selector(".rk-close").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    JsFuture::from(closed).await.unwrap();
    assert_eq!(root.active_element().as_ref(), Some(&launcher));
    retainkit::identify(None);
    app.destroy();
    host.remove();
}
