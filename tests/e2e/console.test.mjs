// The merchant console at /admin, on the reference server with the demo's year of history:
// sign in (the key becomes an HttpOnly session), the NPS of the last 12 weeks as the database
// computes it, two reviews approved at once and one answered (the shop's page shows the
// reply in its review list), a review the spam trap caught restored, a detractor's comment read, an export
// downloaded, sign out. axe-core on every screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useServerAndBrowser, newPage, checkA11y, ADMIN_KEY, ROOT } from './harness.mjs';

const env = useServerAndBrowser({ serverEnv: () => ({ RK_DEMO_HISTORY: '1' }) });
const shots = join(ROOT, 'docs', 'screenshots');

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c6390b7ce0600014200c6645f0ee00000000049454e44ae426082', 'hex');

async function review(body) {
  const res = await fetch(`${env.server.url}/v1/products/batik-parang/reviews`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rating: 2, author_name: 'Console test', fill_ms: 20000, ...body }),
  });
  assert.equal(res.status, 201);
  return (await res.json()).id;
}

async function signIn(page) {
  await page.goto(`${env.server.url}/admin`);
  await page.getByLabel('Admin key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

test('sign in: a wrong key is refused; the key is kept nowhere; the overview shows the NPS the database holds', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/admin`);
  await page.getByLabel('Admin key').waitFor();
  await checkA11y(page, 'body');
  await page.getByLabel('Admin key').fill('not-the-key-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(await page.getByRole('alert').textContent(), 'That key is not right.');
  await signIn(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'rk_admin');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict' && session.path === '/v1/admin', JSON.stringify(cookies));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  assert.ok(!stored.includes('e2e-admin-key'), 'the key is not kept in the browser');

  // The table: 12 weeks; each week's answers and NPS as computed here from SQLite.
  const rows = page.locator('table[aria-labelledby="nps-title"] tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 12);
  for (let i = 0; i < 12; i++) {
    const cells = await rows.nth(i).locator('th, td').allTextContents();
    const start = Math.floor(Date.parse(`${cells[0]}T00:00:00Z`) / 1000);
    const [db] = env.server.sql(`SELECT COUNT(*) AS n, SUM(score >= 9) AS p, SUM(score <= 6) AS d FROM survey_responses
      WHERE survey_id = 'nps-demo' AND created_at >= ${start} AND created_at < ${start + 7 * 86400}`);
    assert.equal(Number(cells[1]), db.n, `answers in the week of ${cells[0]}`);
    const nps = (100 * (db.p - db.d)) / db.n;
    if (db.n) assert.equal(cells[2], String(Math.sign(nps) * Math.round(Math.abs(Math.round(nps * 10) / 10))), `NPS in the week of ${cells[0]}`);
  }
  // Reviews per week and the totals, as the database counts them.
  const weeks = page.locator('table[aria-labelledby="ratings-title"] tbody tr');
  await weeks.first().waitFor();
  assert.equal(await weeks.count(), 12);
  for (let i = 0; i < 12; i++) {
    const [day, written, published, mean] = await weeks.nth(i).locator('th, td').allTextContents();
    const start = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);
    const [db] = env.server.sql(`SELECT COUNT(*) AS n, SUM(status = 'published') AS p, SUM(CASE WHEN status = 'published' THEN rating END) AS s
      FROM reviews WHERE spam IS NULL AND created_at >= ${start} AND created_at < ${start + 7 * 86400}`);
    assert.deepEqual([Number(written), Number(published)], [db.n, db.p ?? 0], `reviews in the week of ${day}`);
    assert.equal(mean, db.p ? (Math.round((100 * db.s) / db.p) / 100).toFixed(2) : '—', `mean rating in the week of ${day}`);
  }
  const [all] = env.server.sql("SELECT COUNT(*) AS n, SUM(rating) AS s FROM reviews WHERE status = 'published'");
  await page.locator('section[aria-labelledby="ratings-title"] .rk-summary').filter({ hasText: `Mean rating ${(Math.round((100 * all.s) / all.n) / 100).toFixed(2)} of 5 (published reviews: ${all.n})` }).waitFor();
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-overview.png'), fullPage: true });
  // (Before signing in, the console asks for its session and the browser logs the 401.)
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('reviews: two approved at once, one answered (the shop page shows it), the reply changed and taken back, filters by stars and words with a photo shown, the spam queue restored', async () => {
  const a = await review({ body: 'The sleeves are a little short for me.', title: 'Short sleeves' });
  const b = await review({ body: 'Colour is darker than in the photo.', title: 'Darker' });
  const caught = await review({ body: 'Typed far too fast to be a person, said the trap.', fill_ms: 400 });
  const page = await newPage(env.browser);
  await signIn(page);
  await page.getByRole('button', { name: 'Reviews' }).click();
  await page.getByRole('heading', { name: 'Reviews waiting for you' }).waitFor();
  await page.locator(`#review-${a}`).check();
  await page.locator(`#review-${b}`).check();
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-reviews.png'), fullPage: true });
  await page.getByRole('button', { name: 'Approve (2)' }).click();
  await page.getByRole('status').filter({ hasText: 'Reviews published: 2.' }).waitFor();
  assert.deepEqual(env.server.sql(`SELECT status FROM reviews WHERE id IN (${a}, ${b})`).map((r) => r.status), ['published', 'published']);

  // Reply to one still waiting: it is shown under the review once published.
  const c = await review({ body: 'Arrived late but the shirt is fine.' });
  await page.getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Reviews' }).click();
  await page.getByLabel('Reply (shown under the review)').first().waitFor();
  await page.locator(`#reply-${c}`).fill('Sorry for the wait <b>and thank you</b>!');
  await page.locator(`#reply-${c}`).locator('xpath=..').getByRole('button', { name: 'Reply' }).click();
  await page.getByRole('status').filter({ hasText: 'Reply saved.' }).waitFor();
  await page.locator(`#review-${c}`).check();
  await page.getByRole('button', { name: 'Approve (1)' }).click();
  await page.getByRole('status').filter({ hasText: 'Reviews published: 1.' }).waitFor();
  const shop = await (await fetch(`${env.server.url}/v1/products/batik-parang/reviews?limit=50`)).json();
  assert.equal(shop.items.find((r) => r.id === c).reply.body, 'Sorry for the wait <b>and thank you</b>!', 'the shop shows the reply, as text');
  // And the shop's product page shows it under the review (newest first), as text.
  const shopper = await newPage(env.browser);
  await shopper.goto(`${env.server.url}/`);
  await shopper.locator('rk-reviews').scrollIntoViewIfNeeded();
  const item = shopper.locator('rk-reviews >> .rk-review', { hasText: 'Arrived late but the shirt is fine.' });
  await item.waitFor();
  assert.equal(await item.locator('[part="reply-body"]').textContent(), 'Sorry for the wait <b>and thank you</b>!');
  assert.equal(await item.locator('[part="reply-body"] b').count(), 0, 'no markup from the reply');
  await shopper.context().close();

  // The reply changed, then taken back: the database and the shop no longer have it.
  await page.getByRole('button', { name: 'Reviews' }).click();
  await page.getByLabel('Status', { exact: true }).selectOption('published');
  await page.getByLabel('Words in the title, text or name').fill('Arrived late');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('heading', { name: 'Published reviews' }).waitFor();
  await page.locator(`#reply-${c}`).fill('Sorry for the wait, and thank you!');
  await page.getByRole('button', { name: 'Save the reply' }).click();
  await page.getByRole('status').filter({ hasText: 'Reply saved.' }).waitFor();
  assert.equal(env.server.sql(`SELECT reply_body FROM reviews WHERE id = ${c}`)[0].reply_body, 'Sorry for the wait, and thank you!');
  await page.getByRole('button', { name: 'Take the reply back' }).click();
  await page.getByRole('status').filter({ hasText: 'Reply taken back.' }).waitFor();
  assert.equal(env.server.sql(`SELECT reply_body FROM reviews WHERE id = ${c}`)[0].reply_body, null);
  const after = await (await fetch(`${env.server.url}/v1/products/batik-parang/reviews?limit=50`)).json();
  assert.equal(after.items.find((r) => r.id === c).reply, null, 'the shop no longer shows it');

  // Filters: by stars (every review shown has them, as many as the database holds, up to a
  // page), and by words with the review's photo shown.
  const up = await fetch(`${env.server.url}/v1/photos`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: PNG });
  assert.equal(up.status, 201);
  const photo = await up.json();
  const d = await review({ body: 'Look at the stitching on the collar.', title: 'Stitching', photo_ids: [photo.id] });
  await page.getByLabel('Status', { exact: true }).selectOption('pending');
  await page.getByLabel('Words in the title, text or name').fill('');
  await page.getByLabel('Stars', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('heading', { name: 'Reviews waiting for you' }).waitFor();
  const [pending2] = env.server.sql("SELECT COUNT(*) AS n FROM reviews WHERE status = 'pending' AND rating = 2 AND spam IS NULL");
  await page.waitForFunction((n) => document.querySelectorAll('.rk-review').length === n, Math.min(pending2.n, 50));
  assert.deepEqual([...new Set(await page.locator('.rk-review .rk-stars').evaluateAll((els) => els.map((e) => e.textContent)))], ['★★'].slice(0, pending2.n ? 1 : 0));
  await page.getByLabel('Stars', { exact: true }).selectOption('');
  await page.getByLabel('Words in the title, text or name').fill('stitching');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator(`#review-${d}`).waitFor();
  assert.equal(await page.locator('.rk-review').count(), 1, 'only the review with the words');
  const img = page.getByRole('img', { name: 'Photo 1 of 1, by Console test' });
  await img.waitFor();
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo is shown');
  assert.equal(await img.getAttribute('src'), photo.url);
  await checkA11y(page, 'body');
  await page.getByLabel('Words in the title, text or name').fill('');
  await page.getByRole('button', { name: 'Show' }).click();

  // The spam queue: what the trap caught, restored to the queue.
  await page.getByLabel('Show what the spam traps caught').check();
  await page.getByRole('heading', { name: 'Spam queue' }).waitFor();
  await page.locator(`#review-${caught}`).check();
  await page.getByRole('button', { name: 'Restore (1)' }).click();
  await page.getByRole('status').filter({ hasText: 'Reviews back in the queue: 1.' }).waitFor();
  assert.equal(env.server.sql(`SELECT status FROM reviews WHERE id = ${caught}`)[0].status, 'pending');
  // (Before signing in, the console asks for its session and the browser logs the 401.)
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test("a detractor's comment, an export, and signing out", async () => {
  const page = await newPage(env.browser);
  await signIn(page);
  await page.getByRole('button', { name: 'Surveys', exact: true }).click();
  const first = page.locator('.rk-comments blockquote').first();
  await first.waitFor();
  const [latest] = env.server.sql("SELECT comment FROM survey_responses WHERE survey_id = 'nps-demo' AND category = 'detractor' AND comment IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1");
  assert.equal(await first.textContent(), latest.comment);
  await checkA11y(page, 'body');
  await page.locator('table[aria-labelledby="results-title"] tbody tr').first().waitFor();
  await page.screenshot({ path: join(shots, 'console-surveys.png') });

  await page.getByRole('button', { name: 'Exports' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'responses.csv' }).click();
  const file = await (await download).path();
  const text = (await import('node:fs')).readFileSync(file, 'utf8');
  assert.ok(text.startsWith('id,survey_id,created_at,score,category'), text.slice(0, 80));
  assert.equal(text.trim().split('\r\n').length - 1, env.server.sql('SELECT COUNT(*) AS n FROM survey_responses')[0].n);
  await checkA11y(page, 'body');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Admin key').waitFor();
  const after = await page.evaluate(() => fetch('/v1/admin/session').then((r) => r.status));
  assert.equal(after, 401, 'the session has ended');
  await page.reload();
  await page.getByLabel('Admin key').waitFor();
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});
