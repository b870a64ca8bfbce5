//! Micro-surveys: the NPS answer and its statistics.
//!
//! `POST /v1/surveys/{survey_id}/responses` takes an [`NpsAnswer`] and answers `201` with
//! [`NpsCreated`]. `GET /v1/surveys/{survey_id}/nps` answers [`NpsStats`].

use crate::{check_text, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Highest point of the NPS scale (0..=10).
pub const NPS_MAX: u8 = 10;
/// Longest follow-up comment, in characters.
pub const COMMENT_MAX: usize = 1000;
/// Longest locale tag accepted (`en`, `pl-PL`, `id`…).
pub const LOCALE_MAX: usize = 16;
/// Longest page URL stored with an answer.
pub const PAGE_MAX: usize = 2048;

/// A shopper's answer to an NPS question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsAnswer {
    /// 0 (not at all likely) to 10 (extremely likely).
    pub score: u8,
    /// The optional follow-up text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The language the question was shown in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Where the question was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl NpsAnswer {
    /// The same rules run in the widget before sending and in the server before storing.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut fields = FieldErrors::new();
        if self.score > NPS_MAX {
            fields.insert("score".to_owned(), FieldError::OutOfRange);
        }
        check_text(&mut fields, "comment", self.comment.as_deref(), COMMENT_MAX);
        check_text(&mut fields, "locale", self.locale.as_deref(), LOCALE_MAX);
        check_text(&mut fields, "page", self.page.as_deref(), PAGE_MAX);
        if fields.is_empty() {
            Ok(())
        } else {
            Err(fields)
        }
    }

    /// The comment as stored: trimmed, and `None` when only white space was typed.
    pub fn clean_comment(&self) -> Option<&str> {
        self.comment.as_deref().map(str::trim).filter(|c| !c.is_empty())
    }
}

/// The answer as the server stored it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsCreated {
    pub id: i64,
    pub survey_id: String,
    pub score: u8,
    pub category: NpsCategory,
    /// Unix time in seconds.
    pub created_at: i64,
}

/// The three NPS groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsCategory {
    /// 0–6
    Detractor,
    /// 7–8
    Passive,
    /// 9–10
    Promoter,
}

impl NpsCategory {
    pub fn of(score: u8) -> NpsCategory {
        match score {
            0..=6 => NpsCategory::Detractor,
            7 | 8 => NpsCategory::Passive,
            _ => NpsCategory::Promoter,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NpsCategory::Detractor => "detractor",
            NpsCategory::Passive => "passive",
            NpsCategory::Promoter => "promoter",
        }
    }
}

/// Counts of one survey's answers and its Net Promoter Score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsStats {
    pub survey_id: String,
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// −100..=+100, `None` while there is no answer.
    pub nps: Option<i32>,
}

impl NpsStats {
    pub fn from_counts(survey_id: &str, promoters: u64, passives: u64, detractors: u64) -> NpsStats {
        NpsStats {
            survey_id: survey_id.to_owned(),
            responses: promoters + passives + detractors,
            promoters,
            passives,
            detractors,
            nps: nps_score(promoters, passives, detractors),
        }
    }
}

/// Net Promoter Score: % promoters − % detractors, rounded half away from zero.
pub fn nps_score(promoters: u64, passives: u64, detractors: u64) -> Option<i32> {
    let total = (promoters + passives + detractors) as i128;
    if total == 0 {
        return None;
    }
    let diff = (promoters as i128 - detractors as i128) * 100;
    // Round half away from zero in integer arithmetic.
    let rounded = if diff >= 0 { (2 * diff + total) / (2 * total) } else { -((-2 * diff + total) / (2 * total)) };
    Some(rounded as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        let cats: Vec<_> = (0..=10).map(NpsCategory::of).collect();
        assert!(cats[..7].iter().all(|c| *c == NpsCategory::Detractor));
        assert_eq!(&cats[7..9], &[NpsCategory::Passive, NpsCategory::Passive]);
        assert_eq!(&cats[9..], &[NpsCategory::Promoter, NpsCategory::Promoter]);
    }

    #[test]
    fn nps_maths() {
        assert_eq!(nps_score(0, 0, 0), None);
        assert_eq!(nps_score(10, 0, 0), Some(100));
        assert_eq!(nps_score(0, 0, 10), Some(-100));
        assert_eq!(nps_score(0, 5, 0), Some(0));
        // 5 promoters, 3 passives, 2 detractors: 50 % − 20 % = 30
        assert_eq!(nps_score(5, 3, 2), Some(30));
        // 1 of 3 promoters: 33.3 → 33; 2 of 3: 66.7 → 67; negative rounds away from zero
        assert_eq!(nps_score(1, 2, 0), Some(33));
        assert_eq!(nps_score(2, 1, 0), Some(67));
        assert_eq!(nps_score(0, 1, 2), Some(-67));
        // exactly half rounds away from zero: 1 of 8 = 12.5
        assert_eq!(nps_score(1, 7, 0), Some(13));
        assert_eq!(nps_score(0, 7, 1), Some(-13));
    }

    #[test]
    fn validation_rules() {
        let ok = NpsAnswer { score: 9, comment: Some("Fast delivery".into()), locale: Some("pl".into()), page: None };
        assert_eq!(ok.validate(), Ok(()));
        let bad = NpsAnswer { score: 11, comment: Some("x".repeat(COMMENT_MAX + 1)), locale: None, page: None };
        let errs = bad.validate().unwrap_err();
        assert_eq!(errs.get("score"), Some(&FieldError::OutOfRange));
        assert_eq!(errs.get("comment"), Some(&FieldError::TooLong));
        let blank = NpsAnswer { score: 0, comment: Some("   ".into()), locale: None, page: None };
        assert_eq!(blank.clean_comment(), None);
    }

    #[test]
    fn wire_format() {
        let a: NpsAnswer = serde_json::from_str(r#"{"score":9}"#).unwrap();
        assert_eq!(a, NpsAnswer { score: 9, comment: None, locale: None, page: None });
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"score":9}"#);
        let s = NpsStats::from_counts("nps", 1, 1, 1);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"survey_id":"nps","responses":3,"promoters":1,"passives":1,"detractors":1,"nps":0}"#
        );
    }
}
