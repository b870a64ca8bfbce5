//! Which widget each `<rk-…>` element shows. The loader (`www/retainkit.js`) owns the
//! custom-element life cycle; when an element comes near the viewport it calls
//! `exports::mount` with the element's open shadow root and attributes, `update` when an
//! attribute changes and `destroy` on disconnect. The elements, their attributes, events,
//! parts and CSS properties are described once in `crates/elements`.

use crate::dom::attrs::{Attrs, FromAttrs};
use yew::{AppHandle, BaseComponent};

/// A widget living in one element's shadow root.
pub trait Widget {
    /// New attribute values: the widget re-renders with them.
    fn update(&mut self, attrs: &Attrs);
    /// Removes the widget and everything it rendered.
    fn destroy(self: Box<Self>);
}

impl<C> Widget for AppHandle<C>
where
    C: BaseComponent,
    C::Properties: FromAttrs,
{
    fn update(&mut self, attrs: &Attrs) {
        AppHandle::update(self, C::Properties::from_attrs(attrs));
    }

    fn destroy(self: Box<Self>) {
        (*self).destroy();
    }
}

/// Renders component `C` into `root` with the element's attributes.
fn render<C>(root: web_sys::Element, attrs: &Attrs) -> Box<dyn Widget>
where
    C: BaseComponent,
    C::Properties: FromAttrs,
{
    Box::new(yew::Renderer::<C>::with_root_and_props(root, C::Properties::from_attrs(attrs)).render())
}

type Mount = fn(web_sys::Element, &Attrs) -> Box<dyn Widget>;

/// The widget of an element, `None` for a tag RetainKit does not know.
pub fn widget_for(tag: &str) -> Option<Mount> {
    Some(match tag {
        "rk-nps" => render::<crate::survey::nps::NpsWidget>,
        "rk-survey" => render::<crate::survey::survey::SurveyWidget>,
        "rk-stars" => render::<crate::reviews::stars::StarsWidget>,
        "rk-reviews" => render::<crate::reviews::reviews::ReviewsWidget>,
        "rk-review-form" => render::<crate::reviews::review_form::ReviewForm>,
        "rk-loyalty" => render::<crate::loyalty::loyalty::LoyaltyLauncher>,
        "rk-points" => render::<crate::loyalty::points::PointsBadge>,
        _ => return None,
    })
}
