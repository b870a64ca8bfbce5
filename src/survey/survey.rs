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

#[function_component(SurveyWidget)]
pub fn survey_widget(props: &SurveyProps) -> Html {
    // `None` while loading or when there is no such survey: nothing is shown.
    let def = use_state(|| None::<Rc<SurveyDefinition>>);
    // The id asked for last: an answer for an earlier id (the attribute changed while it was
    // on its way) is dropped, never shown in place of the current one.
    let asked = use_mut_ref(AttrValue::default);
    {
        let def = def.clone();
        use_effect_with(props.survey_id.clone(), move |id| {
            def.set(None);
            *asked.borrow_mut() = id.clone();
            if !id.is_empty() {
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(d) = super::fetch_definition(&id).await {
                        if *asked.borrow() == id {
                            def.set(Some(d));
                        }
                    }
                });
            }
        });
    }
    match &*def {
        Some(d) => {
            html! { <SurveyForm key={d.id.clone()} def={d.clone()} locale={props.locale} /> }
        }
        None => html! {},
    }
}
