//! The outbox: every create request is written here before it is sent and removed once the
//! server has answered it for good, so a shopper's answer survives a failed network, a
//! closed tab or a reload. The rules are pure (tested natively); `storage.rs` keeps the list
//! in `localStorage` under an `rk:` key, or in memory where storage throws.

use retainkit_contract::decode::Decode;
use retainkit_contract::encode::Encode;

/// Most requests kept; the oldest goes first when a new one would exceed it.
pub const CAP: usize = 20;
/// Requests older than this (ms) are dropped instead of sent: a week.
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// One create request waiting for the server.
#[derive(Debug, Clone, PartialEq, Decode, Encode)]
pub struct Pending {
    /// The `Idempotency-Key`: the same on every try of this request.
    pub key: String,
    /// Path under the API base, e.g. `/v1/surveys/nps/responses`.
    pub path: String,
    /// The JSON body, exactly as first sent.
    pub body: String,
    /// When it was first queued (ms since the epoch).
    pub at: f64,
}

/// Adds `p`, replacing an entry with the same key, keeping at most [`CAP`] entries.
pub fn push(list: &mut Vec<Pending>, p: Pending) {
    list.retain(|q| q.key != p.key);
    list.push(p);
    if list.len() > CAP {
        let extra = list.len() - CAP;
        list.drain(..extra);
    }
}

pub fn remove(list: &mut Vec<Pending>, key: &str) -> bool {
    let before = list.len();
    list.retain(|q| q.key != key);
    list.len() != before
}

/// Drops entries too old to send and anything that is not a RetainKit API path.
pub fn prune(list: &mut Vec<Pending>, now_ms: f64) {
    list.retain(|q| now_ms - q.at <= MAX_AGE_MS && q.path.starts_with("/v1/") && !q.key.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(key: &str, at: f64) -> Pending {
        Pending { key: key.into(), path: "/v1/surveys/nps/responses".into(), body: "{\"score\":9}".into(), at }
    }

    #[test]
    fn push_replaces_same_key_and_caps() {
        let mut l = Vec::new();
        push(&mut l, p("a", 1.0));
        push(&mut l, p("a", 2.0));
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].at, 2.0);
        for i in 0..30 {
            push(&mut l, p(&format!("k{i}"), i as f64));
        }
        assert_eq!(l.len(), CAP);
        assert_eq!(l[0].key, "k10");
        assert_eq!(l[CAP - 1].key, "k29");
    }

    #[test]
    fn remove_and_prune() {
        let mut l = vec![p("a", 0.0), p("b", MAX_AGE_MS), Pending { path: "https://evil/".into(), ..p("c", MAX_AGE_MS) }];
        assert!(remove(&mut l, "a"));
        assert!(!remove(&mut l, "a"));
        prune(&mut l, MAX_AGE_MS + 1.0);
        assert_eq!(l.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(), vec!["b"]);
        prune(&mut l, 3.0 * MAX_AGE_MS);
        assert!(l.is_empty());
    }
}
