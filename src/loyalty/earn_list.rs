//! The ways to earn points, with what each gives and the shop's link for social ones.

use super::{safe_url, text};
use crate::i18n::Locale;
use retainkit_contract::loyalty::{EarnKind, Program};
use std::rc::Rc;
use yew::prelude::*;

pub struct EarnListProps {
    pub program: Rc<Program>,
    pub locale: Locale,
}

pub fn earn_list(props: &EarnListProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    html! {
        <ul class="rk-list" part="earn-list">
            { for props.program.ways_to_earn.iter().map(|r| {
                // The purchase rule's label says the rate ("1 point per Rp 1.000").
                let points = (r.kind != EarnKind::Purchase).then(|| {
                    let mut s = String::from("+");
                    s.push_str(&l.points(r.points));
                    s
                });
                html! {
                    <li class="rk-list-item" part="earn-rule">
                        <span class="rk-grow">{ text(&r.label, l) }</span>
                        if let Some(p) = points { <span class="rk-chip" part="earn-points">{ p }</span> }
                        if let Some(url) = safe_url(r.url.as_deref()) {
                            <a class="rk-link" href={url} target="_blank" rel="noopener noreferrer" part="earn-link">{ t.follow }</a>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
