// Webhooks end to end: a shopper answers the NPS question in Chromium; a receiver started by
// the test (answering 500 twice) gets the signed `survey.response` on the third try, checks the
// signature as a shop's code would, and the delivery log says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { useServerAndBrowser, newPage, showWidget, ADMIN_KEY } from './harness.mjs';

// The server's first retry waits 200 ms (10 s by default), the second 1 s.
const env = useServerAndBrowser({ serverEnv: () => ({ RK_WEBHOOK_RETRY_MS: '200' }) });

/** A receiver that answers 500 `failures` times, then 204; `done` resolves with the request that got 204. */
function receiver(failures) {
  const got = [];
  let delivered;
  const done = new Promise((res) => { delivered = res; });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const ok = got.length > failures;
      res.writeHead(ok ? 204 : 500).end();
      if (ok) delivered({ headers: req.headers, body });
    });
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res({ server, got, done, url: `http://127.0.0.1:${server.address().port}/hook` })));
}

/** What a shop's code does with `RetainKit-Signature`: HMAC-SHA256 of "<t>.<body>", at most 5 minutes old. */
function verify(header, body, secret) {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) || [];
  assert.ok(t, `signature header: ${header}`);
  const want = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  assert.ok(timingSafeEqual(want, Buffer.from(v1, 'hex')), 'the signature checks out');
  assert.ok(Math.abs(Date.now() / 1000 - Number(t)) < 300, 'signed just now');
  return JSON.parse(body);
}

test("a detractor's answer reaches the shop's webhook, signed, on the third try after two 500s", async (t) => {
  const rx = await receiver(2);
  t.after(() => rx.server.close());
  const hook = await env.server.adminSend('POST', '/v1/admin/webhooks', { url: rx.url, events: ['survey.response'] });
  assert.equal(hook.status, 201, JSON.stringify(hook.json));
  t.after(() => fetch(`${env.server.url}/v1/admin/webhooks/${hook.json.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_KEY}` } }));

  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showWidget(page);
  await page.locator('rk-nps >> [role=radio]').nth(2).click();
  await page.locator('rk-nps >> textarea').fill('Parcel came damaged');
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  await page.context().close();

  const last = await rx.done;
  assert.equal(rx.got.length, 3, 'two 500s, then delivered');
  const payloads = rx.got.map((r) => verify(r.headers['retainkit-signature'], r.body, hook.json.secret));
  const p = payloads[2];
  assert.deepEqual([p.type, p.data.survey_id, p.data.score, p.data.category, p.data.comment], ['survey.response', 'nps-demo', 2, 'detractor', 'Parcel came damaged']);
  assert.ok(payloads.every((q) => q.id === p.id), 'the same event id on every try');
  assert.equal(last.headers['retainkit-event'], 'survey.response');
  const [row] = env.server.sql(`SELECT id, comment FROM survey_responses WHERE survey_id = 'nps-demo' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([p.data.id, p.data.comment], [row.id, row.comment], 'what the database holds');

  // The delivery log (written right after the answer to the third try: wait for it).
  let d;
  for (let i = 0; i < 50; i++) {
    d = (await env.server.admin(`/v1/admin/webhooks/${hook.json.id}/deliveries`)).items[0];
    if (d.status === 'delivered') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual([d.status, d.attempts, d.event], ['delivered', 3, 'survey.response']);
});
