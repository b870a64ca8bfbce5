//! The review form's state and transitions, pure so they are tested natively.

use retainkit_contract::reviews::{ReviewCreate, ReviewCreated, PHOTOS_MAX};
use retainkit_contract::{FieldError, FieldErrors};
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub enum PhotoStatus {
    /// Percent sent.
    Uploading(u8),
    Done(String),
    Failed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhotoSlot {
    pub slot: u32,
    /// A `blob:` URL of the chosen file, for the preview.
    pub preview: String,
    pub status: PhotoStatus,
}

/// Why a chosen file was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoProblem {
    WrongType,
    TooBig,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormPhase {
    Editing,
    Sending,
    Done(ReviewCreated),
    /// The server could not be reached; the review is kept and can be sent again.
    Unavailable,
    /// Refused: field errors, or a general message when there are none.
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Name,
    Email,
    /// The honeypot.
    Website,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    pub rating: Option<u8>,
    pub title: String,
    pub body: String,
    pub name: String,
    pub email: String,
    pub website: String,
    pub photos: Vec<PhotoSlot>,
    pub next_slot: u32,
    pub photo_problem: Option<PhotoProblem>,
    pub phase: FormPhase,
    pub errors: FieldErrors,
    /// The Idempotency-Key of the submission in progress; dropped when the review changes.
    pub key: Option<String>,
}

impl Default for FormState {
    fn default() -> Self {
        FormState {
            rating: None,
            title: String::new(),
            body: String::new(),
            name: String::new(),
            email: String::new(),
            website: String::new(),
            photos: Vec::new(),
            next_slot: 0,
            photo_problem: None,
            phase: FormPhase::Editing,
            errors: FieldErrors::new(),
            key: None,
        }
    }
}

pub enum FormAction {
    Rating(u8),
    Edit(Field, String),
    AddPhoto { preview: String },
    PhotoProblem(PhotoProblem),
    Progress { slot: u32, percent: u8 },
    Uploaded { slot: u32, id: String },
    UploadFailed { slot: u32 },
    RemovePhoto { slot: u32 },
    Invalid(FieldErrors),
    Sending { key: String },
    Sent(ReviewCreated),
    Unavailable,
    Rejected(FieldErrors),
}

impl FormState {
    pub fn uploading(&self) -> bool {
        self.photos.iter().any(|p| matches!(p.status, PhotoStatus::Uploading(_)))
    }

    pub fn room_for_photos(&self) -> usize {
        PHOTOS_MAX.saturating_sub(self.photos.len())
    }

    /// The request body; `fill_ms` is how long the form has been open.
    pub fn to_create(&self, locale: &str, order_token: Option<String>, fill_ms: i64) -> ReviewCreate {
        ReviewCreate {
            rating: self.rating.unwrap_or(0),
            title: Some(self.title.trim().to_owned()).filter(|t| !t.is_empty()),
            body: self.body.clone(),
            author_name: self.name.clone(),
            email: Some(self.email.trim().to_owned()).filter(|e| !e.is_empty()),
            photo_ids: self
                .photos
                .iter()
                .filter_map(|p| if let PhotoStatus::Done(id) = &p.status { Some(id.clone()) } else { None })
                .collect(),
            order_token,
            locale: Some(locale.to_owned()),
            website: Some(self.website.clone()).filter(|w| !w.is_empty()),
            fill_ms: Some(fill_ms),
        }
    }

    /// The contract's rules, plus "a rating is required" (0 is out of range on the wire).
    pub fn check(&self, body: &ReviewCreate) -> Result<(), FieldErrors> {
        let mut errors = body.validate().err().unwrap_or_default();
        if self.rating.is_none() {
            errors.insert("rating".to_owned(), FieldError::Required);
        }
        retainkit_contract::done(errors)
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Body => "body",
        Field::Name => "author_name",
        Field::Email => "email",
        Field::Website => "website",
    }
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        if matches!(self.phase, FormPhase::Done(_)) {
            return self;
        }
        let sending = self.phase == FormPhase::Sending;
        let mut s = (*self).clone();
        let edited = |s: &mut FormState, field: &str| {
            s.key = None;
            s.errors.remove(field);
            if s.phase == FormPhase::Rejected && s.errors.is_empty() {
                s.phase = FormPhase::Editing;
            }
        };
        match action {
            FormAction::Rating(r) if !sending => {
                s.rating = Some(r.clamp(1, 5));
                edited(&mut s, "rating");
            }
            FormAction::Edit(f, v) if !sending => {
                match f {
                    Field::Title => s.title = v,
                    Field::Body => s.body = v,
                    Field::Name => s.name = v,
                    Field::Email => s.email = v,
                    Field::Website => s.website = v,
                }
                edited(&mut s, field_name(f));
            }
            FormAction::AddPhoto { preview } if !sending && s.room_for_photos() > 0 => {
                s.photos.push(PhotoSlot { slot: s.next_slot, preview, status: PhotoStatus::Uploading(0) });
                s.next_slot += 1;
                s.photo_problem = None;
                edited(&mut s, "photo_ids");
            }
            FormAction::PhotoProblem(p) => s.photo_problem = Some(p),
            FormAction::Progress { slot, percent } => {
                for p in s.photos.iter_mut().filter(|p| p.slot == slot && matches!(p.status, PhotoStatus::Uploading(_))) {
                    p.status = PhotoStatus::Uploading(percent.min(100));
                }
            }
            FormAction::Uploaded { slot, id } => {
                for p in s.photos.iter_mut().filter(|p| p.slot == slot) {
                    p.status = PhotoStatus::Done(id.clone());
                }
            }
            FormAction::UploadFailed { slot } => {
                for p in s.photos.iter_mut().filter(|p| p.slot == slot) {
                    p.status = PhotoStatus::Failed;
                }
            }
            FormAction::RemovePhoto { slot } if !sending => {
                s.photos.retain(|p| p.slot != slot);
                edited(&mut s, "photo_ids");
            }
            FormAction::Invalid(e) => {
                s.errors = e;
                s.phase = FormPhase::Rejected;
            }
            FormAction::Sending { key } => {
                s.key = Some(key);
                s.errors.clear();
                s.phase = FormPhase::Sending;
            }
            FormAction::Sent(created) => s.phase = FormPhase::Done(created),
            FormAction::Unavailable => s.phase = FormPhase::Unavailable,
            FormAction::Rejected(e) => {
                s.errors = e;
                s.key = None;
                s.phase = FormPhase::Rejected;
            }
            _ => return self,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::reviews::ReviewStatus;

    fn run(actions: Vec<FormAction>) -> FormState {
        let mut s = Rc::new(FormState::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn a_complete_review_passes_the_contract() {
        let s = run(vec![
            FormAction::Rating(4),
            FormAction::Edit(Field::Body, "Lovely fabric, fits well.".into()),
            FormAction::Edit(Field::Name, "Sari".into()),
            FormAction::Edit(Field::Email, "  ".into()),
            FormAction::AddPhoto { preview: "blob:1".into() },
            FormAction::Uploaded { slot: 0, id: "ph_1".into() },
        ]);
        let body = s.to_create("id", None, 30_000);
        assert_eq!(s.check(&body), Ok(()));
        assert_eq!((body.rating, body.email, body.photo_ids, body.locale.as_deref()), (4, None, vec!["ph_1".to_owned()], Some("id")));
    }

    #[test]
    fn missing_rating_and_short_body_name_their_fields() {
        let s = run(vec![FormAction::Edit(Field::Body, "short".into())]);
        let e = s.check(&s.to_create("en", None, 0)).unwrap_err();
        assert_eq!(e.get("rating"), Some(&FieldError::Required));
        assert_eq!(e.get("body"), Some(&FieldError::TooShort));
        assert_eq!(e.get("author_name"), Some(&FieldError::Required));
        // Fixing a field clears its message.
        let s = run(vec![FormAction::Invalid(e), FormAction::Rating(5)]);
        assert!(s.errors.get("rating").is_none() && s.errors.get("body").is_some());
    }

    #[test]
    fn photos_upload_progress_and_limits() {
        let mut actions: Vec<FormAction> = (0..7).map(|i| FormAction::AddPhoto { preview: format!("blob:{i}") }).collect();
        actions.push(FormAction::Progress { slot: 1, percent: 40 });
        actions.push(FormAction::UploadFailed { slot: 2 });
        actions.push(FormAction::RemovePhoto { slot: 0 });
        let s = run(actions);
        assert_eq!(s.photos.len(), 4, "at most 5, then one removed");
        assert_eq!(s.photos[0].status, PhotoStatus::Uploading(40));
        assert_eq!(s.photos[1].status, PhotoStatus::Failed);
        assert!(s.uploading());
        assert!(s.to_create("en", None, 0).photo_ids.is_empty());
    }

    #[test]
    fn sending_done_and_the_key() {
        let done = ReviewCreated { id: 1, status: ReviewStatus::Pending, reward: None };
        let s = run(vec![FormAction::Rating(5), FormAction::Sending { key: "k".into() }, FormAction::Edit(Field::Body, "x".into())]);
        assert_eq!((s.body.as_str(), s.key.as_deref()), ("", Some("k")), "no edits while sending");
        let s = run(vec![FormAction::Sending { key: "k".into() }, FormAction::Unavailable, FormAction::Edit(Field::Title, "t".into())]);
        assert_eq!(s.key, None, "an edit makes it a new submission");
        let s = run(vec![FormAction::Sending { key: "k".into() }, FormAction::Sent(done.clone()), FormAction::Rating(1)]);
        assert_eq!(s.phase, FormPhase::Done(done));
        assert_eq!(s.rating, None);
    }
}
