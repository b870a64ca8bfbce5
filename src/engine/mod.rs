//! The trigger and capping engine shared by popup surveys and the exit offer. Pure logic
//! with the time passed in, so native tests drive it with a fake clock; a thin browser layer
//! feeds it real events.

pub mod audience;
pub mod capping;
pub mod exit_intent;
pub mod schedule;
