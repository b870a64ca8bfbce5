//! Rewards to redeem: points → a discount coupon, with a confirm step. Focus follows the
//! flow (Redeem → "Yes, redeem" → the coupon; Cancel → back to Redeem), so it works by
//! keyboard alone. A click while a redemption is in flight does nothing.

use super::state::{Action, Redeem, RedeemFailure, State};
use super::{safe_url, store, text};
use crate::i18n::Locale;
use crate::ui::CopyCode;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RewardListProps {
    pub state: Rc<State>,
    pub locale: Locale,
}

fn focus(root: &NodeRef, selector: &str) {
    if let Some(el) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn redeem_selector(reward: &str) -> String {
    let mut s = String::from("[data-redeem=\"");
    s.push_str(reward);
    s.push_str("\"]");
    s
}

#[function_component(RewardList)]
pub fn reward_list(props: &RewardListProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    let root = use_node_ref();
    let asked = use_mut_ref(|| None::<String>);
    {
        let (root, asked) = (root.clone(), asked.clone());
        use_effect_with(props.state.redeem.clone(), move |r| match r {
            Redeem::Confirm(reward) => {
                *asked.borrow_mut() = Some(reward.clone());
                focus(&root, ".rk-confirm-yes");
            }
            Redeem::Done { .. } => focus(&root, ".rk-redeemed"),
            Redeem::Failed { reward, .. } => focus(&root, &redeem_selector(reward)),
            Redeem::Idle => {
                if let Some(reward) = asked.borrow_mut().take() {
                    focus(&root, &redeem_selector(&reward));
                }
            }
            Redeem::InFlight { .. } => {}
        });
    }
    let Some(program) = props.state.program.clone() else { return html! {} };
    let balance = props.state.balance();
    let sign_in = (balance.is_none()).then(|| {
        html! {
            <p class="rk-hint">
                if let Some(href) = safe_url(program.sign_in_url.as_deref()) {
                    <a class="rk-link" href={href} part="sign-in-link">{ t.sign_in_to_redeem }</a>
                } else {
                    { t.sign_in_to_redeem }
                }
            </p>
        }
    });
    let cards = program.rewards.iter().take(super::MAX_LISTED).map(|r| {
        let name = text(&r.name, l);
        let cost = l.points(r.cost);
        let this = |id: &str| id == r.id;
        let action = match (&props.state.redeem, balance) {
            (_, None) => html! {},
            (Redeem::Confirm(id) | Redeem::InFlight { reward: id, .. }, Some(_)) if this(id) => {
                // The same button while the request is in flight: it stays focusable
                // (aria-disabled, not disabled) and a second click does nothing.
                let busy = matches!(props.state.redeem, Redeem::InFlight { .. });
                let yes = {
                    let (id, root) = (r.id.clone(), root.clone());
                    Callback::from(move |_: MouseEvent| store::redeem(&id, root.cast::<web_sys::Element>()))
                };
                let no = Callback::from(|_: MouseEvent| store::dispatch(Action::Cancel));
                let question = crate::i18n::fill(&crate::i18n::fill(t.redeem_confirm, "{points}", &cost), "{reward}", &name);
                html! {
                    <div class="rk-confirm" role="group" aria-label={question.clone()}>
                        <p class="rk-confirm-text">{ question }</p>
                        <div class="rk-actions">
                            <button type="button" class="rk-button rk-confirm-yes" part="confirm-button" aria-disabled={busy.then_some("true")} onclick={yes}>
                                { if busy { t.redeeming } else { t.redeem_yes } }
                            </button>
                            if !busy {
                                <button type="button" class="rk-link-button" part="cancel-button" onclick={no}>{ t.cancel }</button>
                            }
                        </div>
                    </div>
                }
            }
            (Redeem::Done { reward, code }, Some(_)) if this(reward) => html! {
                <div class="rk-redeemed" tabindex="-1" part="coupon-block">
                    <p class="rk-thanks" role="status">{ t.redeemed }</p>
                    <CopyCode code={code.clone()} part="coupon" copy_label={t.copy} copied_label={t.copied} />
                </div>
            },
            (state, Some(b)) => {
                let failed = match state {
                    Redeem::Failed { reward, why, .. } if this(reward) => Some(match why {
                        RedeemFailure::NotEnoughPoints => t.redeem_not_enough,
                        RedeemFailure::Unavailable => t.redeem_unavailable,
                        RedeemFailure::Refused => t.redeem_refused,
                    }),
                    _ => None,
                };
                let button = if b >= r.cost {
                    let id = r.id.clone();
                    let onclick = Callback::from(move |_: MouseEvent| store::dispatch(Action::Ask(id.clone())));
                    html! { <button type="button" class="rk-button" part="redeem-button" data-redeem={r.id.clone()} {onclick}>{ t.redeem }</button> }
                } else {
                    html! { <span class="rk-muted" data-redeem={r.id.clone()} tabindex="-1">{ crate::i18n::fill(t.need_more, "{points}", &l.points(r.cost - b)) }</span> }
                };
                html! {
                    <>
                        if let Some(m) = failed { <p class="rk-error" role="alert">{ m }</p> }
                        { button }
                    </>
                }
            }
        };
        html! {
            <li class="rk-reward-card" part="reward">
                <div class="rk-reward-head">
                    <span class="rk-reward-name">{ name.clone() }</span>
                    <span class="rk-chip" part="reward-cost">{ cost.clone() }</span>
                </div>
                { action }
            </li>
        }
    });
    let cards = cards.collect::<Vec<_>>();
    html! {
        <div class="rk-stack" ref={root}>
            { for sign_in }
            <ul class="rk-list rk-rewards" part="rewards">{ for cards }</ul>
        </div>
    }
}
