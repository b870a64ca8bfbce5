//! Segments: customers by RFM segment (a chart and its table), the recency × frequency grid,
//! and the customers of a segment with their scores.

use crate::charts;
use crate::load::{alert, use_get, use_pages, when};
use crate::texts::{fill, t, tk};
use crate::Session;
use retainkit_contract::segments::{Segment, SegmentMemberPage, SegmentOverview};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

/// A segment's name in the console's language.
pub fn name(s: Segment) -> &'static str {
    t(match s {
        Segment::Champions => tk("champions"),
        Segment::New => tk("new"),
        Segment::Loyal => tk("loyal"),
        Segment::Promising => tk("promising"),
        Segment::AtRisk => tk("at risk"),
        Segment::Hibernating => tk("hibernating"),
        Segment::Lost => tk("lost"),
    })
}

/// What a shop does with each segment (the table in the contract's documentation).
fn advice(s: Segment) -> &'static str {
    t(match s {
        Segment::Champions => tk("Reward them, ask for reviews"),
        Segment::New => tk("Welcome, a second-order offer"),
        Segment::Loyal => tk("Loyalty tiers, upsell"),
        Segment::Promising => tk("Build the habit"),
        Segment::AtRisk => tk("Win them back before they go"),
        Segment::Hibernating => tk("A reminder, a reason to return"),
        Segment::Lost => tk("A last offer, or let go"),
    })
}

/// The segments' sizes: chart and table (also on the overview).
pub fn sizes_view(o: &SegmentOverview, title_id: &str) -> Html {
    let names: Vec<String> = o.segments.iter().map(|s| name(s.segment).to_string()).collect();
    let values: Vec<u64> = o.segments.iter().map(|s| s.customers).collect();
    let biggest = o.segments.iter().max_by_key(|s| s.customers).map(|s| name(s.segment)).unwrap_or_default();
    html! {
        <>
            { charts::bars(&names, &values, fill(t("Chart: customers per segment, the most in “{biggest}”; the numbers are in the table below."), &[("biggest", biggest)])) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                <caption>{ fill(t("Customers with orders: {n}"), &[("n", &o.customers.to_string())]) }</caption>
                <thead><tr><th scope="col">{ t("Segment") }</th><th scope="col">{ t("Customers") }</th><th scope="col">{ t("Share") }</th><th scope="col">{ t("What to do") }</th></tr></thead>
                <tbody>
                    { for o.segments.iter().map(|s| html! {
                        <tr><th scope="row">{ name(s.segment) }</th><td>{ s.customers }</td>
                            <td>{ s.percent.map(|p| format!("{p:.1} %")).unwrap_or_else(|| "—".into()) }</td><td class="rk-advice">{ advice(s.segment) }</td></tr>
                    }) }
                </tbody>
            </table></div>
        </>
    }
}

#[function_component(Segments)]
pub fn segments(props: &Props) -> Html {
    let overview = use_get::<SegmentOverview>(Some("/v1/admin/segments".into()), &props.session);
    let open = use_state(|| Segment::AtRisk);
    html! {
        <>
            <h1>{ t("Segments") }</h1>
            { alert(&overview.error) }
            { match &*overview.value {
                None => html! { <p role="status">{ t("Loading…") }</p> },
                Some(o) => {
                    let max = o.grid.iter().flatten().copied().max().unwrap_or(0).max(1);
                    html! {
                        <>
                            <section aria-labelledby="sizes-title">
                                <h2 id="sizes-title">{ t("Customers by segment") }</h2>
                                <p class="rk-hint">{ fill(t("Scores as of {time} (UTC), from every order the shop reported."), &[("time", &when(o.as_of))]) }</p>
                                { sizes_view(o, "sizes-title") }
                            </section>
                            <section aria-labelledby="grid-title">
                                <h2 id="grid-title">{ t("Recency × frequency") }</h2>
                                <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby="grid-title"><table class="rk-table rk-grid" aria-labelledby="grid-title">
                                    <caption>{ t("Customers per score: recency 5 bought most recently, frequency 5 buys most often.") }</caption>
                                    <thead><tr><th scope="col">{ t("Recency \\ frequency") }</th>{ for (1..=5).map(|f| html! { <th scope="col">{ format!("F{f}") }</th> }) }</tr></thead>
                                    <tbody>
                                        { for (1..=5).rev().map(|r: usize| html! {
                                            <tr>
                                                <th scope="row">{ format!("R{r}") }</th>
                                                { for (1..=5).map(|f: usize| {
                                                    let n = o.grid.get(r - 1).and_then(|row| row.get(f - 1)).copied().unwrap_or(0);
                                                    // The cell's shade says how many (the number says it exactly).
                                                    let alpha = (n as f64 / max as f64 * 0.55 * 100.0).round() / 100.0;
                                                    html! { <td style={format!("background: rgba(0, 114, 178, {alpha})")}>{ n }</td> }
                                                }) }
                                            </tr>
                                        }) }
                                    </tbody>
                                </table></div>
                            </section>
                        </>
                    }
                }
            } }
            <section aria-labelledby="segment-members-title">
                <h2 id="segment-members-title">{ t("Customers in a segment") }</h2>
                <div class="rk-tabs" role="group" aria-label={t("Segment")}>
                    { for Segment::ALL.iter().map(|&s| {
                        let pick = {
                            let open = open.clone();
                            Callback::from(move |_| open.set(s))
                        };
                        html! { <button type="button" aria-pressed={if *open == s { "true" } else { "false" }} onclick={pick}>{ name(s) }</button> }
                    }) }
                </div>
                <Members key={open.as_str()} session={props.session.clone()} segment={*open} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct MembersProps {
    session: Session,
    segment: Segment,
}

#[function_component(Members)]
fn members(props: &MembersProps) -> Html {
    let pages = use_pages::<SegmentMemberPage>(format!("/v1/admin/segments/{}/members?limit=50", props.segment.as_str()), &props.session);
    html! {
        <>
            { alert(&pages.error) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-label={fill(t("Customers in “{segment}”"), &[("segment", name(props.segment))])}><table class="rk-table" aria-label={fill(t("Customers in “{segment}”"), &[("segment", name(props.segment))])}>
                <thead><tr><th scope="col">{ t("Customer") }</th><th scope="col">{ t("R") }</th><th scope="col">{ t("F") }</th><th scope="col">{ t("M") }</th>
                    <th scope="col">{ t("Orders") }</th><th scope="col">{ t("Spent") }</th><th scope="col">{ t("Last order (UTC)") }</th></tr></thead>
                <tbody>
                    { for pages.items.iter().map(|m| html! {
                        <tr><th scope="row">{ &m.customer_id }</th><td>{ m.recency }</td><td>{ m.frequency }</td><td>{ m.monetary }</td>
                            <td>{ m.orders }</td><td>{ format!("{:.2}", m.spent as f64 / 100.0) }</td><td>{ when(m.last_order_at) }</td></tr>
                    }) }
                </tbody>
            </table></div>
            if pages.items.is_empty() { <p>{ t("No customers in this segment.") }</p> }
            { pages.more }
        </>
    }
}
