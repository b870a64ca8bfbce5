//! Micro-surveys.

pub mod definition;
pub mod nps;
pub mod state;
pub mod survey;
pub mod survey_form;

use retainkit_contract::survey::SurveyDefinition;
use std::rc::Rc;

/// One survey's definition from the server (`GET /v1/surveys/{id}`); `None` when it is
/// unknown or unreachable.
pub async fn fetch_definition(id: &str) -> Option<Rc<SurveyDefinition>> {
    definition(id).await.ok().flatten()
}

/// The answer of [`definition`].
pub type Loaded = Result<Option<Rc<SurveyDefinition>>, ()>;

/// Asks for survey `id`'s definition and calls `then` with the answer: the widgets that ask
/// share this one copy of the request's code (an `async` block at each call site would
/// each carry their own).
pub fn load_definition(id: String, then: Box<dyn FnOnce(Loaded)>) {
    wasm_bindgen_futures::spawn_local(async move { then(definition(&id).await) });
}

/// [`fetch_definition`], telling "no such survey" (`Ok(None)`: a 4xx) from "could not be
/// loaded" (`Err`: unreachable, 5xx, an answer that is not a survey).
pub async fn definition(id: &str) -> Result<Option<Rc<SurveyDefinition>>, ()> {
    let mut path = String::from("/v1/surveys/");
    path.push_str(id);
    match crate::api::get_for_viewer::<SurveyDefinition>(&path).await {
        Ok(d) => Ok(Some(Rc::new(d))),
        Err(crate::api::ApiError::Rejected { .. }) => Ok(None),
        Err(_) => Err(()),
    }
}

/// Counts a survey as shown (`POST /v1/surveys/{id}/displays`), once per widget and id;
/// kept and sent later like an answer when the server cannot be reached.
pub fn record_display(id: &str) {
    use retainkit_contract::survey::{DisplayCreate, DisplayRecorded};
    let mut path = String::from("/v1/surveys/");
    path.push_str(id);
    path.push_str("/displays");
    wasm_bindgen_futures::spawn_local(async move {
        let body = DisplayCreate { visitor_id: crate::api::visitor::id(), page: None };
        let _ = crate::api::create::<_, DisplayRecorded>(&path, &body, &crate::api::new_key()).await;
    });
}

/// `detail` of the `rk-survey-submit` event, from `<rk-nps>` and `<rk-survey>` alike.
pub struct SubmitDetail<'a> {
    pub survey_id: &'a str,
    pub response_id: i64,
    pub score: Option<u8>,
    pub category: Option<&'static str>,
    pub choice: Option<&'a str>,
    pub comment: Option<&'a str>,
}

impl SubmitDetail<'_> {
    pub fn detail(&self) -> crate::dom::events::Detail {
        let mut d = crate::dom::events::Detail::new()
            .str("surveyId", self.survey_id)
            .num("responseId", self.response_id as f64)
            .opt_num("score", self.score.map(f64::from))
            .opt_str("category", self.category);
        if let Some(c) = self.choice {
            d = d.str("choice", c);
        }
        if let Some(c) = self.comment {
            d = d.str("comment", c);
        }
        d
    }
}
