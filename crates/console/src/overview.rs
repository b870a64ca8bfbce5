//! The overview: NPS and CSAT per week with their 95 % intervals, the exit offer's funnel,
//! loyalty points given and spent, and customers per RFM segment, each a chart with its table.

use crate::load::{alert, use_get};
use crate::texts::t;
use crate::{loyalty, offers, results, reviews, segments, Session};
use retainkit_contract::admin::{LoyaltyActivity, OfferDefinitionPage, OfferFunnel, ReviewActivity, SurveyDefinitionPage, SurveyResults};
use retainkit_contract::segments::SegmentOverview;
use retainkit_contract::survey::SurveyKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

#[function_component(Overview)]
pub fn overview(props: &Props) -> Html {
    let surveys = use_get::<SurveyDefinitionPage>(Some("/v1/admin/surveys?limit=100".into()), &props.session);
    let offers = use_get::<OfferDefinitionPage>(Some("/v1/admin/offers?limit=100".into()), &props.session);
    let first =
        |kind: SurveyKind| surveys.value.as_ref().and_then(|p| p.items.iter().find(|s| s.survey.kind == kind)).map(|s| s.survey.id.clone());
    let nps =
        use_get::<SurveyResults>(first(SurveyKind::Nps).map(|id| format!("/v1/admin/surveys/{id}/results?interval=week")), &props.session);
    let csat =
        use_get::<SurveyResults>(first(SurveyKind::Csat).map(|id| format!("/v1/admin/surveys/{id}/results?interval=week")), &props.session);
    let offer = offers.value.as_ref().and_then(|p| p.items.iter().find(|o| o.offer.active).or(p.items.first())).map(|o| o.offer.id.clone());
    let funnel = use_get::<OfferFunnel>(offer.map(|id| format!("/v1/admin/offers/{id}/funnel?interval=week")), &props.session);
    let seg = use_get::<SegmentOverview>(Some("/v1/admin/segments".into()), &props.session);
    let points = use_get::<LoyaltyActivity>(Some("/v1/admin/loyalty/activity?interval=week".into()), &props.session);
    let ratings = use_get::<ReviewActivity>(Some("/v1/admin/reviews/activity?interval=week".into()), &props.session);
    let loading = || html! { <p role="status">{ t("Loading…") }</p> };
    // `none`: what to say when there is nothing (yet).
    let part = |value: Option<Html>, source_loaded: bool, none: &str| match value {
        Some(h) => h,
        None if source_loaded => html! { <p>{ none }</p> },
        None => loading(),
    };
    let surveys_loaded = surveys.value.is_some();
    let nps_view = nps.value.as_ref().map(|r| results::view(r, "nps-title", t("the last 12 weeks")));
    let csat_view = csat.value.as_ref().map(|r| results::view(r, "csat-title", t("the last 12 weeks")));
    html! {
        <>
            <h1>{ t("Overview") }</h1>
            { alert(&surveys.error) }
            <section aria-labelledby="nps-title"><h2 id="nps-title">{ t("Net Promoter Score per week") }</h2>
                { alert(&nps.error) }{ part(nps_view, surveys_loaded && first(SurveyKind::Nps).is_none(), t("No NPS survey yet.")) }</section>
            <section aria-labelledby="csat-title"><h2 id="csat-title">{ t("Customer satisfaction per week") }</h2>
                { alert(&csat.error) }{ part(csat_view, surveys_loaded && first(SurveyKind::Csat).is_none(), t("No CSAT survey yet.")) }</section>
            <section aria-labelledby="ratings-title"><h2 id="ratings-title">{ t("Reviews per week") }</h2>
                { alert(&ratings.error) }{ part(ratings.value.as_ref().map(|a| reviews::activity_view(a, "ratings-title")), false, t("No reviews yet.")) }</section>
            <section aria-labelledby="funnel-title"><h2 id="funnel-title">{ t("Exit offer per week") }</h2>
                { alert(&offers.error) }{ alert(&funnel.error) }
                { part(funnel.value.as_ref().map(|f| offers::funnel_view(f, "funnel-title")), offers.value.as_ref().is_some_and(|p| p.items.is_empty()), t("No offers yet.")) }</section>
            <section aria-labelledby="points-title"><h2 id="points-title">{ t("Loyalty points per week") }</h2>
                { alert(&points.error) }{ part(points.value.as_ref().map(|a| loyalty::points_view(a, "points-title")), false, t("No points yet.")) }</section>
            <section aria-labelledby="segments-title"><h2 id="segments-title">{ t("Customers by RFM segment") }</h2>
                { alert(&seg.error) }{ part(seg.value.as_ref().map(|o| segments::sizes_view(o, "segments-title")), false, t("No orders yet.")) }</section>
        </>
    }
}
