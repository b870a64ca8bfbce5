//! `<rk-survey survey-id>`: a survey the shop defined on the server, inline: NPS (0–10,
//! with a follow-up worded by the shopper's group), CSAT (1–5), single choice or free text.

use super::definition::{use_definition, Def};
use super::survey_form::SurveyForm;
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::i18n::Locale;
use retainkit_contract::is_valid_id;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct SurveyProps {
    pub survey_id: AttrValue,
    pub locale: Locale,
}

impl FromAttrs for SurveyProps {
    fn from_attrs(a: &Attrs) -> SurveyProps {
        SurveyProps {
            survey_id: AttrValue::from(a.text("survey-id").filter(|id| is_valid_id(id)).unwrap_or("").to_owned()),
            locale: a.locale(),
        }
    }
}

#[function_component(SurveyWidget)]
pub fn survey_widget(props: &SurveyProps) -> Html {
    // (Its display is counted by the form, which popups show too.)
    let (def, retry) = use_definition(props.survey_id.clone(), 0, None);
    match &def {
        Def::Ready(d) => {
            html! { <SurveyForm key={d.id.clone()} def={d.clone()} locale={props.locale} /> }
        }
        Def::Failed => {
            let t = props.locale.texts();
            html! {
                <div class="rk-status" part="status" role="alert" lang={props.locale.tag()}>
                    <p class="rk-error" part="error">{ t.survey_failed }</p>
                    <button type="button" class="rk-button" part="retry" onclick={retry.reform(|_| ())}>{ t.retry }</button>
                </div>
            }
        }
        // On its way: the space the loader reserved stays reserved (nothing moves when the
        // survey appears).
        Def::Loading => html! { <div class="rk-ph" part="placeholder" aria-hidden="true"></div> },
        Def::None => html! {},
    }
}
