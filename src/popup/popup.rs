//! A popup on screen: a survey or the exit offer in a WAI-ARIA modal dialog (the native
//! `<dialog>`: focus moves in, Tab stays inside, Escape closes, the page behind is inert,
//! focus goes back where it was). Placed in a corner, centred, or as a bottom sheet.

use super::exit_offer::ExitOfferView;
use super::Item;
use crate::i18n::Locale;
use crate::survey::survey_form::SurveyForm;
use crate::ui::Dialog;
use retainkit_contract::survey::Placement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PopupProps {
    pub item: Item,
    pub locale: Locale,
    /// A phone: the offer is a bottom sheet.
    pub mobile: bool,
    /// The dialog closed (by the shopper, Escape or a finished flow).
    pub on_close: Callback<()>,
    /// Answered (survey) or converted (offer): `"answer"`, `"copy"` or `"email"`.
    pub on_done: Callback<&'static str>,
    /// The offer's code was copied.
    #[prop_or_default]
    pub on_copy: Callback<()>,
}

#[function_component(Popup)]
pub fn popup(props: &PopupProps) -> Html {
    let open = use_state(|| true);
    let l = props.locale;
    let t = l.texts();
    let close = {
        let open = open.clone();
        Callback::from(move |_: ()| open.set(false))
    };
    let (class, title, labelledby, content) = match &props.item {
        Item::Survey(d) => {
            let class = match d.display.placement {
                Placement::BottomLeft => "rk-at-bottom-left",
                Placement::Center => "rk-at-center",
                _ => "rk-at-bottom-right",
            };
            let on_answered = props.on_done.reform(|_| "answer");
            (
                class,
                AttrValue::Static(""),
                Some(AttrValue::Static("rk-question")),
                html! { <SurveyForm def={d.clone()} locale={l} {on_answered} /> },
            )
        }
        Item::Offer(o) => {
            let class = if props.mobile { "rk-sheet" } else { "rk-at-center" };
            let headline = super::fill_offer_text(&o.headline, l);
            let content = html! {
                <ExitOfferView offer={o.clone()} locale={l} on_copy={props.on_copy.clone()} on_convert={props.on_done.clone()} on_dismiss={close.clone()} />
            };
            (class, AttrValue::from(headline), None, content)
        }
    };
    let class = classes!(class, "rk-popup");
    html! {
        <Dialog open={*open} {class} {title} {labelledby} close_label={t.close} on_close={props.on_close.clone()}>
            { content }
        </Dialog>
    }
}
