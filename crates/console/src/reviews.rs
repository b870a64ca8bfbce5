//! The review queue: waiting reviews (or the spam queue), chosen with check boxes and
//! approved or rejected together (restored, in the spam queue), and a reply to any of them.

use crate::api;
use crate::texts::{fill, t};
use crate::Session;
use retainkit_contract::admin::{AdminReview, AdminReviewPage, BulkModeration, ModerationAction, ReplyCreate};
use std::collections::BTreeSet;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

#[function_component(Reviews)]
pub fn reviews(props: &Props) -> Html {
    let spam = use_state(|| false);
    let items = use_state(Vec::<AdminReview>::new);
    let chosen = use_state(BTreeSet::<i64>::new);
    let error = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (items, chosen, error, session) = (items.clone(), chosen.clone(), error.clone(), props.session.clone());
        use_effect_with((*spam, *reload), move |(spam, _)| {
            let path =
                if *spam { "/v1/admin/reviews?status=rejected&spam=true&limit=50" } else { "/v1/admin/reviews?status=pending&limit=50" };
            wasm_bindgen_futures::spawn_local(async move {
                match api::get::<AdminReviewPage>(path).await {
                    Ok(p) => {
                        items.set(p.items);
                        chosen.set(BTreeSet::new());
                    }
                    Err(f) => session.fail(f, &error),
                }
            });
        });
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
    let toggle_spam = {
        let spam = spam.clone();
        Callback::from(move |_| spam.set(!*spam))
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
        let reply = {
            let (reply_ref, error, notice, reload, session) = (reply_ref.clone(), error.clone(), notice.clone(), reload.clone(), props.session.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(field) = reply_ref.cast::<HtmlTextAreaElement>() else { return };
                let body = ReplyCreate { body: field.value() };
                let (error, notice, reload, session) = (error.clone(), notice.clone(), reload.clone(), session.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match api::send::<_, serde_json::Value>("POST", &format!("/v1/admin/reviews/{id}/reply"), &session.csrf, Some(&body)).await {
                        Ok(_) => {
                            notice.set(Some(t("Reply saved.").into()));
                            reload.set(*reload + 1);
                        }
                        Err(f) => session.fail(f, &error),
                    }
                });
            })
        };
        let label = format!("review-{id}");
        let stars = "★".repeat(usize::from(r.review.rating));
        html! {
            <li class="rk-review" key={id}>
                <input type="checkbox" id={label.clone()} checked={chosen.contains(&id)} onchange={check} />
                <label for={label}>
                    <span class="rk-stars" aria-label={fill(t("{n} of 5 stars"), &[("n", &r.review.rating.to_string())])}>{ stars }</span>
                    { " " }<strong>{ r.review.title.clone().unwrap_or_default() }</strong>
                    { " " }{ fill(t("— {author} on {product}"), &[("author", &r.review.author_name), ("product", &r.review.product_id)]) }
                    if let Some(trap) = &r.spam { <span class="rk-tag">{ " " }{ fill(t("caught: {trap}"), &[("trap", trap)]) }</span> }
                </label>
                <p class="rk-body">{ r.review.body.clone() }</p>
                if let Some(existing) = &r.review.reply { <p class="rk-reply"><strong>{ t("Your reply:") }{ " " }</strong>{ existing.body.clone() }</p> }
                <form class="rk-reply-form" onsubmit={reply}>
                    <label for={format!("reply-{id}")}>{ t("Reply (shown under the review)") }</label>
                    <textarea id={format!("reply-{id}")} ref={reply_ref} rows="2" maxlength="2000" required=true />
                    <button type="submit">{ t("Reply") }</button>
                </form>
            </li>
        }
    });
    let n = chosen.len();
    html! {
        <>
            <h1>{ if *spam { t("Spam queue") } else { t("Reviews waiting for you") } }</h1>
            <label class="rk-check"><input type="checkbox" checked={*spam} onchange={toggle_spam} />{ " " }{ t("Show what the spam traps caught") }</label>
            if let Some(e) = &*error { <p class="rk-error" role="alert">{ e }</p> }
            <p role="status" class="rk-notice">{ notice.as_deref().unwrap_or("") }</p>
            <div class="rk-bulk" role="group" aria-label={t("With the chosen reviews")}>
                if *spam {
                    <button type="button" disabled={n == 0} onclick={act(ModerationAction::Restore, t("Reviews back in the queue: {n}."))}>{ fill(t("Restore ({n})"), &[("n", &n.to_string())]) }</button>
                } else {
                    <button type="button" disabled={n == 0} onclick={act(ModerationAction::Approve, t("Reviews published: {n}."))}>{ fill(t("Approve ({n})"), &[("n", &n.to_string())]) }</button>
                    <button type="button" disabled={n == 0} onclick={act(ModerationAction::Reject, t("Reviews rejected: {n}."))}>{ fill(t("Reject ({n})"), &[("n", &n.to_string())]) }</button>
                }
            </div>
            if items.is_empty() { <p>{ t("Nothing here.") }</p> }
            <ul class="rk-reviews">{ for rows }</ul>
        </>
    }
}
