//! The survey and exit offer editors. Both edit the rules a popup shares (where and when it
//! shows, the pages and customers it is for, how often one visitor may see it: [`rules`]);
//! the survey editor adds the question and follow-ups in each language with a live preview,
//! the offer editor its texts, code, e-mail field and countdown. Saved with `PUT`; the server
//! checks it and names any field that is wrong. Choices of a single-choice survey are kept as
//! they are.

use crate::load::alert;
use crate::texts::{fill, t, tk};
use crate::{api, Session};
use retainkit_contract::admin::{AdminOffer, AdminSurvey, CustomerAudience};
use retainkit_contract::offers::{ExitOffer, OfferCode, OfferDefinition};
use retainkit_contract::segments::Segment;
use retainkit_contract::survey::{
    Audience, Display, FollowUp, Placement, Recontact, Sensitivity, SurveyDefinition, SurveyKind, Texts, Trigger, UrlRule,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub(crate) const LOCALES: [(&str, &str); 3] = [("en", tk("English")), ("id", tk("Indonesian")), ("pl", tk("Polish"))];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
    /// What is edited: a survey read from the server, or a new one.
    pub survey: AdminSurvey,
    pub new: bool,
    pub on_saved: Callback<String>,
    pub on_cancel: Callback<()>,
    /// The loyalty program's tiers (id, name) an audience can name.
    #[prop_or_default]
    pub tiers: Vec<(String, String)>,
}

/// A new survey of this kind with the defaults a shop starts from.
pub fn blank(kind: SurveyKind) -> AdminSurvey {
    AdminSurvey {
        survey: SurveyDefinition {
            id: String::new(),
            kind,
            question: Texts::new(),
            follow_up: (kind == SurveyKind::Nps).then(|| FollowUp {
                detractor: Texts::new(),
                passive: Texts::new(),
                promoter: Texts::new(),
            }),
            choices: Vec::new(),
            display: Display {
                triggers: vec![Trigger::PageView { delay_seconds: 5 }],
                audience: Audience::default(),
                recontact: Recontact::UntilDone,
                cooldown_days: 30,
                sample_percent: 100,
                placement: Placement::BottomRight,
            },
        },
        customers: None,
    }
}

pub(crate) fn set_text(texts: &mut Texts, locale: &str, value: String) {
    if value.trim().is_empty() {
        texts.remove(locale);
    } else {
        texts.insert(locale.to_string(), value);
    }
}

pub(crate) fn input_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()))
        .unwrap_or_default()
}

/// One change to the draft, given the field's new value.
pub(crate) type Change<D> = Box<dyn Fn(&mut D, String)>;

/// A labelled `<select>` of `(value, words)` with `current` chosen.
pub(crate) fn select_field(id: &str, label: &str, options: &[(&str, &str)], current: &str, on: Callback<Event>) -> Html {
    html! {
        <div class="rk-field">
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} onchange={on}>
                { for options.iter().map(|(v, n)| html! { <option value={v.to_string()} selected={current == *v}>{ n.to_string() }</option> }) }
            </select>
        </div>
    }
}

/// A labelled whole-number field, into the draft at every keystroke.
pub(crate) fn number_field(id: &str, label: &str, value: i64, min: i64, on: Callback<Event>) -> Html {
    html! {
        <div class="rk-field">
            <label for={id.to_string()}>{ label }</label>
            <input id={id.to_string()} type="number" min={min.to_string()} value={value.to_string()} oninput={typed(on)} />
        </div>
    }
}

/// Ticks or unticks one entry of the customer audience (`pick` gives the list it is in); an
/// audience left empty is none.
fn toggle_audience<D: Definition, T: PartialEq + Clone + 'static>(
    draft: &UseStateHandle<D>,
    error: &UseStateHandle<Option<String>>,
    pick: fn(&mut CustomerAudience) -> &mut Vec<T>,
    value: T,
) -> Callback<Event> {
    update(draft, error, move |d| {
        let c = d.customers_mut().get_or_insert_with(CustomerAudience::default);
        let list = pick(c);
        match list.iter().position(|x| *x == value) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(value.clone()),
        }
        if c.segments.is_empty() && c.tiers.is_empty() {
            *d.customers_mut() = None;
        }
    })
}

/// An `input` event as the `Event` the draft's callbacks take.
pub(crate) fn typed(on: Callback<Event>) -> Callback<InputEvent> {
    on.reform(|e: InputEvent| wasm_bindgen::JsCast::unchecked_into::<Event>(e))
}

/// A whole number typed into a field; none while the field is empty or half typed (the
/// draft keeps its value, and the field what is typed).
pub(crate) fn number<T: std::str::FromStr>(v: &str) -> Option<T> {
    v.trim().parse().ok()
}

fn trigger_kind(t: &Trigger) -> &'static str {
    match t {
        Trigger::PageView { .. } => "page_view",
        Trigger::Scroll { .. } => "scroll",
        Trigger::TimeOnPage { .. } => "time_on_page",
        Trigger::Event { .. } => "event",
        Trigger::ExitIntent { .. } => "exit_intent",
    }
}

fn new_trigger(kind: &str) -> Trigger {
    match kind {
        "scroll" => Trigger::Scroll { percent: 50 },
        "time_on_page" => Trigger::TimeOnPage { seconds: 30 },
        "event" => Trigger::Event { name: "added_to_cart".into() },
        "exit_intent" => Trigger::EXIT_INTENT,
        _ => Trigger::PageView { delay_seconds: 5 },
    }
}

fn url_parts(r: &UrlRule) -> (&'static str, &str) {
    match r {
        UrlRule::Exact(v) => ("exact", v),
        UrlRule::Prefix(v) => ("prefix", v),
        UrlRule::Contains(v) => ("contains", v),
        UrlRule::Glob(v) => ("glob", v),
    }
}

fn url_rule(kind: &str, v: String) -> UrlRule {
    match kind {
        "exact" => UrlRule::Exact(v),
        "contains" => UrlRule::Contains(v),
        "glob" => UrlRule::Glob(v),
        _ => UrlRule::Prefix(v),
    }
}

/// What the survey and offer editors both edit: where and when it shows, to whom, how often.
pub trait Definition: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned + 'static {
    /// Where it is saved: `PATH` + its id.
    const PATH: &'static str;
    fn id(&self) -> &str;
    fn display(&self) -> &Display;
    fn display_mut(&mut self) -> &mut Display;
    fn customers(&self) -> &Option<CustomerAudience>;
    fn customers_mut(&mut self) -> &mut Option<CustomerAudience>;
}

impl Definition for AdminSurvey {
    const PATH: &'static str = "/v1/admin/surveys/";
    fn id(&self) -> &str {
        &self.survey.id
    }
    fn display(&self) -> &Display {
        &self.survey.display
    }
    fn display_mut(&mut self) -> &mut Display {
        &mut self.survey.display
    }
    fn customers(&self) -> &Option<CustomerAudience> {
        &self.customers
    }
    fn customers_mut(&mut self) -> &mut Option<CustomerAudience> {
        &mut self.customers
    }
}

impl Definition for AdminOffer {
    const PATH: &'static str = "/v1/admin/offers/";
    fn id(&self) -> &str {
        &self.offer.id
    }
    fn display(&self) -> &Display {
        &self.offer.display
    }
    fn display_mut(&mut self) -> &mut Display {
        &mut self.offer.display
    }
    fn customers(&self) -> &Option<CustomerAudience> {
        &self.customers
    }
    fn customers_mut(&mut self) -> &mut Option<CustomerAudience> {
        &mut self.customers
    }
}

const PLACES: [(&str, &str); 4] = [
    ("bottom_right", tk("popup, bottom right")),
    ("bottom_left", tk("popup, bottom left")),
    ("center", tk("popup, centre")),
    ("inline", tk("inline, where the page has <rk-survey>")),
];

/// What every editor keeps: the draft, the language its texts are edited in, whether a save
/// is on its way, and the failure shown.
pub(crate) struct Editing<D> {
    pub draft: UseStateHandle<D>,
    pub lang: UseStateHandle<String>,
    pub busy: UseStateHandle<bool>,
    pub error: UseStateHandle<Option<String>>,
}

#[hook]
pub(crate) fn use_editing<D: Clone + 'static>(initial: &D) -> Editing<D> {
    let first = initial.clone();
    Editing { draft: use_state(move || first), lang: use_state(|| "en".to_string()), busy: use_state(|| false), error: use_state(|| None) }
}

impl<D> Editing<D> {
    /// The language of the texts below (`label`), with the fallback said.
    pub fn language_field(&self, id: &str, label: &str) -> Html {
        let lang = self.lang.clone();
        let pick = Callback::from(move |e: Event| lang.set(input_value(&e)));
        html! {
            <>
                { select_field(id, label, &LOCALES.map(|(v, n)| (v, t(n))), &self.lang, pick) }
                <p class="rk-hint">{ t("A language left empty falls back to English.") }</p>
            </>
        }
    }

    /// The failure, if any, and the save and cancel buttons.
    pub fn actions(&self, save: &str, cancel: &Callback<()>) -> Html {
        let cancel = cancel.reform(|_: MouseEvent| ());
        html! {
            <>
                { alert(&self.error) }
                <div class="rk-bulk">
                    <button type="submit" disabled={*self.busy}>{ if *self.busy { t("Saving…") } else { save } }</button>
                    <button type="button" onclick={cancel}>{ t("Cancel") }</button>
                </div>
            </>
        }
    }
}

/// One change of the draft: `f` edits a copy, which becomes the draft. A failure shown stays
/// until the next change.
fn apply<D: Clone>(draft: &UseStateHandle<D>, error: &UseStateHandle<Option<String>>, f: impl FnOnce(&mut D)) {
    let mut d = (**draft).clone();
    f(&mut d);
    draft.set(d);
    if error.is_some() {
        error.set(None);
    }
}

/// A button or tick box that changes the draft by `f`.
pub(crate) fn update<D: Clone + 'static, E>(
    draft: &UseStateHandle<D>,
    error: &UseStateHandle<Option<String>>,
    f: impl Fn(&mut D) + 'static,
) -> Callback<E> {
    let (draft, error) = (draft.clone(), error.clone());
    Callback::from(move |_| apply(&draft, &error, &f))
}

/// A field that changes the draft by `f`, given the field's new value.
pub fn change<D: Clone + 'static>(draft: &UseStateHandle<D>, error: &UseStateHandle<Option<String>>, f: Change<D>) -> Callback<Event> {
    let (draft, error) = (draft.clone(), error.clone());
    Callback::from(move |e: Event| {
        let value = input_value(&e);
        apply(&draft, &error, |d| f(d, value))
    })
}

/// Text goes into the draft at every keystroke (a change event would come too late for
/// Enter, which submits the form in the same moment).
pub fn text_field(id: &str, label: &str, value: &str, on: Callback<Event>) -> Html {
    html! {
        <div class="rk-field">
            <label for={id.to_string()}>{ label }</label>
            <input id={id.to_string()} type="text" maxlength="300" value={value.to_string()} oninput={typed(on)} />
        </div>
    }
}

/// The rules both editors share: where and when (placement, triggers), who (pages, RFM
/// segments, loyalty `tiers` as (id, name), share of visitors), how often. `inline`: whether
/// it can be placed inline (surveys: "until done" is until they answer; offers: until the
/// code is used).
pub fn rules<D: Definition>(
    draft: &UseStateHandle<D>,
    error: &UseStateHandle<Option<String>>,
    tiers: &[(String, String)],
    inline: bool,
) -> Html {
    let d = &**draft;
    let done = if inline { t("until they answer") } else { t("until they use the code") };
    let triggers = d.display().triggers.iter().enumerate().map(|(i, trigger)| {
        let kind = change(draft, error, Box::new(move |d, v| d.display_mut().triggers[i] = new_trigger(&v)));
        let amount = change(draft, error, Box::new(move |d, v| {
            let t = &mut d.display_mut().triggers[i];
            match t {
                Trigger::Event { name } => *name = v.trim().to_string(),
                // Empty: the default (5 s).
                Trigger::ExitIntent { min_active_seconds, .. } => *min_active_seconds = number::<u32>(&v),
                _ => {
                    let Some(n) = number::<u32>(&v) else { return };
                    *t = match t {
                        Trigger::PageView { .. } => Trigger::PageView { delay_seconds: n },
                        Trigger::Scroll { .. } => Trigger::Scroll { percent: n.min(100) as u8 },
                        _ => Trigger::TimeOnPage { seconds: n },
                    };
                }
            }
        }));
        let remove = update(draft, error, move |d: &mut D| {
            d.display_mut().triggers.remove(i);
        });
        let (label, value) = match trigger {
            Trigger::PageView { delay_seconds } => (Some(t("after seconds")), delay_seconds.to_string()),
            Trigger::Scroll { percent } => (Some(t("percent scrolled")), percent.to_string()),
            Trigger::TimeOnPage { seconds } => (Some(t("seconds")), seconds.to_string()),
            Trigger::Event { name } => (Some(t("event name")), name.clone()),
            Trigger::ExitIntent { min_active_seconds, .. } => {
                (Some(t("after active seconds")), min_active_seconds.map(|s| s.to_string()).unwrap_or_default())
            }
        };
        let sensitivity = match trigger {
            Trigger::ExitIntent { sensitivity, .. } => {
                let chosen = match sensitivity {
                    Some(Sensitivity::Low) => "low",
                    Some(Sensitivity::High) => "high",
                    _ => "medium",
                };
                let set = change(draft, error, Box::new(move |d, v| {
                    if let Trigger::ExitIntent { sensitivity, .. } = &mut d.display_mut().triggers[i] {
                        *sensitivity = match v.as_str() {
                            "low" => Some(Sensitivity::Low),
                            "high" => Some(Sensitivity::High),
                            _ => None,
                        };
                    }
                }));
                html! {
                    <select aria-label={fill(t("Trigger {n}: sensitivity"), &[("n", &(i + 1).to_string())])} onchange={set}>
                        { for [("low", t("low sensitivity")), ("medium", t("medium sensitivity")), ("high", t("high sensitivity"))].iter().map(|(v, n)| html! {
                            <option value={*v} selected={chosen == *v}>{ *n }</option>
                        }) }
                    </select>
                }
            }
            _ => html! {},
        };
        html! {
            <li class="rk-row">
                <select aria-label={fill(t("Trigger {n}"), &[("n", &(i + 1).to_string())])} onchange={kind}>
                    { for [("page_view", t("page shown")), ("scroll", t("scrolled")), ("time_on_page", t("time on page")), ("event", t("an event")), ("exit_intent", t("leaving (exit intent)"))].iter().map(|(v, n)| html! {
                        <option value={*v} selected={trigger_kind(trigger) == *v}>{ *n }</option>
                    }) }
                </select>
                if let Some(label) = label {
                    <input type={if matches!(trigger, Trigger::Event { .. }) { "text" } else { "number" }} min="0" aria-label={fill(t("Trigger {n}: {what}"), &[("n", &(i + 1).to_string()), ("what", label)])} value={value} placeholder={matches!(trigger, Trigger::ExitIntent { .. }).then_some("5")} oninput={typed(amount)} />
                }
                { sensitivity }
                <button type="button" onclick={remove} aria-label={fill(t("Remove trigger {n}"), &[("n", &(i + 1).to_string())])}>{ t("Remove") }</button>
            </li>
        }
    });
    let add_trigger = update(draft, error, |d: &mut D| d.display_mut().triggers.push(Trigger::PageView { delay_seconds: 5 }));
    let urls = d.display().audience.urls.iter().enumerate().map(|(i, r)| {
        let (kind, value) = url_parts(r);
        let set_kind = change(draft, error, Box::new(move |d, v| {
            let value = url_parts(&d.display_mut().audience.urls[i]).1.to_string();
            d.display_mut().audience.urls[i] = url_rule(&v, value);
        }));
        let set_value = change(draft, error, Box::new(move |d, v| {
            let kind = url_parts(&d.display_mut().audience.urls[i]).0;
            d.display_mut().audience.urls[i] = url_rule(kind, v.trim().to_string());
        }));
        let remove = update(draft, error, move |d: &mut D| {
            d.display_mut().audience.urls.remove(i);
        });
        html! {
            <li class="rk-row">
                <select aria-label={fill(t("Page rule {n}"), &[("n", &(i + 1).to_string())])} onchange={set_kind}>
                    { for [("prefix", t("starts with")), ("exact", t("is")), ("contains", t("contains")), ("glob", t("matches (* any)"))].iter().map(|(v, n)| html! {
                        <option value={*v} selected={kind == *v}>{ *n }</option>
                    }) }
                </select>
                <input type="text" aria-label={fill(t("Page rule {n}: path"), &[("n", &(i + 1).to_string())])} value={value.to_string()} placeholder="/checkout" oninput={typed(set_value)} />
                <button type="button" onclick={remove} aria-label={fill(t("Remove page rule {n}"), &[("n", &(i + 1).to_string())])}>{ t("Remove") }</button>
            </li>
        }
    });
    let add_url = update(draft, error, |d: &mut D| d.display_mut().audience.urls.push(UrlRule::Prefix("/".into())));
    let segments = d.customers().as_ref().map(|c| c.segments.clone()).unwrap_or_default();
    let segment_boxes = Segment::ALL.iter().map(|&g| {
        let toggle = toggle_audience(draft, error, |c| &mut c.segments, g);
        html! { <label class="rk-check rk-inline"><input type="checkbox" checked={segments.contains(&g)} onchange={toggle} />{ format!(" {}", crate::segments::name(g)) }</label> }
    });
    let chosen_tiers = d.customers().as_ref().map(|c| c.tiers.clone()).unwrap_or_default();
    let tier_boxes = tiers.iter().map(|(id, name)| {
        let toggle = toggle_audience(draft, error, |c| &mut c.tiers, id.clone());
        html! { <label class="rk-check rk-inline"><input type="checkbox" checked={chosen_tiers.contains(id)} onchange={toggle} />{ format!(" {name}") }</label> }
    });
    let (recontact, times) = match d.display().recontact {
        Recontact::Once => ("once", 1),
        Recontact::Times { n } => ("times", n),
        Recontact::UntilDone => ("until_done", 1),
        Recontact::Always => ("always", 1),
    };
    let set_recontact = change(
        draft,
        error,
        Box::new(|d, v| {
            let n = match d.display_mut().recontact {
                Recontact::Times { n } => n,
                _ => 3,
            };
            d.display_mut().recontact = match v.as_str() {
                "once" => Recontact::Once,
                "times" => Recontact::Times { n },
                "always" => Recontact::Always,
                _ => Recontact::UntilDone,
            };
        }),
    );
    let set_times = change(
        draft,
        error,
        Box::new(|d, v| {
            if let Some(n) = number(&v) {
                d.display_mut().recontact = Recontact::Times { n };
            }
        }),
    );
    let placement = match d.display().placement {
        Placement::BottomRight => "bottom_right",
        Placement::BottomLeft => "bottom_left",
        Placement::Center => "center",
        Placement::Inline => "inline",
    };
    let set_placement = change(
        draft,
        error,
        Box::new(|d, v| {
            d.display_mut().placement = match v.as_str() {
                "bottom_left" => Placement::BottomLeft,
                "center" => Placement::Center,
                "inline" => Placement::Inline,
                _ => Placement::BottomRight,
            }
        }),
    );
    let set_cooldown = change(
        draft,
        error,
        Box::new(|d, v| {
            if let Some(n) = number(&v) {
                d.display_mut().cooldown_days = n;
            }
        }),
    );
    let set_sample = change(
        draft,
        error,
        Box::new(|d, v| {
            if let Some(n) = number(&v) {
                d.display_mut().sample_percent = n;
            }
        }),
    );
    html! {
        <>
            <fieldset>
                <legend>{ t("Where and when") }</legend>
                { select_field("survey-placement", t("Shown"), &PLACES.map(|(v, n)| (v, t(n)))[..if inline { 4 } else { 3 }], placement, set_placement) }
                <p id="triggers-label">{ t("Triggers (any of them)") }</p>
                <ul class="rk-rows" aria-labelledby="triggers-label">{ for triggers }</ul>
                <button type="button" onclick={add_trigger}>{ t("Add a trigger") }</button>
            </fieldset>
            <fieldset>
                <legend>{ t("Who sees it") }</legend>
                <p id="urls-label">{ t("Pages (any of them; none: every page)") }</p>
                <ul class="rk-rows" aria-labelledby="urls-label">{ for urls }</ul>
                <button type="button" onclick={add_url}>{ t("Add a page rule") }</button>
                <p>{ t("Signed-in customers in these RFM segments (none ticked: anyone)") }</p>
                <div class="rk-checks">{ for segment_boxes }</div>
                if !tiers.is_empty() {
                    <p>{ t("Signed-in customers in these loyalty tiers (none ticked: any)") }</p>
                    <div class="rk-checks">{ for tier_boxes }</div>
                }
                { number_field("survey-sample", t("Share of visitors (%)"), i64::from(d.display().sample_percent), 1, set_sample) }
            </fieldset>
            <fieldset>
                <legend>{ t("How often") }</legend>
                { select_field("survey-recontact", t("One visitor sees it"), &[("until_done", done), ("once", t("once")), ("times", t("a number of times")), ("always", t("every time"))], recontact, set_recontact) }
                if recontact == "times" {
                    { number_field("survey-times", t("Times"), i64::from(times), 1, set_times) }
                }
                { number_field("survey-cooldown", t("Days before it shows again after closing"), i64::from(d.display().cooldown_days), 0, set_cooldown) }
            </fieldset>
        </>
    }
}

/// Saves the draft (`PUT`), after checking its id here; `saved` gets the id the server has.
fn save<D: Definition>(
    draft: &UseStateHandle<D>,
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<String>>,
    session: &Session,
    saved: &Callback<String>,
) -> Callback<SubmitEvent> {
    let (draft, busy, error, session, saved) = (draft.clone(), busy.clone(), error.clone(), session.clone(), saved.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let d = (*draft).clone();
        if !retainkit_contract::is_valid_id(d.id()) {
            error.set(Some(t("The id: letters, digits, - and _ only (up to 64).").into()));
            return;
        }
        let (busy, error, session, saved) = (busy.clone(), error.clone(), session.clone(), saved.clone());
        error.set(None);
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let sent = api::send::<_, D>("PUT", &format!("{}{}", D::PATH, d.id()), &session.csrf, Some(&d)).await;
            busy.set(false);
            match sent {
                Ok(s) => saved.emit(s.id().to_string()),
                Err(f) => session.fail(f, &error),
            }
        });
    })
}

#[function_component(SurveyEditor)]
pub fn survey_editor(props: &Props) -> Html {
    let editing = use_editing(&props.survey);
    let Editing { draft, lang, busy, error } = &editing;
    let edit = |f: Change<AdminSurvey>| change(draft, error, f);
    let save = save(draft, busy, error, &props.session, &props.on_saved);
    let d = &**draft;
    let s = &d.survey;
    let l = (**lang).clone();
    let question = {
        let l = l.clone();
        edit(Box::new(move |d, v| set_text(&mut d.survey.question, &l, v)))
    };
    let follow = |which: u8| {
        let l = l.clone();
        edit(Box::new(move |d, v| {
            if let Some(f) = d.survey.follow_up.as_mut() {
                let t = match which {
                    0 => &mut f.detractor,
                    1 => &mut f.passive,
                    _ => &mut f.promoter,
                };
                set_text(t, &l, v);
            }
        }))
    };
    let get = |t: &Texts| t.get(&l).cloned().unwrap_or_default();
    let set_id = edit(Box::new(|d, v| d.survey.id = v.trim().to_string()));
    let title = if props.new { t("New survey").to_string() } else { fill(t("Edit survey “{id}”"), &[("id", &s.id)]) };
    let preview = preview_url(s, &l);
    html! {
        <form class="rk-editor" onsubmit={save} aria-labelledby="editor-title" novalidate=true>
            <h2 id="editor-title">{ title }</h2>
            if props.new {
                { text_field("survey-id", t("Id (letters, digits, - and _)"), &s.id, set_id) }
            }
            <fieldset>
                <legend>{ t("Texts") }</legend>
                { editing.language_field("editor-lang", t("Language")) }
                { text_field("survey-question", t("Question"), &get(&s.question), question) }
                if let Some(f) = &s.follow_up {
                    { text_field("follow-detractor", t("Follow-up after 0–6"), &get(&f.detractor), follow(0)) }
                    { text_field("follow-passive", t("Follow-up after 7–8"), &get(&f.passive), follow(1)) }
                    { text_field("follow-promoter", t("Follow-up after 9–10"), &get(&f.promoter), follow(2)) }
                }
            </fieldset>
            <section class="rk-preview" aria-labelledby="preview-title">
                <h3 id="preview-title">{ fill(t("Preview ({language})"), &[("language", t(LOCALES.iter().find(|x| x.0 == l).map(|x| x.1).unwrap_or("English")))]) }</h3>
                <p class="rk-hint">{ t("The real widget, with the texts above (as it shows inline). Answers given here are not sent.") }</p>
                <iframe title={t("Preview of the survey")} src={preview}></iframe>
            </section>
            { rules(draft, error, &props.tiers, true) }
            { editing.actions(t("Save survey"), &props.on_cancel) }
        </form>
    }
}

/// The preview page with the draft in its fragment: `{survey, locale}`, the survey inline and
/// under an id of its own for each version (the widget keeps definitions it has read by id).
fn preview_url(s: &SurveyDefinition, locale: &str) -> String {
    let mut shown = s.clone();
    shown.display.placement = Placement::Inline;
    shown.id = String::new();
    let body = serde_json::to_string(&shown).unwrap_or_default();
    shown.id = format!("preview-{:016x}", fnv(&body, locale));
    let data = serde_json::json!({ "survey": shown, "locale": locale }).to_string();
    format!("/admin/preview.html#{}", String::from(js_sys::encode_uri_component(&data)))
}

/// The preview page with the offer being edited in its fragment: `{offer, locale}`, the offer
/// as the widget gets it (a made-up code for codes made per visitor), under an id of its own
/// for each version, shown at once whatever its rules.
fn offer_preview_url(o: &OfferDefinition, locale: &str) -> String {
    let code = match &o.code {
        OfferCode::Fixed { code } => code.clone(),
        OfferCode::Unique { prefix } => format!("{prefix}7KQ2X9"),
    };
    let mut shown = ExitOffer {
        id: String::new(),
        headline: o.headline.clone(),
        body: o.body.clone(),
        code: Some(code),
        email_capture: o.email_capture,
        consent: o.consent.clone(),
        countdown_seconds: o.countdown_seconds,
        display: Display {
            triggers: Vec::new(),
            audience: Audience::default(),
            recontact: Recontact::Always,
            cooldown_days: 0,
            sample_percent: 100,
            placement: o.display.placement,
        },
    };
    let body = serde_json::to_string(&shown).unwrap_or_default();
    shown.id = format!("preview-{:016x}", fnv(&body, locale));
    let data = serde_json::json!({ "offer": shown, "locale": locale }).to_string();
    format!("/admin/preview.html#{}", String::from(js_sys::encode_uri_component(&data)))
}

/// FNV-1a of a version and its language: a new preview id whenever anything changes.
fn fnv(body: &str, locale: &str) -> u64 {
    body.bytes().chain(locale.bytes()).fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A new exit offer with the defaults a shop starts from: shown when the shopper leaves.
pub fn blank_offer() -> AdminOffer {
    AdminOffer {
        offer: OfferDefinition {
            id: String::new(),
            headline: Texts::new(),
            body: Texts::new(),
            code: OfferCode::Fixed { code: String::new() },
            email_capture: false,
            consent: Texts::new(),
            countdown_seconds: None,
            display: Display {
                triggers: vec![Trigger::EXIT_INTENT],
                audience: Audience::default(),
                recontact: Recontact::UntilDone,
                cooldown_days: 7,
                sample_percent: 100,
                placement: Placement::Center,
            },
            active: true,
        },
        customers: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct OfferProps {
    pub session: Session,
    pub offer: AdminOffer,
    pub new: bool,
    pub on_saved: Callback<String>,
    pub on_cancel: Callback<()>,
    #[prop_or_default]
    pub tiers: Vec<(String, String)>,
}

/// The exit offer editor: its texts in each language, the code (one for everyone, or one per
/// visitor), the e-mail field, the countdown, on or paused, and the rules it shares with
/// surveys. Saved with `PUT /v1/admin/offers/{id}`.
#[function_component(OfferEditor)]
pub fn offer_editor(props: &OfferProps) -> Html {
    let editing = use_editing(&props.offer);
    let Editing { draft, lang, busy, error } = &editing;
    let edit = |f: Change<AdminOffer>| change(draft, error, f);
    let save = save(draft, busy, error, &props.session, &props.on_saved);
    let d = &**draft;
    let o = &d.offer;
    let l = (**lang).clone();
    let get = |t: &Texts| t.get(&l).cloned().unwrap_or_default();
    let texts = |which: u8| {
        let l = l.clone();
        edit(Box::new(move |d, v| {
            let t = match which {
                0 => &mut d.offer.headline,
                1 => &mut d.offer.body,
                _ => &mut d.offer.consent,
            };
            set_text(t, &l, v);
        }))
    };
    let (code_kind, code_value) = match &o.code {
        OfferCode::Fixed { code } => ("fixed", code.clone()),
        OfferCode::Unique { prefix } => ("unique", prefix.clone()),
    };
    let set_code_kind = edit(Box::new(|d, v| {
        let value = match &d.offer.code {
            OfferCode::Fixed { code } => code.clone(),
            OfferCode::Unique { prefix } => prefix.clone(),
        };
        d.offer.code = if v == "unique" { OfferCode::Unique { prefix: value } } else { OfferCode::Fixed { code: value } };
    }));
    let set_code = edit(Box::new(|d, v| {
        let v = v.trim().to_string();
        d.offer.code = match d.offer.code {
            OfferCode::Fixed { .. } => OfferCode::Fixed { code: v },
            OfferCode::Unique { .. } => OfferCode::Unique { prefix: v },
        };
    }));
    let toggle = |which: u8| {
        update(draft, error, move |d: &mut AdminOffer| match which {
            0 => d.offer.email_capture = !d.offer.email_capture,
            _ => d.offer.active = !d.offer.active,
        })
    };
    let set_countdown = edit(Box::new(|d, v| {
        if let Some(minutes) = number::<u32>(&v) {
            d.offer.countdown_seconds = (minutes > 0).then_some(minutes * 60);
        }
    }));
    let set_id = edit(Box::new(|d, v| d.offer.id = v.trim().to_string()));
    let title = if props.new { t("New offer").to_string() } else { fill(t("Edit offer “{id}”"), &[("id", &o.id)]) };
    html! {
        <form class="rk-editor" onsubmit={save} aria-labelledby="editor-title" novalidate=true>
            <h2 id="editor-title">{ title }</h2>
            if props.new {
                { text_field("offer-id", t("Id (letters, digits, - and _)"), &o.id, set_id) }
            }
            <fieldset>
                <legend>{ t("Texts") }</legend>
                { editing.language_field("editor-lang", t("Language")) }
                { text_field("offer-headline", t("Headline"), &get(&o.headline), texts(0)) }
                { text_field("offer-body", t("Text ({cart_value} is the cart's value)"), &get(&o.body), texts(1)) }
                if o.email_capture {
                    { text_field("offer-consent", t("Consent next to the e-mail field"), &get(&o.consent), texts(2)) }
                }
            </fieldset>
            <fieldset>
                <legend>{ t("The offer") }</legend>
                { select_field("offer-code-kind", t("Code"), &[("fixed", t("the same code for everyone")), ("unique", t("a code made for each visitor"))], code_kind, set_code_kind) }
                { text_field("offer-code", if code_kind == "fixed" { t("The code") } else { t("Prefix of the codes") }, &code_value, set_code) }
                { number_field("offer-countdown", t("Countdown in minutes (0: none)"), i64::from(o.countdown_seconds.unwrap_or(0) / 60), 0, set_countdown) }
                <label class="rk-check"><input type="checkbox" checked={o.email_capture} onchange={toggle(0)} />{ " " }{ t("Ask for an e-mail address (with consent)") }</label>
                <label class="rk-check"><input type="checkbox" checked={o.active} onchange={toggle(1)} />{ " " }{ t("On (unticked: paused)") }</label>
            </fieldset>
            <section class="rk-preview" aria-labelledby="preview-title">
                <h3 id="preview-title">{ fill(t("Preview ({language})"), &[("language", t(LOCALES.iter().find(|x| x.0 == l).map(|x| x.1).unwrap_or("English")))]) }</h3>
                <p class="rk-hint">{ t("The real popup, with the texts above. Nothing done here is counted or stored.") }</p>
                <iframe class="rk-preview-popup" title={t("Preview of the offer")} src={offer_preview_url(o, &l)}></iframe>
            </section>
            { rules(draft, error, &props.tiers, false) }
            { editing.actions(t("Save offer"), &props.on_cancel) }
        </form>
    }
}
