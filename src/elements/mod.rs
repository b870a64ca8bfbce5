//! Mounting widgets into the custom elements the loader defines.
//!
//! The loader (`www/retainkit.js`) owns the custom-element life cycle; when an element comes
//! near the viewport it calls [`mount`] with the element's open shadow root and attributes,
//! [`Mounted::update`] when an attribute changes and [`Mounted::destroy`] on disconnect.

pub mod attrs;
pub mod events;

use crate::loyalty::launcher::{LauncherProps, LoyaltyLauncher};
use crate::loyalty::points_badge::{PointsBadge, PointsBadgeProps};
use crate::reviews::review_form::{ReviewForm, ReviewFormProps};
use crate::reviews::reviews_widget::{ReviewsProps, ReviewsWidget};
use crate::reviews::stars_widget::{StarsWidget, StarsWidgetProps};
use crate::survey::nps::{NpsProps, NpsWidget};
use crate::survey::survey_widget::{SurveyProps, SurveyWidget};
use attrs::Attrs;
use wasm_bindgen::prelude::*;
use yew::AppHandle;

enum App {
    Nps(AppHandle<NpsWidget>),
    Stars(AppHandle<StarsWidget>),
    Reviews(AppHandle<ReviewsWidget>),
    Form(AppHandle<ReviewForm>),
    Survey(AppHandle<SurveyWidget>),
    Loyalty(AppHandle<LoyaltyLauncher>),
    Points(AppHandle<PointsBadge>),
}

/// A widget living in one element's shadow root.
#[wasm_bindgen]
pub struct Mounted {
    app: Option<App>,
    container: web_sys::Element,
}

#[wasm_bindgen]
impl Mounted {
    /// New attribute values: the widget re-renders with them.
    pub fn update(&mut self, attrs: JsValue) {
        let attrs = Attrs::from_js(&attrs);
        match &mut self.app {
            Some(App::Nps(h)) => h.update(NpsProps::from_attrs(&attrs)),
            Some(App::Stars(h)) => h.update(StarsWidgetProps::from_attrs(&attrs)),
            Some(App::Reviews(h)) => h.update(ReviewsProps::from_attrs(&attrs)),
            Some(App::Form(h)) => h.update(ReviewFormProps::from_attrs(&attrs)),
            Some(App::Survey(h)) => h.update(SurveyProps::from_attrs(&attrs)),
            Some(App::Loyalty(h)) => h.update(LauncherProps::from_attrs(&attrs)),
            Some(App::Points(h)) => h.update(PointsBadgeProps::from_attrs(&attrs)),
            None => {}
        }
    }

    /// Removes the widget and everything it rendered.
    pub fn destroy(mut self) {
        match self.app.take() {
            Some(App::Nps(h)) => h.destroy(),
            Some(App::Stars(h)) => h.destroy(),
            Some(App::Reviews(h)) => h.destroy(),
            Some(App::Form(h)) => h.destroy(),
            Some(App::Survey(h)) => h.destroy(),
            Some(App::Loyalty(h)) => h.destroy(),
            Some(App::Points(h)) => h.destroy(),
            None => {}
        }
        self.container.remove();
    }
}

/// Mounts the widget for `tag` into `root`. Unknown tags are an error, never a panic.
#[wasm_bindgen]
pub fn mount(tag: &str, root: web_sys::ShadowRoot, attrs: JsValue) -> Result<Mounted, JsValue> {
    let attrs = Attrs::from_js(&attrs);
    crate::theme::adopt(&root);
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    let container = document.create_element("div")?;
    container.set_class_name("rk-root");
    root.append_child(&container)?;
    let app = match tag {
        "rk-nps" => App::Nps(yew::Renderer::<NpsWidget>::with_root_and_props(container.clone(), NpsProps::from_attrs(&attrs)).render()),
        "rk-reviews" => {
            App::Reviews(yew::Renderer::<ReviewsWidget>::with_root_and_props(container.clone(), ReviewsProps::from_attrs(&attrs)).render())
        }
        "rk-survey" => {
            App::Survey(yew::Renderer::<SurveyWidget>::with_root_and_props(container.clone(), SurveyProps::from_attrs(&attrs)).render())
        }
        "rk-review-form" => {
            App::Form(yew::Renderer::<ReviewForm>::with_root_and_props(container.clone(), ReviewFormProps::from_attrs(&attrs)).render())
        }
        "rk-stars" => {
            App::Stars(yew::Renderer::<StarsWidget>::with_root_and_props(container.clone(), StarsWidgetProps::from_attrs(&attrs)).render())
        }
        "rk-loyalty" => App::Loyalty(
            yew::Renderer::<LoyaltyLauncher>::with_root_and_props(container.clone(), LauncherProps::from_attrs(&attrs)).render(),
        ),
        "rk-points" => {
            App::Points(yew::Renderer::<PointsBadge>::with_root_and_props(container.clone(), PointsBadgeProps::from_attrs(&attrs)).render())
        }
        _ => {
            container.remove();
            return Err(JsValue::from_str("RetainKit: unknown element"));
        }
    };
    Ok(Mounted { app: Some(app), container })
}
