// A load of NPS answers sent the way the widget sends them, for the fault runs: every answer
// has its own Idempotency-Key, and is retried with that key (after 503, 429, 5xx, a timeout
// or a broken connection) until the server answers 201 or the run ends. The key is also the
// answer's comment, so the database tells which answers it holds and whether any twice.
//
//   node scripts/bench/loadgen.mjs --base http://127.0.0.1:8080 --survey nps-fault \
//        --concurrency 32 --seconds 12 --out run.json
//
// run.json: { acked: [[key, id, ms]…], pending: [key…], timeline: [[ms, ok, failed]…] (per 100 ms) }
import { writeFileSync } from 'node:fs';
import http from 'node:http';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const base = new URL(arg('base'));
const survey = arg('survey', 'nps-fault');
const concurrency = Number(arg('concurrency', 32));
const seconds = Number(arg('seconds', 10));
const out = arg('out', 'run.json');
const run = Math.random().toString(36).slice(2, 8);

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const start = Date.now();
const stopAt = start + seconds * 1000;
const acked = [];
const pending = new Set();
const buckets = new Map(); // 100 ms → [ok, failed]
const mark = (ok) => {
  const b = Math.floor((Date.now() - start) / 100);
  const v = buckets.get(b) || [0, 0];
  v[ok ? 0 : 1] += 1;
  buckets.set(b, v);
};

function post(key, body) {
  return new Promise((resolve) => {
    const req = http.request({
      host: base.hostname, port: base.port, path: `/v1/surveys/${survey}/responses`, method: 'POST', agent, timeout: 5000,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'RK-Visitor': `v-${key.slice(-12)}`, 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', () => resolve({ status: 0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function worker(w) {
  for (let n = 0; Date.now() < stopAt; n += 1) {
    const key = `rk-fault-${run}-${w}-${n}`;
    const body = JSON.stringify({ score: n % 11, comment: key });
    pending.add(key);
    for (let attempt = 0; Date.now() < stopAt; attempt += 1) {
      const r = await post(key, body);
      if (r.status === 201) {
        let id = null;
        try { id = JSON.parse(r.text).id; } catch { /* a 201 whose body was cut is not an acknowledgement */ }
        if (id !== null) {
          acked.push([key, id, Date.now()]);
          pending.delete(key);
          mark(true);
          break;
        }
      }
      mark(false);
      // Like the widget: back off a little, with jitter, then the same key again.
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const timeline = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([b, [ok, failed]]) => [b * 100, ok, failed]);
writeFileSync(out, JSON.stringify({ start, acked, pending: [...pending], timeline }));
agent.destroy();
console.log(`loadgen: ${acked.length} acknowledged, ${pending.size} pending at the end`);
