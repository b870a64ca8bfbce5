// Size report of the built dist/ (from dist/manifest.json): raw, gzip -9 and brotli -q 11
// bytes of every file, of the core and of each chunk with the shared code it fetches, and of
// what each kind of page downloads; checked against size-budget.json: `budgets` fail the
// build (exit 1) when exceeded, `targets` (goals not reached yet) are reported.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const budget = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url)));
const m = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
const KINDS = ['raw', 'gzip', 'brotli'];
const sum = (names) => KINDS.reduce((o, k) => ({ ...o, [k]: [...new Set(names)].reduce((n, f) => n + m.sizes[f][k], 0) }), {});
const core = [m.core, m.wasm];
const groups = {
  loader: [m.loader],
  stars: [m.stars],
  core,
  ...Object.fromEntries(Object.entries(m.chunks).map(([c, files]) => [`chunk ${c}`, files])),
};
// What a page downloads: the loader always; the core and the chunks its elements need.
const pages = {
  'collection page (40 <rk-stars>)': [m.loader, m.stars],
  'NPS-only page': [m.loader, ...core, ...m.chunks.surveys],
  'product page (stars, reviews, loyalty, exit offer)': [m.loader, m.stars, ...core, ...m.chunks.reviews, ...m.chunks.loyalty, ...m.chunks.popups],
  'everything (all chunks)': Object.keys(m.sizes),
};
const wasmAndGlue = Object.keys(m.sizes).filter((f) => f.endsWith('.wasm') || f === m.core);
const fmt = (n) => n.toLocaleString('en-US').padStart(10);
const row = (name, s) => console.log(`${name.padEnd(52)}${fmt(s.raw)}${fmt(s.gzip)}${fmt(s.brotli)}`);
console.log('RetainKit size report (bytes)');
console.log(`${'file'.padEnd(52)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const [f, s] of Object.entries(m.sizes)) row(f, s);
console.log('');
const report = { files: m.sizes, groups: {}, pages: {} };
for (const [g, files] of Object.entries(groups)) row(g + (g.startsWith('chunk') ? ' (with the code it shares)' : ''), (report.groups[g] = sum(files)));
console.log('');
for (const [p, files] of Object.entries(pages)) row(p, (report.pages[p] = sum(files)));
row('all WASM and its glue', (report.groups['all WASM and its glue'] = sum(wasmAndGlue)));
mkdirSync('target', { recursive: true });
writeFileSync('target/size-report.json', JSON.stringify(report, null, 2));

// Budgets fail; targets are told.
const measured = (name) => (report.groups[name] ?? report.pages[name])?.brotli ?? Infinity;
const over = Object.entries(budget.budgets).filter(([n, max]) => measured(n) > max).map(([n, max]) => `${n} ${measured(n)} > ${max}`);
for (const [n, goal] of Object.entries(budget.targets)) {
  const v = measured(n);
  console.log(`target ${v <= goal ? 'met' : 'NOT met'}: ${n} ${v} (goal ${goal})`);
}
if (over.length) {
  console.error(`size budget exceeded (brotli bytes): ${over.join('; ')}`);
  process.exit(1);
}
console.log('within budget (size-budget.json, brotli bytes)');
