// RetainKit's TypeScript declarations. Generated from crates/elements (the one description of the
// elements); do not edit: `RK_UPDATE_GENERATED=1 cargo test -p retainkit-elements` writes it.

export type Locale = 'en' | 'id' | 'pl' | (string & {});
export type LoyaltyPage = 'home' | 'earn' | 'rewards' | 'history';

export interface InitOptions {
  /** The backend's base URL (empty: the page's own origin). */
  api?: string;
  /** The language of every widget. */
  locale?: Locale;
  /** Texts by language and key: `{en: {write_review: 'Share your thoughts'}, de: {…}}`. */
  texts?: { [locale: string]: Texts };
  /** Rules across all popups. */
  popups?: { cooldownDays?: number; perSession?: number; historySentinel?: boolean };
}

/** Facts about the visit, for audience rules and offer texts. */
export interface VisitContext {
  /** The cart's value in minor units (cents, sen, grosze). */
  cart_value?: number;
  /** ISO 4217, e.g. `IDR`. */
  currency?: string;
  [name: string]: string | number | boolean | null | undefined;
}

/** The key of a text the widgets show (`locales/en.json`). */
export type TextKey =
  | 'nps_question'
  | 'nps_low'
  | 'nps_high'
  | 'nps_low_caption'
  | 'nps_high_caption'
  | 'follow_up'
  | 'optional'
  | 'chars_left_before'
  | 'chars_left'
  | 'submit'
  | 'sending'
  | 'thanks'
  | 'retry'
  | 'choose_score'
  | 'offline'
  | 'rejected'
  | 'field_required'
  | 'field_too_long'
  | 'field_too_short'
  | 'field_invalid'
  | 'reviews_heading'
  | 'rated'
  | 'review_one'
  | 'review_few'
  | 'review_many'
  | 'star_one'
  | 'star_few'
  | 'star_many'
  | 'show_only'
  | 'show_all'
  | 'sort_by'
  | 'sort_newest'
  | 'sort_highest'
  | 'sort_lowest'
  | 'sort_helpful'
  | 'sort_photos'
  | 'load_more'
  | 'no_reviews'
  | 'write_review'
  | 'verified_buyer'
  | 'shop_reply'
  | 'helpful'
  | 'photo_by'
  | 'reviews_failed'
  | 'survey_failed'
  | 'loading'
  | 'form_title'
  | 'your_rating'
  | 'n_of_5'
  | 'review_title'
  | 'review_body'
  | 'your_name'
  | 'your_email'
  | 'email_hint'
  | 'photos'
  | 'add_photos'
  | 'photos_hint'
  | 'remove_photo'
  | 'photo_wrong_type'
  | 'photo_too_big'
  | 'photo_failed'
  | 'uploading'
  | 'submit_review'
  | 'choose_rating'
  | 'review_published'
  | 'review_pending'
  | 'reward_points'
  | 'reward_coupon'
  | 'copy'
  | 'copied'
  | 'close'
  | 'leave_empty'
  | 'csat_low'
  | 'csat_high'
  | 'csat_low_caption'
  | 'csat_high_caption'
  | 'follow_detractor'
  | 'follow_passive'
  | 'follow_promoter'
  | 'follow_csat'
  | 'skip'
  | 'choose_one'
  | 'offer_code'
  | 'offer_ends_in'
  | 'offer_email_label'
  | 'offer_email_submit'
  | 'offer_email_thanks'
  | 'offer_consent_required'
  | 'offer_email_invalid'
  | 'keep_shopping'
  | 'point_one'
  | 'point_few'
  | 'point_many'
  | 'loyalty_title'
  | 'loyalty_sections'
  | 'tab_home'
  | 'tab_earn'
  | 'tab_rewards'
  | 'tab_history'
  | 'guest_intro'
  | 'join'
  | 'join_program'
  | 'sign_in'
  | 'have_account'
  | 'balance_label'
  | 'points_to'
  | 'top_tier'
  | 'tiers_title'
  | 'tier_from'
  | 'follow'
  | 'redeem'
  | 'redeem_confirm'
  | 'redeem_yes'
  | 'cancel'
  | 'redeeming'
  | 'need_more'
  | 'redeemed'
  | 'redeem_not_enough'
  | 'redeem_unavailable'
  | 'redeem_refused'
  | 'sign_in_to_redeem'
  | 'history_empty'
  | 'reason_purchase'
  | 'reason_review'
  | 'reason_signup'
  | 'reason_redeem'
  | 'reason_other'
  | 'referral_title'
  | 'referral_text'
  | 'copy_link'
  | 'share'
  | 'session_expired'
  | 'token_refused'
  | 'loyalty_unavailable'
  | 'loyalty_loading'
;

/** Texts by key; a missing key keeps its text (English for an added language). */
export type Texts = { [K in TextKey]?: string };

export interface RetainKitApi {
  readonly version: string;
  /** sets the backend URL and/or the language; works before and after the WASM has loaded */
  init(options?: InitOptions): RetainKitApi;
  /** adds a language (`'de'`, `'pt-BR'`) or changes one: `addLocale('de', {submit: 'Senden', …})`; keys it lacks are English. Then `locale="de"` or `<html lang="de">` picks it */
  addLocale(locale: string, texts: Texts): RetainKitApi;
  /** a promise resolved (with `RetainKit`) once the WASM is running; rejected when loading it failed (a later load gives a new promise) */
  ready(): Promise<RetainKitApi>;
  /** loads the WASM now, without waiting for a widget to be visible */
  load(): Promise<RetainKitApi>;
  /** a custom event, e.g. `'added_to_cart'`; popups with an `event` trigger of that name show. Calls before the WASM runs are kept (20 at most) */
  track(name: string): RetainKitApi;
  /** facts about the visit: `cart_value` in minor units (cents, sen, grosze; Rp 250.000 is `25000000`), `currency` (ISO 4217), any other plain value. Used by audience rules (`min_cart_value`) and to fill `{cart_value}` / `{name}` in offer texts */
  setContext(values: VisitContext): RetainKitApi;
  /** shows a popup now, whatever its triggers and caps (never over another one): `open('survey', {id: 'nps-q4'})`, `open('offer')`. Called early, it waits for the page's popups to be known */
  open(kind: 'survey' | 'offer', options?: { id?: string }): RetainKitApi;
  /** opens the loyalty panel at `home`, `earn`, `rewards` or `history` (adds an `<rk-loyalty>` if the page has none). A link with `?rk=loyalty:rewards` does the same on load */
  open(kind: 'loyalty', options?: { page?: LoyaltyPage }): RetainKitApi;
  /** the signed-in customer: a short-lived token the shop's server signed ([who calls](#the-backend-contract-v1)). Kept in memory only; the loyalty widgets and a review written next carry it */
  identify(token: string | null): RetainKitApi;
  /** forgets the token: the loyalty widgets show the guest view */
  logout(): RetainKitApi;
}

/** `detail` of `rk-survey-submit`: the server has the answer. */
export interface RkSurveySubmitDetail {
  /** the survey */
  surveyId: string;
  /** the stored answer */
  responseId: number;
  /** 0–10 (NPS) or 1–5 (CSAT) */
  score: number | null;
  /** the NPS group */
  category: 'promoter' | 'passive' | 'detractor' | null;
  /** the chosen option (single choice; absent otherwise) */
  choice?: string;
  /** the follow-up text, when sent with the score (absent otherwise) */
  comment?: string;
}

/** `detail` of `rk-reviews-loaded`: the first page is shown. */
export interface RkReviewsLoadedDetail {
  /** the product */
  productId: string;
  /** published reviews */
  count: number;
  /** the average rating, one decimal */
  average: number;
}

/** `detail` of `rk-review-vote`: a helpful vote was counted. */
export interface RkReviewVoteDetail {
  /** the review */
  reviewId: number;
  /** its helpful votes now */
  helpfulCount: number;
}

/** `detail` of `rk-review-submit`: the server has the review. */
export interface RkReviewSubmitDetail {
  /** the product */
  productId: string;
  /** the stored review */
  reviewId: number;
  /** published at once, or waiting for the shop */
  status: 'published' | 'pending';
  /** 1–5 */
  rating: number;
}

/** `detail` of `rk-loyalty-open`: the panel opened. */
export interface RkLoyaltyOpenDetail {
  /** the section shown */
  page: 'home' | 'earn' | 'rewards' | 'history';
}

/** `detail` of `rk-loyalty-close`: the panel closed. */
export type RkLoyaltyCloseDetail = null;

/** `detail` of `rk-loyalty-redeem`: a reward was redeemed. */
export interface RkLoyaltyRedeemDetail {
  /** the reward */
  reward_id: string;
  /** its code, e.g. to apply to the cart */
  coupon_code: string;
  /** points spent */
  cost: number;
  /** points left */
  balance: number;
}

/** `detail` of `rk-points-change`: the known balance changed. */
export interface RkPointsChangeDetail {
  /** the balance now (`null`: unknown or signed out) */
  balance: number | null;
  /** the balance before */
  previous: number | null;
}

/** `detail` of `rk-token-expired`: the customer token expired; answer with `RetainKit.identify(newToken)`. */
export type RkTokenExpiredDetail = null;

/** `detail` of `rk-popup-show`: a popup is on screen. */
export interface RkPopupShowDetail {
  /** what shows */
  kind: 'survey' | 'offer';
  /** its id */
  id: string;
}

/** `detail` of `rk-popup-close`: it closed. */
export interface RkPopupCloseDetail {
  /** what closed */
  kind: 'survey' | 'offer';
  /** its id */
  id: string;
  /** answered or converted */
  done: boolean;
}

/** `detail` of `rk-offer-copy`: the code was copied. */
export interface RkOfferCopyDetail {
  /** the offer */
  offerId: string;
  /** the code copied */
  code: string | null;
}

/** `detail` of `rk-offer-convert`: the shopper took the offer. */
export interface RkOfferConvertDetail {
  /** the offer */
  offerId: string;
  /** its code, e.g. to apply to the cart */
  code: string | null;
  /** how the shopper took it */
  via: 'copy' | 'email';
}

/** Events dispatched on RetainKit's elements (they bubble and cross shadow roots). */
export interface RetainKitEventMap {
  'rk-survey-submit': CustomEvent<RkSurveySubmitDetail>;
  'rk-reviews-loaded': CustomEvent<RkReviewsLoadedDetail>;
  'rk-review-vote': CustomEvent<RkReviewVoteDetail>;
  'rk-review-submit': CustomEvent<RkReviewSubmitDetail>;
  'rk-loyalty-open': CustomEvent<RkLoyaltyOpenDetail>;
  'rk-loyalty-close': CustomEvent<RkLoyaltyCloseDetail>;
  'rk-loyalty-redeem': CustomEvent<RkLoyaltyRedeemDetail>;
  'rk-popup-show': CustomEvent<RkPopupShowDetail>;
  'rk-popup-close': CustomEvent<RkPopupCloseDetail>;
  'rk-offer-copy': CustomEvent<RkOfferCopyDetail>;
  'rk-offer-convert': CustomEvent<RkOfferConvertDetail>;
}

/** Events dispatched on `document`. */
export interface RetainKitDocumentEventMap {
  'rk-points-change': CustomEvent<RkPointsChangeDetail>;
  'rk-token-expired': CustomEvent<RkTokenExpiredDetail>;
}

/** The attributes of `<rk-nps>`. */
export interface RkNpsAttributes {
  /** the survey the answers count for (defined on the server); when the shop wrote its question, that question is asked (in the shopper's language, waited for at most 1.5 s) and the display is counted (`[A-Za-z0-9_.:-]`, ≤ 64) (default `nps`) */
  'survey-id'?: string;
  /** replaces the question text (the server's too) */
  'question'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  /** `off` hides the follow-up text field; `on` or `off` (default `on`) */
  'follow-up'?: 'on' | 'off';
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-nps>`: Net Promoter Score question: a 0–10 scale, a follow-up text, a thank-you state. */
export interface RkNpsElement extends HTMLElement {
  addEventListener<K extends 'rk-survey-submit'>(type: K, listener: (this: RkNpsElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The attributes of `<rk-survey>`. */
export interface RkSurveyAttributes {
  /** the survey's id on the server (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'survey-id'?: string;
  /** `popup`: nothing shows here; the survey becomes one of the page's popups (`<rk-popup>`), on the triggers and recontact rules defined on the server, whatever its page rules (an inline survey shows at once, in the corner); `inline` or `popup` (default `inline`) */
  'placement'?: 'inline' | 'popup';
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-survey>`: a survey defined on the server (NPS, CSAT, single choice, text) with its follow-up. */
export interface RkSurveyElement extends HTMLElement {
  addEventListener<K extends 'rk-survey-submit'>(type: K, listener: (this: RkSurveyElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The attributes of `<rk-stars>`. */
export interface RkStarsAttributes {
  /** the product (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'product-id'?: string;
  /** where the link goes (default `#reviews`) */
  'href'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** present: empty stars for a product without reviews (default: nothing); `true` */
  'show-empty'?: '' | 'true';
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-stars>`: stars and the review count for a product card; all of a page's snippets share one request. */
export interface RkStarsElement extends HTMLElement {
}

/** The attributes of `<rk-reviews>`. */
export interface RkReviewsAttributes {
  /** the shop's product id (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'product-id'?: string;
  /** the product's name in the JSON-LD (default: the page title) */
  'product-name'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  /** reviews per page; 1–50 (default `10`) */
  'page-size'?: number | `${number}`;
  /** `off`: add no JSON-LD (the page has its own); `on` or `off` (default `on`) */
  'jsonld'?: 'on' | 'off';
  /** passed to the form in the dialog (a verified review) */
  'order-token'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-reviews>`: reviews of a product: summary and histogram, sorting, pages, photos, replies, helpful votes, JSON-LD. */
export interface RkReviewsElement extends HTMLElement {
  addEventListener<K extends 'rk-reviews-loaded' | 'rk-review-vote' | 'rk-review-submit'>(type: K, listener: (this: RkReviewsElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The attributes of `<rk-review-form>`. */
export interface RkReviewFormAttributes {
  /** the product (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'product-id'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  /** the shop's signed order token: the review is marked verified */
  'order-token'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-review-form>`: write a review: rating, text, photos, spam traps, the reward. */
export interface RkReviewFormElement extends HTMLElement {
  addEventListener<K extends 'rk-review-submit'>(type: K, listener: (this: RkReviewFormElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The attributes of `<rk-loyalty>`. */
export interface RkLoyaltyAttributes {
  /** the bottom corner; `right` or `left` (default `right`) */
  'position'?: 'right' | 'left';
  /** distance from the side (e.g. to stay clear of a chat button) (default `20px`) */
  'offset-x'?: string;
  /** distance from the bottom (default `20px`) */
  'offset-y'?: string;
  /** comma-separated paths where the launcher is not shown; `*` at the end matches the rest: `/checkout*, /cart` */
  'hide-on'?: string;
  /** the launcher's text for guests (default: the program's name) */
  'label'?: string;
  /** the signed customer token (or use `RetainKit.identify`); removing it signs out */
  'customer-token'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-loyalty>`: the loyalty launcher and its panel: overview, ways to earn, rewards, history. */
export interface RkLoyaltyElement extends HTMLElement {
  addEventListener<K extends 'rk-loyalty-open' | 'rk-loyalty-close' | 'rk-loyalty-redeem'>(type: K, listener: (this: RkLoyaltyElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The attributes of `<rk-points>`. */
export interface RkPointsAttributes {
  /** `false` hides the tier; `true` or `false` (default `true`) */
  'show-tier'?: 'true' | 'false';
  /** the signed customer token (or use `RetainKit.identify`); removing it signs out */
  'customer-token'?: string;
  /** the widget's language (`en`, `id`, `pl`, or one added with `RetainKit.addLocale`); else its `lang`, `RetainKit.init({locale})`, the page's `lang`, the browser's */
  'locale'?: string;
  /** this element's own texts: a JSON object of [text key](#languages-and-texts) → text, e.g. `{"write_review":"Share your thoughts"}`; over the language's and `RetainKit.init({texts})`'s */
  'texts'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-points>`: the signed-in customer's balance and tier, inline; a join link for guests. */
export interface RkPointsElement extends HTMLElement {
}

/** The attributes of `<rk-exit-offer>`. */
export interface RkExitOfferAttributes {
  /** the offer's id on the server; with several on a page, the first active one for this shopper shows (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'offer-id'?: string;
}

/** `<rk-exit-offer>`: places a server-defined exit offer on this page: it draws nothing; the offer shows (as `<rk-popup>`) on its own triggers, exit-intent thresholds, audience and recontact rules, whatever its page rules. */
export interface RkExitOfferElement extends HTMLElement {
}

/** The attributes of `<rk-popup>`. */
export interface RkPopupAttributes {
  /** what it shows (set by RetainKit); `survey` or `offer` */
  'kind'?: 'survey' | 'offer';
  /** the survey's or offer's id (set by RetainKit) (`[A-Za-z0-9_.:-]`, ≤ 64) */
  'popup-id'?: string;
  lang?: string;
  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */
  theme?: 'light' | 'dark' | 'auto';
}

/** `<rk-popup>`: a popup survey or the exit offer, added to `<body>` when its triggers fire. */
export interface RkPopupElement extends HTMLElement {
  addEventListener<K extends 'rk-popup-show' | 'rk-popup-close' | 'rk-survey-submit' | 'rk-offer-copy' | 'rk-offer-convert'>(type: K, listener: (this: RkPopupElement, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface Window {
    RetainKit: RetainKitApi;
  }
  interface HTMLElementTagNameMap {
    'rk-nps': RkNpsElement;
    'rk-survey': RkSurveyElement;
    'rk-stars': RkStarsElement;
    'rk-reviews': RkReviewsElement;
    'rk-review-form': RkReviewFormElement;
    'rk-loyalty': RkLoyaltyElement;
    'rk-points': RkPointsElement;
    'rk-exit-offer': RkExitOfferElement;
    'rk-popup': RkPopupElement;
  }
  interface HTMLElementEventMap extends RetainKitEventMap {}
  interface DocumentEventMap extends RetainKitDocumentEventMap {}
}

declare const RetainKit: RetainKitApi;
export default RetainKit;
