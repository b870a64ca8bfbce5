//! Micro-surveys.

pub mod nps;
pub mod state;
pub mod survey_form;
pub mod survey_widget;

use retainkit_contract::survey::SurveyDefinition;
use std::rc::Rc;

/// One survey's definition from the server (`GET /v1/surveys/{id}`); `None` when it is
/// unknown or unreachable.
pub async fn fetch_definition(id: &str) -> Option<Rc<SurveyDefinition>> {
    let mut path = String::from("/v1/surveys/");
    path.push_str(id);
    crate::api::get::<SurveyDefinition>(&path).await.ok().map(Rc::new)
}

/// `detail` of the `rk-survey-submit` event, from `<rk-nps>` and `<rk-survey>` alike.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitDetail<'a> {
    pub survey_id: &'a str,
    pub response_id: i64,
    pub score: Option<u8>,
    pub category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<&'a str>,
}
