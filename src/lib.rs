//! RetainKit: reviews, micro-surveys, exit-intent offers and loyalty widgets for any shop.
//!
//! The loader (`www/retainkit.js`) defines the `<rk-…>` custom elements and calls into this
//! crate through the few `#[wasm_bindgen]` functions in [`exports`] once a widget is near the
//! viewport. Dependencies run one way (a test over the `use` lines keeps them so):
//!
//! ```text
//! exports, elements          the composition root: wires everything below
//!   survey/ + popup/, reviews/, loyalty/    the widget families (popup may use survey)
//!     ui/, api/, engine/, dom/, i18n, config, theme    shared by every widget
//! ```

// Files are named after their elements (`survey/survey.rs` is `<rk-survey>`).
#![allow(clippy::module_inception)]

// A small allocator for the browser build (see README, Size): dlmalloc was 4 KB of the core.
// SAFETY: the WASM runs on the page's one thread.
#[cfg(all(target_arch = "wasm32", feature = "split"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

pub mod api;
pub mod config;
pub mod dom;
pub mod elements;
pub mod engine;
pub mod exports;
pub mod i18n;
pub mod loyalty;
pub mod popup;
pub mod reviews;
pub mod survey;
pub mod testing;
pub mod theme;
pub mod ui;

pub use exports::*;
