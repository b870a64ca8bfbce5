//! The reference server's review rules: what counts as a bot, who a reward goes to, how many
//! helpful votes and uploads one network may make. (The contract says what a valid request
//! looks like; these are one shop's choices, which another backend may make differently.)

use retainkit_contract::admin::ReviewSettings;
use retainkit_contract::reviews::{ReviewCreate, MIN_FILL_MS};

/// Whether a review with this rating is published at once (else it waits for a moderator).
pub fn publishes(settings: &ReviewSettings, rating: u8) -> bool {
    settings.auto_publish_min_rating.is_some_and(|min| rating >= min)
}

/// Which spam trap a review fell into, if any: the honeypot filled in, or sent faster than a
/// person can type (counted from the first interaction with the form). What a trap catches is
/// kept as spam for the shop to see, never dropped.
pub fn spam_trap(r: &ReviewCreate) -> Option<&'static str> {
    if r.website.as_deref().is_some_and(|w| !w.trim().is_empty()) {
        Some("honeypot")
    } else if r.fill_ms.is_none_or(|ms| ms < MIN_FILL_MS) {
        Some("too_fast")
    } else {
        None
    }
}

pub fn looks_like_a_bot(r: &ReviewCreate) -> bool {
    spam_trap(r).is_some()
}

/// Who a review's reward is for, so that it is given once per product: the customer (per
/// order when the review is verified), else the e-mail address, else the review itself (an
/// anonymous review's reward waits for a moderator anyway).
pub fn reward_claimant(customer: Option<&str>, order: Option<&str>, email: Option<&str>, review_id: i64) -> String {
    match (customer, order, email.map(str::trim).filter(|e| !e.is_empty())) {
        (Some(c), Some(o), _) => format!("customer:{c}:order:{o}"),
        (Some(c), None, _) => format!("customer:{c}"),
        (None, _, Some(e)) => format!("email:{}", e.to_lowercase()),
        (None, _, None) => format!("review:{review_id}"),
    }
}

/// Helpful votes one network may give one review (several shoppers can share an address).
pub const VOTES_PER_NETWORK: i64 = 3;

/// Photos one network may upload in an hour.
pub const UPLOADS_PER_NETWORK_HOUR: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ReviewCreate {
        ReviewCreate {
            rating: 4,
            body: "Lovely fabric, fits well.".into(),
            author_name: "Sari".into(),
            fill_ms: Some(9000),
            ..Default::default()
        }
    }

    #[test]
    fn bots() {
        assert!(!looks_like_a_bot(&good()));
        assert!(looks_like_a_bot(&ReviewCreate { website: Some("http://spam".into()), ..good() }));
        assert!(looks_like_a_bot(&ReviewCreate { fill_ms: Some(800), ..good() }));
        assert!(looks_like_a_bot(&ReviewCreate { fill_ms: None, ..good() }), "no timing is no proof of a person");
        assert!(!looks_like_a_bot(&ReviewCreate { fill_ms: Some(45_000), website: Some(" ".into()), ..good() }));
    }

    #[test]
    fn auto_publishing() {
        let s = ReviewSettings { auto_publish_min_rating: Some(4), reward_points: 50, reward_coupon_percent: None };
        assert!(publishes(&s, 4) && publishes(&s, 5) && !publishes(&s, 3));
        assert!(!publishes(&ReviewSettings { auto_publish_min_rating: None, ..s }, 5));
    }

    #[test]
    fn one_reward_per_product_and_claimant() {
        assert_eq!(reward_claimant(Some("c1"), Some("o9"), Some("a@b.co"), 5), "customer:c1:order:o9");
        assert_eq!(reward_claimant(Some("c1"), None, None, 5), "customer:c1");
        assert_eq!(reward_claimant(None, None, Some(" Sari@Mail.example "), 5), "email:sari@mail.example");
        assert_eq!(reward_claimant(None, None, Some(" "), 5), "review:5");
    }
}
