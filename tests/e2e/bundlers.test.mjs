// The npm package as a front-end developer gets it: `npm pack` of pkg/, installed into small
// apps (tests/bundlers/) that build with each bundler's default config, then a real Chromium
// against the reference server: the reviews render and an NPS answer reaches the database.
// Also: tsc --strict on sample code (default export, window.RetainKit, typed events, React JSX,
// Vue), and the package imported in Node (as during server rendering) throws nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, useServerAndBrowser, newPage, freePort, staticServer } from './harness.mjs';

const DIR = join(ROOT, 'tests', 'bundlers');
const BIN = join(DIR, 'node_modules', '.bin');
const PKG = join(DIR, 'node_modules', 'retainkit');

// Each app's origin has a port known before the server starts: the server lets those origins
// call it (RK_ALLOWED_ORIGINS), as a shop configures its own.
const APPS = ['vite', 'vite-dev', 'webpack', 'esbuild', 'rollup', 'react-ts', 'next'];
const PORT = {};
for (const a of APPS) PORT[a] = await freePort();
const origin = (app) => `http://127.0.0.1:${PORT[app]}`;
const env = useServerAndBrowser({
  surveys: ['nps-bundled'],
  serverEnv: () => ({ RK_ALLOWED_ORIGINS: APPS.map(origin).join(',') }),
});

const run = (cmd, args, cwd) => execFileSync(join(BIN, cmd), args, {
  cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
});

before(() => {
  assert.ok(existsSync(BIN), 'tests/bundlers has its packages (bash scripts/setup.sh npm)');
  assert.ok(existsSync(join(ROOT, 'pkg', 'index.js')), 'pkg/ is built (bash scripts/build.sh)');
  // What `npm install retainkit` puts in node_modules: the packed tarball, unpacked.
  const out = join(tmpdir(), `rk-pack-${process.pid}`);
  mkdirSync(out, { recursive: true });
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: join(ROOT, 'pkg'), encoding: 'utf8' }).trim().split('\n').pop();
  rmSync(PKG, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  execFileSync('tar', ['-xzf', join(out, tgz), '-C', PKG, '--strip-components=1']);
  rmSync(out, { recursive: true, force: true });
});

/** A build's output, served on its app's port. */
const servers = [];
after(() => { for (const s of servers) s.close(); });
async function serve(dir, app) {
  const { server, origin: o } = await staticServer(PORT[app], (path) => {
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    return file.startsWith(dir) ? { file } : null;
  });
  servers.push(server);
  return o;
}

/** A long-running process (a dev server, `next start`) until it prints `ready`. */
const procs = [];
after(() => { for (const p of procs) p.kill(); });
function start(cmd, args, cwd, ready) {
  return new Promise((res, rej) => {
    const p = spawn(join(BIN, cmd), args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(p);
    let log = '';
    const timer = setTimeout(() => rej(new Error(`${cmd} did not start:\n${log}`)), 60_000);
    const on = (d) => { log += d; if (ready.test(log)) { clearTimeout(timer); res(p); } };
    p.stdout.on('data', on);
    p.stderr.on('data', on);
    p.on('exit', (code) => { clearTimeout(timer); rej(new Error(`${cmd} exited ${code}:\n${log}`)); });
  });
}


/** The page shows the reviews, and an NPS answer reaches the server's database. */
async function works(url, label, then) {
  const before = env.server.sql("SELECT count(*) AS n FROM survey_responses WHERE survey_id = 'nps-bundled'")[0].n;
  const page = await newPage(env.browser);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}api=${encodeURIComponent(env.server.url)}`);
  await page.locator('rk-reviews >> [part=review]').first().waitFor({ timeout: 30_000 }).catch(async (e) => {
    const html = await page.evaluate(() => document.body.innerHTML + ' | ' + (document.querySelector('rk-reviews')?.shadowRoot?.innerHTML ?? 'no shadow root'));
    throw new Error(`${label}: no review shown (${e.message})\nerrors: ${page.errors.join('\n')}\npage: ${html.slice(0, 2000)}`);
  });
  await page.locator('rk-nps').scrollIntoViewIfNeeded();
  await page.locator('rk-nps >> [role=radio]').nth(9).click();
  await page.locator('rk-nps >> [part=submit]').click();
  await page.locator('rk-nps >> .rk-thanks').waitFor();
  const after = env.server.sql("SELECT count(*) AS n FROM survey_responses WHERE survey_id = 'nps-bundled'")[0].n;
  assert.equal(after, before + 1, `${label}: the answer is stored`);
  if (then) await then(page);
  assert.deepEqual(failed, [], `${label}: every request answered`);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], `${label}: no error on the page`);
  await page.context().close();
}

/** Writes `dir/index.html` loading `script` (a module or a classic script). */
function page(dir, script, type = 'module') {
  const html = readFileSync(join(DIR, 'shared', 'index.html'), 'utf8')
    .replace('<script type="module" src="./main.js"></script>', type === 'module' ? `<script type="module" src="./${script}"></script>` : `<script defer src="./${script}"></script>`);
  writeFileSync(join(dir, 'index.html'), html);
}

/** The package's WASM files beside a build's output (esbuild and Rollup copy no assets). */
function copyWasm(dir) {
  for (const f of readdirSync(join(PKG, 'cdn'))) if (f.endsWith('.wasm')) cpSync(join(PKG, 'cdn', f), join(dir, f));
}

test('types: tsc --strict on sample code (default export, window.RetainKit, events, React and Preact JSX, Vue)', () => {
  run('tsc', ['-p', 'tsconfig.json'], join(DIR, 'types-check'));
  run('tsc', ['-p', 'tsconfig.preact.json'], join(DIR, 'types-check'));
});

test('Node, as in server rendering: importing the package defines nothing and throws nothing', async () => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('retainkit'); const rk = m.default; rk.init({}).track('x'); console.log(typeof rk.ready, rk.version);"], { cwd: DIR, encoding: 'utf8' });
  assert.match(out, /^function \d+\.\d+\.\d+/);
});

test('Vite build (default config)', async () => {
  const dir = join(DIR, 'vite');
  run('vite', ['build'], dir);
  await works(`${await serve(join(dir, 'dist'), 'vite')}/`, 'vite build');
});

test('Vite dev server (optimizeDeps.exclude, the one setting)', async () => {
  await start('vite', ['--port', String(PORT['vite-dev']), '--strictPort', '--host', '127.0.0.1'], join(DIR, 'vite'), /ready in/);
  await works(`${origin('vite-dev')}/`, 'vite dev');
});

test('webpack 5 (no config file)', async () => {
  const dir = join(DIR, 'webpack');
  run('webpack', ['--mode', 'production', '--entry', './main.js', '--output-path', './dist'], dir);
  page(join(dir, 'dist'), 'main.js', 'classic');
  await works(`${await serve(join(dir, 'dist'), 'webpack')}/`, 'webpack');
});

test('esbuild (ESM with splitting; the .wasm files copied beside the output)', async () => {
  const dir = join(DIR, 'esbuild');
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  run('esbuild', ['main.js', '--bundle', '--format=esm', '--splitting', '--outdir=dist', '--log-level=warning'], dir);
  copyWasm(join(dir, 'dist'));
  page(join(dir, 'dist'), 'main.js');
  await works(`${await serve(join(dir, 'dist'), 'esbuild')}/`, 'esbuild');
});

test('Rollup (node-resolve; the .wasm files copied beside the output)', async () => {
  const dir = join(DIR, 'rollup');
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  run('rollup', ['main.js', '-p', 'node-resolve', '-d', 'dist', '-f', 'es', '--silent'], dir);
  copyWasm(join(dir, 'dist'));
  page(join(dir, 'dist'), 'main.js');
  await works(`${await serve(join(dir, 'dist'), 'rollup')}/`, 'rollup');
});

test('React + TypeScript (Vite): <rk-nps> in JSX, tsc --strict, a typed event', async () => {
  const dir = join(DIR, 'react-ts');
  run('tsc', ['-p', 'tsconfig.json'], dir);
  run('vite', ['build'], dir);
  await works(`${await serve(join(dir, 'dist'), 'react-ts')}/`, 'react-ts', async (page) => {
    // The app's listener got the event's typed detail.
    assert.equal(await page.locator('#category').textContent(), 'promoter');
  });
});

test('Next.js App Router (Turbopack), server-rendered page with a client component', async () => {
  const dir = join(DIR, 'next');
  const built = run('next', ['build'], dir);
  assert.match(built, /Turbopack/);
  await start('next', ['start', '-p', String(PORT.next), '-H', '127.0.0.1'], dir, /Ready in|started server/i);
  await works(`${origin('next')}/`, 'next');
});
