/*! RetainKit loader. One classic script: <script src=".../retainkit.js" data-api="https://…" async>.
 * Defines the <rk-…> elements at once (cheap) and fetches the WASM only when the first
 * element is connected and near the viewport, or when the server has a popup (survey or
 * exit offer) for the page. The loyalty launcher is fixed on screen: it loads at idle.
 * window.RetainKit: init, ready, load, track, setContext, open, identify, logout.
 * Loading this script twice is harmless. */
(function (w, d) {
  'use strict';
  var prev = w.RetainKit;
  if (prev && prev.__rk) return;

  var script = d.currentScript;
  var base = script && script.src ? new URL('.', script.src).href : '';
  var data = (script && script.dataset) || {};
  var config = { api: data.api || '', locale: data.locale || '', popups: {} };
  var ctx = {};
  var tracked = [];
  var popupsOn = false;
  var popupsChecked = null;
  var firstCheckDone;
  var firstCheck = new Promise(function (r) { firstCheckDone = r; });
  // The elements, the attributes each passes to its widget (a change re-renders it), and
  // those that load at idle rather than near the viewport. From crates/elements:
  // <generated: tags>
  var TAGS = {
    'rk-nps': ['survey-id', 'question', 'locale', 'follow-up', 'lang'],
    'rk-survey': ['survey-id', 'locale', 'lang'],
    'rk-stars': ['product-id', 'href', 'locale', 'show-empty', 'lang'],
    'rk-reviews': ['product-id', 'product-name', 'locale', 'page-size', 'jsonld', 'order-token', 'lang'],
    'rk-review-form': ['product-id', 'locale', 'order-token', 'lang'],
    'rk-loyalty': ['position', 'offset-x', 'offset-y', 'hide-on', 'label', 'customer-token', 'locale', 'lang'],
    'rk-points': ['show-tier', 'customer-token', 'locale', 'lang']
  };
  var AT_IDLE = ['rk-loyalty'];
  // </generated>
  // The customer token (RetainKit.identify), in memory only.
  var token = null;
  var idle = w.requestIdleCallback || setTimeout;
  var core = null;
  var loading = null;
  var readyResolve;
  var mounted = new Set();
  var readyPromise = new Promise(function (r) { readyResolve = r; });
  var warn = function (m, e) { if (w.console) console.warn('RetainKit: ' + m, e || ''); };

  function importCore() {
    return w.__rkImportCore ? w.__rkImportCore() : import(base + 'retainkit-core.js');
  }

  function load() {
    if (!loading) {
      loading = importCore().then(function (m) {
        return (typeof m.default === 'function' ? m.default() : Promise.resolve()).then(function () {
          core = m;
          m.configure(config.api || null, pageLocale(), here());
          m.setContext(ctx);
          m.start();
          if (token) m.identify(token);
          readyResolve(api);
          return m;
        });
      });
      loading.catch(function (e) { warn('could not load', e); });
    }
    return loading;
  }

  var api = {
    __rk: 1,
    version: '0.1.0',
    init: function (opts) {
      opts = opts || {};
      if (opts.api != null) config.api = String(opts.api);
      if (opts.locale != null) config.locale = String(opts.locale);
      if (opts.popups) config.popups = opts.popups;
      if (core) {
        core.configure(opts.api != null ? config.api : null, opts.locale != null ? pageLocale() : null, null);
        // Widgets already on the page take the new settings.
        mounted.forEach(function (el) { el.attributeChangedCallback(); });
      }
      return api;
    },
    ready: function () { return readyPromise; },
    load: function () { return load().then(function () { return api; }); },
    // A custom event popups can be triggered by: RetainKit.track('added_to_cart').
    track: function (name) {
      name = String(name);
      if (popupsOn) core.track(name); else if (tracked.length < 20) tracked.push(name);
      return api;
    },
    // Facts about the visit: {cart_value (minor units), currency, ...}.
    setContext: function (values) {
      var cart = ctx.cart_value;
      for (var k in values) ctx[k] = values[k];
      if (core) core.setContext(values);
      if (ctx.cart_value !== cart && popupsChecked) checkPopups();
      return api;
    },
    // Shows a popup now: open('survey', {id}) or open('offer'); open('loyalty', {page})
    // opens the loyalty panel ('home', 'earn', 'rewards', 'history').
    open: function (kind, opts) {
      var id = opts ? (opts.page != null ? opts.page : opts.id) : null;
      // A popup waits for the page's popups to be known (the first check runs at idle).
      (kind === 'loyalty' ? Promise.resolve() : popupsChecked || firstCheck).then(load).then(function (m) {
        m.open(String(kind), id != null ? String(id) : null);
      });
      return api;
    },
    // The short-lived token the shop's server signed for the signed-in customer.
    identify: function (t) {
      token = t ? String(t) : null;
      if (core) core.identify(token);
      return api;
    },
    logout: function () { return api.identify(null); }
  };
  w.RetainKit = api;
  // Calls a page made before this script ran: window.RetainKit = [['init', {...}], ...]
  // or {q: [...]}.
  var pre = prev && (Array.isArray(prev) ? prev : prev.q);
  if (pre) pre.forEach(function (c) { if (c && api[c[0]]) api[c[0]].apply(api, [].slice.call(c, 1)); });

  var baseSheet = null;
  if (w.CSSStyleSheet && 'adoptedStyleSheets' in Document.prototype) {
    try {
      baseSheet = new CSSStyleSheet();
      // Reserve the widget's height before the WASM arrives: no layout shift.
      baseSheet.replaceSync(':host{display:block;container-type:inline-size}:host([hidden]){display:none}' +
        '.rk-ph{min-height:var(--rk-reserve-height,185px);border-radius:var(--rk-radius,8px);' +
        'background:var(--rk-color-placeholder,#f6f8fa)}' +
        '@container (max-width:420px){.rk-ph{min-height:var(--rk-reserve-height-narrow,276px)}}' +
        ':host(rk-reviews) .rk-ph{min-height:var(--rk-reserve-height,420px)}' +
        ':host(rk-review-form) .rk-ph{min-height:var(--rk-reserve-height,640px)}' +
        ':host(rk-stars){display:inline-block;container-type:normal}:host(rk-stars) .rk-ph{min-height:1.25em;min-width:7em;background:none}' +
        ':host(rk-loyalty){height:0;container-type:normal}:host(rk-loyalty) .rk-ph{display:none}' +
        ':host(rk-points){display:inline-block;container-type:normal;vertical-align:middle}:host(rk-points) .rk-ph{min-height:1.5em;min-width:7em}');
    } catch (e) { baseSheet = null; }
  }

  var io = w.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { io.unobserve(e.target); e.target.__rkShow(); }
    });
  }, { rootMargin: '200px 0px' }) : null;

  // The page's language: RetainKit.init({locale}) or data-locale, the page's lang, the browser's.
  function pageLocale() {
    return config.locale || d.documentElement.lang || navigator.language || '';
  }
  // An element's attributes, and its language resolved here (the widget picks the nearest
  // one it speaks): its locale or lang attribute, init's, the nearest lang above it.
  function attrs(el) {
    var o = {};
    for (var i = 0; i < el.attributes.length; i++) o[el.attributes[i].name] = el.attributes[i].value;
    var owner = el.parentElement && el.parentElement.closest('[lang]');
    o._locale = o.locale || o.lang || config.locale || (owner && owner.lang) || navigator.language || '';
    return o;
  }

  function define(tag, observed) {
    if (!w.customElements || customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() { return observed; }
      connectedCallback() {
        var root = this.shadowRoot || this.attachShadow({ mode: 'open' });
        if (baseSheet && root.adoptedStyleSheets.indexOf(baseSheet) < 0) {
          root.adoptedStyleSheets = [baseSheet].concat(root.adoptedStyleSheets);
        }
        if (!this.__rkApp && !root.querySelector('.rk-ph')) {
          var ph = d.createElement('div');
          ph.className = 'rk-ph';
          ph.setAttribute('part', 'placeholder');
          ph.setAttribute('aria-hidden', 'true');
          root.appendChild(ph);
        }
        var el = this;
        if (AT_IDLE.indexOf(tag) >= 0 || !io) idle(function () { el.__rkShow(); }); else io.observe(this);
      }
      disconnectedCallback() {
        if (io) io.unobserve(this);
        if (this.__rkApp) { try { this.__rkApp.destroy(); } catch (e) { warn('destroy', e); } }
        this.__rkApp = null;
        mounted.delete(this);
      }
      attributeChangedCallback() {
        if (this.__rkApp) this.__rkApp.update(attrs(this));
      }
      __rkShow() {
        var el = this;
        load().then(function (m) {
          if (!el.isConnected || el.__rkApp) return;
          try {
            el.__rkApp = m.mount(tag, el.shadowRoot, attrs(el));
            mounted.add(el);
            var ph = el.shadowRoot.querySelector('.rk-ph');
            if (ph) ph.remove();
          } catch (e) { warn('could not show ' + tag, e); }
        });
      }
    });
  }

  for (var tag in TAGS) define(tag, TAGS[tag]);

  // Popups: the server's surveys and exit offer for this page, fetched at idle; the WASM
  // loads only when one could show. Single-page shops: route changes re-check.
  function here() {
    var h = location.hash;
    return location.pathname + location.search + (h.slice(0, 2) === '#/' ? h : '');
  }
  function getJson(path) {
    return fetch(config.api.replace(/\/+$/, '') + path, { credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }
  var checkTimer = 0;
  function checkPopups() {
    clearTimeout(checkTimer);
    var settle;
    var done = function () { settle(); firstCheckDone(); };
    popupsChecked = new Promise(function (r) { settle = r; });
    checkTimer = setTimeout(function () {
      var q = '?url=' + encodeURIComponent(here()) + '&locale=' +
        encodeURIComponent(config.locale || d.documentElement.lang || navigator.language || '');
      var cart = ctx.cart_value != null ? '&cart_value=' + Math.round(ctx.cart_value) : '';
      Promise.all([getJson('/v1/surveys/active' + q), getJson('/v1/offers/active' + q + cart)]).then(function (r) {
        var s = r[0] || { surveys: [] }, o = r[1] || { offer: null };
        var any = o.offer || s.surveys.some(function (x) { return x.display.placement !== 'inline'; });
        if (!any && !popupsOn) return done();
        return load().then(function (m) {
          m.popups(s, o, config.popups);
          popupsOn = true;
          tracked.splice(0).forEach(function (n) { m.track(n); });
        }).then(done, done);
      });
    }, 50);
  }
  var lastPath = here();
  function routed() {
    var p = here();
    if (p === lastPath) return;
    lastPath = p;
    if (core) core.route(p);
    checkPopups();
  }
  ['pushState', 'replaceState'].forEach(function (n) {
    var orig = history[n];
    if (typeof orig === 'function') history[n] = function () { var r = orig.apply(this, arguments); routed(); return r; };
  });
  w.addEventListener('popstate', routed);
  w.addEventListener('hashchange', routed);
  if (w.fetch && w.Promise) idle(checkPopups);
  // Deep link: ?rk=loyalty:rewards opens the loyalty panel at that section.
  try {
    var rk = new URLSearchParams(location.search).get('rk');
    if (rk && /^loyalty(:|$)/i.test(rk)) api.open('loyalty', { page: rk.split(':')[1] || null });
  } catch (e) { /* no URLSearchParams: no deep links */ }

  // Answers queued by an earlier page view are sent even when no widget becomes visible.
  try {
    if (w.localStorage && localStorage.getItem('rk:outbox')) {
      idle(load);
    }
  } catch (e) { /* storage blocked: nothing was queued there */ }
})(window, document);
