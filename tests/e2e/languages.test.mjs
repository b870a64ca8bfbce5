// The whole demo shop in each of its languages (issue 15, item 8): the product page, all
// products, checkout and the review form exist in English, Indonesian and Polish, and every
// widget on them speaks the page's language and works against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, showWidget, checkA11y } from './harness.mjs';

const env = useServerAndBrowser();

const SHOPS = {
  id: { reviews: 'Ulasan pelanggan', send: 'Kirim', sendReview: 'Kirim ulasan', question: 'Seberapa besar kemungkinan Anda merekomendasikan Toko Demo kepada teman atau kolega?', csat: 'Seberapa puas Anda dengan proses pembayaran?', price: 'Rp 250.000' },
  pl: { reviews: 'Opinie klientów', send: 'Wyślij', sendReview: 'Wyślij opinię', question: 'Jak bardzo prawdopodobne jest, że polecisz Toko Demo znajomemu lub współpracownikowi?', csat: 'Jak bardzo jesteś zadowolony z finalizacji zamówienia?', price: '249 zł' },
};

for (const [lang, t] of Object.entries(SHOPS)) {
  test(`the ${lang} shop: product page, all products, checkout and the review form, each in ${lang}`, async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/${lang}/`);
    assert.equal(await page.locator('.price').textContent(), t.price);
    await page.locator('rk-stars').first().locator('[part="stars"]').waitFor();
    await page.locator('rk-reviews').scrollIntoViewIfNeeded();
    await page.locator('rk-reviews >> .rk-review-list').waitFor();
    assert.equal(await page.locator('rk-reviews >> #rk-reviews-title').textContent(), t.reviews);
    await showWidget(page);
    assert.equal(await page.locator('rk-nps >> .rk-question').textContent(), t.question);
    assert.equal(await page.locator('rk-nps >> button[type=submit]').textContent(), t.send);
    await page.locator('rk-loyalty .rk-launcher').waitFor();
    await checkA11y(page, 'rk-reviews');

    // Every page links to its counterparts, and the shop's pages to each other.
    for (const href of [`/${lang}/collection.html`, `/${lang}/write-review.html`, `/${lang}/checkout.html`, '/', `/${lang === 'id' ? 'pl' : 'id'}/`]) {
      assert.equal(await page.locator(`header nav a[href="${href}"]`).count(), 1, href);
    }

    await page.goto(`${env.server.url}/${lang}/collection.html`);
    await page.locator('rk-stars').first().locator('[part="stars"]').waitFor();
    assert.equal(await page.locator('rk-stars').count(), 40);
    assert.equal(await page.locator('rk-stars').first().locator('a').getAttribute('lang'), lang);

    await page.goto(`${env.server.url}/${lang}/checkout.html`);
    const csat = page.locator('rk-survey[survey-id="csat-checkout"]');
    await csat.locator('[role=radio]').first().waitFor();
    assert.equal(await csat.locator('.rk-question').first().textContent(), t.csat);

    await page.goto(`${env.server.url}/${lang}/write-review.html`);
    const form = page.locator('rk-review-form');
    await form.locator('[role=radio]').first().waitFor();
    assert.equal(await form.locator('button[part="submit"]').textContent(), t.sendReview);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
