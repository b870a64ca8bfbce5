//! Exit intent, decided from events the browser layer passes in with their time (ms).
//!
//! Desktop: the pointer leaves the document through the top edge, moving up fast, after a
//! minimum of active time on the page; a leave from a `<select>` dropdown or through the
//! sides or bottom does not count; if the pointer comes back within the delay, nothing shows.
//!
//! Mobile: the back button (the browser layer keeps one history entry as a sentinel and
//! never re-adds it, so the next back leaves), a fast scroll up towards the top, coming back
//! after the tab was hidden for a while, or inactivity.
//!
//! Each popup has its own [`Detector`]: its trigger may set how long the page must have been
//! used first and how readily a movement counts.

use retainkit_contract::survey::Sensitivity;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DesktopConfig {
    /// Active time on the page before exit intent counts (ms).
    pub min_dwell_ms: f64,
    /// How close to the top edge the pointer must leave (px).
    pub top_px: f64,
    /// Upward speed at the leave (px/ms).
    pub min_speed: f64,
    /// Time the pointer has to come back before the popup shows (ms).
    pub delay_ms: f64,
}

impl Default for DesktopConfig {
    fn default() -> Self {
        DesktopConfig { min_dwell_ms: 5_000.0, top_px: 20.0, min_speed: 0.3, delay_ms: 300.0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointerEvent {
    Move {
        y: f64,
        at: f64,
    },
    /// The pointer left the document (`relatedTarget` null); `from_select` when it left from
    /// an open `<select>` list.
    Leave {
        y: f64,
        at: f64,
        from_select: bool,
    },
    Enter {
        at: f64,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Desktop {
    last: Option<(f64, f64)>,
    speed_up: f64,
    pending_until: Option<f64>,
    fired: bool,
}

impl Desktop {
    /// Feeds one pointer event; `active_ms` is the time the page has been visible and used.
    pub fn pointer(&mut self, e: PointerEvent, active_ms: f64, c: &DesktopConfig) {
        match e {
            PointerEvent::Move { y, at } => {
                if let Some((py, pt)) = self.last {
                    let dt = (at - pt).max(1.0);
                    self.speed_up = (py - y) / dt;
                }
                self.last = Some((y, at));
            }
            PointerEvent::Leave { y, at, from_select } => {
                let upward = self.speed_up >= c.min_speed;
                if !self.fired && !from_select && y <= c.top_px && upward && active_ms >= c.min_dwell_ms {
                    self.pending_until = Some(at + c.delay_ms);
                }
            }
            PointerEvent::Enter { .. } => {
                self.pending_until = None;
                self.last = None;
                self.speed_up = 0.0;
            }
        }
    }

    /// `true` once, when the delay has passed with the pointer still outside.
    pub fn tick(&mut self, now: f64) -> bool {
        match self.pending_until {
            Some(t) if now >= t => {
                self.pending_until = None;
                self.fired = true;
                true
            }
            _ => false,
        }
    }

    pub fn pending(&self) -> bool {
        self.pending_until.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MobileConfig {
    pub min_dwell_ms: f64,
    /// Upward scroll speed that counts (px/ms), only while a finger moves the page or within
    /// this long after it left the screen (a flick's momentum; ms): a tap on the status bar
    /// or a page's own `scrollTo(0, 0)` has no finger and never counts …
    pub scroll_speed: f64,
    pub flick_ms: f64,
    /// … ending this close to the top (px) …
    pub near_top_px: f64,
    /// … after having been at least this far down (px).
    pub min_depth_px: f64,
    /// Hidden this long, then back: counts (ms).
    pub hidden_ms: f64,
    /// No touch or scroll this long: counts (ms); 0 turns it off.
    pub idle_ms: f64,
}

impl Default for MobileConfig {
    fn default() -> Self {
        MobileConfig {
            min_dwell_ms: 5_000.0,
            scroll_speed: 2.0,
            flick_ms: 1_500.0,
            near_top_px: 400.0,
            min_depth_px: 1_200.0,
            hidden_ms: 15_000.0,
            idle_ms: 30_000.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MobileEvent {
    /// The history sentinel was popped: the shopper pressed back.
    Back {
        at: f64,
    },
    Scroll {
        y: f64,
        at: f64,
    },
    Hidden {
        at: f64,
    },
    Visible {
        at: f64,
    },
    /// Input: a key, a pointer, or (`finger`) a touch starting, moving or ending.
    Touch {
        at: f64,
        finger: bool,
    },
    Tick {
        at: f64,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mobile {
    last_scroll: Option<(f64, f64)>,
    last_finger: Option<f64>,
    deepest: f64,
    hidden_at: Option<f64>,
    last_activity: f64,
    fired: bool,
}

impl Mobile {
    /// Feeds one event; `true` once, when it signals a leaving shopper.
    pub fn event(&mut self, e: MobileEvent, active_ms: f64, c: &MobileConfig) -> bool {
        if self.fired {
            return false;
        }
        let armed = active_ms >= c.min_dwell_ms;
        let fire = match e {
            // Back always counts: the sentinel is only there to catch it.
            MobileEvent::Back { .. } => true,
            MobileEvent::Scroll { y, at } => {
                self.last_activity = at;
                self.deepest = self.deepest.max(y);
                let fast_up = self.last_scroll.is_some_and(|(py, pt)| (py - y) / (at - pt).max(1.0) >= c.scroll_speed);
                self.last_scroll = Some((y, at));
                let flicked = self.last_finger.is_some_and(|f| at - f <= c.flick_ms);
                armed && fast_up && flicked && y <= c.near_top_px && self.deepest >= c.min_depth_px
            }
            MobileEvent::Hidden { at } => {
                self.hidden_at = Some(at);
                false
            }
            MobileEvent::Visible { at } => {
                self.last_activity = at;
                armed && self.hidden_at.take().is_some_and(|h| at - h >= c.hidden_ms)
            }
            MobileEvent::Touch { at, finger } => {
                self.last_activity = at;
                if finger {
                    self.last_finger = Some(at);
                }
                false
            }
            MobileEvent::Tick { at } => {
                // Idle time counts from the first thing seen, not from the epoch.
                if self.last_activity == 0.0 {
                    self.last_activity = at;
                }
                armed && c.idle_ms > 0.0 && self.hidden_at.is_none() && at - self.last_activity >= c.idle_ms
            }
        };
        if fire {
            self.fired = true;
        }
        fire
    }
}

/// One popup's exit intent: the detectors with the popup's own thresholds (its trigger's
/// `min_active_seconds` and `sensitivity`).
#[derive(Debug, Clone, PartialEq)]
pub struct Detector {
    pub desktop: Desktop,
    pub mobile: Mobile,
    pub desktop_config: DesktopConfig,
    pub mobile_config: MobileConfig,
}

impl Detector {
    pub fn new(min_active_seconds: Option<u32>, sensitivity: Option<Sensitivity>) -> Detector {
        let mut d = DesktopConfig::default();
        let mut m = MobileConfig::default();
        match sensitivity {
            Some(Sensitivity::Low) => {
                (d.top_px, d.min_speed, d.delay_ms) = (10.0, 0.6, 500.0);
                (m.scroll_speed, m.min_depth_px, m.hidden_ms, m.idle_ms) = (3.0, 2_000.0, 30_000.0, 0.0);
            }
            Some(Sensitivity::High) => {
                (d.top_px, d.min_speed, d.delay_ms) = (40.0, 0.1, 150.0);
                (m.scroll_speed, m.min_depth_px, m.hidden_ms, m.idle_ms) = (1.2, 800.0, 10_000.0, 20_000.0);
            }
            _ => {}
        }
        if let Some(s) = min_active_seconds {
            d.min_dwell_ms = s as f64 * 1_000.0;
            m.min_dwell_ms = d.min_dwell_ms;
        }
        Detector { desktop: Desktop::default(), mobile: Mobile::default(), desktop_config: d, mobile_config: m }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_popup_has_its_own_thresholds() {
        let mut medium = Detector::new(None, None);
        let mut high = Detector::new(Some(20), Some(Sensitivity::High));
        let mut low = Detector::new(Some(1), Some(Sensitivity::Low));
        assert_eq!(medium.desktop_config, DesktopConfig::default());
        assert_eq!(medium.mobile_config, MobileConfig::default());
        // A gentle leave (0.2 px/ms) after 10 s: only a highly sensitive popup would take
        // it, and that one asks for 20 s.
        for x in [&mut medium, &mut high, &mut low] {
            x.desktop.pointer(PointerEvent::Move { y: 40.0, at: 0.0 }, 10_000.0, &x.desktop_config);
            x.desktop.pointer(PointerEvent::Move { y: 20.0, at: 100.0 }, 10_000.0, &x.desktop_config);
            x.desktop.pointer(PointerEvent::Leave { y: 15.0, at: 110.0, from_select: false }, 10_000.0, &x.desktop_config);
        }
        assert!(!medium.desktop.pending() && !low.desktop.pending() && !high.desktop.pending());
        high.desktop.pointer(PointerEvent::Enter { at: 200.0 }, 20_000.0, &high.desktop_config);
        high.desktop.pointer(PointerEvent::Move { y: 40.0, at: 300.0 }, 20_000.0, &high.desktop_config);
        high.desktop.pointer(PointerEvent::Move { y: 20.0, at: 400.0 }, 20_000.0, &high.desktop_config);
        high.desktop.pointer(PointerEvent::Leave { y: 15.0, at: 410.0, from_select: false }, 20_000.0, &high.desktop_config);
        assert!(high.desktop.pending(), "after 20 s the gentle leave counts for it");
        assert!(high.desktop.tick(560.0), "after its shorter delay");
        // A fast leave after 2 s: only the popup asking for 1 s takes it.
        let mut fresh = Detector::new(None, None);
        leave_fast(&mut fresh.desktop, 1_000.0, 2_000.0, &fresh.desktop_config);
        leave_fast(&mut low.desktop, 1_000.0, 2_000.0, &low.desktop_config);
        assert!(!fresh.desktop.pending() && low.desktop.pending());
        // Low sensitivity never counts inactivity on a phone.
        assert!(!low.mobile.event(MobileEvent::Tick { at: 1.0 }, 9e3, &low.mobile_config));
        assert!(!low.mobile.event(MobileEvent::Tick { at: 600_000.0 }, 9e3, &low.mobile_config));
        // High sensitivity counts 20 s without a touch (medium: 30 s).
        assert!(!high.mobile.event(MobileEvent::Tick { at: 1.0 }, 30e3, &high.mobile_config));
        assert!(high.mobile.event(MobileEvent::Tick { at: 20_001.0 }, 30e3, &high.mobile_config));
    }

    fn leave_fast(d: &mut Desktop, at: f64, active: f64, c: &DesktopConfig) {
        d.pointer(PointerEvent::Move { y: 200.0, at }, active, c);
        d.pointer(PointerEvent::Move { y: 5.0, at: at + 100.0 }, active, c);
        d.pointer(PointerEvent::Leave { y: 2.0, at: at + 110.0, from_select: false }, active, c);
    }

    #[test]
    fn dwell_not_reached_no_show() {
        let c = DesktopConfig::default();
        let mut d = Desktop::default();
        leave_fast(&mut d, 1_000.0, 2_000.0, &c);
        assert!(!d.tick(5_000.0));
    }

    #[test]
    fn exit_after_dwell_shows_once() {
        let c = DesktopConfig::default();
        let mut d = Desktop::default();
        leave_fast(&mut d, 10_000.0, 8_000.0, &c);
        assert!(!d.tick(10_200.0), "not before the delay");
        assert!(d.tick(10_500.0));
        leave_fast(&mut d, 20_000.0, 18_000.0, &c);
        assert!(!d.tick(30_000.0), "once per page");
    }

    #[test]
    fn pointer_back_within_the_delay_cancels() {
        let c = DesktopConfig::default();
        let mut d = Desktop::default();
        leave_fast(&mut d, 10_000.0, 8_000.0, &c);
        d.pointer(PointerEvent::Enter { at: 10_250.0 }, 8_000.0, &c);
        assert!(!d.tick(11_000.0));
    }

    #[test]
    fn selects_slow_moves_and_side_exits_do_not_count() {
        let c = DesktopConfig::default();
        let mut d = Desktop::default();
        d.pointer(PointerEvent::Move { y: 200.0, at: 0.0 }, 9e3, &c);
        d.pointer(PointerEvent::Move { y: 5.0, at: 100.0 }, 9e3, &c);
        d.pointer(PointerEvent::Leave { y: 2.0, at: 110.0, from_select: true }, 9e3, &c);
        assert!(!d.pending());
        let mut slow = Desktop::default();
        slow.pointer(PointerEvent::Move { y: 30.0, at: 0.0 }, 9e3, &c);
        slow.pointer(PointerEvent::Move { y: 10.0, at: 1_000.0 }, 9e3, &c);
        slow.pointer(PointerEvent::Leave { y: 5.0, at: 1_010.0, from_select: false }, 9e3, &c);
        assert!(!slow.pending(), "drifting to the top is not leaving");
        let mut side = Desktop::default();
        side.pointer(PointerEvent::Move { y: 500.0, at: 0.0 }, 9e3, &c);
        side.pointer(PointerEvent::Move { y: 300.0, at: 100.0 }, 9e3, &c);
        side.pointer(PointerEvent::Leave { y: 300.0, at: 110.0, from_select: false }, 9e3, &c);
        assert!(!side.pending(), "not through the top edge");
    }

    #[test]
    fn mobile_signals() {
        let c = MobileConfig::default();
        let mut back = Mobile::default();
        assert!(back.event(MobileEvent::Back { at: 1.0 }, 0.0, &c));
        assert!(!back.event(MobileEvent::Back { at: 2.0 }, 0.0, &c), "a second back leaves the page");

        let mut scroll = Mobile::default();
        assert!(!scroll.event(MobileEvent::Scroll { y: 2_000.0, at: 0.0 }, 9e3, &c));
        let mut jump = scroll.clone();
        assert!(!jump.event(MobileEvent::Scroll { y: 0.0, at: 50.0 }, 9e3, &c), "scrollTo(0, 0), a status-bar tap: no finger");
        scroll.event(MobileEvent::Touch { at: 100.0, finger: true }, 9e3, &c);
        assert!(scroll.event(MobileEvent::Scroll { y: 100.0, at: 300.0 }, 9e3, &c), "a flick back to the top");
        let mut late = Mobile::default();
        late.event(MobileEvent::Scroll { y: 2_000.0, at: 0.0 }, 9e3, &c);
        late.event(MobileEvent::Touch { at: 1.0, finger: true }, 9e3, &c);
        assert!(!late.event(MobileEvent::Scroll { y: 0.0, at: 2_000.0 }, 9e3, &c), "long after the finger left");
        let mut shallow = Mobile::default();
        shallow.event(MobileEvent::Scroll { y: 600.0, at: 0.0 }, 9e3, &c);
        assert!(!shallow.event(MobileEvent::Scroll { y: 0.0, at: 100.0 }, 9e3, &c), "never went deep");

        let mut tab = Mobile::default();
        tab.event(MobileEvent::Hidden { at: 10_000.0 }, 9e3, &c);
        assert!(!tab.clone().event(MobileEvent::Visible { at: 12_000.0 }, 9e3, &c), "a quick look away");
        assert!(tab.event(MobileEvent::Visible { at: 40_000.0 }, 9e3, &c));

        // Times are epoch milliseconds: idle counts from the first tick, not from 1970.
        let mut fresh = Mobile::default();
        assert!(!fresh.event(MobileEvent::Tick { at: 1.7e12 }, 9e3, &c), "5 s on the page is not 30 s idle");
        assert!(fresh.event(MobileEvent::Tick { at: 1.7e12 + 30_000.0 }, 9e3, &c));

        let mut idle = Mobile::default();
        idle.event(MobileEvent::Touch { at: 10_000.0, finger: false }, 9e3, &c);
        assert!(!idle.event(MobileEvent::Tick { at: 30_000.0 }, 9e3, &c));
        assert!(idle.event(MobileEvent::Tick { at: 40_500.0 }, 9e3, &c));
        let mut early = Mobile::default();
        assert!(!early.event(MobileEvent::Tick { at: 60_000.0 }, 1_000.0, &c), "not before the dwell");
    }
}
