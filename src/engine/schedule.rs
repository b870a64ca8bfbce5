//! When a popup's triggers fire on a page: page view with a delay, scroll depth, time on
//! page, custom events (`RetainKit.track`) and exit intent, OR'd; a show that waits for its
//! delay is cancelled when a single-page shop moves to a URL the popup does not match.

use retainkit_contract::survey::{Display, Trigger};

#[derive(Debug, Clone, PartialEq)]
pub enum Signal<'a> {
    /// A page (or SPA route) was shown at this time.
    PageView {
        path: &'a str,
        at: f64,
    },
    /// Scroll depth in percent.
    Scroll {
        percent: u8,
        at: f64,
    },
    /// Active time on the current page (ms).
    Active {
        ms: f64,
        at: f64,
    },
    Event {
        name: &'a str,
        at: f64,
    },
    ExitIntent {
        at: f64,
    },
    Tick {
        at: f64,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    path: String,
    /// A show waiting for its time.
    due: Option<f64>,
    fired: bool,
}

impl Schedule {
    /// Feeds one signal; `true` when the popup should show now (once per page view).
    pub fn signal(&mut self, display: &Display, locale: Option<&str>, s: Signal<'_>) -> bool {
        if let Signal::PageView { path, at } = s {
            self.path = path.to_owned();
            self.fired = false;
            self.due = None;
            if !display.shows_on(path, locale) {
                return false;
            }
            if let Some(delay) = display.triggers.iter().find_map(|t| match t {
                Trigger::PageView { delay_seconds } => Some(*delay_seconds),
                _ => None,
            }) {
                self.due = Some(at + delay as f64 * 1000.0);
            }
            return self.check(at);
        }
        if self.fired || !display.shows_on(&self.path, locale) {
            return false;
        }
        let now = match s {
            Signal::Scroll { percent, at } => {
                if display.triggers.iter().any(|t| matches!(t, Trigger::Scroll { percent: p } if percent >= *p)) {
                    self.due.get_or_insert(at);
                }
                at
            }
            Signal::Active { ms, at } => {
                if display.triggers.iter().any(|t| matches!(t, Trigger::TimeOnPage { seconds } if ms >= *seconds as f64 * 1000.0)) {
                    self.due.get_or_insert(at);
                }
                at
            }
            Signal::Event { name, at } => {
                if display.triggers.iter().any(|t| matches!(t, Trigger::Event { name: n } if n == name)) {
                    self.due.get_or_insert(at);
                }
                at
            }
            Signal::ExitIntent { at } => {
                if display.triggers.iter().any(|t| matches!(t, Trigger::ExitIntent { .. })) {
                    self.due.get_or_insert(at);
                }
                at
            }
            Signal::Tick { at } => at,
            Signal::PageView { .. } => unreachable!("handled above"),
        };
        self.check(now)
    }

    fn check(&mut self, now: f64) -> bool {
        match self.due {
            Some(t) if now >= t => {
                self.due = None;
                self.fired = true;
                true
            }
            _ => false,
        }
    }

    pub fn pending(&self) -> bool {
        self.due.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::survey::{Audience, Placement, Recontact, UrlRule};

    fn display(triggers: Vec<Trigger>, prefix: &str) -> Display {
        Display {
            triggers,
            audience: Audience { urls: vec![UrlRule::Prefix(prefix.into())], ..Default::default() },
            recontact: Recontact::Always,
            cooldown_days: 0,
            sample_percent: 100,
            placement: Placement::BottomRight,
        }
    }

    #[test]
    fn a_delayed_page_view_and_a_route_change_that_cancels_it() {
        let d = display(vec![Trigger::PageView { delay_seconds: 5 }], "/products/");
        let mut s = Schedule::default();
        assert!(!s.signal(&d, None, Signal::PageView { path: "/products/batik", at: 0.0 }));
        assert!(!s.signal(&d, None, Signal::Tick { at: 4_000.0 }));
        assert!(s.signal(&d, None, Signal::Tick { at: 5_000.0 }));
        assert!(!s.signal(&d, None, Signal::Tick { at: 9_000.0 }), "once per page view");
        // A pending show is dropped when the shop routes to a page it does not match.
        let mut spa = Schedule::default();
        spa.signal(&d, None, Signal::PageView { path: "/products/batik", at: 0.0 });
        assert!(spa.pending());
        assert!(!spa.signal(&d, None, Signal::PageView { path: "/cart", at: 2_000.0 }));
        assert!(!spa.pending());
        assert!(!spa.signal(&d, None, Signal::Tick { at: 6_000.0 }));
    }

    #[test]
    fn scroll_time_events_and_exit_are_ored() {
        let d = display(vec![Trigger::Scroll { percent: 50 }, Trigger::Event { name: "added_to_cart".into() }, Trigger::EXIT_INTENT], "/");
        let mut s = Schedule::default();
        s.signal(&d, None, Signal::PageView { path: "/p", at: 0.0 });
        assert!(!s.signal(&d, None, Signal::Scroll { percent: 30, at: 1.0 }));
        assert!(s.signal(&d, None, Signal::Scroll { percent: 60, at: 2.0 }));
        let mut e = Schedule::default();
        e.signal(&d, None, Signal::PageView { path: "/p", at: 0.0 });
        assert!(!e.signal(&d, None, Signal::Event { name: "viewed", at: 1.0 }));
        assert!(e.signal(&d, None, Signal::Event { name: "added_to_cart", at: 2.0 }));
        let t = display(vec![Trigger::TimeOnPage { seconds: 20 }], "/");
        let mut a = Schedule::default();
        a.signal(&t, None, Signal::PageView { path: "/", at: 0.0 });
        assert!(!a.signal(&t, None, Signal::Active { ms: 19_000.0, at: 30_000.0 }));
        assert!(a.signal(&t, None, Signal::Active { ms: 20_000.0, at: 31_000.0 }));
        let mut x = Schedule::default();
        x.signal(&d, None, Signal::PageView { path: "/p", at: 0.0 });
        assert!(x.signal(&d, None, Signal::ExitIntent { at: 9.0 }));
    }

    #[test]
    fn nothing_outside_the_audience() {
        let d = display(vec![Trigger::EXIT_INTENT], "/products/");
        let mut s = Schedule::default();
        s.signal(&d, None, Signal::PageView { path: "/about", at: 0.0 });
        assert!(!s.signal(&d, None, Signal::ExitIntent { at: 1.0 }));
    }
}
