//! The NPS widget's answer, pure so it is tested natively. Where the submission stands
//! (sending, queued, refused, done) is the shared machine's (`api::submission`).

use retainkit_contract::NpsAnswer;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NpsAnswerDraft {
    pub score: Option<u8>,
    pub comment: String,
}

impl NpsAnswerDraft {
    /// The request body, `None` while no score is chosen.
    pub fn answer(&self, locale: &str, page: Option<String>) -> Option<NpsAnswer> {
        Some(NpsAnswer {
            score: Some(self.score?),
            comment: Some(self.comment.clone()).filter(|c| !c.trim().is_empty()),
            locale: Some(locale.to_owned()),
            page,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_needs_a_score_and_drops_a_blank_comment() {
        assert_eq!(NpsAnswerDraft::default().answer("en", None), None);
        let a = NpsAnswerDraft { score: Some(10), comment: "  ".into() }.answer("pl", Some("https://shop/p".into())).unwrap();
        assert_eq!((a.score, a.comment, a.locale.as_deref(), a.page.as_deref()), (Some(10), None, Some("pl"), Some("https://shop/p")));
    }
}
