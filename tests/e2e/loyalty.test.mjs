// Loyalty end to end: the launcher and the badge on the demo shop, the guest view, signing in
// as the demo customer (token from the reference server), redeeming a reward, a review that
// earns points, expired and forged tokens, keyboard only, axe in both views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useServerAndBrowser, seededOffer, newPage, activeElement, checkA11y, sign, ARTIFACTS } from './harness.mjs';

// The demo's exit offer is about popups (popups.test.mjs), not in the way here.
const env = useServerAndBrowser({
  setup: async (server) => {
    const offer = seededOffer();
    assert.equal((await server.adminSend('PUT', `/v1/admin/offers/${offer.id}`, { ...offer, active: false })).status, 200);
  },
});

const CUSTOMER = 'demo-customer';
const balance = () => env.server.sql(`SELECT balance FROM loyalty_accounts WHERE customer_id = '${CUSTOMER}'`)[0].balance;
const redemptions = () => env.server.sql(`SELECT delta, coupon FROM loyalty_ledger WHERE customer_id = '${CUSTOMER}' AND reason = 'redeem' ORDER BY id`);
const events = (page, type) => page.evaluate((t) => window.__rkEvents.filter((e) => e.type === t).map((e) => e.detail), type);
const launcher = (page) => page.locator('rk-loyalty .rk-launcher');
const panel = (page) => page.locator('rk-loyalty dialog[open]');
const badge = (page) => page.locator('rk-points [part="balance"]');
const now = () => Math.floor(Date.now() / 1000);
// Chromium logs every refused request; a refused token is what these tests ask for.
const errors = (page) => page.errors.filter((e) => !e.includes('status of 401'));

async function shop(path = '/', opts) {
  const page = await newPage(env.browser, opts);
  await page.addInitScript(() => {
    for (const name of ['rk-loyalty-open', 'rk-loyalty-close', 'rk-loyalty-redeem', 'rk-points-change', 'rk-token-expired']) {
      document.addEventListener(name, (e) => window.__rkEvents.push({ type: e.type, detail: e.detail }));
    }
  });
  await page.goto(`${env.server.url}${path}`);
  await launcher(page).waitFor();
  return page;
}

async function signInAsDemo(page) {
  await page.locator('.demo-sign-in').click();
  await page.locator('rk-points [part="balance"]').waitFor();
  await page.locator('rk-loyalty .rk-launcher', { hasText: /\d/ }).waitFor();
}

/** A customer token signed as the shop's server would, for `sub`. */
const token = (sub, iat, exp) => sign({ sub, aud: 'retainkit', iat, exp });

test('a guest sees the program with the join and sign-in links; signing in shows the balance from the database', async () => {
  const page = await shop();
  // The launcher waits for the program's name; the guest badge links to joining.
  await page.locator('rk-loyalty .rk-launcher', { hasText: 'Toko Points' }).waitFor();
  await page.locator('rk-points [part="join-link"]').waitFor();
  assert.equal(await launcher(page).textContent(), 'Toko Points');
  assert.equal(await page.locator('rk-points [part="join-link"]').textContent(), 'Join Toko Points');
  await launcher(page).click();
  await panel(page).waitFor();
  assert.equal(await page.locator('rk-loyalty #rk-dialog-title').textContent(), 'Toko Points');
  assert.deepEqual(await page.locator('rk-loyalty [role=tab]').allTextContents(), ['Overview', 'Earn', 'Rewards']);
  assert.equal(await page.locator('rk-loyalty [part="join-link"]').getAttribute('href'), '/account/register');
  assert.equal(await page.locator('rk-loyalty [part="sign-in-link"]').getAttribute('href'), '/account/login');
  assert.deepEqual(await page.locator('rk-loyalty [part~="tier"] .rk-grow').allTextContents(), ['Bronze', 'Silver', 'Gold']);
  await checkA11y(page, 'rk-loyalty');
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty-guest.png') });
  await page.locator('rk-loyalty [role=tab] >> text=Earn').click();
  assert.match(await page.locator('rk-loyalty [part="earn-list"]').textContent(), /Write a review\+50 points/);
  assert.equal(await page.locator('rk-loyalty [part="earn-link"]').getAttribute('href'), 'https://instagram.example/tokodemo');
  await page.locator('rk-loyalty [role=tab] >> text=Rewards').click();
  assert.equal(await page.locator('rk-loyalty [part="reward"]').count(), 3);
  assert.equal(await page.locator('rk-loyalty [part="redeem-button"]').count(), 0, 'guests cannot redeem');
  assert.equal(await page.locator('rk-loyalty .rk-hint').textContent(), 'Sign in to redeem rewards.');
  await checkA11y(page, 'rk-loyalty');
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });

  await signInAsDemo(page);
  assert.equal(balance(), 320);
  assert.equal(await badge(page).textContent(), '320 points');
  assert.equal(await page.locator('rk-points [part="tier"]').textContent(), 'Bronze');
  assert.equal(await launcher(page).textContent(), '320 points');
  assert.deepEqual(await events(page, 'rk-points-change'), [{ balance: 320, previous: null }]);
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty-launcher.png') });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard only: open, move to Rewards, redeem with a confirm step, copy, close with Escape; the database spent the cost once', async () => {
  const before = balance();
  const page = await shop();
  await signInAsDemo(page);
  await launcher(page).focus();
  await page.keyboard.press('Enter');
  await panel(page).waitFor();
  assert.deepEqual((await events(page, 'rk-loyalty-open')).at(-1), { page: 'home' });
  assert.equal(await page.locator('rk-loyalty [part="balance"]').textContent(), `${before} points`);
  assert.equal(await page.locator('rk-loyalty .rk-progress-label').textContent(), `${500 - before} points to Silver`);
  assert.equal(await page.locator('rk-loyalty [role=progressbar]').getAttribute('aria-valuenow'), String(Math.floor(before / 5)));
  assert.match(await page.locator('rk-loyalty [part="referral-link"]').textContent(), /rk_ref=[0-9a-f]{12}$/);
  await checkA11y(page, 'rk-loyalty');
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty-member.png') });

  // The dialog starts on its close button; Tab reaches the tab list, arrows move.
  await page.keyboard.press('Tab');
  let a = await activeElement(page);
  assert.deepEqual([a.role, a.text], ['tab', 'Overview']);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  a = await activeElement(page);
  assert.deepEqual([a.role, a.text], ['tab', 'Rewards']);
  assert.equal(await page.locator('rk-loyalty [role=tab][aria-selected=true]').textContent(), 'Rewards');
  await page.keyboard.press('Tab'); // the tab panel
  await page.keyboard.press('Tab'); // the first reward's Redeem
  a = await activeElement(page);
  assert.equal(a.text, 'Redeem');
  await page.keyboard.press('Enter');
  a = await activeElement(page);
  assert.equal(a.text, 'Yes, redeem', 'focus moves to the confirm button');
  assert.equal(await page.locator('rk-loyalty .rk-confirm-text').textContent(), 'Spend 100 points on “5% off your order”?');
  await page.keyboard.press('Enter');
  await page.locator('rk-loyalty [part="coupon"]').waitFor();
  const code = await page.locator('rk-loyalty [part="coupon"]').textContent();
  assert.match(code, /^RK-[A-Z2-9]{8}$/);
  assert.equal((await activeElement(page)).tag, 'div', 'focus on the coupon block');
  await checkA11y(page, 'rk-loyalty');
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty-redeemed.png') });

  assert.equal(balance(), before - 100);
  assert.deepEqual(redemptions().at(-1), { delta: -100, coupon: code });
  assert.equal(await badge(page).textContent(), `${before - 100} points`);
  assert.deepEqual(await events(page, 'rk-loyalty-redeem'), [{ reward_id: 'five-off', coupon_code: code, cost: 100, balance: before - 100 }]);
  assert.deepEqual((await events(page, 'rk-points-change')).at(-1), { balance: before - 100, previous: before });
  // The coupon is kept in the history.
  await page.locator('rk-loyalty [role=tab][aria-selected=true]').focus();
  await page.keyboard.press('End');
  assert.equal(await page.locator('rk-loyalty [role=tab][aria-selected=true]').textContent(), 'History');
  await page.locator('rk-loyalty [part="history-coupon"]').first().waitFor();
  assert.equal(await page.locator('rk-loyalty [part="history-coupon"]').first().textContent(), code);
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  a = await activeElement(page);
  assert.equal(a.text, `${before - 100} points`, 'focus returns to the launcher');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a second click while the redemption is in flight does not redeem twice', async () => {
  const before = balance();
  const count = redemptions().length;
  const page = await shop();
  await signInAsDemo(page);
  // The demo shop signs in again on the next page; the deep link opens the panel.
  await page.goto(`${env.server.url}/?rk=loyalty:rewards`);
  await panel(page).waitFor();
  await page.locator('rk-loyalty [data-redeem="five-off"]').waitFor();
  assert.equal(await page.locator('rk-loyalty [role=tab][aria-selected=true]').textContent(), 'Rewards', 'the deep link opened Rewards');
  await page.locator('rk-loyalty [data-redeem="five-off"]').click();
  // Two clicks in one task: the second comes long before the server answers.
  await page.locator('rk-loyalty .rk-confirm-yes').evaluate((b) => { b.click(); b.click(); });
  await page.locator('rk-loyalty [part="coupon"]').waitFor();
  assert.equal(redemptions().length, count + 1);
  assert.equal(balance(), before - 100);
  assert.equal((await events(page, 'rk-loyalty-redeem')).length, 1);
  assert.equal(await badge(page).textContent(), `${before - 100} points`);
  await page.context().close();
});

test('a published review raises the balance by the configured points', async (t) => {
  await env.server.change(t, '/v1/admin/review-settings', { auto_publish_min_rating: 4, reward_points: 50, reward_coupon_percent: null });
  const before = balance();
  const page = await shop();
  await signInAsDemo(page);
  await page.locator('rk-reviews').scrollIntoViewIfNeeded();
  await page.locator('rk-reviews >> button[part="write-button"]').first().click();
  await page.locator('rk-reviews >> dialog[open]').waitFor();
  await page.locator('rk-reviews >> [role=radio] >> nth=4').click();
  await page.locator('rk-reviews >> #rk-body').fill('Lovely batik, the colours stay deep after washing.');
  await page.locator('rk-reviews >> #rk-name').fill('Demo Customer');
  // The form refuses submissions faster than a person types.
  await page.waitForFunction((t) => Date.now() - t > 3100, await page.evaluate(() => Date.now()));
  await page.locator('rk-reviews >> button[part="submit"]').click();
  await page.locator('rk-reviews >> [part="success"]').waitFor();
  const [review] = env.server.sql("SELECT status, customer_id FROM reviews WHERE author_name = 'Demo Customer'");
  assert.deepEqual(review, { status: 'published', customer_id: CUSTOMER });
  assert.equal(balance(), before + 50);
  await page.waitForFunction((b) => document.querySelector('rk-points').shadowRoot.querySelector('[part="balance"]')?.textContent === `${b} points`, before + 50);
  await page.context().close();
});

test('an expired token fires rk-token-expired, then the guest view with a message; a fresh token from the page brings the member back', async () => {
  const page = await shop();
  await launcher(page).click();
  await panel(page).waitFor();
  const expired = token(CUSTOMER, now() - 900, now() - 120);
  await page.evaluate((t) => window.RetainKit.identify(t), expired);
  const notice = page.locator('rk-loyalty [part="notice"]');
  await notice.waitFor();
  assert.equal(await notice.textContent(), 'Your session has ended. Sign in again to see your points.');
  assert.equal((await events(page, 'rk-token-expired')).length, 1);
  assert.equal(await page.locator('rk-loyalty [part="join-link"]').count(), 1, 'guest view');
  assert.equal(await badge(page).count(), 0);
  await checkA11y(page, 'rk-loyalty');

  // The page answers the event with a fresh token.
  const fresh = token(CUSTOMER, now(), now() + 300);
  await page.evaluate(([old, t]) => {
    document.addEventListener('rk-token-expired', () => window.RetainKit.identify(t), { once: true });
    window.RetainKit.identify(old);
  }, [expired, fresh]);
  await page.locator('rk-loyalty [part="balance"]').waitFor();
  assert.equal(await page.locator('rk-loyalty [part="balance"]').textContent(), `${balance()} points`);
  assert.equal(await notice.count(), 0);
  assert.equal((await events(page, 'rk-token-expired')).length, 2);
  assert.deepEqual(errors(page), []);
  await page.context().close();
});

test('a forged token shows the guest view and an explanation, never another customer\'s data', async () => {
  const page = await shop();
  await signInAsDemo(page);
  await launcher(page).click();
  await panel(page).waitFor();
  await page.locator('rk-loyalty [part="balance"]').waitFor();
  // The demo customer's signature on a payload naming someone else.
  const [header, , signature] = token(CUSTOMER, now(), now() + 300).split('.');
  const payload = Buffer.from(JSON.stringify({ sub: 'someone-else', aud: 'retainkit', iat: now(), exp: now() + 300 })).toString('base64url');
  const forged = `${header}.${payload}.${signature}`;
  await page.evaluate((t) => window.RetainKit.identify(t), forged);
  const notice = page.locator('rk-loyalty [part="notice"]');
  await notice.waitFor();
  assert.equal(await notice.textContent(), "We couldn't confirm your account, so you see the program as a guest.");
  assert.equal(await page.locator('rk-loyalty [part="balance"]').count(), 0, 'no balance in the panel');
  assert.equal(await badge(page).count(), 0, 'no balance in the badge');
  await page.locator('rk-loyalty .rk-launcher', { hasText: 'Toko Points' }).waitFor();
  assert.equal((await events(page, 'rk-token-expired')).length, 0);
  assert.deepEqual((await events(page, 'rk-points-change')).at(-1), { balance: null, previous: balance() });
  assert.deepEqual(errors(page), []);
  await page.context().close();
});

test('logout, a launcher that makes way for the focused element, hide-on paths, on a 375 px phone in Polish', async () => {
  const page = await shop('/pl.html', { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await signInAsDemo(page);
  assert.match(await launcher(page).textContent(), /^\d+ punkt(y|ów)?$/);
  await launcher(page).click();
  await panel(page).waitFor();
  const box = await panel(page).boundingBox();
  assert.equal(Math.round(box.width), 375, 'a bottom sheet on phones');
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty-phone.png') });
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.RetainKit.logout());
  await page.locator('rk-points [part="join-link"]').waitFor();
  await page.locator('rk-loyalty .rk-launcher', { hasText: 'Punkty Toko' }).waitFor();
  // The launcher never covers the focused element: it fades while focus sits under it.
  await page.evaluate(() => {
    const chat = Object.assign(document.createElement('button'), { id: 'chat', textContent: 'Chat' });
    Object.assign(chat.style, { position: 'fixed', right: '24px', bottom: '24px', width: '64px', height: '40px' });
    document.body.append(chat);
  });
  await page.locator('#chat').focus();
  await page.locator('rk-loyalty .rk-launcher.rk-tucked').waitFor({ state: 'attached' });
  await page.locator('.demo-sign-in').focus();
  await page.locator('rk-loyalty .rk-launcher:not(.rk-tucked)').waitFor({ state: 'attached' });
  // A single-page shop moves to its checkout: the launcher goes away.
  await page.evaluate(() => history.pushState({}, '', '/checkout/pay'));
  await launcher(page).waitFor({ state: 'detached' });
  await page.evaluate(() => history.pushState({}, '', '/pl.html'));
  await launcher(page).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the launcher stays visible after a click inside a reviews card that lies under it, and makes way only for a control under it', async () => {
  const page = await shop('/');
  await launcher(page).waitFor();
  // The reviews card fills the viewport's bottom right, where the launcher sits.
  await page.locator('rk-reviews').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
  const settled = () => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r()), 0)));
  // A Helpful button at the top of the card, far from the launcher.
  await page.locator('rk-reviews >> [part=helpful-button]').first().click();
  await settled();
  assert.equal(await page.locator('rk-loyalty .rk-launcher.rk-tucked').count(), 0, 'the launcher is still there');
  // A control right under the launcher: it makes way, and comes back once a click moves
  // focus on inside the same card (no focus event reaches the window for that).
  const box = await launcher(page).boundingBox();
  await page.evaluate(({ x, y }) => {
    const root = document.querySelector('rk-reviews').shadowRoot;
    const b = Object.assign(document.createElement('button'), { id: 'under', textContent: 'Under' });
    Object.assign(b.style, { position: 'fixed', left: `${x}px`, top: `${y}px`, width: '40px', height: '30px' });
    root.append(b);
  }, { x: box.x + 4, y: box.y + 4 });
  await page.locator('rk-reviews >> #under').focus();
  await page.locator('rk-loyalty .rk-launcher.rk-tucked').waitFor({ state: 'attached' });
  await page.locator('rk-reviews >> [part=helpful-button]').nth(1).click();
  await page.locator('rk-loyalty .rk-launcher:not(.rk-tucked)').waitFor({ state: 'attached' });
  assert.deepEqual(errors(page), []);
  await page.context().close();
});

test("the shop's own welcome in the panel's guest-intro slot", async () => {
  const page = await shop();
  await page.evaluate(() => document.querySelector('rk-loyalty').insertAdjacentHTML('beforeend', '<p slot="guest-intro">Collect a point for every Rp 10.000.</p>'));
  await launcher(page).click();
  await panel(page).waitFor();
  assert.ok(await page.getByText('Collect a point for every Rp 10.000.').isVisible(), 'the shop\'s words show');
  assert.equal(await page.locator('rk-loyalty [part="intro"] slot').evaluate((s) => s.assignedNodes().length), 1);
  await checkA11y(page, 'rk-loyalty');
  await page.context().close();
});
