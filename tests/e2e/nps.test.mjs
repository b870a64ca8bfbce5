// The NPS widget end to end: demo shop page → loader → WASM → reference server → SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useServerAndBrowser, seededOffer, newPage, showWidget, activeElement, checkA11y, ARTIFACTS } from './harness.mjs';

const env = useServerAndBrowser({ surveys: ['nps-retry', 'nps-offline', 'nps-nostorage'] });

const rows = (survey) => env.server.sql(`SELECT survey_id, score, category, comment, locale FROM survey_responses WHERE survey_id = '${survey}' ORDER BY id`);

const axe = (page) => checkA11y(page, 'rk-nps');

test('the WASM is fetched at once, in parallel, but the widget runs only near the viewport (no popup for the page)', async (t) => {
  // The demo's exit offer shows on every page, and a page with a popup loads the WASM at
  // idle; without it, the element in the HTML starts the fetches, and nothing runs until
  // the widget is near.
  const offer = seededOffer();
  await env.server.change(t, `/v1/admin/offers/${offer.id}`, { ...offer, active: false }, offer);
  const page = await newPage(env.browser);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  // The Indonesian page has its only widget below the fold.
  await page.goto(`${env.server.url}/id.html`, { waitUntil: 'networkidle' });
  assert.equal(await page.evaluate(() => !!customElements.get('rk-nps')), true, 'element defined at once');
  const box = await page.locator('rk-nps').boundingBox();
  assert.ok(box.y > 720 + 200, `the widget starts below the fold (y = ${box.y})`);
  // Fetched (the core and the surveys chunk), but not run: the placeholder holds the space.
  assert.ok(wasm.length >= 2, `the core and the chunk are fetched at once: ${wasm}`);
  assert.equal(await page.locator('rk-nps >> .rk-root').count(), 0, 'nothing mounted before the element is near');
  assert.equal(await page.locator('rk-nps >> .rk-ph').count(), 1);
  const fetched = wasm.length;
  await showWidget(page);
  assert.equal(wasm.length, fetched, 'nothing fetched twice');
  const rendered = await page.locator('rk-nps').boundingBox();
  assert.ok(Math.abs(rendered.height - box.height) <= 8, `no layout shift: reserved ${box.height}, rendered ${rendered.height}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard only: Tab reaches the scale once, arrows select, Enter submits; the answer is in SQLite', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  await axe(page);

  // Start where a keyboard or screen-reader user arrives: the section's heading.
  await page.locator('#feedback-title').evaluate((h) => { h.tabIndex = -1; h.focus(); });
  await page.keyboard.press('Tab');
  let a = await activeElement(page);
  assert.equal(a.role, 'radio', 'Tab lands on the scale');
  assert.equal(a.text, '0');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  a = await activeElement(page);
  assert.deepEqual([a.text, a.checked], ['9', 'true']);
  // One tab stop: the next Tab leaves the scale for the follow-up field.
  await page.keyboard.press('Tab');
  a = await activeElement(page);
  assert.equal(a.tag, 'textarea');
  await page.keyboard.type('The fabric is lovely <b>really</b>');
  await page.keyboard.press('Shift+Tab');
  a = await activeElement(page);
  assert.deepEqual([a.role, a.text], ['radio', '9'], 'Shift+Tab returns to the chosen option');
  await page.screenshot({ path: join(ARTIFACTS, 'nps-answering.png') });
  await page.locator('rk-nps').screenshot({ path: join(ARTIFACTS, 'nps-widget.png') });
  await page.keyboard.press('Enter');

  await page.locator('rk-nps >> .rk-thanks').waitFor();
  assert.equal(await page.locator('rk-nps >> .rk-thanks').textContent(), 'Thank you for your feedback!');
  a = await activeElement(page);
  assert.equal(a.text, 'Thank you for your feedback!', 'focus moves to the thank-you text');
  await axe(page);
  await page.locator('rk-nps').screenshot({ path: join(ARTIFACTS, 'nps-thanks.png') });

  assert.deepEqual(rows('nps-demo'), [
    { survey_id: 'nps-demo', score: 9, category: 'promoter', comment: 'The fabric is lovely <b>really</b>', locale: 'en' },
  ]);
  const events = await page.evaluate(() => window.__rkEvents.filter((e) => e.type === 'rk-survey-submit'));
  assert.equal(events.length, 1);
  assert.equal(events[0].detail.score, 9);
  assert.equal(events[0].detail.surveyId, 'nps-demo');
  const stats = await env.server.admin('/v1/admin/surveys/nps-demo/stats');
  assert.deepEqual([stats.responses, stats.nps], [1, 100]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 422 from the server shows next to the field, keeps the answer, and a retry works', async () => {
  await env.server.sql("DELETE FROM survey_responses WHERE survey_id = 'nps-demo'");
  const page = await newPage(env.browser);
  let first = true;
  await page.route('**/v1/surveys/*/responses', async (route) => {
    if (first) {
      first = false;
      return route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { comment: 'too_long' } } }),
      });
    }
    return route.continue();
  });
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  await page.locator('rk-nps >> [role=radio]').nth(3).click();
  await page.locator('rk-nps >> textarea').fill('Delivery took two weeks');
  await page.locator('rk-nps >> button[type=submit]').click();
  const err = page.locator('rk-nps >> #rk-comment-error');
  await err.waitFor();
  assert.equal(await err.textContent(), 'This text is too long.');
  assert.equal(await page.locator('rk-nps >> textarea').inputValue(), 'Delivery took two weeks', 'the text typed is still there');
  assert.equal(await page.locator('rk-nps >> [aria-checked=true]').textContent(), '3');
  assert.equal(await page.locator('rk-nps >> textarea').getAttribute('aria-invalid'), 'true');
  await axe(page);
  await page.screenshot({ path: join(ARTIFACTS, 'nps-error.png') });
  assert.equal(rows('nps-demo').length, 0);

  await page.locator('rk-nps >> textarea').fill('Delivery was slow');
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  assert.deepEqual(rows('nps-demo').map((r) => [r.score, r.comment]), [[3, 'Delivery was slow']]);
  await page.context().close();
});

test('503 twice then 201 stores exactly one row, with the same Idempotency-Key on every try', async () => {
  const page = await newPage(env.browser);
  const keys = [];
  await page.route('**/v1/surveys/nps-retry/responses', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (keys.length <= 2) {
      // The real server handles the request, but the shopper's browser sees a 503.
      await route.fetch();
      return route.fulfill({ status: 503, headers: { 'Retry-After': '0' }, contentType: 'application/json', body: '{"error":{"code":"busy","message":"busy"}}' });
    }
    return route.continue();
  });
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-nps').setAttribute('survey-id', 'nps-retry'));
  await showWidget(page);
  await page.locator('rk-nps >> [role=radio]').nth(7).click();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  assert.equal(keys.length, 3);
  assert.ok(/^rk-[0-9a-f]{32}$/.test(keys[0]), keys[0]);
  assert.deepEqual(new Set(keys).size, 1, 'one key for all tries');
  assert.deepEqual(rows('nps-retry').map((r) => r.score), [7], 'exactly one row');
  await page.context().close();
});

test('an answer given while the server is down is sent after a reload once it is back', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-nps').setAttribute('survey-id', 'nps-offline'));
  await showWidget(page);
  await env.server.stop();
  await page.locator('rk-nps >> [role=radio]').nth(2).click();
  await page.locator('rk-nps >> textarea').fill('Sent later');
  await page.locator('rk-nps >> button[type=submit]').click();
  const err = page.locator('rk-nps >> .rk-error');
  await err.waitFor();
  assert.match(await err.textContent(), /We could not send your answer/);
  assert.equal(await page.locator('rk-nps >> button[type=submit]').textContent(), 'Try again');
  assert.equal(await page.locator('rk-nps >> textarea').inputValue(), 'Sent later');
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('rk:outbox')));
  assert.equal(queued.length, 1);
  assert.equal(rows('nps-offline').length, 0);

  // Delivered once the server is back: on the open page's retry timer or after the reload,
  // whichever comes first.
  const delivered = page.waitForResponse((r) => r.url().endsWith('/v1/surveys/nps-offline/responses') && r.status() === 201);
  await env.server.start();
  await page.reload();
  await delivered;
  assert.deepEqual(rows('nps-offline').map((r) => [r.score, r.comment]), [[2, 'Sent later']]);
  await page.waitForFunction(() => localStorage.getItem('rk:outbox') === null);
  await page.context().close();
});

test('a localStorage that throws breaks nothing', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-nps').setAttribute('survey-id', 'nps-nostorage'));
  await showWidget(page);
  await page.locator('rk-nps >> [role=radio]').nth(10).click();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  assert.deepEqual(rows('nps-nostorage').map((r) => r.score), [10]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('loading the script twice is harmless, and texts follow the page language', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/pl.html`);
  const first = await page.evaluate(() => window.RetainKit);
  await page.addScriptTag({ url: '/dist/retainkit.js' });
  assert.equal(await page.evaluate(() => window.RetainKit.version), first.version);
  await showWidget(page);
  assert.equal(await page.locator('rk-nps').count(), 1);
  // The shop's own question for nps-demo, in Polish (issue 15: one survey id, one question).
  assert.equal(await page.locator('rk-nps >> .rk-question').textContent(), 'Jak bardzo prawdopodobne jest, że polecisz Toko Demo znajomemu lub współpracownikowi?');
  assert.equal(await page.locator('rk-nps >> button[type=submit]').textContent(), 'Wyślij');
  const api = await page.evaluate(async () => { const r = await window.RetainKit.ready(); return typeof r.init; });
  assert.equal(api, 'function');
  await page.goto(`${env.server.url}/id.html`);
  await showWidget(page);
  assert.equal(await page.locator('rk-nps >> button[type=submit]').textContent(), 'Kirim');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a 375 px phone the scale fits and every option is at least 24×24 px', async () => {
  const page = await newPage(env.browser, { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
  await page.goto(`${env.server.url}/id.html`);
  const reserved = (await page.locator('rk-nps').boundingBox()).height;
  await showWidget(page);
  const rendered = (await page.locator('rk-nps').boundingBox()).height;
  assert.ok(Math.abs(rendered - reserved) <= 8, `no layout shift: reserved ${reserved}, rendered ${rendered}`);
  const boxes = await page.locator('rk-nps >> [role=radio]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.equal(boxes.length, 11);
  for (const b of boxes) {
    assert.ok(b.width >= 24 && b.height >= 24, `target ${b.width}×${b.height}`);
    assert.ok(b.right <= 375, 'no horizontal overflow');
  }
  await page.locator('rk-nps >> [role=radio]').nth(8).tap();
  await page.locator('rk-nps').screenshot({ path: join(ARTIFACTS, 'nps-375.png') });
  await page.context().close();
});

test('attribute changes re-render; removing the element destroys the widget; adding it again remounts it', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  await page.evaluate(() => document.querySelector('rk-nps').setAttribute('question', 'Would you recommend Toko Demo?'));
  await page.locator('rk-nps >> .rk-question', { hasText: 'Would you recommend Toko Demo?' }).waitFor();
  await page.evaluate(() => document.querySelector('rk-nps').setAttribute('lang', 'id'));
  await page.locator('rk-nps >> button[type=submit]', { hasText: 'Kirim' }).waitFor();

  const left = await page.evaluate(() => {
    const el = document.querySelector('rk-nps');
    const parent = el.parentNode;
    el.remove();
    window.__rkDetached = el;
    window.__rkParent = parent;
    return el.shadowRoot.querySelectorAll('.rk-root').length;
  });
  assert.equal(left, 0, 'the widget is gone from the shadow root');
  await page.evaluate(() => window.__rkParent.appendChild(window.__rkDetached));
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> .rk-question', { hasText: 'Would you recommend Toko Demo?' }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('rk-nps').shadowRoot.querySelectorAll('.rk-root').length), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('works under a Content-Security-Policy without unsafe-inline', async () => {
  const page = await newPage(env.browser);
  const violations = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) violations.push(m.text()); });
  await page.route(`${env.server.url}/`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({
      response: res,
      headers: {
        ...res.headers(),
        'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:",
      },
    });
  });
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  // The widget's own stylesheet applies: the send button has the shop's accent colour.
  const bg = await page.locator('rk-nps >> button[type=submit]').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, 'rgb(31, 59, 107)');
  await page.locator('rk-nps >> [role=radio]').nth(6).click();
  await page.locator('rk-nps >> textarea').waitFor();
  assert.deepEqual(violations, []);
  await page.context().close();
});

test('calls queued before the script loads are replayed; init() after load re-renders the widgets', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => { window.RetainKit = [['init', { locale: 'pl' }]]; });
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  assert.equal(await page.locator('rk-nps >> button[type=submit]').textContent(), 'Wyślij', 'the queued init chose Polish');
  await page.evaluate(() => window.RetainKit.init({ locale: 'id' }));
  await page.locator('rk-nps >> button[type=submit]', { hasText: 'Kirim' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('no layout shift through the whole flow, the thanks included, even when the answer takes a second (CLS 0.00)', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    window.__shifts = [];
    window.__sources = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts.push([e.startTime, e.value]);
        window.__sources.push(`${Math.round(e.startTime)}: ${e.value.toFixed(3)} ${e.sources.map((s) => (s.node ? `${s.node.nodeName}.${s.node.className || ''}` : '?') + JSON.stringify([s.previousRect.y, s.currentRect.y])).join(' ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The answer comes back after the 500 ms in which the browser forgives shifts after a click.
  await page.route('**/v1/surveys/*/responses', (route) => new Promise((r) => setTimeout(r, 800)).then(() => route.continue()));
  // The Indonesian page: the NPS widget is its only one (another widget loading below the
  // fold would shift the page by itself).
  await page.goto(`${env.server.url}/id.html`, { waitUntil: 'networkidle' });
  await showWidget(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Shifts from the flow only (the demo page's own loading shifts it before).
  const t0 = await page.evaluate(() => performance.now());
  const cls = () => page.evaluate((t) => window.__shifts.filter(([at]) => at > t).reduce((a, [, v]) => a + v, 0), t0);
  const start = 0;
  const box = await page.locator('rk-nps').boundingBox();
  await page.locator('rk-nps >> [role=radio]').nth(8).click();
  await page.locator('rk-nps >> textarea').fill('Pengiriman cepat');
  const filled = await page.locator('rk-nps').boundingBox();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const thanked = await page.locator('rk-nps').boundingBox();
  assert.equal(thanked.height, filled.height, `the card keeps its height (${filled.height} → ${thanked.height})`);
  assert.ok(box.height > 0);
  assert.ok((await cls()) - start < 0.001, `CLS through the flow: ${(await cls()) - start} ${await page.evaluate(() => window.__sources.join(' | '))}`);
  await axe(page);
  await page.context().close();
});

test('one survey id, one question: <rk-nps> asks what the shop defined for its id, as <rk-survey> does, and its display is counted', async () => {
  const displays = () => env.server.sql("SELECT COUNT(*) AS n FROM survey_displays WHERE survey_id = 'nps-demo'")[0].n;
  const before = displays();
  const page = await newPage(env.browser);
  const counted = page.waitForResponse((r) => r.url().endsWith('/v1/surveys/nps-demo/displays') && r.request().method() === 'POST');
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  const question = 'How likely are you to recommend Toko Demo to a friend or colleague?';
  assert.equal(await page.locator('rk-nps >> .rk-question').textContent(), question);
  assert.equal((await counted).status(), 201);
  assert.equal(displays(), before + 1, 'counted once');
  await page.goto(`${env.server.url}/checkout.html`);
  const survey = page.locator('rk-survey[survey-id="nps-demo"]');
  await survey.scrollIntoViewIfNeeded();
  await survey.locator('[role=radio]').first().waitFor();
  assert.equal(await survey.locator('.rk-question').textContent(), question);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('theme tokens set on :root or any ancestor apply inside the widget; the element\'s own value wins', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/id.html`);
  // The shop sets --rk-color-accent on rk-nps itself (shop.css), nothing else of these.
  await page.addStyleTag({ content: ':root { --rk-color-accent: rgb(200, 0, 0); --rk-radius: 3px; } main { --rk-color-text: rgb(10, 20, 30); }' });
  await showWidget(page);
  const button = page.locator('rk-nps >> button[type=submit]');
  const style = await button.evaluate((b) => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderTopLeftRadius]; });
  assert.deepEqual(style, ['rgb(31, 59, 107)', '3px'], 'the element\'s own accent wins; the radius from :root applies');
  assert.equal(await page.locator('rk-nps >> .rk-question').evaluate((q) => getComputedStyle(q).color), 'rgb(10, 20, 30)', 'a token from an ancestor applies');
  await page.context().close();
});

test('theme="dark", theme="auto" with a dark system setting, a shop token over the preset; forced colours show the chosen score', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/id.html`);
  // A shop that leaves the colours to the preset (the demo shop sets its own accent).
  await page.addStyleTag({ content: 'rk-nps { --rk-color-accent: unset; }' });
  const card = () => page.locator('rk-nps >> .rk-card').evaluate((c) => [getComputedStyle(c).backgroundColor, getComputedStyle(c).color]);
  await showWidget(page);
  assert.deepEqual(await card(), ['rgb(255, 255, 255)', 'rgb(31, 35, 40)'], 'light by default');
  await page.locator('rk-nps').evaluate((e) => e.setAttribute('theme', 'dark'));
  assert.deepEqual(await card(), ['rgb(13, 17, 23)', 'rgb(230, 237, 243)'], 'theme="dark"');
  await checkA11y(page, 'rk-nps');
  await page.locator('rk-nps').evaluate((e) => e.setAttribute('theme', 'auto'));
  assert.deepEqual(await card(), ['rgb(255, 255, 255)', 'rgb(31, 35, 40)'], 'auto on a light system');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await card(), ['rgb(13, 17, 23)', 'rgb(230, 237, 243)'], 'auto on a dark system');
  await page.addStyleTag({ content: ':root { --rk-color-bg: rgb(40, 0, 60); }' });
  assert.equal((await card())[0], 'rgb(40, 0, 60)', "the shop's token wins over the preset");

  // Forced colours: the chosen score is not told by the (replaced) accent colour alone.
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
  await page.locator('rk-nps >> [role=radio]').nth(7).click();
  const [chosen, other] = await page.evaluate(() => {
    const radios = document.querySelector('rk-nps').shadowRoot.querySelectorAll('[role=radio]');
    const look = (r) => { const c = getComputedStyle(r); return [c.backgroundColor, c.color]; };
    return [look(radios[7]), look(radios[6])];
  });
  assert.notEqual(chosen[0], other[0], 'the chosen score stands out from the others');
  assert.notEqual(chosen[0], chosen[1], 'and its number stays readable');
  await page.context().close();
});
