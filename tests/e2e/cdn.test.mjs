// The package's CDN build (pkg/cdn/) as jsDelivr or unpkg serve it, from another origin and under
// a versioned path: a classic script with `integrity`, and `type="module"`. A load that fails
// shows the element's own content and one warning; a tag some other script defined is left
// alone, with a warning.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useServerAndBrowser, newPage, freePort, staticServer } from './harness.mjs';

const CDN = join(ROOT, 'pkg', 'cdn');
const PATH = '/npm/retainkit@0.1.0/cdn/';
const manifest = () => JSON.parse(readFileSync(join(CDN, 'manifest.json'), 'utf8'));
const port = await freePort();
const env = useServerAndBrowser({ surveys: ['nps-cdn'], serverEnv: () => ({ RK_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }) });

// The shop's page and the "CDN" on one static server; `broken` files answer 404.
let html = '';
let broken = () => false;
const { server, origin } = await staticServer(port, (path) => {
  if (path === '/shop.html') return { html };
  if (!path.startsWith(PATH) || broken(path)) return null;
  return { file: join(CDN, path.slice(PATH.length)) };
});
after(() => server.close());

function shop(script, body) {
  html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${script}</head><body><main>${body}</main></body></html>`;
}
const src = `${origin}${PATH}retainkit.js`;

async function answerNps(page) {
  const before = env.server.sql("SELECT count(*) AS n FROM survey_responses WHERE survey_id = 'nps-cdn'")[0].n;
  await page.locator('rk-reviews >> [part=review]').first().waitFor();
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> [role=radio]').nth(9).click();
  await page.locator('rk-nps >> [part=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  const after = env.server.sql("SELECT count(*) AS n FROM survey_responses WHERE survey_id = 'nps-cdn'")[0].n;
  assert.equal(after, before + 1, 'the answer is stored');
}

const WIDGETS = '<rk-reviews product-id="batik-parang"></rk-reviews><rk-nps survey-id="nps-cdn"></rk-nps>';

test('the CDN build as a classic script with integrity, every file content-hashed', async () => {
  const m = manifest();
  for (const f of [m.core, m.wasm, m.stars, ...Object.values(m.chunks).flat()]) {
    assert.match(f, /\.[0-9a-f]{10}\.(js|wasm)$/, `${f} is content-hashed`);
    assert.match(m.integrity[f], /^sha384-/, `${f} has an SRI hash`);
  }
  shop(`<script src="${src}" integrity="${m.integrity['retainkit.js']}" crossorigin="anonymous" data-api="${env.server.url}" async></script>`, WIDGETS);
  const page = await newPage(env.browser);
  await page.goto(`${origin}/shop.html`);
  await answerNps(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the CDN build as type="module"', async () => {
  shop(`<script type="module" src="${src}" data-api="${env.server.url}"></script>`, WIDGETS);
  const page = await newPage(env.browser);
  await page.goto(`${origin}/shop.html`);
  await answerNps(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a WASM file that does not load: each element shows its own content, one warning, no unhandled rejection', async () => {
  broken = (path) => path.endsWith('.wasm');
  after(() => { broken = () => false; });
  shop(`<script src="${src}" data-api="${env.server.url}" async></script>`,
    `<rk-reviews product-id="batik-parang"><a href="/reviews">Read our reviews</a></rk-reviews>
     <rk-nps survey-id="nps-cdn"><a href="/survey">Tell us how we did</a></rk-nps>`);
  const page = await newPage(env.browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' && m.text().startsWith('RetainKit')) warnings.push(m.text()); });
  await page.goto(`${origin}/shop.html`);
  await page.getByRole('link', { name: 'Read our reviews' }).waitFor();
  await page.getByRole('link', { name: 'Tell us how we did' }).waitFor();
  // (ready() rejected for the failed load; a new try is RetainKit.load(), and it fails too.)
  const again = await page.evaluate(() => window.RetainKit.load().then(() => 'resolved', () => 'rejected'));
  assert.equal(again, 'rejected', 'load() says it failed');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no unhandled rejection');
  await page.context().close();
});

test('a tag another script already defined is left alone, with a warning', async () => {
  shop(`<script>customElements.define('rk-nps', class extends HTMLElement { connectedCallback() { this.textContent = 'theirs'; } });</script>
    <script src="${src}" data-api="${env.server.url}" async></script>`, WIDGETS);
  const page = await newPage(env.browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${origin}/shop.html`);
  await page.locator('rk-reviews >> [part=review]').first().waitFor();
  assert.equal(await page.locator('rk-nps').textContent(), 'theirs');
  assert.ok(warnings.some((w) => w.includes('rk-nps is already defined')), warnings.join('\n'));
  await page.context().close();
});
