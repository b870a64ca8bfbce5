// Shared pieces of the conformance kit: the backend under test, HTTP helpers, schema
// checks against openapi.json, and HS256 tokens signed as the shop's server would.
import { readFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';

export const BASE = (process.env.RK_BASE_URL || '').replace(/\/$/, '');
export const ADMIN_KEY = process.env.RK_ADMIN_KEY || '';
export const TOKEN_SECRET = process.env.RK_TOKEN_SECRET || '';
export const AUDIENCE = process.env.RK_TOKEN_AUDIENCE || 'retainkit';
if (!BASE) throw new Error('RK_BASE_URL is not set (run conformance/run.mjs --help)');

/** A prefix that keeps this run's data apart from everything else in the backend. */
export const RUN = `rkc-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

const doc = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'openapi.json', components: doc.components });

/** Asserts that `body` is a valid instance of the named component schema. */
export function shape(name, body) {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  assert.ok(validate, `no schema ${name} in openapi.json`);
  assert.ok(validate(body), `${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 400)}`);
}

/** One request; the answer with its parsed JSON body. */
export async function call(method, path, { body, raw, headers = {}, admin = false, token } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (admin) h.Authorization = `Bearer ${ADMIN_KEY}`;
  if (token) h.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] ??= 'application/json'; }
  const res = await fetch(`${BASE}${path}`, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, json, headers: res.headers };
}

/** Asserts a refusal: status, the error shape, and optionally the field codes. */
export function refused(res, status, fields) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.json)}`);
  shape('ErrorBody', res.json);
  for (const [name, code] of Object.entries(fields || {})) {
    assert.equal(res.json.error.fields?.[name], code, `field ${name} in ${JSON.stringify(res.json)}`);
  }
}

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An HS256 JWT, as the shop's server signs it. */
export function sign(claims, secret = TOKEN_SECRET) {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function customerToken(sub, { aud = AUDIENCE, lifetime = 300, age = 0, secret } = {}) {
  const now = Math.floor(Date.now() / 1000) - age;
  return sign({ sub, aud, iat: now, exp: now + lifetime }, secret);
}

export const key = () => `rkc-${randomBytes(12).toString('hex')}`;
