//! A survey's results per period: the chart (NPS or CSAT with its 95 % interval, or the
//! answers per choice) and its table.

use crate::charts::{self, Series};
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
                name: "NPS",
                values: r.periods.iter().map(|p| p.nps.map(|n| n.score)).collect(),
                intervals: r.periods.iter().map(|p| p.nps.map(|n| (n.ci_low, n.ci_high))).collect(),
            };
            let answered: Vec<_> = r.periods.iter().filter_map(|p| p.nps.map(|n| (p.start.as_str(), n.score))).collect();
            let label = match (answered.first(), answered.last()) {
                (Some(a), Some(b)) => {
                    format!("Chart: NPS from {} ({}) to {} ({}); the numbers are in the table below.", signed(a.1), a.0, signed(b.1), b.0)
                }
                _ => "Chart: no answers in this period.".into(),
            };
            html! {
                <>
                    { charts::trend(&labels, (-100.0, 100.0), "NPS", &[series], label) }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ format!("Survey “{}”, {span}", r.survey_id) }</caption>
                        <thead><tr><th scope="col">{ "Period from" }</th><th scope="col">{ "Answers" }</th><th scope="col">{ "NPS" }</th>
                            <th scope="col">{ "95 % interval" }</th><th scope="col">{ "Promoters" }</th><th scope="col">{ "Detractors" }</th></tr></thead>
                        <tbody>
                            { for r.periods.iter().map(|p| {
                                let (score, ci, pro, det) = match &p.nps {
                                    Some(n) => (signed(n.score), format!("{:.0} to {:.0}", n.ci_low, n.ci_high), n.promoters.to_string(), n.detractors.to_string()),
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
                name: "Satisfied %",
                values: r.periods.iter().map(|p| p.csat.map(|c| c.satisfied_percent)).collect(),
                intervals: r.periods.iter().map(|p| p.csat.map(|c| (c.ci_low, c.ci_high))).collect(),
            };
            let answered: Vec<_> = r.periods.iter().filter_map(|p| p.csat.map(|c| (p.start.as_str(), c.satisfied_percent))).collect();
            let label = match (answered.first(), answered.last()) {
                (Some(a), Some(b)) => format!(
                    "Chart: satisfied customers from {:.0} % ({}) to {:.0} % ({}); the numbers are in the table below.",
                    a.1, a.0, b.1, b.0
                ),
                _ => "Chart: no answers in this period.".into(),
            };
            html! {
                <>
                    { charts::trend(&labels, (0.0, 100.0), "satisfied %", &[series], label) }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ format!("Survey “{}”, {span}: answers of 4 or 5 count as satisfied", r.survey_id) }</caption>
                        <thead><tr><th scope="col">{ "Period from" }</th><th scope="col">{ "Answers" }</th><th scope="col">{ "Satisfied" }</th>
                            <th scope="col">{ "95 % interval" }</th><th scope="col">{ "Mean (1–5)" }</th></tr></thead>
                        <tbody>
                            { for r.periods.iter().map(|p| {
                                let (sat, ci, mean) = match &p.csat {
                                    Some(c) => (format!("{:.1} %", c.satisfied_percent), format!("{:.0} to {:.0} %", c.ci_low, c.ci_high), format!("{:.2}", c.mean)),
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
                    if !totals.is_empty() { { charts::bars(&names, &values, "Chart: answers per choice; the numbers are in the table below.".into()) } }
                    <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                        <caption>{ format!("Survey “{}”, {span}", r.survey_id) }</caption>
                        <thead><tr><th scope="col">{ "Answer" }</th><th scope="col">{ "Count" }</th></tr></thead>
                        <tbody>{ for totals.iter().map(|(a, n)| html! { <tr><th scope="row">{ a }</th><td>{ n }</td></tr> }) }</tbody>
                    </table></div>
                </>
            }
        }
    }
}
