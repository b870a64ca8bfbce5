//! Shared UI parts.

pub mod scale;

pub use scale::Scale;
