//! The loyalty program: what it is called, its tiers, the ways to earn points and the rewards
//! points buy, each named in en/id/pl, and the shop's pages for joining, signing in and
//! referrals. Shown on the loyalty page; edited there and saved with
//! `PUT /v1/admin/loyalty/program` (the server checks it and names any part that is wrong).
//! What the shop sees here is what the loyalty widget shows shoppers.

use crate::editor::{change, number, number_field, select_field, set_text, text_field, typed, update, use_editing, Change, Editing};
use crate::load::alert;
use crate::texts::{fill, t, tk};
use crate::{api, Session};
use retainkit_contract::loyalty::{Discount, EarnKind, EarnRule, Program, RewardOffer, Tier};
use retainkit_contract::survey::Texts;
use yew::prelude::*;

/// A program to start from: no tiers or rewards yet, one way to earn (buying).
pub fn blank() -> Program {
    Program {
        name: Texts::new(),
        tiers: Vec::new(),
        ways_to_earn: vec![EarnRule { kind: EarnKind::Purchase, label: Texts::new(), points: 1, url: None }],
        rewards: Vec::new(),
        join_url: None,
        sign_in_url: None,
        referral_base_url: None,
    }
}

const KINDS: [(&str, &str); 6] = [
    ("purchase", tk("buying (points per 100 of the order's amount in minor units)")),
    ("review", tk("writing a review")),
    ("signup", tk("creating an account")),
    ("birthday", tk("a birthday")),
    ("social_follow", tk("following the shop on a social network")),
    ("share", tk("sharing the shop's page")),
];

fn kind_value(k: EarnKind) -> &'static str {
    match k {
        EarnKind::Purchase => "purchase",
        EarnKind::Review => "review",
        EarnKind::Signup => "signup",
        EarnKind::Birthday => "birthday",
        EarnKind::SocialFollow => "social_follow",
        EarnKind::Share => "share",
    }
}

fn kind_of(v: &str) -> EarnKind {
    match v {
        "review" => EarnKind::Review,
        "signup" => EarnKind::Signup,
        "birthday" => EarnKind::Birthday,
        "social_follow" => EarnKind::SocialFollow,
        "share" => EarnKind::Share,
        _ => EarnKind::Purchase,
    }
}

/// A link field: empty is none.
fn link(v: String) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// What is wrong with a program before it is sent, in words (the server checks again).
pub fn problem(p: &Program) -> Option<String> {
    let ids_ok = |ids: Vec<&str>| {
        ids.iter().all(|id| retainkit_contract::is_valid_id(id)) && ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id))
    };
    if !ids_ok(p.tiers.iter().map(|t| t.id.as_str()).collect()) {
        return Some(t("Each tier needs an id of its own: letters, digits, - and _ only.").into());
    }
    if !ids_ok(p.rewards.iter().map(|r| r.id.as_str()).collect()) {
        return Some(t("Each reward needs an id of its own: letters, digits, - and _ only.").into());
    }
    if p.ways_to_earn.iter().any(|r| r.points <= 0) {
        return Some(t("Each way to earn gives at least 1 point.").into());
    }
    if p.rewards.iter().any(|r| r.cost <= 0) {
        return Some(t("Each reward costs at least 1 point.").into());
    }
    None
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: Session,
    pub program: Program,
    /// Whether the shop has no program yet.
    pub new: bool,
    pub on_saved: Callback<Program>,
    pub on_cancel: Callback<()>,
}

#[function_component(ProgramEditor)]
pub fn program_editor(props: &Props) -> Html {
    let editing = use_editing(&props.program);
    let Editing { draft, lang, busy, error } = &editing;
    let edit = |f: Change<Program>| change(draft, error, f);
    let p = &**draft;
    let l = (**lang).clone();
    let get = |t: &Texts| t.get(&l).cloned().unwrap_or_default();
    // A text of the draft in the language chosen; `pick` finds it.
    let text = |pick: fn(&mut Program, usize) -> Option<&mut Texts>, i: usize| {
        let l = l.clone();
        edit(Box::new(move |d, v| {
            if let Some(t) = pick(d, i) {
                set_text(t, &l, v);
            }
        }))
    };
    let links = [
        ("program-join", t("Page where guests join (e.g. /account/register)"), p.join_url.clone(), 0u8),
        ("program-signin", t("Page where members sign in (e.g. /account/login)"), p.sign_in_url.clone(), 1),
        ("program-referral", t("Shop page referral links point to (a full https:// address)"), p.referral_base_url.clone(), 2),
    ]
    .map(|(id, label, value, which)| {
        let on = edit(Box::new(move |d, v| {
            let slot = match which {
                0 => &mut d.join_url,
                1 => &mut d.sign_in_url,
                _ => &mut d.referral_base_url,
            };
            *slot = link(v);
        }));
        text_field(id, label, value.as_deref().unwrap_or(""), on)
    });

    let tiers = p.tiers.iter().enumerate().map(|(i, tier)| {
        let set_id = edit(Box::new(move |d, v| d.tiers[i].id = v.trim().to_string()));
        let set_threshold = edit(Box::new(move |d, v| {
            if let Some(n) = number::<i64>(&v) {
                d.tiers[i].threshold = n;
            }
        }));
        let remove = update(draft, error, move |d: &mut Program| {
            d.tiers.remove(i);
        });
        html! {
            <fieldset class="rk-item">
                <legend>{ fill(t("Tier {n}"), &[("n", &(i + 1).to_string())]) }</legend>
                { text_field(&format!("tier-{i}-id"), t("Id"), &tier.id, set_id) }
                { text_field(&format!("tier-{i}-name"), t("Name"), &get(&tier.name), text(|d, i| d.tiers.get_mut(i).map(|x| &mut x.name), i)) }
                { number_field(&format!("tier-{i}-threshold"), t("Reached at points earned in all"), tier.threshold, 0, set_threshold) }
                <button type="button" onclick={remove} aria-label={fill(t("Remove tier {n}"), &[("n", &(i + 1).to_string())])}>{ t("Remove") }</button>
            </fieldset>
        }
    });
    let add_tier = update(draft, error, |d: &mut Program| {
        let threshold = d.tiers.iter().map(|t| t.threshold).max().map_or(0, |m| m + 500);
        d.tiers.push(Tier { id: String::new(), name: Texts::new(), threshold });
    });

    let ways = p.ways_to_earn.iter().enumerate().map(|(i, r)| {
        let set_kind = edit(Box::new(move |d, v| {
            let r = &mut d.ways_to_earn[i];
            r.kind = kind_of(&v);
            if !matches!(r.kind, EarnKind::SocialFollow | EarnKind::Share) {
                r.url = None;
            }
        }));
        let set_points = edit(Box::new(move |d, v| {
            if let Some(n) = number::<i64>(&v) {
                d.ways_to_earn[i].points = n;
            }
        }));
        let set_url = edit(Box::new(move |d, v| d.ways_to_earn[i].url = link(v)));
        let remove = update(draft, error, move |d: &mut Program| {
            d.ways_to_earn.remove(i);
        });
        let social = matches!(r.kind, EarnKind::SocialFollow | EarnKind::Share);
        html! {
            <fieldset class="rk-item">
                <legend>{ fill(t("Way to earn {n}"), &[("n", &(i + 1).to_string())]) }</legend>
                { select_field(&format!("earn-{i}-kind"), t("For"), &KINDS.map(|(v, n)| (v, t(n))), kind_value(r.kind), set_kind) }
                { text_field(&format!("earn-{i}-label"), t("Shown as"), &get(&r.label), text(|d, i| d.ways_to_earn.get_mut(i).map(|r| &mut r.label), i)) }
                { number_field(&format!("earn-{i}-points"), t("Points"), r.points, 1, set_points) }
                if social {
                    { text_field(&format!("earn-{i}-url"), t("The page to follow or share"), r.url.as_deref().unwrap_or(""), set_url) }
                }
                <button type="button" onclick={remove} aria-label={fill(t("Remove way to earn {n}"), &[("n", &(i + 1).to_string())])}>{ t("Remove") }</button>
            </fieldset>
        }
    });
    let add_way = update(draft, error, |d: &mut Program| {
        d.ways_to_earn.push(EarnRule { kind: EarnKind::Review, label: Texts::new(), points: 50, url: None });
    });

    let rewards = p.rewards.iter().enumerate().map(|(i, r)| {
        let set_id = edit(Box::new(move |d, v| d.rewards[i].id = v.trim().to_string()));
        let set_cost = edit(Box::new(move |d, v| {
            if let Some(n) = number::<i64>(&v) {
                d.rewards[i].cost = n;
            }
        }));
        let set_kind = edit(Box::new(move |d, v| {
            d.rewards[i].discount = match (v.as_str(), &d.rewards[i].discount) {
                ("fixed", Discount::Percent { .. }) => Discount::Fixed { amount: 1000, currency: "USD".into() },
                ("percent", Discount::Fixed { .. }) => Discount::Percent { percent: 10 },
                (_, same) => same.clone(),
            }
        }));
        let set_amount = edit(Box::new(move |d, v| match &mut d.rewards[i].discount {
            Discount::Percent { percent } => {
                if let Some(n) = number::<u8>(&v) {
                    *percent = n;
                }
            }
            Discount::Fixed { amount, .. } => {
                if let Some(n) = number::<i64>(&v) {
                    *amount = n;
                }
            }
        }));
        let set_currency = edit(Box::new(move |d, v| {
            if let Discount::Fixed { currency, .. } = &mut d.rewards[i].discount {
                *currency = v.trim().to_uppercase();
            }
        }));
        let remove = update(draft, error, move |d: &mut Program| {
            d.rewards.remove(i);
        });
        let (kind, amount, currency) = match &r.discount {
            Discount::Percent { percent } => ("percent", i64::from(*percent), None),
            Discount::Fixed { amount, currency } => ("fixed", *amount, Some(currency.clone())),
        };
        html! {
            <fieldset class="rk-item">
                <legend>{ fill(t("Reward {n}"), &[("n", &(i + 1).to_string())]) }</legend>
                { text_field(&format!("reward-{i}-id"), t("Id"), &r.id, set_id) }
                { text_field(&format!("reward-{i}-name"), t("Name"), &get(&r.name), text(|d, i| d.rewards.get_mut(i).map(|r| &mut r.name), i)) }
                { number_field(&format!("reward-{i}-cost"), t("Costs points"), r.cost, 1, set_cost) }
                { select_field(&format!("reward-{i}-kind"), t("Gives"), &[("percent", t("a percentage off")), ("fixed", t("an amount off"))], kind, set_kind) }
                if let Some(currency) = currency {
                    { number_field(&format!("reward-{i}-amount"), t("Amount off, in minor units (cents)"), amount, 1, set_amount) }
                    <div class="rk-field">
                        <label for={format!("reward-{i}-currency")}>{ t("Currency (ISO code)") }</label>
                        <input id={format!("reward-{i}-currency")} type="text" maxlength="3" value={currency} oninput={typed(set_currency)} />
                    </div>
                } else {
                    { number_field(&format!("reward-{i}-amount"), t("Percent off"), amount, 1, set_amount) }
                }
                <button type="button" onclick={remove} aria-label={fill(t("Remove reward {n}"), &[("n", &(i + 1).to_string())])}>{ t("Remove") }</button>
            </fieldset>
        }
    });
    let add_reward = update(draft, error, |d: &mut Program| {
        d.rewards.push(RewardOffer { id: String::new(), name: Texts::new(), cost: 100, discount: Discount::Percent { percent: 5 } });
    });

    let save = {
        let (draft, busy, error, session, saved) =
            (draft.clone(), busy.clone(), error.clone(), props.session.clone(), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut d = (*draft).clone();
            if let Some(p) = problem(&d) {
                error.set(Some(p));
                return;
            }
            // Kept from the lowest tier up, as the widget lists them.
            d.tiers.sort_by_key(|t| t.threshold);
            let (busy, error, session, saved) = (busy.clone(), error.clone(), session.clone(), saved.clone());
            error.set(None);
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let sent = api::send::<_, Program>("PUT", "/v1/admin/loyalty/program", &session.csrf, Some(&d)).await;
                busy.set(false);
                match sent {
                    Ok(p) => saved.emit(p),
                    Err(f) => session.fail(f, &error),
                }
            });
        })
    };
    html! {
        <form class="rk-editor" onsubmit={save} aria-labelledby="program-editor-title" novalidate=true>
            <h2 id="program-editor-title">{ if props.new { t("New loyalty program") } else { t("Edit the loyalty program") } }</h2>
            <fieldset>
                <legend>{ t("Texts") }</legend>
                { editing.language_field("program-lang", t("Language of the names below")) }
                { text_field("program-name", t("Program name"), &get(&p.name), edit(Box::new({
                    let l = l.clone();
                    move |d, v| set_text(&mut d.name, &l, v)
                }))) }
            </fieldset>
            <fieldset>
                <legend>{ t("The shop's pages") }</legend>
                { for links }
            </fieldset>
            <fieldset>
                <legend>{ t("Tiers") }</legend>
                <p class="rk-hint">{ t("A member is in the highest tier whose points they have earned in all (spending points does not lower it).") }</p>
                { for tiers }
                <button type="button" onclick={add_tier}>{ t("Add a tier") }</button>
            </fieldset>
            <fieldset>
                <legend>{ t("Ways to earn") }</legend>
                { for ways }
                <button type="button" onclick={add_way}>{ t("Add a way to earn") }</button>
            </fieldset>
            <fieldset>
                <legend>{ t("Rewards") }</legend>
                { for rewards }
                <button type="button" onclick={add_reward}>{ t("Add a reward") }</button>
            </fieldset>
            { editing.actions(t("Save the program"), &props.on_cancel) }
        </form>
    }
}

/// The program as loaded: none yet (404), or a failure.
#[derive(Clone, PartialEq)]
enum State {
    Loading,
    None,
    Some(Program),
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub session: Session,
}

/// The program in short (name, tiers, ways to earn, rewards), with its editor at a button.
#[function_component(ProgramSection)]
pub fn program_section(props: &SectionProps) -> Html {
    let state = use_state(|| State::Loading);
    let round = use_state(|| 0u32);
    let editing = use_state(|| false);
    let status = use_state(|| None::<String>);
    {
        let (state, session) = (state.clone(), props.session.clone());
        use_effect_with(*round, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api::get::<Program>("/v1/loyalty/program").await {
                    Ok(p) => state.set(State::Some(p)),
                    Err(api::Failure::NotFound(_)) => state.set(State::None),
                    Err(api::Failure::SignedOut) => session.ended.emit(()),
                    Err(f) => state.set(State::Failed(f.message())),
                }
            });
        });
    }
    let open = {
        let (editing, status) = (editing.clone(), status.clone());
        Callback::from(move |_| {
            status.set(None);
            editing.set(true);
        })
    };
    let saved = {
        let (editing, status, state) = (editing.clone(), status.clone(), state.clone());
        Callback::from(move |p: Program| {
            editing.set(false);
            state.set(State::Some(p));
            status.set(Some(t("The loyalty program is saved.").into()));
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };
    let body = match (&*state, *editing) {
        (State::Loading, _) => html! { <p role="status">{ t("Loading…") }</p> },
        (State::Failed(e), _) => alert(&Some(e.clone())),
        (State::None, true) => {
            html! { <ProgramEditor session={props.session.clone()} program={blank()} new=true on_saved={saved} on_cancel={cancel} /> }
        }
        (State::Some(p), true) => {
            html! { <ProgramEditor session={props.session.clone()} program={p.clone()} new=false on_saved={saved} on_cancel={cancel} /> }
        }
        (State::None, false) => html! {
            <>
                <p>{ t("The shop has no loyalty program yet: the loyalty widgets stay hidden until it has one.") }</p>
                <button type="button" onclick={open}>{ t("Create the program") }</button>
            </>
        },
        (State::Some(p), false) => summary(p, open),
    };
    html! {
        <section aria-labelledby="program-title">
            <h2 id="program-title">{ t("The program") }</h2>
            if let Some(s) = &*status { <p role="status">{ s }</p> }
            { body }
        </section>
    }
}

/// A name in the console's language, else in English.
fn named(texts: &Texts) -> String {
    texts.for_locale(crate::texts::current()).unwrap_or_default().to_string()
}

fn summary(p: &Program, open: Callback<MouseEvent>) -> Html {
    let reward = |r: &RewardOffer| match &r.discount {
        Discount::Percent { percent } => fill(t("{percent} % off"), &[("percent", &percent.to_string())]),
        Discount::Fixed { amount, currency } => {
            fill(t("{amount} {currency} (minor units) off"), &[("amount", &amount.to_string()), ("currency", currency)])
        }
    };
    html! {
        <>
            <p>{ fill(t("“{name}”: {tiers} tiers, {ways} ways to earn, {rewards} rewards."), &[
                ("name", &named(&p.name)), ("tiers", &p.tiers.len().to_string()), ("ways", &p.ways_to_earn.len().to_string()), ("rewards", &p.rewards.len().to_string()),
            ]) }</p>
            <div class="rk-table-wrap" tabindex="0" role="group" aria-label={t("Tiers and rewards")}><table class="rk-table" aria-label={t("Tiers and rewards")}>
                <thead><tr><th scope="col">{ t("Tier or reward") }</th><th scope="col">{ t("Points") }</th><th scope="col">{ t("What") }</th></tr></thead>
                <tbody>
                    { for p.tiers.iter().map(|tier| html! { <tr><th scope="row">{ named(&tier.name) }</th><td>{ tier.threshold }</td><td>{ t("tier, from these points earned in all") }</td></tr> }) }
                    { for p.rewards.iter().map(|r| html! { <tr><th scope="row">{ named(&r.name) }</th><td>{ r.cost }</td><td>{ fill(t("reward: {what}"), &[("what", &reward(r))]) }</td></tr> }) }
                </tbody>
            </table></div>
            <button type="button" onclick={open}>{ t("Edit the program") }</button>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_with_a_doubled_or_bad_id_or_no_points_is_refused_before_it_is_sent() {
        let mut p = blank();
        assert_eq!(problem(&p), None);
        p.tiers = vec![
            Tier { id: "silver".into(), name: Texts::new(), threshold: 500 },
            Tier { id: "silver".into(), name: Texts::new(), threshold: 900 },
        ];
        assert!(problem(&p).unwrap().contains("tier"));
        p.tiers[1].id = "gold tier".into();
        assert!(problem(&p).unwrap().contains("tier"));
        p.tiers[1].id = "gold".into();
        assert_eq!(problem(&p), None);
        p.ways_to_earn[0].points = 0;
        assert!(problem(&p).unwrap().contains("way to earn"));
        p.ways_to_earn[0].points = 1;
        p.rewards.push(RewardOffer { id: "five".into(), name: Texts::new(), cost: 0, discount: Discount::Percent { percent: 5 } });
        assert!(problem(&p).unwrap().contains("reward"));
    }
}
