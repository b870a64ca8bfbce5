// Any backend, any fault: every element and the loader against the chaos backend
// (chaos.mjs), and every fault kind a submission can meet, counted in the database.
//
// The read matrix: a page with every element, the API answering every GET with one fault.
// After the client's timeout (10 s, on Playwright's clock) there must be no uncaught error,
// no WASM trap, no loading state left, RetainKit.ready() and open() settled, and no long
// task over 200 ms. The write faults: one NPS answer each, exactly one row in SQLite.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, showWidget, sign } from './harness.mjs';
import { Chaos } from './chaos.mjs';

const WRITES = ['503', '500', 'timeout', 'offline', 'reset-before', 'reset-after', 'body-lost', 'kill-9', 'storage-full', 'tab-closed'];
let chaos;
const env = useServerAndBrowser({
  surveys: WRITES.map((w) => `nps-w-${w}`),
  setup: async (server) => { chaos = await Chaos.start(server.url); },
});
after(() => chaos?.close());

/** A page of the shop whose API is the chaos backend, on another origin. */
async function open(body, { clock = true, init } = {}) {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 2400 } });
  chaos.page('/chaos.html', {
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chaos</title>
      <script>${init || ''}</script>
      <script src="/dist/retainkit.js" data-api="${chaos.apiUrl}" async></script></head>
      <body><main>${body}</main><button id="host" onclick="this.dataset.n = (+this.dataset.n || 0) + 1">host</button></body></html>`,
  });
  await page.addInitScript(() => {
    window.__long = [];
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    } catch (e) { /* no long task timing */ }
  });
  if (clock) await page.clock.install();
  await page.goto(`${chaos.url}/chaos.html`);
  return page;
}

/** Errors from the page itself: uncaught exceptions, WASM traps, console.error; the
 * browser's own lines about failed requests are not the page's. */
function ownErrors(page) {
  return page.errors.filter((e) => !/Failed to load resource|net::ERR_|No 'Access-Control-Allow-Origin'|ERR_TOO_MANY_REDIRECTS/.test(e));
}

/** What is still loading, in every element's shadow root. */
function stillLoading(page) {
  return page.evaluate(() => {
    const left = [];
    for (const el of document.querySelectorAll('*')) {
      if (!el.tagName.startsWith('RK-') || !el.shadowRoot) continue;
      const busy = el.shadowRoot.querySelector('.rk-ph, .rk-skeleton, .rk-points-loading, [aria-busy="true"]');
      if (busy) left.push(`${el.tagName.toLowerCase()}: ${busy.className || busy.getAttribute('aria-busy')}`);
    }
    return left;
  });
}

/** Runs the clock past the client's timeouts until nothing is loading (or fails). Between
 * steps it waits for the page's next request to end (real sockets keep real time), at most
 * half a second. */
async function settle(page) {
  let left = [];
  for (let i = 0; i < 24; i++) {
    await page.clock.runFor(2_000);
    left = await stillLoading(page);
    if (!left.length) return [];
    await Promise.race(['requestfinished', 'requestfailed'].map((e) => page.waitForEvent(e, { timeout: 500 }).catch(() => {})));
  }
  return left;
}

const EVERYTHING = `
  <rk-points></rk-points>
  <rk-stars product-id="batik-parang"></rk-stars>
  <rk-nps survey-id="nps-demo"></rk-nps>
  <rk-survey survey-id="nps-demo"></rk-survey>
  <rk-reviews product-id="batik-parang"></rk-reviews>
  <rk-review-form product-id="batik-parang"></rk-review-form>
  <rk-loyalty></rk-loyalty>`;

const html = '<!doctype html><html><body><h1>Oops</h1></body></html>';
const READ_FAULTS = {
  'an empty object': { body: {} },
  'an array': { body: [] },
  'null': { body: null },
  'wrong types': { body: { items: 'x', summary: 5, surveys: {}, offer: 7, summaries: 'no', balance: 'lots', rewards: null } },
  'missing fields': { body: { summary: {}, items: [{}], surveys: [{}], offer: {}, summaries: [{}] } },
  'HTML with 200': { body: html, headers: { 'Content-Type': 'text/html' } },
  '500': { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
  '502 in HTML': { status: 502, body: html, headers: { 'Content-Type': 'text/html' } },
  '503': { status: 503, body: '' },
  '429 with Retry-After': { status: 429, body: '', headers: { 'Retry-After': '2' } },
  'a hang': 'hang',
  'a slow trickle': 'trickle',
  'a redirect loop': 'redirect-loop',
  'no CORS': 'no-cors',
  'a connection reset': 'reset-before',
  '100,000 items, 25 MB': 'huge',
};

for (const [name, fault] of Object.entries(READ_FAULTS)) {
  test(`every element and the loader survive a backend answering ${name}`, async () => {
    chaos.clear();
    chaos.on(/^GET \/v1\//, fault);
    const page = await open(EVERYTHING, { init: `window.RetainKit = [['identify', ${JSON.stringify(sign({ sub: 'demo-customer', aud: 'retainkit', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 }))}]];` });
    await showWidget(page, 'rk-nps');
    const left = await settle(page);
    assert.deepEqual(left, [], 'no loading state after the timeout');
    assert.ok(chaos.count(/^GET \/v1\//) >= 4, `the widgets asked the chaos backend: ${chaos.seen}`);
    const ready = await page.evaluate(() => Promise.race([window.RetainKit.ready().then(() => 'resolved', () => 'rejected'), new Promise((r) => setTimeout(() => r('pending'), 100))]));
    assert.equal(ready, 'resolved');
    // The page is still the shop's: its own button works.
    await page.locator('#host').click();
    assert.equal(await page.locator('#host').getAttribute('data-n'), '1');
    if (fault === '500' || name === '500') {
      // A clear state with a way out: the list says it failed and offers to try again.
      assert.equal(await page.locator('rk-reviews >> [part=error]').textContent(), 'Reviews could not be loaded.');
      assert.equal(await page.locator('rk-survey >> [part=error]').textContent(), 'The survey could not be loaded.');
      chaos.clear();
      await page.locator('rk-reviews >> [part=retry]').click();
      await page.locator('rk-reviews >> [part=review]').first().waitFor();
      await page.locator('rk-survey >> [part=retry]').click();
      await page.locator('rk-survey >> [part=submit]').waitFor();
    }
    if (fault === 'huge') {
      const rendered = await page.locator('rk-reviews >> [part=review]').count();
      assert.ok(rendered <= 10, `no more reviews than asked for: ${rendered}`);
      const tasks = await page.evaluate(() => window.__long);
      assert.ok(Math.max(0, ...tasks) <= 200, `no long task over 200 ms: ${tasks}`);
    }
    assert.deepEqual(ownErrors(page), []);
    await page.context().close();
  });
}

test('the loader: a popup check that fails in any way still lets open() and ready() settle', async () => {
  for (const fault of [{ body: {} }, { body: [] }, { body: { surveys: null } }, { body: [{}] }, { body: { surveys: [{ display: null }] } }, { body: { surveys: [null, 5, 'x'], offer: [] } }, 'hang', 'huge']) {
    chaos.clear();
    chaos.on(/^GET \/v1\/(surveys|offers)\/active/, fault);
    // No element: only a popup could load the WASM, and open() asks for one.
    const page = await open('<p>No widget here.</p>');
    await page.evaluate(() => { window.RetainKit.open('survey', { id: 'nps-demo' }); window.RetainKit.open('offer'); });
    await page.clock.runFor(11_000);
    const ready = await page.evaluate(() => window.RetainKit.ready().then(() => 'resolved'));
    assert.equal(ready, 'resolved', JSON.stringify(fault));
    assert.deepEqual(ownErrors(page), [], JSON.stringify(fault));
    await page.context().close();
  }
});

// Exactly once: one answer per fault kind, sent through the chaos backend.
const rows = (id) => env.server.sql(`SELECT score FROM survey_responses WHERE survey_id = '${id}'`);

async function answer(page, id, score) {
  await page.evaluate((s) => document.querySelector('rk-nps').setAttribute('survey-id', s), id);
  await showWidget(page, 'rk-nps');
  await page.locator('rk-nps >> [role=radio]').nth(score).click();
  await page.locator('rk-nps >> button[type=submit]').click();
}

const POST = (id) => new RegExp(`^POST /v1/surveys/${id}/responses`);

/** The shopper is told it is saved and will be sent; then, without a reload, the open page
 * sends it (on its timer, or `then`: back online, the server back); "Try again" afterwards
 * gets the stored answer back: thanks, and still one row. */
async function savedThenSent(page, id, then) {
  await page.locator('rk-nps >> .rk-error').waitFor();
  assert.match(await page.locator('rk-nps >> .rk-error').textContent(), /saved on this device and will be sent automatically/);
  let sent = false;
  const stored = chaos.stored(POST(id)).then(() => { sent = true; });
  if (then) await then();
  for (let i = 0; i < 12 && !sent; i++) {
    await page.clock.runFor(5_000);
    await Promise.race([stored, new Promise((r) => setTimeout(r, 500))]);
  }
  assert.ok(sent, 'delivered by the open page');
  await page.waitForFunction(() => localStorage.getItem('rk:outbox') === null || !localStorage.setItem);
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
}

for (const [kind, fault, times] of [['503', { status: 503, body: '', headers: { 'Retry-After': '0' } }, 2], ['500', { status: 500, body: '' }, 1], ['reset-before', 'reset-before', 1], ['reset-after', 'reset-after', 1]]) {
  test(`a ${kind} on the way is retried with the same key: one row`, async () => {
    const id = `nps-w-${kind}`;
    chaos.clear();
    chaos.on(POST(id), fault, times);
    const page = await open('<rk-nps></rk-nps>');
    await answer(page, id, 7);
    await page.clock.runFor(3_000);
    await page.locator('rk-nps >> .rk-thanks').waitFor({ timeout: 5000 }).catch(async (e) => {
      console.log('DEBUG', chaos.seen, await page.locator('rk-nps').evaluate((el) => el.shadowRoot.innerHTML), page.errors);
      throw e;
    });
    assert.equal(chaos.count(POST(id)), times + 1);
    assert.deepEqual(rows(id), [{ score: 7 }], 'exactly one row');
    assert.deepEqual(ownErrors(page), []);
    await page.context().close();
  });
}

test('the reply lost after the commit (half a body): "saved, will be sent", then sent with the same key, one row', async () => {
  const id = 'nps-w-body-lost';
  chaos.clear();
  chaos.on(POST(id), 'body-lost', 1);
  const page = await open('<rk-nps></rk-nps>');
  await answer(page, id, 8);
  await savedThenSent(page, id);
  assert.deepEqual(rows(id), [{ score: 8 }]);
  assert.equal(chaos.count(POST(id)), 3, 'the lost reply, the open page\'s try, Try again');
  assert.deepEqual(ownErrors(page), []);
  await page.context().close();
});

test('a hanging server: the send ends at the timeout, and the open page sends it later, one row', async () => {
  const id = 'nps-w-timeout';
  chaos.clear();
  chaos.on(POST(id), 'hang', 1);
  const page = await open('<rk-nps></rk-nps>');
  await answer(page, id, 6);
  await page.clock.runFor(11_000);
  await savedThenSent(page, id);
  assert.deepEqual(rows(id), [{ score: 6 }]);
  await page.context().close();
});

test('offline: sent when the browser is back online, one row', async () => {
  const id = 'nps-w-offline';
  chaos.clear();
  const page = await open('<rk-nps></rk-nps>');
  await page.evaluate((s) => document.querySelector('rk-nps').setAttribute('survey-id', s), id);
  await showWidget(page, 'rk-nps');
  await page.context().setOffline(true);
  await page.locator('rk-nps >> [role=radio]').nth(5).click();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.clock.runFor(11_000);
  await savedThenSent(page, id, () => page.context().setOffline(false));
  assert.deepEqual(rows(id), [{ score: 5 }]);
  await page.context().close();
});

test('kill -9 of the server: the answer waits, and is sent once the server is back, one row', async () => {
  const id = 'nps-w-kill-9';
  chaos.clear();
  const page = await open('<rk-nps></rk-nps>');
  await page.evaluate((s) => document.querySelector('rk-nps').setAttribute('survey-id', s), id);
  await showWidget(page, 'rk-nps');
  await env.server.stop('SIGKILL');
  await page.locator('rk-nps >> [role=radio]').nth(4).click();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.clock.runFor(11_000);
  await savedThenSent(page, id, () => env.server.start());
  assert.deepEqual(rows(id), [{ score: 4 }]);
  await page.context().close();
});

test('a full localStorage and a lost reply: kept in memory, sent again, one row', async () => {
  const id = 'nps-w-storage-full';
  chaos.clear();
  chaos.on(POST(id), 'body-lost', 1);
  const page = await open('<rk-nps></rk-nps>', { init: "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };" });
  await answer(page, id, 9);
  await savedThenSent(page, id);
  assert.deepEqual(rows(id), [{ score: 9 }]);
  assert.deepEqual(ownErrors(page), []);
  await page.context().close();
});

test('the tab closed right after Send: the request outlives it (keepalive), one row', async () => {
  const id = 'nps-w-tab-closed';
  chaos.clear();
  const page = await open('<rk-nps></rk-nps>', { clock: false });
  // The server reads the request only after the tab is gone: without keepalive the browser
  // would have dropped the connection by then.
  chaos.on(POST(id), 'slow-forward', 1);
  const sent = page.waitForRequest((r) => r.url().endsWith(`/v1/surveys/${id}/responses`) && r.method() === 'POST');
  const stored = chaos.stored(POST(id));
  await answer(page, id, 10);
  await sent;
  await page.close();
  assert.equal(await stored, 201);
  assert.deepEqual(rows(id), [{ score: 10 }]);
  await page.context().close();
});
