// The merchant console's other pages on the demo's year of history, each checked against the
// database: a CSAT survey's weeks, the exit offer's funnel, points given by hand (in the
// ledger once, with its note), the RFM grid and a segment's customers, a webhook added in the
// console whose delivery log shows the signed event delivered. axe-core on every page, and
// every page fits a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { useServerAndBrowser, newPage, checkA11y, ADMIN_KEY, ROOT } from './harness.mjs';

const env = useServerAndBrowser({ serverEnv: () => ({ RK_DEMO_HISTORY: '1' }) });
const shots = join(ROOT, 'docs', 'screenshots');

// Signed in once with the key (sign-in is rate-limited: 5 at once, then one every 12 s);
// every other test's browser starts with that session's cookie.
let session = null;

/** A new browser page on the console's overview, signed in. */
async function signedIn(opts = {}) {
  const page = await newPage(env.browser, session ? { ...opts, storageState: session } : opts);
  await page.goto(`${env.server.url}/admin`);
  if (!session) {
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  session ??= await page.context().storageState();
  return page;
}

const go = (page, name) => page.getByRole('navigation', { name: 'Console' }).getByRole('button', { name, exact: true }).click();
const cells = (row) => row.locator('th, td').allTextContents();
const weekStart = (day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);

test('surveys and offers: a CSAT survey per week and the exit offer\'s funnel, as the database counts them', async () => {
  const page = await signedIn();
  await go(page, 'Surveys');
  await page.getByLabel('Survey', { exact: true }).selectOption('csat-checkout');
  await page.locator('table[aria-labelledby="results-title"] caption', { hasText: 'csat-checkout' }).waitFor();
  const rows = page.locator('table[aria-labelledby="results-title"] tbody tr');
  assert.equal(await rows.count(), 12);
  for (let i = 0; i < 12; i++) {
    const [day, answers, satisfied] = await cells(rows.nth(i));
    const [db] = env.server.sql(`SELECT COUNT(*) AS n, SUM(score >= 4) AS s FROM survey_responses
      WHERE survey_id = 'csat-checkout' AND created_at >= ${weekStart(day)} AND created_at < ${weekStart(day) + 7 * 86400}`);
    assert.equal(Number(answers), db.n, `answers in the week of ${day}`);
    assert.equal(satisfied, db.n ? `${(Math.round((1000 * db.s) / db.n) / 10).toFixed(1)} %` : '—', `satisfied in the week of ${day}`);
  }
  const chart = page.locator('section[aria-labelledby="results-title"] figure[role="img"]');
  assert.match(await chart.getAttribute('aria-label'), /^Chart: satisfied customers from \d+ % \(\d{4}-\d\d-\d\d\) to \d+ %/);
  assert.equal(await chart.locator('svg').count(), 1);
  await checkA11y(page, 'body');

  await go(page, 'Offers');
  await page.getByLabel('Offer', { exact: true }).selectOption('stay-10');
  const funnel = page.locator('table[aria-labelledby="funnel-title"] tbody tr');
  await page.locator('main table[aria-labelledby="funnel-title"] caption', { hasText: 'stay-10' }).waitFor();
  assert.equal(await funnel.count(), 12);
  for (let i = 0; i < 12; i++) {
    const [day, shown, , copied, converted] = await cells(funnel.nth(i));
    // (The funnel reads the daily counters, which keep counting after old events are swept.)
    const first = weekStart(day) / 86400;
    const count = (kind) => env.server.sql(`SELECT COALESCE(SUM(count), 0) AS n FROM offer_daily WHERE offer_id = 'stay-10' AND kind = '${kind}'
      AND day >= ${first} AND day < ${first + 7}`)[0].n;
    assert.deepEqual([shown, copied, converted].map(Number), [count('impression'), count('copy'), count('convert')], `the week of ${day}`);
  }
  const [lead] = env.server.sql("SELECT email FROM leads WHERE offer_id = 'stay-10' ORDER BY created_at DESC, id DESC LIMIT 1");
  assert.equal(await page.locator('table[aria-labelledby="leads-title"] tbody tr th').first().textContent(), lead.email);
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-offers.png') });
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('an answer that comes late for a survey no longer chosen is dropped: the chosen survey\'s results stay', async () => {
  const page = await signedIn();
  // The first survey's results are held back until another survey is chosen and shown.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/v1/admin/surveys/nps-demo/results*', async (route) => { await held; await route.continue(); });
  await go(page, 'Surveys');
  await page.getByLabel('Survey', { exact: true }).selectOption('csat-checkout');
  const caption = page.locator('table[aria-labelledby="results-title"] caption');
  await caption.filter({ hasText: 'csat-checkout' }).waitFor();
  const late = page.waitForResponse((r) => r.url().includes('/surveys/nps-demo/results'));
  release();
  await late;
  // (A render after the late answer, if it were taken, comes within a frame or two.)
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.match(await caption.textContent(), /csat-checkout/);
  assert.equal(await page.locator('table[aria-labelledby="results-title"] tbody tr').count(), 12);
  await page.context().close();
});

test('loyalty: a member found by id, points given by hand with a reason (once, even pressed twice), in the ledger and the database', async () => {
  const page = await signedIn();
  await go(page, 'Loyalty');
  await page.locator('table[aria-labelledby="members-title"] tbody tr').first().waitFor();
  const [before] = env.server.sql("SELECT balance FROM loyalty_accounts WHERE customer_id = 'demo-c-0001'");
  await page.getByLabel('Customer id').fill('demo-c-0001');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { name: 'Customer demo-c-0001' }).waitFor();
  await page.getByLabel('Points to add').fill('25');
  await page.getByLabel('Reason').fill('Sorry for the late parcel <b>');
  await page.getByRole('button', { name: 'Save' }).dblclick();
  await page.getByRole('status').filter({ hasText: `The balance is now ${before.balance + 25} points.` }).waitFor();
  const manual = env.server.sql("SELECT delta, note FROM loyalty_ledger WHERE customer_id = 'demo-c-0001' AND reason = 'manual'");
  assert.deepEqual(manual, [{ delta: 25, note: 'Sorry for the late parcel <b>' }], 'one change, with its note as written');
  const top = page.locator('.rk-member tbody tr').first();
  await top.filter({ hasText: 'Sorry for the late parcel <b>' }).waitFor();
  assert.deepEqual((await cells(top)).slice(1), ['+25', 'manual', 'Sorry for the late parcel <b>']);
  // This week's points given, read again after the change, as the ledger sums them.
  const week = page.locator('table[aria-labelledby="points-title"] tbody tr').last();
  const monday = (() => { const d = new Date(); d.setUTCHours(0, 0, 0, 0); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d; })();
  const [given] = env.server.sql(`SELECT SUM(delta) AS n FROM loyalty_ledger WHERE delta > 0 AND created_at >= ${monday.getTime() / 1000}`);
  await week.filter({ hasText: monday.toISOString().slice(0, 10) }).waitFor();
  await page.waitForFunction(([n]) => document.querySelector('table[aria-labelledby="points-title"] tbody tr:last-child td').textContent === String(n), [given.n]);
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-loyalty.png') });
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('segments: the recency × frequency grid counts every customer with orders; a segment lists its customers', async () => {
  const page = await signedIn();
  await go(page, 'Segments');
  const grid = page.locator('table.rk-grid tbody td');
  await grid.first().waitFor();
  const total = (await grid.allTextContents()).reduce((a, n) => a + Number(n), 0);
  assert.equal(total, env.server.sql('SELECT COUNT(DISTINCT customer_id) AS n FROM orders')[0].n);
  await page.getByRole('button', { name: 'champions', exact: true }).click();
  const first = page.locator('table[aria-label="Customers in “champions”"] tbody tr').first();
  await first.waitFor();
  const [customer, r, f, m, orders] = await cells(first);
  assert.ok(Number(r) >= 4 && Number(f) + Number(m) >= 8, `a champion: ${[r, f, m]}`);
  assert.equal(Number(orders), env.server.sql(`SELECT COUNT(*) AS n FROM orders WHERE customer_id = '${customer}'`)[0].n);
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-segments.png') });
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('webhooks: one added in the console gets an answer\'s event; its delivery log says delivered; removed, it is gone', async () => {
  const got = [];
  const rx = createServer((req, res) => { req.resume(); req.on('end', () => { got.push(req.headers['retainkit-signature']); res.writeHead(204).end(); }); });
  await new Promise((r) => rx.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${rx.address().port}/hook`;
  const page = await signedIn();
  await go(page, 'Webhooks');
  await page.getByText('No webhooks yet.').waitFor();
  await page.getByLabel('URL').fill(url);
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByRole('status').filter({ hasText: `Webhook added: events now go to ${url}.` }).waitFor();
  const res = await fetch(`${env.server.url}/v1/surveys/nps-demo/responses`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ score: 2, locale: 'en' }),
  });
  assert.equal(res.status, 201);
  // The sender runs in the background: the log is read once the database has the delivery.
  for (let i = 0; i < 200 && !env.server.sql("SELECT id FROM webhook_deliveries WHERE status = 'delivered'").length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(got.length, 1);
  assert.match(got[0], /^t=\d+,v1=[0-9a-f]{64}$/);
  await page.getByRole('button', { name: 'Delivery log' }).click();
  const row = page.locator('table[aria-label="Delivery log"] tbody tr').first();
  await row.waitFor();
  const [event, status, tries, answer] = await cells(row);
  assert.deepEqual([event, status.split(' ')[0], tries, answer], ['survey.response', 'delivered', '1', 'HTTP 204']);
  await checkA11y(page, 'body');
  await page.screenshot({ path: join(shots, 'console-webhooks.png') });
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('status').filter({ hasText: `Webhook removed: nothing more goes to ${url}.` }).waitFor();
  await page.getByText('No webhooks yet.').waitFor();
  assert.equal(env.server.sql('SELECT COUNT(*) AS n FROM webhooks WHERE active = 1')[0].n, 0);
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
  rx.close();
});

test('a phone: every console page fits 360 px (nothing scrolls sideways) and passes axe', async () => {
  const page = await signedIn({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  for (const name of ['Overview', 'Reviews', 'Surveys', 'Offers', 'Loyalty', 'Segments', 'Webhooks', 'Exports']) {
    await go(page, name);
    await page.getByRole('heading', { level: 1, name: name === 'Reviews' ? 'Reviews waiting for you' : name }).waitFor();
    // Everything on the page has loaded (several parts can be loading at once).
    await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === 'Loading…'));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${name}: the page is ${wide} px wide`);
    await checkA11y(page, 'body');
  }
  await go(page, 'Overview');
  await page.locator('figure[role="img"]').first().waitFor();
  await page.screenshot({ path: join(shots, 'console-phone.png') });
  await page.context().close();
});

test('the survey editor: a new NPS survey in two languages with its rules, previewed as the real widget (nothing sent), saved as the server has it', async () => {
  const page = await signedIn();
  await go(page, 'Surveys');
  await page.getByLabel('Survey', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
  await page.getByLabel('New survey').selectOption('nps');
  await page.getByRole('heading', { name: 'New survey' }).waitFor();
  // A wrong id is refused before anything is sent.
  await page.getByLabel('Id (letters').fill('not an id!');
  await page.getByRole('button', { name: 'Save survey' }).click();
  await page.getByRole('alert').filter({ hasText: 'The id: letters, digits' }).waitFor();
  await page.getByLabel('Id (letters').fill('nps-console');
  await page.getByRole('alert').waitFor({ state: 'detached' });
  await page.getByLabel('Question', { exact: true }).fill('How likely are you to recommend Toko Demo?');
  await page.getByLabel('Follow-up after 0–6').fill('What went wrong?');
  await page.getByLabel('Language', { exact: true }).selectOption('pl');
  await page.getByLabel('Question', { exact: true }).fill('Czy polecisz nas znajomym?');
  await page.getByLabel('Shown').selectOption('bottom_left');
  await page.getByLabel('Trigger 1: after seconds').fill('10');
  await page.getByRole('button', { name: 'Add a page rule' }).click();
  await page.getByLabel('Page rule 1: path').fill('/checkout');
  await page.getByLabel('champions').check();
  await page.getByLabel('Gold', { exact: true }).check();
  await page.getByLabel('Days before it shows again').fill('14');
  // The preview: the real widget with the Polish question; an answer there is not sent.
  // (The widget loads when it comes into view, as on a shop's page.)
  await page.locator('iframe[title="Preview of the survey"]').scrollIntoViewIfNeeded();
  const preview = page.frameLocator('iframe[title="Preview of the survey"]');
  await preview.locator('rk-survey >> .rk-question', { hasText: 'Czy polecisz nas znajomym?' }).waitFor();
  await preview.locator('rk-survey >> [role=radio] >> nth=3').click();
  await preview.locator('rk-survey >> button[part="submit"]').click();
  await preview.locator('rk-survey >> [part="follow-up-label"]', { hasText: 'What went wrong?' }).waitFor();
  await checkA11y(page, 'main');
  await page.locator('form.rk-editor').screenshot({ path: join(shots, 'console-survey-editor.png') });
  await page.getByRole('button', { name: 'Save survey' }).click();
  await page.getByRole('status').filter({ hasText: 'Survey “nps-console” saved.' }).waitFor();
  assert.equal(env.server.sql("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id LIKE 'preview-%'")[0].n, 0, 'the preview sent nothing');
  const saved = await env.server.admin('/v1/admin/surveys/nps-console');
  assert.deepEqual(saved.question, { en: 'How likely are you to recommend Toko Demo?', pl: 'Czy polecisz nas znajomym?' });
  assert.deepEqual(saved.follow_up.detractor, { en: 'What went wrong?' });
  assert.deepEqual(saved.display.triggers, [{ type: 'page_view', delay_seconds: 10 }]);
  assert.deepEqual(saved.display.audience.urls, [{ match: 'prefix', value: '/checkout' }]);
  assert.equal(saved.display.placement, 'bottom_left');
  assert.equal(saved.display.cooldown_days, 14);
  assert.deepEqual(saved.customers, { segments: ['champions'], tiers: ['gold'] });
  // Read back into the editor: what was saved, changed once more.
  await page.getByRole('button', { name: 'Edit this survey' }).click();
  await page.getByRole('heading', { name: 'Edit survey “nps-console”' }).waitFor();
  // The last "saved" is gone: waiting for it below waits for this save (it raced before).
  assert.equal(await page.getByRole('status').filter({ hasText: 'saved' }).count(), 0);
  assert.equal(await page.getByLabel('Question', { exact: true }).inputValue(), 'How likely are you to recommend Toko Demo?');
  await page.getByLabel('One visitor sees it').selectOption('times');
  await page.getByLabel('Times').fill('2');
  // Typed, then Enter: what was typed last is what is saved.
  await page.getByLabel('Question', { exact: true }).fill('How likely are you to recommend us?');
  await page.getByLabel('Question', { exact: true }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'Survey “nps-console” saved.' }).waitFor();
  const again = await env.server.admin('/v1/admin/surveys/nps-console');
  assert.deepEqual([again.display.recontact, again.question.en], [{ type: 'times', n: 2 }, 'How likely are you to recommend us?']);
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('the offer editor: a new win-back offer for customers at risk, with its code, e-mail consent and countdown, saved as the server has it, then paused', async () => {
  const page = await signedIn();
  await go(page, 'Offers');
  await page.getByLabel('Offer', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'New offer' }).click();
  await page.getByRole('heading', { name: 'New offer' }).waitFor();
  await page.getByLabel('Id (letters').fill('winback-console');
  await page.getByLabel('Headline').fill('We miss you');
  await page.getByLabel('Text ({cart_value}').fill('Take 15% off your next order.');
  await page.getByLabel('Ask for an e-mail address').check();
  await page.getByLabel('Consent next to the e-mail field').fill('Yes, e-mail me offers. I can unsubscribe at any time.');
  await page.getByLabel('The code').fill('BACK15');
  await page.getByLabel('Countdown in minutes').fill('10');
  await page.getByLabel('at risk').check();
  // The new offer's trigger is exit intent; its own thresholds: 12 s of use first, low sensitivity.
  await page.getByLabel('Trigger 1: after active seconds').fill('12');
  await page.getByLabel('Trigger 1: sensitivity').selectOption('low');
  assert.deepEqual(await page.getByLabel('Shown').locator('option').allTextContents(), ['popup, bottom right', 'popup, bottom left', 'popup, centre'], 'an offer is never inline');
  // The preview: the real popup with the texts typed (in Polish once a Polish headline is
  // given); its code copied and an e-mail given there reach nothing.
  const preview = page.frameLocator('iframe[title="Preview of the offer"]');
  const popup = preview.getByRole('dialog', { name: 'We miss you' });
  await popup.waitFor();
  await popup.getByText('Take 15% off your next order.').waitFor();
  await popup.getByText('BACK15').waitFor();
  await page.getByLabel('Language', { exact: true }).selectOption('pl');
  await page.getByLabel('Headline').fill('Tęsknimy za Tobą');
  await preview.getByRole('dialog', { name: 'Tęsknimy za Tobą' }).waitFor();
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await preview.getByRole('dialog', { name: 'We miss you' }).waitFor();
  const shown = preview.getByRole('dialog');
  // (Playwright scrolls inside the frame, not the console around it.)
  await page.locator('iframe[title="Preview of the offer"]').scrollIntoViewIfNeeded();
  await shown.locator('[part="email"]').fill('preview@example.com');
  await shown.locator('[part="consent"]').click();
  assert.equal(await shown.getByRole('checkbox').isChecked(), true);
  await shown.locator('[part="email-submit"]').click();
  await shown.locator('[part="email-thanks"]').waitFor();
  assert.equal(env.server.sql("SELECT COUNT(*) AS n FROM leads WHERE offer_id LIKE 'preview-%' OR email = 'preview@example.com'")[0].n, 0, 'the preview stored no e-mail');
  assert.equal(env.server.sql("SELECT COUNT(*) AS n FROM offer_events WHERE offer_id LIKE 'preview-%'")[0].n, 0, 'the preview counted nothing');
  await checkA11y(page, 'main');
  await page.locator('form.rk-editor').screenshot({ path: join(shots, 'console-offer-editor.png') });
  await page.getByRole('button', { name: 'Save offer' }).click();
  await page.getByRole('status').filter({ hasText: 'Offer “winback-console” saved.' }).waitFor();
  const saved = await env.server.admin('/v1/admin/offers/winback-console');
  assert.deepEqual([saved.headline, saved.body, saved.code, saved.email_capture, saved.countdown_seconds, saved.active],
    [{ en: 'We miss you', pl: 'Tęsknimy za Tobą' }, { en: 'Take 15% off your next order.' }, { type: 'fixed', code: 'BACK15' }, true, 600, true]);
  assert.deepEqual(saved.consent, { en: 'Yes, e-mail me offers. I can unsubscribe at any time.' });
  assert.deepEqual([saved.display.triggers, saved.customers], [[{ type: 'exit_intent', min_active_seconds: 12, sensitivity: 'low' }], { segments: ['at_risk'], tiers: [] }]);
  // Paused from the editor: the offer stays, off.
  await page.getByRole('button', { name: 'Edit this offer' }).click();
  await page.getByRole('heading', { name: 'Edit offer “winback-console”' }).waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: 'saved' }).count(), 0);
  await page.getByLabel('On (unticked: paused)').uncheck();
  await page.getByRole('button', { name: 'Save offer' }).click();
  await page.getByRole('status').filter({ hasText: 'Offer “winback-console” saved.' }).waitFor();
  assert.equal((await env.server.admin('/v1/admin/offers/winback-console')).active, false);
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('the loyalty program editor: a new tier named in two languages and a reward of an amount off, saved as the database holds it; a doubled id is refused first', async () => {
  const page = await signedIn();
  await go(page, 'Loyalty');
  await page.getByRole('button', { name: 'Edit the program' }).click();
  await page.getByRole('heading', { name: 'Edit the loyalty program' }).waitFor();
  await page.getByRole('button', { name: 'Add a tier' }).click();
  const tier = page.getByRole('group', { name: 'Tier 4' });
  await tier.getByLabel('Id').fill('platinum');
  await tier.getByLabel('Name').fill('Platinum');
  await tier.getByLabel('Reached at points').fill('3000');
  await page.getByLabel('Language of the names below').selectOption('pl');
  assert.equal(await page.getByRole('group', { name: 'Tier 3' }).getByLabel('Name').inputValue(), 'Złoty', 'the names of the language chosen');
  await tier.getByLabel('Name').fill('Platynowy');
  await page.getByLabel('Language of the names below').selectOption('en');
  await page.getByRole('button', { name: 'Add a reward' }).click();
  const reward = page.getByRole('group', { name: 'Reward 4' });
  await reward.getByLabel('Id').fill('ten-off');
  await reward.getByLabel('Name').fill('Rp 20.000 off');
  await reward.getByLabel('Costs points').fill('150');
  await reward.getByLabel('Gives').selectOption('fixed');
  await reward.getByLabel('Amount off').fill('2000000');
  await reward.getByLabel('Currency').fill('idr');
  const stored = () => JSON.parse(env.server.sql("SELECT value FROM settings WHERE key = 'loyalty_program'")[0].value);
  const before = stored();
  await page.getByRole('button', { name: 'Save the program' }).click();
  await page.getByRole('alert').filter({ hasText: 'Each reward needs an id of its own' }).waitFor();
  assert.deepEqual(stored(), before, 'nothing saved while an id is doubled');
  await reward.getByLabel('Id').fill('rp-20k');
  await checkA11y(page, 'main');
  await page.locator('form.rk-editor').screenshot({ path: join(shots, 'console-program-editor.png') });
  await page.getByRole('button', { name: 'Save the program' }).click();
  await page.getByRole('status').filter({ hasText: 'The loyalty program is saved.' }).waitFor();
  const saved = stored();
  assert.deepEqual(saved.tiers.at(-1), { id: 'platinum', name: { en: 'Platinum', pl: 'Platynowy' }, threshold: 3000 });
  assert.deepEqual(saved.rewards.at(-1), { id: 'rp-20k', name: { en: 'Rp 20.000 off' }, cost: 150, discount: { type: 'fixed', amount: 2000000, currency: 'IDR' } });
  assert.deepEqual(saved.ways_to_earn, before.ways_to_earn, 'what was not touched is kept as it was');
  // The summary and the shop's program (what the loyalty widget reads) say the same.
  await page.getByRole('cell', { name: 'reward: 2000000 IDR (minor units) off' }).waitFor();
  assert.deepEqual((await env.server.admin('/v1/loyalty/program')).tiers.at(-1).name, { en: 'Platinum', pl: 'Platynowy' });
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('the console in Polish and Indonesian: chosen in the header, kept for the next visit, the browser\'s language at sign-in; axe-clean', async () => {
  // Signed out, a Polish browser gets the sign-in page in Polish.
  const guest = await newPage(env.browser, { locale: 'pl-PL' });
  await guest.goto(`${env.server.url}/admin`);
  await guest.getByRole('heading', { name: 'Zaloguj się do RetainKit' }).waitFor();
  assert.equal(await guest.locator('html').getAttribute('lang'), 'pl');
  await guest.getByLabel('Klucz administratora').waitFor();
  await checkA11y(guest, 'body');
  await guest.context().close();

  const page = await signedIn();
  const translations = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/locales/')));
  assert.deepEqual(await translations(), [], 'an English console fetches no translations');
  await page.getByLabel('Console language').selectOption('pl');
  await page.getByRole('heading', { name: 'Przegląd', level: 1 }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
  assert.equal(await page.title(), 'RetainKit — konsola sklepu');
  assert.deepEqual(await translations(), ['/admin/locales/pl.json']);
  const nav = page.getByRole('navigation', { name: 'Konsola' });
  assert.deepEqual(await nav.getByRole('button').allTextContents(),
    ['Przegląd', 'Opinie', 'Ankiety', 'Oferty', 'Lojalność', 'Segmenty', 'Webhooki', 'Eksport']);
  await page.getByRole('heading', { name: 'Net Promoter Score w tygodniach' }).waitFor();
  await page.locator('table[aria-labelledby="nps-title"] thead th').first().filter({ hasText: 'Okres od' }).waitFor();
  await checkA11y(page, 'body');
  // The segments page, its names and advice in Polish too.
  await nav.getByRole('button', { name: 'Segmenty' }).click();
  await page.getByRole('cell', { name: 'Odzyskaj ich, zanim odejdą' }).waitFor();
  await page.screenshot({ path: join(shots, 'console-polish.png') });
  // Kept for the next visit.
  await page.reload();
  await page.getByRole('heading', { name: 'Przegląd', level: 1 }).waitFor();
  await page.getByLabel('Język konsoli').selectOption('id');
  await page.getByRole('heading', { name: 'Ringkasan', level: 1 }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  await page.getByRole('navigation', { name: 'Konsol' }).getByRole('button', { name: 'Loyalitas' }).click();
  await page.getByRole('heading', { name: 'Poin per minggu' }).waitFor();
  await checkA11y(page, 'body');
  await page.getByLabel('Bahasa konsol').focus();
  await page.getByLabel('Bahasa konsol').selectOption('en');
  await page.getByRole('heading', { name: 'Loyalty', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Console language').evaluate((s) => s === document.activeElement), true, 'the focus stays on the language field');
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});
