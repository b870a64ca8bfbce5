//! `<rk-nps>`: one NPS question (0–10) with an optional follow-up text.

use super::definition::{use_definition, Def};
use super::state::NpsAnswerDraft;
use crate::api;
use crate::api::submission::{Outcome, Phase};
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::dom::events;
use crate::i18n::Locale;
use crate::ui::{use_submit, Scale};
use retainkit_contract::survey::{SurveyKind, COMMENT_MAX};
use retainkit_contract::{is_valid_id, FieldError, FieldErrors, NpsCreated};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct NpsProps {
    /// `survey-id`: which survey the answers count for (default `nps`).
    pub survey_id: AttrValue,
    /// `question`: replaces the default question text.
    pub question: Option<AttrValue>,
    /// From `locale`, `lang`, `RetainKit.init({locale})`, then the page's language.
    pub locale: Locale,
    /// `follow-up="off"` hides the follow-up text field.
    pub follow_up: bool,
}

impl FromAttrs for NpsProps {
    fn from_attrs(a: &Attrs) -> NpsProps {
        NpsProps {
            survey_id: AttrValue::from(a.text("survey-id").filter(|id| is_valid_id(id)).unwrap_or("nps").to_owned()),
            question: a.text("question").map(|q| AttrValue::from(q.to_owned())),
            locale: a.locale(),
            follow_up: a.flag("follow-up", true),
        }
    }
}

/// How long `<rk-nps>` waits for the server's texts before it shows its own.
const WAIT_MS: u32 = 1500;

/// The page an answer came from, without its query string (it may hold personal data).
fn page_url() -> Option<String> {
    let loc = web_sys::window()?.location();
    let mut u = loc.origin().ok()?;
    u.push_str(&loc.pathname().ok()?);
    Some(u)
}

#[function_component(NpsWidget)]
pub fn nps_widget(props: &NpsProps) -> Html {
    // (Two states of the types the survey form uses too: their hook code is shared.)
    let score = use_state(|| None::<u8>);
    let comment = use_state(String::new);
    // One survey id, one question: the texts of the shop's survey of this id on the server
    // (unless the `question` attribute gives one), and its display counted. They are waited
    // for at most WAIT_MS; whatever is shown then stays.
    let (def, _) = use_definition(props.survey_id.clone(), WAIT_MS, Some(SurveyKind::Nps));
    let shop = match &def {
        Def::Ready(d) if d.kind == SurveyKind::Nps => Some(d.clone()),
        _ => None,
    };
    let submission = use_submit();
    let root = use_node_ref();
    let thanks = use_node_ref();
    let t = props.locale.texts();

    let submit = {
        let (score, comment, submission, root, props) = (score.clone(), comment.clone(), submission.clone(), root.clone(), props.clone());
        Callback::from(move |_: ()| {
            if !submission.editable() {
                return;
            }
            let draft = NpsAnswerDraft { score: *score, comment: (*comment).clone() };
            let Some(answer) = draft.answer(props.locale.tag(), page_url()) else {
                let mut errors = FieldErrors::new();
                errors.insert("score".into(), FieldError::Required);
                submission.invalid(errors);
                return;
            };
            if let Err(errors) = answer.validate() {
                submission.invalid(errors);
                return;
            }
            let mut path = String::from("/v1/surveys/");
            path.push_str(&props.survey_id);
            path.push_str("/responses");
            let (body, root) = (answer.clone(), root.clone());
            submission.send(move |key| {
                Box::pin(async move {
                    let result = api::create::<_, NpsCreated>(&path, &body, &key).await;
                    if let (Ok(created), Some(el)) = (&result, root.cast::<web_sys::Element>()) {
                        let detail = super::SubmitDetail {
                            survey_id: &created.survey_id,
                            response_id: created.id,
                            score: created.score,
                            category: created.category.map(|c| c.as_str()),
                            choice: None,
                            comment: answer.clean_comment(),
                        };
                        events::emit(&el, "rk-survey-submit", Some(detail.detail()));
                    }
                    Outcome::of(&result)
                })
            });
        })
    };

    // After the answer is in, move focus to the thank-you text so keyboard and screen-reader
    // users are not left on a button that no longer exists.
    {
        let thanks = thanks.clone();
        use_effect_with(submission.done(), move |done| {
            if *done {
                if let Some(el) = thanks.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(());
        })
    };
    let on_select = {
        let (score, submission) = (score.clone(), submission.clone());
        Callback::from(move |v: u8| {
            if submission.editable() && *score != Some(v) {
                score.set(Some(v));
                submission.edited("score");
            }
        })
    };
    let on_comment = {
        let (comment, submission) = (comment.clone(), submission.clone());
        Callback::from(move |e: InputEvent| {
            let text = crate::ui::field_value(&e);
            if submission.editable() && text != *comment {
                comment.set(text);
                submission.edited("comment");
            }
        })
    };

    let lang = props.locale.tag();
    // Once sent, the thanks cover the form, which stays (hidden, inert) to keep the card's
    // height: nothing on the page moves.
    let done = submission.done();

    // The shop's texts in the shopper's language (else the widget's own, which speak it).
    let question: AttrValue = props
        .question
        .clone()
        .or_else(|| shop.as_ref()?.question.get(lang).map(|q| AttrValue::from(q.clone())))
        .unwrap_or(AttrValue::Static(t.nps_question));
    let errors = submission.errors();
    let score_error = errors.get("score").map(|e| if *e == FieldError::Required { t.choose_score } else { t.field_error(*e) });
    let comment_error = errors.get("comment").map(|e| t.field_error(*e));
    let general_error = match submission.phase() {
        Phase::Unavailable => Some(t.offline),
        Phase::Rejected if errors.is_empty() => Some(t.rejected),
        _ => None,
    };
    let left = COMMENT_MAX as i64 - comment.trim().chars().count() as i64;
    let busy = submission.busy();
    let button_text = if busy {
        t.sending
    } else if submission.phase() == Phase::Unavailable {
        t.retry
    } else {
        t.submit
    };

    // Waiting for the shop's texts: the space the loader reserved stays reserved, so the
    // survey appears once, with its final texts, and nothing moves.
    if def == Def::Loading && props.question.is_none() {
        return html! { <div class="rk-ph" part="placeholder" aria-hidden="true"></div> };
    }
    html! {
        <section ref={root} class="rk-card rk-nps rk-layers" part="container" {lang}>
            if done {
                <p ref={thanks} class="rk-thanks" part="thanks" role="status" tabindex="-1">{ t.thanks }</p>
            }
            <form class="rk-form" inert={done} part="form" {onsubmit} novalidate=true aria-busy={busy.then_some("true")}>
                <p id="rk-question" class="rk-question" part="question">{ question }</p>
                <Scale
                    min={0} max={10}
                    value={*score}
                    labelledby="rk-question"
                    describedby={score_error.map(|_| AttrValue::Static("rk-score-error"))}
                    low_label={t.nps_low} high_label={t.nps_high}
                    low_caption={t.nps_low_caption} high_caption={t.nps_high_caption}
                    on_change={on_select}
                    on_enter={submit.reform(|_| ())}
                    disabled={busy}
                />
                if let Some(msg) = score_error {
                    <p id="rk-score-error" class="rk-field-error" part="error">{ msg }</p>
                }
                if props.follow_up && score.is_some() {
                    <div class="rk-field">
                        <label for="rk-comment" part="follow-up-label">{ t.follow_up }{ " " }<span class="rk-optional">{ t.optional }</span></label>
                        <textarea
                            id="rk-comment" dir="auto"
                            part="follow-up"
                            rows="3"
                            value={(*comment).clone()}
                            oninput={on_comment}
                            readonly={busy}
                            aria-invalid={comment_error.map(|_| "true")}
                            aria-describedby={if comment_error.is_some() { "rk-comment-error rk-comment-count" } else { "rk-comment-count" }}
                        />
                        <p id="rk-comment-count" part="counter" class={classes!("rk-count", (left < 0).then_some("rk-over"))}>{ t.chars_left_before }{ left }{ t.chars_left }</p>
                        if let Some(msg) = comment_error {
                            <p id="rk-comment-error" class="rk-field-error" part="error">{ msg }</p>
                        }
                    </div>
                }
                <div class="rk-status" role="alert">
                    if let Some(msg) = general_error {
                        <p class="rk-error" part="error">{ msg }</p>
                    }
                </div>
                <button type="submit" class="rk-button" part="submit" disabled={busy}>{ button_text }</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props_from_attributes() {
        let p =
            NpsProps::from_attrs(&Attrs::of(&[("survey-id", "q4"), ("lang", "pl"), ("_locale", "id"), ("question", " Polecisz nas? ")]));
        assert_eq!(p.survey_id, "q4");
        assert_eq!(p.locale, Locale::Pl);
        assert_eq!(p.question.as_deref(), Some("Polecisz nas?"));
        assert!(p.follow_up);
        let d = NpsProps::from_attrs(&Attrs::of(&[("survey-id", "bad id!"), ("_locale", "id-ID"), ("follow-up", "off")]));
        assert_eq!(d.survey_id, "nps");
        assert_eq!(d.locale, Locale::Id);
        assert!(!d.follow_up);
        let l = NpsProps::from_attrs(&Attrs::of(&[("locale", "en"), ("lang", "pl")]));
        assert_eq!(l.locale, Locale::En);
    }
}
