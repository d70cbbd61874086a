// A fake of the public APIs behind the fx and weather toolsets (Frankfurter;
// Open-Meteo geocoding and forecast): a real HTTP server on loopback that
// answers with the recorded shapes in tests/fixtures/tools/<api>/, so the
// plugins are tested without the internet. No npm dependencies.
//
//   node server.mjs --api fx|weather --fixtures DIR
//
// It prints "listening PORT" once ready.
//
// Test controls (not part of the APIs):
//   GET  /_ledger  {"requests":[{"method","path","query"}]}: every API request
//   POST /_fault   {"path": "/latest", "kind": "500"|"not-json"|"slow"|"wrong-shape",
//                   "delay_ms"?: 10000}: requests whose path starts with `path`
//                   fail so until the next /_fault; {} clears the fault.
//   POST /_reset   clears the ledger and the fault (one fake serves many tests)
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { answerFx } from './fx.mjs';
import { answerWeather } from './weather.mjs';

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[i + 1];
}

const api = option('api');
const fixtures = option('fixtures');
const answerApi = { fx: answerFx, weather: answerWeather }[api];
if (!answerApi) throw new Error(`unknown --api ${api}`);

const fixture = (name) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
const ledger = { requests: [] };
let fault = null;

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

function injectFault(res) {
  switch (fault.kind) {
    case '500':
      return send(res, 500, { error: true, reason: 'injected server error' });
    case 'not-json':
      return send(res, 200, '<html><body>502 Bad Gateway</body></html>', 'text/html');
    case 'wrong-shape':
      return send(res, 200, { unexpected: 'shape' });
    case 'slow': {
      const timer = setTimeout(() => send(res, 200, {}), fault.delay_ms ?? 10000);
      res.on('close', () => clearTimeout(timer));
      return undefined;
    }
    default:
      return send(res, 400, { error: `unknown fault kind ${fault.kind}` });
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/_ledger') return send(res, 200, ledger);
  if (url.pathname === '/_reset') {
    ledger.requests = [];
    fault = null;
    return send(res, 200, {});
  }
  if (url.pathname === '/_fault') {
    const body = JSON.parse((await readBody(req)) || '{}');
    fault = body.kind ? body : null;
    return send(res, 200, { fault });
  }
  ledger.requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
  if (fault && url.pathname.startsWith(fault.path ?? '/')) return injectFault(res);
  const { status, body } = answerApi(url, fixture, fixtures);
  return send(res, status, body);
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
