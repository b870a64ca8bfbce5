//! Which widget each `<rk-…>` element shows, and where its code lives. The loader
//! (`www/retainkit.js`) owns the custom-element life cycle; when an element comes near the
//! viewport it calls `exports::mount` with the element's open shadow root and attributes,
//! `update` when an attribute changes and `destroy` on disconnect. The elements, their
//! attributes, events, parts and CSS custom properties are described once in
//! `crates/elements`.
//!
//! The widgets come in four families, and in the browser build (`--features split`) each
//! is its own WASM chunk, fetched the first time one of its elements mounts or the page has
//! a popup: **surveys** (`<rk-nps>`, `<rk-survey>`), **popups** (the popup runtime: survey
//! popups and the exit offer), **reviews** (`<rk-reviews>`, `<rk-review-form>`) and
//! **loyalty** (`<rk-loyalty>`, `<rk-points>`). The core (the Yew runtime, the API client, shared UI, texts) reaches a
//! family only through its [`Family`] table, returned by the family's split point below:
//! nothing else in the core may name a widget, or the widget's code moves into the core.
//! `<rk-stars>` has no WASM at all: the loader draws it.

use crate::dom::attrs::{Attrs, FromAttrs};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::JsValue;
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

pub type Mount = fn(web_sys::Element, &Attrs) -> Box<dyn Widget>;

/// What the core may call in a family.
pub struct Family {
    /// The widget of an element of this family.
    pub widget: fn(&str) -> Option<Mount>,
    /// `RetainKit.open(kind, id)` for the kinds the family shows.
    pub open: fn(&str, Option<String>),
    /// The page's popup definitions (popups only).
    pub popups: fn(JsValue, JsValue, JsValue),
    /// `RetainKit.track(name)` (popups only).
    pub track: fn(&str),
}

static SURVEYS: Family = Family {
    widget: |tag| match tag {
        "rk-nps" => Some(render::<crate::survey::nps::NpsWidget>),
        "rk-survey" => Some(render::<crate::survey::survey::SurveyWidget>),
        _ => None,
    },
    open: |_, _| {},
    popups: |_, _, _| {},
    track: |_| {},
};

static POPUPS: Family = Family { widget: |_| None, open: crate::popup::open, popups: crate::popup::set_popups, track: crate::popup::track };

static REVIEWS: Family = Family {
    widget: |tag| match tag {
        "rk-reviews" => Some(|root, attrs| {
            crate::theme::adopt_family(&root, &crate::reviews::CSS);
            render::<crate::reviews::reviews::ReviewsWidget>(root, attrs)
        }),
        "rk-review-form" => Some(|root, attrs| {
            crate::theme::adopt_family(&root, &crate::reviews::CSS);
            render::<crate::reviews::review_form::ReviewForm>(root, attrs)
        }),
        _ => None,
    },
    open: |_, _| {},
    popups: |_, _, _| {},
    track: |_| {},
};

static LOYALTY: Family = Family {
    widget: |tag| match tag {
        "rk-loyalty" => Some(|root, attrs| {
            crate::theme::adopt_family(&root, &crate::loyalty::CSS);
            render::<crate::loyalty::loyalty::LoyaltyLauncher>(root, attrs)
        }),
        "rk-points" => Some(|root, attrs| {
            crate::theme::adopt_family(&root, &crate::loyalty::CSS);
            render::<crate::loyalty::points::PointsBadge>(root, attrs)
        }),
        _ => None,
    },
    open: |_, page| crate::loyalty::store::open(page.as_deref().and_then(crate::loyalty::state::Page::parse).unwrap_or_default()),
    popups: |_, _, _| {},
    track: |_| {},
};

/// A family's chunk could not be fetched or instantiated (offline, a 404 after a deploy);
/// the next call tries again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

// The split points. Everything reachable only from one of these functions goes into that
// family's chunk (code two families share goes into a chunk both fetch). Without the
// `split` feature (native tests, browser tests) they are plain functions.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(surveys, fallible))]
fn surveys() -> Result<&'static Family, Unloaded> {
    Ok(&SURVEYS)
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(popups, fallible))]
fn popups() -> Result<&'static Family, Unloaded> {
    Ok(&POPUPS)
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(reviews, fallible))]
fn reviews() -> Result<&'static Family, Unloaded> {
    Ok(&REVIEWS)
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(loyalty, fallible))]
fn loyalty() -> Result<&'static Family, Unloaded> {
    Ok(&LOYALTY)
}

/// The chunks, by the name the loader and `crates/elements` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    Surveys,
    Popups,
    Reviews,
    Loyalty,
}

impl Chunk {
    /// The chunk holding an element's widget, `None` for a tag RetainKit does not know.
    pub fn of_tag(tag: &str) -> Option<Chunk> {
        Some(match tag {
            "rk-nps" | "rk-survey" => Chunk::Surveys,
            "rk-reviews" | "rk-review-form" => Chunk::Reviews,
            "rk-loyalty" | "rk-points" => Chunk::Loyalty,
            _ => return None,
        })
    }

    /// The family, its chunk fetched and instantiated first if need be.
    pub async fn load(self) -> Result<&'static Family, Unloaded> {
        #[cfg(feature = "split")]
        let family = match self {
            Chunk::Surveys => surveys().await,
            Chunk::Popups => popups().await,
            Chunk::Reviews => reviews().await,
            Chunk::Loyalty => loyalty().await,
        };
        #[cfg(not(feature = "split"))]
        let family = match self {
            Chunk::Surveys => surveys(),
            Chunk::Popups => popups(),
            Chunk::Reviews => reviews(),
            Chunk::Loyalty => loyalty(),
        };
        family
    }
}

/// A call into a family whose chunk may still have to be fetched.
pub enum Call {
    Open(String, Option<String>),
    Popups(JsValue, JsValue, JsValue),
    Track(String),
}

thread_local! {
    static WAITING: RefCell<VecDeque<(Chunk, Call)>> = const { RefCell::new(VecDeque::new()) };
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

/// Makes `call` in the family of `chunk`, fetching the chunk first if need be. Calls run in
/// the order they were made (the page's popups before a `track` or `open` that came after).
pub fn call(chunk: Chunk, call: Call) {
    WAITING.with(|w| w.borrow_mut().push_back((chunk, call)));
    if DRAINING.with(|d| d.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        while let Some((chunk, call)) = WAITING.with(|w| w.borrow_mut().pop_front()) {
            match chunk.load().await {
                Ok(f) => match call {
                    Call::Open(kind, id) => (f.open)(&kind, id),
                    Call::Popups(surveys, offer, rules) => (f.popups)(surveys, offer, rules),
                    Call::Track(name) => (f.track)(&name),
                },
                Err(Unloaded) => web_sys::console::warn_1(&JsValue::from_str("RetainKit: could not load the widget's code")),
            }
        }
        DRAINING.with(|d| d.set(false));
    });
}

/// The widget of an element, its chunk loaded first; `Ok(None)` for a tag RetainKit does
/// not know.
pub async fn widget_for(tag: &str) -> Result<Option<Mount>, Unloaded> {
    match Chunk::of_tag(tag) {
        Some(chunk) => Ok((chunk.load().await?.widget)(tag)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element the loader hands to the WASM has a chunk, and it is the one
    /// `crates/elements` (and so the loader's prefetch) names.
    #[test]
    fn chunks_match_the_element_table() {
        for e in retainkit_elements::ELEMENTS {
            let expected = match e.load {
                // Never mounted: the loader sends its id with the popup check.
                retainkit_elements::Load::Loader | retainkit_elements::Load::Placed => None,
                _ => Some(e.family.chunk()),
            };
            let got = Chunk::of_tag(e.tag).map(|c| match c {
                Chunk::Surveys => "surveys",
                Chunk::Popups => "popups",
                Chunk::Reviews => "reviews",
                Chunk::Loyalty => "loyalty",
            });
            if e.load == retainkit_elements::Load::ByWidget {
                continue;
            }
            assert_eq!(got, expected, "{}", e.tag);
        }
    }
}
