//! The points history: what came in and went out, newest first, with the coupons rewards gave.

use crate::i18n::Locale;
use crate::ui::CopyCode;
use retainkit_contract::loyalty::Customer;
use std::rc::Rc;
use yew::prelude::*;

pub struct HistoryProps {
    pub customer: Rc<Customer>,
    pub locale: Locale,
}

pub fn history(props: &HistoryProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    if props.customer.history.is_empty() {
        return html! { <p class="rk-empty">{ t.history_empty }</p> };
    }
    let now = js_sys::Date::now();
    html! {
        <ul class="rk-list" part="history">
            { for props.customer.history.iter().take(super::MAX_LISTED).map(|e| {
                let reason = match e.reason.as_str() {
                    "purchase" => t.reason_purchase,
                    "review" => t.reason_review,
                    "signup" => t.reason_signup,
                    "redeem" => t.reason_redeem,
                    _ => t.reason_other,
                };
                let mut delta = String::from(if e.delta < 0 { "−" } else { "+" });
                delta.push_str(&l.points(e.delta.abs()));
                html! {
                    <li class="rk-list-item rk-history-item" part="history-entry">
                        <span class="rk-grow">
                            <span class="rk-history-reason">{ reason }</span>
                            <span class="rk-muted">{ l.relative_time(e.created_at, now) }</span>
                        </span>
                        <span class={classes!("rk-delta", (e.delta < 0).then_some("rk-spent"))} part="history-delta">{ delta }</span>
                        if let Some(code) = &e.coupon {
                            <CopyCode code={code.clone()} part="history-coupon" copy_label={t.copy} copied_label={t.copied} />
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
