//! A survey's results per period: the chart (NPS or CSAT with its 95 % interval, or the
//! answers per choice) and its table.

use crate::charts::{self, Series};
use crate::texts::{fill, t};
use retainkit_contract::admin::SurveyResults;
use retainkit_contract::survey::SurveyKind;
use yew::prelude::*;

fn signed(v: f64) -> String {
    format!("{}", v.round() + 0.0)
}

/// `title_id`: the id of the heading that names the table.
pub fn view(r: &SurveyResults, title_id: &str, span: &str) -> Html {
    let labels: Vec<String> = r.periods.iter().map(|p| p.start.clone()).collect();
    match r.kind {
        SurveyKind::Nps => {
            let series = Series {
                name: t("NPS"),
                values: r.periods.iter().map(|p| p.nps.map(|n| n.score)).collect(),
                intervals: r.periods.iter().map(|p| p.nps.map(|n| (n.ci_low, n.ci_high))).collect(),
            };
            let answered: Vec<_> = r.periods.iter().filter_map(|p| p.nps.map(|n| (p.start.as_str(), n.score))).collect();
            let label = match (answered.first(), answered.last()) {
                (Some(a), Some(b)) => fill(
                    t("Chart: NPS from {from} ({start}) to {to} ({end}); the numbers are in the table below."),
                    &[("from", &signed(a.1)), ("start", a.0), ("to", &signed(b.1)), ("end", b.0)],
                ),
                _ => t("Chart: no answers in this period.").into(),
            };
            html! {
                <>
                    { charts::trend(&labels, (-100.0, 100.0), t("NPS"), &[series], label) }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ fill(t("Survey “{id}”, {span}"), &[("id", &r.survey_id), ("span", span)]) }</caption>
                        <thead><tr><th scope="col">{ t("Period from") }</th><th scope="col">{ t("Answers") }</th><th scope="col">{ t("NPS") }</th>
                            <th scope="col">{ t("95 % interval") }</th><th scope="col">{ t("Promoters") }</th><th scope="col">{ t("Detractors") }</th></tr></thead>
                        <tbody>
                            { for r.periods.iter().map(|p| {
                                let (score, ci, pro, det) = match &p.nps {
                                    Some(n) => (signed(n.score), fill(t("{low} to {high}"), &[("low", &format!("{:.0}", n.ci_low)), ("high", &format!("{:.0}", n.ci_high))]), n.promoters.to_string(), n.detractors.to_string()),
                                    None => ("—".into(), "—".into(), "0".into(), "0".into()),
                                };
                                html! { <tr><th scope="row">{ &p.start }</th><td>{ p.responses }</td><td class="rk-score">{ score }</td><td>{ ci }</td><td>{ pro }</td><td>{ det }</td></tr> }
                            }) }
                        </tbody>
                    </table></div>
                </>
            }
        }
        SurveyKind::Csat => {
            let series = Series {
                name: t("Satisfied %"),
                values: r.periods.iter().map(|p| p.csat.map(|c| c.satisfied_percent)).collect(),
                intervals: r.periods.iter().map(|p| p.csat.map(|c| (c.ci_low, c.ci_high))).collect(),
            };
            let answered: Vec<_> = r.periods.iter().filter_map(|p| p.csat.map(|c| (p.start.as_str(), c.satisfied_percent))).collect();
            let label = match (answered.first(), answered.last()) {
                (Some(a), Some(b)) => fill(
                    t("Chart: satisfied customers from {from} % ({start}) to {to} % ({end}); the numbers are in the table below."),
                    &[("from", &format!("{:.0}", a.1)), ("start", a.0), ("to", &format!("{:.0}", b.1)), ("end", b.0)],
                ),
                _ => t("Chart: no answers in this period.").into(),
            };
            html! {
                <>
                    { charts::trend(&labels, (0.0, 100.0), t("satisfied %"), &[series], label) }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ fill(t("Survey “{id}”, {span}: answers of 4 or 5 count as satisfied"), &[("id", &r.survey_id), ("span", span)]) }</caption>
                        <thead><tr><th scope="col">{ t("Period from") }</th><th scope="col">{ t("Answers") }</th><th scope="col">{ t("Satisfied") }</th>
                            <th scope="col">{ t("95 % interval") }</th><th scope="col">{ t("Mean (1–5)") }</th></tr></thead>
                        <tbody>
                            { for r.periods.iter().map(|p| {
                                let (sat, ci, mean) = match &p.csat {
                                    Some(c) => (format!("{:.1} %", c.satisfied_percent), fill(t("{low} to {high} %"), &[("low", &format!("{:.0}", c.ci_low)), ("high", &format!("{:.0}", c.ci_high))]), format!("{:.2}", c.mean)),
                                    None => ("—".into(), "—".into(), "—".into()),
                                };
                                html! { <tr><th scope="row">{ &p.start }</th><td>{ p.responses }</td><td class="rk-score">{ sat }</td><td>{ ci }</td><td>{ mean }</td></tr> }
                            }) }
                        </tbody>
                    </table></div>
                </>
            }
        }
        _ => {
            // Choices and texts: the answers over the whole span, most first.
            let mut totals: Vec<(String, u64)> = Vec::new();
            for p in &r.periods {
                for c in &p.counts {
                    match totals.iter_mut().find(|t| t.0 == c.answer) {
                        Some(t) => t.1 += c.count,
                        None => totals.push((c.answer.clone(), c.count)),
                    }
                }
            }
            totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            totals.truncate(12);
            let names: Vec<String> = totals.iter().map(|t| t.0.chars().take(16).collect()).collect();
            let values: Vec<u64> = totals.iter().map(|t| t.1).collect();
            html! {
                <>
                    if !totals.is_empty() { { charts::bars(&names, &values, t("Chart: answers per choice; the numbers are in the table below.").into()) } }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ fill(t("Survey “{id}”, {span}"), &[("id", &r.survey_id), ("span", span)]) }</caption>
                        <thead><tr><th scope="col">{ t("Answer") }</th><th scope="col">{ t("Count") }</th></tr></thead>
                        <tbody>{ for totals.iter().map(|(a, n)| html! { <tr><th scope="row">{ a }</th><td>{ n }</td></tr> }) }</tbody>
                    </table></div>
                </>
            }
        }
    }
}
