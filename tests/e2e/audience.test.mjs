// Audience rules end to end: an exit offer meant for "at risk" customers. The shop reports
// its order history; a customer whose orders make them "at risk" (the server decides, from the
// token the page passes to RetainKit.identify) sees the offer with a code made for them; a
// champion, and a shopper who is not signed in, see nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, seededOffer, newPage, sign } from './harness.mjs';

const DAY = 86400;
const now = Math.floor(Date.now() / 1000);
// customer, orders, days since the last: "gus" bought often, long ago (at risk); "ada" often
// and lately (a champion); the others fill the quintiles.
const SHOP = [['ada', 12, 2], ['ben', 9, 5], ['cleo', 1, 1], ['dan', 1, 3], ['eve', 5, 30], ['finn', 2, 40], ['gus', 10, 200], ['hal', 7, 150], ['ivy', 2, 250], ['joe', 1, 300]];

const env = useServerAndBrowser({
  setup: async (server) => {
    const seeded = seededOffer();
    assert.equal((await server.adminSend('PUT', `/v1/admin/offers/${seeded.id}`, { ...seeded, active: false })).status, 200);
    const orders = SHOP.flatMap(([c, n, days]) => Array.from({ length: n }, (_, i) => ({
      customer_id: c, order_id: `${c}-${i}`, amount: 20000, currency: 'EUR', ordered_at: now - (days + i) * DAY,
    })));
    assert.equal((await server.adminSend('POST', '/v1/admin/orders', { orders })).status, 200);
    const offer = { ...seeded, id: 'win-back', code: { type: 'unique', prefix: 'BACK-' }, customers: { segments: ['at_risk'] } };
    const put = await server.adminSend('PUT', '/v1/admin/offers/win-back', offer);
    assert.equal(put.status, 200, JSON.stringify(put.json));
  },
});

const token = (customer) => sign({ sub: customer, aud: 'retainkit', iat: now, exp: now + 600 });

/** The collection page as `customer` (signed in by the shop's page), the offer asked for. */
async function offerFor(customer) {
  const page = await newPage(env.browser);
  if (customer) await page.addInitScript((t) => { window.RetainKit = [['identify', t]]; }, token(customer));
  const checked = page.waitForResponse((r) => r.url().includes('/v1/offers/active?'));
  await page.goto(`${env.server.url}/collection.html`);
  const response = await checked;
  // The loader's popup check carries the token the page gave RetainKit.identify.
  assert.equal((await response.request().allHeaders()).authorization, customer ? `Bearer ${token(customer)}` : undefined);
  // What the server answered that page (asked again, as that shopper).
  const answer = await (await fetch(response.url(), { headers: customer ? { authorization: `Bearer ${token(customer)}` } : {} })).json();
  return { page, answer };
}

test('an "at risk" customer sees the win-back offer with a code of their own', async () => {
  const { page, answer } = await offerFor('gus');
  assert.equal(answer.offer?.id, 'win-back');
  await page.evaluate(() => window.RetainKit.open('offer'));
  const code = page.locator('rk-popup >> [part="code"]');
  await code.waitFor();
  assert.match(await code.textContent(), /^BACK-[A-Z2-9]{8}$/);
  assert.deepEqual(env.server.sql("SELECT code FROM offer_codes WHERE offer_id = 'win-back'").map((r) => r.code), [await code.textContent()]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a champion and a shopper who is not signed in are not offered it', async () => {
  for (const who of ['ada', null]) {
    const { page, answer } = await offerFor(who);
    assert.equal(answer.offer, null, `${who}: no offer for this page`);
    // Asked to open it anyway (RetainKit.open loads the popups): nothing shows.
    await page.evaluate(() => window.RetainKit.open('offer'));
    await page.evaluate(() => window.RetainKit.ready());
    assert.equal(await page.locator('rk-popup').count(), 0, `${who}: nothing shows`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
