// Orders and RFM segments: imported orders are kept once, and customers get the documented
// scores and segments. The run's orders lie in 2001 and the scores are asked "as of" the end
// of 2001; earlier runs add the same pattern, which ties and leaves every score as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape, customerToken, RUN, BASE, ADMIN_KEY } from './kit.mjs';

const DAY = 86400;
const AS_OF = 1009756800; // 2001-12-31
// customer, orders, cents spent, days since the last order → segment (contract: a_fixed_shop)
const SHOP = [
  ['ada', 12, 240000, 2, 'champions'], ['ben', 9, 180000, 5, 'champions'], ['cleo', 1, 9000, 1, 'new'],
  ['dan', 1, 4000, 3, 'new'], ['eve', 5, 60000, 30, 'loyal'], ['finn', 2, 15000, 40, 'loyal'],
  ['gus', 10, 200000, 200, 'at_risk'], ['hal', 7, 90000, 150, 'at_risk'], ['ivy', 2, 8000, 250, 'lost'],
  ['joe', 1, 2000, 300, 'lost'],
];
const orders = SHOP.flatMap(([c, n, total, days]) => Array.from({ length: n }, (_, i) => ({
  customer_id: `${RUN}-${c}`, order_id: `${RUN}-${c}-${i}`, amount: Math.floor(total / n) + (i === 0 ? total % n : 0),
  currency: 'EUR', ordered_at: AS_OF - (days + i) * DAY,
})));

test('orders are imported once and customers get the documented segments', async () => {
  const first = await call('POST', '/v1/admin/orders', { body: { orders }, admin: true });
  assert.equal(first.status, 200);
  shape('OrdersImported', first.json);
  assert.deepEqual([first.json.inserted, first.json.duplicates], [orders.length, 0]);
  const again = await call('POST', '/v1/admin/orders', { body: { orders: orders.slice(0, 2) }, admin: true });
  assert.deepEqual([again.json.inserted, again.json.duplicates], [0, 2]);

  const overview = await call('GET', `/v1/admin/segments?as_of=${AS_OF}`, { admin: true });
  assert.equal(overview.status, 200);
  shape('SegmentOverview', overview.json);
  assert.ok(overview.json.customers >= SHOP.length);
  for (const [c, , , , segment] of SHOP) {
    let found = null;
    let cursor = null;
    for (let n = 0; n < 1000 && !found; n++) {
      const page = await call('GET', `/v1/admin/segments/${segment}/members?as_of=${AS_OF}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { admin: true });
      assert.equal(page.status, 200);
      shape('SegmentMemberPage', page.json);
      found = page.json.items.find((m) => m.customer_id === `${RUN}-${c}`);
      if (!page.json.next_cursor) break;
      cursor = page.json.next_cursor;
    }
    assert.ok(found, `${c} is among the ${segment}`);
  }

  const csv = await fetch(`${BASE}/v1/admin/exports/segments.csv?as_of=${AS_OF}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(csv.status, 200);
  const lines = (await csv.text()).split('\r\n');
  assert.equal(lines[0], 'customer_id,segment,recency,frequency,monetary,orders,spent,last_order_at');
  assert.ok(lines.some((l) => l.startsWith(`${RUN}-ada,champions,5,5,5,12,240000,`)), 'ada in the file');
});

test('bad orders are refused, naming the field', async () => {
  refused(await call('POST', '/v1/admin/orders', { body: { orders: [{ customer_id: `${RUN}-x`, order_id: `${RUN}-bad`, amount: 0 }] }, admin: true }), 422, { 'orders.0.amount': 'out_of_range' });
  refused(await call('POST', '/v1/admin/orders', { body: { orders: [] } }), 401);
  refused(await call('GET', '/v1/admin/segments/vips/members', { admin: true }), 404);
});

test("a survey for a segment's customers: decided by the server from the token", async () => {
  // Each customer's segment as of now, as the backend reports it (whatever else its database
  // holds); the survey is for the segment the run's "ada" is in.
  const csv = await (await fetch(`${BASE}/v1/admin/exports/segments.csv`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).text();
  const segmentOf = Object.fromEntries(csv.split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',').slice(0, 2)));
  const target = segmentOf[`${RUN}-ada`];
  assert.ok(target, 'the run\'s customers are scored');
  const id = `${RUN}-for-a-segment`;
  const def = { id, kind: 'nps', question: { en: 'Would you recommend us?' },
    display: { triggers: [{ type: 'page_view', delay_seconds: 0 }], recontact: { type: 'once' }, audience: { urls: [{ match: 'prefix', value: `/${RUN}/` }] } },
    customers: { segments: [target] } };
  const put = await call('PUT', `/v1/admin/surveys/${id}`, { body: def, admin: true });
  assert.equal(put.status, 200);
  shape('AdminSurvey', put.json);
  assert.deepEqual(put.json.customers, { segments: [target], tiers: [] });
  const ids = async (token) => (await call('GET', `/v1/surveys/active?url=/${RUN}/page`, { token })).json.surveys.map((s) => s.id);
  for (const [c] of SHOP) {
    const who = `${RUN}-${c}`;
    assert.equal((await ids(customerToken(who))).includes(id), segmentOf[who] === target, `${who} (${segmentOf[who]}; the survey is for ${target})`);
  }
  assert.ok(!(await ids(undefined)).includes(id), 'a shopper who is not signed in is not asked');
  assert.ok(!(await ids('not-a-token')).includes(id), 'nor one with a forged token (and the page still gets its answer)');
  const pub = await call('GET', `/v1/surveys/active?url=/${RUN}/page`, { token: customerToken(`${RUN}-ada`) });
  assert.ok(pub.json.surveys.some((s) => s.id === id) && pub.json.surveys.every((s) => !('customers' in s)), 'the rule stays on the server');
});
