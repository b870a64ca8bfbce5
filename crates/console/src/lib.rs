//! The merchant console (`/admin` on the reference server): sign in with the admin key (kept
//! nowhere: exchanged for an HttpOnly session cookie), then the overview (NPS and CSAT per
//! week with their intervals, reviews per week with their mean rating, the exit offer's
//! funnel, customers per RFM segment), the reviews (filters, bulk approve/reject, photos,
//! replies, the spam queue with restore), each survey's results and comments, each offer's funnel and leads, the loyalty program (tiers, ways to earn,
//! rewards), its members with their ledger and points by hand, RFM segments and their
//! customers, webhooks with their delivery log, and the exports.
//! Charts are drawn by plotters, each with its table. Every text the shop or a shopper wrote
//! is shown as text (Yew escapes it).

pub mod api;
mod charts;
mod editor;
mod load;
mod loyalty;
mod offers;
mod overview;
mod program;
mod results;
mod reviews;
mod segments;
mod signin;
mod surveys;
mod texts;
mod webhooks;

use api::Failure;
use retainkit_contract::admin::AdminSession;
use texts::t;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Overview,
    Reviews,
    Surveys,
    Offers,
    Loyalty,
    Segments,
    Webhooks,
    Exports,
}

impl Page {
    const ALL: [Page; 8] =
        [Page::Overview, Page::Reviews, Page::Surveys, Page::Offers, Page::Loyalty, Page::Segments, Page::Webhooks, Page::Exports];

    fn label(self) -> &'static str {
        match self {
            Page::Overview => t("Overview"),
            Page::Reviews => t("Reviews"),
            Page::Surveys => t("Surveys"),
            Page::Offers => t("Offers"),
            Page::Loyalty => t("Loyalty"),
            Page::Segments => t("Segments"),
            Page::Webhooks => t("Webhooks"),
            Page::Exports => t("Exports"),
        }
    }
}

/// The session: its CSRF token, for every change.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub csrf: String,
    /// Called when the server says the session has ended.
    pub ended: Callback<()>,
}

impl Session {
    /// Shows a failure, or signs out when it is the session that ended.
    pub fn fail(&self, f: Failure, error: &UseStateHandle<Option<String>>) {
        if f == Failure::SignedOut {
            self.ended.emit(());
        } else {
            error.set(Some(f.message()));
        }
    }
}

enum Signed {
    Checking,
    Out,
    In(String),
}

#[function_component(App)]
pub fn app() -> Html {
    let signed = use_state(|| Signed::Checking);
    let page = use_state(|| Page::Overview);
    // The console's language: a change shows every page anew in it (the header stays, with
    // the focus on the language's field). The first one is read before anything is shown.
    let lang = use_state(|| "en");
    let pick_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let (lang, chosen) = (lang.clone(), s.value());
                wasm_bindgen_futures::spawn_local(async move {
                    texts::choose(&chosen).await;
                    lang.set(texts::current());
                });
            }
        })
    };
    let languages = html! {
        <div class="rk-lang">
            <label for="console-lang">{ t("Console language") }</label>
            <select id="console-lang" onchange={pick_lang}>
                { for texts::LANGUAGES.iter().map(|(tag, name)| html! {
                    <option value={*tag} lang={*tag} selected={*lang == *tag}>{ *name }</option>
                }) }
            </select>
        </div>
    };
    {
        let (signed, lang) = (signed.clone(), lang.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                texts::choose(texts::preferred()).await;
                lang.set(texts::current());
                match api::get::<AdminSession>("/v1/admin/session").await {
                    Ok(s) => signed.set(Signed::In(s.csrf_token)),
                    Err(_) => signed.set(Signed::Out),
                }
            });
        });
    }
    let on_signed_in = {
        let signed = signed.clone();
        Callback::from(move |csrf: String| signed.set(Signed::In(csrf)))
    };
    match &*signed {
        Signed::Checking => html! { <main class="rk-console"><p role="status">{ t("Loading…") }</p></main> },
        Signed::Out => html! {
            <>
                <header class="rk-signin-header">{ languages }</header>
                <signin::SignIn key={*lang} on_signed_in={on_signed_in} />
            </>
        },
        Signed::In(csrf) => {
            let session = Session {
                csrf: csrf.clone(),
                ended: {
                    let signed = signed.clone();
                    Callback::from(move |_| signed.set(Signed::Out))
                },
            };
            let sign_out = {
                let session = session.clone();
                let signed = signed.clone();
                Callback::from(move |_| {
                    let (csrf, signed) = (session.csrf.clone(), signed.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = api::send::<(), serde_json::Value>("DELETE", "/v1/admin/session", &csrf, None).await;
                        signed.set(Signed::Out);
                    });
                })
            };
            let nav = Page::ALL.iter().map(|&p| {
                let set = {
                    let page = page.clone();
                    Callback::from(move |_| page.set(p))
                };
                let current = (*page == p).then_some("page");
                html! { <li><button type="button" aria-current={current} onclick={set}>{ p.label() }</button></li> }
            });
            let body = match *page {
                Page::Overview => html! { <overview::Overview session={session.clone()} /> },
                Page::Reviews => html! { <reviews::Reviews session={session.clone()} /> },
                Page::Surveys => html! { <surveys::Surveys session={session.clone()} /> },
                Page::Offers => html! { <offers::Offers session={session.clone()} /> },
                Page::Loyalty => html! { <loyalty::Loyalty session={session.clone()} /> },
                Page::Segments => html! { <segments::Segments session={session.clone()} /> },
                Page::Webhooks => html! { <webhooks::Webhooks session={session.clone()} /> },
                Page::Exports => html! { <Exports /> },
            };
            html! {
                <div class="rk-console">
                    <header>
                        <p class="rk-brand">{ "RetainKit" }</p>
                        <nav aria-label={t("Console")}><ul>{ for nav }</ul></nav>
                        <div class="rk-account">
                            { languages }
                            <button type="button" class="rk-signout" onclick={sign_out}>{ t("Sign out") }</button>
                        </div>
                    </header>
                    <main key={*lang}>{ body }</main>
                </div>
            }
        }
    }
}

#[function_component(Exports)]
fn exports() -> Html {
    let files = [
        ("responses.csv", t("Survey answers, with comments")),
        ("reviews.csv", t("Reviews, with status and reply")),
        ("leads.csv", t("E-mail addresses, with the time of consent")),
        ("members.csv", t("Loyalty members: balance, tier, last activity")),
        ("ledger.csv", t("Every points change")),
        ("segments.csv", t("Customers with their RFM scores and segment")),
    ];
    html! {
        <section aria-labelledby="exports-title">
            <h1 id="exports-title">{ t("Exports") }</h1>
            <p>{ t("CSV files (UTF-8, RFC 4180) for spreadsheets and other tools.") }</p>
            <ul class="rk-exports">
                { for files.iter().map(|(file, what)| html! {
                    <li><a href={format!("/v1/admin/exports/{file}")} download={file.to_string()}>{ *file }</a>{ " — " }{ *what }</li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("console")) {
        yew::Renderer::<App>::with_root(root).render();
    }
}
