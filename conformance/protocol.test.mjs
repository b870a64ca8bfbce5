// What every endpoint shares: the error shape, content types, sizes, auth refusals.
import { test } from 'node:test';
import { call, refused } from './kit.mjs';

test('unknown endpoints answer 404 in the error shape', async () => {
  refused(await call('GET', '/v1/no/such/endpoint'), 404);
});

test('a body that is not JSON is refused: 415 for another type, 400 for broken JSON', async () => {
  refused(await call('POST', '/v1/surveys/rkc/responses', { raw: '{"score":9}', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await call('POST', '/v1/surveys/rkc/responses', { raw: '{"score":', headers: { 'Content-Type': 'application/json' } }), 400);
});

test('a body over the limit is refused with 413', async () => {
  refused(await call('POST', '/v1/surveys/rkc/responses', { body: { score: 9, comment: 'x'.repeat(40000) } }), 413);
});

test('admin endpoints refuse a missing or wrong key with 401', async () => {
  refused(await call('GET', '/v1/admin/reviews'), 401);
  refused(await call('GET', '/v1/admin/reviews', { headers: { Authorization: 'Bearer not-the-key' } }), 401);
});

test('query and path parameters of the wrong type name the field', async () => {
  refused(await call('GET', '/v1/products/rkc/reviews?limit=many'), 422, { limit: 'invalid' });
  refused(await call('POST', '/v1/reviews/not-a-number/helpful', { body: { visitor_id: 'v-1' } }), 422, { review_id: 'invalid' });
});
