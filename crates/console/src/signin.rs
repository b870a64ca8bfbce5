//! Sign-in: the admin key, sent once and forgotten.

use crate::api::Failure;
use crate::texts::t;
use retainkit_contract::admin::{AdminSession, SignIn as Body};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_signed_in: Callback<String>,
}

#[function_component(SignIn)]
pub fn sign_in(props: &Props) -> Html {
    let key = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let submit = {
        let (key, error, busy, done) = (key.clone(), error.clone(), busy.clone(), props.on_signed_in.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = key.cast::<HtmlInputElement>() else { return };
            let value = input.value();
            // The key leaves the page's memory with the field.
            input.set_value("");
            let (error, busy, done) = (error.clone(), busy.clone(), done.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match gloo_net::http::Request::post("/v1/admin/session").json(&Body { key: value }) {
                    Ok(req) => req.send().await.map_err(|_| Failure::Network),
                    Err(_) => Err(Failure::Network),
                };
                busy.set(false);
                match answer {
                    Ok(res) if res.ok() => match res.json::<AdminSession>().await {
                        Ok(s) => done.emit(s.csrf_token),
                        Err(_) => error.set(Some(t("The server's answer could not be read.").into())),
                    },
                    Ok(res) if res.status() == 429 => error.set(Some(t("Too many tries. Wait a minute and try again.").into())),
                    Ok(_) => error.set(Some(t("That key is not right.").into())),
                    Err(f) => error.set(Some(f.message())),
                }
            });
        })
    };
    html! {
        <main class="rk-console rk-signin">
            <form onsubmit={submit} aria-labelledby="signin-title">
                <h1 id="signin-title">{ t("Sign in to RetainKit") }</h1>
                <label for="admin-key">{ t("Admin key") }</label>
                <input id="admin-key" ref={key} type="password" autocomplete="current-password" required=true
                    aria-invalid={error.is_some().then_some("true")} aria-describedby={error.is_some().then_some("signin-error")} />
                if let Some(e) = &*error {
                    <p id="signin-error" class="rk-error" role="alert">{ e }</p>
                }
                <button type="submit" disabled={*busy}>{ if *busy { t("Signing in…") } else { t("Sign in") } }</button>
                <p class="rk-hint">{ t("The key is exchanged for a session and not kept in this browser.") }</p>
            </form>
        </main>
    }
}
