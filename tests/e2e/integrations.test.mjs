// The platform snippets of the README (docs/integrations/) against the reference server: the
// tokens the Node helper and the WooCommerce plugin sign are accepted (a customer's balance,
// a verified review), the Shopify app proxy signs one only for a request Shopify signed, and
// a token signed with another secret is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Server, ROOT, TOKEN_SECRET } from './harness.mjs';
import { customerToken, orderToken } from '../../docs/integrations/node/retainkit-token.mjs';
import { appProxyToken, proxySignature } from '../../docs/integrations/shopify/app-proxy.mjs';

let server;
before(async () => { server = await Server.start(); });
after(() => server?.close());

const me = (token) => fetch(`${server.url}/v1/loyalty/me`, { headers: { Authorization: `Bearer ${token}` } });
const php = (...args) => execFileSync('php', [join(ROOT, 'docs/integrations/woocommerce/retainkit.php'), ...args], {
  env: { ...process.env, RK_TOKEN_SECRET: TOKEN_SECRET }, encoding: 'utf8',
}).trim();

const postReview = (author, orderTokenValue) => fetch(`${server.url}/v1/products/batik-parang/reviews`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ rating: 5, body: 'Lovely cloth, the colours are deep.', author_name: author, fill_ms: 9000, order_token: orderTokenValue }),
});

async function review(author, orderTokenValue) {
  const res = await postReview(author, orderTokenValue);
  assert.equal(res.status, 201, await res.text());
  return server.sql(`SELECT verified FROM reviews WHERE author_name = '${author}'`)[0];
}

test('Node: a customer token is accepted, one signed with another secret is refused; an order token verifies a review', async () => {
  const res = await me(customerToken('node-customer-1', TOKEN_SECRET));
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal((await res.json()).id, 'node-customer-1');
  assert.equal((await me(customerToken('node-customer-1', 'another-secret-0123456789abcdef0123'))).status, 401);
  const row = await review('Node Buyer', orderToken('node-customer-1', 'batik-parang', TOKEN_SECRET, { orderId: 'A-1001' }));
  assert.equal(row.verified, 1);
  const wrong = await postReview('Wrong Product', orderToken('node-customer-1', 'another-product', TOKEN_SECRET));
  assert.equal(wrong.status, 422, 'a token for another product is refused, not ignored');
  assert.equal((await wrong.json()).error.fields.order_token, 'invalid');
});

test('WooCommerce plugin (PHP): its customer and order tokens are the ones the server accepts', async () => {
  const res = await me(php('customer', 'wc-17'));
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal((await res.json()).id, 'wc-17');
  assert.equal((await review('Woo Buyer', php('order', 'wc-17', 'batik-parang', '5521'))).verified, 1);
});

test('Shopify app proxy: a token only for a request Shopify signed, none for a guest', async () => {
  const apiSecret = 'shpss_test_0123456789';
  const proxied = (params, secret = apiSecret) => {
    const url = new URL('https://app.example/retainkit/token');
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('signature', proxySignature(url.searchParams, secret));
    return url;
  };
  const now = Date.now();
  const base = { shop: 'demo.myshopify.com', path_prefix: '/apps/retainkit', timestamp: String(Math.floor(now / 1000)) };
  const signedIn = appProxyToken(proxied({ ...base, logged_in_customer_id: '7400' }), { apiSecret, tokenSecret: TOKEN_SECRET, now });
  assert.equal(signedIn.status, 200);
  const res = await me(signedIn.body.token);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).id, '7400');

  const guest = appProxyToken(proxied({ ...base, logged_in_customer_id: '' }), { apiSecret, tokenSecret: TOKEN_SECRET, now });
  assert.deepEqual(guest, { status: 200, body: { token: null } });

  const tampered = proxied({ ...base, logged_in_customer_id: '7400' });
  tampered.searchParams.set('logged_in_customer_id', '1');
  assert.equal(appProxyToken(tampered, { apiSecret, tokenSecret: TOKEN_SECRET, now }).status, 401, 'another customer id');
  assert.equal(appProxyToken(proxied({ ...base, logged_in_customer_id: '7400' }, 'not-the-app-secret'), { apiSecret, tokenSecret: TOKEN_SECRET, now }).status, 401, 'another secret');
  assert.equal(appProxyToken(proxied({ ...base, logged_in_customer_id: '7400' }), { apiSecret, tokenSecret: TOKEN_SECRET, now: now + 600_000 }).status, 401, 'ten minutes later');
});
