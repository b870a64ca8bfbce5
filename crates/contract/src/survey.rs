//! Micro-surveys: definitions, answers and statistics.
//!
//! - `GET  /v1/surveys/active?url=&locale=` → [`ActiveSurveys`]
//! - `POST /v1/surveys/{survey_id}/displays` [`DisplayCreate`] → 201 [`DisplayRecorded`]
//! - `POST /v1/surveys/{survey_id}/responses` [`SurveyAnswer`] → 201 [`ResponseCreated`]
//! - `PATCH /v1/surveys/{survey_id}/responses/{id}` [`ResponsePatch`] → [`ResponseCreated`]
//! - admin: `PUT /v1/admin/surveys/{survey_id}` [`SurveyDefinition`],
//!   `GET /v1/admin/surveys/{survey_id}/stats` → [`SurveyStats`]

use crate::decode::Decode;
use crate::encode::Encode;
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

/// A shopper's answer. Which field carries it depends on the survey: `score` for NPS
/// (0–10) and CSAT (1–5), `choice` for single choice, `text` for free text. A survey the
/// server has no definition for is an NPS question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The optional follow-up text (also sent later with a PATCH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The language the question was shown in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Where the question was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The display this answer belongs to, if one was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_id: Option<i64>,
}

/// The NPS widget's answer: the same body.
pub type NpsAnswer = SurveyAnswer;

impl SurveyAnswer {
    /// The rules of an NPS question (a survey without a definition on the server).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        self.validate_for(SurveyKind::Nps, &[])
    }

    /// The rules of a survey of `kind` (with its choice ids for single choice).
    pub fn validate_for(&self, kind: SurveyKind, choices: &[&str]) -> Result<(), FieldErrors> {
        let mut fields = FieldErrors::new();
        match kind {
            SurveyKind::Nps | SurveyKind::Csat => {
                let (min, max) = kind.score_range().unwrap_or((0, NPS_MAX));
                match self.score {
                    None => fields.insert("score".to_owned(), FieldError::Required),
                    Some(s) if s < min || s > max => fields.insert("score".to_owned(), FieldError::OutOfRange),
                    Some(_) => {}
                }
            }
            SurveyKind::SingleChoice => match self.choice.as_deref() {
                None => fields.insert("choice".to_owned(), FieldError::Required),
                Some(c) if !choices.contains(&c) => fields.insert("choice".to_owned(), FieldError::Invalid),
                Some(_) => {}
            },
            SurveyKind::Text => {
                if self.text.as_deref().map(str::trim).unwrap_or("").is_empty() {
                    fields.insert("text".to_owned(), FieldError::Required);
                }
            }
        }
        check_text(&mut fields, "text", self.text.as_deref(), COMMENT_MAX);
        check_text(&mut fields, "comment", self.comment.as_deref(), COMMENT_MAX);
        check_text(&mut fields, "locale", self.locale.as_deref(), LOCALE_MAX);
        check_text(&mut fields, "page", self.page.as_deref(), PAGE_MAX);
        crate::done(fields)
    }

    /// The comment as stored: trimmed, and `None` when only white space was typed.
    pub fn clean_comment(&self) -> Option<&str> {
        self.comment.as_deref().map(str::trim).filter(|c| !c.is_empty())
    }
}

/// The follow-up text sent after the score (a partial response completed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponsePatch {
    /// The `edit_token` the create answered.
    pub edit_token: String,
    pub comment: String,
}

impl ResponsePatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        check_text(&mut f, "comment", Some(&self.comment), COMMENT_MAX);
        crate::done(f)
    }
}

/// The answer as the server stored it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseCreated {
    pub id: i64,
    pub survey_id: String,
    #[serde(default)]
    pub score: Option<u8>,
    /// For NPS answers.
    #[serde(default)]
    pub category: Option<NpsCategory>,
    /// Unix time in seconds.
    pub created_at: i64,
    /// Lets this browser add the follow-up later (PATCH); nobody else can.
    pub edit_token: String,
}

pub type NpsCreated = ResponseCreated;

/// The three NPS groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// The category `as_str` wrote (as stored in a database).
    pub fn parse(s: &str) -> Option<NpsCategory> {
        [NpsCategory::Detractor, NpsCategory::Passive, NpsCategory::Promoter].into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NpsCategory::Detractor => "detractor",
            NpsCategory::Passive => "passive",
            NpsCategory::Promoter => "promoter",
        }
    }
}

/// Localized text: language tag → text (`{"en":"…","pl":"…"}`).
pub type Texts = crate::SmallMap<String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// 0–10 with a follow-up per category.
    Nps,
    /// 1–5, from "very dissatisfied" to "very satisfied".
    Csat,
    SingleChoice,
    Text,
}

impl SurveyKind {
    /// The score range of a scored question.
    pub fn score_range(self) -> Option<(u8, u8)> {
        match self {
            SurveyKind::Nps => Some((0, 10)),
            SurveyKind::Csat => Some((1, 5)),
            _ => None,
        }
    }
}

/// How a page URL is matched (no regular expressions: `*` in a glob matches any run of
/// characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "match", content = "value", rename_all = "snake_case")]
pub enum UrlRule {
    Exact(String),
    Prefix(String),
    Contains(String),
    Glob(String),
}

impl UrlRule {
    /// Matches against a path with its query (`/products/batik?color=blue`).
    pub fn matches(&self, path: &str) -> bool {
        match self {
            UrlRule::Exact(v) => path == v,
            UrlRule::Prefix(v) => path.starts_with(v.as_str()),
            UrlRule::Contains(v) => crate::find_str(path, v).is_some(),
            UrlRule::Glob(g) => glob(g.as_bytes(), path.as_bytes()),
        }
    }
}

/// `*` matches any run of bytes, `?` one byte; everything else matches itself.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// When a popup survey or offer may show. Triggers are OR'd.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Trigger {
    /// As soon as a matching page is shown (after `delay_seconds`).
    PageView { delay_seconds: u32 },
    /// After scrolling this far down the page.
    Scroll { percent: u8 },
    /// After this many seconds of the tab being visible and used.
    TimeOnPage { seconds: u32 },
    /// When the page calls `RetainKit.track(name)`.
    Event { name: String },
    /// When the shopper is about to leave: on a computer the pointer leaves through the top
    /// edge, moving up; on a phone the back button, a fast flick back to the top, coming back
    /// to the tab after a while, or no touch for a while. Its thresholds are the popup's own.
    ExitIntent {
        /// Seconds the page must have been visible and used before exit intent counts
        /// (default 5).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_active_seconds: Option<u32>,
        /// How readily a movement counts (default `medium`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sensitivity: Option<Sensitivity>,
    },
}

impl Trigger {
    /// Exit intent with the default thresholds.
    pub const EXIT_INTENT: Trigger = Trigger::ExitIntent { min_active_seconds: None, sensitivity: None };
}

/// How readily exit intent counts. `low`: only a fast leave close to the top edge, a hard
/// flick on a phone, no inactivity; `high`: a slower leave, a gentler flick, 20 s without a
/// touch; `medium` between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    Low,
    Medium,
    High,
}

/// Who may see it. Conditions are AND'd; an absent one does not filter.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Audience {
    /// Pages where it may show; empty: every page.
    #[serde(default)]
    pub urls: Vec<UrlRule>,
    #[serde(default)]
    pub locales: Vec<String>,
    #[serde(default)]
    pub device: Option<Device>,
    #[serde(default)]
    pub visitor: Option<VisitorKind>,
    /// Minimum cart value in minor units (cents, sen, grosze).
    #[serde(default)]
    pub min_cart_value: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Device {
    Desktop,
    Mobile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitorKind {
    New,
    Returning,
}

/// How often one visitor may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Recontact {
    Once,
    Times {
        n: u32,
    },
    /// Until the visitor answers (surveys) or converts (offers).
    UntilDone,
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    #[default]
    BottomRight,
    BottomLeft,
    Center,
    /// Only where the page has an `<rk-survey survey-id>` element.
    Inline,
}

/// The rules shared by popup surveys and exit offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Display {
    pub triggers: Vec<Trigger>,
    #[serde(default)]
    pub audience: Audience,
    pub recontact: Recontact,
    /// Days before this visitor sees it again after closing it.
    #[serde(default)]
    pub cooldown_days: u32,
    /// Share of visitors who may see it (1–100); a visitor stays in or out.
    #[serde(default = "hundred")]
    pub sample_percent: u8,
    #[serde(default)]
    pub placement: Placement,
}

fn hundred() -> u8 {
    100
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: String,
    pub label: Texts,
}

/// The follow-up question after an NPS score, worded per group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub detractor: Texts,
    pub passive: Texts,
    pub promoter: Texts,
}

/// One survey as the widget needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyDefinition {
    pub id: String,
    pub kind: SurveyKind,
    pub question: Texts,
    #[serde(default)]
    pub follow_up: Option<FollowUp>,
    /// For `single_choice`.
    #[serde(default)]
    pub choices: Vec<Choice>,
    pub display: Display,
}

/// `GET /v1/surveys/active?url=&locale=`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSurveys {
    pub surveys: Vec<SurveyDefinition>,
}

impl SurveyDefinition {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if !crate::is_valid_id(&self.id) {
            f.insert("id".into(), FieldError::Invalid);
        }
        if self.question.is_empty() {
            f.insert("question".into(), FieldError::Required);
        }
        if self.kind == SurveyKind::SingleChoice && (self.choices.len() < 2 || self.choices.iter().any(|c| !crate::is_valid_id(&c.id))) {
            f.insert("choices".into(), FieldError::Invalid);
        }
        self.display.check(&mut f);
        crate::done(f)
    }

    pub fn choice_ids(&self) -> Vec<&str> {
        self.choices.iter().map(|c| c.id.as_str()).collect()
    }
}

impl Display {
    pub fn check(&self, f: &mut FieldErrors) {
        if self.triggers.is_empty() && self.placement != Placement::Inline {
            f.insert("display.triggers".into(), FieldError::Required);
        }
        if !(1..=100).contains(&self.sample_percent) {
            f.insert("display.sample_percent".into(), FieldError::OutOfRange);
        }
        if matches!(self.recontact, Recontact::Times { n: 0 }) {
            f.insert("display.recontact".into(), FieldError::OutOfRange);
        }
        if self.triggers.iter().any(|t| matches!(t, Trigger::ExitIntent { min_active_seconds: Some(s), .. } if *s > 3_600)) {
            f.insert("display.triggers".into(), FieldError::OutOfRange);
        }
    }

    /// Whether a page (path with query) in a language is in the audience; the cart, the
    /// device and the visitor are checked in the browser.
    pub fn shows_on(&self, path: &str, locale: Option<&str>) -> bool {
        let a = &self.audience;
        (a.urls.is_empty() || a.urls.iter().any(|u| u.matches(path)))
            && (a.locales.is_empty()
                || locale.is_some_and(|l| a.locales.iter().any(|x| l == x || l.split(['-', '_']).next() == Some(x.as_str()))))
    }
}

/// `POST /v1/surveys/{survey_id}/displays`: the widget showed the survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayCreate {
    pub visitor_id: String,
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode, Encode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayRecorded {
    pub id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::admin::*;

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
        let ok = SurveyAnswer { score: Some(9), comment: Some("Fast delivery".into()), locale: Some("pl".into()), ..Default::default() };
        assert_eq!(ok.validate(), Ok(()));
        let bad = SurveyAnswer { score: Some(11), comment: Some("x".repeat(COMMENT_MAX + 1)), ..Default::default() };
        let errs = bad.validate().unwrap_err();
        assert_eq!(errs.get("score"), Some(&FieldError::OutOfRange));
        assert_eq!(errs.get("comment"), Some(&FieldError::TooLong));
        assert_eq!(SurveyAnswer::default().validate().unwrap_err().get("score"), Some(&FieldError::Required));
        let blank = SurveyAnswer { score: Some(0), comment: Some("   ".into()), ..Default::default() };
        assert_eq!(blank.clean_comment(), None);
    }

    #[test]
    fn rules_per_kind() {
        let csat = |s| SurveyAnswer { score: Some(s), ..Default::default() }.validate_for(SurveyKind::Csat, &[]);
        assert_eq!(csat(5), Ok(()));
        assert_eq!(csat(0).unwrap_err().get("score"), Some(&FieldError::OutOfRange));
        let choice = |c: &str| {
            SurveyAnswer { choice: Some(c.into()), ..Default::default() }.validate_for(SurveyKind::SingleChoice, &["price", "delivery"])
        };
        assert_eq!(choice("delivery"), Ok(()));
        assert_eq!(choice("other").unwrap_err().get("choice"), Some(&FieldError::Invalid));
        let text = SurveyAnswer { text: Some("  ".into()), ..Default::default() }.validate_for(SurveyKind::Text, &[]);
        assert_eq!(text.unwrap_err().get("text"), Some(&FieldError::Required));
    }

    #[test]
    fn audience_by_page_and_language() {
        let d = Display {
            triggers: vec![Trigger::EXIT_INTENT],
            audience: Audience { urls: vec![UrlRule::Prefix("/products/".into())], locales: vec!["pl".into()], ..Default::default() },
            recontact: Recontact::Once,
            cooldown_days: 0,
            sample_percent: 100,
            placement: Placement::Center,
        };
        assert!(d.shows_on("/products/batik", Some("pl-PL")));
        assert!(!d.shows_on("/products/batik", Some("en")));
        assert!(!d.shows_on("/cart", Some("pl")));
        let mut f = FieldErrors::new();
        Display { triggers: vec![], sample_percent: 0, ..d }.check(&mut f);
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn url_rules() {
        assert!(UrlRule::Exact("/cart".into()).matches("/cart"));
        assert!(!UrlRule::Exact("/cart".into()).matches("/cart/x"));
        assert!(UrlRule::Prefix("/products/".into()).matches("/products/batik"));
        assert!(UrlRule::Contains("thank".into()).matches("/checkout/thank-you"));
        let g = UrlRule::Glob("/products/*/reviews".into());
        assert!(g.matches("/products/batik-parang/reviews"));
        assert!(!g.matches("/products/batik-parang/photos"));
        assert!(UrlRule::Glob("/*".into()).matches("/anything?x=1"));
        assert!(UrlRule::Glob("/p?ge".into()).matches("/page"));
        assert!(!UrlRule::Glob("/p?ge".into()).matches("/pge"));
        let r: UrlRule = serde_json::from_str(r#"{"match":"prefix","value":"/products/"}"#).unwrap();
        assert_eq!(r, UrlRule::Prefix("/products/".into()));
    }

    #[test]
    fn csat_and_kinds() {
        assert_eq!(csat_satisfied_percent([0; 5]), None);
        assert_eq!(csat_satisfied_percent([1, 0, 1, 0, 1]), Some(33.3));
        assert_eq!(csat_satisfied_percent([0, 0, 0, 2, 2]), Some(100.0));
        assert_eq!(SurveyKind::Csat.score_range(), Some((1, 5)));
        assert_eq!(SurveyKind::Text.score_range(), None);
    }

    #[test]
    fn definitions_read_from_json() {
        let d: SurveyDefinition = serde_json::from_str(
            r#"{"id":"nps-q4","kind":"nps","question":{"en":"Recommend us?","pl":"Polecisz nas?"},
                "display":{"triggers":[{"type":"page_view","delay_seconds":5},{"type":"exit_intent"}],
                           "audience":{"urls":[{"match":"prefix","value":"/products/"}]},
                           "recontact":{"type":"times","n":2},"cooldown_days":30}}"#,
        )
        .unwrap();
        assert_eq!(d.display.sample_percent, 100);
        assert_eq!(d.display.placement, Placement::BottomRight);
        assert_eq!(d.display.recontact, Recontact::Times { n: 2 });
        assert_eq!(d.question.for_locale("pl"), Some("Polecisz nas?"));
        assert_eq!(d.display.triggers[1], Trigger::EXIT_INTENT);
        assert_eq!(serde_json::to_string(&Trigger::EXIT_INTENT).unwrap(), r#"{"type":"exit_intent"}"#);
        let own: Trigger = serde_json::from_str(r#"{"type":"exit_intent","min_active_seconds":12,"sensitivity":"high"}"#).unwrap();
        assert_eq!(own, Trigger::ExitIntent { min_active_seconds: Some(12), sensitivity: Some(Sensitivity::High) });
        let mut f = FieldErrors::new();
        let long = Trigger::ExitIntent { min_active_seconds: Some(3_601), sensitivity: None };
        Display { triggers: vec![long], ..d.display }.check(&mut f);
        assert_eq!(f.get("display.triggers"), Some(&FieldError::OutOfRange));
    }

    #[test]
    fn wire_format() {
        let a: NpsAnswer = serde_json::from_str(r#"{"score":9}"#).unwrap();
        assert_eq!(a, NpsAnswer { score: Some(9), ..Default::default() });
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"score":9}"#);
    }
}
