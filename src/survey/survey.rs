//! `<rk-survey survey-id>`: a survey the shop defined on the server, inline: NPS (0–10,
//! with a follow-up worded by the shopper's group), CSAT (1–5), single choice or free text.

use super::survey_form::SurveyForm;
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::i18n::Locale;
use retainkit_contract::is_valid_id;
use retainkit_contract::survey::SurveyDefinition;
use std::rc::Rc;
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

/// What the widget has of its survey.
#[derive(Clone, PartialEq)]
enum Def {
    /// Loading, or no such survey: nothing is shown.
    None,
    Failed,
    Ready(Rc<SurveyDefinition>),
}

#[function_component(SurveyWidget)]
pub fn survey_widget(props: &SurveyProps) -> Html {
    let def = use_state(|| Def::None);
    // The id asked for last: an answer for an earlier id (the attribute changed while it was
    // on its way) is dropped, never shown in place of the current one.
    let asked = use_mut_ref(AttrValue::default);
    // Asks for the definition of `id` (on a change of id, and on "Try again").
    let load = {
        let def = def.clone();
        Rc::new(move |id: AttrValue| {
            def.set(Def::None);
            *asked.borrow_mut() = id.clone();
            if id.is_empty() {
                return;
            }
            let (def, asked) = (def.clone(), asked.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = super::definition(&id).await;
                if *asked.borrow() == id {
                    def.set(match answer {
                        Ok(Some(d)) => Def::Ready(d),
                        Ok(None) => Def::None,
                        Err(()) => Def::Failed,
                    });
                }
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with(props.survey_id.clone(), move |id| load(id.clone()));
    }
    match &*def {
        Def::Ready(d) => {
            html! { <SurveyForm key={d.id.clone()} def={d.clone()} locale={props.locale} /> }
        }
        Def::Failed => {
            let t = props.locale.texts();
            let id = props.survey_id.clone();
            let retry = Callback::from(move |_: MouseEvent| load(id.clone()));
            html! {
                <div class="rk-status" part="status" role="alert" lang={props.locale.tag()}>
                    <p class="rk-error" part="error">{ t.survey_failed }</p>
                    <button type="button" class="rk-button" part="retry" onclick={retry}>{ t.retry }</button>
                </div>
            }
        }
        Def::None => html! {},
    }
}
