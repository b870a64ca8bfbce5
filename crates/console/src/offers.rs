//! Offers: each exit offer's funnel per period (shown → code copied → converted, and e-mail
//! addresses left) as a chart and a table, and the leads with the time of their consent.

use crate::charts::{self, Series};
use crate::load::{alert, use_get, use_pages, use_tiers, when};
use crate::texts::{fill, t};
use crate::{editor, Session};
use retainkit_contract::admin::{AdminLeadPage, AdminOffer, OfferDefinitionPage, OfferFunnel};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

/// The funnel's chart and table (also on the overview).
pub fn funnel_view(f: &OfferFunnel, title_id: &str) -> Html {
    let labels: Vec<String> = f.periods.iter().map(|p| p.start.clone()).collect();
    let max = f.periods.iter().map(|p| p.impressions).max().unwrap_or(0).max(1) as f64;
    let line = |name, get: fn(&retainkit_contract::admin::FunnelPeriod) -> u64| Series {
        name,
        values: f.periods.iter().map(|p| Some(get(p) as f64)).collect(),
        intervals: vec![None; f.periods.len()],
    };
    let series = [line(t("shown"), |p| p.impressions), line(t("code copied"), |p| p.copies), line(t("converted"), |p| p.conversions)];
    let (shown, converted) = f.periods.iter().fold((0, 0), |(s, c), p| (s + p.impressions, c + p.conversions));
    let label = fill(
        t("Chart: the offer was shown {shown} times and converted {converted} times in these periods; the numbers are in the table below."),
        &[("shown", &shown.to_string()), ("converted", &converted.to_string())],
    );
    html! {
        <>
            { charts::trend(&labels, (0.0, (max * 1.15).ceil()), t("times"), &series, label) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                <caption>{ fill(t("Offer “{id}”"), &[("id", &f.offer_id)]) }</caption>
                <thead><tr><th scope="col">{ t("Period from") }</th><th scope="col">{ t("Shown") }</th><th scope="col">{ t("Closed") }</th>
                    <th scope="col">{ t("Code copied") }</th><th scope="col">{ t("Converted") }</th><th scope="col">{ t("Conversion") }</th><th scope="col">{ t("E-mails") }</th></tr></thead>
                <tbody>
                    { for f.periods.iter().map(|p| html! {
                        <tr><th scope="row">{ &p.start }</th><td>{ p.impressions }</td><td>{ p.dismissals }</td><td>{ p.copies }</td>
                            <td>{ p.conversions }</td><td>{ p.conversion_percent.map(|c| format!("{c:.1} %")).unwrap_or_else(|| "—".into()) }</td><td>{ p.leads }</td></tr>
                    }) }
                </tbody>
            </table></div>
        </>
    }
}

#[function_component(Offers)]
pub fn offers(props: &Props) -> Html {
    let list = use_get::<OfferDefinitionPage>(Some("/v1/admin/offers?limit=100".into()), &props.session);
    let chosen = use_state(|| None::<String>);
    let offers = list.value.as_ref().map(|p| p.items.clone()).unwrap_or_default();
    let current = chosen.as_ref().cloned().or_else(|| offers.first().map(|o| o.offer.id.clone()));
    let funnel = use_get::<OfferFunnel>(current.as_ref().map(|id| format!("/v1/admin/offers/{id}/funnel?interval=week")), &props.session);
    let status = use_state(|| None::<String>);
    let editing = use_state(|| None::<(AdminOffer, bool)>);
    let tiers = use_tiers(&props.session);
    // A new edit clears the last "saved" (it would read as this edit's).
    let edit = {
        let (editing, offers, current, status) = (editing.clone(), offers.clone(), current.clone(), status.clone());
        Callback::from(move |_| {
            status.set(None);
            if let Some(o) = offers.iter().find(|o| Some(&o.offer.id) == current.as_ref()) {
                editing.set(Some((o.clone(), false)));
            }
        })
    };
    let new_offer = {
        let (editing, status) = (editing.clone(), status.clone());
        Callback::from(move |_| {
            status.set(None);
            editing.set(Some((editor::blank_offer(), true)));
        })
    };
    let saved = {
        let (editing, chosen, reload, status) = (editing.clone(), chosen.clone(), list.reload.clone(), status.clone());
        Callback::from(move |id: String| {
            editing.set(None);
            status.set(Some(fill(t("Offer “{id}” saved."), &[("id", &id)])));
            chosen.set(Some(id));
            reload.emit(());
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    let pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                chosen.set(Some(s.value()));
            }
        })
    };
    html! {
        <>
            <h1>{ t("Offers") }</h1>
            { alert(&list.error) }
            if let Some(s) = &*status { <p role="status">{ s }</p> }
            if let Some((offer, new)) = (*editing).clone() {
                <editor::OfferEditor key={format!("{}-{new}", offer.offer.id)} session={props.session.clone()} offer={offer.clone()} new={new} on_saved={saved} on_cancel={cancel} tiers={tiers.clone()} />
            }
            if offers.is_empty() && list.value.is_some() { <p>{ t("No offers yet.") }</p> }
            <div class="rk-filters">
                <label for="pick-offer">{ t("Offer") }</label>
                    <select id="pick-offer" onchange={pick}>
                        { for offers.iter().map(|o| {
                            let id = o.offer.id.clone();
                            let headline = o.offer.headline.for_locale(crate::texts::current()).unwrap_or_default().to_string();
                            let state = if o.offer.active { String::new() } else { format!(" {}", t("(paused)")) };
                            html! { <option value={id.clone()} selected={Some(&id) == current.as_ref()}>{ format!("{id}{state} — {headline}") }</option> }
                        }) }
                    </select>
                if current.is_some() { <button type="button" onclick={edit}>{ t("Edit this offer") }</button> }
                <button type="button" onclick={new_offer}>{ t("New offer") }</button>
            </div>
            <section aria-labelledby="funnel-title">
                <h2 id="funnel-title">{ t("Funnel per week") }</h2>
                { alert(&funnel.error) }
                { match &*funnel.value {
                    Some(f) if Some(&f.offer_id) == current.as_ref() => funnel_view(f, "funnel-title"),
                    _ => html! { <p role="status">{ t("Loading…") }</p> },
                } }
            </section>
            if let Some(id) = current.clone() {
                <Leads key={id.as_str()} session={props.session.clone()} offer={id.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LeadsProps {
    session: Session,
    offer: String,
}

#[function_component(Leads)]
fn leads(props: &LeadsProps) -> Html {
    let pages = use_pages::<AdminLeadPage>(format!("/v1/admin/offers/{}/leads?limit=50", props.offer), &props.session);
    html! {
        <section aria-labelledby="leads-title">
            <h2 id="leads-title">{ t("E-mail addresses left with this offer") }</h2>
            { alert(&pages.error) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby="leads-title"><table class="rk-table" aria-labelledby="leads-title">
                <thead><tr><th scope="col">{ t("E-mail") }</th><th scope="col">{ t("Consent given (UTC)") }</th><th scope="col">{ t("Language") }</th><th scope="col">{ t("Page") }</th></tr></thead>
                <tbody>
                    { for pages.items.iter().map(|l| html! {
                        <tr><th scope="row">{ &l.email }</th><td>{ when(l.consented_at) }</td><td>{ l.locale.clone().unwrap_or_default() }</td><td>{ l.page.clone().unwrap_or_default() }</td></tr>
                    }) }
                </tbody>
            </table></div>
            if pages.items.is_empty() { <p>{ t("None yet.") }</p> }
            { pages.more }
        </section>
    }
}
