// The chaos backend: a proxy in front of the reference server that answers any contract
// endpoint, per test, with a chosen fault. It listens twice: `url` serves the shop's pages
// (a test's own HTML, or the real server's with headers added) and `apiUrl`, another origin,
// is the backend the pages name in data-api, so the widgets and the loader meet the fault
// over real sockets, cross-origin, as on a shop (it answers CORS itself). What it forwards is
// stored by the real server, so a test can count rows. (Pages come from a real loopback
// server, not from Playwright's routing: Chromium lets only those reach a loopback API.)
//
//   const chaos = await Chaos.start(server.url);
//   chaos.page('/chaos.html', { body: '<!doctype html>…' });
//   chaos.page('/', { headers: { 'content-security-policy': '…' }, transform: (html) => html });
//   chaos.on(/^GET \/v1\/products\/.+\/reviews/, 'hang');      // until chaos.clear()
//   chaos.on(/^POST \/v1\/surveys/, 'reset-after', 1);          // once, then forwarded
//
// Faults: a reply {status, body, headers} (wrong shapes, HTML with 200, 500/502/503, 429
// with Retry-After); 'hang'; 'trickle' (headers, then a byte a second); 'redirect-loop';
// 'no-cors' (forwarded, without Access-Control-Allow-Origin); 'huge' (100,000 items, 25 MB);
// 'reset-before' (the connection closed, nothing forwarded); 'reset-after' (forwarded and
// stored, the connection closed before the reply); 'body-lost' (forwarded and stored, the
// status and half the body, then closed); 'slow-forward' (forwarded after a second if the
// client is still connected).
import http from 'node:http';

const HUGE_ITEMS = 100_000;

const huge = {};
/** Built once per shape: building 25 MB per request would load the machine the page runs on. */
function hugeBody(path) {
  const kind = path.includes('/summaries') ? 'summaries' : 'list';
  return (huge[kind] ??= buildHuge(kind));
}
function buildHuge(kind) {
  // One shape for every list the widgets read: reviews, summaries, surveys; each item about
  // 250 bytes, so 25 MB in all.
  const review = (i) => ({ id: i + 1, product_id: 'p', rating: 5, title: 'x'.repeat(20), body: 'y'.repeat(150), author_name: 'A', verified: false, photos: [], helpful_count: 0, created_at: 1_700_000_000 });
  const items = Array.from({ length: HUGE_ITEMS }, (_, i) => review(i));
  if (kind === 'summaries') return JSON.stringify({ summaries: items.map((r) => ({ product_id: `p${r.id}`, average: 4.5, count: 3, histogram: [0, 0, 0, 1, 2], ...r })) });
  return JSON.stringify({ summary: { product_id: 'p', average: 5, count: HUGE_ITEMS, histogram: [0, 0, 0, 0, HUGE_ITEMS] }, items, next_cursor: null, surveys: items, history: items });
}

export class Chaos {
  static start(target) {
    const c = new Chaos();
    c.target = new URL(target);
    c.rules = [];
    c.seen = [];
    c.sockets = new Set();
    c.waiters = [];
    c.pages = {};
    const listen = () => new Promise((resolve) => {
      const server = http.createServer((req, res) => c.handle(req, res));
      server.on('connection', (s) => { c.sockets.add(s); s.on('close', () => c.sockets.delete(s)); });
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
    return Promise.all([listen(), listen()]).then(([a, b]) => {
      c.servers = [a, b];
      c.url = `http://127.0.0.1:${a.address().port}`;
      c.apiUrl = `http://127.0.0.1:${b.address().port}`;
      return c;
    });
  }

  /** Serves `path` (GET, any query): `body` as HTML, or the real server's answer with
   * `headers` added and its text through `transform`. */
  page(path, { body, headers = {}, transform } = {}) {
    this.pages[path] = { body, headers, transform };
    return this;
  }

  /** Answers requests whose "METHOD /path?query" matches `pattern` with `fault`, `times` times (default: until clear()). */
  on(pattern, fault, times = Infinity) {
    this.rules.push({ pattern, fault, times });
    return this;
  }

  /** Resolves when a request matching `pattern` has been answered by the real server. */
  stored(pattern) {
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  clear() {
    this.rules = [];
    this.seen = [];
  }

  /** Requests seen ("METHOD /path") matching `pattern`, preflights left out. */
  count(pattern) {
    return this.seen.filter((s) => pattern.test(s)).length;
  }

  close() {
    for (const s of this.sockets) s.destroy();
    return Promise.all(this.servers.map((s) => new Promise((r) => s.close(() => r()))));
  }

  handle(req, res) {
    const line = `${req.method} ${req.url}`;
    const cors = { 'Access-Control-Allow-Origin': req.headers.origin || '*', 'Access-Control-Expose-Headers': 'Retry-After' };
    const page = req.method === 'GET' && this.pages[req.url.split('?')[0]];
    if (page) return this.servePage(req, res, page);
    if (req.method === 'OPTIONS') {
      // CORS preflights: any origin may call, as a shop's backend would let its shop.
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT',
        'Access-Control-Allow-Headers': 'content-type, idempotency-key, authorization, rk-visitor', 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    if (!req.url.startsWith('/v1/')) return this.forward(req, res, null);
    this.seen.push(line);
    const rule = this.rules.find((r) => r.times > 0 && r.pattern.test(line));
    if (rule) rule.times -= 1;
    const fault = rule ? rule.fault : null;
    if (fault && typeof fault === 'object') {
      res.writeHead(fault.status || 200, { 'Content-Type': 'application/json', ...cors, ...(fault.headers || {}) });
      res.end(typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? null));
      return;
    }
    switch (fault) {
      case 'hang':
        return; // the socket stays open until the page gives up or the proxy closes
      case 'trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json', ...cors });
        const timer = setInterval(() => res.write(' '), 1000);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'redirect-loop':
        res.writeHead(302, { Location: req.url, ...cors });
        res.end();
        return;
      case 'huge': {
        const body = hugeBody(req.url);
        res.writeHead(200, { 'Content-Type': 'application/json', ...cors });
        res.end(body);
        return;
      }
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'slow-forward': {
        // Forwarded after a second, and only if the client is still there (a server that had
        // not read the request yet would lose it).
        let gone = false;
        res.on('close', () => { gone = true; });
        setTimeout(() => { if (!gone) this.forward(req, res, null, cors); }, 1000);
        return;
      }
      default:
        this.forward(req, res, fault, cors);
    }
  }

  servePage(req, res, { body, headers, transform }) {
    if (body != null) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
      return;
    }
    http.get({ host: this.target.hostname, port: this.target.port, path: req.url }, (up) => {
      const chunks = [];
      up.on('data', (d) => chunks.push(d));
      up.on('end', () => {
        let text = Buffer.concat(chunks).toString('utf8');
        if (transform) text = transform(text);
        const h = { ...up.headers, ...headers };
        delete h['content-length'];
        delete h['content-encoding'];
        delete h.etag;
        res.writeHead(up.statusCode, h);
        res.end(text);
      });
    }).on('error', () => req.socket.destroy());
  }

  forward(req, res, fault, cors) {
    const upstream = http.request({
      host: this.target.hostname, port: this.target.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: this.target.host },
    }, (up) => {
      const chunks = [];
      up.on('data', (d) => chunks.push(d));
      up.on('end', () => {
        const body = Buffer.concat(chunks);
        const line = `${req.method} ${req.url}`;
        this.waiters = this.waiters.filter((w) => !(w.pattern.test(line) && (w.resolve(up.statusCode), true)));
        if (fault === 'reset-after') return req.socket.destroy();
        const headers = { ...up.headers };
        for (const h of Object.keys(headers)) if (h.startsWith('access-control-')) delete headers[h];
        if (cors && fault !== 'no-cors') Object.assign(headers, cors);
        if (fault === 'body-lost') {
          delete headers['content-length'];
          res.writeHead(up.statusCode, headers);
          res.write(body.subarray(0, Math.floor(body.length / 2)));
          // Flushed, then the connection goes.
          setTimeout(() => req.socket.destroy(), 50);
          return;
        }
        res.writeHead(up.statusCode, headers);
        res.end(body);
      });
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  }
}
