//! The loyalty panel: a modal dialog by the launcher (a bottom sheet on phones) with the
//! member's balance on top and the sections in tabs: overview, ways to earn, rewards and,
//! for members, the history.

use super::earn_list::{earn_list, EarnListProps};
use super::history::{history, HistoryProps};
use super::overview::{overview, OverviewProps};
use super::reward_list::RewardList;
use super::state::{Member, Notice, Page, State};
use super::{text, tier_name};
use crate::i18n::Locale;
use crate::ui::{tabs, Dialog, TabsProps};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub state: Rc<State>,
    pub page: Page,
    pub on_page: Callback<Page>,
    pub on_close: Callback<()>,
    pub locale: Locale,
    /// `rk-at-bottom-left` or `rk-at-bottom-right`, by the launcher.
    pub class: &'static str,
}

/// Guests have no history.
const GUEST_PAGES: [Page; 3] = [Page::Home, Page::Earn, Page::Rewards];

#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    let l = props.locale;
    let t = l.texts();
    let st = &props.state;
    let customer = match &st.member {
        Member::Signed(c) => Some(c.clone()),
        _ => None,
    };
    let pages: &'static [Page] = if customer.is_some() { &Page::ALL } else { &GUEST_PAGES };
    let page = if pages.contains(&props.page) { props.page } else { Page::Home };
    let title = st.program.as_ref().map(|p| text(&p.name, l)).filter(|n| !n.is_empty()).unwrap_or_else(|| t.loyalty_title.to_owned());
    let notice = st.notice.map(|n| match n {
        Notice::Expired => t.session_expired,
        Notice::Refused => t.token_refused,
        Notice::Unavailable => t.loyalty_unavailable,
    });
    let summary = match (&st.member, &customer, &st.program) {
        (_, Some(c), Some(p)) => {
            let tier = c.tier.current.as_deref().map(|id| tier_name(p, id, l)).unwrap_or_default();
            html! {
                <div class="rk-balance" part="balance-card">
                    <span class="rk-muted">{ t.balance_label }</span>
                    <span class="rk-balance-value" part="balance">{ l.points(c.balance) }</span>
                    if !tier.is_empty() { <span class="rk-chip" part="tier">{ tier }</span> }
                </div>
            }
        }
        (Member::Loading, _, _) => html! { <p class="rk-muted" role="status">{ t.loyalty_loading }</p> },
        _ => html! {},
    };
    let body = match &st.program {
        None if st.program_failed => html! { <p class="rk-error" role="alert">{ t.loyalty_unavailable }</p> },
        None => html! { <p class="rk-muted" role="status">{ t.loyalty_loading }</p> },
        Some(p) => {
            let section = match (page, &customer) {
                (Page::Earn, _) => earn_list(&EarnListProps { program: p.clone(), locale: l }),
                (Page::Rewards, _) => html! { <RewardList state={st.clone()} locale={l} /> },
                (Page::History, Some(c)) => history(&HistoryProps { customer: c.clone(), locale: l }),
                _ => overview(&OverviewProps { program: p.clone(), customer: customer.clone(), locale: l }),
            };
            let labels = pages
                .iter()
                .map(|p| {
                    AttrValue::Static(match p {
                        Page::Home => t.tab_home,
                        Page::Earn => t.tab_earn,
                        Page::Rewards => t.tab_rewards,
                        Page::History => t.tab_history,
                    })
                })
                .collect::<Vec<_>>();
            let selected = pages.iter().position(|x| *x == page).unwrap_or(0);
            let on_select = {
                let on_page = props.on_page.clone();
                Callback::from(move |n: usize| on_page.emit(pages.get(n).copied().unwrap_or_default()))
            };
            tabs(&TabsProps {
                label: t.loyalty_sections.into(),
                id: "rk-loyalty".into(),
                tabs: labels,
                selected,
                on_select,
                children: section,
            })
        }
    };
    html! {
        <Dialog open={true} class={classes!(props.class, "rk-loyalty-panel")} title={title} close_label={t.close} on_close={props.on_close.clone()}>
            <div class="rk-stack">
                if let Some(n) = notice { <p class="rk-notice" role="alert" part="notice">{ n }</p> }
                { summary }
                { body }
            </div>
        </Dialog>
    }
}
