//! The anonymous visitor: a random id kept in `localStorage` (one helpful vote per review,
//! the same unique offer code again, survey caps), and the reviews this browser voted for.

use super::storage;

const ID_KEY: &str = "visitor";
const VOTES_KEY: &str = "votes";
/// Votes remembered; the oldest are forgotten first.
const VOTES_CAP: usize = 200;

/// This browser's visitor id, made on first use: `v-` and 24 hex digits.
pub fn id() -> String {
    if let Some(v) = storage::get(ID_KEY).filter(|v| retainkit_contract::is_valid_id(v)) {
        return v;
    }
    let mut v = super::new_key();
    v.replace_range(0..3, "v-");
    v.truncate(26);
    storage::set(ID_KEY, &v);
    v
}

/// Parses the stored list of voted review ids (`"12,40,7"`).
pub fn parse_votes(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

pub fn voted(review_id: i64) -> bool {
    storage::get(VOTES_KEY).map(|s| parse_votes(&s).contains(&review_id)).unwrap_or(false)
}

pub fn remember_vote(review_id: i64) {
    let mut list = storage::get(VOTES_KEY).map(|s| parse_votes(&s)).unwrap_or_default();
    if !list.contains(&review_id) {
        list.push(review_id);
    }
    let skip = list.len().saturating_sub(VOTES_CAP);
    let text: Vec<String> = list[skip..].iter().map(|v| crate::dom::num::int(*v)).collect();
    storage::set(VOTES_KEY, &text.join(","));
}

#[cfg(test)]
mod tests {
    #[test]
    fn votes_parse_leniently() {
        assert_eq!(super::parse_votes("12, 40,x,7"), vec![12, 40, 7]);
        assert!(super::parse_votes("").is_empty());
    }
}
