//! `use_submit`: the submission state machine (`api::submission`) in a component. Every form
//! that creates something uses it: it picks the key (the unconfirmed try's, or a new one),
//! takes a changed answer's earlier try out of the outbox, and turns the API's result into
//! the next phase. An answer that did not get through stays queued with its key: the API
//! delivers it while the page is open (`api::deliver_later`), and "Try again" sends it with
//! the same key (the server then answers with what it stored).

use crate::api;
use crate::api::submission::{Outcome, Phase, Step, Submission};
use retainkit_contract::FieldErrors;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmitState(Submission);

impl Reducible for SubmitState {
    type Action = Step;

    fn reduce(self: Rc<Self>, step: Step) -> Rc<Self> {
        let mut s = self.0.clone();
        s.apply(step);
        if s == self.0 {
            self
        } else {
            Rc::new(SubmitState(s))
        }
    }
}

#[derive(Clone)]
pub struct UseSubmit {
    state: UseReducerHandle<SubmitState>,
    /// Set at once when a send starts: two clicks in one task send once (the reducer's
    /// phase only changes at the next render).
    in_flight: Rc<std::cell::Cell<bool>>,
}

impl PartialEq for UseSubmit {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl UseSubmit {
    pub fn phase(&self) -> Phase {
        self.state.0.phase()
    }

    pub fn errors(&self) -> &FieldErrors {
        self.state.0.errors()
    }

    pub fn busy(&self) -> bool {
        self.state.0.busy()
    }

    pub fn done(&self) -> bool {
        self.state.0.done()
    }

    pub fn editable(&self) -> bool {
        self.state.0.editable()
    }

    /// The shopper changed `field` (`""`: the whole answer). A try that did not get through
    /// leaves the outbox: the changed answer will replace it.
    pub fn edited(&self, field: &str) {
        let mut probe = self.state.0.clone();
        if let Some(old) = probe.apply(Step::Edited { field: field.to_owned() }) {
            api::outbox_forget(&old);
        }
        self.state.dispatch(Step::Edited { field: field.to_owned() });
    }

    /// The form's own check refused the answer: nothing is sent.
    pub fn invalid(&self, errors: FieldErrors) {
        self.state.dispatch(Step::Invalid(errors));
    }

    /// Sends with `send(key)` unless a send is in flight or done. `send` makes the request and
    /// does what a stored answer calls for (an event, a callback), and says how it ended:
    /// `Box::pin(async move { let r = api::create(…, &key).await; …; Outcome::of(&r) })`.
    /// (One future type for every form: the machinery is compiled once.) Returns whether it
    /// sent.
    pub fn send(&self, send: impl FnOnce(String) -> Pin<Box<dyn Future<Output = Outcome>>>) -> bool {
        if !self.editable() || self.in_flight.replace(true) {
            return false;
        }
        let key = self.state.0.key_to_reuse().map(str::to_owned).unwrap_or_else(api::new_key);
        self.state.dispatch(Step::Start { key: key.clone() });
        self.run(send(key));
        true
    }

    fn run(&self, request: Pin<Box<dyn Future<Output = Outcome>>>) {
        let (state, in_flight) = (self.state.clone(), self.in_flight.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = request.await;
            in_flight.set(false);
            state.dispatch(Step::Ended(outcome));
        });
    }
}

#[hook]
pub fn use_submit() -> UseSubmit {
    let in_flight = (*use_state(|| Rc::new(std::cell::Cell::new(false)))).clone();
    UseSubmit { state: use_reducer(SubmitState::default), in_flight }
}
