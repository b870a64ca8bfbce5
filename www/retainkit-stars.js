/*! RetainKit star snippets · MIT OR Apache-2.0 */
/* <rk-stars>: stars, average and review count for a product card, drawn in plain DOM without
 * WASM. The loader imports this module the first time an <rk-stars> connects and hands it
 * each element; all of a page's snippets share one request (100 products a request at most).
 * The texts of the three languages are checked against src/i18n.rs by tests/loader_texts.rs. */
var TEXTS = {
  en: ['Rated {n} out of 5', 'review', 'reviews', 'reviews', '.'],
  id: ['Nilai {n} dari 5', 'ulasan', 'ulasan', 'ulasan', ','],
  pl: ['Ocena {n} na 5', 'opinia', 'opinie', 'opinii', ',']
};
var STAR = 'M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7.3L12 17.8 5.8 21.5l1.6-7.3L2 9.5l7.1-.6z';
var d = document;
var els = new Set();
var summaries = {};
var asking = 0;
var page;
var sheet = null;
try {
  sheet = new CSSStyleSheet();
  sheet.replaceSync(':host{color:var(--rk-color-text,#1f2328);' +
    'font:var(--rk-font-size,1rem)/1.45 var(--rk-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)}' +
    'a{display:inline-flex;align-items:center;gap:.35em;color:inherit;text-decoration:none;min-height:24px}' +
    'a:hover [part=count]{text-decoration:underline}' +
    'a:focus-visible{outline:2px solid transparent;box-shadow:var(--rk-focus-ring,0 0 0 3px rgba(11,92,173,.45));border-radius:4px}' +
    '[part=stars]{display:inline-flex;vertical-align:middle}[part=stars]>svg{width:var(--rk-star-size-row,6em);height:auto;display:block}' +
    '.e{fill:var(--rk-color-star-empty,#d0d7de)}.f{fill:var(--rk-color-star,#e3a008)}' +
    '[part=count]{color:var(--rk-color-muted,#57606a);font-size:.9em}');
} catch (e) { sheet = null; }

function lang(el) {
  var t = page.locale(el).split(/[-_]/)[0].toLowerCase();
  t = t === 'in' ? 'id' : t;
  return TEXTS[t] ? t : 'en';
}
function svg(name, a) {
  var e = d.createElementNS('http://www.w3.org/2000/svg', name);
  for (var k in a) e.setAttribute(k, a[k]);
  return e;
}
function row(cls) {
  var g = svg('g', { class: cls });
  for (var i = 0; i < 5; i++) g.appendChild(svg('path', { d: STAR, transform: 'translate(' + i * 24 + ' 0)' }));
  return g;
}
function el(tag, part, text) {
  var e = d.createElement(tag);
  e.setAttribute('part', part);
  if (text) e.textContent = text;
  return e;
}
function productId(host) {
  return (host.getAttribute('product-id') || '').trim();
}

function draw(host) {
  var root = host.shadowRoot;
  var s = summaries[productId(host)];
  if (!root || !s || s.then) return;
  root.textContent = '';
  if (sheet && root.adoptedStyleSheets.indexOf(sheet) < 0) root.adoptedStyleSheets = root.adoptedStyleSheets.concat(sheet);
  // No reviews (unless show-empty), or the request failed: nothing.
  if ((!s.count && !host.hasAttribute('show-empty')) || !(s.average >= 0)) return;
  var l = lang(host);
  var t = TEXTS[l];
  var tenths = Math.round(Math.min(s.average, 5) * 10);
  var rated = t[0].replace('{n}', Math.floor(tenths / 10) + t[4] + (tenths % 10));
  var n = s.count;
  var few = l === 'pl' && n % 10 > 1 && n % 10 < 5 && (n % 100 < 12 || n % 100 > 14);
  var a = el('a', 'link');
  a.href = host.getAttribute('href') || '#reviews';
  a.lang = l;
  a.setAttribute('aria-label', rated + ', ' + n + ' ' + (n === 1 ? t[1] : few ? t[2] : t[3]));
  var img = a.appendChild(el('span', 'stars'));
  img.setAttribute('role', 'img');
  img.setAttribute('aria-label', rated);
  var width = (tenths * 24) / 10;
  var outer = img.appendChild(svg('svg', { viewBox: '0 0 120 24', focusable: 'false', 'aria-hidden': 'true' }));
  outer.appendChild(row('e'));
  outer.appendChild(svg('svg', { width: width, height: 24, viewBox: '0 0 ' + width + ' 24' })).appendChild(row('f'));
  a.appendChild(el('span', 'count', '(' + n + ')')).setAttribute('aria-hidden', 'true');
  root.appendChild(a);
}

// Asks for every wanted summary not known yet, once the elements parsed so far are in.
function ask() {
  asking = asking || setTimeout(function () {
    asking = 0;
    var ids = [];
    els.forEach(function (host) {
      var id = productId(host);
      if (/^[A-Za-z0-9_.:-]{1,64}$/.test(id) && !summaries[id] && ids.indexOf(id) < 0 && ids.length < 100) ids.push(id);
    });
    if (!ids.length) return;
    var wait = page.json('/v1/reviews/summaries?product_ids=' + ids.join(',')).then(function (r) {
      // A product the answer leaves out has no reviews; a failed request (or an answer of
      // another shape) shows nothing, and so does a summary that is not one.
      var list = r && Array.isArray(r.summaries) && r.summaries;
      ids.forEach(function (id) { summaries[id] = { average: list ? 0 : -1, count: 0 }; });
      (list || []).forEach(function (s) {
        if (s && ids.indexOf(s.product_id) >= 0 && s.average >= 0 && s.count >= 0) summaries[s.product_id] = { average: +s.average, count: s.count >>> 0 };
      });
      els.forEach(draw);
      ask();
    });
    ids.forEach(function (id) { summaries[id] = wait; });
  }, 0);
}

/** The loader's side: `json(path)` (the API's answer or null) and `locale(el)`. */
export function init(host) {
  page = host;
}
/** An element connected or changed. */
export function show(host) {
  els.add(host);
  if (summaries[productId(host)]) draw(host); else ask();
}
/** An element left the page. */
export function hide(host) {
  els.delete(host);
}
