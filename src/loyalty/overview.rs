//! The panel's first section. Guests: what the program is, with the shop's join and sign-in
//! links. Members: the tier and the way to the next one, and the referral link to share.
//! Both: the tiers.

use super::{safe_url, text, tier_name};
use crate::i18n::Locale;
use crate::ui::CopyCode;
use retainkit_contract::loyalty::{Customer, Program};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub struct OverviewProps {
    pub program: Rc<Program>,
    pub customer: Option<Rc<Customer>>,
    pub locale: Locale,
}

/// `navigator.share` where the browser has it (phones, some desktops).
fn share_function() -> Option<(web_sys::Navigator, js_sys::Function)> {
    let nav = web_sys::window()?.navigator();
    let f = js_sys::Reflect::get(&nav, &"share".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    Some((nav, f))
}

pub fn overview(props: &OverviewProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    let p = &props.program;
    let mut tiers: Vec<_> = p.tiers.iter().collect();
    tiers.sort_by_key(|t| t.threshold);
    let current = props.customer.as_ref().and_then(|c| c.tier.current.clone());
    let tier_list = (!tiers.is_empty()).then(|| {
        html! {
            <section class="rk-section" aria-labelledby="rk-tiers-title">
                <h3 id="rk-tiers-title" class="rk-section-title">{ t.tiers_title }</h3>
                <ul class="rk-list" part="tiers">
                    { for tiers.iter().map(|tier| {
                        let on = current.as_deref() == Some(tier.id.as_str());
                        html! {
                            <li class={classes!("rk-list-item", on.then_some("rk-tier-current"))} part={if on { "tier tier-current" } else { "tier" }}
                                aria-current={on.then_some("true")}>
                                <span class="rk-grow">{ text(&tier.name, l) }</span>
                                <span class="rk-muted">{ crate::i18n::fill(t.tier_from, "{points}", &l.points(tier.threshold)) }</span>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        }
    });
    let Some(c) = &props.customer else {
        let join = safe_url(p.join_url.as_deref());
        let sign_in = safe_url(p.sign_in_url.as_deref());
        return html! {
            <div class="rk-stack">
                <p class="rk-intro" part="intro"><slot name="guest-intro">{ t.guest_intro }</slot></p>
                if let Some(href) = join { <a class="rk-button rk-button-link" href={href} part="join-link">{ t.join }</a> }
                if let Some(href) = sign_in {
                    <p class="rk-sign-in">{ t.have_account }{ " " }<a class="rk-link" href={href} part="sign-in-link">{ t.sign_in }</a></p>
                }
                { for tier_list }
            </div>
        };
    };
    let progress = match (&c.tier.next, c.tier.points_to_next) {
        (Some(next), Some(missing)) => {
            let name = tier_name(p, next, l);
            let label = crate::i18n::fill(&crate::i18n::fill(t.points_to, "{points}", &l.points(missing)), "{tier}", &name);
            let width = {
                let mut s = String::from("width:");
                s.push_str(&crate::dom::num::int(c.tier.percent as i64));
                s.push('%');
                s
            };
            html! {
                <div class="rk-progress-block">
                    <p class="rk-progress-label" id="rk-progress-label">{ label }</p>
                    <div class="rk-progress" part="tier-progress" role="progressbar" aria-labelledby="rk-progress-label"
                         aria-valuemin="0" aria-valuemax="100" aria-valuenow={crate::dom::num::int(c.tier.percent as i64)}>
                        <div class="rk-progress-fill" style={width}></div>
                    </div>
                </div>
            }
        }
        _ => html! { <p class="rk-progress-label">{ t.top_tier }</p> },
    };
    let referral = c.referral_url.clone().map(|url| {
        let share = share_function().map(|(nav, f)| {
            let url = url.clone();
            let title = text(&p.name, l);
            let onclick = Callback::from(move |_: MouseEvent| {
                let data = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
                let _ = js_sys::Reflect::set(&data, &"title".into(), &title.as_str().into());
                // A cancelled share rejects: nothing to do.
                if let Ok(p) = f.call1(&nav, &data).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                    });
                }
            });
            html! { <button type="button" class="rk-button" part="share-button" {onclick}>{ t.share }</button> }
        });
        html! {
            <section class="rk-section" aria-labelledby="rk-referral-title">
                <h3 id="rk-referral-title" class="rk-section-title">{ t.referral_title }</h3>
                <p class="rk-muted">{ t.referral_text }</p>
                <CopyCode code={url} part="referral-link" copy_label={t.copy_link} copied_label={t.copied} />
                { for share }
            </section>
        }
    });
    html! {
        <div class="rk-stack">
            { progress }
            { for tier_list }
            { for referral }
        </div>
    }
}
