//! Shared UI parts.

pub mod scale;
pub mod stars;

pub use scale::Scale;
pub use stars::Stars;
