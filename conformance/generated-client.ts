// A client generated from openapi.json by standard tools (openapi-typescript for the types,
// openapi-fetch for the calls), run against a backend: if the document put a query
// parameter in the path, or gave two operations one name, this does not type-check or
// builds wrong URLs. scripts/generated-client.sh generates, type-checks and runs it.
//   node target/generated/client.mjs BASE_URL ADMIN_KEY
import createClient from 'openapi-fetch';
import type { paths } from '../target/generated/api';

declare const process: { argv: string[] };
const [base, adminKey] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl: base });
const admin = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${adminKey}` } });

declare const console: { log(line: string): void };
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`generated client: ${what}`);
  console.log(`ok - ${what}`);
}

const product = `gen-${Date.now()}`;

// A review written, published by the shop, then read with every query parameter.
const created = await api.POST('/v1/products/{product_id}/reviews', {
  params: { path: { product_id: product } },
  body: { rating: 5, body: 'Written by a generated client.', author_name: 'Gen', fill_ms: 9000 },
});
check(created.response.status === 201 && !!created.data, 'POST a review');
const moderated = await admin.POST('/v1/admin/reviews/{review_id}/moderation', {
  params: { path: { review_id: created.data!.id } },
  body: { action: 'approve' },
});
check(moderated.data?.status === 'published', 'the shop publishes it (admin, path parameter)');

const list = await api.GET('/v1/products/{product_id}/reviews', {
  params: { path: { product_id: product }, query: { sort: 'highest', rating: 5, limit: 1 } },
});
check(list.response.status === 200 && list.data!.items.length === 1 && list.data!.items[0].body === 'Written by a generated client.', 'GET reviews with sort, rating and limit in the query');
check(new URL(list.response.url).search === '?sort=highest&rating=5&limit=1', `query string built from the document (${new URL(list.response.url).search})`);

const none = await api.GET('/v1/products/{product_id}/reviews', {
  params: { path: { product_id: product }, query: { rating: 1 } },
});
check(none.data!.items.length === 0, 'the rating filter reaches the server');

const summaries = await api.GET('/v1/reviews/summaries', { params: { query: { product_ids: `${product},other` } } });
check(summaries.data!.summaries.some((s) => s.product_id === product && s.count === 1), 'GET summaries with product_ids in the query');

const surveys = await api.GET('/v1/surveys/active', { params: { query: { url: '/checkout', locale: 'en' } } });
check(surveys.response.status === 200 && Array.isArray(surveys.data!.surveys), 'GET surveys/active (its own operation)');
const offers = await api.GET('/v1/offers/active', { params: { query: { url: '/', locale: 'pl', cart_value: 100 } } });
check(offers.response.status === 200 && !!offers.data && 'offer' in offers.data, 'GET offers/active (its own operation)');

const queue = await admin.GET('/v1/admin/reviews', { params: { query: { status: 'published', limit: 5 } } });
check(queue.response.status === 200 && queue.data!.items.some((r) => r.product_id === product), 'GET the moderation queue with status and limit');
