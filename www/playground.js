/* The playground (playground.html): every element live against this server, with the theme
 * tokens (set on :root, as a shop would), dark mode, the language and any text changed in
 * place, and the HTML + CSS snippet that gives a shop the same. The choices are kept for the
 * tab (sessionStorage). Uses only the public API: attributes, tokens, RetainKit.init and
 * RetainKit.addLocale. */
(function () {
  'use strict';
  // The theme tokens (name, default, what it does) and the text keys with their English
  // texts, from crates/elements and locales/en.json:
  // <generated: playground>
  var TOKENS = [
    ["--rk-color-accent", "#0b5cad", "buttons, the chosen option, links"],
    ["--rk-color-accent-text", "#ffffff", "text on the accent colour"],
    ["--rk-color-text", "#1f2328", "text"],
    ["--rk-color-muted", "#57606a", "captions and secondary text"],
    ["--rk-color-bg", "#ffffff", "card background"],
    ["--rk-color-border", "#d0d7de", "borders"],
    ["--rk-color-error", "#b42318", "error messages"],
    ["--rk-color-success", "#1a7f37", "confirmations"],
    ["--rk-font", "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif", "the font"],
    ["--rk-font-size", "1rem", "the base font size"],
    ["--rk-radius", "8px", "corner radius"],
    ["--rk-space", "1rem", "padding and gaps"],
    ["--rk-focus-ring", "0 0 0 3px rgba(11, 92, 173, 0.45)", "the focus outline (a box-shadow)"],
    ["--rk-color-placeholder", "#f6f8fa", "the box that holds the space before the widget loads"],
    ["--rk-color-backdrop", "rgba(15, 23, 42, 0.55)", "behind a dialog (lighter behind a corner popup)"],
    ["--rk-shadow", "0 8px 30px rgba(15, 23, 42, 0.25)", "the shadow of a corner popup and the loyalty launcher"],
    ["--rk-reserve-height", "185px", "the height that box reserves (per element: 420px for reviews, 640px for the form)"],
    ["--rk-reserve-height-narrow", "276px", "the same, when the element is at most 420 px wide"],
  ];
  var TEXT_KEYS = {
    nps_question: "How likely are you to recommend us to a friend or colleague?",
    nps_low: "0 – not at all likely",
    nps_high: "10 – extremely likely",
    nps_low_caption: "Not at all likely",
    nps_high_caption: "Extremely likely",
    follow_up: "What is the main reason for your score?",
    optional: "(optional)",
    chars_left_before: "",
    chars_left: " characters left",
    submit: "Send",
    sending: "Sending…",
    thanks: "Thank you for your feedback!",
    retry: "Try again",
    choose_score: "Please choose a score from 0 to 10.",
    offline: "We could not send your answer. It is saved on this device and will be sent automatically; you can also try again now.",
    rejected: "Your answer could not be accepted. Please check it and try again.",
    field_required: "This field is required.",
    field_too_long: "This text is too long.",
    field_too_short: "This text is too short.",
    field_invalid: "This value is not valid.",
    reviews_heading: "Customer reviews",
    rated: "Rated {n} out of 5",
    review_one: "review",
    review_few: "reviews",
    review_many: "reviews",
    star_one: "{n} star",
    star_few: "{n} stars",
    star_many: "{n} stars",
    show_only: "Show only {n}-star reviews",
    show_all: "Show all reviews",
    sort_by: "Sort by",
    sort_newest: "Newest",
    sort_highest: "Highest rating",
    sort_lowest: "Lowest rating",
    sort_helpful: "Most helpful",
    sort_photos: "With photos",
    load_more: "Show more reviews",
    no_reviews: "No reviews yet. Be the first to review this product.",
    write_review: "Write a review",
    verified_buyer: "Verified buyer",
    shop_reply: "Reply from the shop",
    helpful: "Helpful",
    photo_by: "Photo by {name}",
    reviews_failed: "Reviews could not be loaded.",
    survey_failed: "The survey could not be loaded.",
    loading: "Loading reviews…",
    form_title: "Write a review",
    your_rating: "Your rating",
    n_of_5: "{n} out of 5",
    review_title: "Title",
    review_body: "Your review",
    your_name: "Your name",
    your_email: "E-mail",
    email_hint: "Never shown; the shop may thank you.",
    photos: "Photos",
    add_photos: "Add photos",
    photos_hint: "Up to 5 JPEG, PNG or WebP photos, 5 MB each.",
    remove_photo: "Remove photo",
    photo_wrong_type: "Only JPEG, PNG or WebP photos.",
    photo_too_big: "This photo is larger than 5 MB.",
    photo_failed: "This photo could not be uploaded.",
    uploading: "Uploading…",
    submit_review: "Submit review",
    choose_rating: "Please choose from 1 to 5 stars.",
    review_published: "Thank you! Your review is published.",
    review_pending: "Thank you! Your review will appear once the shop has checked it.",
    reward_points: "You earned {n} points.",
    reward_coupon: "Here is your discount code:",
    copy: "Copy",
    copied: "Copied",
    close: "Close",
    leave_empty: "Leave this field empty",
    csat_low: "1 – very dissatisfied",
    csat_high: "5 – very satisfied",
    csat_low_caption: "Very dissatisfied",
    csat_high_caption: "Very satisfied",
    follow_detractor: "We are sorry. What went wrong?",
    follow_passive: "What would make it a 10?",
    follow_promoter: "Great! What do you like most?",
    follow_csat: "Tell us more (optional)",
    skip: "Skip",
    choose_one: "Please choose one answer.",
    offer_code: "Your discount code",
    offer_ends_in: "Offer ends in",
    offer_email_label: "Your e-mail",
    offer_email_submit: "Send me offers",
    offer_email_thanks: "Thank you! Watch your inbox for our next offers.",
    offer_consent_required: "Please tick the box to agree to receive e-mails.",
    offer_email_invalid: "Please enter a valid e-mail address.",
    keep_shopping: "Back to shopping",
    point_one: "{n} point",
    point_few: "{n} points",
    point_many: "{n} points",
    loyalty_title: "Rewards",
    loyalty_sections: "Sections",
    tab_home: "Overview",
    tab_earn: "Earn",
    tab_rewards: "Rewards",
    tab_history: "History",
    guest_intro: "Earn points when you shop, write reviews and more, then turn them into discounts.",
    join: "Join now",
    join_program: "Join {name}",
    sign_in: "Sign in",
    have_account: "Already a member?",
    balance_label: "Your points",
    points_to: "{points} to {tier}",
    top_tier: "You have reached the top tier.",
    tiers_title: "Tiers",
    tier_from: "from {points}",
    follow: "Follow",
    redeem: "Redeem",
    redeem_confirm: "Spend {points} on “{reward}”?",
    redeem_yes: "Yes, redeem",
    cancel: "Cancel",
    redeeming: "Redeeming…",
    need_more: "{points} more needed",
    redeemed: "Done! Use this code at checkout. It is also kept in your history.",
    redeem_not_enough: "You don't have enough points for this reward yet.",
    redeem_unavailable: "We couldn't reach the shop. Try again: nothing will be spent twice.",
    redeem_refused: "This reward can't be redeemed right now.",
    sign_in_to_redeem: "Sign in to redeem rewards.",
    history_empty: "No points yet.",
    reason_purchase: "Purchase",
    reason_review: "Review",
    reason_signup: "Welcome bonus",
    reason_redeem: "Reward redeemed",
    reason_other: "Points adjustment",
    referral_title: "Refer a friend",
    referral_text: "Share your link with friends.",
    copy_link: "Copy link",
    share: "Share",
    session_expired: "Your session has ended. Sign in again to see your points.",
    token_refused: "We couldn't confirm your account, so you see the program as a guest.",
    loyalty_unavailable: "Your points can't be loaded right now.",
    loyalty_loading: "Loading…",
  };
  // </generated>

  // A language the page adds (German), to show addLocale: keys it lacks are English.
  var GERMAN = {
    nps_question: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
    nps_low: '0 – überhaupt nicht wahrscheinlich', nps_high: '10 – äußerst wahrscheinlich',
    nps_low_caption: 'Überhaupt nicht wahrscheinlich', nps_high_caption: 'Äußerst wahrscheinlich',
    follow_up: 'Was ist der wichtigste Grund für Ihre Bewertung?', optional: '(optional)',
    chars_left: ' Zeichen übrig', submit: 'Senden', sending: 'Wird gesendet…', thanks: 'Danke für Ihr Feedback!',
    retry: 'Erneut versuchen', reviews_heading: 'Kundenbewertungen', rated: 'Bewertet mit {n} von 5',
    review_one: 'Bewertung', review_few: 'Bewertungen', review_many: 'Bewertungen',
    star_one: '{n} Stern', star_few: '{n} Sterne', star_many: '{n} Sterne',
    sort_by: 'Sortieren nach', sort_newest: 'Neueste', sort_highest: 'Beste Bewertung', sort_lowest: 'Schlechteste Bewertung',
    sort_helpful: 'Hilfreichste', sort_photos: 'Mit Fotos', load_more: 'Weitere Bewertungen',
    write_review: 'Bewertung schreiben', verified_buyer: 'Verifizierter Kauf', shop_reply: 'Antwort des Shops', helpful: 'Hilfreich',
    point_one: '{n} Punkt', point_few: '{n} Punkte', point_many: '{n} Punkte', loyalty_title: 'Prämien'
  };
  var ELEMENTS = 'rk-stars, rk-points, rk-nps, rk-survey, rk-reviews, rk-review-form, rk-loyalty';
  var STORE = 'rk-playground';
  var d = document;
  var $ = function (id) { return d.getElementById(id); };

  var state = { theme: 'light', locale: 'en', tokens: {}, texts: {} };
  try { Object.assign(state, JSON.parse(sessionStorage.getItem(STORE) || '{}')); } catch (e) { /* a fresh start */ }

  // RetainKit's calls, before or after the loader has run.
  function rk(method) {
    var args = [].slice.call(arguments, 1);
    var R = window.RetainKit;
    if (R && R.__rk) R[method].apply(R, args); else (window.RetainKit = R || []).push([method].concat(args));
  }
  rk('addLocale', 'de', GERMAN);

  function isHex(v) { return /^#[0-9a-f]{6}$/i.test(v); }

  // What the page shows follows the state.
  function apply() {
    d.body.dataset.theme = state.theme;
    var rootStyle = d.documentElement.style;
    TOKENS.forEach(function (t) {
      if (state.tokens[t[0]]) rootStyle.setProperty(t[0], state.tokens[t[0]]); else rootStyle.removeProperty(t[0]);
    });
    var texts = Object.keys(state.texts).length ? JSON.stringify(state.texts) : null;
    d.querySelectorAll(ELEMENTS).forEach(function (el) {
      if (state.theme === 'light') el.removeAttribute('theme'); else el.setAttribute('theme', state.theme);
      el.setAttribute('locale', state.locale);
      if (el.localName === 'rk-stars') return;
      if (texts) el.setAttribute('texts', texts); else el.removeAttribute('texts');
    });
    rk('init', { locale: state.locale });
    renderTexts();
    renderSnippet();
    contrastNotes();
    try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* not kept */ }
  }

  // Theme and language.
  d.querySelectorAll('input[name=theme]').forEach(function (r) {
    r.checked = r.value === state.theme;
    r.addEventListener('change', function () { state.theme = r.value; apply(); });
  });
  $('locale').value = state.locale;
  $('locale').addEventListener('change', function () { state.locale = $('locale').value; apply(); });

  // Tokens: a colour picker for each colour, a text field for the others.
  var fields = $('token-fields');
  TOKENS.forEach(function (t, i) {
    var row = d.createElement('div');
    row.className = 'pg-token';
    var label = d.createElement('label');
    label.htmlFor = 'token-' + i;
    label.textContent = t[0];
    label.title = t[2];
    var input = d.createElement('input');
    input.id = 'token-' + i;
    input.type = isHex(t[1]) ? 'color' : 'text';
    input.value = state.tokens[t[0]] || t[1];
    input.dataset.token = t[0];
    input.addEventListener(input.type === 'color' ? 'input' : 'change', function () {
      var v = input.value.trim();
      if (!v || v.toLowerCase() === t[1].toLowerCase()) delete state.tokens[t[0]]; else state.tokens[t[0]] = v;
      apply();
    });
    row.appendChild(label);
    row.appendChild(input);
    fields.appendChild(row);
  });
  $('tokens-reset').addEventListener('click', function () {
    state.tokens = {};
    fields.querySelectorAll('input').forEach(function (input) {
      input.value = TOKENS.filter(function (t) { return t[0] === input.dataset.token; })[0][1];
    });
    apply();
  });

  // Contrast of the pairs that carry text (WCAG 2: at least 4.5:1), for the colours chosen
  // here; the dark preset's own values are checked by the e2e tests.
  function luminance(hex) {
    var c = [1, 3, 5].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function token(name) {
    var t = TOKENS.filter(function (x) { return x[0] === name; })[0];
    return state.tokens[name] || (t && t[1]);
  }
  function contrastNotes() {
    var notes = [];
    [['--rk-color-accent-text', '--rk-color-accent'], ['--rk-color-text', '--rk-color-bg'], ['--rk-color-muted', '--rk-color-bg'],
      ['--rk-color-error', '--rk-color-bg']].forEach(function (p) {
      var a = token(p[0]), b = token(p[1]);
      if (!isHex(a) || !isHex(b) || (!state.tokens[p[0]] && !state.tokens[p[1]])) return;
      var la = luminance(a), lb = luminance(b);
      var ratio = (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
      if (ratio < 4.5) notes.push(p[0] + ' on ' + p[1] + ': contrast ' + ratio.toFixed(1) + ':1, below 4.5:1 (WCAG AA)');
    });
    $('contrast').textContent = notes.join('\n');
  }

  // Texts: any key, checked against the list.
  var list = $('text-keys');
  Object.keys(TEXT_KEYS).forEach(function (k) {
    var o = d.createElement('option');
    o.value = k;
    o.label = TEXT_KEYS[k];
    list.appendChild(o);
  });
  $('text-key').addEventListener('change', function () {
    var k = $('text-key').value.trim();
    $('text-value').placeholder = TEXT_KEYS[k] || '';
    if (state.texts[k] != null) $('text-value').value = state.texts[k];
  });
  $('text-set').addEventListener('click', function () {
    var k = $('text-key').value.trim();
    var v = $('text-value').value;
    $('text-key').setCustomValidity(TEXT_KEYS[k] == null ? 'No text has the key “' + k + '”: pick one from the list.' : '');
    if (!$('text-key').reportValidity()) return;
    if (v.trim() && v !== TEXT_KEYS[k]) state.texts[k] = v; else delete state.texts[k];
    apply();
  });
  function renderTexts() {
    var ul = $('text-list');
    ul.textContent = '';
    Object.keys(state.texts).forEach(function (k) {
      var li = d.createElement('li');
      var span = d.createElement('span');
      span.textContent = k + ': ' + state.texts[k];
      var remove = d.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove the text of ' + k);
      remove.addEventListener('click', function () { delete state.texts[k]; apply(); $('text-key').focus(); });
      li.appendChild(span);
      li.appendChild(remove);
      ul.appendChild(li);
    });
  }

  // The snippet: the same look on the shop's page.
  function renderSnippet() {
    var lines = [];
    var tokens = Object.keys(state.tokens);
    var dark = state.theme !== 'light';
    if (tokens.length || dark) {
      lines.push('<style>');
      if (tokens.length) {
        lines.push('  :root {');
        tokens.forEach(function (k) { lines.push('    ' + k + ': ' + state.tokens[k] + ';'); });
        lines.push('  }');
      }
      if (dark) {
        // What the dark preset does not reach: <rk-stars> and the box before a widget loads.
        var when = state.theme === 'dark' ? '' : '@media (prefers-color-scheme: dark) { ';
        lines.push('  ' + when + '[theme] { --rk-color-placeholder: #161b22; }' + (when ? ' }' : ''),
          '  ' + when + 'rk-stars[theme] { --rk-color-text: #e6edf3; --rk-color-muted: #9198a1; --rk-color-star-empty: #3d444d; }' + (when ? ' }' : ''));
      }
      lines.push('</style>');
    }
    var calls = [];
    if (state.locale === 'de') calls.push("    ['addLocale', 'de', " + JSON.stringify(GERMAN) + ']');
    var init = {};
    if (state.locale !== 'en') init.locale = state.locale;
    if (Object.keys(state.texts).length) {
      init.texts = {};
      init.texts[state.locale] = state.texts;
    }
    if (Object.keys(init).length) calls.push("    ['init', " + JSON.stringify(init) + ']');
    if (calls.length) lines.push('<script>', '  window.RetainKit = [', calls.join(',\n'), '  ];', '</' + 'script>');
    lines.push('<script src="https://cdn.example/retainkit/retainkit.js" data-api="https://api.example" async></' + 'script>');
    var theme = state.theme === 'light' ? '' : ' theme="' + state.theme + '"';
    lines.push('', '<rk-reviews product-id="YOUR-PRODUCT-ID"' + theme + '></rk-reviews>',
      '<rk-nps survey-id="YOUR-SURVEY-ID"' + theme + '></rk-nps>', '<rk-loyalty' + theme + '></rk-loyalty>');
    $('snippet').textContent = lines.join('\n');
  }
  $('copy').addEventListener('click', function () {
    var status = $('copy-status');
    var done = function () { status.textContent = 'Copied.'; };
    var fail = function () {
      d.getSelection().selectAllChildren($('snippet'));
      status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    };
    if (navigator.clipboard) navigator.clipboard.writeText($('snippet').textContent).then(done, fail); else fail();
  });

  // Popups on demand.
  $('open-offer').addEventListener('click', function () { rk('open', 'offer'); });
  $('open-survey').addEventListener('click', function () { rk('open', 'survey', { id: 'csat-checkout' }); });

  apply();
})();
