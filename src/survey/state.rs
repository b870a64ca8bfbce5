//! The NPS widget's state and its transitions, pure so they are tested natively.

use retainkit_contract::{FieldErrors, NpsAnswer};
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Answering,
    Sending,
    Done,
    /// Could not reach the server: the answer is kept (and queued) and can be sent again.
    Unavailable,
    /// The server refused it: field errors, or a general message when there are none.
    Rejected,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NpsState {
    pub score: Option<u8>,
    pub comment: String,
    pub phase: Phase,
    pub errors: FieldErrors,
    /// The Idempotency-Key of the submission in progress; kept for a retry of the same
    /// answer, dropped when the answer changes.
    pub key: Option<String>,
}

impl Default for NpsState {
    fn default() -> Self {
        NpsState { score: None, comment: String::new(), phase: Phase::Answering, errors: FieldErrors::new(), key: None }
    }
}

pub enum Action {
    Select(u8),
    Comment(String),
    /// The shopper submitted with no score chosen.
    MissingScore,
    /// Client-side validation refused the answer.
    Invalid(FieldErrors),
    Sending {
        key: String,
    },
    Sent,
    Unavailable,
    Rejected(FieldErrors),
}

impl NpsState {
    pub fn answer(&self, locale: &str, page: Option<String>) -> Option<NpsAnswer> {
        Some(NpsAnswer {
            score: Some(self.score?),
            comment: Some(self.comment.clone()).filter(|c| !c.trim().is_empty()),
            locale: Some(locale.to_owned()),
            page,
            ..Default::default()
        })
    }

    pub fn busy(&self) -> bool {
        self.phase == Phase::Sending
    }
}

impl Reducible for NpsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(self.phase, Phase::Done) || (self.busy() && !matches!(action, Action::Sent | Action::Unavailable | Action::Rejected(_)))
        {
            return self;
        }
        let mut s = (*self).clone();
        match action {
            Action::Select(v) => {
                if s.score != Some(v) {
                    s.key = None;
                }
                s.score = Some(v);
                s.errors.remove("score");
                if s.phase == Phase::Rejected && s.errors.is_empty() {
                    s.phase = Phase::Answering;
                }
            }
            Action::Comment(c) => {
                if s.comment != c {
                    s.key = None;
                }
                s.comment = c;
                s.errors.remove("comment");
                if s.phase == Phase::Rejected && s.errors.is_empty() {
                    s.phase = Phase::Answering;
                }
            }
            Action::MissingScore => {
                s.errors.insert("score".to_owned(), retainkit_contract::FieldError::Required);
                s.phase = Phase::Rejected;
            }
            Action::Invalid(e) => {
                s.errors = e;
                s.phase = Phase::Rejected;
            }
            Action::Sending { key } => {
                s.key = Some(key);
                s.errors.clear();
                s.phase = Phase::Sending;
            }
            Action::Sent => {
                s.phase = Phase::Done;
                s.key = None;
            }
            Action::Unavailable => s.phase = Phase::Unavailable,
            Action::Rejected(e) => {
                s.errors = e;
                s.key = None;
                s.phase = Phase::Rejected;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::FieldError;

    fn run(actions: Vec<Action>) -> NpsState {
        let mut s = Rc::new(NpsState::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn a_retry_keeps_the_key_and_an_edit_drops_it() {
        let s = run(vec![Action::Select(9), Action::Sending { key: "k1".into() }, Action::Unavailable]);
        assert_eq!((s.phase.clone(), s.key.as_deref(), s.score), (Phase::Unavailable, Some("k1"), Some(9)));
        let s2 = run(vec![Action::Select(9), Action::Sending { key: "k1".into() }, Action::Unavailable, Action::Select(9)]);
        assert_eq!(s2.key.as_deref(), Some("k1"));
        let s3 = run(vec![Action::Select(9), Action::Sending { key: "k1".into() }, Action::Unavailable, Action::Comment("more".into())]);
        assert_eq!(s3.key, None);
        assert_eq!(s3.score, Some(9));
    }

    #[test]
    fn rejected_keeps_the_answer_and_shows_field_errors() {
        let mut e = FieldErrors::new();
        e.insert("comment".into(), FieldError::TooLong);
        let s = run(vec![Action::Select(3), Action::Comment("text".into()), Action::Sending { key: "k".into() }, Action::Rejected(e)]);
        assert_eq!(s.phase, Phase::Rejected);
        assert_eq!(s.comment, "text");
        assert_eq!(s.errors.get("comment"), Some(&FieldError::TooLong));
        let fixed = run(vec![
            Action::Select(3),
            Action::Sending { key: "k".into() },
            Action::Rejected([("comment".to_owned(), FieldError::TooLong)].into_iter().collect()),
            Action::Comment("short".into()),
        ]);
        assert_eq!(fixed.phase, Phase::Answering);
        assert!(fixed.errors.is_empty());
    }

    #[test]
    fn nothing_changes_while_sending_or_after_done() {
        let s = run(vec![Action::Select(5), Action::Sending { key: "k".into() }, Action::Select(6)]);
        assert_eq!(s.score, Some(5));
        let d = run(vec![Action::Select(5), Action::Sending { key: "k".into() }, Action::Sent, Action::Select(1)]);
        assert_eq!((d.phase, d.score), (Phase::Done, Some(5)));
    }

    #[test]
    fn missing_score_and_answer() {
        let s = run(vec![Action::MissingScore]);
        assert_eq!(s.errors.get("score"), Some(&FieldError::Required));
        let s = run(vec![Action::MissingScore, Action::Select(10), Action::Comment("  ".into())]);
        assert_eq!(s.phase, Phase::Answering);
        let a = s.answer("pl", None).unwrap();
        assert_eq!((a.score, a.comment, a.locale.as_deref()), (Some(10), None, Some("pl")));
    }
}
