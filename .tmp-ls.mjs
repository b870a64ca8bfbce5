import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
const m = JSON.parse(readFileSync('dist/manifest.json','utf8'));
const files = { core: m.core, wasm: m.wasm, stars: m.stars };
const src = readFileSync(process.argv[2] || 'www/retainkit.js', 'utf8').replace(/^ {2}var FILES = .*; \/\/ <build: files>$/m, `  var FILES = ${JSON.stringify(files)};`);
const out = transformSync(src, { minify: true, legalComments: 'inline' }).code;
const br = brotliCompressSync(Buffer.from(out), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: out.length } });
console.log(out.length, br.length);
