//! Webhooks: where the shop's events go (Klaviyo, Slack, its own code), each with its signing
//! secret and its delivery log (every event, its tries, the last answer).

use crate::load::{alert, use_get, use_pages, when};
use crate::texts::{fill, fill_html, t};
use crate::{api, Session};
use retainkit_contract::webhooks::{DeliveryStatus, Webhook, WebhookCreate, WebhookDeliveryPage, WebhookEvent, WebhookList};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
}

#[function_component(Webhooks)]
pub fn webhooks(props: &Props) -> Html {
    let list = use_get::<WebhookList>(Some("/v1/admin/webhooks".into()), &props.session);
    let url = use_node_ref();
    let events = use_state(|| vec![WebhookEvent::SurveyResponse]);
    let error = use_state(|| None::<String>);
    let status = use_state(|| None::<String>);
    let log = use_state(|| None::<i64>);
    let add = {
        let (url, events, error, status, session, reload) =
            (url.clone(), events.clone(), error.clone(), status.clone(), props.session.clone(), list.reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = url.cast::<HtmlInputElement>() else { return };
            if events.is_empty() {
                error.set(Some(t("Choose at least one event.").into()));
                return;
            }
            let body = WebhookCreate { url: input.value().trim().to_string(), events: (*events).clone() };
            let (error, status, session, reload) = (error.clone(), status.clone(), session.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::send::<_, Webhook>("POST", "/v1/admin/webhooks", &session.csrf, Some(&body)).await {
                    Ok(w) => {
                        input.set_value("");
                        error.set(None);
                        status.set(Some(fill(t("Webhook added: events now go to {url}."), &[("url", &w.url)])));
                        reload.emit(());
                    }
                    Err(f) => session.fail(f, &error),
                }
            });
        })
    };
    let items = list.value.as_ref().map(|l| l.items.clone()).unwrap_or_default();
    html! {
        <>
            <h1>{ t("Webhooks") }</h1>
            <p>{ fill_html(
                t("Each event is sent as JSON in a POST, signed with the webhook's secret: the header {header} holds the HMAC-SHA256 of {signed}. A failed delivery is tried again, 8 times in all, waiting longer each time."),
                &[("header", html! { <code>{ "RetainKit-Signature: t=…,v1=…" }</code> }), ("signed", html! { <code>{ "t.body" }</code> })],
            ) }</p>
            { alert(&list.error) }
            if let Some(s) = &*status { <p role="status">{ s }</p> }
            if list.value.is_some() && items.is_empty() { <p>{ t("No webhooks yet.") }</p> }
            <ul class="rk-hooks">
                { for items.iter().map(|w| {
                    let remove = {
                        let (session, error, status, reload, id, target) = (props.session.clone(), error.clone(), status.clone(), list.reload.clone(), w.id, w.url.clone());
                        Callback::from(move |_| {
                            let (session, error, status, reload, target) = (session.clone(), error.clone(), status.clone(), reload.clone(), target.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                match api::send::<(), serde_json::Value>("DELETE", &format!("/v1/admin/webhooks/{id}"), &session.csrf, None).await {
                                    Ok(_) => {
                                        status.set(Some(fill(t("Webhook removed: nothing more goes to {url}."), &[("url", &target)])));
                                        reload.emit(());
                                    }
                                    Err(f) => session.fail(f, &error),
                                }
                            });
                        })
                    };
                    let show = {
                        let (log, id) = (log.clone(), w.id);
                        Callback::from(move |_| log.set(if *log == Some(id) { None } else { Some(id) }))
                    };
                    let open = *log == Some(w.id);
                    html! {
                        <li class="rk-hook">
                            <p class="rk-hook-url">{ &w.url }</p>
                            <p class="rk-hint">{ w.events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ") }{ " · " }{ fill(t("added {time}"), &[("time", &when(w.created_at))]) }</p>
                            <p>{ t("Secret:") }{ " " }<code>{ &w.secret }</code></p>
                            <div class="rk-bulk">
                                <button type="button" aria-expanded={open.to_string()} onclick={show}>{ t("Delivery log") }</button>
                                <button type="button" class="rk-danger" onclick={remove}>{ t("Remove") }</button>
                            </div>
                            if open { <Deliveries session={props.session.clone()} webhook={w.id} /> }
                        </li>
                    }
                }) }
            </ul>
            <form class="rk-add-hook" onsubmit={add} aria-labelledby="add-hook-title">
                <h2 id="add-hook-title">{ t("Add a webhook") }</h2>
                <label for="hook-url">{ t("URL (https://…)") }</label>
                <input id="hook-url" ref={url} type="url" required=true placeholder="https://example.com/retainkit" />
                <fieldset>
                    <legend>{ t("Events") }</legend>
                    { for WebhookEvent::ALL.iter().map(|&ev| {
                        let toggle = {
                            let events = events.clone();
                            Callback::from(move |_| {
                                let mut v = (*events).clone();
                                if let Some(i) = v.iter().position(|x| *x == ev) { v.remove(i); } else { v.push(ev); }
                                events.set(v);
                            })
                        };
                        html! { <label class="rk-check"><input type="checkbox" checked={events.contains(&ev)} onchange={toggle} />{ format!(" {}", ev.as_str()) }</label> }
                    }) }
                </fieldset>
                { alert(&error) }
                <button type="submit">{ t("Add webhook") }</button>
            </form>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DeliveriesProps {
    session: Session,
    webhook: i64,
}

#[function_component(Deliveries)]
fn deliveries(props: &DeliveriesProps) -> Html {
    let pages = use_pages::<WebhookDeliveryPage>(format!("/v1/admin/webhooks/{}/deliveries?limit=50", props.webhook), &props.session);
    html! {
        <>
            { alert(&pages.error) }
            <div class="rk-table-wrap" tabindex="0" role="group" aria-label={t("Delivery log")}><table class="rk-table" aria-label={t("Delivery log")}>
                <thead><tr><th scope="col">{ t("Event") }</th><th scope="col">{ t("Status") }</th><th scope="col">{ t("Tries") }</th>
                    <th scope="col">{ t("Last answer") }</th><th scope="col">{ t("Created (UTC)") }</th></tr></thead>
                <tbody>
                    { for pages.items.iter().map(|d| {
                        let state = match d.status {
                            DeliveryStatus::Delivered => fill(t("delivered {time}"), &[("time", &d.delivered_at.map(when).unwrap_or_default())]),
                            DeliveryStatus::Pending => fill(t("next try {time}"), &[("time", &d.next_attempt_at.map(when).unwrap_or_default())]),
                            DeliveryStatus::Failed => t("failed").to_string(),
                        };
                        let answer = match (d.last_status, &d.last_error) {
                            (Some(s), _) => format!("HTTP {s}"),
                            (None, Some(e)) => e.clone(),
                            (None, None) => "—".into(),
                        };
                        html! { <tr><th scope="row">{ d.event.as_str() }</th><td>{ state }</td><td>{ d.attempts }</td><td>{ answer }</td><td>{ when(d.created_at) }</td></tr> }
                    }) }
                </tbody>
            </table></div>
            if pages.items.is_empty() { <p>{ t("Nothing sent yet.") }</p> }
            { pages.more }
        </>
    }
}
