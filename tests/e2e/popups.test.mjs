// Popups on the trigger and capping engine: the exit offer on desktop (mouse leaves through
// the top) and on a phone (the back button), an NPS popup after 5 s, caps across reloads,
// and storage that throws. Time runs on Playwright's clock so dwell and delays need no sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useServerAndBrowser, seededOffer, newPage, popupsArmed, activeElement, checkA11y, ARTIFACTS } from './harness.mjs';

const env = useServerAndBrowser();

const popup = (page) => page.locator('rk-popup');
const events = (page, type) => page.evaluate((t) => window.__rkEvents.filter((e) => e.type === t).map((e) => e.detail), type);
const offerEvents = () => env.server.sql("SELECT kind FROM offer_events WHERE offer_id = 'stay-10' ORDER BY id").map((r) => r.kind);

/** Loads a page on the fake clock and waits until RetainKit runs its popups. */
async function open(page, path) {
  await page.goto(`${env.server.url}${path}`);
  await page.evaluate(() => window.RetainKit.ready());
  await popupsArmed(page);
}

/** The pointer moves up fast and leaves the window through the top edge. */
async function leaveTop(page) {
  await page.mouse.move(640, 400);
  await page.mouse.move(640, 200, { steps: 2 });
  await page.mouse.move(640, 4, { steps: 2 });
  await page.mouse.move(640, -20);
}

test('desktop: the mouse leaves toward the top → the offer shows, the code copies, convert reaches the server', async () => {
  await env.server.sql('DELETE FROM offer_events');
  const page = await newPage(env.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.clock.install();
  await page.addInitScript(() => { window.RetainKit = [['setContext', { cart_value: 25000000, currency: 'IDR' }]]; });
  await open(page, '/');
  // Leaving before the minimum dwell shows nothing.
  await leaveTop(page);
  await page.clock.runFor(1000);
  assert.equal(await popup(page).count(), 0);
  await page.mouse.move(640, 300);
  await page.clock.runFor(6000);
  // Leaving and coming back within the delay shows nothing either.
  await leaveTop(page);
  await page.mouse.move(640, 300);
  await page.clock.runFor(1000);
  assert.equal(await popup(page).count(), 0);
  await page.locator('h1').click();
  await leaveTop(page);
  await page.clock.runFor(600);
  const dialog = page.locator('rk-popup >> dialog[open]');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await page.locator('rk-popup >> .rk-dialog-title').textContent(), 'Are you sure you want to leave?');
  assert.equal(await page.locator('rk-popup >> [part="body"]').textContent(), 'Your cart of Rp\u00a0250,000 is waiting. Take 10% off if you order today.');
  assert.match(await page.locator('rk-popup >> [part="countdown"]').textContent(), /^Offer ends in 1[45]:\d\d$/);
  // Focus moved into the dialog; Tab stays inside it.
  assert.equal((await activeElement(page)).label, 'Close');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'RK-POPUP');
  await checkA11y(page, 'rk-popup');
  await page.screenshot({ path: join(ARTIFACTS, 'exit-offer-desktop.png') });

  await page.locator('rk-popup >> button[part="copy-button"]').click();
  await page.locator('rk-popup >> button[part="copy-button"]', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'STAY10');
  assert.deepEqual(await events(page, 'rk-offer-copy'), [{ offerId: 'stay-10', code: 'STAY10' }]);
  assert.deepEqual(await events(page, 'rk-offer-convert'), [{ offerId: 'stay-10', code: 'STAY10', via: 'copy' }]);
  // Copy and convert are sent side by side: wait for both, in any order.
  await page.waitForFunction(async () => {
    const s = await (await fetch('/v1/admin/offers/stay-10/stats', { headers: { Authorization: 'Bearer e2e-admin-key-0123456789' } })).json();
    return s.copies === 1 && s.conversions === 1;
  });
  assert.deepEqual(offerEvents().sort(), ['convert', 'copy', 'impression']);

  // Escape closes it and focus goes back to where it was.
  await page.keyboard.press('Escape');
  await popup(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  assert.deepEqual((await events(page, 'rk-popup-close')).map((d) => [d.kind, d.id, d.done]), [['offer', 'stay-10', true]]);
  // Converted: never again, not even on a new page view.
  await open(page, '/collection.html');
  await page.clock.runFor(6000);
  await leaveTop(page);
  await page.clock.runFor(600);
  assert.equal(await popup(page).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 320 px phone: the back button shows the bottom sheet; a second back leaves the page', async () => {
  const page = await newPage(env.browser, { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  await page.goto(`${env.server.url}/collection.html`);
  await open(page, '/');
  // The back button is watched once the page's offer is armed: a tap then adds the history
  // entry that catches it (on a busy machine the offer can still be on its way after the
  // first tap, so the shopper taps again).
  for (let i = 0; i < 50; i++) {
    await page.locator('h1').tap();
    if (await page.waitForFunction(() => history.state && history.state.rkSentinel, null, { timeout: 200 }).then(() => true, () => false)) break;
  }
  await page.goBack();
  const sheet = page.locator('rk-popup >> dialog.rk-sheet[open]');
  await sheet.waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  const box = await sheet.boundingBox();
  assert.ok(box.height <= 0.86 * 640 && Math.abs(box.y + box.height - 640) < 2 && box.width === 320, `a bottom sheet, not a cover: ${JSON.stringify(box)}`);
  const close = await page.locator('rk-popup >> button.rk-close').boundingBox();
  assert.ok(close.width >= 24 && close.height >= 24);
  await checkA11y(page, 'rk-popup');
  await page.screenshot({ path: join(ARTIFACTS, 'exit-offer-phone.png') });
  await page.goBack();
  await page.waitForURL(`${env.server.url}/collection.html`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('NPS popup after 5 s on a matching URL: 3 → detractor follow-up → both stored; closed → a reload shows nothing', async (t) => {
  const def = {
    id: 'nps-popup', kind: 'nps',
    question: { en: 'How likely are you to recommend Toko Demo?' },
    follow_up: { detractor: { en: 'Sorry! What should we fix?' }, passive: { en: 'What is missing?' }, promoter: { en: 'What do you love?' } },
    display: { triggers: [{ type: 'page_view', delay_seconds: 5 }], recontact: { type: 'until_done' }, cooldown_days: 30, placement: 'bottom_right',
      audience: { urls: [{ match: 'prefix', value: '/collection' }] } },
  };
  // Moved away from every page afterwards: later tests see no survey popup.
  const away = { ...def, display: { ...def.display, audience: { urls: [{ match: 'exact', value: '/nowhere' }] } } };
  await env.server.change(t, '/v1/admin/surveys/nps-popup', def, away);
  const page = await newPage(env.browser);
  await page.clock.install();
  await open(page, '/collection.html');
  await page.clock.runFor(3500);
  assert.equal(await popup(page).count(), 0, 'not before 5 s');
  await page.clock.runFor(2000);
  const dialog = page.locator('rk-popup >> dialog.rk-at-bottom-right[open]');
  await dialog.waitFor();
  assert.equal(await page.locator('rk-popup >> .rk-question').textContent(), 'How likely are you to recommend Toko Demo?');
  await checkA11y(page, 'rk-popup');
  await page.locator('rk-popup >> [role=radio] >> nth=3').click();
  await page.locator('rk-popup >> button[part="submit"]').click();
  const prompt = page.locator('rk-popup >> label[part="follow-up-label"]');
  await prompt.waitFor();
  assert.equal(await prompt.textContent(), 'Sorry! What should we fix?');
  assert.deepEqual(env.server.sql("SELECT score, category FROM survey_responses WHERE survey_id = 'nps-popup'"), [{ score: 3, category: 'detractor' }]);
  await page.locator('rk-popup >> textarea').fill('The size chart is confusing');
  await page.locator('rk-popup >> [part="follow-up-form"] button[part="submit"]').click();
  await page.locator('rk-popup >> [part="thanks"]').waitFor();
  assert.deepEqual(env.server.sql("SELECT score, comment FROM survey_responses WHERE survey_id = 'nps-popup'"), [{ score: 3, comment: 'The size chart is confusing' }]);
  const stats = await env.server.admin('/v1/admin/surveys/nps-popup/stats');
  assert.deepEqual([stats.responses, stats.nps, stats.displays], [1, -100, 1]);
  await page.locator('rk-popup >> button.rk-close').click();
  await popup(page).waitFor({ state: 'detached' });
  assert.deepEqual((await events(page, 'rk-popup-show')).map((d) => d.id), ['nps-popup']);
  await page.reload();
  await page.evaluate(() => window.RetainKit.ready());
  await page.clock.runFor(8000);
  assert.equal(await popup(page).count(), 0, 'answered and closed: not again');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('storage that throws: the widgets and the popup still work', async () => {
  const page = await newPage(env.browser);
  await page.clock.install();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await open(page, '/');
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> [role=radio] >> nth=9').click();
  await page.locator('rk-nps >> button[part="submit"]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  assert.deepEqual(env.server.sql("SELECT score FROM survey_responses WHERE survey_id = 'nps-demo' AND score = 9"), [{ score: 9 }]);
  await page.mouse.move(640, 300);
  await page.clock.runFor(6000);
  await leaveTop(page);
  await page.clock.runFor(600);
  await page.locator('rk-popup >> dialog[open]').waitFor();
  await page.keyboard.press('Escape');
  await popup(page).waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an offer with a code per visitor: the popup shows the code the database holds for this visitor, the same after a reload', async (t) => {
  const seeded = seededOffer();
  await env.server.change(t, `/v1/admin/offers/${seeded.id}`, { ...seeded, active: false }, seeded);
  const unique = { ...seeded, id: 'back-unique', code: { type: 'unique', prefix: 'BACK-' } };
  await env.server.change(t, '/v1/admin/offers/back-unique', unique, { ...unique, active: false });
  const page = await newPage(env.browser);
  const shown = async () => {
    await open(page, '/collection.html');
    await page.evaluate(() => window.RetainKit.open('offer'));
    const code = page.locator('rk-popup >> [part="code"]');
    await code.waitFor();
    return code.textContent();
  };
  const first = await shown();
  assert.match(first, /^BACK-[A-Z2-9]{8}$/);
  const visitor = await page.evaluate(() => localStorage.getItem('rk:visitor'));
  assert.deepEqual(env.server.sql("SELECT code, visitor_id FROM offer_codes WHERE offer_id = 'back-unique'"), [{ code: first, visitor_id: visitor }]);
  assert.equal(await shown(), first, 'the same visitor keeps the same code');
  assert.equal(env.server.sql("SELECT COUNT(*) AS n FROM offer_codes WHERE offer_id = 'back-unique'")[0].n, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('money as the shop writes it: Rp 250.000 on the Indonesian page, 62,50 zł for a PLN cart on the Polish page', async () => {
  for (const [path, ctx, expected] of [
    ['/id.html', { cart_value: 25000000, currency: 'IDR' }, 'Keranjang Anda senilai Rp 250.000 masih menunggu.'],
    ['/pl.html', { cart_value: 6250, currency: 'PLN' }, 'Twój koszyk o wartości 62,50 zł czeka.'],
  ]) {
    const page = await newPage(env.browser);
    await page.addInitScript((c) => { window.RetainKit = [['setContext', c]]; }, ctx);
    await open(page, path);
    await page.evaluate(() => window.RetainKit.open('offer'));
    const body = page.locator('rk-popup >> [part="body"]');
    await body.waitFor();
    const text = (await body.textContent()).replace(/\u00a0|\u202f/g, ' ');
    assert.ok(text.startsWith(expected), `${path}: ${text}`);
    await page.context().close();
  }
});

test('a phone: scrollTo(0, 0) from far down (what a status-bar tap does) shows no offer; a fast flick up with a finger does', async () => {
  const page = await newPage(env.browser, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await page.clock.install();
  // The popups chunk comes late, as on a busy machine (a CI run once failed here). The page's
  // popups are armed before any scrolling: else both halves would pass or fail for the wrong
  // reason.
  await page.route(/retainkit-popups\.[0-9a-f]{10}\.wasm$/, async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ response });
  });
  await open(page, '/');
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { className: 'spacer', textContent: ' ' })));
  await page.addStyleTag({ content: '.spacer { height: 4000px }' });
  await page.clock.runFor(6_000);
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.clock.runFor(500);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.clock.runFor(1_000);
  assert.equal(await popup(page).count(), 0, 'no finger, no exit signal');
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.clock.runFor(100);
  // The page's clock stands still through the gesture: a slow machine must not make the
  // flick slow (its speed is measured on that clock).
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));
  // A finger drags the page down, and lets go: the momentum carries it to the top.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 180, y }] });
  await touch('touchStart', 150);
  for (const y of [250, 350, 450, 550]) await touch('touchMove', y);
  await touch('touchEnd');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.clock.runFor(500);
  await page.locator('rk-popup >> dialog[open]').waitFor();
  await page.context().close();
});

test('a phone on a page whose router owns the history (historySentinel: false): no history entry is added, the back button leaves', async () => {
  const page = await newPage(env.browser, { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  await page.addInitScript(() => { window.RetainKit = [['init', { popups: { historySentinel: false } }]]; });
  await page.goto(`${env.server.url}/collection.html`);
  // The page's offer armed: the popups chunk is here and RetainKit runs.
  const popupsChunk = page.waitForResponse((r) => /retainkit-popups\.[0-9a-f]{10}\.wasm$/.test(r.url()));
  await open(page, '/');
  await popupsChunk;
  const before = await page.evaluate(() => history.length);
  // (Without the switch, the first taps add the entry: the phone test above.)
  for (let i = 0; i < 5; i++) await page.locator('h1').tap();
  assert.equal(await page.evaluate(() => history.length), before, 'nothing pushed');
  assert.equal(await page.evaluate(() => history.state && history.state.rkSentinel), null);
  await page.goBack();
  await page.waitForURL(`${env.server.url}/collection.html`);
  assert.equal(await popup(page).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('declarative placement: <rk-survey placement="popup"> in the HTML shows that survey as a popup on a page its rules leave out, and nothing inline', async (t) => {
  const def = { id: 'placed-nps', kind: 'nps', question: { en: 'Placed here: would you recommend us?' },
    display: { triggers: [], placement: 'inline', recontact: { type: 'once' }, audience: { urls: [{ match: 'exact', value: '/nowhere' }] } } };
  await env.server.change(t, '/v1/admin/surveys/placed-nps', def, def);
  const page = await newPage(env.browser);
  // A page of the shop (not one of the demo's): the loader, an inline survey, the placed one.
  await page.route(`${env.server.url}/placed.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head>
    <script src="/dist/retainkit.js" data-api="" async></script></head><body><h1>Placed</h1>
    <rk-survey survey-id="placed-nps" placement="popup"></rk-survey><p id="after">After</p></body></html>` }));
  const asked = page.waitForResponse((r) => r.url().includes('/v1/surveys/active') && r.url().includes('placed=placed-nps'));
  await page.goto(`${env.server.url}/placed.html`);
  // (The same request again from here: the page's body is read as a Blob, out of reach.)
  const answer = await (await fetch((await asked).url())).json();
  // First (the page placed it), as a popup (the demo's inline surveys follow).
  assert.deepEqual([answer.surveys[0].id, answer.surveys[0].display.placement], ['placed-nps', 'bottom_right']);
  const dialog = page.locator('rk-popup >> dialog.rk-at-bottom-right[open]');
  await dialog.waitFor();
  assert.equal(await page.locator('rk-popup >> .rk-question').textContent(), 'Placed here: would you recommend us?');
  // Nothing inline: no shadow root, no box, no placeholder's reserved height.
  assert.equal(await page.locator('rk-survey').evaluate((e) => e.shadowRoot), null);
  assert.equal((await page.locator('rk-survey').boundingBox())?.height ?? 0, 0);
  await page.locator('rk-popup >> [role=radio] >> nth=9').click();
  await page.locator('rk-popup >> button[part="submit"]').click();
  await page.locator('rk-popup >> label[part="follow-up-label"]').waitFor();
  assert.deepEqual(env.server.sql("SELECT score FROM survey_responses WHERE survey_id = 'placed-nps'"), [{ score: 9 }]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('declarative placement: <rk-exit-offer offer-id> added by a single-page app arms that offer on a page its rules leave out, with its own exit-intent thresholds', async (t) => {
  const seeded = seededOffer();
  await env.server.change(t, `/v1/admin/offers/${seeded.id}`, { ...seeded, active: false }, seeded);
  const placed = { ...seeded, id: 'placed-5', code: { type: 'fixed', code: 'PLACED5' },
    display: { ...seeded.display, triggers: [{ type: 'exit_intent', min_active_seconds: 12, sensitivity: 'low' }], audience: { urls: [{ match: 'exact', value: '/nowhere' }] } } };
  await env.server.change(t, '/v1/admin/offers/placed-5', placed, { ...placed, active: false });
  const page = await newPage(env.browser);
  await page.clock.install();
  const first = page.waitForResponse((r) => r.url().includes('/v1/offers/active'));
  await page.goto(`${env.server.url}/collection.html`);
  await page.clock.runFor(1000);
  assert.deepEqual(await (await fetch((await first).url())).json(), { offer: null }, 'no offer for this page by its rules');
  // The app renders the element later: the loader asks again, with the placed offer.
  const asked = page.waitForResponse((r) => r.url().includes('/v1/offers/active') && r.url().includes('placed=placed-5'));
  await page.evaluate(() => document.querySelector('h1').insertAdjacentHTML('afterend', '<rk-exit-offer offer-id="placed-5"></rk-exit-offer>'));
  await page.clock.runFor(100);
  assert.equal((await (await fetch((await asked).url())).json()).offer?.id, 'placed-5');
  await popupsArmed(page);
  assert.equal((await page.locator('rk-exit-offer').boundingBox())?.height ?? 0, 0, 'it draws nothing');
  // 8 s of use: the default (5 s) would count this leave; this offer asks for 12 s.
  await page.mouse.move(640, 300);
  await page.clock.runFor(8000);
  await leaveTop(page);
  await page.clock.runFor(1000);
  assert.equal(await popup(page).count(), 0, 'not before its 12 s');
  await page.mouse.move(640, 300);
  await page.clock.runFor(5000);
  await leaveTop(page);
  await page.clock.runFor(600);
  await page.locator('rk-popup >> dialog[open]').waitFor();
  assert.equal(await page.locator('rk-popup >> [part="code"]').textContent(), 'PLACED5');
  assert.deepEqual((await events(page, 'rk-popup-show')).map((d) => [d.kind, d.id]), [['offer', 'placed-5']]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
