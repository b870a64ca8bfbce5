// Opens many connections that never send a byte, and watches what the server does with them.
//   node scripts/bench/idle.mjs --port 8080 --count 10000 --seconds 14
// Prints one JSON line: how many were accepted, refused at once, and closed by the server
// (and when), and whether a normal request was served meanwhile.
import net from 'node:net';
import http from 'node:http';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const port = Number(arg('port'));
const count = Number(arg('count', 10000));
const seconds = Number(arg('seconds', 14));
const start = Date.now();
let opened = 0; let failed = 0; const closedAt = []; const sockets = [];

await new Promise((resolve) => {
  let pending = count;
  for (let i = 0; i < count; i += 1) {
    const s = net.connect({ port, host: '127.0.0.1' });
    sockets.push(s);
    s.on('connect', () => { opened += 1; if (--pending === 0) resolve(); });
    s.on('error', () => {});
    s.on('close', (hadError) => {
      if (s.connecting || hadError && !s.bytesRead) { /* never connected */ }
      closedAt.push(Date.now() - start);
    });
    s.setTimeout(0);
    s.resume();
    s.once('error', () => { failed += 1; if (--pending === 0) resolve(); });
  }
  setTimeout(resolve, 5000);
});
const openedBy = Date.now() - start;

// A shopper's request while the flood holds its connections.
const probe = () => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode); });
  req.on('timeout', () => req.destroy());
  req.on('error', () => resolve(0));
});
const probes = [];
while (Date.now() - start < seconds * 1000) {
  probes.push([Date.now() - start, await probe()]);
  await new Promise((r) => setTimeout(r, 250));
}
const firstServed = probes.find(([, s]) => s === 200);
closedAt.sort((a, b) => a - b);
console.log(JSON.stringify({
  count, opened, failed, opened_in_ms: openedBy,
  closed_by_server: closedAt.length,
  closed_p50_ms: closedAt[Math.floor(closedAt.length / 2)] ?? null,
  closed_last_ms: closedAt[closedAt.length - 1] ?? null,
  first_probe_served_ms: firstServed ? firstServed[0] : null,
  still_open: sockets.filter((s) => !s.destroyed && s.readyState === 'open').length,
  probes_served: probes.filter(([, s]) => s === 200).length, probes: probes.length,
}));
process.exit(0);
