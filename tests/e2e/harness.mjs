// Shared pieces of the end-to-end tests: the real reference server on a temporary SQLite
// file, Debian's Chromium driven by playwright-core, and direct reads of the database.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, extname } from 'node:path';
import { createServer } from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, process.env.RK_SERVER_BIN || 'target/debug/retainkit-server');
export const ARTIFACTS = join(ROOT, 'target', 'e2e');
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
export const TOKEN_SECRET = 'e2e-token-secret-0123456789abcdef0123';
mkdirSync(ARTIFACTS, { recursive: true });

export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

/** The reference server with its own data directory. stop() and start() keep the data. */
export class Server {
  /** `env(server)`: more environment for the server process (it knows its URL by then). */
  static async start({ env } = {}) {
    const s = new Server();
    s.dir = mkdtempSync(join(tmpdir(), 'rk-e2e-'));
    s.port = await freePort();
    s.url = `http://127.0.0.1:${s.port}`;
    s.db = join(s.dir, 'retainkit.db');
    s.extraEnv = env ? env(s) : {};
    await s.start();
    return s;
  }

  start() {
    this.log = '';
    this.proc = spawn(BIN, [], {
      cwd: ROOT,
      env: { ...process.env, RK_LISTEN: `127.0.0.1:${this.port}`, RK_DATA_DIR: this.dir, RK_LOG: 'info', NO_COLOR: '1', RK_ADMIN_KEY: ADMIN_KEY, RK_TOKEN_SECRET: TOKEN_SECRET, RK_DEMO: '1', RK_DEMO_HISTORY: '0', RK_RATE_LIMIT: '0', ...this.extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`server did not start:\n${this.log}`)), 20000);
      const onData = (d) => {
        this.log += d;
        if (this.log.includes('RetainKit server ready')) { clearTimeout(timer); res(this); }
      };
      this.proc.stdout.on('data', onData);
      this.proc.stderr.on('data', onData);
      this.proc.on('exit', (code) => { clearTimeout(timer); if (code) rej(new Error(`server exited ${code}:\n${this.log}`)); });
    });
  }

  /** Stops the server: SIGTERM (it finishes what it started), or `kill -9` with 'SIGKILL'. */
  stop(signal = 'SIGTERM') {
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode) return Promise.resolve();
    return new Promise((res) => { this.proc.once('exit', () => res()); this.proc.kill(signal); });
  }

  async close() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** GET an admin endpoint. */
  async admin(path) {
    const res = await fetch(`${this.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    return res.json();
  }

  /** POST/PUT to an admin endpoint. */
  async adminSend(method, path, body) {
    const res = await fetch(`${this.url}${path}`, {
      method, headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  /**
   * An admin change for one test, undone after it whatever the test's outcome: PUT `body`
   * to `path`, and PUT back `restore` (default: what a GET of `path` answers now).
   */
  async change(t, path, body, restore) {
    const previous = restore === undefined ? await this.admin(path) : restore;
    const res = await this.adminSend('PUT', path, body);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    t.after(() => this.adminSend('PUT', path, previous));
    return res;
  }

  /** Defines an inline NPS survey (the server takes answers only to surveys it has). */
  async defineNps(id) {
    const def = { id, kind: 'nps', question: { en: 'How likely are you to recommend us?' },
      display: { triggers: [{ type: 'page_view', delay_seconds: 0 }], recontact: { type: 'once' }, placement: 'inline' } };
    const res = await this.adminSend('PUT', `/v1/admin/surveys/${id}`, def);
    assert.equal(res.status, 200, JSON.stringify(res.json));
  }

  /** Rows of a query against the server's SQLite file. */
  sql(query) {
    const out = execFileSync('sqlite3', ['-json', this.db, query], { encoding: 'utf8' });
    return out.trim() ? JSON.parse(out) : [];
  }
}

/**
 * The reference server (fresh SQLite, demo data) and Chromium for one test file: started
 * before its tests, closed after them. `surveys`: inline NPS surveys to define first;
 * `setup(server)`: anything else the file needs first.
 *   const env = useServerAndBrowser();  …  newPage(env.browser); env.server.url
 */
export function useServerAndBrowser({ surveys = [], setup, serverEnv } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await Server.start({ env: serverEnv });
    for (const id of surveys) await env.server.defineNps(id);
    if (setup) await setup(env.server);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The demo's seeded exit offer (it shows on every page of the demo shop). */
export function seededOffer() {
  return JSON.parse(readFileSync(join(ROOT, 'crates/server/seed/demo.json'), 'utf8')).offers[0];
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A page that records console errors, page errors and RetainKit's DOM events. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.addInitScript(() => {
    window.__rkEvents = [];
    for (const name of ['rk-survey-submit', 'rk-reviews-loaded', 'rk-review-vote', 'rk-review-submit', 'rk-popup-show', 'rk-popup-close', 'rk-offer-copy', 'rk-offer-convert']) {
      window.addEventListener(name, (e) => window.__rkEvents.push({ type: e.type, detail: e.detail }));
    }
    // The popups armed: their signals listen for fingers leaving the screen (nothing else in
    // the page does). A promise, so it settles on Playwright's fake clock too.
    let armed;
    window.__rkArmed = new Promise((r) => { armed = r; });
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, ...rest) {
      if (this === window && type === 'touchend') armed();
      return add.call(this, type, ...rest);
    };
  });
  return page;
}

/** Waits until the page's popups listen to it (the popups chunk loaded and armed): before
 * that, an exit gesture is not seen, and a busy machine can take a while. */
export async function popupsArmed(page, timeout = 30_000) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the popups did not arm within ${timeout} ms`)), timeout); });
  try {
    await Promise.race([page.evaluate(() => window.__rkArmed), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Scrolls the element into view and waits until its widget has rendered. */
export async function showWidget(page, selector = 'rk-nps') {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.locator(`${selector} >> [role=radiogroup]`).waitFor();
}

/** The element that has focus, looking into open shadow roots. */
export function activeElement(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a ? { tag: a.tagName.toLowerCase(), role: a.getAttribute('role'), text: a.textContent, checked: a.getAttribute('aria-checked'), label: a.getAttribute('aria-label') } : null;
  });
}

/** axe-core finds no violation inside the given elements. */
export async function checkA11y(page, selector) {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(found, [], 'axe-core violations');
}

/** An HS256 token signed as the shop's server would. */
export function sign(claims) {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', TOKEN_SECRET).update(input).digest('base64url')}`;
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/**
 * A static web server on 127.0.0.1 (port 0: any free one) for pages and files the reference
 * server does not serve (a bundler's output, a CDN). `route(path)` answers `{ html }`, `{ file }`
 * or null (404). Resolves to its origin; closed with `.close()` on the returned server.
 */
export function staticServer(port, route) {
  return new Promise((res) => {
    const s = createServer((req, rsp) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      // The browser's own request, not the page's: no 404 in the page's console.
      if (path === '/favicon.ico') { rsp.writeHead(204); rsp.end(); return; }
      const r = route(path);
      if (r?.html != null) { rsp.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' }); rsp.end(r.html); return; }
      if (!r?.file || !existsSync(r.file) || !statSync(r.file).isFile()) { rsp.writeHead(404); rsp.end(); return; }
      rsp.writeHead(200, { 'Content-Type': MIME[extname(r.file)] || 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
      rsp.end(readFileSync(r.file));
    });
    s.listen(port, '127.0.0.1', () => res({ server: s, origin: `http://127.0.0.1:${s.address().port}` }));
  });
}
