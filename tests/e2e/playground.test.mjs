// The playground (issue 16, item 7): /playground.html on the reference server shows every
// element live; the theme, tokens, language (an added one too) and texts chosen there apply at
// once, stay for the tab, and the snippet it gives produces the same widgets on another page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, checkA11y } from './harness.mjs';

const env = useServerAndBrowser();
const submit = (page) => page.locator('rk-nps >> button[type=submit]');
const accentOf = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

test('the playground: theme, tokens, languages and texts apply live, stay for the tab, and its snippet reproduces them', async () => {
  // Reduced motion: no colour transitions, so a colour read is the final one.
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}/playground.html`);
  for (const tag of ['rk-nps', 'rk-survey', 'rk-reviews', 'rk-review-form']) {
    await page.locator(tag).scrollIntoViewIfNeeded();
    await page.locator(`${tag} >> .rk-root`).waitFor();
  }
  await page.locator('rk-stars >> [part~=stars]').waitFor();
  await checkA11y(page, 'body');

  // Dark: every element gets the attribute, and the page stays accessible.
  await page.check('input[name=theme][value=dark]');
  assert.equal(await page.locator('rk-nps').getAttribute('theme'), 'dark');
  assert.equal(await page.locator('rk-loyalty').getAttribute('theme'), 'dark');
  await checkA11y(page, 'body');

  // A token on :root reaches the widgets; a pair with poor contrast is pointed out.
  await page.locator('#settings input[data-token="--rk-color-accent"]').evaluate((el) => {
    el.value = '#aa0000';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await accentOf(submit(page)), 'rgb(170, 0, 0)');
  assert.equal(await page.locator('#contrast').textContent(), '');
  await page.locator('#settings input[data-token="--rk-color-accent"]').evaluate((el) => {
    el.value = '#ffe14d';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.match(await page.locator('#contrast').textContent(), /--rk-color-accent-text on --rk-color-accent: contrast 1\.\d:1, below 4\.5:1/);
  await page.locator('#settings input[data-token="--rk-color-accent"]').evaluate((el) => {
    el.value = '#aa0000';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });

  // Languages: a built-in one and the one the page adds.
  await page.selectOption('#locale', 'de');
  await page.locator('rk-nps >> .rk-question:text-is("Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?")').waitFor();
  await page.selectOption('#locale', 'pl');
  await page.locator('rk-nps >> button[type=submit]:text-is("Wyślij")').waitFor();

  // A text by key; a key that does not exist is refused with a message.
  await page.fill('#text-key', 'no_such_text');
  await page.click('#text-set');
  assert.match(await page.locator('#text-key').evaluate((el) => el.validationMessage), /No text has the key “no_such_text”/);
  await page.fill('#text-key', 'submit');
  await page.press('#text-key', 'Tab');
  assert.equal(await page.locator('#text-value').getAttribute('placeholder'), 'Send');
  await page.fill('#text-value', 'Wyślij teraz');
  await page.click('#text-set');
  await page.locator('rk-nps >> button[type=submit]:text-is("Wyślij teraz")').waitFor();
  assert.equal(await page.locator('#text-list li').count(), 1);

  const snippet = await page.locator('#snippet').textContent();
  assert.match(snippet, /--rk-color-accent: #aa0000;/);
  assert.match(snippet, /\['init', \{"locale":"pl","texts":\{"pl":\{"submit":"Wyślij teraz"\}\}\}\]/);
  assert.match(snippet, /<rk-nps survey-id="YOUR-SURVEY-ID" theme="dark"><\/rk-nps>/);

  // Kept for the tab. (The browser restores the scroll position, further down than the NPS
  // card, which loads only near the viewport: scroll it back.)
  await page.reload();
  assert.equal(await page.locator('#locale').inputValue(), 'pl');
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> button[type=submit]:text-is("Wyślij teraz")').waitFor();

  // The snippet on a page of its own (the two URLs and the ids filled in) shows the same.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snippet</title>${snippet
    .replace('https://cdn.example/retainkit/retainkit.js', '/dist/retainkit.js').replace('https://api.example', '')
    .replace('YOUR-PRODUCT-ID', 'batik-parang').replace('YOUR-SURVEY-ID', 'nps-demo')}</head><body></body></html>`;
  const other = await newPage(env.browser, { reducedMotion: 'reduce' });
  await other.route(`${env.server.url}/snippet.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await other.goto(`${env.server.url}/snippet.html`);
  await other.locator('rk-nps >> button[type=submit]:text-is("Wyślij teraz")').waitFor();
  assert.equal(await accentOf(other.locator('rk-nps >> button[type=submit]')), 'rgb(170, 0, 0)');
  assert.equal(await other.locator('rk-nps').getAttribute('theme'), 'dark');
  assert.deepEqual(errors, []);
});
