//! `use_definition`: a survey's definition from the server, for `<rk-survey>` (which shows
//! nothing else) and `<rk-nps>` (which has texts of its own and waits for the server's only
//! so long). One hook for both: its code is in the bundle once.

use super::Loaded;
use retainkit_contract::survey::{SurveyDefinition, SurveyKind};
use std::rc::Rc;
use yew::prelude::*;

/// What a widget has of its survey.
#[derive(Clone)]
pub enum Def {
    /// On its way.
    Loading,
    /// No such survey (or no id).
    None,
    /// Not loaded (unreachable, a server error, an answer that is not a survey, or it took
    /// longer than the widget waits).
    Failed,
    Ready(Rc<SurveyDefinition>),
}

/// A definition is never changed once loaded: two are the same when they are the same `Rc`
/// (the bundle has no code comparing definitions field by field).
impl PartialEq for Def {
    fn eq(&self, other: &Def) -> bool {
        match (self, other) {
            (Def::Ready(a), Def::Ready(b)) => Rc::ptr_eq(a, b),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// The definition of survey `id`, asked for again when `id` changes or `retry` is called.
/// `patience_ms` > 0: after that long without an answer it is `Failed`, and a later answer
/// changes nothing (what the shopper sees does not change under their eyes). `count`: the
/// display of a survey of that kind is recorded when its definition arrives.
#[hook]
pub fn use_definition(id: AttrValue, patience_ms: u32, count: Option<SurveyKind>) -> (Def, Callback<()>) {
    let def = use_state(|| Def::Loading);
    // The id whose answer is awaited: an answer for an earlier id (the attribute changed while
    // it was on its way), or one after the widget stopped waiting, is dropped.
    let awaited = use_mut_ref(AttrValue::default);
    let load = {
        let (def, id) = (def.clone(), id.clone());
        Callback::from(move |()| {
            *awaited.borrow_mut() = id.clone();
            if id.is_empty() {
                def.set(Def::None);
                return;
            }
            def.set(Def::Loading);
            let settle = {
                let (def, awaited, id) = (def.clone(), awaited.clone(), id.clone());
                move |to: Def| {
                    if *awaited.borrow() == id {
                        *awaited.borrow_mut() = AttrValue::default();
                        def.set(to);
                    }
                }
            };
            if patience_ms > 0 {
                let settle = settle.clone();
                gloo_timers::callback::Timeout::new(patience_ms, move || settle(Def::Failed)).forget();
            }
            let asked = id.to_string();
            super::load_definition(
                asked.clone(),
                Box::new(move |answer: Loaded| {
                    settle(match answer {
                        Ok(Some(d)) => {
                            if count == Some(d.kind) {
                                super::record_display(&asked);
                            }
                            Def::Ready(d)
                        }
                        Ok(None) => Def::None,
                        Err(()) => Def::Failed,
                    })
                }),
            );
        })
    };
    {
        let load = load.clone();
        use_effect_with(id, move |_| load.emit(()));
    }
    ((*def).clone(), load)
}
