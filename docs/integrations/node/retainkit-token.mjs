// The two tokens a shop's server signs for RetainKit, in Node with no dependencies. Copy this
// file into your server; the secret is RK_TOKEN_SECRET of the RetainKit server (≥ 32
// characters) and never reaches the browser. tests/e2e/integrations.test.mjs checks both
// tokens against the reference server.
//
//   import { customerToken, orderToken } from './retainkit-token.mjs';
//   // the signed-in customer, for RetainKit.identify(token) or customer-token="…"
//   const token = customerToken(String(user.id), process.env.RK_TOKEN_SECRET);
//   // "this customer bought this product": the review is marked verified (review-request e-mails)
//   const link = `https://shop.example/review?product=${p.id}&t=${orderToken(String(user.id), p.id, process.env.RK_TOKEN_SECRET, { orderId: order.id })}`;
//
// From a shell: RK_TOKEN_SECRET=… node retainkit-token.mjs customer <id>
//               RK_TOKEN_SECRET=… node retainkit-token.mjs order <customer id> <product id> [order id]
import { createHmac } from 'node:crypto';

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT of `claims`. */
export function sign(claims, secret) {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

/** The signed-in customer: `aud` retainkit, at most 15 minutes (default 10). */
export function customerToken(customerId, secret, { ttlSeconds = 600 } = {}) {
  const iat = now();
  return sign({ sub: String(customerId), aud: 'retainkit', iat, exp: iat + Math.min(ttlSeconds, 900) }, secret);
}

/** A bought product: `aud` retainkit-order, at most 180 days (default 90). */
export function orderToken(customerId, productId, secret, { orderId, ttlSeconds = 90 * 86400 } = {}) {
  const iat = now();
  const claims = { sub: String(customerId), aud: 'retainkit-order', product_id: String(productId), iat, exp: iat + Math.min(ttlSeconds, 180 * 86400) };
  if (orderId != null) claims.order_id = String(orderId);
  return sign(claims, secret);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, ...args] = process.argv.slice(2);
  const secret = process.env.RK_TOKEN_SECRET;
  if (!secret || !['customer', 'order'].includes(kind) || !args[0]) {
    console.error('usage: RK_TOKEN_SECRET=… node retainkit-token.mjs customer <id> | order <customer id> <product id> [order id]');
    process.exit(2);
  }
  console.log(kind === 'customer' ? customerToken(args[0], secret) : orderToken(args[0], args[1], secret, { orderId: args[2] }));
}
