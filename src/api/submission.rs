//! The one submission state machine of every form that creates something (an NPS answer, a
//! survey answer, a review): what the shopper sees, and the key that makes it exactly once.
//!
//! ```text
//! Editing ──send──▶ Sending{key} ──stored──▶ Done
//!    ▲                 │  ├──not reached──▶ Unavailable{key} ──send──▶ Sending{same key}
//!    │                 │  └──refused──────▶ Rejected(errors)  (key dropped)
//!    └──edited─────────┴── (an edit after Unavailable drops the key and the queued try)
//! ```
//!
//! "Not reached" is anything that is not a definite answer: no network, a timeout, 5xx or 429
//! after the retries, and a 2xx whose body did not parse (the server may well have stored
//! it): the key stays, so sending again can never store a second copy. "Refused" is a 4xx:
//! nothing was stored and the key is spent. Pure: the `use_submit` hook (`ui/submit.rs`)
//! runs it in the browser.

use super::ApiError;
use retainkit_contract::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    Editing,
    Sending,
    /// Not confirmed: kept (and queued); "Try again" sends it with the same key.
    Unavailable,
    /// Refused: field errors (or a general message when there are none).
    Rejected,
    Done,
}

/// How a send ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored,
    NotReached,
    Refused(FieldErrors),
}

impl Outcome {
    pub fn of<T>(result: &Result<T, ApiError>) -> Outcome {
        match result {
            Ok(_) => Outcome::Stored,
            Err(ApiError::Unavailable | ApiError::Malformed) => Outcome::NotReached,
            Err(ApiError::Rejected { error, .. }) => Outcome::Refused(error.as_ref().map(|e| e.error.fields.clone()).unwrap_or_default()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Sent with this key (from [`Submission::key_to_reuse`], or a new one).
    Start {
        key: String,
    },
    /// The shopper changed `field` (empty: the whole answer).
    Edited {
        field: String,
    },
    /// The form's own check found these errors; nothing was sent.
    Invalid(FieldErrors),
    Ended(Outcome),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Submission {
    phase: Phase,
    key: Option<String>,
    errors: FieldErrors,
}

impl Submission {
    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }

    pub fn busy(&self) -> bool {
        self.phase == Phase::Sending
    }

    pub fn done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// Whether the shopper may change the answer now.
    pub fn editable(&self) -> bool {
        !matches!(self.phase, Phase::Sending | Phase::Done)
    }

    /// The key of the unconfirmed try, for sending the same answer again.
    pub fn key_to_reuse(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Applies a step. Returns the key of a queued try that must leave the outbox (an edit
    /// after "not reached": the changed answer replaces it).
    pub fn apply(&mut self, step: Step) -> Option<String> {
        match step {
            Step::Start { key } if self.phase != Phase::Sending && self.phase != Phase::Done => {
                self.key = Some(key);
                self.errors.clear();
                self.phase = Phase::Sending;
                None
            }
            Step::Edited { field } if self.editable() => {
                if field.is_empty() {
                    self.errors.clear();
                } else {
                    self.errors.remove(&field);
                }
                if self.phase == Phase::Unavailable || (self.phase == Phase::Rejected && self.errors.is_empty()) {
                    self.phase = Phase::Editing;
                }
                self.key.take()
            }
            Step::Invalid(errors) if self.editable() => {
                self.errors = errors;
                self.phase = Phase::Rejected;
                None
            }
            Step::Ended(outcome) if self.phase == Phase::Sending => {
                match outcome {
                    Outcome::Stored => {
                        self.phase = Phase::Done;
                        self.key = None;
                    }
                    Outcome::NotReached => self.phase = Phase::Unavailable,
                    Outcome::Refused(errors) => {
                        self.errors = errors;
                        self.key = None;
                        self.phase = Phase::Rejected;
                    }
                }
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::FieldError;

    fn run(steps: Vec<Step>) -> (Submission, Vec<String>) {
        let mut s = Submission::default();
        let forgotten = steps.into_iter().filter_map(|st| s.apply(st)).collect();
        (s, forgotten)
    }

    fn start(k: &str) -> Step {
        Step::Start { key: k.into() }
    }

    fn errors(field: &str) -> FieldErrors {
        [(field.to_owned(), FieldError::TooLong)].into_iter().collect()
    }

    #[test]
    fn stored_is_done_and_nothing_changes_after() {
        let (s, _) = run(vec![start("k"), Step::Ended(Outcome::Stored), Step::Edited { field: "x".into() }, start("k2")]);
        assert_eq!((s.phase(), s.key_to_reuse()), (Phase::Done, None));
    }

    #[test]
    fn not_reached_keeps_the_key_for_the_same_answer() {
        let (s, _) = run(vec![start("k"), Step::Ended(Outcome::NotReached)]);
        assert_eq!((s.phase(), s.key_to_reuse()), (Phase::Unavailable, Some("k")));
        let (s, _) = run(vec![start("k"), Step::Ended(Outcome::NotReached), start("k")]);
        assert!(s.busy());
    }

    #[test]
    fn an_edit_after_not_reached_drops_the_key_and_the_queued_try() {
        let (s, forgotten) = run(vec![start("k"), Step::Ended(Outcome::NotReached), Step::Edited { field: "comment".into() }]);
        assert_eq!((s.phase(), s.key_to_reuse(), forgotten), (Phase::Editing, None, vec!["k".to_owned()]));
    }

    #[test]
    fn refused_shows_errors_drops_the_key_and_an_edit_clears_its_field() {
        let (s, _) = run(vec![start("k"), Step::Ended(Outcome::Refused(errors("comment")))]);
        assert_eq!((s.phase(), s.key_to_reuse(), s.errors().get("comment")), (Phase::Rejected, None, Some(&FieldError::TooLong)));
        let (s, forgotten) =
            run(vec![start("k"), Step::Ended(Outcome::Refused(errors("comment"))), Step::Edited { field: "comment".into() }]);
        assert_eq!((s.phase(), s.errors().is_empty(), forgotten.len()), (Phase::Editing, true, 0));
        let (s, _) = run(vec![start("k"), Step::Ended(Outcome::Refused(errors("comment"))), Step::Edited { field: "title".into() }]);
        assert_eq!(s.phase(), Phase::Rejected, "another field's edit leaves the error");
    }

    #[test]
    fn nothing_moves_while_sending_but_the_answer() {
        let (s, _) = run(vec![start("k"), Step::Edited { field: "".into() }, start("k2"), Step::Invalid(errors("x"))]);
        assert_eq!((s.phase(), s.key_to_reuse()), (Phase::Sending, Some("k")));
        let (s, _) = run(vec![Step::Ended(Outcome::Stored)]);
        assert_eq!(s.phase(), Phase::Editing, "an answer with nothing sent is ignored");
    }

    #[test]
    fn a_client_side_refusal_sends_nothing() {
        let (s, _) = run(vec![Step::Invalid(errors("score"))]);
        assert_eq!((s.phase(), s.key_to_reuse()), (Phase::Rejected, None));
        let (s, _) = run(vec![Step::Invalid(errors("score")), Step::Edited { field: "score".into() }]);
        assert_eq!(s.phase(), Phase::Editing);
    }

    #[test]
    fn outcomes_of_api_results() {
        assert_eq!(Outcome::of(&Ok::<(), ApiError>(())), Outcome::Stored);
        assert_eq!(Outcome::of::<()>(&Err(ApiError::Unavailable)), Outcome::NotReached);
        assert_eq!(Outcome::of::<()>(&Err(ApiError::Malformed)), Outcome::NotReached, "a 2xx that did not parse may be stored");
        assert_eq!(Outcome::of::<()>(&Err(ApiError::Rejected { status: 422, error: None })), Outcome::Refused(FieldErrors::new()));
    }
}
