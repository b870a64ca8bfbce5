//! Loyalty: the program and its editor ([`crate::program`]), the members (balance, lifetime points, tier, last activity), a member's ledger,
//! and points added or taken by hand with a note (sent once: a second press or a retry gives
//! nothing more).

use crate::charts::{self, Series};
use crate::load::{alert, use_get, use_pages, when};
use crate::texts::{fill, t};
use crate::{api, Session};
use retainkit_contract::admin::{AdminLedgerPage, AdminMemberPage, AwardPoints, AwardReason, LoyaltyActivity};
use retainkit_contract::loyalty::Customer;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

/// Points given and spent per period: the chart and its table (also on the overview).
pub fn points_view(a: &LoyaltyActivity, title_id: &str) -> Html {
    let labels: Vec<String> = a.periods.iter().map(|p| p.start.clone()).collect();
    let max = a.periods.iter().map(|p| p.issued.max(p.redeemed)).max().unwrap_or(0).max(1) as f64;
    let line = |name, get: fn(&retainkit_contract::admin::PointsPeriod) -> i64| Series {
        name,
        values: a.periods.iter().map(|p| Some(get(p) as f64)).collect(),
        intervals: vec![None; a.periods.len()],
    };
    let series = [line(t("points given"), |p| p.issued), line(t("points spent"), |p| p.redeemed)];
    let (given, spent) = a.periods.iter().fold((0, 0), |(g, s), p| (g + p.issued, s + p.redeemed));
    let label = fill(
        t("Chart: {given} points given and {spent} spent in these periods; the numbers are in the table below."),
        &[("given", &given.to_string()), ("spent", &spent.to_string())],
    );
    html! {
        <>
            { charts::trend(&labels, (0.0, (max * 1.15).ceil()), t("points"), &series, label) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                <thead><tr><th scope="col">{ t("Period from") }</th><th scope="col">{ t("Points given") }</th><th scope="col">{ t("Points spent") }</th>
                    <th scope="col">{ t("Rewards taken") }</th><th scope="col">{ t("New members") }</th></tr></thead>
                <tbody>
                    { for a.periods.iter().map(|p| html! {
                        <tr><th scope="row">{ &p.start }</th><td>{ p.issued }</td><td>{ p.redeemed }</td><td>{ p.redemptions }</td><td>{ p.new_members }</td></tr>
                    }) }
                </tbody>
            </table></div>
        </>
    }
}

#[function_component(Loyalty)]
pub fn loyalty(props: &Props) -> Html {
    let activity = use_get::<LoyaltyActivity>(Some("/v1/admin/loyalty/activity?interval=week".into()), &props.session);
    let members = use_pages::<AdminMemberPage>("/v1/admin/loyalty/members?limit=50".into(), &props.session);
    let open = use_state(|| None::<String>);
    let find = use_node_ref();
    let on_find = {
        let (open, find) = (open.clone(), find.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = find.cast::<HtmlInputElement>() {
                let id = input.value().trim().to_string();
                if !id.is_empty() {
                    open.set(Some(id));
                }
            }
        })
    };
    // Points changed by hand: the members' balances and the weeks' points read again.
    let changed = {
        let (members, activity) = (members.reload.clone(), activity.reload.clone());
        Callback::from(move |_| {
            members.emit(());
            activity.emit(());
        })
    };
    html! {
        <>
            <h1>{ t("Loyalty") }</h1>
            <crate::program::ProgramSection session={props.session.clone()} />
            <form class="rk-filters" onsubmit={on_find} role="search">
                <label for="member-id">{ t("Customer id") }</label>
                <input id="member-id" ref={find} type="search" autocomplete="off" />
                <button type="submit">{ t("Open") }</button>
            </form>
            <section aria-labelledby="points-title">
                <h2 id="points-title">{ t("Points per week") }</h2>
                { alert(&activity.error) }
                { match &*activity.value {
                    Some(a) => points_view(a, "points-title"),
                    None => html! { <p role="status">{ t("Loading…") }</p> },
                } }
            </section>
            if let Some(id) = (*open).clone() {
                <Member key={id.as_str()} session={props.session.clone()} customer={id.clone()} changed={changed} />
            }
            <section aria-labelledby="members-title">
                <h2 id="members-title">{ t("Members") }</h2>
                { alert(&members.error) }
                <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby="members-title"><table class="rk-table" aria-labelledby="members-title">
                    <thead><tr><th scope="col">{ t("Customer") }</th><th scope="col">{ t("Balance") }</th><th scope="col">{ t("Lifetime") }</th>
                        <th scope="col">{ t("Tier") }</th><th scope="col">{ t("Last activity (UTC)") }</th></tr></thead>
                    <tbody>
                        { for members.items.iter().map(|m| {
                            let pick = {
                                let (open, id) = (open.clone(), m.customer_id.clone());
                                Callback::from(move |_| open.set(Some(id.clone())))
                            };
                            html! {
                                <tr>
                                    <th scope="row"><button type="button" class="rk-link" onclick={pick}>{ &m.customer_id }</button></th>
                                    <td>{ m.balance }</td><td>{ m.lifetime }</td><td>{ m.tier.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td>{ m.last_activity.map(when).unwrap_or_else(|| "—".into()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table></div>
                if members.items.is_empty() { <p>{ t("No members yet.") }</p> }
                { members.more }
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct MemberProps {
    session: Session,
    customer: String,
    /// The balance changed: the members' list reads again.
    changed: Callback<()>,
}

fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One member: the ledger, newest first, and the form that adds or takes points.
#[function_component(Member)]
fn member(props: &MemberProps) -> Html {
    let ledger = use_pages::<AdminLedgerPage>(format!("/v1/admin/loyalty/members/{}/ledger?limit=50", props.customer), &props.session);
    let points = use_node_ref();
    let note = use_node_ref();
    let busy = use_state(|| false);
    let done = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    // One key per intended change: kept until the server has it, so a retry is the same change.
    let key = use_mut_ref(new_key);
    // Opened from the list below: the focus (and the reader) goes to the member.
    let title = use_node_ref();
    {
        let title = title.clone();
        use_effect_with((), move |_| {
            if let Some(h) = title.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let submit = {
        let (points, note, busy, done, error, key) = (points.clone(), note.clone(), busy.clone(), done.clone(), error.clone(), key.clone());
        let (session, customer, reload, changed) =
            (props.session.clone(), props.customer.clone(), ledger.reload.clone(), props.changed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(p), Some(n)) = (points.cast::<HtmlInputElement>(), note.cast::<HtmlInputElement>()) else { return };
            let Ok(amount) = p.value().trim().parse::<i64>() else {
                error.set(Some(t("Points: a whole number, negative to take points away.").into()));
                return;
            };
            let body = AwardPoints { customer_id: customer.clone(), points: Some(amount), reason: AwardReason::Manual { note: n.value() } };
            let (busy, done, error, key, session, reload, changed) =
                (busy.clone(), done.clone(), error.clone(), key.clone(), session.clone(), reload.clone(), changed.clone());
            busy.set(true);
            let id = key.borrow().clone();
            wasm_bindgen_futures::spawn_local(async move {
                let sent = api::send_once::<_, Customer>("POST", "/v1/admin/loyalty/awards", &session.csrf, Some(&body), Some(&id)).await;
                busy.set(false);
                match sent {
                    Ok(c) => {
                        *key.borrow_mut() = new_key();
                        p.set_value("");
                        n.set_value("");
                        error.set(None);
                        done.set(Some(fill(t("Saved. The balance is now {balance} points."), &[("balance", &c.balance.to_string())])));
                        reload.emit(());
                        changed.emit(());
                    }
                    Err(f) => {
                        done.set(None);
                        session.fail(f, &error);
                    }
                }
            });
        })
    };
    html! {
        <section aria-labelledby="member-title" class="rk-member">
            <h2 id="member-title" ref={title} tabindex="-1">{ fill(t("Customer {id}"), &[("id", &props.customer)]) }</h2>
            <form class="rk-adjust" onsubmit={submit}>
                <label for="adjust-points">{ t("Points to add (negative to take away)") }</label>
                <input id="adjust-points" ref={points} type="number" step="1" required=true />
                <label for="adjust-note">{ t("Reason (kept in the ledger)") }</label>
                <input id="adjust-note" ref={note} type="text" required=true maxlength="200" />
                <button type="submit" disabled={*busy}>{ if *busy { t("Saving…") } else { t("Save") } }</button>
            </form>
            { alert(&error) }
            if let Some(d) = &*done { <p role="status">{ d }</p> }
            { alert(&ledger.error) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-label={fill(t("Ledger of {id}"), &[("id", &props.customer)])}><table class="rk-table" aria-label={fill(t("Ledger of {id}"), &[("id", &props.customer)])}>
                <thead><tr><th scope="col">{ t("When (UTC)") }</th><th scope="col">{ t("Points") }</th><th scope="col">{ t("Why") }</th><th scope="col">{ t("Note or coupon") }</th></tr></thead>
                <tbody>
                    { for ledger.items.iter().map(|e| html! {
                        <tr><th scope="row">{ when(e.created_at) }</th><td>{ format!("{:+}", e.delta) }</td><td>{ &e.reason }</td>
                            <td>{ e.note.clone().or_else(|| e.coupon.clone()).unwrap_or_default() }</td></tr>
                    }) }
                </tbody>
            </table></div>
            if ledger.items.is_empty() { <p>{ t("Nothing in the ledger yet.") }</p> }
            { ledger.more }
        </section>
    }
}
