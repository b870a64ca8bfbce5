// No layout shift (CLS 0.00), read from the browser's own `layout-shift` entries: while every
// demo page loads and is read to its end, on a desktop and on a phone, and through the flows
// whose states differ in size (the CSAT survey and its follow-up, the review form and its
// confirmation). The NPS flow has its own test in nps.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, popupsArmed, seededOffer } from './harness.mjs';

const env = useServerAndBrowser();

const PHONE = { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true };

/** Records every layout shift the page makes that no input explains. */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.hadRecentInput) continue;
        const what = e.sources.map((s) => `${s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?'} ${JSON.stringify([s.previousRect.y, s.previousRect.height, s.currentRect.y, s.currentRect.height])}`);
        window.__shifts.push({ at: e.startTime, value: e.value, what: what.join(' ') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts since `t0` (ms on the page's clock): their sum, and what moved. */
async function shiftsSince(page, t0 = 0) {
  const list = await page.evaluate((t) => window.__shifts.filter((s) => s.at >= t), t0);
  return { cls: list.reduce((a, s) => a + s.value, 0), what: list.map((s) => `${Math.round(s.at)} ms ${s.value.toFixed(4)}: ${s.what}`).join('\n') };
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Every RetainKit box element near the viewport has rendered and loaded (no placeholder,
 *  nothing busy): a reader who reads what is on the screen before scrolling on. (One who
 *  scrolls into the reviews while their first page is on its way sees the list grow below
 *  the skeleton; that is not measured here.) */
function rendered(page) {
  return page.waitForFunction(() => [...document.querySelectorAll('rk-nps, rk-survey, rk-reviews, rk-review-form')].every((el) => {
    const r = el.getBoundingClientRect();
    const near = r.bottom > -200 && r.top < innerHeight + 200;
    const root = el.shadowRoot;
    return !near || (root && root.querySelector('.rk-root') && !root.querySelector('.rk-ph') && !root.querySelector('[aria-busy=true]'));
  }));
}

/** Reads the page to its end a screen at a time, each screen once its widgets are there. */
async function readToTheEnd(page) {
  for (let i = 0; i < 20; i++) {
    await rendered(page);
    await frames(page);
    const end = await page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 2);
    if (end) return;
    await page.evaluate(() => scrollBy(0, innerHeight * 0.8));
  }
}

/** Answers to `pattern` come back after the 500 ms in which the browser forgives shifts after a click. */
function slowAnswers(page, pattern) {
  return page.route(pattern, (route) => (route.request().method() === 'POST' ? new Promise((r) => setTimeout(r, 800)).then(() => route.continue()) : route.continue()));
}

for (const [name, opts] of [['desktop', {}], ['phone', PHONE]]) {
  test(`no layout shift while each demo page loads and is read to its end (${name})`, async (t) => {
    // The exit offer is a popup over the page; it is not what this test is about.
    const offer = seededOffer();
    await env.server.change(t, `/v1/admin/offers/${offer.id}`, { ...offer, active: false }, offer);
    const failures = [];
    const pages = ['/', '/collection.html', '/checkout.html', '/write-review.html'];
    for (const path of [...pages, ...pages.map((p) => `/id${p}`), ...pages.map((p) => `/pl${p}`), '/id.html', '/pl.html']) {
      const page = await newPage(env.browser, opts);
      await recordShifts(page);
      await page.goto(`${env.server.url}${path}`, { waitUntil: 'networkidle' });
      await readToTheEnd(page);
      const { cls, what } = await shiftsSince(page);
      if (cls >= 0.001) failures.push(`${path}: CLS ${cls.toFixed(4)}\n${what}`);
      assert.deepEqual(page.errors, [], path);
      await page.context().close();
    }
    assert.deepEqual(failures, []);
  });
}

test('no layout shift through the CSAT survey: the score, the follow-up, the thanks (even when the server takes a second)', async () => {
  const page = await newPage(env.browser);
  await recordShifts(page);
  await slowAnswers(page, '**/v1/surveys/*/responses**');
  await page.goto(`${env.server.url}/checkout.html`, { waitUntil: 'networkidle' });
  const csat = page.locator('rk-survey[survey-id="csat-checkout"]');
  await csat.locator('[role=radio]').first().waitFor();
  await frames(page);
  const t0 = await page.evaluate(() => performance.now());
  await csat.locator('[role=radio]').nth(3).click();
  await csat.locator('button[part="submit"]').click();
  await csat.locator('textarea').waitFor();
  await frames(page);
  await csat.locator('textarea').fill('Quick and easy');
  await csat.locator('[part="follow-up-form"] button[part="submit"]').click();
  await csat.locator('[part="thanks"]').waitFor();
  await frames(page);
  const { cls, what } = await shiftsSince(page, t0);
  assert.ok(cls < 0.001, `CLS through the flow: ${cls}\n${what}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('no layout shift through the review form: sending it and its confirmation (even when the server takes a second)', async () => {
  const page = await newPage(env.browser);
  await recordShifts(page);
  await slowAnswers(page, '**/v1/reviews');
  await page.goto(`${env.server.url}/write-review.html`, { waitUntil: 'networkidle' });
  const form = page.locator('rk-review-form');
  await form.locator('[role=radio]').first().waitFor();
  await frames(page);
  const t0 = await page.evaluate(() => performance.now());
  await form.locator('[role=radio]').nth(4).click();
  await form.locator('#rk-title').fill('Lovely shirt');
  await form.locator('#rk-body').fill('The fabric is soft and the colours are deep. It fits well.');
  await form.locator('#rk-name').fill('Dewi');
  await form.locator('button[part="submit"]').click();
  await form.locator('[part="success"]').waitFor();
  await frames(page);
  const { cls, what } = await shiftsSince(page, t0);
  assert.ok(cls < 0.001, `CLS through the flow: ${cls}\n${what}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The shifts after the first `n` recorded: their sum, and what moved. */
async function shiftsAfter(page, n) {
  const list = await page.evaluate((k) => window.__shifts.slice(k), n);
  return { cls: list.reduce((a, s) => a + s.value, 0), what: list.map((s) => `${s.value.toFixed(4)}: ${s.what}`).join('\n') };
}
const recorded = (page) => page.evaluate(() => window.__shifts.length);

test('no layout shift through the exit offer: it opens over the page, its code is copied, it closes', async () => {
  const page = await newPage(env.browser);
  await recordShifts(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.clock.install();
  const armed = page.waitForResponse((r) => r.url().includes('/v1/offers/active'));
  await page.goto(`${env.server.url}/`, { waitUntil: 'networkidle' });
  await armed;
  await popupsArmed(page);
  await frames(page);
  const n = await recorded(page);
  await page.clock.runFor(6000);
  await page.locator('h1').click();
  // The pointer leaves through the top of the window.
  await page.mouse.move(640, 400);
  await page.mouse.move(640, 200, { steps: 2 });
  await page.mouse.move(640, 4, { steps: 2 });
  await page.mouse.move(640, -20);
  await page.clock.runFor(600);
  await page.locator('rk-popup >> dialog[open]').waitFor();
  await page.locator('rk-popup >> button[part="copy-button"]').click();
  await page.locator('rk-popup >> button[part="copy-button"]', { hasText: 'Copied' }).waitFor();
  await page.locator('rk-popup >> button.rk-close').click();
  await page.locator('rk-popup >> dialog[open]').waitFor({ state: 'detached' });
  await page.clock.runFor(1000);
  await frames(page);
  const { cls, what } = await shiftsAfter(page, n);
  assert.ok(cls < 0.001, `CLS through the offer: ${cls}\n${what}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('no layout shift through the loyalty panel: the launcher opens it, its tabs, Escape closes it', async () => {
  const page = await newPage(env.browser);
  await recordShifts(page);
  await page.goto(`${env.server.url}/`, { waitUntil: 'networkidle' });
  const launcher = page.locator('rk-loyalty .rk-launcher');
  await launcher.waitFor();
  await frames(page);
  const n = await recorded(page);
  await launcher.click();
  await page.locator('rk-loyalty dialog[open]').waitFor();
  for (const tab of ['Earn', 'Rewards', 'Overview']) {
    await page.locator(`rk-loyalty [role=tab] >> text=${tab}`).click();
    await frames(page);
  }
  await page.keyboard.press('Escape');
  await page.locator('rk-loyalty dialog[open]').waitFor({ state: 'detached' });
  await frames(page);
  const { cls, what } = await shiftsAfter(page, n);
  assert.ok(cls < 0.001, `CLS through the loyalty panel: ${cls}\n${what}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
