//! What every widget needs from the page: an element's attributes as the loader passes them,
//! the `rk-…` DOM events a widget sends, and a small bus on which widgets and the page tell
//! each other what happened without importing one another.

pub mod attrs;
pub mod bus;
pub mod events;
pub mod num;
