// Surveys: answers, idempotency, follow-ups, definitions, statistics.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, refused, shape, key, RUN, BASE, ADMIN_KEY } from './kit.mjs';

const survey = `${RUN}-nps`;

before(async () => {
  const def = { id: survey, kind: 'nps', question: { en: 'How likely are you to recommend us?' },
    display: { triggers: [{ type: 'page_view', delay_seconds: 0 }], recontact: { type: 'once' }, audience: { urls: [{ match: 'prefix', value: `/${RUN}/never/` }] } } };
  assert.equal((await call('PUT', `/v1/admin/surveys/${survey}`, { body: def, admin: true })).status, 200);
});

test('answers and displays of a survey the shop does not have are refused with 404', async () => {
  refused(await call('POST', `/v1/surveys/${RUN}-unknown/responses`, { body: { score: 9 } }), 404);
  refused(await call('POST', `/v1/surveys/${RUN}-unknown/displays`, { body: { visitor_id: 'v-1' } }), 404);
});

test('an answer is created, and a retry with the same key replays it', async () => {
  const k = key();
  const body = { score: 9, comment: 'Fast delivery', locale: 'en' };
  const a = await call('POST', `/v1/surveys/${survey}/responses`, { body, headers: { 'Idempotency-Key': k } });
  assert.equal(a.status, 201);
  shape('ResponseCreated', a.json);
  assert.deepEqual([a.json.score, a.json.category], [9, 'promoter']);
  const b = await call('POST', `/v1/surveys/${survey}/responses`, { body, headers: { 'Idempotency-Key': k } });
  assert.equal(b.status, 201);
  assert.deepEqual(b.json, a.json, 'the replay is the first answer');
  refused(await call('POST', `/v1/surveys/${survey}/responses`, { body: { score: 2 }, headers: { 'Idempotency-Key': k } }), 422);
});

test('invalid answers name their fields', async () => {
  refused(await call('POST', `/v1/surveys/${survey}/responses`, { body: { score: 11 } }), 422, { score: 'out_of_range' });
  refused(await call('POST', `/v1/surveys/${survey}/responses`, { body: { score: 5, comment: 'x'.repeat(1001) } }), 422, { comment: 'too_long' });
  refused(await call('POST', `/v1/surveys/bad%20id/responses`, { body: { score: 5 } }), 422, { survey_id: 'invalid' });
});

test('the follow-up is added with the edit token, and only with it', async () => {
  const a = await call('POST', `/v1/surveys/${survey}/responses`, { body: { score: 8 } });
  refused(await call('PATCH', `/v1/surveys/${survey}/responses/${a.json.id}`, { body: { edit_token: 'wrong-token', comment: 'x' } }), 404);
  const p = await call('PATCH', `/v1/surveys/${survey}/responses/${a.json.id}`, { body: { edit_token: a.json.edit_token, comment: 'Almost perfect' } });
  assert.equal(p.status, 200);
  shape('ResponseCreated', p.json);
});

test('statistics follow the answers: NPS of 9, 8, 2 is 0', async () => {
  await call('POST', `/v1/surveys/${survey}/responses`, { body: { score: 2 } });
  const s = await call('GET', `/v1/admin/surveys/${survey}/stats`, { admin: true });
  assert.equal(s.status, 200);
  shape('SurveyStats', s.json);
  assert.deepEqual([s.json.responses, s.json.nps], [3, 0]);
});

test("results per period: today's answers in the last of 12 weeks, NPS with its 95 % interval; bad ranges name the field", async () => {
  const r = await call('GET', `/v1/admin/surveys/${survey}/results`, { admin: true });
  assert.equal(r.status, 200);
  shape('SurveyResults', r.json);
  assert.equal(r.json.interval, 'week');
  assert.equal(r.json.periods.length, 12);
  const last = r.json.periods[11];
  // 9, 8, 2 (the test above): one promoter, one passive, one detractor.
  assert.deepEqual([last.responses, last.nps.score, last.nps.promoters, last.nps.passives, last.nps.detractors], [3, 0, 1, 1, 1]);
  assert.ok(last.nps.ci_low < 0 && last.nps.ci_high > 0 && last.nps.ci_low >= -100 && last.nps.ci_high <= 100, JSON.stringify(last.nps));
  assert.ok(r.json.periods.slice(0, 11).every((p) => p.responses === 0 && p.nps === null), 'earlier weeks are there, empty');
  const day = await call('GET', `/v1/admin/surveys/${survey}/results?interval=day&from=${r.json.to}&to=${r.json.to}`, { admin: true });
  assert.deepEqual(day.json.periods.map((p) => [p.start, p.responses]), [[r.json.to, 3]]);
  refused(await call('GET', `/v1/admin/surveys/${survey}/results?from=2026-02-30`, { admin: true }), 422, { from: 'invalid' });
  refused(await call('GET', `/v1/admin/surveys/${survey}/results?from=2026-11-30&to=2026-11-01`, { admin: true }), 422, { from: 'out_of_range' });
  assert.equal((await call('GET', `/v1/admin/surveys/${survey}/results`)).status, 401);
});

test('a CSAT definition is active on its pages and takes 1–5', async () => {
  const id = `${RUN}-csat`;
  const def = { id, kind: 'csat', question: { en: 'How was checkout?' },
    display: { triggers: [{ type: 'page_view', delay_seconds: 1 }], recontact: { type: 'once' }, audience: { urls: [{ match: 'prefix', value: `/${RUN}/` }] } } };
  const put = await call('PUT', `/v1/admin/surveys/${id}`, { body: def, admin: true });
  assert.equal(put.status, 200);
  shape('SurveyDefinition', put.json);
  const active = await call('GET', `/v1/surveys/active?url=/${RUN}/checkout`);
  shape('ActiveSurveys', active.json);
  assert.ok(active.json.surveys.some((s) => s.id === id));
  refused(await call('POST', `/v1/surveys/${id}/responses`, { body: { score: 0 } }), 422, { score: 'out_of_range' });
  assert.equal((await call('POST', `/v1/surveys/${id}/responses`, { body: { score: 4 } })).status, 201);
  const d = await call('POST', `/v1/surveys/${id}/displays`, { body: { visitor_id: 'v-1' } });
  assert.equal(d.status, 201);
  shape('DisplayRecorded', d.json);
  const s = await call('GET', `/v1/admin/surveys/${id}/stats`, { admin: true });
  assert.equal(s.json.csat_satisfied_percent, 100);
});

test('a page places a survey as a popup (<rk-survey placement="popup">): listed whatever its page rules, an inline one in the corner at once', async () => {
  const id = `${RUN}-placed`;
  const def = { id, kind: 'nps', question: { en: 'Recommend us?' },
    display: { triggers: [], placement: 'inline', recontact: { type: 'once' }, audience: { urls: [{ match: 'exact', value: `/${RUN}/only-here` }] } } };
  assert.equal((await call('PUT', `/v1/admin/surveys/${id}`, { body: def, admin: true })).status, 200);
  const elsewhere = await call('GET', `/v1/surveys/active?url=/${RUN}/elsewhere`);
  assert.ok(!elsewhere.json.surveys.some((s) => s.id === id), 'not on a page its rules leave out');
  const placed = await call('GET', `/v1/surveys/active?url=/${RUN}/elsewhere&placed=${RUN}-missing,${id}`);
  shape('ActiveSurveys', placed.json);
  const s = placed.json.surveys.find((x) => x.id === id);
  assert.ok(s, 'placed by the page');
  assert.equal(s.display.placement, 'bottom_right');
  assert.deepEqual(s.display.triggers, [{ type: 'page_view', delay_seconds: 0 }]);
  assert.deepEqual(s.display.audience?.urls ?? [], []);
});

test('the shop reads a survey back as written, and lists its surveys a page at a time', async () => {
  const got = await call('GET', `/v1/admin/surveys/${survey}`, { admin: true });
  assert.equal(got.status, 200);
  shape('SurveyDefinition', got.json);
  assert.equal(got.json.question.en, 'How likely are you to recommend us?');
  refused(await call('GET', `/v1/admin/surveys/${RUN}-unknown`, { admin: true }), 404);
  refused(await call('GET', `/v1/admin/surveys/${survey}`), 401);
  // Every page at most `limit` long, ours among them, none twice.
  const ids = [];
  let cursor = null;
  for (let n = 0; n < 1000; n++) {
    const page = await call('GET', `/v1/admin/surveys?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { admin: true });
    assert.equal(page.status, 200);
    shape('SurveyDefinitionPage', page.json);
    assert.ok(page.json.items.length <= 2);
    ids.push(...page.json.items.map((s) => s.id));
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.ok(ids.includes(survey));
  assert.equal(ids.length, new Set(ids).size, 'each once');
});

test("the shop reads a survey's answers with their comments, filtered and paged", async () => {
  const id = `${RUN}-why`;
  const def = { id, kind: 'nps', question: { en: 'Would you recommend us?' },
    display: { triggers: [{ type: 'page_view', delay_seconds: 0 }], recontact: { type: 'once' }, audience: { urls: [{ match: 'prefix', value: `/${RUN}/never/` }] } } };
  assert.equal((await call('PUT', `/v1/admin/surveys/${id}`, { body: def, admin: true })).status, 200);
  for (const [score, comment] of [[2, 'Late delivery'], [9, null], [4, null]]) {
    assert.equal((await call('POST', `/v1/surveys/${id}/responses`, { body: { score, comment, page: '/checkout' } })).status, 201);
  }
  const all = await call('GET', `/v1/admin/surveys/${id}/responses`, { admin: true });
  assert.equal(all.status, 200);
  shape('AdminResponsePage', all.json);
  assert.deepEqual(all.json.items.map((r) => r.score).sort(), [2, 4, 9]);
  const why = await call('GET', `/v1/admin/surveys/${id}/responses?category=detractor&with_comment=true`, { admin: true });
  assert.deepEqual(why.json.items.map((r) => [r.score, r.comment]), [[2, 'Late delivery']]);
  const first = await call('GET', `/v1/admin/surveys/${id}/responses?limit=2`, { admin: true });
  assert.equal(first.json.items.length, 2);
  const rest = await call('GET', `/v1/admin/surveys/${id}/responses?limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`, { admin: true });
  assert.deepEqual([...first.json.items, ...rest.json.items].map((r) => r.id).sort(), all.json.items.map((r) => r.id).sort(), 'two pages hold every answer once');
  refused(await call('GET', `/v1/admin/surveys/${id}/responses`), 401);
});

test('the answers as CSV: RFC 4180, a header first, a formula kept as text', async () => {
  const id = `${RUN}-csv`;
  const def = { id, kind: 'nps', question: { en: 'Recommend us?' }, display: { triggers: [{ type: 'page_view', delay_seconds: 0 }], recontact: { type: 'once' } } };
  assert.equal((await call('PUT', `/v1/admin/surveys/${id}`, { body: def, admin: true })).status, 200);
  for (const comment of ['=1+1', 'comma, "quote"\nnew line']) {
    assert.equal((await call('POST', `/v1/surveys/${id}/responses`, { body: { score: 8, comment } })).status, 201);
  }
  const res = await fetch(`${BASE}/v1/admin/exports/responses.csv?survey_id=${id}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const text = await res.text();
  assert.ok(text.startsWith('id,survey_id,created_at,score,category,choice,text,comment,locale,page\r\n'), text.slice(0, 120));
  assert.ok(text.includes(`"'=1+1"`), 'the formula is text');
  assert.ok(text.includes('"comma, ""quote""\nnew line"'), 'quoted, quotes doubled');
  assert.ok(text.endsWith('\r\n'));
  assert.equal((await fetch(`${BASE}/v1/admin/exports/responses.csv`)).status, 401);
});
