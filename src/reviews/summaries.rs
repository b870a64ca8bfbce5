//! Rating summaries for star snippets, batched: the first `<rk-stars>` that asks fetches
//! the summaries of every `<rk-stars>` on the page in one request (100 ids a request at
//! most); later ones read the cache or wait for the request in flight.

use crate::api::{self, ApiError};
use futures_channel::oneshot;
use retainkit_contract::reviews::{RatingSummary, Summaries, SUMMARY_IDS_MAX};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

type Waiter = oneshot::Sender<Result<RatingSummary, ApiError>>;

#[derive(Default)]
struct Batcher {
    cache: Vec<RatingSummary>,
    /// Ids in a request now, with who waits for them.
    in_flight: Vec<(String, Vec<Waiter>)>,
}

thread_local! {
    static BATCH: RefCell<Batcher> = RefCell::new(Batcher::default());
}

/// Product ids of the `<rk-stars>` elements in the page.
fn page_product_ids() -> Vec<String> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = doc.query_selector_all("rk-stars[product-id]") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("product-id"))
        .map(|s| s.trim().to_owned())
        .filter(|s| retainkit_contract::is_valid_id(s))
        .collect()
}

/// Chooses the ids to fetch now: `wanted` first, then the page's, without the cached or
/// in-flight ones, at most [`SUMMARY_IDS_MAX`].
pub fn plan(wanted: &str, page: &[String], cached: &[&str], in_flight: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in std::iter::once(wanted).chain(page.iter().map(String::as_str)) {
        if out.len() >= SUMMARY_IDS_MAX {
            break;
        }
        if !cached.contains(&id) && !in_flight.contains(&id) && !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    out
}

/// The summary of one product, from the cache or a batched request.
pub async fn summary(product_id: &str) -> Result<RatingSummary, ApiError> {
    let (rx, batch) = BATCH.with(|b| {
        let mut b = b.borrow_mut();
        if let Some(s) = b.cache.iter().find(|s| s.product_id == product_id) {
            return (None, Err(Ok(s.clone())));
        }
        let (tx, rx) = oneshot::channel();
        if let Some((_, waiters)) = b.in_flight.iter_mut().find(|(id, _)| id == product_id) {
            waiters.push(tx);
            return (Some(rx), Ok(Vec::new()));
        }
        let cached: Vec<&str> = b.cache.iter().map(|s| s.product_id.as_str()).collect();
        let flying: Vec<&str> = b.in_flight.iter().map(|(id, _)| id.as_str()).collect();
        let ids = plan(product_id, &page_product_ids(), &cached, &flying);
        for id in &ids {
            b.in_flight.push((id.clone(), Vec::new()));
        }
        if let Some((_, waiters)) = b.in_flight.iter_mut().find(|(id, _)| id == product_id) {
            waiters.push(tx);
        }
        (Some(rx), Ok(ids))
    });
    let batch = match batch {
        Err(cached) => return cached,
        Ok(ids) => ids,
    };
    if !batch.is_empty() {
        let mut path = String::from("/v1/reviews/summaries?product_ids=");
        path.push_str(&batch.join(","));
        let result = api::get::<Summaries>(&path).await;
        BATCH.with(|b| {
            let mut b = b.borrow_mut();
            let done: Vec<(String, Vec<Waiter>)> = {
                let (done, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut b.in_flight).into_iter().partition(|(id, _)| batch.contains(id));
                b.in_flight = rest;
                done
            };
            if let Ok(s) = &result {
                b.cache.extend(s.summaries.iter().cloned());
            }
            for (id, waiters) in done {
                let answer = match &result {
                    Ok(s) => s.summaries.iter().find(|x| x.product_id == id).cloned().ok_or(ApiError::Malformed),
                    Err(e) => Err(e.clone()),
                };
                for w in waiters {
                    let _ = w.send(answer.clone());
                }
            }
        });
    }
    match rx {
        Some(rx) => rx.await.unwrap_or(Err(ApiError::Unavailable)),
        None => Err(ApiError::Unavailable),
    }
}

/// Forgets a product's summary (after a new review), so the next read fetches it again.
pub fn invalidate(product_id: &str) {
    BATCH.with(|b| b.borrow_mut().cache.retain(|s| s.product_id != product_id));
}

#[cfg(test)]
mod tests {
    use super::plan;

    #[test]
    fn one_request_covers_the_page() {
        let page: Vec<String> = ["a", "b", "c", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(plan("b", &page, &[], &[]), vec!["b", "a", "c"]);
        assert_eq!(plan("b", &page, &["a"], &["c"]), vec!["b"]);
        let many: Vec<String> = (0..150).map(|i| format!("p{i}")).collect();
        assert_eq!(plan("p0", &many, &[], &[]).len(), 100);
    }
}
