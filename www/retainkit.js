/*! RetainKit loader · MIT OR Apache-2.0 */
/* One classic script: <script src=".../retainkit.js" data-api="https://…" async>.
 * Defines the <rk-…> elements at once (cheap). <rk-stars> is drawn by a small module, no
 * WASM (retainkit-stars.js). For the other elements it starts fetching the WASM core and the element's chunk (surveys, reviews
 * or loyalty; popups has its own) as soon as the element is in the page, all in parallel, and instantiates them
 * when the element comes near the viewport (the loyalty launcher, fixed on screen: at idle).
 * A popup (survey or exit offer) the server has for the page, or one the page places
 * (<rk-exit-offer offer-id>, <rk-survey placement="popup">), loads the popups chunk.
 * window.RetainKit: init, addLocale, ready, load, track, setContext, open, identify, logout.
 * Loading this script twice is harmless. */
(function (w, d) {
  var prev = w.RetainKit;
  if (prev && prev.__rk) return;

  // The script tag, classic or type="module" (which has no currentScript).
  var script = d.currentScript || d.querySelector('script[src*="retainkit.js"]');
  var base = script && script.src ? new URL('.', script.src).href : '';
  var data = (script && script.dataset) || {};
  var config = { api: data.api || '', locale: data.locale || '', popups: {} };
  var ctx = {};
  // The page's texts ({lang: {key: text}}), every init({texts}) and addLocale in order: the
  // core gets the whole list each time.
  var texts = [];
  var tracked = [];
  var popupsOn = false;
  var popupsChecked = null;
  var firstCheckDone;
  var firstCheck = new Promise((r) => { firstCheckDone = r; });
  // The elements, the attributes each passes to its widget (a change re-renders it), those
  // that load at idle rather than near the viewport, and each one's WASM chunk. From
  // crates/elements:
  // <generated: tags>
  var TAGS = {
    'rk-nps': ['survey-id', 'question', 'locale', 'texts', 'follow-up', 'lang'],
    'rk-survey': ['survey-id', 'placement', 'locale', 'texts', 'lang'],
    'rk-stars': ['product-id', 'href', 'locale', 'show-empty', 'lang'],
    'rk-reviews': ['product-id', 'product-name', 'locale', 'texts', 'page-size', 'jsonld', 'order-token', 'lang'],
    'rk-review-form': ['product-id', 'locale', 'texts', 'order-token', 'lang'],
    'rk-loyalty': ['position', 'offset-x', 'offset-y', 'hide-on', 'label', 'customer-token', 'locale', 'texts', 'lang'],
    'rk-points': ['show-tier', 'customer-token', 'locale', 'texts', 'lang'],
    'rk-exit-offer': ['offer-id']
  };
  var AT_IDLE = ['rk-loyalty'];
  var CHUNK = { 'rk-nps': 'surveys', 'rk-survey': 'surveys', 'rk-reviews': 'reviews', 'rk-review-form': 'reviews', 'rk-loyalty': 'loyalty', 'rk-points': 'loyalty' };
  // </generated>
  // This build's files, content-hashed (scripts/build.sh writes the line): the glue and the
  // core WASM (the glue knows the chunks), and the star snippets' module.
  var FILES = {"core":"retainkit-core.js","wasm":"retainkit-core_bg.wasm","stars":"retainkit-stars.js"}; // <build: files>
  // The customer token (RetainKit.identify), in memory only.
  var token = null;
  var idle = w.requestIdleCallback || setTimeout;
  var core = null;
  var glue = null;
  var loading = null;
  var readyResolve, readyReject;
  var mounted = new Set();
  var stars = new Set();
  // RetainKit.ready(): resolved once the WASM runs, rejected when loading it failed (a later
  // try gets a new promise).
  function noop() {}
  function newReady() {
    var p = new Promise((res, rej) => { readyResolve = res; readyReject = rej; });
    p.catch(noop);
    return p;
  }
  var readyPromise = newReady();
  var warn = (m, e) => { console.warn('RetainKit: ' + m, e || ''); };
  // A failed load says so once, not once per element.
  var failed = 0;
  function warnOnce(m, e) { if (!failed++) warn(m, e); }

  // Starts fetching the glue, the core WASM and a chunk's WASM files, all at once and in
  // parallel; nothing is instantiated yet. The glue knows the chunks' files.
  var early = null;
  function want(chunk) {
    if (!glue) {
      if (base) {
        early = fetch(base + FILES.wasm);
        early.catch(noop);
      }
      glue = import(base + FILES.core);
      glue.catch(noop);
    }
    if (chunk) glue.then((m) => { if (m.prefetch) m.prefetch(chunk); }, noop);
  }

  function load() {
    if (!loading) {
      want();
      loading = glue.then((m) => {
        var wasm = early || (base && base + FILES.wasm);
        early = null;
        return m.default(wasm ? { module_or_path: wasm } : undefined).then(() => {
          core = m;
          m.configure(config.api || null, pageLocale(), here(), texts);
          m.setContext(ctx);
          m.start();
          if (token) m.identify(token);
          readyResolve(api);
          return m;
        });
      });
      loading.catch((e) => {
        loading = glue = null;
        warnOnce('could not load', e);
        readyReject(e);
        readyPromise = newReady();
      });
    }
    return loading;
  }

  var api = {
    __rk: 1,
    version: '0.1.0',
    init: (opts) => {
      opts = opts || {};
      if (opts.api != null) config.api = String(opts.api);
      if (opts.locale != null) config.locale = String(opts.locale);
      if (opts.popups) config.popups = opts.popups;
      if (opts.texts) texts.push(opts.texts);
      if (core) {
        // The texts only when new ones came: applying them re-renders every widget.
        core.configure(opts.api != null ? config.api : null, opts.locale != null ? pageLocale() : null, null, opts.texts && texts);
        // Widgets already on the page take the new settings.
        mounted.forEach((el) => { el.attributeChangedCallback(); });
      }
      stars.forEach((el) => { el.attributeChangedCallback(); });
      return api;
    },
    // A language, or more texts for one: addLocale('de', {submit: 'Senden'}).
    addLocale: (l, t) => { return api.init({ texts: { [l]: t } }); },
    ready: () => { return readyPromise; },
    load: () => { return load().then(() => { return api; }); },
    // A custom event popups can be triggered by: RetainKit.track('added_to_cart').
    track: (name) => {
      name = String(name);
      if (popupsOn) core.track(name); else if (tracked.length < 20) tracked.push(name);
      return api;
    },
    // Facts about the visit: {cart_value (minor units), currency, ...}.
    setContext: (values) => {
      var cart = ctx.cart_value;
      for (var k in values) ctx[k] = values[k];
      if (core) core.setContext(values);
      if (ctx.cart_value !== cart) recheck();
      return api;
    },
    // Shows a popup now: open('survey', {id}) or open('offer'); open('loyalty', {page})
    // opens the loyalty panel ('home', 'earn', 'rewards', 'history').
    open: (kind, opts) => {
      var id = opts ? (opts.page != null ? opts.page : opts.id) : null;
      kind = String(kind);
      want(kind === 'loyalty' ? 'loyalty' : 'popups');
      // A popup waits for the page's popups to be known (the first check runs at idle).
      (kind === 'loyalty' ? Promise.resolve() : popupsChecked || firstCheck).then(load).then((m) => {
        m.open(kind, id != null ? String(id) : null);
      }, noop);
      return api;
    },
    // The short-lived token the shop's server signed for the signed-in customer.
    identify: (t) => {
      token = t ? String(t) : null;
      if (core) core.identify(token);
      return api;
    },
    logout: () => { return api.identify(null); }
  };
  w.RetainKit = api;
  // Calls a page made before this script ran: window.RetainKit = [['init', {...}], ...]
  // or {q: [...]}.
  var pre = prev && (Array.isArray(prev) ? prev : prev.q);
  if (pre) pre.forEach((c) => { if (c && api[c[0]]) api[c[0]].apply(api, c.slice(1)); });

  function sheet(css) {
    try {
      var s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    } catch (e) { return null; }
  }
  var canAdopt = w.CSSStyleSheet && 'adoptedStyleSheets' in Document.prototype;
  // Reserve the widget's height before the WASM arrives: no layout shift.
  var baseSheet = canAdopt && sheet(':host{display:block;container-type:inline-size}:host([hidden]){display:none}' +
    '.rk-ph{min-height:var(--rk-reserve-height,185px);border-radius:var(--rk-radius,8px);' +
    'background:var(--rk-color-placeholder,#f6f8fa)}' +
    '@container (max-width:420px){.rk-ph{min-height:var(--rk-reserve-height-narrow,276px)}}' +
    ':host(rk-reviews) .rk-ph{min-height:var(--rk-reserve-height,420px)}' +
    ':host(rk-review-form) .rk-ph{min-height:var(--rk-reserve-height,640px)}' +
    ':host(rk-stars){display:inline-flex;vertical-align:middle;container-type:normal}:host(rk-stars) .rk-ph{min-height:24px;min-width:7em;background:none}' +
    ':host(rk-loyalty){height:0;container-type:normal}:host(rk-loyalty) .rk-ph{display:none}' +
    ':host(rk-points){display:inline-block;vertical-align:middle;container-type:normal}:host(rk-points) .rk-ph{min-height:1.5em;min-width:7em}');
  function shadow(el, s) {
    var root = el.shadowRoot || el.attachShadow({ mode: 'open' });
    if (s && root.adoptedStyleSheets.indexOf(s) < 0) root.adoptedStyleSheets = [s].concat(root.adoptedStyleSheets);
    return root;
  }
  function placeholder(root) {
    var ph = root.querySelector('.rk-ph'), fallback = root.querySelector(':scope>slot');
    if (fallback) fallback.remove();
    if (!ph) {
      ph = d.createElement('div');
      ph.className = 'rk-ph';
      ph.part = 'placeholder';
      ph.ariaHidden = 'true';
      root.appendChild(ph);
    }
    return ph;
  }

  var io = w.IntersectionObserver ? new IntersectionObserver((entries) => {
    entries.forEach((e) => {
      if (e.isIntersecting) { io.unobserve(e.target); e.target.__rkShow(); }
    });
  }, { rootMargin: '200px' }) : null;

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
    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() { return observed; }
      connectedCallback() {
        // <rk-exit-offer>, <rk-survey placement="popup">: a popup the page places, asked for
        // with the page's others; it draws nothing.
        if (!CHUNK[tag] || this.getAttribute('placement') === 'popup') return recheck();
        var root = shadow(this, baseSheet);
        if (!this.__rkApp) placeholder(root);
        var el = this;
        want(CHUNK[tag]);
        if (AT_IDLE.indexOf(tag) >= 0 || !io) idle(() => { el.__rkShow(); }); else io.observe(this);
      }
      disconnectedCallback() {
        if (io) io.unobserve(this);
        if (this.__rkApp) { try { this.__rkApp.destroy(); } catch (e) { warn('destroy', e); } }
        this.__rkApp = null;
        mounted.delete(this);
      }
      attributeChangedCallback() {
        if (this.__rkApp) this.__rkApp.update(attrs(this));
        else this.__rkChanged = 1;
      }
      __rkShow() {
        var el = this;
        if (el.__rkMounting) return;
        el.__rkMounting = 1;
        load().then((m) => {
          if (!el.isConnected || el.__rkApp) return;
          el.__rkChanged = 0;
          return m.mount(tag, el.shadowRoot, attrs(el)).then((app) => {
            if (!el.isConnected || el.__rkApp) return app.destroy();
            // An attribute changed while the chunk was on its way.
            if (el.__rkChanged) app.update(attrs(el));
            el.__rkApp = app;
            mounted.add(el);
            var ph = el.shadowRoot.querySelector('.rk-ph');
            if (ph) ph.remove();
          });
        }).catch((e) => {
          // The element's own content (a link to the reviews page, say) shows instead.
          var ph = el.shadowRoot.querySelector('.rk-ph');
          if (ph) ph.replaceWith(d.createElement('slot'));
          warnOnce('could not show ' + tag, e);
        }).then(() => { el.__rkMounting = 0; });
      }
    });
  }

  // <rk-stars> is drawn without WASM by a small module, imported when the first one connects.
  var starsModule = null;
  function withStars(f) {
    if (!starsModule) {
      starsModule = import(base + FILES.stars).then((m) => {
        m.init({ json: getJson, locale: (el) => { return attrs(el)._locale; } });
        return m;
      });
      starsModule.catch((e) => { starsModule = null; warn('could not load', e); });
    }
    starsModule.then(f, noop);
  }
  function defineStars(observed) {
    customElements.define('rk-stars', class extends HTMLElement {
      static get observedAttributes() { return observed; }
      connectedCallback() {
        placeholder(shadow(this, baseSheet));
        stars.add(this);
        this.attributeChangedCallback();
      }
      disconnectedCallback() {
        var el = this;
        stars.delete(el);
        withStars((m) => { m.hide(el); });
      }
      attributeChangedCallback() {
        var el = this;
        if (stars.has(el)) withStars((m) => { m.show(el); });
      }
    });
  }

  if (w.customElements) {
    for (var tag in TAGS) {
      if (customElements.get(tag)) { warn(tag + ' is already defined'); continue; }
      if (tag === 'rk-stars') defineStars(TAGS[tag]); else define(tag, TAGS[tag]);
    }
  }

  // Popups: the server's surveys and exit offer for this page, fetched at idle; the WASM
  // loads only when one could show. Single-page shops: route changes re-check.
  function here() {
    var h = location.hash;
    return location.pathname + location.search + (h.startsWith('#/') ? h : '');
  }
  // The API's JSON object at `path`, or null: on a failure, a non-2xx answer, a body that is
  // not a JSON object or is over 2 MB, and after 10 s (the widgets' client times out alike).
  function getJson(path) {
    var ctl = new AbortController();
    var timer = setTimeout(() => ctl.abort(), 10000);
    return fetch(config.api.replace(/\/+$/, '') + path, { credentials: 'omit', signal: ctl.signal, headers: token ? { authorization: 'Bearer ' + token } : {} })
      // A Blob stays outside the page's heap and is sized before anything is decoded: a huge
      // answer costs the page no long task.
      .then((r) => { return r.ok && r.blob(); })
      .then((b) => { return b && b.size < 2e6 && b.text(); })
      .then((t) => {
        var j = t ? JSON.parse(t) : null;
        return j && typeof j === 'object' && !Array.isArray(j) ? j : null;
      })
      .catch(() => { return null; })
      .then((j) => { clearTimeout(timer); return j; });
  }
  // Only the parts of an answer the popup check reads, checked: anything else is "none".
  function list(v) { return Array.isArray(v) ? v.filter((x) => { return x && typeof x === 'object'; }) : []; }
  function popupSurvey(x) { return x.display && typeof x.display === 'object' && x.display.placement !== 'inline'; }
  // The ids of the popups the page's HTML places (`&placed=a,b`), in its order.
  function placed(sel, attr) {
    return '&placed=' + encodeURIComponent([].map.call(d.querySelectorAll(sel), (e) => { return e.getAttribute(attr); }));
  }
  // A placed popup came after the first check: check again.
  function recheck() { if (popupsChecked) checkPopups(); }
  var checkTimer = 0;
  function checkPopups() {
    clearTimeout(checkTimer);
    var settle;
    var done = () => { settle(); firstCheckDone(); };
    popupsChecked = new Promise((r) => { settle = r; });
    checkTimer = setTimeout(() => {
      var q = '?url=' + encodeURIComponent(here()) + '&locale=' + encodeURIComponent(pageLocale());
      var cart = ctx.cart_value != null ? '&cart_value=' + Math.round(ctx.cart_value) : '';
      Promise.all([getJson('/v1/surveys/active' + q + placed('rk-survey[placement=popup]', 'survey-id')), getJson('/v1/offers/active' + q + cart + placed('rk-exit-offer', 'offer-id'))]).then((r) => {
        var s = { surveys: list(r[0] && r[0].surveys) };
        var o = { offer: r[1] && r[1].offer && typeof r[1].offer === 'object' ? r[1].offer : null };
        if (!o.offer && !s.surveys.some(popupSurvey) && !popupsOn) return;
        want('popups');
        return load().then((m) => {
          m.popups(s, o, config.popups);
          popupsOn = true;
          tracked.splice(0).forEach((n) => { m.track(n); });
        });
      }).catch((e) => { warnOnce('could not show popups', e); }).then(done);
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
  var rk = new URLSearchParams(location.search).get('rk');
  if (rk && /^loyalty(:|$)/i.test(rk)) api.open('loyalty', { page: rk.split(':')[1] || null });

  // Answers queued by an earlier page view are sent even when no widget becomes visible.
  try {
    if (w.localStorage && localStorage.getItem('rk:outbox')) {
      idle(load);
    }
  } catch (e) { /* storage blocked: nothing was queued there */ }
})(window, document);
