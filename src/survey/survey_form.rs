//! One survey's question and follow-up, for a definition already known: inline in
//! `<rk-survey>` and inside popups. The display is recorded when it first renders; the
//! answer is sent at once (a partial response) and the follow-up is patched in.

use crate::api;
use crate::api::submission::{Outcome, Phase};
use crate::dom::events;
use crate::i18n::Locale;
use crate::ui::{use_submit, Scale};
use retainkit_contract::survey::{NpsCategory, ResponseCreated, ResponsePatch, SurveyAnswer, SurveyDefinition, SurveyKind};
use retainkit_contract::FieldError;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone, Debug)]
pub struct SurveyFormProps {
    pub def: Rc<SurveyDefinition>,
    pub locale: Locale,
    /// The answer reached the server (the shopper is done with this survey).
    #[prop_or_default]
    pub on_answered: Callback<()>,
}

// The definition by identity (see `definition::Def`).
impl PartialEq for SurveyFormProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.def, &other.def) && self.locale == other.locale && self.on_answered == other.on_answered
    }
}

/// After the answer is in (the submission is done): the follow-up, then the end.
#[derive(Debug, Clone, PartialEq)]
enum After {
    /// The answer is in; the follow-up may be added.
    FollowUp(ResponseCreated),
    Done,
}

#[function_component(SurveyForm)]
pub fn survey_form(props: &SurveyFormProps) -> Html {
    let submission = use_submit();
    let after = use_state(|| None::<After>);
    let score = use_state(|| None::<u8>);
    let choice = use_state(|| None::<String>);
    let text = use_state(String::new);
    let follow = use_state(String::new);
    let root = use_node_ref();
    let l = props.locale;
    let t = l.texts();
    let d = props.def.clone();

    use_effect_with(d.id.clone(), |id| super::record_display(id));
    let submit = {
        let (submission, after, score, choice, text, root, d, props) =
            (submission.clone(), after.clone(), score.clone(), choice.clone(), text.clone(), root.clone(), d.clone(), props.clone());
        Callback::from(move |_: ()| {
            if !submission.editable() {
                return;
            }
            let answer = SurveyAnswer {
                score: *score,
                choice: (*choice).clone(),
                text: Some((*text).clone()).filter(|t| !t.trim().is_empty()),
                locale: Some(props.locale.tag().to_owned()),
                ..Default::default()
            };
            if let Err(e) = answer.validate_for(d.kind, &d.choice_ids()) {
                submission.invalid(e);
                return;
            }
            let mut path = String::from("/v1/surveys/");
            path.push_str(&d.id);
            path.push_str("/responses");
            let (body, after, root, d, on_answered) = (answer.clone(), after.clone(), root.clone(), d.clone(), props.on_answered.clone());
            submission.send(move |key| {
                Box::pin(async move {
                    let result = api::create::<_, ResponseCreated>(&path, &body, &key).await;
                    if let Ok(created) = &result {
                        on_answered.emit(());
                        if let Some(el) = root.cast::<web_sys::Element>() {
                            let detail = super::SubmitDetail {
                                survey_id: &d.id,
                                response_id: created.id,
                                score: created.score,
                                category: created.category.map(|c| c.as_str()),
                                choice: answer.choice.as_deref(),
                                comment: None,
                            };
                            events::emit(&el, "rk-survey-submit", Some(detail.detail()));
                        }
                        after.set(Some(if matches!(d.kind, SurveyKind::Nps | SurveyKind::Csat) {
                            After::FollowUp(created.clone())
                        } else {
                            After::Done
                        }));
                    }
                    Outcome::of(&result)
                })
            });
        })
    };
    let send_follow_up = {
        let (after, follow, d) = (after.clone(), follow.clone(), d.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(After::FollowUp(created)) = (*after).clone() else {
                return;
            };
            if follow.trim().is_empty() {
                after.set(Some(After::Done));
                return;
            }
            let body = ResponsePatch { edit_token: created.edit_token.clone(), comment: (*follow).clone() };
            let (after, d) = (after.clone(), d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut path = String::from("/v1/surveys/");
                path.push_str(&d.id);
                path.push_str("/responses/");
                path.push_str(&crate::dom::num::int(created.id));
                let _ = api::update::<_, ResponseCreated>(&path, &body).await;
                after.set(Some(After::Done));
            });
        })
    };
    let skip = {
        let after = after.clone();
        Callback::from(move |_: MouseEvent| after.set(Some(After::Done)))
    };

    let question = AttrValue::from(d.question.for_locale(l.tag()).unwrap_or("").to_owned());
    // Every state of the survey sits in one place (`.rk-layers`): once answered, the question
    // stays, inert and unseen, under the follow-up (made no taller than it) and the thanks, so
    // the card keeps its height and nothing on the page moves when the answer comes back.
    let (stage, follow_up) = match (submission.done(), &*after) {
        (true, Some(After::Done)) => (2, None),
        (true, Some(After::FollowUp(created))) => {
            let prompt: String = match (d.kind, created.category, &d.follow_up) {
                (SurveyKind::Nps, Some(c), Some(f)) => {
                    let texts = match c {
                        NpsCategory::Detractor => &f.detractor,
                        NpsCategory::Passive => &f.passive,
                        NpsCategory::Promoter => &f.promoter,
                    };
                    texts.for_locale(l.tag()).unwrap_or("").to_owned()
                }
                (SurveyKind::Nps, Some(NpsCategory::Detractor), None) => t.follow_detractor.to_owned(),
                (SurveyKind::Nps, Some(NpsCategory::Passive), None) => t.follow_passive.to_owned(),
                (SurveyKind::Nps, Some(NpsCategory::Promoter), None) => t.follow_promoter.to_owned(),
                _ => t.follow_csat.to_owned(),
            };
            let oninput = {
                let follow = follow.clone();
                Callback::from(move |e: InputEvent| follow.set(crate::ui::field_value(&e)))
            };
            let form = html! {
                <form class="rk-form" part="follow-up-form" onsubmit={send_follow_up}>
                    <label for="rk-follow" class="rk-question" part="follow-up-label">{ prompt }</label>
                    <textarea id="rk-follow" part="follow-up" dir="auto" rows="2" value={(*follow).clone()} {oninput} />
                    <div class="rk-actions">
                        <button type="submit" class="rk-button" part="submit">{ t.submit }</button>
                        <button type="button" class="rk-link-button" part="skip" onclick={skip}>{ t.skip }</button>
                    </div>
                </form>
            };
            (1, Some(form))
        }
        _ => (0, None),
    };
    let body = {
        let busy = !submission.editable();
        let first_error = submission.errors().iter().next().map(|(_, e)| *e);
        let error = match (submission.phase(), first_error) {
            (Phase::Rejected, Some(FieldError::Required)) if d.kind == SurveyKind::SingleChoice => Some(t.choose_one),
            (Phase::Rejected, Some(FieldError::Required)) if d.kind == SurveyKind::Text => Some(t.field_required),
            (Phase::Rejected, Some(FieldError::Required)) => Some(t.choose_score),
            (Phase::Rejected, Some(e)) => Some(t.field_error(e)),
            (Phase::Rejected, None) => Some(t.rejected),
            (Phase::Unavailable, _) => Some(t.offline),
            _ => None,
        };
        let onsubmit = {
            let submit = submit.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                submit.emit(());
            })
        };
        let on_score = {
            let (score, submission) = (score.clone(), submission.clone());
            Callback::from(move |v: u8| {
                if submission.editable() && *score != Some(v) {
                    score.set(Some(v));
                    submission.edited("");
                }
            })
        };
        let field = match d.kind {
            SurveyKind::Nps | SurveyKind::Csat => {
                // One scale, two ranges.
                let (min, max, low, high, low_caption, high_caption) = if d.kind == SurveyKind::Nps {
                    (0, 10, t.nps_low, t.nps_high, t.nps_low_caption, t.nps_high_caption)
                } else {
                    (1, 5, t.csat_low, t.csat_high, t.csat_low_caption, t.csat_high_caption)
                };
                html! {
                    <Scale {min} {max} value={*score} labelledby="rk-question" describedby={error.map(|_| AttrValue::Static("rk-survey-error"))}
                           low_label={low} high_label={high} {low_caption} {high_caption}
                           on_change={on_score} on_enter={submit.reform(|_| ())} disabled={busy} />
                }
            }
            SurveyKind::SingleChoice => html! {
                <div class="rk-choices" role="radiogroup" aria-labelledby="rk-question" aria-describedby={error.map(|_| "rk-survey-error")}>
                    { for d.choices.iter().map(|c| {
                        let id = c.id.clone();
                        let onchange = {
                            let (choice, submission) = (choice.clone(), submission.clone());
                            let id = id.clone();
                            Callback::from(move |_: Event| {
                                choice.set(Some(id.clone()));
                                submission.edited("");
                            })
                        };
                        let mut input_id = String::from("rk-choice-");
                        input_id.push_str(&c.id);
                        html! {
                            <label class="rk-choice" part="choice">
                                <input type="radio" name="rk-choice" id={input_id} value={c.id.clone()} checked={choice.as_deref() == Some(c.id.as_str())} {onchange} disabled={busy} />
                                <span>{ c.label.for_locale(l.tag()).unwrap_or(&c.id).to_owned() }</span>
                            </label>
                        }
                    }) }
                </div>
            },
            SurveyKind::Text => {
                let oninput = {
                    let (text, submission) = (text.clone(), submission.clone());
                    Callback::from(move |e: InputEvent| {
                        text.set(crate::ui::field_value(&e));
                        submission.edited("");
                    })
                };
                html! { <textarea id="rk-text" part="text" dir="auto" rows="3" aria-labelledby="rk-question" value={(*text).clone()} {oninput} readonly={busy}
                aria-describedby={error.map(|_| "rk-survey-error")} /> }
            }
        };
        html! {
            <form class="rk-form" part="form" {onsubmit} novalidate=true aria-busy={busy.then_some("true")} inert={stage > 0}>
                <p id="rk-question" class="rk-question" part="question">{ question }</p>
                { field }
                <div class="rk-status" role="alert">
                    if let Some(m) = error {
                        <p id="rk-survey-error" class="rk-error" part="error">{ m }</p>
                    }
                </div>
                <button type="submit" class="rk-button" part="submit" disabled={busy}>
                    { if busy { t.sending } else if submission.phase() == Phase::Unavailable { t.retry } else { t.submit } }
                </button>
            </form>
        }
    };
    html! {
        <section ref={root} class="rk-card rk-survey rk-layers" part="container" lang={l.tag()}>
            if stage == 2 {
                <p class="rk-thanks" part="thanks" role="status">{ t.thanks }</p>
            }
            { for follow_up }
            { body }
        </section>
    }
}
