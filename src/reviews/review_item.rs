//! One review: stars, title, text, author, date, verified badge, photos, the shop's reply,
//! and a "helpful" button that counts once per visitor. Every text is rendered as text.

use crate::api::{self, visitor};
use crate::dom::events::{self, Detail};
use crate::i18n::Locale;
use crate::ui::Stars;
use retainkit_contract::reviews::{HelpfulVote, Review, VoteResult};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReviewItemProps {
    pub review: Review,
    pub locale: Locale,
    /// The API base, for photo URLs given as paths.
    pub api: AttrValue,
    pub on_voted: Callback<(i64, u64)>,
}

fn absolute(api: &str, url: &str) -> String {
    if url.starts_with('/') {
        let mut u = String::from(api);
        u.push_str(url);
        u
    } else {
        url.to_owned()
    }
}

#[function_component(ReviewItem)]
pub fn review_item(props: &ReviewItemProps) -> Html {
    let r = &props.review;
    let l = props.locale;
    let t = l.texts();
    let voted = use_state(|| visitor::voted(r.id));
    let node = use_node_ref();
    let busy = use_state(|| false);

    let on_helpful = {
        let (voted, busy, node, on_voted) = (voted.clone(), busy.clone(), node.clone(), props.on_voted.clone());
        let id = r.id;
        Callback::from(move |_: MouseEvent| {
            if *voted || *busy {
                return;
            }
            busy.set(true);
            let (voted, busy, node, on_voted) = (voted.clone(), busy.clone(), node.clone(), on_voted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut path = String::from("/v1/reviews/");
                path.push_str(&crate::dom::num::int(id));
                path.push_str("/helpful");
                let key = api::new_key();
                if let Ok(v) = api::create::<_, VoteResult>(&path, &HelpfulVote { visitor_id: visitor::id() }, &key).await {
                    visitor::remember_vote(id);
                    voted.set(true);
                    on_voted.emit((id, v.helpful_count));
                    if let Some(el) = node.cast::<web_sys::Element>() {
                        let d = Detail::new().num("reviewId", id as f64).num("helpfulCount", v.helpful_count as f64);
                        events::emit(&el, "rk-review-vote", Some(d));
                    }
                }
                busy.set(false);
            });
        })
    };

    let date = l.relative_time(r.created_at, js_sys::Date::now());
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(r.created_at as f64 * 1000.0)).to_iso_string().into();
    html! {
        <article ref={node} class="rk-review" part="review" lang={r.locale.clone()}>
            <header class="rk-review-head" part="review-header">
                <Stars value={r.rating as f64} label={AttrValue::from(l.rated(r.rating as f64))} />
                if let Some(title) = &r.title {
                    <h3 class="rk-review-title" part="review-title" dir="auto">{ title.clone() }</h3>
                }
            </header>
            <p class="rk-review-body" part="review-body" dir="auto">{ r.body.clone() }</p>
            <p class="rk-review-meta" part="review-meta">
                <bdi class="rk-author" part="review-author">{ r.author_name.clone() }</bdi>
                if r.verified {
                    <span class="rk-verified" part="verified-badge">{ t.verified_buyer }</span>
                }
                <time datetime={iso} part="review-date">{ date }</time>
            </p>
            if !r.photos.is_empty() {
                <ul class="rk-photos" part="photos">
                    // Each photo links to itself, full size (a new tab).
                    { for r.photos.iter().map(|p| {
                        let src = absolute(&props.api, &p.url);
                        html! {
                            <li><a href={src.clone()} target="_blank" rel="noopener" part="photo-link">
                                <img {src} part="photo" alt={crate::i18n::fill(t.photo_by, "{name}", &r.author_name)} loading="lazy" width="96" height="96" />
                            </a></li>
                        }
                    }) }
                </ul>
            }
            if let Some(reply) = &r.reply {
                <div class="rk-reply" part="reply">
                    <p class="rk-reply-from" part="reply-author">{ t.shop_reply }</p>
                    <p dir="auto" part="reply-body">{ reply.body.clone() }</p>
                </div>
            }
            <button type="button" class="rk-helpful" part="helpful-button" aria-pressed={if *voted { "true" } else { "false" }}
                    disabled={*busy} onclick={on_helpful}>
                { t.helpful }{ " (" }{ r.helpful_count }{ ")" }
            </button>
        </article>
    }
}
