//! The review form: star rating, title, text with a live counter, name, e-mail (never
//! shown), up to 5 photos, and a honeypot. The contract's rules are checked before sending;
//! the server's field errors land next to the same fields. Used inline as
//! `<rk-review-form>` and inside `<rk-reviews>`'s dialog.

use super::form_state::{Field, FormAction, FormPhase, FormState, PhotoProblem, PhotoStatus};
use super::photo_upload;
use crate::api::{self, ApiError};
use crate::elements::attrs::Attrs;
use crate::elements::events;
use crate::i18n::Locale;
use crate::ui::{CopyCode, RatingInput};
use retainkit_contract::is_valid_id;
use retainkit_contract::reviews::{ReviewCreated, ReviewStatus, Reward, BODY_MAX};
use serde::Serialize;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ReviewFormProps {
    pub product_id: AttrValue,
    pub locale: Locale,
    /// `order-token`: the shop's signed token for this order; the review is verified.
    pub order_token: Option<AttrValue>,
    /// Told when the review is in (the list refreshes itself).
    #[prop_or_default]
    pub on_done: Callback<ReviewCreated>,
}

impl ReviewFormProps {
    pub fn from_attrs(a: &Attrs) -> ReviewFormProps {
        ReviewFormProps {
            product_id: AttrValue::from(a.text("product-id").filter(|id| is_valid_id(id)).unwrap_or("").to_owned()),
            locale: a.locale(),
            order_token: a.text("order-token").map(|t| AttrValue::from(t.to_owned())),
            on_done: Callback::noop(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubmitDetail<'a> {
    product_id: &'a str,
    review_id: i64,
    status: ReviewStatus,
    rating: u8,
}

#[function_component(ReviewForm)]
pub fn review_form(props: &ReviewFormProps) -> Html {
    let state = use_reducer(FormState::default);
    // When the shopper first touched the form (focus, a key, a tap, autofill's input): the
    // fill time is counted from there, so a form left open for a while is no proof of a person.
    let started_at = use_mut_ref(|| None::<f64>);
    let started = {
        let started_at = started_at.clone();
        Callback::from(move |_: Event| {
            started_at.borrow_mut().get_or_insert_with(js_sys::Date::now);
        })
    };
    let root = use_node_ref();
    let done_ref = use_node_ref();
    let l = props.locale;
    let t = l.texts();

    let edit = |field: Field| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(FormAction::Edit(field, crate::ui::field_value(&e))))
    };
    let on_rating = {
        let state = state.clone();
        Callback::from(move |r: u8| state.dispatch(FormAction::Rating(r)))
    };
    let on_files = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(files) = input.files() else { return };
            let mut room = state.room_for_photos();
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                if room == 0 {
                    break;
                }
                if let Err(p) = photo_upload::check(&file.type_(), file.size()) {
                    state.dispatch(FormAction::PhotoProblem(p));
                    continue;
                }
                room -= 1;
                let slot = state.next_slot + (state.room_for_photos() - room - 1) as u32;
                let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
                state.dispatch(FormAction::AddPhoto { preview });
                let (s1, s2) = (state.clone(), state.clone());
                photo_upload::upload(
                    &file,
                    move |percent| s1.dispatch(FormAction::Progress { slot, percent }),
                    move |id| match id {
                        Some(id) => s2.dispatch(FormAction::Uploaded { slot, id }),
                        None => s2.dispatch(FormAction::UploadFailed { slot }),
                    },
                );
            }
            input.set_value("");
        })
    };
    let remove_photo = |slot: u32, preview: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = web_sys::Url::revoke_object_url(&preview);
            state.dispatch(FormAction::RemovePhoto { slot });
        })
    };

    let onsubmit = {
        let (state, props, root, started_at) = (state.clone(), props.clone(), root.clone(), started_at.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if state.phase == FormPhase::Sending || state.uploading() {
                return;
            }
            let now = js_sys::Date::now();
            let fill_ms = (now - started_at.borrow().unwrap_or(now)) as i64;
            let body = state.to_create(props.locale.tag(), props.order_token.as_ref().map(|t| t.to_string()), fill_ms);
            if let Err(errors) = state.check(&body) {
                state.dispatch(FormAction::Invalid(errors));
                focus_first_error(&root);
                return;
            }
            let key = state.key.clone().unwrap_or_else(api::new_key);
            state.dispatch(FormAction::Sending { key: key.clone() });
            let (state, props, root) = (state.clone(), props.clone(), root.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut path = String::from("/v1/products/");
                path.push_str(&props.product_id);
                path.push_str("/reviews");
                match api::create_signed::<_, ReviewCreated>(&path, &body, &key).await {
                    Ok(created) => {
                        if let Some(el) = root.cast::<web_sys::Element>() {
                            let d = SubmitDetail {
                                product_id: &props.product_id,
                                review_id: created.id,
                                status: created.status,
                                rating: body.rating,
                            };
                            events::emit(&el, "rk-review-submit", &d);
                        }
                        super::summaries::invalidate(&props.product_id);
                        // A published review may have earned the signed-in customer points.
                        crate::loyalty::store::refresh();
                        props.on_done.emit(created.clone());
                        state.dispatch(FormAction::Sent(created));
                    }
                    Err(ApiError::Unavailable) => state.dispatch(FormAction::Unavailable),
                    Err(ApiError::Rejected { error, .. }) => {
                        state.dispatch(FormAction::Rejected(error.map(|e| e.error.fields).unwrap_or_default()));
                        focus_first_error(&root);
                    }
                    Err(ApiError::Malformed) => state.dispatch(FormAction::Rejected(Default::default())),
                }
            });
        })
    };

    // When the review is in, focus moves to the message.
    {
        let done_ref = done_ref.clone();
        let done = matches!(state.phase, FormPhase::Done(_));
        use_effect_with(done, move |done| {
            if *done {
                if let Some(el) = done_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    if let FormPhase::Done(created) = &state.phase {
        return html! {
            <div ref={root} class="rk-form-done" part="success" lang={l.tag()}>
                <p ref={done_ref} class="rk-thanks" role="status" tabindex="-1">
                    { if created.status == ReviewStatus::Published { t.review_published } else { t.review_pending } }
                </p>
                if let Some(Reward::Points { points }) = &created.reward {
                    <p class="rk-reward" part="reward">{ t.reward_points.replace("{n}", &points.to_string()) }</p>
                }
                if let Some(Reward::Coupon { code }) = &created.reward {
                    <div class="rk-reward" part="reward">
                        <p>{ t.reward_coupon }</p>
                        <CopyCode code={code.clone()} part="coupon-code" copy_label={t.copy} copied_label={t.copied} />
                    </div>
                }
            </div>
        };
    }

    let err = |name: &str| state.errors.get(name).copied();
    let msg = |name: &str| {
        err(name).map(|e| match (name, e) {
            ("rating", _) => t.choose_rating,
            (_, e) => t.field_error(e),
        })
    };
    let invalid = |name: &str| err(name).map(|_| "true");
    let described = |name: &str, extra: &str| -> Option<String> {
        let mut ids: Vec<String> = Vec::new();
        if !extra.is_empty() {
            ids.push(extra.to_owned());
        }
        if err(name).is_some() {
            let mut id = String::from("rk-err-");
            id.push_str(name);
            ids.push(id);
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error_p = |name: &str| -> Html {
        match msg(name) {
            Some(m) => {
                let mut id = String::from("rk-err-");
                id.push_str(name);
                html! { <p id={id} class="rk-field-error" part="error">{ m }</p> }
            }
            None => html! {},
        }
    };
    let busy = state.phase == FormPhase::Sending;
    let general = match state.phase {
        FormPhase::Unavailable => Some(t.offline),
        FormPhase::Rejected if state.errors.is_empty() => Some(t.rejected),
        _ => None,
    };
    let labels = [1u8, 2, 3, 4, 5].map(|n| AttrValue::from(t.n_of_5.replace("{n}", &n.to_string())));
    let left = BODY_MAX as i64 - state.body.trim().chars().count() as i64;
    let photo_problem = state.photo_problem.map(|p| match p {
        PhotoProblem::WrongType => t.photo_wrong_type,
        PhotoProblem::TooBig => t.photo_too_big,
    });

    html! {
        <form ref={root} class="rk-form rk-review-form" part="form" {onsubmit} novalidate=true lang={l.tag()} aria-busy={busy.then_some("true")}
            onfocusin={started.reform(|e: FocusEvent| e.into())} oninput={started.reform(|e: InputEvent| e.into())}
            onpointerdown={started.reform(|e: PointerEvent| e.into())}>
            <div class="rk-field">
                <span id="rk-rating-label" class="rk-label">{ t.your_rating }</span>
                <RatingInput value={state.rating} labelledby="rk-rating-label" describedby={described("rating", "").map(AttrValue::from)}
                             labels={labels} on_change={on_rating} disabled={busy} />
                { error_p("rating") }
            </div>
            <div class="rk-field">
                <label for="rk-title">{ t.review_title }{ " " }<span class="rk-optional">{ t.optional }</span></label>
                <input id="rk-title" part="input" value={state.title.clone()} oninput={edit(Field::Title)} readonly={busy}
                       aria-invalid={invalid("title")} aria-describedby={described("title", "")} />
                { error_p("title") }
            </div>
            <div class="rk-field">
                <label for="rk-body">{ t.review_body }</label>
                <textarea id="rk-body" part="input" rows="5" value={state.body.clone()} oninput={edit(Field::Body)} readonly={busy}
                          aria-invalid={invalid("body")} aria-describedby={described("body", "rk-body-count")} />
                <p id="rk-body-count" class={classes!("rk-count", (left < 0).then_some("rk-over"))}>{ left }{ " " }{ t.chars_left }</p>
                { error_p("body") }
            </div>
            <div class="rk-field">
                <label for="rk-name">{ t.your_name }</label>
                <input id="rk-name" part="input" autocomplete="name" value={state.name.clone()} oninput={edit(Field::Name)} readonly={busy}
                       aria-invalid={invalid("author_name")} aria-describedby={described("author_name", "")} />
                { error_p("author_name") }
            </div>
            <div class="rk-field">
                <label for="rk-email">{ t.your_email }{ " " }<span class="rk-optional">{ t.optional }</span></label>
                <input id="rk-email" part="input" type="email" autocomplete="email" value={state.email.clone()} oninput={edit(Field::Email)}
                       readonly={busy} aria-invalid={invalid("email")} aria-describedby={described("email", "rk-email-hint")} />
                <p id="rk-email-hint" class="rk-hint">{ t.email_hint }</p>
                { error_p("email") }
            </div>
            <div class="rk-field">
                <label for="rk-photos">{ t.add_photos }{ " " }<span class="rk-optional">{ t.optional }</span></label>
                <input id="rk-photos" part="photo-input" type="file" accept="image/jpeg,image/png,image/webp" multiple=true
                       disabled={busy || state.room_for_photos() == 0} onchange={on_files} aria-describedby="rk-photos-hint" />
                <p id="rk-photos-hint" class="rk-hint">{ t.photos_hint }</p>
                if let Some(p) = photo_problem {
                    <p class="rk-field-error" part="error" role="alert">{ p }</p>
                }
                if !state.photos.is_empty() {
                    <ul class="rk-previews" part="photo-previews" aria-label={t.photos}>
                        { for state.photos.iter().enumerate().map(|(i, p)| {
                            let mut alt = String::from(t.photos);
                            alt.push(' ');
                            alt.push_str(&(i + 1).to_string());
                            html! {
                                <li class="rk-preview">
                                    <img src={p.preview.clone()} alt={alt} width="72" height="72" />
                                    { match &p.status {
                                        PhotoStatus::Uploading(pct) => html! { <progress max="100" value={pct.to_string()} aria-label={t.uploading}></progress> },
                                        PhotoStatus::Failed => html! { <span class="rk-field-error">{ t.photo_failed }</span> },
                                        PhotoStatus::Done(_) => html! {},
                                    } }
                                    <button type="button" class="rk-link-button" part="remove-photo" onclick={remove_photo(p.slot, p.preview.clone())}
                                            aria-label={{ let mut s = String::from(t.remove_photo); s.push(' '); s.push_str(&(i + 1).to_string()); s }}>
                                        { t.remove_photo }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                }
                { error_p("photo_ids") }
            </div>
            <div class="rk-hp" aria-hidden="true">
                <label for="rk-website">{ t.leave_empty }</label>
                <input id="rk-website" name="website" tabindex="-1" autocomplete="off" value={state.website.clone()} oninput={edit(Field::Website)} />
            </div>
            <div class="rk-status" role="alert">
                if let Some(m) = general {
                    <p class="rk-error" part="error">{ m }</p>
                }
            </div>
            <button type="submit" class="rk-button" part="submit" disabled={busy || state.uploading()}>
                { if busy { t.sending } else if state.phase == FormPhase::Unavailable { t.retry } else { t.submit_review } }
            </button>
        </form>
    }
}

/// Moves focus to the first field with an error, once it is rendered.
fn focus_first_error(root: &NodeRef) {
    let root = root.clone();
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(form) = root.cast::<web_sys::Element>() {
            if let Ok(Some(el)) = form.query_selector("[aria-invalid=true], [role=radiogroup][aria-describedby*=rk-err-] [tabindex='0']") {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    })
    .forget();
}
