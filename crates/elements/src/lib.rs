//! The one description of RetainKit's public surface in the browser: every custom element
//! (its attributes with types and defaults, the events it sends with their `detail`, its
//! parts and CSS custom properties) and the `window.RetainKit` API.
//!
//! Everything a developer reads or a tool checks is generated from this table (see
//! [`generate`]): the loader's list of observed attributes (`www/retainkit.js`), the
//! README's tables, the TypeScript declarations (`types/index.d.ts`) and the Custom
//! Elements Manifest (`custom-elements.json`). A test fails when a generated file is stale;
//! `RK_UPDATE_GENERATED=1 cargo test -p retainkit-elements` writes them.
//!
//! To add an attribute: add it here, use it in the component's `FromAttrs`, run the command.

pub mod generate;

/// How a value of an attribute is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Free text.
    Text,
    /// An identifier: 1–64 of `[A-Za-z0-9_.:-]`.
    Id,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A whole number in this range.
    Int(i64, i64),
    /// A CSS length (`24`, `24px`, `1.5rem`).
    Length,
    /// A language tag (`en`, `id`, `pl`).
    Locale,
    /// A URL or a path on the shop.
    Url,
    /// A signed token (JWT).
    Token,
}

impl Type {
    /// The TypeScript type of the attribute's value.
    pub fn ts(self) -> String {
        match self {
            Type::OneOf(words) => words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" | "),
            Type::Int(..) => "number | `${number}`".to_owned(),
            _ => "string".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Attr {
    pub name: &'static str,
    pub ty: Type,
    pub default: Option<&'static str>,
    pub doc: &'static str,
}

/// A field of an event's `detail`, with its TypeScript type.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ts: &'static str,
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Dispatched on the element (bubbles, composed).
    Element,
    /// Dispatched on `document`.
    Document,
}

#[derive(Debug, Clone, Copy)]
pub struct Event {
    pub name: &'static str,
    pub target: Target,
    pub detail: &'static [Field],
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub names: &'static [&'static str],
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct CssProp {
    pub name: &'static str,
    pub default: &'static str,
    pub doc: &'static str,
}

/// Which part of RetainKit an element belongs to; [`Family::chunk`] names the WASM chunk
/// that holds its widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Surveys,
    Reviews,
    Loyalty,
    Popups,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Surveys => "surveys",
            Family::Reviews => "reviews",
            Family::Loyalty => "loyalty",
            Family::Popups => "popups",
        }
    }

    /// The WASM chunk of the family's widgets.
    pub fn chunk(self) -> &'static str {
        match self {
            Family::Surveys => "surveys",
            Family::Popups => "popups",
            Family::Reviews => "reviews",
            Family::Loyalty => "loyalty",
        }
    }
}

/// When the loader loads an element's widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// When it comes within 200 px of the viewport.
    NearViewport,
    /// At idle (it is on screen from the start, fixed).
    Idle,
    /// Never defined by the loader: the widget creates it itself.
    ByWidget,
    /// Drawn by the loader itself in plain DOM: no WASM at all.
    Loader,
    /// Draws nothing: it places a server-defined popup on the page, read when the loader
    /// asks the server for the page's popups (its chunk loads when one could show).
    Placed,
}

#[derive(Debug, Clone, Copy)]
pub struct Element {
    pub tag: &'static str,
    pub class: &'static str,
    pub family: Family,
    pub load: Load,
    pub summary: &'static str,
    pub attributes: &'static [Attr],
    pub events: &'static [Event],
    pub parts: &'static [Part],
    /// Named slots: where the shop's own content (children with `slot="…"`) replaces ours.
    pub slots: &'static [Part],
    pub css: &'static [CssProp],
}

impl Element {
    /// Attributes observed by the loader (a change re-renders the widget): the element's own
    /// and `lang`.
    pub fn observed(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self.attributes.iter().map(|a| a.name).collect();
        if self.draws() {
            v.push("lang");
        }
        v
    }

    /// Whether it shows anything where it stands (a placed popup does not: no language, no
    /// theme, no styles).
    pub fn draws(&self) -> bool {
        self.load != Load::Placed
    }
}

const LOCALE: Attr = Attr {
    name: "locale",
    ty: Type::Locale,
    default: None,
    doc: "the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's",
};

const TEXTS: Attr = Attr {
    name: "texts",
    ty: Type::Text,
    default: None,
    doc: "this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{\"write_review\":\"Share your thoughts\"}`; over the language's and `RetainKit.init({texts})`'s",
};

const CUSTOMER_TOKEN: Attr = Attr {
    name: "customer-token",
    ty: Type::Token,
    default: None,
    doc: "the signed customer token (or use `RetainKit.identify`); removing it signs out",
};

/// Tokens every widget reads; set them on `:root` or on the element.
pub const SHARED_CSS: &[CssProp] = &[
    CssProp { name: "--rk-color-accent", default: "#0b5cad", doc: "buttons, the chosen option, links" },
    CssProp { name: "--rk-color-accent-text", default: "#ffffff", doc: "text on the accent colour" },
    CssProp { name: "--rk-color-text", default: "#1f2328", doc: "text" },
    CssProp { name: "--rk-color-muted", default: "#57606a", doc: "captions and secondary text" },
    CssProp { name: "--rk-color-bg", default: "#ffffff", doc: "card background" },
    CssProp { name: "--rk-color-border", default: "#d0d7de", doc: "borders" },
    CssProp { name: "--rk-color-error", default: "#b42318", doc: "error messages" },
    CssProp { name: "--rk-color-success", default: "#1a7f37", doc: "confirmations" },
    CssProp { name: "--rk-font", default: "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif", doc: "the font" },
    CssProp { name: "--rk-font-size", default: "1rem", doc: "the base font size" },
    CssProp { name: "--rk-radius", default: "8px", doc: "corner radius" },
    CssProp { name: "--rk-space", default: "1rem", doc: "padding and gaps" },
    CssProp { name: "--rk-focus-ring", default: "0 0 0 3px rgba(11, 92, 173, 0.45)", doc: "the focus outline (a box-shadow)" },
    CssProp { name: "--rk-color-placeholder", default: "#f6f8fa", doc: "the box that holds the space before the widget loads" },
    CssProp { name: "--rk-color-backdrop", default: "rgba(15, 23, 42, 0.55)", doc: "behind a dialog (lighter behind a corner popup)" },
    CssProp {
        name: "--rk-shadow",
        default: "0 8px 30px rgba(15, 23, 42, 0.25)",
        doc: "the shadow of a corner popup and the loyalty launcher",
    },
    CssProp {
        name: "--rk-reserve-height",
        default: "185px",
        doc: "the height that box reserves (per element: 420px for reviews, 640px for the form)",
    },
    CssProp { name: "--rk-reserve-height-narrow", default: "276px", doc: "the same, when the element is at most 420 px wide" },
];

const STAR_CSS: &[CssProp] = &[
    CssProp { name: "--rk-color-star", default: "#e3a008", doc: "filled stars" },
    CssProp { name: "--rk-color-star-empty", default: "#d0d7de", doc: "empty stars" },
];

const SURVEY_SUBMIT: Event = Event {
    name: "rk-survey-submit",
    target: Target::Element,
    detail: &[
        Field { name: "surveyId", ts: "string", doc: "the survey" },
        Field { name: "responseId", ts: "number", doc: "the stored answer" },
        Field { name: "score", ts: "number | null", doc: "0–10 (NPS) or 1–5 (CSAT)" },
        Field { name: "category", ts: "'promoter' | 'passive' | 'detractor' | null", doc: "the NPS group" },
        Field { name: "choice", ts: "string", doc: "the chosen option (single choice; absent otherwise)" },
        Field { name: "comment", ts: "string", doc: "the follow-up text, when sent with the score (absent otherwise)" },
    ],
    doc: "the server has the answer",
};

const REVIEW_SUBMIT: Event = Event {
    name: "rk-review-submit",
    target: Target::Element,
    detail: &[
        Field { name: "productId", ts: "string", doc: "the product" },
        Field { name: "reviewId", ts: "number", doc: "the stored review" },
        Field { name: "status", ts: "'published' | 'pending'", doc: "published at once, or waiting for the shop" },
        Field { name: "rating", ts: "number", doc: "1–5" },
    ],
    doc: "the server has the review",
};

const POINTS_CHANGE: Event = Event {
    name: "rk-points-change",
    target: Target::Document,
    detail: &[
        Field { name: "balance", ts: "number | null", doc: "the balance now (`null`: unknown or signed out)" },
        Field { name: "previous", ts: "number | null", doc: "the balance before" },
    ],
    doc: "the known balance changed",
};

const TOKEN_EXPIRED: Event = Event {
    name: "rk-token-expired",
    target: Target::Document,
    detail: &[],
    doc: "the customer token expired; answer with `RetainKit.identify(newToken)`",
};

pub const ELEMENTS: &[Element] = &[
    Element {
        tag: "rk-nps",
        class: "RkNpsElement",
        family: Family::Surveys,
        load: Load::NearViewport,
        summary: "Net Promoter Score question: a 0–10 scale, a follow-up text, a thank-you state",
        attributes: &[
            Attr { name: "survey-id", ty: Type::Id, default: Some("nps"), doc: "the survey the answers count for (defined on the server); when the shop wrote its question, that question is asked (in the shopper's language, waited for at most 1.5 s) and the display is counted" },
            Attr { name: "question", ty: Type::Text, default: None, doc: "replaces the question text (the server's too)" },
            Attr { name: "locale", ..LOCALE },
            TEXTS,
            Attr { name: "follow-up", ty: Type::OneOf(&["on", "off"]), default: Some("on"), doc: "`off` hides the follow-up text field" },
        ],
        events: &[SURVEY_SUBMIT],
        parts: &[
            Part { names: &["container"], doc: "the card" },
            Part { names: &["form"], doc: "the form inside it" },
            Part { names: &["question"], doc: "the question text" },
            Part { names: &["scale"], doc: "the radio group" },
            Part { names: &["scale-option", "scale-option-checked"], doc: "each number; the chosen one has both" },
            Part { names: &["captions", "caption-low", "caption-high"], doc: "the words under the scale's two ends" },
            Part { names: &["follow-up-label", "follow-up", "counter"], doc: "the follow-up label, text area and characters left" },
            Part { names: &["submit"], doc: "the send / try-again button" },
            Part { names: &["error"], doc: "an error message" },
            Part { names: &["thanks"], doc: "the thank-you text" },
            Part { names: &["placeholder"], doc: "the box that holds the space until the widget is loaded (and its question is known)" },
        ],
        slots: &[],
        css: &[],
    },
    Element {
        tag: "rk-survey",
        class: "RkSurveyElement",
        family: Family::Surveys,
        load: Load::NearViewport,
        summary: "a survey defined on the server (NPS, CSAT, single choice, text) with its follow-up",
        attributes: &[
            Attr { name: "survey-id", ty: Type::Id, default: None, doc: "the survey's id on the server" },
            Attr {
                name: "placement",
                ty: Type::OneOf(&["inline", "popup"]),
                default: Some("inline"),
                doc: "`popup`: nothing shows here; the survey becomes one of the page's popups (`<rk-popup>`), on the triggers and recontact rules defined on the server, whatever its page rules (an inline survey shows at once, in the corner)",
            },
            Attr { name: "locale", ..LOCALE },
            TEXTS,
        ],
        events: &[SURVEY_SUBMIT],
        parts: &[
            Part {
                names: &["container", "form", "question", "scale", "scale-option", "choice", "text", "submit", "error"],
                doc: "the question",
            },
            Part { names: &["follow-up-form", "follow-up-label", "follow-up", "skip", "thanks"], doc: "the follow-up and the end" },
            Part { names: &["status", "retry"], doc: "when the survey could not be loaded: the message (`error`) and its button" },
            Part { names: &["placeholder"], doc: "the box that holds the space until the widget is loaded" },
        ],
        slots: &[],
        css: &[],
    },
    Element {
        tag: "rk-stars",
        class: "RkStarsElement",
        family: Family::Reviews,
        load: Load::Loader,
        summary: "stars and the review count for a product card; all of a page's snippets share one request",
        attributes: &[
            Attr { name: "product-id", ty: Type::Id, default: None, doc: "the product" },
            Attr { name: "href", ty: Type::Url, default: Some("#reviews"), doc: "where the link goes" },
            Attr { name: "locale", ..LOCALE },
            Attr {
                name: "show-empty",
                ty: Type::OneOf(&["", "true"]),
                default: None,
                doc: "present: empty stars for a product without reviews (default: nothing)",
            },
        ],
        events: &[],
        parts: &[Part { names: &["link", "stars", "count"], doc: "the link, the stars, the \"(6)\"" }],
        slots: &[],
        css: &[STAR_CSS[0], STAR_CSS[1], CssProp { name: "--rk-star-size-row", default: "6em", doc: "the width of the row of stars" }],
    },
    Element {
        tag: "rk-reviews",
        class: "RkReviewsElement",
        family: Family::Reviews,
        load: Load::NearViewport,
        summary: "reviews of a product: summary and histogram, sorting, pages, photos, replies, helpful votes, JSON-LD",
        attributes: &[
            Attr { name: "product-id", ty: Type::Id, default: None, doc: "the shop's product id" },
            Attr {
                name: "product-name",
                ty: Type::Text,
                default: None,
                doc: "the product's name in the JSON-LD (default: the page title)",
            },
            Attr { name: "locale", ..LOCALE },
            TEXTS,
            Attr { name: "page-size", ty: Type::Int(1, 50), default: Some("10"), doc: "reviews per page" },
            Attr {
                name: "jsonld",
                ty: Type::OneOf(&["on", "off"]),
                default: Some("on"),
                doc: "`off`: add no JSON-LD (the page has its own)",
            },
            Attr { name: "order-token", ty: Type::Token, default: None, doc: "passed to the form in the dialog (a verified review)" },
        ],
        events: &[
            Event {
                name: "rk-reviews-loaded",
                target: Target::Element,
                detail: &[
                    Field { name: "productId", ts: "string", doc: "the product" },
                    Field { name: "count", ts: "number", doc: "published reviews" },
                    Field { name: "average", ts: "number", doc: "the average rating, one decimal" },
                ],
                doc: "the first page is shown",
            },
            Event {
                name: "rk-review-vote",
                target: Target::Element,
                detail: &[
                    Field { name: "reviewId", ts: "number", doc: "the review" },
                    Field { name: "helpfulCount", ts: "number", doc: "its helpful votes now" },
                ],
                doc: "a helpful vote was counted",
            },
            REVIEW_SUBMIT,
        ],
        parts: &[
            Part {
                names: &[
                    "container",
                    "title",
                    "summary",
                    "average",
                    "average-value",
                    "review-count",
                    "stars",
                    "histogram",
                    "histogram-bar",
                    "histogram-label",
                    "histogram-track",
                    "histogram-count",
                ],
                doc: "the card and the summary: the average, its count, the bars (each a label, a track, a count)",
            },
            Part {
                names: &["toolbar", "sort-label", "sort", "clear-filter", "write-button"],
                doc: "sorting, the filter in force, the button that opens the form",
            },
            Part {
                names: &[
                    "list",
                    "review",
                    "review-header",
                    "review-title",
                    "review-body",
                    "review-meta",
                    "review-author",
                    "verified-badge",
                    "review-date",
                    "photos",
                    "photo-link",
                    "photo",
                    "reply",
                    "reply-author",
                    "reply-body",
                    "helpful-button",
                ],
                doc: "the reviews: each one's header (stars, title), body, meta line (author, badge, date), photos, the shop's reply",
            },
            Part { names: &["load-more", "empty", "skeleton", "error", "retry"], doc: "paging and states" },
            Part { names: &["dialog", "close-button"], doc: "the dialog with the form (and the form's parts)" },
            Part { names: &["placeholder"], doc: "the box that holds the space until the widget is loaded" },
        ],
        slots: &[
            Part { names: &["title"], doc: "the heading (\"Customer reviews\")" },
            Part { names: &["empty"], doc: "the text shown when the product has no review yet" },
        ],
        css: &[
            STAR_CSS[0],
            STAR_CSS[1],
            CssProp { name: "--rk-color-bar-bg", default: "#eaeef2", doc: "the empty part of a histogram bar" },
            CssProp { name: "--rk-color-reply-bg", default: "#f6f8fa", doc: "the background of the shop's reply" },
        ],
    },
    Element {
        tag: "rk-review-form",
        class: "RkReviewFormElement",
        family: Family::Reviews,
        load: Load::NearViewport,
        summary: "write a review: rating, text, photos, spam traps, the reward",
        attributes: &[
            Attr { name: "product-id", ty: Type::Id, default: None, doc: "the product" },
            Attr { name: "locale", ..LOCALE },
            TEXTS,
            Attr {
                name: "order-token",
                ty: Type::Token,
                default: None,
                doc: "the shop's signed order token: the review is marked verified",
            },
        ],
        events: &[REVIEW_SUBMIT],
        parts: &[
            Part {
                names: &[
                    "form",
                    "field",
                    "label",
                    "optional",
                    "hint",
                    "counter",
                    "rating-input",
                    "rating-option",
                    "rating-option-filled",
                    "input",
                    "photo-input",
                    "photo-previews",
                    "photo-preview",
                    "remove-photo",
                    "submit",
                    "error",
                ],
                doc: "the form: each field (its label, the \"optional\" mark, a hint, the characters left)",
            },
            Part { names: &["success", "thanks", "reward", "coupon-code", "copy-button"], doc: "after sending" },
            Part { names: &["placeholder"], doc: "the box that holds the space until the widget is loaded" },
        ],
        slots: &[],
        css: &[STAR_CSS[0], STAR_CSS[1]],
    },
    Element {
        tag: "rk-loyalty",
        class: "RkLoyaltyElement",
        family: Family::Loyalty,
        load: Load::Idle,
        summary: "the loyalty launcher and its panel: overview, ways to earn, rewards, history",
        attributes: &[
            Attr { name: "position", ty: Type::OneOf(&["right", "left"]), default: Some("right"), doc: "the bottom corner" },
            Attr {
                name: "offset-x",
                ty: Type::Length,
                default: Some("20px"),
                doc: "distance from the side (e.g. to stay clear of a chat button)",
            },
            Attr { name: "offset-y", ty: Type::Length, default: Some("20px"), doc: "distance from the bottom" },
            Attr {
                name: "hide-on",
                ty: Type::Text,
                default: None,
                doc: "comma-separated paths where the launcher is not shown; `*` at the end matches the rest: `/checkout*, /cart`",
            },
            Attr { name: "label", ty: Type::Text, default: None, doc: "the launcher's text for guests (default: the program's name)" },
            CUSTOMER_TOKEN,
            Attr { name: "locale", ..LOCALE },
            TEXTS,
        ],
        events: &[
            Event {
                name: "rk-loyalty-open",
                target: Target::Element,
                detail: &[Field { name: "page", ts: "'home' | 'earn' | 'rewards' | 'history'", doc: "the section shown" }],
                doc: "the panel opened",
            },
            Event { name: "rk-loyalty-close", target: Target::Element, detail: &[], doc: "the panel closed" },
            Event {
                name: "rk-loyalty-redeem",
                target: Target::Element,
                detail: &[
                    Field { name: "reward_id", ts: "string", doc: "the reward" },
                    Field { name: "coupon_code", ts: "string", doc: "its code, e.g. to apply to the cart" },
                    Field { name: "cost", ts: "number", doc: "points spent" },
                    Field { name: "balance", ts: "number", doc: "points left" },
                ],
                doc: "a reward was redeemed",
            },
            POINTS_CHANGE,
            TOKEN_EXPIRED,
        ],
        parts: &[
            Part { names: &["launcher", "launcher-label"], doc: "the floating button" },
            Part {
                names: &["dialog", "title", "close-button", "notice", "balance-card", "balance", "tier"],
                doc: "the panel and its head",
            },
            Part { names: &["tabs", "tab", "tab-selected", "tab-panel"], doc: "the sections" },
            Part {
                names: &[
                    "intro",
                    "join-link",
                    "sign-in-link",
                    "tier-progress",
                    "tiers",
                    "tier-current",
                    "referral-link",
                    "copy-button",
                    "share-button",
                ],
                doc: "the overview",
            },
            Part { names: &["earn-list", "earn-rule", "earn-points", "earn-link"], doc: "ways to earn" },
            Part {
                names: &["rewards", "reward", "reward-cost", "redeem-button", "confirm-button", "cancel-button", "coupon-block", "coupon"],
                doc: "rewards",
            },
            Part { names: &["history", "history-entry", "history-delta", "history-coupon"], doc: "the history" },
        ],
        slots: &[Part { names: &["guest-intro"], doc: "the panel's first words to a shopper who is not signed in" }],
        css: &[
            CssProp { name: "--rk-launcher-offset-x", default: "20px", doc: "the launcher's distance from the side" },
            CssProp { name: "--rk-launcher-offset-y", default: "20px", doc: "the launcher's distance from the bottom" },
            CssProp { name: "--rk-launcher-z", default: "9000", doc: "the launcher's z-index" },
            CssProp { name: "--rk-color-chip-bg", default: "#eef2f6", doc: "tier chips" },
            CssProp { name: "--rk-color-notice-bg", default: "#fff8c5", doc: "notices (the session ended…)" },
        ],
    },
    Element {
        tag: "rk-points",
        class: "RkPointsElement",
        family: Family::Loyalty,
        load: Load::NearViewport,
        summary: "the signed-in customer's balance and tier, inline; a join link for guests",
        attributes: &[
            Attr { name: "show-tier", ty: Type::OneOf(&["true", "false"]), default: Some("true"), doc: "`false` hides the tier" },
            CUSTOMER_TOKEN,
            Attr { name: "locale", ..LOCALE },
            TEXTS,
        ],
        events: &[POINTS_CHANGE],
        parts: &[
            Part { names: &["badge", "balance", "tier", "join-link"], doc: "the badge" },
            Part { names: &["placeholder"], doc: "the box that holds the space until the widget is loaded" },
        ],
        slots: &[],
        css: &[],
    },
    Element {
        tag: "rk-exit-offer",
        class: "RkExitOfferElement",
        family: Family::Popups,
        load: Load::Placed,
        summary: "places a server-defined exit offer on this page: it draws nothing; the offer shows (as `<rk-popup>`) on its own triggers, exit-intent thresholds, audience and recontact rules, whatever its page rules",
        attributes: &[Attr {
            name: "offer-id",
            ty: Type::Id,
            default: None,
            doc: "the offer's id on the server; with several on a page, the first active one for this shopper shows",
        }],
        events: &[],
        parts: &[],
        slots: &[],
        css: &[],
    },
    Element {
        tag: "rk-popup",
        class: "RkPopupElement",
        family: Family::Popups,
        load: Load::ByWidget,
        summary: "a popup survey or the exit offer, added to `<body>` when its triggers fire",
        attributes: &[
            Attr { name: "kind", ty: Type::OneOf(&["survey", "offer"]), default: None, doc: "what it shows (set by RetainKit)" },
            Attr { name: "popup-id", ty: Type::Id, default: None, doc: "the survey's or offer's id (set by RetainKit)" },
        ],
        events: &[
            Event {
                name: "rk-popup-show",
                target: Target::Element,
                detail: &[
                    Field { name: "kind", ts: "'survey' | 'offer'", doc: "what shows" },
                    Field { name: "id", ts: "string", doc: "its id" },
                ],
                doc: "a popup is on screen",
            },
            Event {
                name: "rk-popup-close",
                target: Target::Element,
                detail: &[
                    Field { name: "kind", ts: "'survey' | 'offer'", doc: "what closed" },
                    Field { name: "id", ts: "string", doc: "its id" },
                    Field { name: "done", ts: "boolean", doc: "answered or converted" },
                ],
                doc: "it closed",
            },
            SURVEY_SUBMIT,
            Event {
                name: "rk-offer-copy",
                target: Target::Element,
                detail: &[
                    Field { name: "offerId", ts: "string", doc: "the offer" },
                    Field { name: "code", ts: "string | null", doc: "the code copied" },
                ],
                doc: "the code was copied",
            },
            Event {
                name: "rk-offer-convert",
                target: Target::Element,
                detail: &[
                    Field { name: "offerId", ts: "string", doc: "the offer" },
                    Field { name: "code", ts: "string | null", doc: "its code, e.g. to apply to the cart" },
                    Field { name: "via", ts: "'copy' | 'email'", doc: "how the shopper took it" },
                ],
                doc: "the shopper took the offer",
            },
        ],
        parts: &[
            Part { names: &["dialog", "title", "close-button"], doc: "the dialog" },
            Part { names: &["offer", "body", "countdown", "code-box", "code", "copy-button", "dismiss"], doc: "the offer" },
            Part { names: &["email-form", "email", "consent", "email-submit", "error", "email-thanks"], doc: "the e-mail capture" },
            Part {
                names: &["container", "form", "question", "scale", "scale-option", "choice", "text", "submit"],
                doc: "a survey (the parts of `<rk-survey>`)",
            },
        ],
        slots: &[],
        css: &[],
    },
];

/// One call of `window.RetainKit`.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    /// How the README shows it.
    pub usage: &'static str,
    /// The TypeScript signature inside `interface RetainKitApi`.
    pub ts: &'static str,
    pub doc: &'static str,
}

pub const API: &[Call] = &[
    Call {
        usage: "RetainKit.init({api, locale})",
        ts: "init(options?: InitOptions): RetainKitApi;",
        doc: "sets the backend URL and/or the language; works before and after the WASM has loaded",
    },
    Call {
        usage: "RetainKit.init({popups: {cooldownDays, perSession, historySentinel}})",
        ts: "",
        doc: "rules across all popups: days between any two (default 0), popups per browser session (default 1), and `historySentinel: false` for a single-page app whose router owns `history.state`: the phone's back button is then not caught (no history entry is added)",
    },
    Call {
        usage: "RetainKit.init({texts: {en: {…}, pl: {…}}})",
        ts: "",
        doc: "replaces texts by [key](#languages-and-texts), per language; a language RetainKit does not have is added (English fills its gaps). Widgets already shown take them",
    },
    Call {
        usage: "RetainKit.addLocale(tag, texts)",
        ts: "addLocale(locale: string, texts: Texts): RetainKitApi;",
        doc: "adds a language (`'de'`, `'pt-BR'`) or changes one: `addLocale('de', {submit: 'Senden', …})`; keys it lacks are English. Then `locale=\"de\"` or `<html lang=\"de\">` picks it",
    },
    Call { usage: "RetainKit.ready()", ts: "ready(): Promise<RetainKitApi>;", doc: "a promise resolved (with `RetainKit`) once the WASM is running; rejected when loading it failed (a later load gives a new promise)" },
    Call { usage: "RetainKit.load()", ts: "load(): Promise<RetainKitApi>;", doc: "loads the WASM now, without waiting for a widget to be visible" },
    Call {
        usage: "RetainKit.track(name)",
        ts: "track(name: string): RetainKitApi;",
        doc: "a custom event, e.g. `'added_to_cart'`; popups with an `event` trigger of that name show. Calls before the WASM runs are kept (20 at most)",
    },
    Call {
        usage: "RetainKit.setContext({cart_value, currency, …})",
        ts: "setContext(values: VisitContext): RetainKitApi;",
        doc: "facts about the visit: `cart_value` in minor units (cents, sen, grosze; Rp 250.000 is `25000000`), `currency` (ISO 4217), any other plain value. Used by audience rules (`min_cart_value`) and to fill `{cart_value}` / `{name}` in offer texts",
    },
    Call {
        usage: "RetainKit.open(kind, {id})",
        ts: "open(kind: 'survey' | 'offer', options?: { id?: string }): RetainKitApi;",
        doc: "shows a popup now, whatever its triggers and caps (never over another one): `open('survey', {id: 'nps-q4'})`, `open('offer')`. Called early, it waits for the page's popups to be known",
    },
    Call {
        usage: "RetainKit.open('loyalty', {page})",
        ts: "open(kind: 'loyalty', options?: { page?: LoyaltyPage }): RetainKitApi;",
        doc: "opens the loyalty panel at `home`, `earn`, `rewards` or `history` (adds an `<rk-loyalty>` if the page has none). A link with `?rk=loyalty:rewards` does the same on load",
    },
    Call {
        usage: "RetainKit.identify(token)",
        ts: "identify(token: string | null): RetainKitApi;",
        doc: "the signed-in customer: a short-lived token the shop's server signed ([who calls](#the-backend-contract-v1)). Kept in memory only; the loyalty widgets and a review written next carry it",
    },
    Call { usage: "RetainKit.logout()", ts: "logout(): RetainKitApi;", doc: "forgets the token: the loyalty widgets show the guest view" },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_consistent() {
        let mut tags: Vec<&str> = ELEMENTS.iter().map(|e| e.tag).collect();
        tags.sort();
        tags.dedup();
        assert_eq!(tags.len(), ELEMENTS.len(), "a tag twice");
        for e in ELEMENTS {
            assert!(e.tag.starts_with("rk-") && e.class.starts_with("Rk"), "{}", e.tag);
            let mut names: Vec<&str> = e.attributes.iter().map(|a| a.name).collect();
            names.sort();
            let n = names.len();
            names.dedup();
            assert_eq!(n, names.len(), "an attribute twice on {}", e.tag);
            for a in e.attributes {
                assert!(a.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", a.name);
                if let (Type::OneOf(words), Some(d)) = (a.ty, a.default) {
                    assert!(words.contains(&d), "{}: default {d} not among {words:?}", a.name);
                }
            }
            for ev in e.events {
                assert!(ev.name.starts_with("rk-"), "{}", ev.name);
            }
        }
    }
}
