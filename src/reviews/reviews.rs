//! `<rk-reviews product-id>`: the summary with a filtering histogram, sorting, the reviews
//! with "show more", votes, the JSON-LD for search engines and the `rk-reviews-loaded` event.

use super::list_state::{ListAction, ListState, Load};
use super::review_form::ReviewForm;
use super::review_item::ReviewItem;
use super::summary::Summary;
use crate::api;
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::dom::events::{self, Detail};
use crate::i18n::Locale;
use crate::ui::Dialog;
use retainkit_contract::is_valid_id;
use retainkit_contract::reviews::RatingSummary;
use retainkit_contract::reviews::{ReviewPage, ReviewSort, PAGE_DEFAULT, PAGE_MAX};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ReviewsProps {
    pub product_id: AttrValue,
    /// `product-name`: the product's name for search engines (default: the page title).
    pub product_name: Option<AttrValue>,
    pub locale: Locale,
    /// `page-size`: reviews per page (1–50, default 10).
    pub page_size: u8,
    /// `jsonld="off"`: the page describes the product's rating itself.
    pub jsonld: bool,
    /// `order-token`: passed to the form; the review is verified.
    pub order_token: Option<AttrValue>,
}

impl FromAttrs for ReviewsProps {
    fn from_attrs(a: &Attrs) -> ReviewsProps {
        ReviewsProps {
            product_id: AttrValue::from(a.text("product-id").filter(|id| is_valid_id(id)).unwrap_or("").to_owned()),
            product_name: a.text("product-name").map(|n| AttrValue::from(n.to_owned())),
            locale: a.locale(),
            page_size: a.text("page-size").and_then(|s| s.parse().ok()).filter(|n| (1..=PAGE_MAX).contains(n)).unwrap_or(PAGE_DEFAULT),
            jsonld: a.flag("jsonld", true),
            order_token: a.text("order-token").map(|t| AttrValue::from(t.to_owned())),
        }
    }
}

fn sort_value(s: ReviewSort) -> &'static str {
    match s {
        ReviewSort::Newest => "newest",
        ReviewSort::Highest => "highest",
        ReviewSort::Lowest => "lowest",
        ReviewSort::Helpful => "helpful",
        ReviewSort::WithPhotos => "with_photos",
    }
}

fn parse_sort(v: &str) -> ReviewSort {
    match v {
        "highest" => ReviewSort::Highest,
        "lowest" => ReviewSort::Lowest,
        "helpful" => ReviewSort::Helpful,
        "with_photos" => ReviewSort::WithPhotos,
        _ => ReviewSort::Newest,
    }
}

fn product_name(props: &ReviewsProps) -> String {
    props
        .product_name
        .as_ref()
        .map(|n| n.to_string())
        .or_else(|| web_sys::window().and_then(|w| w.document()).map(|d| d.title()))
        .unwrap_or_default()
}

#[function_component(ReviewsWidget)]
pub fn reviews_widget(props: &ReviewsProps) -> Html {
    let state = use_reducer(ListState::default);
    let root = use_node_ref();
    let l = props.locale;
    let t = l.texts();

    // Fetch the first page whenever the query changes (sort, filter, retry, product).
    {
        let state = state.clone();
        let props = props.clone();
        let root = root.clone();
        use_effect_with((props.product_id.clone(), props.page_size, state.query), move |(product_id, _, query)| {
            let (product_id, query) = (product_id.to_string(), *query);
            state.dispatch(ListAction::Product(product_id.clone()));
            if !product_id.is_empty() {
                let path = state.path(&product_id, props.page_size);
                let limit = props.page_size as usize;
                wasm_bindgen_futures::spawn_local(async move {
                    match api::get::<ReviewPage>(&path).await {
                        Ok(mut page) => {
                            page.items.truncate(limit);
                            if props.jsonld && state.rating.is_none() && state.sort == ReviewSort::Newest {
                                super::jsonld::publish(&product_name(&props), &product_id, &page.summary, &page.items);
                            }
                            if let Some(el) = root.cast::<web_sys::Element>() {
                                let d = Detail::new()
                                    .str("productId", &product_id)
                                    .num("count", page.summary.count as f64)
                                    .num("average", page.summary.average);
                                events::emit(&el, "rk-reviews-loaded", Some(d));
                            }
                            state.dispatch(ListAction::Page { query, product: product_id, page, append: false, limit });
                        }
                        Err(_) => state.dispatch(ListAction::Failed { query }),
                    }
                });
            }
        });
    }

    // The product's JSON-LD leaves with the product (another product-id, or the element).
    use_effect_with(props.product_id.clone(), |id| {
        let id = id.to_string();
        move || super::jsonld::withdraw(&id)
    });

    let on_more = {
        let state = state.clone();
        let props = props.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(cursor) = state.next_cursor.clone() else { return };
            if state.load != Load::Ready {
                return;
            }
            let mut path = state.path(&props.product_id, props.page_size);
            path.push_str("&cursor=");
            path.push_str(&String::from(js_sys::encode_uri_component(&cursor)));
            let (query, product, limit) = (state.query, state.product.clone(), props.page_size as usize);
            state.dispatch(ListAction::More);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::get::<ReviewPage>(&path).await {
                    Ok(page) => state.dispatch(ListAction::Page { query, product, page, append: true, limit }),
                    Err(_) => state.dispatch(ListAction::Failed { query }),
                }
            });
        })
    };
    let on_sort = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                state.dispatch(ListAction::Sort(parse_sort(&select.value())));
            }
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |stars: u8| state.dispatch(ListAction::Filter(stars)))
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(ListAction::ClearFilter))
    };
    let on_retry = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(ListAction::Retry))
    };
    let on_voted = {
        let state = state.clone();
        Callback::from(move |(review_id, helpful_count): (i64, u64)| state.dispatch(ListAction::Voted { review_id, helpful_count }))
    };

    let writing = use_state(|| false);
    let open_form = {
        let writing = writing.clone();
        Callback::from(move |_: MouseEvent| writing.set(true))
    };
    let close_form = {
        let writing = writing.clone();
        Callback::from(move |_: ()| writing.set(false))
    };
    let on_review_done = {
        let state = state.clone();
        Callback::from(move |created: retainkit_contract::reviews::ReviewCreated| {
            if created.status == retainkit_contract::reviews::ReviewStatus::Published {
                state.dispatch(ListAction::Retry);
            }
        })
    };
    let write_button = html! {
        <button type="button" class="rk-button" part="write-button" onclick={open_form.clone()}>{ t.write_review }</button>
    };

    let api_base = AttrValue::from(crate::config::get().api);
    let sorts = [
        (ReviewSort::Newest, t.sort_newest),
        (ReviewSort::Highest, t.sort_highest),
        (ReviewSort::Lowest, t.sort_lowest),
        (ReviewSort::Helpful, t.sort_helpful),
        (ReviewSort::WithPhotos, t.sort_photos),
    ];
    let empty = state.load == Load::Ready && state.summary.as_ref().is_some_and(|s| s.count == 0);

    html! {
        <section ref={root} class="rk-card rk-reviews" part="container" lang={l.tag()} aria-labelledby="rk-reviews-title"
                 aria-busy={matches!(state.load, Load::Loading | Load::LoadingMore).then_some("true")}>
            <h2 id="rk-reviews-title" class="rk-reviews-title" part="title"><slot name="title">{ t.reviews_heading }</slot></h2>
            if let Some(summary) = &state.summary {
                if summary.count > 0 {
                    <Summary summary={summary.clone()} locale={l} filter={state.rating} on_filter={on_filter} />
                }
            } else if state.load == Load::Loading {
                // The summary comes with the first page: until then a copy, unseen and inert,
                // holds its room, so the list below does not move when it arrives.
                <div class="rk-layers" aria-hidden="true">
                    <div inert=true>
                        <Summary summary={RatingSummary::from_histogram("", [0, 0, 0, 0, 1])} locale={l} filter={None::<u8>} on_filter={on_filter} />
                    </div>
                </div>
            }
            if empty {
                <p class="rk-empty" part="empty"><slot name="empty">{ t.no_reviews }</slot></p>
                { write_button.clone() }
            } else if state.load == Load::Failed {
                <div class="rk-status" role="alert">
                    <p class="rk-error" part="error">{ t.reviews_failed }</p>
                    <button type="button" class="rk-button" part="retry" onclick={on_retry}>{ t.retry }</button>
                </div>
            } else {
                <div class="rk-toolbar" part="toolbar">
                    <label class="rk-sort" part="sort-label">
                        <span>{ t.sort_by }</span>
                        <select part="sort" onchange={on_sort}>
                            { for sorts.iter().map(|(s, label)| html! {
                                <option value={sort_value(*s)} selected={state.sort == *s}>{ *label }</option>
                            }) }
                        </select>
                    </label>
                    if let Some(r) = state.rating {
                        <button type="button" class="rk-link-button" part="clear-filter" onclick={on_clear}>
                            { t.show_all }{ " (" }{ l.stars_n(r as u64) }{ ")" }
                        </button>
                    }
                    { write_button.clone() }
                </div>
                if state.load == Load::Loading {
                    <div class="rk-skeleton" part="skeleton" aria-hidden="true"><div></div><div></div><div></div></div>
                    <p class="rk-visually-hidden" role="status">{ t.loading }</p>
                } else {
                    <ol class="rk-review-list" part="list">
                        { for state.items.iter().map(|r| html! {
                            <li key={r.id}><ReviewItem review={r.clone()} locale={l} api={api_base.clone()} on_voted={on_voted.clone()} /></li>
                        }) }
                    </ol>
                    if state.next_cursor.is_some() {
                        <button type="button" class="rk-button rk-more" part="load-more" onclick={on_more}
                                disabled={state.load == Load::LoadingMore}>{ t.load_more }</button>
                    }
                }
            }
            <Dialog open={*writing} title={t.form_title} close_label={t.close} on_close={close_form}>
                <ReviewForm product_id={props.product_id.clone()} locale={l} order_token={props.order_token.clone()} on_done={on_review_done} />
            </Dialog>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props_and_sorts() {
        let p =
            ReviewsProps::from_attrs(&Attrs::of(&[("product-id", "batik-parang"), ("page-size", "99"), ("jsonld", "off"), ("lang", "id")]));
        assert_eq!((p.product_id.as_str(), p.page_size, p.jsonld, p.locale), ("batik-parang", PAGE_DEFAULT, false, Locale::Id));
        for s in [ReviewSort::Newest, ReviewSort::Highest, ReviewSort::Lowest, ReviewSort::Helpful, ReviewSort::WithPhotos] {
            assert_eq!(parse_sort(sort_value(s)), s);
        }
    }
}
