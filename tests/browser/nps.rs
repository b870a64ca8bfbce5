//! `<rk-nps>`: the scale, the keyboard, sending, errors, languages, the outbox.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn renders_an_accessible_scale_in_a_shadow_root() {
    let m = mount(&[("survey-id", "nps-test")]).await;
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
    let m = mount(&[("survey-id", "nps-test")]).await;
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
    let m = mount(&[("survey-id", "nps-test")]).await;
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
    let m = mount(&[("survey-id", "nps-test")]).await;
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

/// A 201 whose body is lost or garbled: the server may well have the answer, so it is not
/// called refused; it stays queued with its key, and "Try again" sends the same key (the
/// server replays the stored answer instead of storing a second one).
#[wasm_bindgen_test]
async fn a_reply_that_does_not_parse_keeps_the_answer_and_its_key() {
    stub_fetch(&answers(&[(201, r#"{"unexpected":true}"#)]));
    let m = mount(&[("survey-id", "nps-test")]).await;
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[5].dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "textarea").await;
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-error").await;
    assert!(text(&m.root, ".rk-error").starts_with("We could not send your answer."), "{}", text(&m.root, ".rk-error"));
    assert_eq!(text(&m.root, "button[type=submit]"), "Try again");
    assert_eq!(retainkit::api::outbox_len(), 1, "still queued");
    let first = field(&calls().get(0), "key").unwrap();
    stub_fetch(&answers(&[(201, CREATED)]));
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-thanks").await;
    assert_eq!(field(&calls().get(0), "key").unwrap(), first, "the same Idempotency-Key");
    assert_eq!(retainkit::api::outbox_len(), 0);
    m.host.remove();
}

/// An answer changed after a try that did not get through replaces it: the earlier try
/// leaves the outbox, and the new answer goes with a new key.
#[wasm_bindgen_test]
async fn a_changed_answer_replaces_the_queued_one() {
    stub_fetch(&answers(&[(0, "")]));
    let m = mount(&[("survey-id", "nps-test")]).await;
    find(&m.root, "[role=radio]").await;
    radios(&m.root)[2].dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, "textarea").await;
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-error").await;
    assert_eq!(retainkit::api::outbox_len(), 1);
    let first = field(&calls().get(0), "key").unwrap();
    // Yew 0.23 may yield to the browser between the form's render (the error) and the
    // scale's (enabled again): the scale is clicked once it is enabled, as a person would.
    click(&m.root, "[role=radio]:nth-child(10):not([disabled])").await;
    find(&m.root, "[role=radio][aria-checked=true]:nth-child(10)").await;
    assert_eq!(retainkit::api::outbox_len(), 0, "the earlier try is gone");
    stub_fetch(&answers(&[(201, CREATED)]));
    m.root.query_selector("button[type=submit]").unwrap().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    find(&m.root, ".rk-thanks").await;
    let c = calls().get(0);
    assert_ne!(field(&c, "key").unwrap(), first);
    assert!(field(&c, "body").unwrap().contains(r#""score":9"#));
    m.host.remove();
}

#[wasm_bindgen_test]
async fn submitting_without_a_score_asks_for_one() {
    stub_fetch(&answers(&[(201, CREATED)]));
    let m = mount(&[("survey-id", "nps-test")]).await;
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
    let pl = mount(&[("lang", "pl")]).await;
    find(&pl.root, "[role=radio]").await;
    assert_eq!(text(&pl.root, ".rk-question"), "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?");
    assert_eq!(radios(&pl.root)[10].get_attribute("aria-label").as_deref(), Some("10 – bardzo prawdopodobne"));
    assert_eq!(text(&pl.root, "button[type=submit]"), "Wyślij");
    let id = mount(&[("_locale", "id-ID")]).await;
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
    let m = mount(&[("survey-id", "nps-test")]).await;
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

const SHOP_SURVEY: &str = r#"{"id":"nps-test","kind":"nps",
  "question":{"en":"Would you recommend Toko Demo?","pl":"Polecisz Toko Demo?"},
  "display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"once"},"placement":"inline"}}"#;

/// One survey id, one question: when the shop defined the survey on the server, `<rk-nps>`
/// asks its question (in the shopper's language), and the display is counted once.
#[wasm_bindgen_test]
async fn the_shops_survey_of_the_same_id_gives_its_texts_and_counts_the_display() {
    stub_fetch(&answers(&[(201, CREATED)]));
    stub_definition("nps-test", SHOP_SURVEY);
    let shown = next_display(5000);
    let m = mount(&[("survey-id", "nps-test"), ("lang", "pl")]).await;
    find(&m.root, "[role=radio]").await;
    assert_eq!(text(&m.root, ".rk-question"), "Polecisz Toko Demo?");
    JsFuture::from(shown).await.unwrap();
    assert_eq!(displays().length(), 1, "counted once");
    m.host.remove();

    // A language the shop did not write: the widget's own texts, which speak it.
    let id = mount(&[("survey-id", "nps-test"), ("lang", "id")]).await;
    find(&id.root, "[role=radio]").await;
    assert_eq!(text(&id.root, ".rk-question"), "Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?");
    id.host.remove();

    // The page's own `question` wins.
    let own = mount(&[("survey-id", "nps-test"), ("lang", "pl"), ("question", "Czy polecisz nas?")]).await;
    find(&own.root, "[role=radio]").await;
    assert_eq!(text(&own.root, ".rk-question"), "Czy polecisz nas?");
    own.host.remove();
}

/// Texts by key (issue 16): the page's (`RetainKit.init({texts})`, which the loader hands to
/// `configure` as the whole list), a language the page adds, and one element's own.
#[wasm_bindgen_test]
async fn texts_by_key_from_the_page_a_new_language_and_the_element() {
    let page = r#"[{"en": {"submit": "Send feedback"}},
                   {"de": {"submit": "Senden", "nps_question": "Wie wahrscheinlich ist es, dass Sie uns empfehlen?", "no_such_key": "x", "thanks": 7}}]"#;
    retainkit::configure(None, None, None, json(page));
    let en = mount(&[("survey-id", "nps-texts")]).await;
    find(&en.root, "[role=radio]").await;
    assert_eq!(text(&en.root, "button[type=submit]"), "Send feedback");
    assert_eq!(text(&en.root, ".rk-question"), "How likely are you to recommend us to a friend or colleague?", "the rest stays");

    // A language RetainKit does not have: the page's texts, English where it has none.
    let de = mount(&[("survey-id", "nps-texts"), ("lang", "de-AT")]).await;
    find(&de.root, "[role=radio]").await;
    assert_eq!(text(&de.root, ".rk-question"), "Wie wahrscheinlich ist es, dass Sie uns empfehlen?");
    assert_eq!(text(&de.root, "button[type=submit]"), "Senden");
    assert_eq!(radios(&de.root)[0].get_attribute("aria-label").as_deref(), Some("0 – not at all likely"));

    // One element's own texts, over the page's; a broken attribute changes nothing.
    let own = mount(&[("survey-id", "nps-texts"), ("texts", r#"{"submit": "Go", "nps_low_caption": "Never"}"#)]).await;
    find(&own.root, "[role=radio]").await;
    assert_eq!(text(&own.root, "button[type=submit]"), "Go");
    assert_eq!(text(&own.root, "[part~=caption-low]"), "Never");
    let broken = mount(&[("survey-id", "nps-texts"), ("texts", "{not json")]).await;
    find(&broken.root, "[role=radio]").await;
    assert_eq!(text(&broken.root, "button[type=submit]"), "Send feedback");

    // Texts the page gives later replace the earlier ones; a widget shown takes them on its
    // next render.
    retainkit::configure(None, None, None, json(r#"[{"en": {"submit": "Submit"}}]"#));
    let mut en = en;
    let attrs = js_sys::Object::new();
    js_sys::Reflect::set(&attrs, &"survey-id".into(), &"nps-texts".into()).unwrap();
    en.app.update(attrs.into());
    let later = mount(&[("survey-id", "nps-texts")]).await;
    find(&later.root, "[role=radio]").await;
    assert_eq!(text(&later.root, "button[type=submit]"), "Submit");
    assert_eq!(text(&en.root, "button[type=submit]"), "Submit", "the widget already shown");

    retainkit::configure(None, None, None, json("[]"));
    for m in [en, de, own, broken, later] {
        m.host.remove();
    }
}
