//! When to try a request again: pure rules, tested natively.
//!
//! Network errors, timeouts, 5xx, 429 and 409 (the same Idempotency-Key is still being
//! processed) are retried with exponential backoff and jitter; `Retry-After` is honoured;
//! every other 4xx is final.

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The fetch itself failed (offline, DNS, CORS, connection reset).
    Network,
    Timeout,
    /// The server answered; `retry_after` in seconds when it sent the header.
    Status {
        code: u16,
        retry_after: Option<u32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// 2xx: done.
    Success,
    /// Wait this many milliseconds and try again.
    RetryIn(u32),
    /// Not worth trying again now; the submission stays queued for later.
    GiveUpForNow,
    /// A 4xx other than 408/409/429: the server will never accept this request.
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_ms: u32,
    pub cap_ms: u32,
    /// A `Retry-After` longer than this is not waited for in the page (a queued create is
    /// tried again later).
    pub max_retry_after_s: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { max_attempts: 4, base_ms: 400, cap_ms: 8_000, max_retry_after_s: 5 }
    }
}

pub fn is_retryable(o: Outcome) -> bool {
    match o {
        Outcome::Network | Outcome::Timeout => true,
        Outcome::Status { code, .. } => matches!(code, 408 | 409 | 429) || code >= 500,
    }
}

impl Policy {
    /// `attempt` counts from 1 (the attempt that just ended); `random` is in `[0, 1)`.
    pub fn decide(&self, attempt: u32, outcome: Outcome, random: f64) -> Decision {
        if let Outcome::Status { code, .. } = outcome {
            if (200..300).contains(&code) {
                return Decision::Success;
            }
        }
        if !is_retryable(outcome) {
            return Decision::Final;
        }
        // A timeout already waited the whole 10 s: not again, so every send ends within about
        // 12 s (three quick retries, then one timeout at most).
        if attempt >= self.max_attempts || outcome == Outcome::Timeout {
            return Decision::GiveUpForNow;
        }
        // Exponential backoff with "equal jitter": half fixed, half random.
        let exp = self.base_ms.saturating_mul(1u32 << (attempt - 1).min(16)).min(self.cap_ms);
        let random = random.clamp(0.0, 1.0);
        let backoff = exp / 2 + ((exp / 2) as f64 * random) as u32;
        match outcome {
            Outcome::Status { retry_after: Some(s), .. } if s > self.max_retry_after_s => Decision::GiveUpForNow,
            Outcome::Status { retry_after: Some(s), .. } => Decision::RetryIn(backoff.max(s * 1000)),
            _ => Decision::RetryIn(backoff),
        }
    }
}

/// `Retry-After` as seconds; an HTTP date or garbage is ignored.
pub fn parse_retry_after(v: &str) -> Option<u32> {
    v.trim().parse::<u32>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(code: u16) -> Outcome {
        Outcome::Status { code, retry_after: None }
    }

    #[test]
    fn what_is_retried() {
        let p = Policy::default();
        assert_eq!(p.decide(1, st(201), 0.5), Decision::Success);
        assert_eq!(p.decide(1, Outcome::Timeout, 0.5), Decision::GiveUpForNow, "a 10 s silence is not waited for twice");
        for o in [Outcome::Network, st(500), st(502), st(503), st(429), st(408), st(409)] {
            assert!(matches!(p.decide(1, o, 0.5), Decision::RetryIn(_)), "{o:?}");
        }
        for code in [400, 401, 403, 404, 413, 415, 422] {
            assert_eq!(p.decide(1, st(code), 0.5), Decision::Final, "{code}");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_stops() {
        let p = Policy::default();
        // attempt 1: 400 ms → 200..400; attempt 2: 800 → 400..800; attempt 3: 1600 → 800..1600
        assert_eq!(p.decide(1, Outcome::Network, 0.0), Decision::RetryIn(200));
        assert_eq!(p.decide(1, Outcome::Network, 0.999), Decision::RetryIn(399));
        assert_eq!(p.decide(2, Outcome::Network, 0.0), Decision::RetryIn(400));
        assert_eq!(p.decide(3, Outcome::Network, 1.0), Decision::RetryIn(1600));
        assert_eq!(p.decide(4, Outcome::Network, 0.5), Decision::GiveUpForNow);
        let capped = Policy { max_attempts: 40, ..p };
        assert_eq!(capped.decide(30, Outcome::Network, 1.0), Decision::RetryIn(8000));
    }

    #[test]
    fn retry_after_is_honoured() {
        let p = Policy::default();
        let o = |s| Outcome::Status { code: 429, retry_after: Some(s) };
        assert_eq!(p.decide(1, o(3), 0.0), Decision::RetryIn(3000));
        assert_eq!(p.decide(1, o(0), 0.0), Decision::RetryIn(200));
        assert_eq!(p.decide(1, o(3600), 0.0), Decision::GiveUpForNow);
        assert_eq!(p.decide(1, o(6), 0.0), Decision::GiveUpForNow, "more than 5 s is not waited for in the page");
        assert_eq!(parse_retry_after(" 5 "), Some(5));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }
}
