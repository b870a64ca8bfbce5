// Loyalty: customer tokens, the member view, redemptions that never overspend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape, customerToken, key, RUN, TOKEN_SECRET } from './kit.mjs';

const customer = `${RUN}-cust`;
let previous = null;

before(async () => {
  assert.ok(TOKEN_SECRET, 'RK_TOKEN_SECRET is needed to sign customer tokens');
  const p = await call('GET', '/v1/loyalty/program');
  previous = p.status === 200 ? p.json : null;
  const program = {
    name: { en: 'Conformance points' },
    tiers: [{ id: 'bronze', name: { en: 'Bronze' }, threshold: 0 }, { id: 'silver', name: { en: 'Silver' }, threshold: 300 }],
    ways_to_earn: [{ kind: 'purchase', label: { en: 'Shop' }, points: 1 }],
    rewards: [{ id: `${RUN}-r30`, name: { en: '10% off' }, cost: 30, discount: { type: 'percent', percent: 10 } }],
  };
  const put = await call('PUT', '/v1/admin/loyalty/program', { body: program, admin: true });
  assert.equal(put.status, 200);
  shape('Program', put.json);
  const award = await call('POST', '/v1/admin/loyalty/awards', { body: { customer_id: customer, points: 100, reason: { type: 'manual', note: 'conformance' } }, admin: true });
  assert.equal(award.status, 201);
});
after(async () => { if (previous) await call('PUT', '/v1/admin/loyalty/program', { body: previous, admin: true }); });

test('the member view shows the balance and tier', async () => {
  const me = await call('GET', '/v1/loyalty/me', { token: customerToken(customer) });
  assert.equal(me.status, 200);
  shape('Customer', me.json);
  assert.deepEqual([me.json.balance, me.json.tier.current, me.json.tier.points_to_next], [100, 'bronze', 200]);
});

test('a manual change sent twice with one Idempotency-Key is made once', async () => {
  const who = `${RUN}-adjusted`;
  const body = { customer_id: who, points: 40, reason: { type: 'manual', note: 'goodwill' } };
  const k = key();
  const a = await call('POST', '/v1/admin/loyalty/awards', { body, admin: true, headers: { 'Idempotency-Key': k } });
  assert.equal(a.status, 201);
  const b = await call('POST', '/v1/admin/loyalty/awards', { body, admin: true, headers: { 'Idempotency-Key': k } });
  assert.deepEqual([b.status, b.json], [201, a.json]);
  assert.equal(b.json.balance, 40);
  const ledger = await call('GET', `/v1/admin/loyalty/members/${who}/ledger`, { admin: true });
  assert.deepEqual(ledger.json.items.map((i) => [i.delta, i.note]), [[40, 'goodwill']]);
  refused(await call('POST', '/v1/admin/loyalty/awards', { body: { ...body, points: 41 }, admin: true, headers: { 'Idempotency-Key': k } }), 422);
});

test("the shop lists the members (balance, tier, last activity) and reads a member's ledger", async () => {
  let member = null;
  let cursor = null;
  for (let n = 0; n < 1000 && !member; n++) {
    const page = await call('GET', `/v1/admin/loyalty/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { admin: true });
    assert.equal(page.status, 200);
    shape('AdminMemberPage', page.json);
    member = page.json.items.find((m) => m.customer_id === customer);
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.ok(member, 'the member is listed');
  assert.deepEqual([member.balance, member.lifetime, member.tier], [100, 100, 'bronze']);
  assert.equal(typeof member.last_activity, 'number');
  const ledger = await call('GET', `/v1/admin/loyalty/members/${customer}/ledger`, { admin: true });
  assert.equal(ledger.status, 200);
  shape('AdminLedgerPage', ledger.json);
  assert.equal(ledger.json.items.at(-1).delta, 100, 'the first entry: the award');
  assert.equal(ledger.json.items.at(-1).note, 'conformance', "a manual change keeps the shop's note");
  refused(await call('GET', `/v1/admin/loyalty/members/${RUN}-nobody/ledger`, { admin: true }), 404);
  refused(await call('GET', '/v1/admin/loyalty/members'), 401);
});

test('forged, expired, foreign and overlong tokens are refused', async () => {
  for (const t of [
    customerToken(customer, { secret: 'not the shop secret, not at all!' }),
    customerToken(customer, { age: 1000 }),
    customerToken(customer, { aud: 'another-app' }),
    customerToken(customer, { lifetime: 3600 }),
    'not-a-token',
  ]) {
    const r = await call('GET', '/v1/loyalty/me', { token: t });
    refused(r, 401);
    assert.ok(!('balance' in r.json));
  }
});

test('10 concurrent redemptions of 100 points at 30 each give exactly 3 coupons', async () => {
  const t = customerToken(customer);
  const results = await Promise.all(Array.from({ length: 10 }, () =>
    call('POST', '/v1/loyalty/redemptions', { body: { reward_id: `${RUN}-r30` }, token: t })));
  const ok = results.filter((r) => r.status === 201);
  assert.equal(ok.length, 3, JSON.stringify(results.map((r) => r.status)));
  ok.forEach((r) => shape('Redeemed', r.json));
  assert.equal(new Set(ok.map((r) => r.json.coupon_code)).size, 3);
  results.filter((r) => r.status !== 201).forEach((r) => refused(r, 409));
  const me = await call('GET', '/v1/loyalty/me', { token: t });
  assert.equal(me.json.balance, 10);
});

test('points given and spent per period: an award counts in today\'s period, with its new member', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const path = `/v1/admin/loyalty/activity?interval=day&from=${today}&to=${today}`;
  const before = await call('GET', path, { admin: true });
  assert.equal(before.status, 200);
  shape('LoyaltyActivity', before.json);
  assert.deepEqual([before.json.interval, before.json.from, before.json.to, before.json.periods.map((p) => p.start)], ['day', today, today, [today]]);
  const award = { customer_id: `${RUN}-activity`, points: 15, reason: { type: 'manual', note: 'activity' } };
  assert.equal((await call('POST', '/v1/admin/loyalty/awards', { body: award, admin: true, headers: { 'Idempotency-Key': key() } })).status, 201);
  const after = await call('GET', path, { admin: true });
  const [b, a] = [before.json.periods[0], after.json.periods[0]];
  assert.ok(a.issued - b.issued >= 15, `issued ${b.issued} → ${a.issued}`);
  assert.ok(a.new_members - b.new_members >= 1, `new members ${b.new_members} → ${a.new_members}`);
  assert.ok(a.redeemed >= b.redeemed && a.redemptions >= b.redemptions);
  refused(await call('GET', `/v1/admin/loyalty/activity?from=${today}&to=2000-01-01`, { admin: true }), 422);
  refused(await call('GET', '/v1/admin/loyalty/activity'), 401);
});
