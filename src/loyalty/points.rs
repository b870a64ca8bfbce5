//! `<rk-points>`: the signed-in customer's balance and tier, inline (a header, an account
//! page). For guests, a link to join the program when the shop has one. It keeps its width
//! while loading, so nothing around it moves; when the program cannot be loaded it shows nothing.

use super::state::Member;
use super::store::{use_customer_token, use_loyalty};
use super::{safe_url, text, tier_name};
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::i18n::Locale;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct PointsBadgeProps {
    pub locale: Locale,
    pub show_tier: bool,
    pub customer_token: Option<AttrValue>,
}

impl FromAttrs for PointsBadgeProps {
    fn from_attrs(a: &Attrs) -> PointsBadgeProps {
        PointsBadgeProps {
            locale: a.locale(),
            show_tier: a.flag("show-tier", true),
            customer_token: a.text("customer-token").map(|t| AttrValue::from(t.to_owned())),
        }
    }
}

#[function_component(PointsBadge)]
pub fn points_badge(props: &PointsBadgeProps) -> Html {
    let l = props.locale;
    use_customer_token(props.customer_token.clone());
    let st = use_loyalty();
    let Some(program) = &st.program else {
        // The program could not be loaded (after the client's retries): nothing, rather than
        // a placeholder that never ends.
        if st.program_failed {
            return html! {};
        }
        return html! { <span class="rk-points rk-points-loading" aria-hidden="true"></span> };
    };
    match &st.member {
        Member::Signed(c) => {
            let tier = c.tier.current.as_deref().filter(|_| props.show_tier).map(|id| tier_name(program, id, l)).filter(|n| !n.is_empty());
            html! {
                <span class="rk-points" part="badge">
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2l3 6.5 7 .8-5.2 4.8 1.4 7L12 17.6 5.8 21.1l1.4-7L2 9.3l7-.8z" /></svg>
                    <span part="balance">{ l.points(c.balance) }</span>
                    if let Some(tier) = tier { <span class="rk-chip" part="tier">{ tier }</span> }
                </span>
            }
        }
        Member::Loading => html! { <span class="rk-points rk-points-loading" aria-hidden="true"></span> },
        Member::Guest => match safe_url(program.join_url.as_deref()) {
            Some(href) => html! {
                <a class="rk-points rk-link" href={href} part="join-link">{ crate::i18n::fill(l.texts().join_program, "{name}", &text(&program.name, l)) }</a>
            },
            None => html! {},
        },
    }
}
