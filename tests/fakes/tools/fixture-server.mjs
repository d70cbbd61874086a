// A loopback HTTP server for the toolset plugins' fakes (fx, weather, news,
// containers): it serves recorded JSON fixtures through the routes a fake
// gives it, keeps a ledger of the requests, and injects faults on cue.
//
// Test controls (not part of any upstream's API):
//   GET  /_ledger  every request: {method, path, query, headers, body}
//   POST /_fault   {"fault": "500" | "not-json" | "slow" | "wrong-shape",
//                   "path": "/v0/item/" (a prefix; default: every path),
//                   "times": 1 (default: until cleared), "delay_ms": 3000}
//   POST /_clear   no faults from now on
// Faults add up; the first one given that matches a request's path wins.
// "slow" answers normally after delay_ms (longer than the plugin's
// timeout_ms in the tests), "wrong-shape" answers the JSON {"unexpected": true}.
//
// It prints "listening PORT" once ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export function fixtureReader(dir) {
  return (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
}

export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

// routes(req, url, body, res) answers the request and returns true, or
// returns false for a 404.
export function serveFixtures(routes) {
  const ledger = [];
  let faults = [];

  function takeFault(path) {
    const fault = faults.find((f) => path.startsWith(f.path ?? ''));
    if (!fault) return null;
    if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  async function inject(fault, res) {
    switch (fault.fault) {
      case '500':
        return sendJson(res, 500, { error: 'injected failure' });
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body>502 Bad Gateway</body></html>');
      case 'wrong-shape':
        return sendJson(res, 200, { unexpected: true });
      default:
        return null;
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const body = await readBody(req);
    if (url.pathname === '/_ledger') return sendJson(res, 200, ledger);
    if (url.pathname === '/_fault') {
      faults.push(JSON.parse(body));
      return sendJson(res, 200, { faults });
    }
    if (url.pathname === '/_clear') {
      faults = [];
      return sendJson(res, 200, { faults });
    }
    ledger.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: req.headers, body });
    const fault = takeFault(url.pathname);
    if (fault && fault.fault === 'slow') await new Promise((r) => setTimeout(r, fault.delay_ms ?? 3000));
    else if (fault) return inject(fault, res);
    if (res.destroyed) return;
    if (!(await routes(req, url, body, res))) sendJson(res, 404, { error: `no route ${url.pathname}` });
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
}

export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
