//! The overview (NPS per week with its 95 % interval, customers per RFM segment) and the
//! survey answers' comments.

use crate::api;
use crate::Session;
use retainkit_contract::admin::{AdminResponsePage, SurveyDefinitionPage, SurveyResults};
use retainkit_contract::segments::SegmentOverview;
use retainkit_contract::survey::SurveyKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

/// The first NPS survey the shop has.
async fn first_nps() -> Result<Option<String>, api::Failure> {
    let page: SurveyDefinitionPage = api::get("/v1/admin/surveys?limit=100").await?;
    Ok(page.items.into_iter().find(|s| s.survey.kind == SurveyKind::Nps).map(|s| s.survey.id))
}

#[function_component(Overview)]
pub fn overview(props: &Props) -> Html {
    let results = use_state(|| None::<SurveyResults>);
    let segments = use_state(|| None::<SegmentOverview>);
    let error = use_state(|| None::<String>);
    {
        let (results, segments, error, session) = (results.clone(), segments.clone(), error.clone(), props.session.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = async {
                    if let Some(id) = first_nps().await? {
                        results.set(Some(api::get(&format!("/v1/admin/surveys/{id}/results?interval=week")).await?));
                    }
                    segments.set(Some(api::get("/v1/admin/segments").await?));
                    Ok::<(), api::Failure>(())
                };
                if let Err(f) = loaded.await {
                    session.fail(f, &error);
                }
            });
        });
    }
    let nps = match &*results {
        None => html! { <p role="status">{ "Loading…" }</p> },
        Some(r) => html! {
            <table class="rk-table" aria-labelledby="nps-title">
                <caption>{ format!("Survey “{}”, the last 12 weeks", r.survey_id) }</caption>
                <thead><tr><th scope="col">{ "Week of" }</th><th scope="col">{ "Answers" }</th><th scope="col">{ "NPS" }</th>
                    <th scope="col">{ "95 % interval" }</th><th scope="col">{ "Promoters" }</th><th scope="col">{ "Detractors" }</th></tr></thead>
                <tbody>
                    { for r.periods.iter().map(|p| {
                        let (score, ci, pro, det) = match &p.nps {
                            Some(n) => (format!("{}", n.score.round() + 0.0), format!("{:.0} to {:.0}", n.ci_low, n.ci_high), n.promoters.to_string(), n.detractors.to_string()),
                            None => ("—".into(), "—".into(), "0".into(), "0".into()),
                        };
                        html! { <tr><th scope="row">{ &p.start }</th><td>{ p.responses }</td><td class="rk-score">{ score }</td><td>{ ci }</td><td>{ pro }</td><td>{ det }</td></tr> }
                    }) }
                </tbody>
            </table>
        },
    };
    let seg = match &*segments {
        None => html! {},
        Some(o) => html! {
            <table class="rk-table">
                <caption>{ format!("{} customers with orders", o.customers) }</caption>
                <thead><tr><th scope="col">{ "Segment" }</th><th scope="col">{ "Customers" }</th><th scope="col">{ "Share" }</th></tr></thead>
                <tbody>
                    { for o.segments.iter().map(|s| html! {
                        <tr><th scope="row">{ s.segment.as_str().replace('_', " ") }</th><td>{ s.customers }</td>
                            <td>{ s.percent.map(|p| format!("{p:.1} %")).unwrap_or_else(|| "—".into()) }</td></tr>
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <>
            <h1>{ "Overview" }</h1>
            if let Some(e) = &*error { <p class="rk-error" role="alert">{ e }</p> }
            <section aria-labelledby="nps-title"><h2 id="nps-title">{ "Net Promoter Score per week" }</h2>{ nps }</section>
            <section aria-labelledby="segments-title"><h2 id="segments-title">{ "Customers by RFM segment" }</h2>{ seg }</section>
        </>
    }
}

/// What detractors (or everyone) wrote, newest first.
#[function_component(Comments)]
pub fn comments(props: &Props) -> Html {
    let items = use_state(|| None::<AdminResponsePage>);
    let only_detractors = use_state(|| true);
    let error = use_state(|| None::<String>);
    {
        let (items, error, session) = (items.clone(), error.clone(), props.session.clone());
        use_effect_with(*only_detractors, move |only| {
            let only = *only;
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = async {
                    if let Some(id) = first_nps().await? {
                        let filter = if only { "&category=detractor" } else { "" };
                        items.set(Some(api::get(&format!("/v1/admin/surveys/{id}/responses?with_comment=true&limit=50{filter}")).await?));
                    }
                    Ok::<(), api::Failure>(())
                };
                if let Err(f) = loaded.await {
                    session.fail(f, &error);
                }
            });
        });
    }
    let toggle = {
        let only = only_detractors.clone();
        Callback::from(move |_| only.set(!*only))
    };
    html! {
        <>
            <h1>{ "Comments" }</h1>
            if let Some(e) = &*error { <p class="rk-error" role="alert">{ e }</p> }
            <label class="rk-check"><input type="checkbox" checked={*only_detractors} onchange={toggle} />{ " Detractors only (scores 0–6)" }</label>
            <ul class="rk-comments">
                { for items.as_ref().map(|p| p.items.clone()).unwrap_or_default().into_iter().map(|r| html! {
                    <li>
                        <p class="rk-comment-meta">{ format!("Score {} · {}", r.score.map(|s| s.to_string()).unwrap_or_default(), r.locale.unwrap_or_default()) }</p>
                        <blockquote>{ r.comment.unwrap_or_default() }</blockquote>
                    </li>
                }) }
            </ul>
        </>
    }
}
