// Surveys defined on the server, inline: CSAT and NPS with the follow-up worded by group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useServerAndBrowser, newPage, activeElement, checkA11y, ARTIFACTS } from './harness.mjs';

const env = useServerAndBrowser();

test('NPS: a 3 gets the detractor follow-up; score and comment reach the server; stats follow', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/checkout.html`);
  const nps = page.locator('rk-survey[survey-id="nps-demo"]');
  await nps.scrollIntoViewIfNeeded();
  await nps.locator('[role=radio]').first().waitFor();
  assert.equal(await nps.locator('.rk-question').textContent(), 'How likely are you to recommend Toko Demo to a friend or colleague?');
  await nps.locator('[role=radio] >> nth=3').click();
  await nps.locator('button[part="submit"]').click();
  const prompt = nps.locator('label[part="follow-up-label"]');
  await prompt.waitFor();
  assert.equal(await prompt.textContent(), 'We are sorry. What went wrong?');
  // The score is already stored (a partial response).
  assert.deepEqual(env.server.sql("SELECT score, category, comment FROM survey_responses WHERE survey_id = 'nps-demo'"), [{ score: 3, category: 'detractor', comment: null }]);
  await checkA11y(page, 'rk-survey');
  await nps.locator('textarea').fill('Delivery took two weeks');
  await nps.locator('[part="follow-up-form"] button[part="submit"]').click();
  await nps.locator('[part="thanks"]').waitFor();
  assert.deepEqual(env.server.sql("SELECT score, comment FROM survey_responses WHERE survey_id = 'nps-demo'"), [{ score: 3, comment: 'Delivery took two weeks' }]);
  const stats = await env.server.admin('/v1/admin/surveys/nps-demo/stats');
  assert.deepEqual([stats.responses, stats.nps, stats.displays >= 1], [1, -100, true]);
  const events = await page.evaluate(() => window.__rkEvents.filter((e) => e.type === 'rk-survey-submit'));
  assert.deepEqual([events[0].detail.surveyId, events[0].detail.score, events[0].detail.category], ['nps-demo', 3, 'detractor']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('CSAT by keyboard: 1–5 labelled from very dissatisfied to very satisfied; a skipped follow-up', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/checkout.html`);
  const csat = page.locator('rk-survey[survey-id="csat-checkout"]');
  await csat.locator('[role=radio]').first().waitFor();
  const radios = csat.locator('[role=radio]');
  assert.equal(await radios.count(), 5);
  assert.equal(await radios.first().getAttribute('aria-label'), '1 – very dissatisfied');
  assert.equal(await radios.last().getAttribute('aria-label'), '5 – very satisfied');
  await radios.first().focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const a = await activeElement(page);
  assert.deepEqual([a.text, a.checked], ['4', 'true']);
  await page.keyboard.press('Enter');
  await csat.locator('label[part="follow-up-label"]').waitFor();
  await checkA11y(page, 'rk-survey[survey-id="csat-checkout"]');
  await csat.screenshot({ path: join(ARTIFACTS, 'csat-follow-up.png') });
  await csat.locator('button[part="skip"]').click();
  await csat.locator('[part="thanks"]').waitFor();
  assert.deepEqual(env.server.sql("SELECT score, comment FROM survey_responses WHERE survey_id = 'csat-checkout'"), [{ score: 4, comment: null }]);
  const stats = await env.server.admin('/v1/admin/surveys/csat-checkout/stats');
  assert.equal(stats.csat_satisfied_percent, 100);
  await page.context().close();
});

test('an unknown survey shows nothing and breaks nothing', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/checkout.html`);
  await page.evaluate(() => document.querySelector('rk-survey').setAttribute('survey-id', 'no-such-survey'));
  await page.locator('rk-survey[survey-id="nps-demo"] >> [role=radio]').first().waitFor();
  assert.equal(await page.locator('rk-survey[survey-id="no-such-survey"] >> .rk-card').count(), 0);
  assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
  await page.context().close();
});
