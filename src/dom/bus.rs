//! Notes between parts of RetainKit that must not import each other: the API client says the
//! customer changed, the page says it moved to another route, the review form says points
//! may have been earned; whoever cares (the loyalty store, the popup runtime) listens. A part
//! that is not loaded simply does not hear.

use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// `RetainKit.identify` / `logout`, a `customer-token` attribute, or a refused token.
    IdentityChanged,
    /// A single-page shop moved to another URL (`pushState`, `popstate`, `hashchange`).
    RouteChanged,
    /// Something the shopper did may have changed their balance (a review with a token).
    PointsMayHaveChanged,
}

type Listener = Rc<dyn Fn(Note)>;

thread_local! {
    static LISTENERS: RefCell<Vec<Listener>> = const { RefCell::new(Vec::new()) };
}

/// Hears every note from now on (for the life of the page).
pub fn listen(f: impl Fn(Note) + 'static) {
    LISTENERS.with(|l| l.borrow_mut().push(Rc::new(f)));
}

/// Tells every listener. A listener may listen or tell in turn.
pub fn tell(note: Note) {
    let listeners: Vec<Listener> = LISTENERS.with(|l| l.borrow().clone());
    for f in listeners {
        f(note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn every_listener_hears_and_may_tell_again() {
        let heard = Rc::new(Cell::new(0));
        let h = heard.clone();
        listen(move |n| {
            if n == Note::IdentityChanged {
                h.set(h.get() + 1);
                tell(Note::PointsMayHaveChanged);
            }
        });
        let h = heard.clone();
        listen(move |n| {
            if n == Note::PointsMayHaveChanged {
                h.set(h.get() + 10);
            }
        });
        tell(Note::IdentityChanged);
        assert_eq!(heard.get(), 11);
    }
}
