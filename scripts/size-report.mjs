// Size report of the built bundle: raw, gzip -9 and brotli -q 11 bytes of the WASM, its JS
// glue and the loader, checked against size-budget.json. Exits 1 when over budget.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const budget = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url)));
const files = {
  wasm: 'dist/retainkit-core_bg.wasm',
  glue: 'dist/retainkit-core.js',
  loader: 'dist/retainkit.js',
};
const sizes = {};
for (const [name, path] of Object.entries(files)) {
  const buf = readFileSync(path);
  sizes[name] = {
    path,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}
const bundle = ['raw', 'gzip', 'brotli'].reduce(
  (o, k) => ({ ...o, [k]: sizes.wasm[k] + sizes.glue[k] }), { path: 'wasm + glue' });
const fmt = (n) => n.toLocaleString('en-US').padStart(10);
console.log('RetainKit size report (bytes)');
console.log(`${'file'.padEnd(34)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const s of [sizes.wasm, sizes.glue, sizes.loader, bundle]) {
  console.log(`${s.path.padEnd(34)}${fmt(s.raw)}${fmt(s.gzip)}${fmt(s.brotli)}`);
}
mkdirSync('target', { recursive: true });
writeFileSync('target/size-report.json', JSON.stringify({ ...sizes, bundle }, null, 2));

const over = [];
if (sizes.loader.brotli > budget.loader_brotli_max) over.push(`loader ${sizes.loader.brotli} > ${budget.loader_brotli_max}`);
if (bundle.brotli > budget.bundle_brotli_max) over.push(`wasm + glue ${bundle.brotli} > ${budget.bundle_brotli_max}`);
if (over.length) {
  console.error(`size budget exceeded (brotli bytes): ${over.join('; ')}`);
  process.exit(1);
}
console.log(`within budget: loader ≤ ${budget.loader_brotli_max}, wasm + glue ≤ ${budget.bundle_brotli_max} (brotli bytes)`);
