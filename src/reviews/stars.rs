//! `<rk-stars product-id>`: stars and the review count for a product card, linking to the
//! reviews. Every card on a page shares one batched summaries request.

use super::summaries;
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::i18n::Locale;
use crate::ui::Stars;
use retainkit_contract::is_valid_id;
use retainkit_contract::reviews::RatingSummary;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct StarsWidgetProps {
    pub product_id: AttrValue,
    /// `href`: where the link goes (default `#reviews`).
    pub href: AttrValue,
    pub locale: Locale,
    /// `show-empty`: show empty stars for a product without reviews (default: nothing).
    pub show_empty: bool,
}

impl FromAttrs for StarsWidgetProps {
    fn from_attrs(a: &Attrs) -> StarsWidgetProps {
        StarsWidgetProps {
            product_id: AttrValue::from(a.text("product-id").filter(|id| is_valid_id(id)).unwrap_or("").to_owned()),
            href: AttrValue::from(a.text("href").unwrap_or("#reviews").to_owned()),
            locale: a.locale(),
            show_empty: a.flag("show-empty", false),
        }
    }
}

#[function_component(StarsWidget)]
pub fn stars_widget(props: &StarsWidgetProps) -> Html {
    let summary = use_state(|| None::<RatingSummary>);
    {
        let summary = summary.clone();
        use_effect_with(props.product_id.clone(), move |id| {
            let id = id.to_string();
            if !id.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(s) = summaries::summary(&id).await {
                        summary.set(Some(s));
                    }
                });
            }
        });
    }
    let Some(s) = (*summary).clone() else { return html! {} };
    if s.count == 0 && !props.show_empty {
        return html! {};
    }
    let l = props.locale;
    let mut label = l.rated(s.average);
    label.push_str(", ");
    label.push_str(&l.review_count(s.count));
    html! {
        <a class="rk-stars-link" part="link" href={props.href.clone()} aria-label={label} lang={l.tag()}>
            <Stars value={s.average} label={AttrValue::from(l.rated(s.average))} />
            <span class="rk-stars-count" part="count" aria-hidden="true">{ "(" }{ s.count }{ ")" }</span>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props() {
        let p = StarsWidgetProps::from_attrs(&Attrs::of(&[("product-id", "batik-parang"), ("lang", "pl")]));
        assert_eq!((p.product_id.as_str(), p.href.as_str(), p.locale, p.show_empty), ("batik-parang", "#reviews", Locale::Pl, false));
        let bad =
            StarsWidgetProps::from_attrs(&Attrs::of(&[("product-id", "no spaces allowed"), ("href", "/p/1#reviews"), ("show-empty", "")]));
        assert_eq!((bad.product_id.as_str(), bad.href.as_str(), bad.show_empty), ("", "/p/1#reviews", true));
    }
}
