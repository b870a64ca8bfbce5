//! How often a popup may show: per widget (once, N times, until done, always), a cooldown
//! after closing, a global cooldown across every RetainKit popup, at most a number of
//! popups per session, sticky sampling, and one popup on screen at a time. Pure: the
//! browser layer keeps [`History`] in `localStorage` (`rk:` keys) and passes the time in.

use retainkit_contract::survey::{Display, Recontact};

pub const DAY_MS: f64 = 86_400_000.0;

/// What happened with one widget for this visitor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WidgetHistory {
    pub shown: u32,
    /// When the visitor last closed it without answering or converting (ms).
    pub closed_at: Option<f64>,
    /// Answered (surveys) or converted (offers): done for good.
    pub done: bool,
}

/// Across every RetainKit popup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GlobalHistory {
    pub last_popup_at: Option<f64>,
    /// Popups shown in this browser session.
    pub session_popups: u32,
    /// A popup is on screen now.
    pub open: bool,
}

/// The shop-wide rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlobalRules {
    /// Days between any two RetainKit popups.
    pub cooldown_days: f64,
    pub max_per_session: u32,
}

impl Default for GlobalRules {
    fn default() -> Self {
        GlobalRules { cooldown_days: 0.0, max_per_session: 1 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Show,
    /// Not in the visitor's sample.
    NotSampled,
    AlreadyDone,
    /// The per-widget limit is reached.
    Capped,
    /// Closed recently.
    CoolingDown,
    /// Another popup showed recently, or the session had its share.
    GlobalCap,
    /// Another popup is on screen.
    Busy,
}

impl WidgetHistory {
    /// The stored form: `shown,closed_at,done` (`"2,1763900000000,0"`).
    pub fn encode(&self) -> String {
        let mut s = crate::dom::num::int(self.shown as i64);
        s.push(',');
        if let Some(c) = self.closed_at {
            s.push_str(&crate::dom::num::int(c as i64));
        }
        s.push_str(if self.done { ",1" } else { ",0" });
        s
    }

    /// Reads the stored form; anything unreadable is a fresh history.
    pub fn decode(s: &str) -> WidgetHistory {
        let mut parts = s.split(',');
        let shown = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let closed_at = parts.next().and_then(|p| p.parse::<i64>().ok()).map(|c| c as f64);
        let done = parts.next() == Some("1");
        WidgetHistory { shown, closed_at, done }
    }
}

/// FNV-1a, 32 bits: a stable hash of the visitor and the widget.
pub fn fnv1a(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0193);
        }
        for b in p.bytes() {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// Whether a visitor is in a widget's sample; the same answer every time for the same pair.
pub fn in_sample(visitor_id: &str, widget_id: &str, percent: u8) -> bool {
    percent >= 100 || (fnv1a(&[visitor_id, widget_id]) % 100) < percent as u32
}

pub fn decide(
    display: &Display,
    widget_id: &str,
    visitor_id: &str,
    mine: &WidgetHistory,
    global: &GlobalHistory,
    rules: GlobalRules,
    now: f64,
) -> Verdict {
    if global.open {
        return Verdict::Busy;
    }
    if !in_sample(visitor_id, widget_id, display.sample_percent) {
        return Verdict::NotSampled;
    }
    match display.recontact {
        Recontact::UntilDone | Recontact::Once | Recontact::Times { .. } if mine.done => return Verdict::AlreadyDone,
        Recontact::Once if mine.shown >= 1 => return Verdict::Capped,
        Recontact::Times { n } if mine.shown >= n => return Verdict::Capped,
        _ => {}
    }
    if let Some(closed) = mine.closed_at {
        if now - closed < display.cooldown_days as f64 * DAY_MS {
            return Verdict::CoolingDown;
        }
    }
    if global.session_popups >= rules.max_per_session {
        return Verdict::GlobalCap;
    }
    if let Some(last) = global.last_popup_at {
        if now - last < rules.cooldown_days * DAY_MS {
            return Verdict::GlobalCap;
        }
    }
    Verdict::Show
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::survey::{Audience, Placement, Trigger};

    fn display(recontact: Recontact, cooldown_days: u32, sample_percent: u8) -> Display {
        Display {
            triggers: vec![Trigger::EXIT_INTENT],
            audience: Audience::default(),
            recontact,
            cooldown_days,
            sample_percent,
            placement: Placement::Center,
        }
    }

    const FREE: GlobalHistory = GlobalHistory { last_popup_at: None, session_popups: 0, open: false };
    const RULES: GlobalRules = GlobalRules { cooldown_days: 0.0, max_per_session: 10 };

    #[test]
    fn history_round_trips_and_tolerates_junk() {
        let h = WidgetHistory { shown: 2, closed_at: Some(1_763_900_000_000.0), done: false };
        assert_eq!(h.encode(), "2,1763900000000,0");
        assert_eq!(WidgetHistory::decode(&h.encode()), h);
        let done = WidgetHistory { shown: 1, closed_at: None, done: true };
        assert_eq!(WidgetHistory::decode(&done.encode()), done);
        assert_eq!(WidgetHistory::decode("garbage"), WidgetHistory::default());
    }

    #[test]
    fn once_then_closed_waits_for_the_cooldown() {
        // "Times 2" with a 7-day cooldown: closed once → not within 7 days, again after.
        let d = display(Recontact::Times { n: 2 }, 7, 100);
        let closed = WidgetHistory { shown: 1, closed_at: Some(0.0), done: false };
        assert_eq!(decide(&d, "w", "v", &closed, &FREE, RULES, 6.9 * DAY_MS), Verdict::CoolingDown);
        assert_eq!(decide(&d, "w", "v", &closed, &FREE, RULES, 7.1 * DAY_MS), Verdict::Show);
        let twice = WidgetHistory { shown: 2, ..closed.clone() };
        assert_eq!(decide(&d, "w", "v", &twice, &FREE, RULES, 30.0 * DAY_MS), Verdict::Capped);
        let once = display(Recontact::Once, 7, 100);
        assert_eq!(decide(&once, "w", "v", &closed, &FREE, RULES, 30.0 * DAY_MS), Verdict::Capped);
    }

    #[test]
    fn done_is_done_and_always_means_always() {
        let done = WidgetHistory { shown: 1, closed_at: None, done: true };
        for r in [Recontact::Once, Recontact::Times { n: 5 }, Recontact::UntilDone] {
            assert_eq!(decide(&display(r, 0, 100), "w", "v", &done, &FREE, RULES, 1e12), Verdict::AlreadyDone);
        }
        let many = WidgetHistory { shown: 50, closed_at: None, done: true };
        assert_eq!(decide(&display(Recontact::Always, 0, 100), "w", "v", &many, &FREE, RULES, 0.0), Verdict::Show);
    }

    #[test]
    fn global_rules_and_one_at_a_time() {
        let d = display(Recontact::Always, 0, 100);
        let fresh = WidgetHistory::default();
        let open = GlobalHistory { open: true, ..FREE };
        assert_eq!(decide(&d, "w", "v", &fresh, &open, RULES, 0.0), Verdict::Busy);
        let session = GlobalHistory { session_popups: 1, ..FREE };
        assert_eq!(decide(&d, "w", "v", &fresh, &session, GlobalRules::default(), 0.0), Verdict::GlobalCap);
        let recent = GlobalHistory { last_popup_at: Some(0.0), ..FREE };
        let rules = GlobalRules { cooldown_days: 3.0, max_per_session: 10 };
        assert_eq!(decide(&d, "w", "v", &fresh, &recent, rules, 2.0 * DAY_MS), Verdict::GlobalCap);
        assert_eq!(decide(&d, "w", "v", &fresh, &recent, rules, 3.5 * DAY_MS), Verdict::Show);
    }

    #[test]
    fn sampling_is_sticky_and_close_to_the_share() {
        let d = display(Recontact::Always, 0, 20);
        let first = decide(&d, "nps-q4", "v-123", &WidgetHistory::default(), &FREE, RULES, 0.0);
        for _ in 0..5 {
            assert_eq!(decide(&d, "nps-q4", "v-123", &WidgetHistory::default(), &FREE, RULES, 0.0), first);
        }
        let inside = (0..10_000).filter(|i| in_sample(&format!("v-{i:08x}"), "nps-q4", 20)).count();
        assert!((1_800..=2_200).contains(&inside), "{inside} of 10000");
        assert!(in_sample("anyone", "w", 100));
        assert!(!(0..1000).any(|i| in_sample(&i.to_string(), "w", 0)));
    }
}
