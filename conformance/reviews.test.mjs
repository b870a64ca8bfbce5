// Reviews: create, list, pages, sorting, summaries, votes, moderation, text stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape, RUN } from './kit.mjs';

const product = `${RUN}-shirt`;
let previous;

before(async () => {
  // Publish everything at once for this run; the shop's settings come back afterwards.
  previous = (await call('GET', '/v1/admin/review-settings', { admin: true })).json;
  const put = await call('PUT', '/v1/admin/review-settings', { body: { auto_publish_min_rating: 1, reward_points: 0, reward_coupon_percent: null }, admin: true });
  assert.equal(put.status, 200);
  for (const [rating, body] of [[5, 'Lovely fabric and colours'], [3, 'Good but runs a bit small'], [4, 'Nice shirt, quick delivery']]) {
    const r = await call('POST', `/v1/products/${product}/reviews`, { body: { rating, body, author_name: 'Conformance', fill_ms: 20000 } });
    assert.equal(r.status, 201);
    shape('ReviewCreated', r.json);
  }
});

after(async () => {
  if (previous) await call('PUT', '/v1/admin/review-settings', { body: previous, admin: true });
});

test('the list has the summary and the reviews, never an e-mail', async () => {
  const l = await call('GET', `/v1/products/${product}/reviews`);
  assert.equal(l.status, 200);
  shape('ReviewPage', l.json);
  assert.deepEqual([l.json.summary.count, l.json.summary.average, l.json.summary.histogram], [3, 4, [0, 0, 1, 1, 1]]);
  assert.ok(l.json.items.every((r) => !('email' in r)));
});

test('cursor pages cover every review once, in the sort order', async () => {
  const seen = [];
  let cursor = null;
  for (let page = 0; page < 5; page++) {
    const q = `sort=highest&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const l = await call('GET', `/v1/products/${product}/reviews?${q}`);
    assert.equal(l.status, 200);
    seen.push(...l.json.items.map((r) => r.rating));
    cursor = l.json.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, [5, 4, 3]);
  refused(await call('GET', `/v1/products/${product}/reviews?rating=6`), 422, { rating: 'out_of_range' });
});

test('summaries for many products come in one request', async () => {
  const s = await call('GET', `/v1/reviews/summaries?product_ids=${product},${RUN}-none`);
  assert.equal(s.status, 200);
  shape('Summaries', s.json);
  assert.deepEqual(s.json.summaries.map((x) => x.count), [3, 0]);
});

test('invalid reviews name their fields; markup is stored and returned as text', async () => {
  refused(await call('POST', `/v1/products/${product}/reviews`, { body: { rating: 0, body: 'short', author_name: '' } }), 422,
    { rating: 'out_of_range', body: 'too_short', author_name: 'required' });
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const p = `${RUN}-xss`;
  assert.equal((await call('POST', `/v1/products/${p}/reviews`, { body: { rating: 5, body: evil, author_name: '"><svg onload=alert(3)>', fill_ms: 9000 } })).status, 201);
  const l = await call('GET', `/v1/products/${p}/reviews`);
  assert.equal(l.json.items[0].body, evil);
});

test('a helpful vote counts once per visitor', async () => {
  const l = await call('GET', `/v1/products/${product}/reviews`);
  const id = l.json.items[0].id;
  const a = await call('POST', `/v1/reviews/${id}/helpful`, { body: { visitor_id: `${RUN}-v1` } });
  const b = await call('POST', `/v1/reviews/${id}/helpful`, { body: { visitor_id: `${RUN}-v1` } });
  shape('VoteResult', a.json);
  assert.deepEqual([a.json.counted, b.json.counted, b.json.helpful_count - a.json.helpful_count], [true, false, 0]);
});

test('moderation: held reviews wait, approval publishes, a reply shows', async () => {
  await call('PUT', '/v1/admin/review-settings', { body: { auto_publish_min_rating: null, reward_points: 0, reward_coupon_percent: null }, admin: true });
  const p = `${RUN}-held`;
  const c = await call('POST', `/v1/products/${p}/reviews`, { body: { rating: 5, body: 'Waiting for a moderator', author_name: 'Held', fill_ms: 9000 } });
  assert.equal(c.json.status, 'pending');
  assert.equal((await call('GET', `/v1/products/${p}/reviews`)).json.summary.count, 0);
  const q = await call('GET', '/v1/admin/reviews?status=pending&limit=50', { admin: true });
  shape('AdminReviewPage', q.json);
  const m = await call('POST', `/v1/admin/reviews/${c.json.id}/moderation`, { body: { action: 'approve' }, admin: true });
  shape('AdminReview', m.json);
  assert.equal(m.json.status, 'published');
  assert.equal((await call('POST', `/v1/admin/reviews/${c.json.id}/reply`, { body: { body: 'Thank you!' }, admin: true })).status, 200);
  const l = await call('GET', `/v1/products/${p}/reviews`);
  assert.deepEqual([l.json.summary.count, l.json.items[0].reply.body], [1, 'Thank you!']);
});

test('the queue filtered by product, rating and text; two approved at once; a reply taken back; the spam queue restored', async () => {
  await call('PUT', '/v1/admin/review-settings', { body: { auto_publish_min_rating: null, reward_points: 0, reward_coupon_percent: null }, admin: true });
  const p = `${RUN}-queue`;
  const ids = [];
  for (const [rating, body] of [[2, `Seams came apart ${RUN}`], [2, 'Colour ran in the wash'], [4, 'Fine']]) {
    ids.push((await call('POST', `/v1/products/${p}/reviews`, { body: { rating, body, author_name: 'Queue', fill_ms: 9000 } })).json.id);
  }
  const list = async (query) => {
    const r = await call('GET', `/v1/admin/reviews?status=pending&product_id=${p}&${query}`, { admin: true });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    shape('AdminReviewPage', r.json);
    return r.json.items.map((i) => i.id).sort((a, b) => a - b);
  };
  assert.deepEqual(await list('rating=2'), [ids[0], ids[1]]);
  assert.deepEqual(await list(`q=${encodeURIComponent(`SEAMS CAME APART ${RUN}`)}`), [ids[0]]);
  refused(await call('GET', '/v1/admin/reviews?rating=9', { admin: true }), 422, { rating: 'out_of_range' });

  refused(await call('POST', '/v1/admin/reviews/moderation', { body: { ids: [ids[0], 2147483000], action: 'approve' }, admin: true }), 404);
  assert.deepEqual(await list('rating=2'), [ids[0], ids[1]], 'all or none');
  const bulk = await call('POST', '/v1/admin/reviews/moderation', { body: { ids: [ids[0], ids[1]], action: 'approve' }, admin: true });
  assert.equal(bulk.status, 200);
  shape('BulkModerated', bulk.json);
  assert.deepEqual(bulk.json.items.map((i) => [i.id, i.status]), [[ids[0], 'published'], [ids[1], 'published']]);
  assert.equal((await call('GET', `/v1/products/${p}/reviews`)).json.summary.count, 2);

  assert.equal((await call('POST', `/v1/admin/reviews/${ids[0]}/reply`, { body: { body: 'Sorry: a new one is on its way.' }, admin: true })).status, 200);
  const del = await call('DELETE', `/v1/admin/reviews/${ids[0]}/reply`, { admin: true });
  assert.equal(del.status, 200);
  assert.equal(del.json.reply, null);

  const spam = await call('POST', `/v1/products/${p}/reviews`, { body: { rating: 5, body: 'Too quick to be a person', author_name: 'Bot', fill_ms: 100 } });
  assert.equal(spam.status, 201);
  const caught = await call('GET', `/v1/admin/reviews?status=rejected&spam=true&product_id=${p}`, { admin: true });
  assert.deepEqual(caught.json.items.map((i) => [i.id, i.spam]), [[spam.json.id, 'too_fast']]);
  const restored = await call('POST', `/v1/admin/reviews/${spam.json.id}/moderation`, { body: { action: 'restore' }, admin: true });
  assert.equal(restored.json.status, 'pending');
  assert.ok((await list('spam=true')).includes(spam.json.id));
});

test('reviews per period: one written and published today counts in today\'s period and in the totals', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const path = `/v1/admin/reviews/activity?interval=day&from=${today}&to=${today}`;
  const before = await call('GET', path, { admin: true });
  assert.equal(before.status, 200);
  shape('ReviewActivity', before.json);
  assert.deepEqual([before.json.interval, before.json.from, before.json.to, before.json.periods.map((p) => p.start)], ['day', today, today, [today]]);
  await call('PUT', '/v1/admin/review-settings', { body: { auto_publish_min_rating: 1, reward_points: 0, reward_coupon_percent: null }, admin: true });
  const r = await call('POST', `/v1/products/${RUN}-activity/reviews`, { body: { rating: 4, body: 'Counted today', author_name: 'Conformance', fill_ms: 20000 } });
  assert.equal(r.json.status, 'published');
  const after = await call('GET', path, { admin: true });
  const [b, a] = [before.json.periods[0], after.json.periods[0]];
  assert.ok(a.written - b.written >= 1 && a.published - b.published >= 1, `written ${b.written} → ${a.written}, published ${b.published} → ${a.published}`);
  assert.ok(a.average >= 1 && a.average <= 5, `average ${a.average}`);
  assert.ok(after.json.totals.published - before.json.totals.published >= 1);
  refused(await call('GET', `/v1/admin/reviews/activity?from=${today}&to=2000-01-01`, { admin: true }), 422);
  refused(await call('GET', '/v1/admin/reviews/activity'), 401);
});
