//! Loyalty: the program, the signed-in customer, redeeming rewards.
//!
//! - `GET  /v1/loyalty/program?locale=` → [`Program`]
//! - `GET  /v1/loyalty/me` (customer token) → [`Customer`]
//! - `POST /v1/loyalty/redemptions` (customer token) [`RedeemRequest`] → 201 [`Redeemed`]
//! - admin: `POST /v1/admin/loyalty/awards` [`AwardPoints`] → 201 [`LedgerEntry`]
//! - demo only: `POST /v1/demo/token` → [`DemoToken`]

use crate::decode::Decode;
use crate::encode::Encode;
use crate::survey::Texts;
use crate::{is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tier {
    pub id: String,
    pub name: Texts,
    /// Points earned in all (not the balance) needed to reach the tier.
    pub threshold: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EarnKind {
    Purchase,
    Review,
    Signup,
    Birthday,
    SocialFollow,
    Share,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarnRule {
    pub kind: EarnKind,
    pub label: Texts,
    /// Points per action; for purchases, points per 100 units of the order amount.
    pub points: i64,
    /// The shop's page to follow or share, for social rules.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Discount {
    Percent {
        percent: u8,
    },
    /// An amount off in minor units of `currency`.
    Fixed {
        amount: i64,
        currency: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RewardOffer {
    pub id: String,
    pub name: Texts,
    pub cost: i64,
    pub discount: Discount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Program {
    pub name: Texts,
    pub tiers: Vec<Tier>,
    pub ways_to_earn: Vec<EarnRule>,
    pub rewards: Vec<RewardOffer>,
    /// Where guests join and sign in (the shop's own pages).
    #[serde(default)]
    pub join_url: Option<String>,
    #[serde(default)]
    pub sign_in_url: Option<String>,
    /// The shop page a referral link points to; `?rk_ref=<code>` is added.
    #[serde(default)]
    pub referral_base_url: Option<String>,
}

impl Program {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        // Ids name a tier or reward in audiences and redemptions: one of each.
        let doubled = |ids: Vec<&str>| ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id));
        if self.tiers.iter().any(|t| !is_valid_id(&t.id) || t.threshold < 0) || doubled(self.tiers.iter().map(|t| t.id.as_str()).collect())
        {
            f.insert("tiers".into(), FieldError::Invalid);
        }
        if self.ways_to_earn.iter().any(|r| r.points <= 0) {
            f.insert("ways_to_earn".into(), FieldError::OutOfRange);
        }
        if self.ways_to_earn.iter().any(|r| r.url.as_deref().is_some_and(|u| !crate::is_safe_link(u))) {
            f.insert("ways_to_earn".into(), FieldError::Invalid);
        }
        for (name, url) in [("join_url", &self.join_url), ("sign_in_url", &self.sign_in_url)] {
            if url.as_deref().is_some_and(|u| !crate::is_safe_link(u)) {
                f.insert(name.into(), FieldError::Invalid);
            }
        }
        // Shared beyond the shop's pages: an absolute URL.
        if self.referral_base_url.as_deref().is_some_and(|u| !crate::is_safe_link(u) || u.starts_with('/')) {
            f.insert("referral_base_url".into(), FieldError::Invalid);
        }
        if doubled(self.rewards.iter().map(|r| r.id.as_str()).collect()) {
            f.insert("rewards".into(), FieldError::Invalid);
        }
        if self.rewards.iter().any(|r| {
            !is_valid_id(&r.id) || r.cost <= 0 || matches!(r.discount, Discount::Percent { percent } if !(1..=100).contains(&percent))
        }) {
            f.insert("rewards".into(), FieldError::Invalid);
        }
        crate::done(f)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    pub id: i64,
    /// Points added (positive) or spent (negative).
    pub delta: i64,
    pub reason: String,
    /// The coupon a redemption gave.
    #[serde(default)]
    pub coupon: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierProgress {
    pub current: Option<String>,
    pub next: Option<String>,
    /// Points still needed for the next tier.
    pub points_to_next: Option<i64>,
    /// 0–100 towards the next tier (100 at the top tier).
    pub percent: u8,
}

/// Where a customer who earned `lifetime` points stands among `tiers`.
pub fn tier_progress(tiers: &[Tier], lifetime: i64) -> TierProgress {
    let mut sorted: Vec<&Tier> = tiers.iter().collect();
    sorted.sort_by_key(|t| t.threshold);
    let current = sorted.iter().rev().find(|t| lifetime >= t.threshold);
    let next = sorted.iter().find(|t| lifetime < t.threshold);
    let floor = current.map(|t| t.threshold).unwrap_or(0);
    let percent = match next {
        None => 100,
        Some(n) if n.threshold > floor => (((lifetime - floor) * 100) / (n.threshold - floor)).clamp(0, 99) as u8,
        Some(_) => 0,
    };
    TierProgress {
        current: current.map(|t| t.id.clone()),
        next: next.map(|t| t.id.clone()),
        points_to_next: next.map(|n| n.threshold - lifetime),
        percent,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    pub id: String,
    pub balance: i64,
    /// Points earned in all, for tiers.
    pub lifetime_points: i64,
    pub tier: TierProgress,
    pub history: Vec<LedgerEntry>,
    pub referral_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RedeemRequest {
    pub reward_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Redeemed {
    pub reward_id: String,
    pub coupon_code: String,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemoToken {
    pub token: String,
    pub customer_id: String,
    pub expires_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::admin::*;

    fn tiers() -> Vec<Tier> {
        let t = |id: &str, threshold| Tier { id: id.into(), name: Texts::new(), threshold };
        vec![t("gold", 1000), t("bronze", 0), t("silver", 300)]
    }

    #[test]
    fn progress_through_tiers() {
        let p = tier_progress(&tiers(), 120);
        assert_eq!((p.current.as_deref(), p.next.as_deref(), p.points_to_next, p.percent), (Some("bronze"), Some("silver"), Some(180), 40));
        let p = tier_progress(&tiers(), 880);
        assert_eq!((p.current.as_deref(), p.points_to_next, p.percent), (Some("silver"), Some(120), 82));
        let p = tier_progress(&tiers(), 5000);
        assert_eq!((p.current.as_deref(), p.next, p.points_to_next, p.percent), (Some("gold"), None, None, 100));
        assert_eq!(tier_progress(&[], 10).percent, 100);
    }

    #[test]
    fn program_rules() {
        let mut p = Program {
            name: Texts::new(),
            tiers: tiers(),
            ways_to_earn: vec![],
            rewards: vec![],
            join_url: None,
            sign_in_url: None,
            referral_base_url: None,
        };
        assert_eq!(p.validate(), Ok(()));
        p.ways_to_earn.push(EarnRule { kind: EarnKind::Purchase, label: Texts::new(), points: 2, url: None });
        p.rewards.push(RewardOffer { id: "r1".into(), name: Texts::new(), cost: 0, discount: Discount::Percent { percent: 10 } });
        assert_eq!(p.validate().unwrap_err().get("rewards"), Some(&FieldError::Invalid));
        p.rewards[0].cost = 100;
        assert_eq!(p.validate(), Ok(()));
        // One tier or reward per id: an audience or a redemption names exactly one.
        p.rewards.push(p.rewards[0].clone());
        assert_eq!(p.validate().unwrap_err().get("rewards"), Some(&FieldError::Invalid));
        p.rewards.pop();
        p.tiers.push(p.tiers[1].clone());
        assert_eq!(p.validate().unwrap_err().get("tiers"), Some(&FieldError::Invalid));
    }

    #[test]
    fn award_rules() {
        let ok = AwardPoints {
            customer_id: "c-1".into(),
            points: None,
            reason: AwardReason::Purchase { order_id: "o-9".into(), amount: 25000, currency: None, ordered_at: None },
        };
        assert_eq!(ok.validate(), Ok(()));
        let e = AwardPoints { customer_id: "c 1".into(), points: Some(0), reason: AwardReason::Manual { note: " ".into() } }
            .validate()
            .unwrap_err();
        assert_eq!(e.get("customer_id"), Some(&FieldError::Invalid));
        assert_eq!(e.get("points"), Some(&FieldError::OutOfRange));
        assert_eq!(e.get("reason.note"), Some(&FieldError::Required));
        let d: Discount = serde_json::from_str(r#"{"type":"percent","percent":10}"#).unwrap();
        assert_eq!(d, Discount::Percent { percent: 10 });
    }
}
