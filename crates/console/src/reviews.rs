//! The reviews: the queue of those waiting (or the published, the rejected, the spam queue),
//! narrowed by stars, product and words, 50 at a time; chosen with check boxes and approved,
//! rejected or restored together; each with its photos, and the shop's public reply, which
//! can be written, changed or taken back.

use crate::api;
use crate::charts::{self, Series};
use crate::texts::{fill, t};
use crate::Session;
use retainkit_contract::admin::{AdminReview, AdminReviewPage, BulkModeration, ModerationAction, ReplyCreate, ReviewActivity};
use std::collections::BTreeSet;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The reviews in short (published with their mean rating, waiting, in the spam queue) and
/// per period: the mean rating's chart and the table (on the overview).
pub fn activity_view(a: &ReviewActivity, title_id: &str) -> Html {
    let totals = &a.totals;
    let summary = match totals.average {
        Some(avg) => fill(
            t("Mean rating {avg} of 5 (published reviews: {n}); waiting: {pending}; in the spam queue: {spam}."),
            &[
                ("avg", &format!("{avg:.2}")),
                ("n", &totals.published.to_string()),
                ("pending", &totals.pending.to_string()),
                ("spam", &totals.spam.to_string()),
            ],
        ),
        None => fill(
            t("No published reviews yet; waiting: {pending}; in the spam queue: {spam}."),
            &[("pending", &totals.pending.to_string()), ("spam", &totals.spam.to_string())],
        ),
    };
    let labels: Vec<String> = a.periods.iter().map(|p| p.start.clone()).collect();
    let series =
        Series { name: t("mean rating"), values: a.periods.iter().map(|p| p.average).collect(), intervals: vec![None; a.periods.len()] };
    let written: u64 = a.periods.iter().map(|p| p.written).sum();
    let label = fill(
        t("Chart: the mean rating of the reviews written in each period ({n} in all); the numbers are in the table below."),
        &[("n", &written.to_string())],
    );
    html! {
        <>
            <p class="rk-summary">{ summary }</p>
            { charts::trend(&labels, (1.0, 5.0), t("stars"), &[series], label) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-labelledby={title_id.to_string()}><table class="rk-table" aria-labelledby={title_id.to_string()}>
                <thead><tr><th scope="col">{ t("Period from") }</th><th scope="col">{ t("Written") }</th><th scope="col">{ t("Published") }</th>
                    <th scope="col">{ t("Mean rating") }</th></tr></thead>
                <tbody>
                    { for a.periods.iter().map(|p| html! {
                        <tr><th scope="row">{ &p.start }</th><td>{ p.written }</td><td>{ p.published }</td>
                            <td>{ p.average.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into()) }</td></tr>
                    }) }
                </tbody>
            </table></div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

/// Which reviews are shown.
#[derive(Clone, Default, PartialEq)]
struct Filter {
    /// `pending`, `published`, `rejected`, or `spam` (rejected by a spam trap).
    status: String,
    rating: String,
    product: String,
    words: String,
}

impl Filter {
    fn path(&self, cursor: Option<&str>) -> String {
        let enc = |v: &str| String::from(js_sys::encode_uri_component(v.trim()));
        let mut p = match self.status.as_str() {
            "spam" => "/v1/admin/reviews?status=rejected&spam=true&limit=50".to_string(),
            "published" | "rejected" => format!("/v1/admin/reviews?status={}&limit=50", self.status),
            _ => "/v1/admin/reviews?status=pending&limit=50".to_string(),
        };
        for (name, value) in [("rating", &self.rating), ("product_id", &self.product), ("q", &self.words)] {
            if !value.trim().is_empty() {
                p.push_str(&format!("&{name}={}", enc(value)));
            }
        }
        if let Some(c) = cursor {
            p.push_str(&format!("&cursor={}", enc(c)));
        }
        p
    }
}

const STATUSES: [(&str, &str); 4] = [
    ("pending", crate::texts::tk("waiting")),
    ("published", crate::texts::tk("published")),
    ("rejected", crate::texts::tk("rejected")),
    ("spam", crate::texts::tk("caught by the spam traps")),
];

#[function_component(Reviews)]
pub fn reviews(props: &Props) -> Html {
    let filter = use_state(|| Filter { status: "pending".into(), ..Filter::default() });
    let items = use_state(Vec::<AdminReview>::new);
    let next = use_state(|| None::<String>);
    let chosen = use_state(BTreeSet::<i64>::new);
    let error = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    // The latest first page asked for: an answer for older filters is dropped.
    let latest = use_mut_ref(|| 0u64);
    // Reads the first page (`None`) or the next one, after what is shown.
    let fetch = {
        let (items, next, chosen, error, session, latest) =
            (items.clone(), next.clone(), chosen.clone(), error.clone(), props.session.clone(), latest.clone());
        move |f: Filter, cursor: Option<String>| {
            if cursor.is_none() {
                *latest.borrow_mut() += 1;
            }
            let mine = *latest.borrow();
            let (items, next, chosen, error, session, latest) =
                (items.clone(), next.clone(), chosen.clone(), error.clone(), session.clone(), latest.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::get::<AdminReviewPage>(&f.path(cursor.as_deref())).await;
                if *latest.borrow() != mine {
                    return;
                }
                match answer {
                    Ok(p) => {
                        let mut all = if cursor.is_some() { (*items).clone() } else { Vec::new() };
                        all.extend(p.items);
                        items.set(all);
                        next.set(p.next_cursor);
                        if cursor.is_none() {
                            chosen.set(BTreeSet::new());
                        }
                        error.set(None);
                    }
                    Err(f) => session.fail(f, &error),
                }
            });
        }
    };
    {
        let fetch = fetch.clone();
        use_effect_with(((*filter).clone(), *reload), move |(f, _)| fetch(f.clone(), None));
    }
    let act = |action: ModerationAction, done: &'static str| {
        let (chosen, error, notice, reload, session) =
            (chosen.clone(), error.clone(), notice.clone(), reload.clone(), props.session.clone());
        Callback::from(move |_| {
            let ids: Vec<i64> = chosen.iter().copied().collect();
            if ids.is_empty() {
                return;
            }
            let (error, notice, reload, session) = (error.clone(), notice.clone(), reload.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let body = BulkModeration { ids: ids.clone(), action };
                match api::send::<_, serde_json::Value>("POST", "/v1/admin/reviews/moderation", &session.csrf, Some(&body)).await {
                    Ok(_) => {
                        notice.set(Some(fill(done, &[("n", &ids.len().to_string())])));
                        error.set(None);
                        reload.set(*reload + 1);
                    }
                    Err(f) => session.fail(f, &error),
                }
            });
        })
    };
    // The spam queue at a tick (the status's "caught by the spam traps" is the same).
    let toggle_spam = {
        let filter = filter.clone();
        Callback::from(move |_| {
            let status = if filter.status == "spam" { "pending" } else { "spam" };
            filter.set(Filter { status: status.into(), ..(*filter).clone() });
        })
    };
    let status_ref = use_node_ref();
    let rating_ref = use_node_ref();
    let product_ref = use_node_ref();
    let words_ref = use_node_ref();
    let apply = {
        let (filter, status_ref, rating_ref, product_ref, words_ref) =
            (filter.clone(), status_ref.clone(), rating_ref.clone(), product_ref.clone(), words_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let select = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let input = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|s| s.value()).unwrap_or_default();
            filter.set(Filter {
                status: select(&status_ref),
                rating: select(&rating_ref),
                product: input(&product_ref),
                words: input(&words_ref),
            });
        })
    };
    let rows = items.iter().map(|r| {
        let id = r.review.id;
        let check = {
            let chosen = chosen.clone();
            Callback::from(move |_| {
                let mut c = (*chosen).clone();
                if !c.remove(&id) {
                    c.insert(id);
                }
                chosen.set(c);
            })
        };
        let reply_ref = NodeRef::default();
        let send_reply = |delete: bool| {
            let (reply_ref, error, notice, reload, session) = (reply_ref.clone(), error.clone(), notice.clone(), reload.clone(), props.session.clone());
            move || {
                let body = match reply_ref.cast::<HtmlTextAreaElement>() {
                    Some(field) if !delete => Some(ReplyCreate { body: field.value() }),
                    _ if delete => None,
                    _ => return,
                };
                let (error, notice, reload, session) = (error.clone(), notice.clone(), reload.clone(), session.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let (method, done) = if delete { ("DELETE", t("Reply taken back.")) } else { ("POST", t("Reply saved.")) };
                    match api::send::<_, serde_json::Value>(method, &format!("/v1/admin/reviews/{id}/reply"), &session.csrf, body.as_ref()).await {
                        Ok(_) => {
                            notice.set(Some(done.into()));
                            error.set(None);
                            reload.set(*reload + 1);
                        }
                        Err(f) => session.fail(f, &error),
                    }
                });
            }
        };
        let reply = {
            let send = send_reply(false);
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                send();
            })
        };
        let take_back = {
            let send = send_reply(true);
            Callback::from(move |_: MouseEvent| send())
        };
        let label = format!("review-{id}");
        let stars = "★".repeat(usize::from(r.review.rating));
        let by = fill(t("— {author} on {product}"), &[("author", &r.review.author_name), ("product", &r.review.product_id)]);
        let photos = r.review.photos.len();
        html! {
            <li class="rk-review" key={id}>
                <input type="checkbox" id={label.clone()} checked={chosen.contains(&id)} onchange={check} />
                <label for={label}>
                    <span class="rk-stars" aria-label={fill(t("{n} of 5 stars"), &[("n", &r.review.rating.to_string())])}>{ stars }</span>
                    { " " }<strong>{ r.review.title.clone().unwrap_or_default() }</strong>
                    { " " }{ by }
                    if r.review.verified { <span class="rk-verified">{ " · " }{ t("verified buyer") }</span> }
                    if let Some(trap) = &r.spam { <span class="rk-tag">{ " " }{ fill(t("caught: {trap}"), &[("trap", trap)]) }</span> }
                </label>
                <p class="rk-body">{ r.review.body.clone() }</p>
                if photos > 0 {
                    <ul class="rk-photos" aria-label={fill(t("Photos of review {id}"), &[("id", &id.to_string())])}>
                        { for r.review.photos.iter().enumerate().map(|(i, p)| {
                            let alt = fill(t("Photo {n} of {count}, by {author}"), &[("n", &(i + 1).to_string()), ("count", &photos.to_string()), ("author", &r.review.author_name)]);
                            html! { <li><a href={p.url.clone()} target="_blank" rel="noopener"><img src={p.url.clone()} alt={alt} width="96" height="96" loading="lazy" /></a></li> }
                        }) }
                    </ul>
                }
                if let Some(existing) = &r.review.reply {
                    <p class="rk-reply"><strong>{ t("Your reply:") }{ " " }</strong>{ existing.body.clone() }</p>
                }
                <form class="rk-reply-form" onsubmit={reply}>
                    <label for={format!("reply-{id}")}>{ if r.review.reply.is_some() { t("Change the reply (shown under the review)") } else { t("Reply (shown under the review)") } }</label>
                    <textarea id={format!("reply-{id}")} ref={reply_ref} rows="2" maxlength="2000" required=true
                        value={r.review.reply.as_ref().map(|x| x.body.clone()).unwrap_or_default()} />
                    <div class="rk-bulk">
                        <button type="submit">{ if r.review.reply.is_some() { t("Save the reply") } else { t("Reply") } }</button>
                        if r.review.reply.is_some() {
                            <button type="button" class="rk-danger" onclick={take_back}>{ t("Take the reply back") }</button>
                        }
                    </div>
                </form>
            </li>
        }
    });
    let n = chosen.len();
    let status = filter.status.clone();
    let more = match &*next {
        Some(c) => {
            let (c, f, fetch) = (c.clone(), (*filter).clone(), fetch.clone());
            html! { <button type="button" class="rk-more" onclick={Callback::from(move |_| fetch(f.clone(), Some(c.clone())))}>{ t("More") }</button> }
        }
        None => html! {},
    };
    let button = |action: ModerationAction, label: &'static str, done: &'static str| {
        html! { <button type="button" disabled={n == 0} onclick={act(action, done)}>{ fill(label, &[("n", &n.to_string())]) }</button> }
    };
    html! {
        <>
            <h1>{ match status.as_str() {
                "spam" => t("Spam queue"),
                "published" => t("Published reviews"),
                "rejected" => t("Rejected reviews"),
                _ => t("Reviews waiting for you"),
            } }</h1>
            <label class="rk-check"><input type="checkbox" checked={status == "spam"} onchange={toggle_spam} />{ " " }{ t("Show what the spam traps caught") }</label>
            <form class="rk-filters" role="search" aria-label={t("Find reviews")} onsubmit={apply}>
                <label for="review-status">{ t("Status") }</label>
                <select id="review-status" ref={status_ref}>
                    { for STATUSES.iter().map(|(v, n)| html! { <option value={*v} selected={status == *v}>{ t(n) }</option> }) }
                </select>
                <label for="review-rating">{ t("Stars") }</label>
                <select id="review-rating" ref={rating_ref}>
                    <option value="" selected={filter.rating.is_empty()}>{ t("any") }</option>
                    { for (1..=5u8).rev().map(|s| {
                        let (value, shown) = (s.to_string(), fill(t("{n} of 5 stars"), &[("n", &s.to_string())]));
                        html! { <option value={value.clone()} selected={filter.rating == value}>{ shown }</option> }
                    }) }
                </select>
                <label for="review-product">{ t("Product id") }</label>
                <input id="review-product" ref={product_ref} type="search" autocomplete="off" value={filter.product.clone()} />
                <label for="review-words">{ t("Words in the title, text or name") }</label>
                <input id="review-words" ref={words_ref} type="search" autocomplete="off" maxlength="100" value={filter.words.clone()} />
                <button type="submit">{ t("Show") }</button>
            </form>
            if let Some(e) = &*error { <p class="rk-error" role="alert">{ e }</p> }
            <p role="status" class="rk-notice">{ notice.as_deref().unwrap_or("") }</p>
            <div class="rk-bulk" role="group" aria-label={t("With the chosen reviews")}>
                { match status.as_str() {
                    "spam" => button(ModerationAction::Restore, t("Restore ({n})"), t("Reviews back in the queue: {n}.")),
                    "published" => button(ModerationAction::Reject, t("Reject ({n})"), t("Reviews rejected: {n}.")),
                    "rejected" => html! { <>
                        { button(ModerationAction::Approve, t("Approve ({n})"), t("Reviews published: {n}.")) }
                        { button(ModerationAction::Restore, t("Restore ({n})"), t("Reviews back in the queue: {n}.")) }
                    </> },
                    _ => html! { <>
                        { button(ModerationAction::Approve, t("Approve ({n})"), t("Reviews published: {n}.")) }
                        { button(ModerationAction::Reject, t("Reject ({n})"), t("Reviews rejected: {n}.")) }
                    </> },
                } }
            </div>
            if items.is_empty() { <p>{ t("Nothing here.") }</p> }
            <ul class="rk-reviews">{ for rows }</ul>
            { more }
        </>
    }
}
