//! Reviews: the review list and the review form (the loader draws the star snippets).

/// This family's own styles (`style.css`), adopted by its widgets' shadow roots.
pub static CSS: crate::theme::FamilyCss =
    crate::theme::FamilyCss { slot: 1, css: include_str!(concat!(env!("OUT_DIR"), "/reviews.min.css")) };

pub mod form_state;
pub mod jsonld;
pub mod list_state;
pub mod photo_upload;
pub mod review_form;
pub mod review_item;
pub mod reviews;
pub mod summary;
