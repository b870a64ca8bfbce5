// The last step of scripts/build.sh: from the split, bindgen'd and optimised WASM in a work
// directory, writes dist/ — every file content-hashed (so a CDN and the browser may keep it
// `immutable`), the JS glue and wasm-split's chunk loader bundled into one module, the
// loader (retainkit.js, the one unhashed file) told the hashed names, and a precompressed
// .br and .gz beside each file — then the npm package in pkg/ from the same files.
//
//   node scripts/package.mjs <work dir>
//
// <work dir>/opt holds retainkit-core_bg.wasm, split_<chunk>.wasm and chunk_<n>.wasm (the
// optimised modules); <work dir>/bg the glue retainkit-core.js; <work dir>/split the
// __wasm_split.js wasm-split wrote. dist/manifest.json lists what was written.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { buildSync } from 'esbuild';
import { minify } from 'terser';

const work = process.argv[2];
if (!work) throw new Error('usage: node scripts/package.mjs <work dir>');
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
const written = [];
function emit(name, buf) {
  writeFileSync(join('dist', name), buf);
  written.push(name);
}
function hashed(stem, ext, buf) {
  const name = `${stem}.${hash(buf)}.${ext}`;
  emit(name, buf);
  return name;
}
// Source maps of the minified JavaScript, `<file>.map` beside each (with the sources in them).
// The files carry no `sourceMappingURL` comment (the loader's bytes are budgeted): servers send
// `SourceMap: <file>.map` (the reference server does), and DevTools follows it.
const maps = [];
function emitMap(name, map) {
  writeFileSync(join('dist', `${name}.map`), map);
  maps.push(`${name}.map`);
}

// Terser (two compress passes) rather than esbuild's minifier for what pages download: the
// loader comes out ~100 B brotli smaller (3,059 → 2,955 measured on one build), the stars module ~17 B.
// Legal comments (`/*! … */`) stay; `map` is the input's source map when it has one.
// `unsafe` (the loader: written for it) also turns functions that use neither `this` nor
// `arguments` into arrows and object members into methods: ~15 B more.
async function small(code, sourcefile, { module = false, map = null, unsafe = false } = {}) {
  const out = await minify({ [sourcefile]: code }, {
    module, ecma: 2020, mangle: true, format: { comments: /^!/ },
    compress: { passes: 2, ...(unsafe ? { unsafe_arrows: true, unsafe_methods: true } : {}) },
    sourceMap: { includeSources: true, ...(map ? { content: map } : {}) },
  });
  return { code: out.code, map: out.map };
}

// 0. Short import names. wasm-bindgen names each JS function the WASM imports after its
//    Rust path plus a 16-hex hash (`__wbg_createElement_0b0b…`), from the module
//    "./retainkit-core_bg.js": 230 imports, 12 KB of names, written twice (in the WASM and in
//    the glue's import object) and hard to compress. They become `a`, `b`, … from module "a"
//    in both. (The imports from the chunk loader, "./__wasm_split.js", keep their names.)
const GLUE_MODULE = './retainkit-core_bg.js';
const SHORT_MODULE = 'a';
const importNames = {};
function leb(buf, pos) {
  let n = 0, shift = 0, b;
  do { b = buf[pos++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return [n >>> 0, pos];
}
function lebBytes(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}
const str = (s) => { const b = Buffer.from(s, 'utf8'); return [...lebBytes(b.length), ...b]; };
function shortName(i) {
  const A = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do { s = A[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0);
  return s;
}
function shortImports(wasm) {
  const out = [wasm.subarray(0, 8)];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, body] = leb(wasm, pos + 1);
    const end = body + size;
    if (id !== 2) { out.push(wasm.subarray(pos, end)); pos = end; continue; }
    let [count, p] = leb(wasm, body);
    const entries = [...lebBytes(count)];
    let next = 0;
    while (count--) {
      const [mlen, m0] = leb(wasm, p);
      const module = wasm.toString('utf8', m0, m0 + mlen);
      const [nlen, n0] = leb(wasm, m0 + mlen);
      const name = wasm.toString('utf8', n0, n0 + nlen);
      const kind = wasm[n0 + nlen];
      let q = n0 + nlen + 1;
      if (kind === 0) q = leb(wasm, q)[1];                                    // function: type index
      else if (kind === 1 || kind === 2) {                                     // table, memory
        if (kind === 1) q += 1;                                                // reference type
        const flags = wasm[q++];
        q = leb(wasm, q)[1];
        if (flags & 1) q = leb(wasm, q)[1];
      } else if (kind === 3) q += 2;                                           // global: value type, mutability
      else throw new Error(`import kind ${kind} of ${module}.${name}`);
      if (module === GLUE_MODULE) {
        importNames[name] = importNames[name] || shortName(next++);
        entries.push(...str(SHORT_MODULE), ...str(importNames[name]));
      } else {
        entries.push(...str(module), ...str(name));
      }
      entries.push(...wasm.subarray(n0 + nlen, q));
      p = q;
    }
    out.push(Buffer.from([2, ...lebBytes(entries.length), ...entries]));
    pos = end;
  }
  return Buffer.concat(out);
}

// 1. The WASM files. wasm-split names a chunk `split_<name>` and code that several chunks
//    share `chunk_<n>`; its loader says which chunks share one (`/* loyalty, reviews */`).
let link = readFileSync(join(work, 'split', '__wasm_split.js'), 'utf8');
const sharedBy = {};
for (const m of link.matchAll(/\/\* ([a-z, ]+) \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+)\.wasm"/g)) {
  sharedBy[m[3]] = m[1].split(', ');
}
const rename = {};
for (const file of readdirSync(join(work, 'opt')).sort()) {
  const buf = readFileSync(join(work, 'opt', file));
  const stem = file.replace(/\.wasm$/, '');
  if (stem === 'retainkit-core_bg') rename[file] = hashed('retainkit-core', 'wasm', shortImports(buf));
  else if (stem.startsWith('split_')) rename[file] = hashed(`retainkit-${stem.slice(6)}`, 'wasm', buf);
  else if (sharedBy[stem]) rename[file] = hashed(`retainkit-${sharedBy[stem].join('-')}`, 'wasm', buf);
  else throw new Error(`unexpected file from wasm-split: ${file}`);
}

// 2. Which files each chunk needs: its own and the shared ones it waits for.
const chunks = {};
const chunkVar = {};
for (const m of link.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)"/g)) {
  chunkVar[m[1]] = rename[m[2]];
}
for (const m of link.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(split_\w+\.wasm)"[\s\S]*?, \[([^\]]*)\]\)\);/g)) {
  const deps = m[3].split(',').map((s) => s.trim()).filter(Boolean).map((v) => chunkVar[v]);
  chunks[m[1]] = [...deps, rename[m[2]]];
}
if (Object.keys(chunks).sort().join() !== 'loyalty,popups,reviews,surveys') {
  throw new Error(`wasm-split's loader has chunks ${Object.keys(chunks)}; expected loyalty, popups, reviews, surveys`);
}

// 3. One JS module: the glue and the chunk loader (they import each other), which also
//    exports prefetch(chunk): the loader starts a chunk's fetches before it is needed, and
//    the chunk loader takes those responses instead of fetching again.
link = link.replace(/"\.\/((?:split|chunk)_\w+\.wasm)"/g, (_, f) => JSON.stringify(`./${rename[f]}`));
link = link.replaceAll('fetch(new URL(', 'rkFetch(new URL(');
const urls = (files) => `[${files.map((f) => `new URL(${JSON.stringify(`./${f}`)}, import.meta.url)`).join(', ')}]`;
// rkEarly: a URL's early fetch until the chunk loader takes it, then `true` (fetched: a later
// prefetch does nothing; a retry after a failure fetches again).
link = `const rkEarly = new Map();
const rkFetch = (u) => { const p = rkEarly.get(u.href); rkEarly.set(u.href, true); return p instanceof Promise ? p : fetch(u); };
const rkChunks = { ${Object.entries(chunks).map(([c, files]) => `${c}: () => ${urls(files)}`).join(', ')} };
export function prefetch(chunk) {
    for (const u of (rkChunks[chunk] ? rkChunks[chunk]() : [])) {
        if (!rkEarly.has(u.href)) { const p = fetch(u); p.catch(() => {}); rkEarly.set(u.href, p); }
    }
}
` + link;
const tmp = join(work, 'js');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp);
writeFileSync(join(tmp, '__wasm_split.js'), link);
let glue = readFileSync(join(work, 'bg', 'retainkit-core.js'), 'utf8');
for (const [from, to] of Object.entries(importNames)) glue = glue.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
glue = glue.replace(`"${GLUE_MODULE}":`, `"${SHORT_MODULE}":`)
  .replace("'retainkit-core_bg.wasm'", JSON.stringify(rename['retainkit-core_bg.wasm']))
  + "\nexport { prefetch } from './__wasm_split.js';\n";
if (!glue.includes(rename['retainkit-core_bg.wasm'])) throw new Error('the glue does not name retainkit-core_bg.wasm');
writeFileSync(join(tmp, 'retainkit-core.js'), glue);
const built = buildSync({
  entryPoints: [join(tmp, 'retainkit-core.js')], bundle: true, format: 'esm', minify: true,
  write: false, logLevel: 'error', target: 'es2020', sourcemap: 'external', outfile: join(tmp, 'out.js'), sourceRoot: 'retainkit-core',
}).outputFiles;
const coreMin = await small(built.find((f) => f.path.endsWith('.js')).text, 'retainkit-core.bundle.js', {
  module: true, map: built.find((f) => f.path.endsWith('.map')).text.replaceAll(`${tmp}/`, ''),
});
const core = hashed('retainkit-core', 'js', Buffer.from(coreMin.code));
emitMap(core, coreMin.map);
const starsMin = await small(readFileSync('www/retainkit-stars.js', 'utf8'), 'retainkit-stars.src.js', { module: true });
const stars = hashed('retainkit-stars', 'js', Buffer.from(starsMin.code));
emitMap(stars, starsMin.map);

// 4. The loader, told this build's files.
const files = { core, wasm: rename['retainkit-core_bg.wasm'], stars };
const source = readFileSync('www/retainkit.js', 'utf8');
const line = /^ {2}var FILES = .*; \/\/ <build: files>$/m;
if (!line.test(source)) throw new Error('www/retainkit.js has no `var FILES = …; // <build: files>` line');
const loader = await small(source.replace(line, `  var FILES = ${JSON.stringify(files)};`), 'retainkit.src.js', { unsafe: true });
emit('retainkit.js', loader.code);
emitMap('retainkit.js', loader.map);

// 5. A .br and a .gz beside every file, for servers and CDNs that serve them as they are.
const sizes = {};
for (const name of [...written]) {
  const buf = readFileSync(join('dist', name));
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
  const gz = gzipSync(buf, { level: 9 });
  writeFileSync(join('dist', `${name}.br`), br);
  writeFileSync(join('dist', `${name}.gz`), gz);
  sizes[name] = { raw: buf.length, gzip: gz.length, brotli: br.length };
}
writeFileSync('dist/manifest.json', JSON.stringify({ ...files, chunks, loader: 'retainkit.js', sizes }, null, 2) + '\n');

// 6. The npm package (pkg/package.json and pkg/README.md are written by hand and committed):
//    - index.js, for bundlers: the loader with literal `import('./cdn/…')` paths (no expression
//      a bundler cannot follow) to the same files the CDN build uses (one copy of each in the
//      package); the glue finds each WASM file by `new URL('…', import.meta.url)`,
//      which Vite, webpack 5, Rollup and Parcel turn into assets without plugins. In Node and
//      during server rendering it defines nothing and exports an inert API.
//    - index.d.ts, react.d.ts and preact.d.ts (JSX), vue.d.ts and custom-elements.json, generated from
//      crates/elements.
//    - cdn/: the script-tag build as in dist/ (content-hashed; cdn/manifest.json lists each
//      file's SRI hash), for jsDelivr and unpkg, as a classic script or type="module".
if (existsSync('pkg')) {
  for (const f of readdirSync('pkg')) if (f !== 'package.json' && f !== 'README.md') rmSync(join('pkg', f), { recursive: true });
}
mkdirSync('pkg/cdn', { recursive: true });
const sri = {};
for (const name of maps) copyFileSync(join('dist', name), join('pkg/cdn', name));
for (const name of written) {
  copyFileSync(join('dist', name), join('pkg/cdn', name));
  sri[name] = 'sha384-' + createHash('sha384').update(readFileSync(join('dist', name))).digest('base64');
}
writeFileSync('pkg/cdn/manifest.json', JSON.stringify({ ...files, chunks, loader: 'retainkit.js', integrity: sri }, null, 2) + '\n');
const literal = (expr, file) => {
  if (!bundled.includes(expr)) throw new Error(`www/retainkit.js has no ${expr}`);
  bundled = bundled.replace(expr, `import('./cdn/${file}')`);
};
let bundled = source.replace(line, `  var FILES = ${JSON.stringify(files)};`)
  // A bundled copy has no script tag of its own (its base URL is the module's).
  .replace("d.currentScript || d.querySelector('script[src*=\"retainkit.js\"]')", 'null');
if (!bundled.includes('var script = null;')) throw new Error('www/retainkit.js: the script-tag lookup changed');
literal('import(base + FILES.core)', core);
literal('import(base + FILES.stars)', stars);
const version = JSON.parse(readFileSync('pkg/package.json', 'utf8')).version;
writeFileSync('pkg/index.js', `// RetainKit for bundlers: defines the <rk-…> elements; the WASM loads when one is near the
// viewport. In Node or during server rendering (no customElements) it defines nothing.
const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined' && typeof customElements !== 'undefined';
if (inBrowser) {
${bundled}
}
// Outside a browser every call returns the API again, and ready()/load() never settle.
const inert = new Proxy({}, {
  get: (_, name) => name === 'version' ? ${JSON.stringify(version)}
    : name === 'ready' || name === 'load' ? () => new Promise(() => {})
    : name === 'then' ? undefined : () => inert,
});
const RetainKit = inBrowser ? window.RetainKit : inert;
export default RetainKit;
`);
for (const f of ['index.d.ts', 'react.d.ts', 'preact.d.ts', 'vue.d.ts']) copyFileSync(join('types', f), join('pkg', f));
// `import 'retainkit/react'` (types only) also works at run time.
writeFileSync('pkg/types-only.js', 'export {};\n');
copyFileSync('custom-elements.json', 'pkg/custom-elements.json');
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(f, join('pkg', f));
console.log(`dist/: ${written.join(', ')} (+ .br, .gz, manifest.json); pkg/`);
