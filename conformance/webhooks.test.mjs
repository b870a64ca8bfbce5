// Webhooks: a shop adds one (its signing secret comes back), lists it, reads its delivery log
// and removes it; a URL that is not https, or no events, is refused. (Deliveries themselves
// need a receiver the backend can reach: the reference server's tests and e2e cover them.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape } from './kit.mjs';

test('a webhook is added, listed, logged and removed', async () => {
  const created = await call('POST', '/v1/admin/webhooks', { body: { url: 'https://hooks.example/retainkit', events: ['survey.response', 'lead.created'] }, admin: true });
  assert.equal(created.status, 201);
  shape('Webhook', created.json);
  assert.deepEqual(created.json.events, ['survey.response', 'lead.created']);
  assert.ok(created.json.secret.length >= 24, 'a signing secret');
  const list = await call('GET', '/v1/admin/webhooks', { admin: true });
  shape('WebhookList', list.json);
  assert.ok(list.json.items.some((w) => w.id === created.json.id));
  const log = await call('GET', `/v1/admin/webhooks/${created.json.id}/deliveries`, { admin: true });
  assert.equal(log.status, 200);
  shape('WebhookDeliveryPage', log.json);
  const removed = await call('DELETE', `/v1/admin/webhooks/${created.json.id}`, { admin: true });
  assert.equal(removed.status, 204);
  assert.ok(!(await call('GET', '/v1/admin/webhooks', { admin: true })).json.items.some((w) => w.id === created.json.id));
});

test('bad webhooks are refused', async () => {
  refused(await call('POST', '/v1/admin/webhooks', { body: { url: 'http://hooks.example/x', events: ['lead.created'] }, admin: true }), 422, { url: 'invalid' });
  refused(await call('POST', '/v1/admin/webhooks', { body: { url: 'https://hooks.example/x', events: [] }, admin: true }), 422, { events: 'required' });
  refused(await call('GET', '/v1/admin/webhooks'), 401);
});
