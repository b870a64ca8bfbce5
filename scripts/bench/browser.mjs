// The browser benchmark (run by scripts/bench-browser.sh, not a test): headless Chromium at
// 4× CPU throttling with the cache off, against the reference server on loopback (brotli), for
// the kinds of page a shop has, each also over slow 4G. Per page kind, the medians of N runs:
//
//   transfer       bytes over the wire: RetainKit's files (loader, modules, WASM) and the API
//   ready          loader script arrived → the page's widgets drawn (ms)
//   busy           main-thread task time above the same page without RetainKit (ms)
//   long tasks     tasks over 50 ms on the main thread (the bare page has none)
//   CLS            layout shift while loading and using the page
//   click→paint    a click on the widget until the next frame shows the answer (Event Timing)
//
//   node scripts/bench/browser.mjs <server url> [runs]      → stdout and target/bench/
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';

const base = process.argv[2];
const runs = Number(process.argv[3] || process.env.RK_BENCH_RUNS || 7);
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

// What "ready" means on each page, checked every frame; and what a click does.
const KINDS = {
  bare: { path: '/bench/bare.html', ready: () => true },
  nps: {
    path: '/bench/nps.html',
    ready: () => !!document.querySelector('rk-nps')?.shadowRoot?.querySelector('[role=radiogroup] [role=radio]'),
    click: 'rk-nps >> [role=radio] >> nth=9',
    clicked: () => document.querySelector('rk-nps').shadowRoot.querySelector('[aria-checked=true]') !== null,
  },
  collection: {
    path: '/bench/collection.html',
    ready: () => [...document.querySelectorAll('rk-stars')].every((e) => e.shadowRoot?.querySelector('a')),
  },
  product: {
    path: '/bench/product.html',
    ready: () => !!(document.querySelector('rk-stars')?.shadowRoot?.querySelector('a')
      && document.querySelector('rk-reviews')?.shadowRoot?.querySelector('.rk-review')
      && document.querySelector('rk-loyalty')?.shadowRoot?.querySelector('.rk-launcher')),
    click: 'rk-loyalty >> .rk-launcher',
    clicked: () => !!document.querySelector('rk-loyalty').shadowRoot.querySelector('dialog[open]'),
  },
};

const median = (xs) => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Records, in the page from its first script on: long tasks, layout shifts, event timings. */
function observe() {
  window.__rk = { longtasks: [], cls: 0, events: [], ready: null };
  const po = (type, f, extra) => {
    try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({ type, buffered: true, ...extra }); } catch { /* not supported */ }
  };
  po('longtask', (e) => window.__rk.longtasks.push(e.duration));
  po('layout-shift', (e) => { if (!e.hadRecentInput) window.__rk.cls += e.value; });
  po('event', (e) => window.__rk.events.push({ name: e.name, duration: e.duration }), { durationThreshold: 16 });
}

async function once(browser, kind, { slow, repeat }) {
  const spec = KINDS[kind];
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(observe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (slow) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  if (repeat) {
    // The first view fills the cache; the second one is measured.
    await page.goto(base + spec.path, { waitUntil: 'load' });
    await page.waitForFunction(spec.ready, null, { timeout: 60_000, polling: 'raf' });
    await page.waitForTimeout(1500);
  } else {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  const urls = new Map();
  const bytes = { code: 0, wasm: 0, api: 0 };
  let inflight = 0;
  let lastDone = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => { urls.set(e.requestId, e.request.url); inflight++; });
  cdp.on('Network.loadingFinished', (e) => {
    inflight--;
    lastDone = Date.now();
    const u = new URL(urls.get(e.requestId) || base);
    if (u.pathname.startsWith('/dist/')) {
      bytes.code += e.encodedDataLength;
      if (u.pathname.endsWith('.wasm')) bytes.wasm += e.encodedDataLength;
    } else if (u.pathname.startsWith('/v1/')) bytes.api += e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', () => { inflight--; lastDone = Date.now(); });
  await page.goto(base + spec.path, { waitUntil: 'load' });
  const readyAt = await page.waitForFunction(spec.ready, null, { timeout: 60_000, polling: 'raf' }).then(() => page.evaluate(() => performance.now()));
  // Settled: nothing on the wire for a second (the popup check runs at idle), 20 s at most.
  const until = Date.now() + 20_000;
  while ((inflight > 0 || Date.now() - lastDone < 1000) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const loaderAt = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/dist/retainkit.js'));
    return e ? e.responseEnd : null;
  });
  let clickToPaint = null;
  if (spec.click) {
    await page.locator(spec.click).click();
    await page.waitForFunction(spec.clicked, null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    clickToPaint = await page.evaluate(() => {
      const e = window.__rk.events.filter((x) => x.name === 'click' || x.name === 'pointerup' || x.name === 'pointerdown');
      return e.length ? Math.max(...e.map((x) => x.duration)) : null;
    });
  }
  const after = await cdp.send('Performance.getMetrics');
  const metric = (m, n) => m.metrics.find((x) => x.name === n)?.value ?? 0;
  const seen = await page.evaluate(() => window.__rk);
  await context.close();
  return {
    code: bytes.code,
    wasm: bytes.wasm,
    api: bytes.api,
    ready: loaderAt != null ? readyAt - loaderAt : null,
    navToReady: readyAt,
    // The page's main-thread task time since its navigation (the counters start with it).
    busy: metric(after, 'TaskDuration') * 1000,
    longtasks: seen.longtasks.length,
    longest: seen.longtasks.length ? Math.max(...seen.longtasks) : 0,
    cls: seen.cls,
    clickToPaint,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const version = browser.version();
const variants = [];
for (const slow of [false, true]) {
  for (const [kind, repeat] of [['bare', false], ['nps', false], ['collection', false], ['product', false], ['product', true]]) {
    variants.push({ kind, repeat, slow });
  }
}
const results = [];
for (const v of variants) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once(browser, v.kind, v));
  const med = (k) => median(samples.map((s) => s[k]));
  results.push({ ...v, runs, code: med('code'), wasm: med('wasm'), api: med('api'), ready: med('ready'), navToReady: med('navToReady'),
    busy: med('busy'), longtasks: med('longtasks'), longest: med('longest'), cls: med('cls'), clickToPaint: med('clickToPaint') });
  process.stderr.write(`${v.kind}${v.repeat ? ' (repeat)' : ''}${v.slow ? ' slow 4G' : ''}: done\n`);
}
await browser.close();

// Busy time above the bare page of the same network.
for (const r of results) {
  const bare = results.find((b) => b.kind === 'bare' && b.slow === r.slow);
  r.busyAbove = r.kind === 'bare' ? 0 : Math.max(0, r.busy - bare.busy);
}
const kb = (n) => (n / 1000).toFixed(1);
const ms = (n) => (n == null ? '–' : Math.round(n).toString());
const lines = [
  `Browser benchmark, ${new Date().toISOString().slice(0, 10)}, Chromium ${version}, 4× CPU throttling, cache off, brotli, medians of ${runs} runs`,
  '',
  '| page | network | RetainKit code KB | of it WASM KB | API KB | loader → ready ms | busy above bare ms | long tasks | CLS | click → paint ms |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const r of results.filter((x) => x.kind !== 'bare')) {
  const name = { nps: 'NPS only', collection: 'collection (40 stars)', product: 'product (stars, reviews, loyalty, exit offer)' }[r.kind] + (r.repeat ? ', repeat view' : '');
  lines.push(`| ${name} | ${r.slow ? 'slow 4G' : 'loopback'} | ${kb(r.code)} | ${kb(r.wasm)} | ${kb(r.api)} | ${ms(r.ready)} | ${ms(r.busyAbove)} | ${r.longtasks} | ${r.cls.toFixed(3)} | ${ms(r.clickToPaint)} |`);
}
const text = lines.join('\n');
console.log(text);
mkdirSync('target/bench', { recursive: true });
writeFileSync(`target/bench/browser-${new Date().toISOString().slice(0, 10)}.md`, text + '\n');
writeFileSync('target/bench/browser.json', JSON.stringify({ chromium: version, runs, results }, null, 2));
