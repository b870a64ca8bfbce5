//! Micro-surveys.

pub mod nps;
pub mod state;
