//! Reviews: the review list and the review form (the loader draws the star snippets).

pub mod form_state;
pub mod jsonld;
pub mod list_state;
pub mod photo_upload;
pub mod review_form;
pub mod review_item;
pub mod reviews;
pub mod summary;
