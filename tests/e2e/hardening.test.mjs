// Hostile pages: Trusted Types enforced, a page serialised and parsed again (prerendering,
// SSR snapshots), and right-to-left pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after } from 'node:test';
import { useServerAndBrowser, newPage, showWidget, ARTIFACTS } from './harness.mjs';
import { Chaos } from './chaos.mjs';

// The shop's pages come through the chaos backend (no fault), which adds headers to them.
let shop;
const env = useServerAndBrowser({ setup: async (server) => { shop = await Chaos.start(server.url); } });
after(() => shop?.close());

// A review whose text tries to end the JSON-LD script and start another, with the line
// separators that end a JavaScript string.
const EVIL = 'Nice </script><script>window.__pwned=1</script> & <!-- \u2028\u2029 done';

/** The demo shop's home page with extra response headers (or an attribute on <html>). */
async function home(page, { headers = {}, dir } = {}) {
  shop.page('/', { headers, transform: (body) => (dir ? body.replace('<html lang="en"', `<html lang="en" dir="${dir}"`) : body) });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.sample}`));
  });
  await page.goto(`${shop.url}/`);
}

test('under Trusted Types (require-trusted-types-for \'script\') every widget works with 0 violations; the JSON-LD survives serialisation', async () => {
  const r = await fetch(`${env.server.url}/v1/products/batik-parang/reviews`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rating: 5, body: EVIL, author_name: 'Eve', fill_ms: 9000 }),
  });
  assert.equal(r.status, 201);
  const page = await newPage(env.browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await home(page, { headers: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types retainkit" } });
  assert.equal(await page.evaluate(() => window.trustedTypes !== undefined), true, 'the browser enforces Trusted Types');

  // Reviews with their JSON-LD, the star snippets, the NPS answer, the loyalty panel.
  await page.locator('rk-reviews').scrollIntoViewIfNeeded();
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
  await page.waitForFunction(() => document.querySelector('script[type="application/ld+json"]'));
  await page.locator('rk-stars >> [part=stars]').first().waitFor();
  await showWidget(page);
  await page.locator('rk-nps >> [role=radio]').nth(9).click();
  await page.locator('rk-nps >> button[type=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  await page.locator('rk-loyalty .rk-launcher').click();
  await page.locator('rk-loyalty dialog[open]').waitFor();

  const live = await page.evaluate(() => JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent));
  assert.ok(live.review.some((x) => x.reviewBody === EVIL), 'the review text is in the JSON-LD as it was written');

  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Trusted Types violation');

  // The page as a prerenderer or an SSR snapshot would store it, parsed again (in a page of
  // its own: parsing HTML is itself a Trusted Types sink).
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const before = await page.evaluate(() => [...document.querySelectorAll('script')].map((s) => s.type || 'classic'));
  const parser = await env.browser.newPage();
  const again = await parser.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    return {
      ld: [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
      scripts: [...doc.querySelectorAll('script')].map((s) => s.type || 'classic'),
    };
  }, html);
  await parser.close();
  assert.deepEqual(again.ld, [live], 'the JSON-LD parses back to the same data');
  assert.deepEqual(again.scripts, before, 'no script element appears from a review');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 375, height: 740 }]]) {
  test(`a dir=rtl page (${name}): no horizontal overflow, the layout mirrored, user text isolated`, async () => {
    const page = await newPage(env.browser, { viewport });
    await home(page, { dir: 'rtl' });
    await page.locator('rk-reviews').scrollIntoViewIfNeeded();
    await page.locator('rk-reviews >> .rk-review').first().waitFor();
    // The review form, with its honeypot, open.
    await page.locator('rk-reviews >> [part=write-button]').click();
    await page.locator('rk-reviews >> .rk-hp').waitFor({ state: 'attached' });
    await showWidget(page);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      left: Math.min(0, ...[...document.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? e.shadowRoot.querySelectorAll('*') : [])]).map((e) => e.getBoundingClientRect().left + window.scrollX)),
    }));
    assert.ok(overflow.scroll <= overflow.client, `no horizontal overflow: ${overflow.scroll} > ${overflow.client}`);
    assert.ok(overflow.left >= -1, `nothing sticks out on the left: ${overflow.left}`);
    // Mirrored: the NPS scale starts on the right, the review's reply border is on the right.
    const [zero, ten] = await page.locator('rk-nps >> [role=radio]').evaluateAll((els) => [els[0], els[10]].map((e) => e.getBoundingClientRect().left));
    assert.ok(zero > ten, `0 is on the right in RTL (${zero} vs ${ten})`);
    const dirs = await page.locator('rk-reviews >> .rk-review').first().evaluate((r) => [r.querySelector('.rk-review-body').getAttribute('dir'), r.querySelector('.rk-author').tagName]);
    assert.deepEqual(dirs, ['auto', 'BDI']);
    await page.screenshot({ path: join(ARTIFACTS, `rtl-${name}.png`), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
