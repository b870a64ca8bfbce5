//! The review form: star rating, title, text with a live counter, name, e-mail (never
//! shown), up to 5 photos, and a honeypot. The contract's rules are checked before sending;
//! the server's field errors land next to the same fields. Used inline as
//! `<rk-review-form>` and inside `<rk-reviews>`'s dialog.

use super::form_state::{field_name, Field, FormAction, FormState, PhotoProblem, PhotoStatus};
use super::photo_upload;
use crate::api;
use crate::api::submission::{Outcome, Phase};
use crate::dom::attrs::{Attrs, FromAttrs};
use crate::dom::events::{self, Detail};
use crate::i18n::Locale;
use crate::ui::{use_submit, CopyCode, RatingInput};
use retainkit_contract::is_valid_id;
use retainkit_contract::reviews::{ReviewCreated, ReviewStatus, Reward, BODY_MAX};
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

impl FromAttrs for ReviewFormProps {
    fn from_attrs(a: &Attrs) -> ReviewFormProps {
        ReviewFormProps {
            product_id: AttrValue::from(a.text("product-id").filter(|id| is_valid_id(id)).unwrap_or("").to_owned()),
            locale: a.locale(),
            order_token: a.text("order-token").map(|t| AttrValue::from(t.to_owned())),
            on_done: Callback::noop(),
        }
    }
}

#[function_component(ReviewForm)]
pub fn review_form(props: &ReviewFormProps) -> Html {
    let state = use_reducer(FormState::default);
    let submission = use_submit();
    let created = use_state(|| None::<ReviewCreated>);
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

    // Every change: the form's state, and the submission learns the answer changed.
    let change = {
        let (state, submission) = (state.clone(), submission.clone());
        Callback::from(move |(action, field): (FormAction, &'static str)| {
            if submission.editable() {
                state.dispatch(action);
                submission.edited(field);
            }
        })
    };
    let edit = |field: Field| {
        let change = change.clone();
        Callback::from(move |e: InputEvent| change.emit((FormAction::Edit(field, crate::ui::field_value(&e)), field_name(field))))
    };
    let on_rating = {
        let change = change.clone();
        Callback::from(move |r: u8| change.emit((FormAction::Rating(r), "rating")))
    };
    let on_files = {
        let (state, change) = (state.clone(), change.clone());
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
                change.emit((FormAction::AddPhoto { preview }, "photo_ids"));
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
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = web_sys::Url::revoke_object_url(&preview);
            change.emit((FormAction::RemovePhoto { slot }, "photo_ids"));
        })
    };

    let onsubmit = {
        let (state, submission, created, props, root, started_at) =
            (state.clone(), submission.clone(), created.clone(), props.clone(), root.clone(), started_at.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !submission.editable() || state.uploading() {
                return;
            }
            let now = js_sys::Date::now();
            let fill_ms = (now - started_at.borrow().unwrap_or(now)) as i64;
            let body = state.to_create(props.locale.tag(), props.order_token.as_ref().map(|t| t.to_string()), fill_ms);
            if let Err(errors) = state.check(&body) {
                submission.invalid(errors);
                focus_first_error(&root);
                return;
            }
            let mut path = String::from("/v1/products/");
            path.push_str(&props.product_id);
            path.push_str("/reviews");
            let (sent, created, props, root) = (body.clone(), created.clone(), props.clone(), root.clone());
            submission.send(move |key| {
                Box::pin(async move {
                    let result = api::create_signed::<_, ReviewCreated>(&path, &sent, &key).await;
                    if let Ok(done) = &result {
                        if let Some(el) = root.cast::<web_sys::Element>() {
                            let d = Detail::new()
                                .str("productId", &props.product_id)
                                .num("reviewId", done.id as f64)
                                .str("status", done.status.as_str())
                                .num("rating", body.rating as f64);
                            events::emit(&el, "rk-review-submit", Some(d));
                        }
                        // A published review may have earned the signed-in customer points.
                        crate::dom::bus::tell(crate::dom::bus::Note::PointsMayHaveChanged);
                        props.on_done.emit(done.clone());
                        created.set(Some(done.clone()));
                    }
                    Outcome::of(&result)
                })
            });
        })
    };
    // A refusal from the server: focus moves to the first field it names.
    {
        let root = root.clone();
        use_effect_with(submission.phase(), move |phase| {
            if *phase == Phase::Rejected {
                focus_first_error(&root);
            }
        });
    }

    // When the review is in, focus moves to the message.
    {
        let done_ref = done_ref.clone();
        let done = submission.done() && created.is_some();
        use_effect_with(done, move |done| {
            if *done {
                if let Some(el) = done_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    if let (true, Some(created)) = (submission.done(), &*created) {
        return html! {
            <div ref={root} class="rk-form-done" part="success" lang={l.tag()}>
                <p ref={done_ref} class="rk-thanks" part="thanks" role="status" tabindex="-1">
                    { if created.status == ReviewStatus::Published { t.review_published } else { t.review_pending } }
                </p>
                if let Some(Reward::Points { points }) = &created.reward {
                    <p class="rk-reward" part="reward">{ crate::i18n::fill(t.reward_points, "{n}", &crate::dom::num::int(*points)) }</p>
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

    let errors = submission.errors();
    let err = |name: &str| errors.get(name).copied();
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
    let busy = !submission.editable();
    let general = match submission.phase() {
        Phase::Unavailable => Some(t.offline),
        Phase::Rejected if errors.is_empty() => Some(t.rejected),
        _ => None,
    };
    let labels = [1u8, 2, 3, 4, 5].map(|n| AttrValue::from(crate::i18n::fill(t.n_of_5, "{n}", &crate::dom::num::int(n as i64))));
    let left = BODY_MAX as i64 - state.body.trim().chars().count() as i64;
    let photo_problem = state.photo_problem.map(|p| match p {
        PhotoProblem::WrongType => t.photo_wrong_type,
        PhotoProblem::TooBig => t.photo_too_big,
    });

    html! {
        <form ref={root} class="rk-form rk-review-form" part="form" {onsubmit} novalidate=true lang={l.tag()} aria-busy={busy.then_some("true")}
            onfocusin={started.reform(|e: FocusEvent| e.into())} oninput={started.reform(|e: InputEvent| e.into())}
            onpointerdown={started.reform(|e: PointerEvent| e.into())}>
            <div class="rk-field" part="field">
                <span id="rk-rating-label" class="rk-label" part="label">{ t.your_rating }</span>
                <RatingInput value={state.rating} labelledby="rk-rating-label" describedby={described("rating", "").map(AttrValue::from)}
                             labels={labels} on_change={on_rating} disabled={busy} />
                { error_p("rating") }
            </div>
            <div class="rk-field" part="field">
                <label for="rk-title" part="label">{ t.review_title }{ " " }<span class="rk-optional" part="optional">{ t.optional }</span></label>
                <input id="rk-title" part="input" dir="auto" value={state.title.clone()} oninput={edit(Field::Title)} readonly={busy}
                       aria-invalid={invalid("title")} aria-describedby={described("title", "")} />
                { error_p("title") }
            </div>
            <div class="rk-field" part="field">
                <label for="rk-body" part="label">{ t.review_body }</label>
                <textarea id="rk-body" part="input" dir="auto" rows="5" value={state.body.clone()} oninput={edit(Field::Body)} readonly={busy}
                          aria-invalid={invalid("body")} aria-describedby={described("body", "rk-body-count")} />
                <p id="rk-body-count" part="counter" class={classes!("rk-count", (left < 0).then_some("rk-over"))}>{ t.chars_left_before }{ left }{ t.chars_left }</p>
                { error_p("body") }
            </div>
            <div class="rk-field" part="field">
                <label for="rk-name" part="label">{ t.your_name }</label>
                <input id="rk-name" part="input" dir="auto" autocomplete="name" value={state.name.clone()} oninput={edit(Field::Name)} readonly={busy}
                       aria-invalid={invalid("author_name")} aria-describedby={described("author_name", "")} />
                { error_p("author_name") }
            </div>
            <div class="rk-field" part="field">
                <label for="rk-email" part="label">{ t.your_email }{ " " }<span class="rk-optional" part="optional">{ t.optional }</span></label>
                <input id="rk-email" part="input" type="email" autocomplete="email" value={state.email.clone()} oninput={edit(Field::Email)}
                       readonly={busy} aria-invalid={invalid("email")} aria-describedby={described("email", "rk-email-hint")} />
                <p id="rk-email-hint" class="rk-hint" part="hint">{ t.email_hint }</p>
                { error_p("email") }
            </div>
            <div class="rk-field" part="field">
                <label for="rk-photos" part="label">{ t.add_photos }{ " " }<span class="rk-optional" part="optional">{ t.optional }</span></label>
                <input id="rk-photos" part="photo-input" type="file" accept="image/jpeg,image/png,image/webp" multiple=true
                       disabled={busy || state.room_for_photos() == 0} onchange={on_files} aria-describedby="rk-photos-hint" />
                <p id="rk-photos-hint" class="rk-hint" part="hint">{ t.photos_hint }</p>
                if let Some(p) = photo_problem {
                    <p class="rk-field-error" part="error" role="alert">{ p }</p>
                }
                if !state.photos.is_empty() {
                    <ul class="rk-previews" part="photo-previews" aria-label={t.photos}>
                        { for state.photos.iter().enumerate().map(|(i, p)| {
                            let mut alt = String::from(t.photos);
                            alt.push(' ');
                            alt.push_str(&crate::dom::num::int((i + 1) as i64));
                            html! {
                                <li class="rk-preview" part="photo-preview">
                                    <img src={p.preview.clone()} alt={alt} width="72" height="72" />
                                    { match &p.status {
                                        PhotoStatus::Uploading(pct) => html! { <progress max="100" value={crate::dom::num::int(*pct as i64)} aria-label={t.uploading}></progress> },
                                        PhotoStatus::Failed => html! { <span class="rk-field-error">{ t.photo_failed }</span> },
                                        PhotoStatus::Done(_) => html! {},
                                    } }
                                    <button type="button" class="rk-link-button" part="remove-photo" onclick={remove_photo(p.slot, p.preview.clone())}
                                            aria-label={{ let mut s = String::from(t.remove_photo); s.push(' '); s.push_str(&crate::dom::num::int((i + 1) as i64)); s }}>
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
                { if busy { t.sending } else if submission.phase() == Phase::Unavailable { t.retry } else { t.submit_review } }
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
