// Exit offers: the offer for a page, events, leads with consent, statistics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape, key, RUN } from './kit.mjs';

const id = `${RUN}-offer`;
const offer = (active) => ({
  id, active, headline: { en: 'Before you go' }, body: { en: '10% off today' }, code: { type: 'unique', prefix: 'RKC-' },
  email_capture: true, consent: { en: 'Send me offers.' },
  display: { triggers: [{ type: 'exit_intent', min_active_seconds: 8, sensitivity: 'high' }], recontact: { type: 'once' }, audience: { urls: [{ match: 'prefix', value: `/${RUN}/` }] } },
});

before(async () => {
  const put = await call('PUT', `/v1/admin/offers/${id}`, { body: offer(true), admin: true });
  assert.equal(put.status, 200);
  shape('OfferDefinition', put.json);
});
after(async () => { await call('PUT', `/v1/admin/offers/${id}`, { body: offer(false), admin: true }); });

test('the page gets an offer with a code, the same one for the same visitor', async () => {
  const a = await call('GET', `/v1/offers/active?url=/${RUN}/product&visitor_id=${RUN}-v1`);
  assert.equal(a.status, 200);
  shape('ActiveOffer', a.json);
  assert.ok(a.json.offer, 'an offer for this page');
  const b = await call('GET', `/v1/offers/active?url=/${RUN}/product&visitor_id=${RUN}-v1`);
  assert.equal(b.json.offer.code, a.json.offer.code);
});

test('a page its rules leave out gets the offer when its HTML places it (<rk-exit-offer>), with its own exit-intent thresholds', async () => {
  const elsewhere = await call('GET', `/v1/offers/active?url=/elsewhere-${RUN}`);
  assert.notEqual(elsewhere.json.offer?.id, id);
  const placed = await call('GET', `/v1/offers/active?url=/elsewhere-${RUN}&placed=${RUN}-missing,${id}`);
  assert.equal(placed.status, 200);
  shape('ActiveOffer', placed.json);
  assert.equal(placed.json.offer?.id, id);
  assert.deepEqual(placed.json.offer.display.audience?.urls ?? [], [], 'the page chose it: its page rules do not apply');
  assert.deepEqual(placed.json.offer.display.triggers, [{ type: 'exit_intent', min_active_seconds: 8, sensitivity: 'high' }]);
});

test('events and leads are recorded; a lead needs consent', async () => {
  for (const kind of ['impression', 'copy']) {
    assert.equal((await call('POST', `/v1/offers/${id}/events`, { body: { kind, visitor_id: `${RUN}-v1` } })).status, 201);
  }
  refused(await call('POST', `/v1/offers/${id}/leads`, { body: { email: 'x@example.com', consent: false, visitor_id: `${RUN}-v1` } }), 422, { consent: 'required' });
  refused(await call('POST', `/v1/offers/${id}/leads`, { body: { email: 'nope', consent: true, visitor_id: `${RUN}-v1` } }), 422, { email: 'invalid' });
  const k = key();
  const lead = { email: 'shopper@example.com', consent: true, visitor_id: `${RUN}-v1` };
  const a = await call('POST', `/v1/offers/${id}/leads`, { body: lead, headers: { 'Idempotency-Key': k } });
  assert.equal(a.status, 201);
  shape('LeadCreated', a.json);
  const b = await call('POST', `/v1/offers/${id}/leads`, { body: lead, headers: { 'Idempotency-Key': k } });
  assert.deepEqual(b.json, a.json);
  const s = await call('GET', `/v1/admin/offers/${id}/stats`, { admin: true });
  shape('OfferStats', s.json);
  assert.deepEqual([s.json.impressions, s.json.copies, s.json.leads], [1, 1, 1]);
  // The funnel per period: today's events and lead in the last of 12 weeks.
  const f = await call('GET', `/v1/admin/offers/${id}/funnel`, { admin: true });
  assert.equal(f.status, 200);
  shape('OfferFunnel', f.json);
  assert.equal(f.json.periods.length, 12);
  const week = f.json.periods[11];
  assert.deepEqual([week.impressions, week.copies, week.conversions, week.leads, week.conversion_percent], [1, 1, 0, 1, 0]);
  const day = await call('GET', `/v1/admin/offers/${id}/funnel?interval=day&from=${f.json.to}&to=${f.json.to}`, { admin: true });
  assert.deepEqual(day.json.periods.map((p) => [p.start, p.impressions, p.leads]), [[f.json.to, 1, 1]]);
  refused(await call('GET', `/v1/admin/offers/${id}/funnel?interval=year`, { admin: true }), 422);
  // The shop reads the lead back with the time of consent; admin only.
  const leads = await call('GET', `/v1/admin/offers/${id}/leads`, { admin: true });
  assert.equal(leads.status, 200);
  shape('AdminLeadPage', leads.json);
  assert.deepEqual(leads.json.items.map((l) => [l.email, l.consented_at]), [['shopper@example.com', a.json.consented_at]]);
  refused(await call('GET', `/v1/admin/offers/${id}/leads`), 401);
  // And the offer as it was written, and in the list.
  const got = await call('GET', `/v1/admin/offers/${id}`, { admin: true });
  shape('OfferDefinition', got.json);
  assert.equal(got.json.id, id);
  const list = await call('GET', '/v1/admin/offers?limit=100', { admin: true });
  shape('OfferDefinitionPage', list.json);
});
