//! The exit offer's content: the body personalised from the page context, an optional
//! countdown, the discount code with a Copy button, and an optional e-mail field with a
//! consent box. Copying the code or leaving an e-mail address is a conversion.

use crate::api::{self, visitor, ApiError};
use crate::i18n::Locale;
use crate::ui::CopyCode;
use retainkit_contract::offers::{ExitOffer, LeadCreate, LeadCreated};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ExitOfferProps {
    pub offer: Rc<ExitOffer>,
    pub locale: Locale,
    pub on_copy: Callback<()>,
    /// `"copy"` or `"email"`.
    pub on_convert: Callback<&'static str>,
    /// "Back to shopping".
    pub on_dismiss: Callback<()>,
}

// The offer by identity: it is never changed once loaded.
impl PartialEq for ExitOfferProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.offer, &o.offer)
            && self.locale == o.locale
            && self.on_copy == o.on_copy
            && self.on_convert == o.on_convert
            && self.on_dismiss == o.on_dismiss
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lead {
    Editing,
    Sending,
    Sent,
    Failed(Option<&'static str>),
}

/// `m:ss` for a number of seconds.
pub fn clock(seconds: u32) -> String {
    let s = seconds % 60;
    let mut out = crate::dom::num::int((seconds / 60) as i64);
    out.push(':');
    if s < 10 {
        out.push('0');
    }
    out.push_str(&crate::dom::num::int(s as i64));
    out
}

/// When this visitor's countdown for an offer ends (ms): set the first time it shows, so a
/// reload does not start it again.
fn deadline(offer: &ExitOffer, now: f64) -> Option<f64> {
    let seconds = offer.countdown_seconds?;
    let mut key = String::from("offer-end:");
    key.push_str(&offer.id);
    if let Some(t) = crate::api::storage::get(&key).and_then(|v| v.parse::<i64>().ok()).map(|v| v as f64) {
        return Some(t);
    }
    let t = now + seconds as f64 * 1000.0;
    crate::api::storage::set(&key, &crate::dom::num::int(t as i64));
    Some(t)
}

#[function_component(ExitOfferView)]
pub fn exit_offer_view(props: &ExitOfferProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    let o = props.offer.clone();
    let ends = use_memo(o.id.clone(), |_| deadline(&o, js_sys::Date::now()));
    let left = use_state(|| ends.map(|e| ((e - js_sys::Date::now()) / 1000.0).ceil().max(0.0) as u32));
    {
        let (left, ends) = (left.clone(), *ends);
        use_effect_with(ends.is_some(), move |on| {
            let timer = on.then(|| {
                gloo_timers::callback::Interval::new(1000, move || {
                    if let Some(e) = ends {
                        left.set(Some(((e - js_sys::Date::now()) / 1000.0).ceil().max(0.0) as u32));
                    }
                })
            });
            move || drop(timer)
        });
    }
    let email = use_state(String::new);
    let consent = use_state(|| false);
    let lead = use_state(|| Lead::Editing);
    let key = use_mut_ref(|| None::<String>);

    let on_copy = {
        let (on_copy, on_convert) = (props.on_copy.clone(), props.on_convert.clone());
        Callback::from(move |_: ()| {
            on_copy.emit(());
            on_convert.emit("copy");
        })
    };
    let onsubmit = {
        let (email, consent, lead, key, o, on_convert) =
            (email.clone(), consent.clone(), lead.clone(), key.clone(), o.clone(), props.on_convert.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*lead, Lead::Sending | Lead::Sent) {
                return;
            }
            let body = LeadCreate {
                email: email.trim().to_owned(),
                consent: *consent,
                visitor_id: visitor::id(),
                locale: Some(l.tag().to_owned()),
                page: None,
            };
            if let Err(errors) = body.validate() {
                let which = if errors.get("email").is_some() { "email" } else { "consent" };
                lead.set(Lead::Failed(Some(which)));
                return;
            }
            let k = key.borrow_mut().get_or_insert_with(api::new_key).clone();
            lead.set(Lead::Sending);
            let mut path = String::from("/v1/offers/");
            path.push_str(&o.id);
            path.push_str("/leads");
            let (lead, key, on_convert) = (lead.clone(), key.clone(), on_convert.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create::<_, LeadCreated>(&path, &body, &k).await {
                    Ok(_) => {
                        key.borrow_mut().take();
                        lead.set(Lead::Sent);
                        on_convert.emit("email");
                    }
                    Err(ApiError::Rejected { error, .. }) => {
                        key.borrow_mut().take();
                        let field =
                            error.and_then(|e| e.error.fields.iter().next().map(|(f, _)| if f == "consent" { "consent" } else { "email" }));
                        lead.set(Lead::Failed(field));
                    }
                    Err(_) => lead.set(Lead::Failed(None)),
                }
            });
        })
    };

    let body = super::fill_offer_text(&o.body, l);
    let failed = match &*lead {
        Lead::Failed(f) => Some(*f),
        _ => None,
    };
    let email_error = matches!(failed, Some(Some("email")));
    let consent_error = matches!(failed, Some(Some("consent")));
    let busy = *lead == Lead::Sending;
    let on_email = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| email.set(crate::ui::field_value(&e)))
    };
    let on_consent = {
        let consent = consent.clone();
        Callback::from(move |e: Event| {
            consent.set(e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked()));
        })
    };
    html! {
        <div class="rk-offer" part="offer" lang={l.tag()}>
            if !body.is_empty() {
                <p class="rk-offer-body" part="body">{ body }</p>
            }
            if let Some(s) = *left {
                if s > 0 {
                    <p class="rk-countdown" part="countdown" role="timer">{ t.offer_ends_in }{ " " }<strong>{ clock(s) }</strong></p>
                }
            }
            if let Some(code) = &o.code {
                <div class="rk-offer-code" part="code-box">
                    <p class="rk-offer-code-label">{ t.offer_code }</p>
                    <CopyCode code={code.clone()} copy_label={t.copy} copied_label={t.copied} on_copy={on_copy} />
                </div>
            }
            if o.email_capture {
                if *lead == Lead::Sent {
                    <p class="rk-thanks" part="email-thanks" role="status">{ t.offer_email_thanks }</p>
                } else {
                    <form class="rk-form rk-offer-form" part="email-form" {onsubmit} novalidate=true aria-busy={busy.then_some("true")}>
                        <label for="rk-offer-email" class="rk-label">{ t.offer_email_label }</label>
                        <input id="rk-offer-email" type="email" part="email" autocomplete="email" value={(*email).clone()} oninput={on_email}
                               aria-invalid={email_error.then_some("true")} aria-describedby={email_error.then_some("rk-offer-error")} readonly={busy} />
                        <label class="rk-consent" part="consent">
                            <input type="checkbox" id="rk-offer-consent" checked={*consent} onchange={on_consent}
                                   aria-invalid={consent_error.then_some("true")} aria-describedby={consent_error.then_some("rk-offer-error")} />
                            <span>{ o.consent.for_locale(l.tag()).unwrap_or("").to_owned() }</span>
                        </label>
                        <div class="rk-status" role="alert">
                            if let Some(f) = failed {
                                <p id="rk-offer-error" class="rk-error" part="error">{
                                    match f {
                                        Some("email") => t.offer_email_invalid,
                                        Some(_) => t.offer_consent_required,
                                        None => t.offline,
                                    }
                                }</p>
                            }
                        </div>
                        <button type="submit" class="rk-button" part="email-submit" disabled={busy}>{ if busy { t.sending } else { t.offer_email_submit } }</button>
                    </form>
                }
            }
            <button type="button" class="rk-link-button rk-keep-shopping" part="dismiss" onclick={props.on_dismiss.reform(|_| ())}>{ t.keep_shopping }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn countdown_clock() {
        assert_eq!(super::clock(900), "15:00");
        assert_eq!(super::clock(61), "1:01");
        assert_eq!(super::clock(9), "0:09");
    }
}
