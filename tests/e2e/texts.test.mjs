// Texts and languages at run time (issue 16, item 6), in the release build against the real
// server: the page's texts before the loader ran, a language it adds (its plural forms from
// Intl.PluralRules), one element's own texts, texts given after the widgets are shown, and a
// key RetainKit does not have (a console warning, nothing else).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, checkA11y } from './harness.mjs';

const env = useServerAndBrowser({ surveys: ['nps-texts'] });

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Texts</title>
<script>
  window.RetainKit = [
    ['init', { texts: { en: { submit: 'Send feedback', write_review: 'Share your thoughts' } } }],
    ['addLocale', 'de', { nps_question: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?', submit: 'Senden',
      thanks: 'Danke für Ihr Feedback!', review_one: 'Bewertung', review_many: 'Bewertungen', no_such_key: 'x' }]
  ];
</script>
<script src="/dist/retainkit.js" data-api="" async></script></head>
<body>
  <rk-nps id="en" survey-id="nps-texts"></rk-nps>
  <rk-nps id="de" survey-id="nps-texts" lang="de"></rk-nps>
  <rk-reviews id="own" product-id="batik-parang" texts='{"write_review":"Tell others what you think"}'></rk-reviews>
  <rk-reviews id="rde" product-id="batik-parang" lang="de-DE"></rk-reviews>
</body></html>`;

test('texts by key: the page, an added language, one element, and later texts; a wrong key only warns', async () => {
  const page = await newPage(env.browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.route(`${env.server.url}/texts.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.goto(`${env.server.url}/texts.html`);

  const submit = (id) => page.locator(`#${id} >> button[type=submit]`);
  await submit('en').waitFor();
  assert.equal(await submit('en').textContent(), 'Send feedback');
  await submit('de').waitFor();
  assert.equal(await page.locator('#de >> .rk-question').textContent(), 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?');
  assert.equal(await submit('de').textContent(), 'Senden');
  assert.equal(await page.locator('#de >> [role=radio]').first().getAttribute('aria-label'), '0 – not at all likely', 'English fills the gaps');

  await page.locator('#own >> [part~=write-button]').waitFor();
  assert.equal(await page.locator('#own >> [part~=write-button]').textContent(), 'Tell others what you think', "the element's own");
  await page.locator('#rde >> [part~=write-button]').waitFor();
  assert.equal(await page.locator('#rde >> [part~=write-button]').textContent(), 'Share your thoughts', "the page's English where German has none");
  const count = await page.locator('#rde >> [part~=review-count]').textContent();
  assert.match(count, /^\d+ Bewertungen$/, `German plural (Intl.PluralRules): ${count}`);

  // An answer in the added language reaches the database with its language.
  await page.locator('#de >> [role=radio]').nth(9).click();
  await submit('de').click();
  await page.locator('#de >> text=Danke für Ihr Feedback!').waitFor();
  const rows = env.server.sql("SELECT score, locale FROM survey_responses WHERE survey_id = 'nps-texts'");
  assert.deepEqual(rows, [{ score: 9, locale: 'de' }]);

  // Texts given later replace the earlier ones on the widgets already shown.
  await page.evaluate(() => window.RetainKit.init({ texts: { en: { submit: 'Submit now' } } }));
  await page.locator('#en >> button[type=submit]:text-is("Submit now")').waitFor();

  assert.ok(warnings.some((w) => w.includes('no such text key') && w.includes('no_such_key')), warnings.join('\n'));
  await checkA11y(page, '#de');
});
