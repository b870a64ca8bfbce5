// A page pays only for what it shows, and once: which files each kind of page fetches, how
// the reference server sends them, and a repeat view that transfers no WASM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServerAndBrowser, seededOffer, newPage, ROOT } from './harness.mjs';

const env = useServerAndBrowser();
const manifest = () => JSON.parse(readFileSync(join(ROOT, 'dist/manifest.json'), 'utf8'));
const file = (url) => new URL(url).pathname.replace(/^\/dist\//, '');

/** Every request of the page, by kind: .wasm and .js under /dist, and API calls. */
function record(page) {
  const seen = { wasm: [], js: [], api: [] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/dist/') && u.pathname.endsWith('.wasm')) seen.wasm.push(file(r.url()));
    else if (u.pathname.startsWith('/dist/') && u.pathname.endsWith('.js')) seen.js.push(file(r.url()));
    else if (u.pathname.startsWith('/v1/')) seen.api.push(u.pathname);
  });
  return seen;
}

/** No popup on the page: the demo's exit offer off for this test. */
async function noOffer(t) {
  const offer = seededOffer();
  await env.server.change(t, `/v1/admin/offers/${offer.id}`, { ...offer, active: false }, offer);
}

test('a collection page with 40 star snippets fetches no WASM and asks the API once', async (t) => {
  await noOffer(t);
  const page = await newPage(env.browser);
  const seen = record(page);
  await page.goto(`${env.server.url}/collection.html`, { waitUntil: 'networkidle' });
  await page.locator('rk-stars').last().locator('a').waitFor();
  assert.deepEqual(seen.wasm, []);
  assert.deepEqual(seen.js.sort(), [manifest().stars, 'retainkit.js'].sort(), 'the loader and the star snippets, nothing else');
  assert.deepEqual(seen.api.filter((p) => p === '/v1/reviews/summaries'), ['/v1/reviews/summaries'], 'one summaries request for 40 snippets');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an NPS-only page fetches the core and the surveys chunk, no reviews, loyalty or popups code', async (t) => {
  await noOffer(t);
  const m = manifest();
  const page = await newPage(env.browser);
  const seen = record(page);
  await page.goto(`${env.server.url}/id.html`, { waitUntil: 'networkidle' });
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> [role=radiogroup]').waitFor();
  const allowed = new Set([m.wasm, ...m.chunks.surveys]);
  assert.deepEqual(seen.wasm.filter((f) => !allowed.has(f)), [], 'only the core and the surveys chunk');
  for (const f of [m.wasm, ...m.chunks.surveys]) assert.equal(seen.wasm.filter((x) => x === f).length, 1, `${f} once`);
  const others = [...m.chunks.reviews, ...m.chunks.loyalty, ...m.chunks.popups].filter((f) => !allowed.has(f));
  assert.ok(others.length > 0 && others.every((f) => !seen.wasm.includes(f)));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a product page fetches each file it needs exactly once; a second view transfers no WASM', async () => {
  const m = manifest();
  const page = await newPage(env.browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const transfer = new Map();
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => transfer.set(e.requestId, e.encodedDataLength));
  const wasmBytes = () => [...transfer].filter(([id]) => (urls.get(id) || '').endsWith('.wasm')).reduce((n, [, b]) => n + b, 0);

  const seen = record(page);
  await page.goto(`${env.server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('rk-reviews').scrollIntoViewIfNeeded();
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
  await page.locator('rk-loyalty >> .rk-launcher').waitFor();
  const needed = new Set([m.wasm, ...m.chunks.surveys, ...m.chunks.reviews, ...m.chunks.loyalty, ...m.chunks.popups]);
  assert.deepEqual(seen.wasm.filter((f) => !needed.has(f)), []);
  const counts = {};
  for (const f of seen.wasm) counts[f] = (counts[f] || 0) + 1;
  assert.deepEqual(Object.entries(counts).filter(([, n]) => n > 1), [], 'no file twice');
  assert.ok(wasmBytes() > 50_000, `the first view transferred the WASM (${wasmBytes()} bytes)`);

  // The second view: the hashed files are `immutable`, nothing goes over the wire again.
  transfer.clear();
  urls.clear();
  seen.wasm.length = 0;
  await page.goto(`${env.server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('rk-reviews').scrollIntoViewIfNeeded();
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
  assert.ok(seen.wasm.length > 0, 'the widgets still use their WASM');
  assert.equal(wasmBytes(), 0, 'no WASM byte transferred on the second view');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the reference server sends every built file compressed to a client that accepts it', async () => {
  const m = manifest();
  const names = Object.keys(m.sizes);
  for (const [accept, want] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip']]) {
    for (const name of names) {
      const res = await fetch(`${env.server.url}/dist/${name}`, { headers: { 'Accept-Encoding': accept } });
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('content-encoding'), want, `${name} with ${accept}`);
      assert.equal(res.headers.get('cache-control'), name === 'retainkit.js' ? 'public, max-age=60' : 'public, max-age=31536000, immutable', name);
      await res.arrayBuffer();
    }
  }
  // The demo shop's own script and styles too.
  for (const name of ['shop.js', 'shop.css']) {
    const res = await fetch(`${env.server.url}/${name}`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(res.headers.get('content-encoding'), 'br', name);
    await res.arrayBuffer();
  }
  // The loader: a revalidation with its ETag is a 304 without a body.
  const first = await fetch(`${env.server.url}/dist/retainkit.js`, { headers: { 'Accept-Encoding': 'br' } });
  await first.arrayBuffer();
  const again = await fetch(`${env.server.url}/dist/retainkit.js`, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.get('etag') } });
  assert.equal(again.status, 304);
});

test('each minified JavaScript file points to its source map, which holds the sources', async () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));
  for (const [file, source, text] of [['retainkit.js', 'retainkit.src.js', 'RetainKit loader'], [manifest.stars, 'retainkit-stars.src.js', '<rk-stars>'], [manifest.core, 'retainkit-core.js', 'prefetch']]) {
    const res = await fetch(`${env.server.url}/dist/${file}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('sourcemap'), `${file}.map`, file);
    assert.ok(!(await res.text()).includes('sourceMappingURL'), `${file}: no comment (the bytes are budgeted)`);
    const map = await (await fetch(`${env.server.url}/dist/${file}.map`)).json();
    assert.equal(map.version, 3);
    const i = map.sources.findIndex((s) => s.endsWith(source));
    assert.ok(i >= 0, `${file}: ${map.sources}`);
    assert.ok(map.sourcesContent[i].includes(text), `${file}: the source itself is in the map`);
    assert.ok(map.mappings.length > 100);
  }
});
