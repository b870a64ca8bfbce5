//! Micro-surveys.

pub mod nps;
pub mod state;
pub mod survey_form;
pub mod survey_widget;

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
