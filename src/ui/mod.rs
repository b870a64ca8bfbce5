//! Shared UI parts.

pub mod copy_code;
pub mod dialog;
pub mod rating;
pub mod scale;
pub mod stars;
pub mod submit;
pub mod tabs;

pub use copy_code::CopyCode;
pub use dialog::Dialog;
pub use rating::RatingInput;
pub use scale::Scale;
pub use stars::Stars;
pub use submit::{use_submit, UseSubmit};
pub use tabs::{tabs, TabsProps};

/// The current value of the `<input>` or `<textarea>` an event came from.
pub fn field_value(e: &web_sys::Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| t.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|a| a.value()))
        })
        .unwrap_or_default()
}
