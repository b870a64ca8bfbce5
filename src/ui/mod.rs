//! Shared UI parts.

pub mod dialog;
pub mod rating;
pub mod scale;
pub mod stars;

pub use dialog::Dialog;
pub use rating::RatingInput;
pub use scale::Scale;
pub use stars::Stars;
