// The review list and star snippets end to end, against the reference server in demo mode
// (six published reviews of "batik-parang" in three languages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { useServerAndBrowser, newPage, activeElement, checkA11y, sign, ARTIFACTS, ROOT } from './harness.mjs';

const axe = checkA11y;

const env = useServerAndBrowser();

async function showReviews(page) {
  await page.locator('rk-reviews').scrollIntoViewIfNeeded();
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
}

const ratings = (page) => page.locator('rk-reviews >> .rk-review .rk-stars').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

test('40 star snippets on a collection page cost one request', async () => {
  const page = await newPage(env.browser);
  const summaries = [];
  page.on('request', (r) => { if (r.url().includes('/v1/reviews/summaries')) summaries.push(r.url()); });
  await page.goto(`${env.server.url}/collection.html`);
  assert.equal(await page.locator('rk-stars').count(), 40);
  await page.locator('rk-stars').first().locator('a').waitFor();
  // Scroll through the whole page: every card shows its stars, no new request.
  await page.locator('rk-stars').last().scrollIntoViewIfNeeded();
  await page.locator('rk-stars').last().locator('a').waitFor();
  assert.equal(summaries.length, 1, summaries.join('\n'));
  assert.equal(new URL(summaries[0]).searchParams.get('product_ids').split(',').length, 40);
  const first = page.locator('rk-stars').first().locator('a');
  assert.equal(await first.getAttribute('aria-label'), 'Rated 4.3 out of 5, 6 reviews');
  assert.equal(await page.locator('rk-stars').nth(39).locator('a').getAttribute('aria-label'), 'Rated 0.0 out of 5, 0 reviews');
  await axe(page, 'rk-stars');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the list shows the summary; a histogram bar filters; sorting and "show more" work', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  assert.equal(await page.locator('rk-reviews >> .rk-average-value').textContent(), '4.3');
  assert.equal(await page.locator('rk-reviews >> .rk-average-count').textContent(), '6 reviews');
  assert.equal(await page.locator('rk-reviews >> .rk-review').count(), 6);
  const loaded = await page.evaluate(() => window.__rkEvents.filter((e) => e.type === 'rk-reviews-loaded'));
  assert.deepEqual(loaded[0].detail, { productId: 'batik-parang', count: 6, average: 4.3 });
  await axe(page, 'rk-reviews');
  await page.locator('rk-reviews').screenshot({ path: join(ARTIFACTS, 'reviews-desktop.png') });

  // Clicking the "5" bar shows only five-star reviews; clicking it again shows all.
  const five = page.locator('rk-reviews >> button.rk-bar').first();
  await five.click();
  await page.locator('rk-reviews >> button[part="clear-filter"]').waitFor();
  await page.locator('rk-reviews >> .rk-review').first().waitFor();
  assert.equal(await five.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await ratings(page), ['Rated 5.0 out of 5', 'Rated 5.0 out of 5', 'Rated 5.0 out of 5']);
  await five.click();
  await page.locator('rk-reviews >> button[part="clear-filter"]').waitFor({ state: 'detached' });
  await page.locator('rk-reviews >> .rk-review >> nth=5').waitFor();

  // Lowest first.
  await page.locator('rk-reviews >> select').selectOption('lowest');
  await page.waitForFunction(() => {
    const r = document.querySelector('rk-reviews').shadowRoot.querySelector('.rk-review .rk-stars');
    return r && r.getAttribute('aria-label') === 'Rated 3.0 out of 5';
  });

  // Two per page: "show more" fetches the next page with the cursor.
  await page.evaluate(() => document.querySelector('rk-reviews').setAttribute('page-size', '2'));
  await page.locator('rk-reviews >> button[part="load-more"]').waitFor();
  assert.equal(await page.locator('rk-reviews >> .rk-review').count(), 2);
  await page.locator('rk-reviews >> button[part="load-more"]').click();
  await page.locator('rk-reviews >> .rk-review >> nth=3').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a helpful vote counts once per visitor and reaches the database', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  const button = page.locator('rk-reviews >> .rk-review >> nth=0 >> button.rk-helpful');
  const before = Number((await button.textContent()).match(/\((\d+)\)/)[1]);
  await button.click();
  await page.waitForFunction(() => document.querySelector('rk-reviews').shadowRoot.querySelector('.rk-helpful').getAttribute('aria-pressed') === 'true');
  assert.equal(await button.textContent(), `Helpful (${before + 1})`);
  await button.click();
  const votes = env.server.sql("SELECT COUNT(*) AS n FROM review_votes")[0].n;
  assert.equal(votes, 1);
  const events = await page.evaluate(() => window.__rkEvents.filter((e) => e.type === 'rk-review-vote'));
  assert.equal(events.length, 1);
  // A reload remembers the vote.
  await page.reload();
  await showReviews(page);
  assert.equal(await page.locator('rk-reviews >> .rk-review >> nth=0 >> button.rk-helpful').getAttribute('aria-pressed'), 'true');
  await page.context().close();
});

test('markup in a review is shown as text: no element, no script runs', async () => {
  const evil = { body: '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>', name: '"><svg onload="window.__pwned=3">' };
  const r = await fetch(`${env.server.url}/v1/products/xss-product/reviews`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rating: 5, body: evil.body, author_name: evil.name, title: '<b>bold?</b>', fill_ms: 9000 }),
  });
  assert.equal(r.status, 201);
  const page = await newPage(env.browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-reviews').setAttribute('product-id', 'xss-product'));
  await showReviews(page);
  const review = page.locator('rk-reviews >> .rk-review').first();
  assert.equal(await review.locator('.rk-review-body').textContent(), evil.body);
  assert.equal(await review.locator('.rk-author').textContent(), evil.name);
  assert.equal(await review.locator('.rk-review-title').textContent(), '<b>bold?</b>');
  assert.equal(await review.locator('img, script, svg[onload], b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  await page.context().close();
});

test('JSON-LD carries the rating when reviews exist, and only then', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  const ld = await page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)));
  assert.equal(ld.length, 1);
  assert.equal(ld[0]['@type'], 'Product');
  assert.deepEqual([ld[0].aggregateRating.ratingValue, ld[0].aggregateRating.reviewCount], [4.3, 6]);
  assert.equal(ld[0].review.length, 5);

  // A product without reviews: no rating claimed, and the old script goes.
  await page.evaluate(() => document.querySelector('rk-reviews').setAttribute('product-id', 'no-reviews-yet'));
  await page.locator('rk-reviews >> .rk-empty').waitFor();
  assert.equal(await page.locator('rk-reviews >> .rk-empty').textContent(), 'No reviews yet. Be the first to review this product.');
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 0);

  // A page that already describes its rating gets no second one.
  const other = await newPage(env.browser);
  await other.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const s = document.createElement('script');
      s.type = 'application/ld+json';
      s.textContent = JSON.stringify({ '@type': 'Product', aggregateRating: { ratingValue: 4.3, reviewCount: 6 } });
      document.head.appendChild(s);
    });
  });
  await other.goto(`${env.server.url}/`);
  await showReviews(other);
  assert.equal(await other.locator('script[type="application/ld+json"]').count(), 1);
  await other.context().close();
  await page.context().close();
});

test('on a 375 px phone the list fits and speaks the page language', async () => {
  const page = await newPage(env.browser, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-reviews').setAttribute('lang', 'pl'));
  await showReviews(page);
  await page.locator('rk-reviews >> .rk-average-count', { hasText: '6 opinii' }).waitFor();
  const width = await page.locator('rk-reviews').evaluate((e) => e.getBoundingClientRect().width);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 375, `no horizontal scroll (${scroll}, widget ${width})`);
  await page.locator('rk-reviews').screenshot({ path: join(ARTIFACTS, 'reviews-375.png') });
  await axe(page, 'rk-reviews');
  await page.context().close();
});

// A valid 1×1 PNG (a dark blue pixel).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c6390b7ce0600014200c6645f0ee00000000049454e44ae426082', 'hex');

async function openForm(page) {
  await page.locator('rk-reviews >> button[part="write-button"]').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('rk-reviews >> dialog[open]').waitFor();
}

test('keyboard only: write a review with a photo; it waits, is approved, and shows in the list', async (t) => {
  await env.server.change(t, '/v1/admin/review-settings', { auto_publish_min_rating: null, reward_points: 0, reward_coupon_percent: null });
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  await openForm(page);
  // Tab reaches the stars once; arrows choose four.
  await page.keyboard.press('Tab');
  let a = await activeElement(page);
  assert.deepEqual([a.role, a.label], ['radio', '1 out of 5']);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  a = await activeElement(page);
  assert.deepEqual([a.label, a.checked], ['4 out of 5', 'true']);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Beautiful colours');
  await page.keyboard.press('Tab');
  await page.keyboard.type('The indigo is deep and the stitching is neat. Fits as expected.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dewi');
  await page.keyboard.press('Tab');
  await page.keyboard.type('dewi@mail.example');
  await page.keyboard.press('Tab');
  a = await activeElement(page);
  assert.equal(a.tag, 'input', 'the photo field is next');
  await page.locator('rk-reviews >> #rk-photos').setInputFiles({ name: 'batik.png', mimeType: 'image/png', buffer: PNG });
  await page.waitForFunction(() => {
    const r = document.querySelector('rk-reviews').shadowRoot;
    return r.querySelector('.rk-preview') && !r.querySelector('.rk-preview progress');
  });
  await checkA11y(page, 'rk-reviews');
  await page.locator('rk-reviews >> dialog').screenshot({ path: join(ARTIFACTS, 'review-form-desktop.png') });
  // The form has been open long enough for a person (the server refuses faster ones as bots).
  await page.waitForFunction((t) => Date.now() - t > 3100, await page.evaluate(() => Date.now()));
  await page.locator('rk-reviews >> button[part="submit"]').focus();
  await page.keyboard.press('Enter');
  const done = page.locator('rk-reviews >> [part="success"] [role="status"]');
  await done.waitFor();
  assert.equal(await done.textContent(), 'Thank you! Your review will appear once the shop has checked it.');
  a = await activeElement(page);
  assert.equal(a.role, 'status', 'focus moves to the message');
  await checkA11y(page, 'rk-reviews');
  const submitted = await page.evaluate(() => window.__rkEvents.filter((e) => e.type === 'rk-review-submit'));
  assert.equal(submitted[0].detail.status, 'pending');

  const [row] = env.server.sql("SELECT id, rating, title, author_name, email, status, photo_count FROM reviews WHERE author_name = 'Dewi'");
  assert.deepEqual([row.rating, row.title, row.email, row.status, row.photo_count], [4, 'Beautiful colours', 'dewi@mail.example', 'pending', 1]);
  const approved = await env.server.adminSend('POST', `/v1/admin/reviews/${row.id}/moderation`, { action: 'approve' });
  assert.equal(approved.json.status, 'published');

  // Escape closes the dialog; the list, reloaded, has the review with its photo.
  await page.keyboard.press('Escape');
  await page.locator('rk-reviews >> dialog[open]').waitFor({ state: 'detached' });
  a = await activeElement(page);
  assert.equal(a.text, 'Write a review', 'focus returns to the button that opened the form');
  await page.reload();
  await showReviews(page);
  assert.equal(await page.locator('rk-reviews >> .rk-average-count').textContent(), '7 reviews');
  const mine = page.locator('rk-reviews >> .rk-review', { hasText: 'Beautiful colours' });
  assert.equal(await mine.locator('img').getAttribute('alt'), 'Photo by Dewi');
  assert.equal(await mine.locator('img').evaluate((i) => i.complete && i.naturalWidth), 1, 'the photo loads');
  assert.equal(await page.locator('rk-reviews >> button.rk-bar >> nth=1').getAttribute('aria-label'), 'Show only 4-star reviews (3)');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('errors: the form says what is missing, and a server 422 lands next to the field with the text kept', async (t) => {
  await env.server.change(t, '/v1/admin/review-settings', { auto_publish_min_rating: 4, reward_points: 0, reward_coupon_percent: null });
  const page = await newPage(env.browser);
  let refuse = true;
  await page.route('**/v1/products/*/reviews', (route) => {
    if (route.request().method() === 'POST' && refuse) {
      refuse = false;
      return route.fulfill({ status: 422, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { body: 'too_short' } } }) });
    }
    return route.continue();
  });
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  await openForm(page);
  await page.locator('rk-reviews >> button[part="submit"]').click();
  await page.locator('rk-reviews >> #rk-err-rating').waitFor();
  assert.equal(await page.locator('rk-reviews >> #rk-err-rating').textContent(), 'Please choose from 1 to 5 stars.');
  assert.equal(await page.locator('rk-reviews >> #rk-body').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'rk-reviews');
  await page.locator('rk-reviews >> [role=radio] >> nth=4').click();
  await page.locator('rk-reviews >> #rk-body').fill('Good shirt, fast delivery to Kraków.');
  await page.locator('rk-reviews >> #rk-name').fill('Ola');
  await page.waitForFunction((t) => Date.now() - t > 3100, await page.evaluate(() => Date.now()));
  await page.locator('rk-reviews >> button[part="submit"]').click();
  const err = page.locator('rk-reviews >> #rk-err-body');
  await err.waitFor();
  assert.equal(await err.textContent(), 'This text is too short.');
  assert.equal(await page.locator('rk-reviews >> #rk-body').inputValue(), 'Good shirt, fast delivery to Kraków.');
  assert.match(await page.locator('rk-reviews >> #rk-body').getAttribute('aria-describedby'), /rk-err-body/);
  await page.locator('rk-reviews >> #rk-body').fill('Good shirt, fast delivery to Kraków. Recommended!');
  await page.locator('rk-reviews >> button[part="submit"]').click();
  await page.locator('rk-reviews >> [part="success"]').waitFor();
  assert.equal(await page.locator('rk-reviews >> [part="success"] [role="status"]').textContent(), 'Thank you! Your review is published.');
  assert.equal(env.server.sql("SELECT COUNT(*) AS n FROM reviews WHERE author_name = 'Ola'")[0].n, 1);
  await page.context().close();
});

test('the form on a 375 px phone, in Indonesian', async () => {
  const page = await newPage(env.browser, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('rk-reviews').setAttribute('lang', 'id'));
  await showReviews(page);
  await openForm(page);
  assert.equal(await page.locator('rk-reviews >> #rk-dialog-title').textContent(), 'Tulis ulasan');
  const box = await page.locator('rk-reviews >> dialog').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the dialog fits (${box.x}, ${box.width})`);
  for (const b of await page.locator('rk-reviews >> [role=radio]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    assert.ok(b.width >= 24 && b.height >= 24);
  }
  await page.locator('rk-reviews >> dialog').screenshot({ path: join(ARTIFACTS, 'review-form-375.png') });
  await page.context().close();
});

test('the inline form with a signed order token: a verified review, and a discount code to copy', async (t) => {
  await env.server.change(t, '/v1/admin/review-settings', { auto_publish_min_rating: 1, reward_points: 0, reward_coupon_percent: 10 });
  const now = Math.floor(Date.now() / 1000);
  const token = sign({ sub: 'cust-77', aud: 'retainkit-order', product_id: 'batik-parang', order_id: 'o-123', iat: now, exp: now + 86400 });
  const page = await newPage(env.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.goto(`${env.server.url}/write-review.html?order_token=${token}`);
  await page.locator('rk-review-form >> [role=radio]').first().waitFor();
  await page.locator('rk-review-form >> [role=radio] >> nth=4').click();
  await page.locator('rk-review-form >> #rk-body').fill('Bought it for my father, he wears it every Friday.');
  await page.locator('rk-review-form >> #rk-name').fill('Putri');
  await page.waitForFunction((t) => Date.now() - t > 3100, await page.evaluate(() => Date.now()));
  await page.locator('rk-review-form >> button[part="submit"]').click();
  const code = page.locator('rk-review-form >> [part="coupon-code"]');
  await code.waitFor();
  assert.match(await code.textContent(), /^THANKS-[A-Z2-9]{8}$/);
  await page.locator('rk-review-form >> button[part="copy-button"]').click();
  await page.locator('rk-review-form >> button[part="copy-button"]', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code.textContent());
  await checkA11y(page, 'rk-review-form');
  const [row] = env.server.sql("SELECT verified, customer_id, status FROM reviews WHERE author_name = 'Putri'");
  assert.deepEqual(row, { verified: 1, customer_id: 'cust-77', status: 'published' });
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  assert.equal(await page.locator('rk-reviews >> .rk-review', { hasText: 'Putri' }).locator('.rk-verified').textContent(), 'Verified buyer');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a review sent one second after the form opened is kept as spam with its photo, not lost; the shop can publish it', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  await openForm(page);
  // Everything filled at once (autofill, a fast hand), and sent within a second.
  await page.locator('rk-reviews >> [role=radio]').nth(4).click();
  await page.locator('rk-reviews >> #rk-body').fill('Fast but real: lovely fabric.');
  await page.locator('rk-reviews >> #rk-name').fill('Cepat');
  await page.locator('rk-reviews >> #rk-photos').setInputFiles({ name: 'fast.png', mimeType: 'image/png', buffer: PNG });
  await page.waitForFunction(() => {
    const r = document.querySelector('rk-reviews').shadowRoot;
    return r.querySelector('.rk-preview') && !r.querySelector('.rk-preview progress');
  });
  await page.locator('rk-reviews >> button[part="submit"]').click();
  await page.locator('rk-reviews >> [part="success"] [role="status"]').waitFor();
  const [row] = env.server.sql("SELECT id, status, spam, photo_count FROM reviews WHERE author_name = 'Cepat'");
  assert.deepEqual([row.status, row.spam, row.photo_count], ['rejected', 'too_fast', 1], 'kept, as spam, with its photo');
  const queue = await env.server.admin('/v1/admin/reviews?status=rejected');
  const listed = queue.items.find((r) => r.id === row.id);
  assert.equal(listed.spam, 'too_fast');
  assert.equal(listed.photos.length, 1);
  const published = await env.server.adminSend('POST', `/v1/admin/reviews/${row.id}/moderation`, { action: 'approve' });
  assert.equal(published.json.status, 'published');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every visible piece of <rk-reviews> and its form has a part, and every part is documented', async () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const documented = (tag) => new Set(manifest.modules[0].declarations.find((d) => d.tagName === tag).cssParts.map((p) => p.name));
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await showReviews(page);
  // Pieces a theme developer sees: anything with text of its own, and every image, control or icon.
  const survey = () => page.locator('rk-reviews').evaluate((host) => {
    const found = new Set();
    const missing = [];
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      if (el.parentElement?.closest('svg')) continue;
      if (el.closest('.rk-visually-hidden, [inert], .rk-hp, option')) continue;
      if (!el.getClientRects().length) continue;
      for (const p of (el.getAttribute('part') || '').split(/\s+/).filter(Boolean)) found.add(p);
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const piece = ownText || /^(img|button|input|select|textarea|svg|a|progress)$/i.test(el.tagName);
      if (piece && !el.getAttribute('part')) {
        // Text in an element with a part takes its styles from it; an icon in one takes its
        // colour from the tokens. A control needs its own.
        const holder = !/^(button|input|select|textarea|a|img)$/i.test(el.tagName) && el.parentElement?.getAttribute('part');
        if (!holder) missing.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} "${(el.textContent || '').trim().slice(0, 30)}"`);
      }
    }
    return { found: [...found], missing };
  });
  const list = await survey();
  await openForm(page);
  const form = await survey();
  const docs = documented('rk-reviews');
  for (const tag of ['rk-review-form', 'rk-stars']) for (const p of documented(tag)) docs.add(p);
  assert.deepEqual([...list.missing, ...form.missing], [], 'pieces without a part');
  assert.deepEqual([...list.found, ...form.found].filter((p) => !docs.has(p)), [], 'parts not in the docs table');
  await page.context().close();
});

test("the shop's own words in the reviews' slots: the title, and the empty state", async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('afterbegin',
    '<rk-reviews id="mine" product-id="not-reviewed-yet"><span slot="title">What buyers say</span><em slot="empty">Be the first to tell others about it.</em></rk-reviews>'));
  await page.getByText('Be the first to tell others about it.').waitFor();
  assert.equal(await page.locator('#mine >> #rk-reviews-title').evaluate((h) => h.querySelector('slot').assignedNodes()[0].textContent), 'What buyers say');
  assert.equal(await page.locator('#mine').getByRole('heading', { name: 'What buyers say' }).count(), 1, 'screen readers hear the shop\'s heading');
  assert.ok(await page.getByText('What buyers say').isVisible());
  await checkA11y(page, '#mine');
  await page.context().close();
});
