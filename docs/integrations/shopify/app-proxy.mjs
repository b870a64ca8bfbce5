// Shopify: the customer token through an app proxy, in Node with no dependencies.
//
// A Shopify theme cannot keep a secret, so the token comes from the shop's app: in the app's
// settings, App proxy → subpath prefix `apps`, subpath `retainkit`, proxy URL
// `https://your-app.example/retainkit` (this handler). The storefront then fetches
// `/apps/retainkit/token` from its own origin; Shopify forwards it with `logged_in_customer_id`
// and signs the query with the app's API secret, which this handler checks before it signs a
// RetainKit token for that customer. tests/e2e/integrations.test.mjs runs it against the
// reference server.
//
//   import { createServer } from 'node:http';
//   import { appProxyToken } from './app-proxy.mjs';
//   createServer((req, res) => {
//     const { status, body } = appProxyToken(new URL(req.url, 'https://your-app.example'), {
//       apiSecret: process.env.SHOPIFY_API_SECRET, tokenSecret: process.env.RK_TOKEN_SECRET });
//     res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
//   }).listen(8080);
import { createHmac, timingSafeEqual } from 'node:crypto';
import { customerToken } from '../node/retainkit-token.mjs';

/** Shopify's app proxy signature of a query: every parameter but `signature`, sorted, as
 * `key=value` (several values joined by commas), concatenated, HMAC-SHA256 in hex. */
export function proxySignature(searchParams, apiSecret) {
  const keys = [...new Set([...searchParams.keys()])].filter((k) => k !== 'signature').sort();
  const message = keys.map((k) => `${k}=${searchParams.getAll(k).join(',')}`).join('');
  return createHmac('sha256', apiSecret).update(message).digest('hex');
}

/**
 * The answer to `GET /apps/retainkit/token`: `{token}` for a signed-in customer, `{token: null}`
 * for a guest, 401 for a request Shopify did not sign (or signed more than 5 minutes ago).
 */
export function appProxyToken(url, { apiSecret, tokenSecret, now = Date.now() }) {
  const q = url.searchParams;
  const given = Buffer.from(q.get('signature') || '', 'utf8');
  const want = Buffer.from(proxySignature(q, apiSecret), 'utf8');
  const fresh = Math.abs(now / 1000 - Number(q.get('timestamp'))) <= 300;
  if (given.length !== want.length || !timingSafeEqual(given, want) || !fresh) {
    return { status: 401, body: { error: 'not signed by Shopify' } };
  }
  const customer = q.get('logged_in_customer_id');
  return { status: 200, body: { token: customer ? customerToken(customer, tokenSecret) : null } };
}
