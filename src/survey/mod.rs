//! Micro-surveys.

pub mod nps;
pub mod state;
pub mod survey_widget;
