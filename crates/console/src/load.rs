//! Reading from the admin API into a page: `use_get(path)` fetches when the path changes
//! (none: nothing to fetch yet), and shows a failure or signs out when the session ended.

use crate::api;
use crate::Session;
use serde::de::DeserializeOwned;
use yew::prelude::*;

pub struct Loaded<T> {
    pub value: UseStateHandle<Option<T>>,
    pub error: UseStateHandle<Option<String>>,
    /// Fetches again (after a change).
    pub reload: Callback<()>,
}

#[hook]
pub fn use_get<T: DeserializeOwned + 'static>(path: Option<String>, session: &Session) -> Loaded<T> {
    let value = use_state(|| None::<T>);
    let error = use_state(|| None::<String>);
    let round = use_state(|| 0u32);
    // The latest request: an answer to an older one (another path, which may come later) is
    // dropped, never shown over the newer one.
    let latest = use_mut_ref(|| 0u64);
    {
        let (value, error, session, latest) = (value.clone(), error.clone(), session.clone(), latest.clone());
        use_effect_with((path, *round), move |(path, _)| {
            *latest.borrow_mut() += 1;
            let mine = *latest.borrow();
            if let Some(path) = path.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = api::get::<T>(&path).await;
                    if *latest.borrow() != mine {
                        return;
                    }
                    match answer {
                        Ok(v) => {
                            value.set(Some(v));
                            error.set(None);
                        }
                        Err(f) => session.fail(f, &error),
                    }
                });
            }
        });
    }
    let reload = {
        let round = round.clone();
        Callback::from(move |_| round.set(*round + 1))
    };
    Loaded { value, error, reload }
}

/// The loyalty program's tiers as (id, name in the console's language), for audience rules;
/// none without a program.
#[hook]
pub fn use_tiers(session: &Session) -> Vec<(String, String)> {
    let program = use_get::<retainkit_contract::loyalty::Program>(Some("/v1/loyalty/program".into()), session);
    program
        .value
        .as_ref()
        .map(|p| p.tiers.iter().map(|t| (t.id.clone(), t.name.for_locale(crate::texts::current()).unwrap_or(&t.id).to_string())).collect())
        .unwrap_or_default()
}

/// The failure of a read, if any, as an alert.
pub fn alert(error: &Option<String>) -> Html {
    match error {
        Some(e) => html! { <p class="rk-error" role="alert">{ e }</p> },
        None => html! {},
    }
}

/// Unix seconds as `YYYY-MM-DD HH:MM` (UTC).
pub fn when(secs: i64) -> String {
    let (y, m, d) = retainkit_contract::admin::civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn when_is_utc_civil_time() {
        assert_eq!(super::when(0), "1970-01-01 00:00");
        assert_eq!(super::when(1_709_210_096), "2024-02-29 12:34");
        assert_eq!(super::when(-1), "1969-12-31 23:59");
    }
}

/// A cursor-paged list of the admin API.
pub trait Paged: DeserializeOwned + 'static {
    type Item: Clone + PartialEq + 'static;
    fn split(self) -> (Vec<Self::Item>, Option<String>);
}

macro_rules! paged {
    ($($page:ty => $item:ty),* $(,)?) => {
        $(impl Paged for $page {
            type Item = $item;
            fn split(self) -> (Vec<$item>, Option<String>) {
                (self.items, self.next_cursor)
            }
        })*
    };
}

use retainkit_contract::{admin, segments, webhooks};
paged! {
    admin::AdminResponsePage => admin::AdminResponse,
    admin::AdminLeadPage => admin::AdminLead,
    admin::AdminMemberPage => admin::AdminMember,
    admin::AdminLedgerPage => admin::AdminLedgerEntry,
    segments::SegmentMemberPage => segments::SegmentMember,
    webhooks::WebhookDeliveryPage => webhooks::WebhookDelivery,
}

pub struct Pages<T> {
    pub items: UseStateHandle<Vec<T>>,
    pub error: UseStateHandle<Option<String>>,
    /// A button for the next page, when there is one.
    pub more: Html,
    pub reload: Callback<()>,
}

/// The first page of `path` (a query string included: `&cursor=` is added), then the next
/// ones at "More"; from the start again when `path` changes or at `reload`.
#[hook]
pub fn use_pages<P: Paged>(path: String, session: &Session) -> Pages<P::Item> {
    let items = use_state(Vec::<P::Item>::new);
    let next = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let round = use_state(|| 0u32);
    // The latest first page asked for: pages of an older path or round are dropped.
    let latest = use_mut_ref(|| 0u64);
    let fetch = {
        let (items, next, error, session, path, latest) =
            (items.clone(), next.clone(), error.clone(), session.clone(), path.clone(), latest.clone());
        move |cursor: Option<String>| {
            if cursor.is_none() {
                *latest.borrow_mut() += 1;
            }
            let mine = *latest.borrow();
            let (items, next, error, session, latest) = (items.clone(), next.clone(), error.clone(), session.clone(), latest.clone());
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = match &cursor {
                Some(c) => format!("{path}{sep}cursor={}", String::from(js_sys::encode_uri_component(c))),
                None => path.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::get::<P>(&url).await;
                if *latest.borrow() != mine {
                    return;
                }
                match answer {
                    Ok(p) => {
                        let (page, cursor_next) = p.split();
                        let mut all = if cursor.is_some() { (*items).clone() } else { Vec::new() };
                        all.extend(page);
                        items.set(all);
                        next.set(cursor_next);
                        error.set(None);
                    }
                    Err(f) => session.fail(f, &error),
                }
            });
        }
    };
    {
        let fetch = fetch.clone();
        use_effect_with((path, *round), move |_| fetch(None));
    }
    let more = match &*next {
        Some(c) => {
            let c = c.clone();
            html! { <button type="button" class="rk-more" onclick={Callback::from(move |_| fetch(Some(c.clone())))}>{ crate::texts::t("More") }</button> }
        }
        None => html! {},
    };
    let reload = Callback::from(move |_| round.set(*round + 1));
    Pages { items, error, more, reload }
}
