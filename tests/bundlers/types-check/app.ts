// What a TypeScript user writes against the package, checked with tsc --strict: the default
// export and window.RetainKit, typed events on elements and on document, the tag map.
import RetainKit from 'retainkit';
import type { RkSurveySubmitDetail, InitOptions, Texts } from 'retainkit';

const options: InitOptions = { api: 'https://api.example', locale: 'pl', popups: { cooldownDays: 3 }, texts: { en: { write_review: 'Share your thoughts' } } };
const german: Texts = { submit: 'Senden', review_one: 'Bewertung', review_many: 'Bewertungen' };
RetainKit.addLocale('de', german).addLocale('pt-BR', { close: 'Fechar' });
RetainKit.init(options).setContext({ cart_value: 25_000_000, currency: 'IDR' }).track('added_to_cart');
window.RetainKit.open('loyalty', { page: 'rewards' });
window.RetainKit.open('survey', { id: 'nps-q4' });
void RetainKit.ready().then((rk) => rk.identify(null));

const nps = document.querySelector('rk-nps');
nps?.addEventListener('rk-survey-submit', (e) => {
  const d: RkSurveySubmitDetail = e.detail;
  const score: number | null = d.score;
  console.log(score, d.category);
});
const created = document.createElement('rk-reviews');
created.setAttribute('product-id', 'p1');

// Mistakes the types catch.
// @ts-expect-error an unknown popup kind
RetainKit.open('banner');
// @ts-expect-error a loyalty page that does not exist
RetainKit.open('loyalty', { page: 'settings' });
// @ts-expect-error a text key that does not exist
RetainKit.addLocale('de', { write_reveiw: 'Bewerten' });
// @ts-expect-error a text is a string
RetainKit.init({ texts: { en: { submit: 3 } } });
// @ts-expect-error cart_value is a number of minor units
RetainKit.setContext({ cart_value: { amount: 3 } });
