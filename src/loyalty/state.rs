//! What the loyalty widgets show, as one value changed only by [`Action`]s: the program, the
//! signed-in customer (or a guest), and the redemption in progress. Pure: tested natively.

use retainkit_contract::loyalty::{Customer, LedgerEntry, Program, Redeemed};
use std::rc::Rc;

/// The panel's sections (`RetainKit.open("loyalty", {page})`, `?rk=loyalty:rewards`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Home,
    Earn,
    Rewards,
    History,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Home, Page::Earn, Page::Rewards, Page::History];

    /// `"rewards"`, `"Earn"`…; `None` for a name we do not know.
    pub fn parse(name: &str) -> Option<Page> {
        let n = name.trim();
        Page::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(n))
            .or_else(|| n.eq_ignore_ascii_case("referral").then_some(Page::Home))
    }

    pub fn name(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Earn => "earn",
            Page::Rewards => "rewards",
            Page::History => "history",
        }
    }
}

/// Who is looking.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Member {
    #[default]
    Guest,
    /// A token is known; the customer is on the way.
    Loading,
    Signed(Rc<Customer>),
}

/// Why a guest sees the guest view although a token was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Expired,
    /// The server refused the token (forged, another audience): never another customer's data.
    Refused,
    /// The server could not be reached.
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemFailure {
    NotEnoughPoints,
    /// No answer: the same key is sent again on the next try, so it cannot spend twice.
    Unavailable,
    Refused,
}

/// The redemption of one reward, from the confirm step to the coupon.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Redeem {
    #[default]
    Idle,
    Confirm(String),
    InFlight {
        reward: String,
        key: String,
    },
    Done {
        reward: String,
        code: String,
    },
    Failed {
        reward: String,
        /// Kept after a failure without an answer, for the retry.
        key: Option<String>,
        why: RedeemFailure,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub program: Option<Rc<Program>>,
    pub program_failed: bool,
    pub member: Member,
    pub notice: Option<Notice>,
    pub redeem: Redeem,
    /// A page asked to open the panel at this section.
    pub open_request: Option<Page>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ProgramLoaded(Rc<Program>),
    ProgramFailed,
    /// A token arrived: the customer is being loaded.
    SignedIn,
    SignedOut,
    MemberLoaded(Rc<Customer>),
    /// The token was refused, or the customer could not be loaded: the guest view.
    GuestBecause(Notice),
    /// The shopper chose a reward: the confirm step.
    Ask(String),
    Cancel,
    RedeemStarted {
        reward: String,
        key: String,
    },
    /// The server answered; `cost` and `now` (seconds) make the provisional history entry.
    Redeemed {
        answer: Redeemed,
        cost: i64,
        now: i64,
    },
    RedeemFailed(RedeemFailure),
    Open(Page),
    Opened,
}

impl State {
    pub fn customer(&self) -> Option<&Customer> {
        match &self.member {
            Member::Signed(c) => Some(c),
            _ => None,
        }
    }

    pub fn balance(&self) -> Option<i64> {
        self.customer().map(|c| c.balance)
    }

    /// The key to send for redeeming `reward`, or `None` when a redemption is already in
    /// flight (a second click is ignored) or nobody is signed in. A retry after a failure
    /// without an answer reuses the earlier key.
    pub fn redeem_key(&self, reward: &str, fresh: impl FnOnce() -> String) -> Option<String> {
        self.customer()?;
        match &self.redeem {
            Redeem::InFlight { .. } => None,
            Redeem::Failed { reward: r, key: Some(k), .. } if r == reward => Some(k.clone()),
            _ => Some(fresh()),
        }
    }

    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::ProgramLoaded(p) => {
                self.program = Some(p);
                self.program_failed = false;
            }
            Action::ProgramFailed => self.program_failed = self.program.is_none(),
            Action::SignedIn => {
                // Nothing of an earlier customer stays on screen.
                self.member = Member::Loading;
                self.redeem = Redeem::Idle;
            }
            Action::SignedOut => {
                self.member = Member::Guest;
                self.notice = None;
                self.redeem = Redeem::Idle;
            }
            Action::MemberLoaded(c) => {
                self.member = Member::Signed(c);
                self.notice = None;
            }
            Action::GuestBecause(n) => {
                self.member = Member::Guest;
                self.notice = Some(n);
                self.redeem = Redeem::Idle;
            }
            Action::Ask(reward) => {
                if !matches!(self.redeem, Redeem::InFlight { .. }) {
                    self.redeem = Redeem::Confirm(reward);
                }
            }
            Action::Cancel => {
                if !matches!(self.redeem, Redeem::InFlight { .. }) {
                    self.redeem = Redeem::Idle;
                }
            }
            Action::RedeemStarted { reward, key } => self.redeem = Redeem::InFlight { reward, key },
            Action::Redeemed { answer, cost, now } => {
                if let Member::Signed(c) = &mut self.member {
                    let c = Rc::make_mut(c);
                    c.balance = answer.balance;
                    c.history.insert(
                        0,
                        LedgerEntry {
                            id: 0,
                            delta: -cost,
                            reason: "redeem".into(),
                            coupon: Some(answer.coupon_code.clone()),
                            created_at: now,
                        },
                    );
                }
                self.redeem = Redeem::Done { reward: answer.reward_id, code: answer.coupon_code };
            }
            Action::RedeemFailed(why) => {
                if let Redeem::InFlight { reward, key } = std::mem::take(&mut self.redeem) {
                    let key = (why == RedeemFailure::Unavailable).then_some(key);
                    self.redeem = Redeem::Failed { reward, key, why };
                }
            }
            Action::Open(page) => self.open_request = Some(page),
            Action::Opened => self.open_request = None,
        }
    }
}

/// `RetainKit.open("loyalty")` and `?rk=loyalty:rewards`: the section asked for in a deep
/// link's value (`loyalty`, `loyalty:rewards`); `None` when it is not about loyalty.
pub fn deep_link(value: &str) -> Option<Page> {
    let mut parts = value.trim().splitn(2, ':');
    if !parts.next()?.eq_ignore_ascii_case("loyalty") {
        return None;
    }
    Some(parts.next().and_then(Page::parse).unwrap_or_default())
}

/// `hide-on="/checkout*, /cart"`: comma-separated paths, `*` at the end matches any rest.
/// A trailing slash does not matter.
pub fn hidden_on(path: &str, patterns: &str) -> bool {
    let path = trim_slash(path);
    patterns.split(',').map(str::trim).filter(|p| !p.is_empty()).any(|p| match p.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix) || path == trim_slash(prefix),
        None => path == trim_slash(p),
    })
}

fn trim_slash(p: &str) -> &str {
    if p.len() > 1 {
        p.trim_end_matches('/')
    } else {
        p
    }
}

/// A CSS length for the launcher's offset: `24`, `24px`, `1.5rem`, `2em`; `None` otherwise
/// (the value goes into a style, so nothing else gets through).
pub fn css_length(value: &str) -> Option<String> {
    let v = value.trim();
    let number_end = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len());
    let (number, unit) = v.split_at_checked(number_end)?;
    if number.is_empty() || number.len() > 6 || number.matches('.').count() > 1 || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let unit = match unit {
        "" => "px",
        "px" | "rem" | "em" | "vw" | "vh" => unit,
        _ => return None,
    };
    let mut s = String::with_capacity(number.len() + unit.len());
    s.push_str(number);
    s.push_str(unit);
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use retainkit_contract::loyalty::TierProgress;

    fn customer(balance: i64) -> Rc<Customer> {
        Rc::new(Customer {
            id: "c-1".into(),
            balance,
            lifetime_points: balance,
            tier: TierProgress { current: None, next: None, points_to_next: None, percent: 0 },
            history: vec![],
            referral_url: None,
        })
    }

    fn signed(balance: i64) -> State {
        let mut s = State::default();
        s.reduce(Action::SignedIn);
        s.reduce(Action::MemberLoaded(customer(balance)));
        s
    }

    #[test]
    fn a_second_redeem_while_one_is_in_flight_is_ignored() {
        let mut s = signed(320);
        s.reduce(Action::Ask("five-off".into()));
        assert_eq!(s.redeem, Redeem::Confirm("five-off".into()));
        let key = s.redeem_key("five-off", || "k1".into()).unwrap();
        s.reduce(Action::RedeemStarted { reward: "five-off".into(), key });
        assert_eq!(s.redeem_key("five-off", || "k2".into()), None);
        s.reduce(Action::Ask("ten-off".into()));
        s.reduce(Action::Cancel);
        assert!(matches!(s.redeem, Redeem::InFlight { .. }));
        let answer = Redeemed { reward_id: "five-off".into(), coupon_code: "RK-ABC".into(), balance: 220 };
        s.reduce(Action::Redeemed { answer, cost: 100, now: 7 });
        assert_eq!(s.balance(), Some(220));
        assert_eq!(s.customer().unwrap().history[0].coupon.as_deref(), Some("RK-ABC"));
        assert_eq!(s.customer().unwrap().history[0].delta, -100);
        assert_eq!(s.redeem, Redeem::Done { reward: "five-off".into(), code: "RK-ABC".into() });
    }

    #[test]
    fn a_retry_after_no_answer_reuses_the_key() {
        let mut s = signed(320);
        s.reduce(Action::RedeemStarted { reward: "r".into(), key: "k1".into() });
        s.reduce(Action::RedeemFailed(RedeemFailure::Unavailable));
        assert_eq!(s.redeem_key("r", || "k2".into()).as_deref(), Some("k1"));
        assert_eq!(s.redeem_key("other", || "k3".into()).as_deref(), Some("k3"));
        s.reduce(Action::RedeemStarted { reward: "r".into(), key: "k1".into() });
        s.reduce(Action::RedeemFailed(RedeemFailure::NotEnoughPoints));
        assert_eq!(s.redeem_key("r", || "k4".into()).as_deref(), Some("k4"));
        assert_eq!(State::default().redeem_key("r", || "k".into()), None, "guests cannot redeem");
    }

    #[test]
    fn a_new_token_or_a_refusal_clears_the_customer() {
        let mut s = signed(320);
        s.reduce(Action::SignedIn);
        assert_eq!((s.balance(), &s.member), (None, &Member::Loading));
        s.reduce(Action::MemberLoaded(customer(5)));
        s.reduce(Action::GuestBecause(Notice::Refused));
        assert_eq!((s.balance(), s.notice), (None, Some(Notice::Refused)));
        s.reduce(Action::SignedIn);
        s.reduce(Action::MemberLoaded(customer(5)));
        assert_eq!(s.notice, None);
        s.reduce(Action::SignedOut);
        assert_eq!(s.member, Member::Guest);
    }

    #[test]
    fn pages_and_deep_links() {
        assert_eq!(Page::parse(" Rewards "), Some(Page::Rewards));
        assert_eq!(Page::parse("referral"), Some(Page::Home));
        assert_eq!(Page::parse("nope"), None);
        assert_eq!(deep_link("loyalty:rewards"), Some(Page::Rewards));
        assert_eq!(deep_link("loyalty"), Some(Page::Home));
        assert_eq!(deep_link("loyalty:zzz"), Some(Page::Home));
        assert_eq!(deep_link("survey:nps"), None);
    }

    #[test]
    fn hidden_paths() {
        let p = "/checkout*, /cart/ ,/account/orders";
        assert!(hidden_on("/checkout", p));
        assert!(hidden_on("/checkout/pay", p));
        assert!(hidden_on("/cart", p));
        assert!(hidden_on("/account/orders/", p));
        assert!(!hidden_on("/account", p));
        assert!(!hidden_on("/", p));
        assert!(hidden_on("/", "/"));
        assert!(!hidden_on("/x", ""));
    }

    #[test]
    fn offsets_are_plain_lengths() {
        assert_eq!(css_length("24").as_deref(), Some("24px"));
        assert_eq!(css_length(" 1.5rem ").as_deref(), Some("1.5rem"));
        assert_eq!(css_length("96px").as_deref(), Some("96px"));
        assert_eq!(css_length("1px;color:red"), None);
        assert_eq!(css_length("calc(1px)"), None);
        assert_eq!(css_length("-4px"), None);
        assert_eq!(css_length(""), None);
    }
}
