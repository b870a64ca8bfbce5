//! Surveys: each survey's results per day, week or month (chart and table) and what the
//! shoppers wrote, newest first (detractors only, for an NPS survey, at a tick).

use crate::load::{alert, use_get, use_pages, use_tiers, when};
use crate::texts::{fill, t};
use crate::{editor, results, Session};
use retainkit_contract::admin::{AdminResponsePage, AdminSurvey, SurveyDefinitionPage, SurveyResults};
use retainkit_contract::survey::SurveyKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

fn kind_name(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => t("NPS"),
        SurveyKind::Csat => t("CSAT"),
        _ => t("choice"),
    }
}

#[function_component(Surveys)]
pub fn surveys(props: &Props) -> Html {
    let list = use_get::<SurveyDefinitionPage>(Some("/v1/admin/surveys?limit=100".into()), &props.session);
    let chosen = use_state(|| None::<String>);
    let interval = use_state(|| "week".to_string());
    let status = use_state(|| None::<String>);
    let tiers = use_tiers(&props.session);
    let surveys = list.value.as_ref().map(|p| p.items.clone()).unwrap_or_default();
    // The first NPS survey until the shop picks one.
    let current = chosen
        .as_ref()
        .cloned()
        .or_else(|| surveys.iter().find(|s| s.survey.kind == SurveyKind::Nps).or(surveys.first()).map(|s| s.survey.id.clone()));
    let kind = surveys.iter().find(|s| Some(&s.survey.id) == current.as_ref()).map(|s| s.survey.kind);
    let results = use_get::<SurveyResults>(
        current.as_ref().map(|id| format!("/v1/admin/surveys/{id}/results?interval={}", *interval)),
        &props.session,
    );
    let pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                chosen.set(Some(s.value()));
            }
        })
    };
    let per = {
        let interval = interval.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                interval.set(s.value());
            }
        })
    };
    // The editor: the survey shown, or a new one.
    let editing = use_state(|| None::<(AdminSurvey, bool)>);
    // A new edit clears the last "saved" (it would read as this edit's).
    let edit = {
        let (editing, surveys, current, status) = (editing.clone(), surveys.clone(), current.clone(), status.clone());
        Callback::from(move |_| {
            status.set(None);
            if let Some(s) = surveys.iter().find(|s| Some(&s.survey.id) == current.as_ref()) {
                editing.set(Some((s.clone(), false)));
            }
        })
    };
    let new_survey = {
        let (editing, status) = (editing.clone(), status.clone());
        Callback::from(move |e: Event| {
            let kind = match e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).as_deref() {
                Some("nps") => SurveyKind::Nps,
                Some("csat") => SurveyKind::Csat,
                Some("text") => SurveyKind::Text,
                _ => return,
            };
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                s.set_value("");
            }
            status.set(None);
            editing.set(Some((editor::blank(kind), true)));
        })
    };
    let saved = {
        let (editing, chosen, reload, status) = (editing.clone(), chosen.clone(), list.reload.clone(), status.clone());
        Callback::from(move |id: String| {
            editing.set(None);
            status.set(Some(fill(t("Survey “{id}” saved."), &[("id", &id)])));
            chosen.set(Some(id));
            reload.emit(());
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    let span = match interval.as_str() {
        "day" => t("the last 12 days"),
        "month" => t("the last 12 months"),
        _ => t("the last 12 weeks"),
    };
    html! {
        <>
            <h1>{ t("Surveys") }</h1>
            { alert(&list.error) }
            if let Some(s) = &*status { <p role="status">{ s }</p> }
            if let Some((survey, new)) = (*editing).clone() {
                <editor::SurveyEditor key={format!("{}-{new}", survey.survey.id)} session={props.session.clone()} survey={survey.clone()} new={new} on_saved={saved} on_cancel={cancel} tiers={tiers.clone()} />
            }
            <div class="rk-filters">
                <label for="pick-survey">{ t("Survey") }</label>
                    <select id="pick-survey" onchange={pick}>
                        { for surveys.iter().map(|s| {
                            let id = s.survey.id.clone();
                            let question = s.survey.question.for_locale(crate::texts::current()).unwrap_or_default().to_string();
                            html! { <option value={id.clone()} selected={Some(&id) == current.as_ref()}>{ format!("{id} ({}) — {question}", kind_name(s.survey.kind)) }</option> }
                        }) }
                    </select>
                <label for="pick-interval">{ t("Per") }</label>
                    <select id="pick-interval" onchange={per}>
                        { for [("day", "day"), ("week", "week"), ("month", "month")].iter().map(|(v, l)| html! {
                            <option value={*v} selected={*interval == *v}>{ *l }</option>
                        }) }
                    </select>
                <button type="button" onclick={edit}>{ t("Edit this survey") }</button>
                <label for="new-survey">{ t("New survey") }</label>
                <select id="new-survey" onchange={new_survey}>
                    <option value="" selected=true>{ t("choose a kind…") }</option>
                    <option value="nps">{ t("NPS (0–10)") }</option>
                    <option value="csat">{ t("CSAT (1–5)") }</option>
                    <option value="text">{ t("a question with a text answer") }</option>
                </select>
            </div>
            <section aria-labelledby="results-title">
                <h2 id="results-title">{ t("Results") }</h2>
                { alert(&results.error) }
                { match &*results.value {
                    Some(r) if Some(&r.survey_id) == current.as_ref() => results::view(r, "results-title", span),
                    _ => html! { <p role="status">{ t("Loading…") }</p> },
                } }
            </section>
            if let Some(id) = current.clone() {
                <Comments key={id.as_str()} session={props.session.clone()} survey={id.clone()} nps={kind == Some(SurveyKind::Nps)} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CommentsProps {
    session: Session,
    survey: String,
    nps: bool,
}

/// The answers with a comment, newest first, 50 at a time.
#[function_component(Comments)]
fn comments(props: &CommentsProps) -> Html {
    let only_detractors = use_state(|| props.nps);
    let filter = if *only_detractors { "&category=detractor" } else { "" };
    let pages = use_pages::<AdminResponsePage>(
        format!("/v1/admin/surveys/{}/responses?with_comment=true&limit=50{filter}", props.survey),
        &props.session,
    );
    let toggle = {
        let only = only_detractors.clone();
        Callback::from(move |_| only.set(!*only))
    };
    html! {
        <section aria-labelledby="comments-title">
            <h2 id="comments-title">{ t("Comments") }</h2>
            { alert(&pages.error) }
            if props.nps {
                <label class="rk-check"><input type="checkbox" checked={*only_detractors} onchange={toggle} />{ " " }{ t("Detractors only (scores 0–6)") }</label>
            }
            if pages.items.is_empty() { <p>{ t("No comments yet.") }</p> }
            <ul class="rk-comments">
                { for pages.items.iter().map(|r| {
                    let score = r.score.map(|s| fill(t("Score {score}"), &[("score", &s.to_string())])).or_else(|| r.choice.clone()).unwrap_or_default();
                    let meta = [Some(score), r.locale.clone(), r.page.clone(), Some(when(r.created_at))].into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                    html! {
                        <li>
                            <p class="rk-comment-meta">{ meta }</p>
                            <blockquote>{ r.comment.clone().unwrap_or_default() }</blockquote>
                        </li>
                    }
                }) }
            </ul>
            { pages.more }
        </section>
    }
}
