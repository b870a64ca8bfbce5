//! The review form's fields and photos, pure so they are tested natively. Where the
//! submission stands (sending, queued, refused, done) is the shared machine's
//! (`api::submission`); the component stops edits while it sends.

use retainkit_contract::reviews::{ReviewCreate, PHOTOS_MAX};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Name,
    Email,
    /// The honeypot.
    Website,
}

#[derive(Debug, Clone, PartialEq, Default)]
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

/// The request field an input edits (the name the server's errors use).
pub fn field_name(f: Field) -> &'static str {
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
        let mut s = (*self).clone();
        match action {
            FormAction::Rating(r) => s.rating = Some(r.clamp(1, 5)),
            FormAction::Edit(f, v) => match f {
                Field::Title => s.title = v,
                Field::Body => s.body = v,
                Field::Name => s.name = v,
                Field::Email => s.email = v,
                Field::Website => s.website = v,
            },
            FormAction::AddPhoto { preview } if s.room_for_photos() > 0 => {
                s.photos.push(PhotoSlot { slot: s.next_slot, preview, status: PhotoStatus::Uploading(0) });
                s.next_slot += 1;
                s.photo_problem = None;
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
            FormAction::RemovePhoto { slot } => s.photos.retain(|p| p.slot != slot),
            _ => return self,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
