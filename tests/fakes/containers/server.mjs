// A fake Tavily search API on loopback for the containers plugin, serving the
// recorded shape in tests/fixtures/tools/containers (README.md there):
//   POST /search   {"query", "max_results", ...}, Authorization: Bearer KEY
//
//   node server.mjs [--key TAVILY_API_KEY]
//
// Faults and the ledger: tests/fakes/tools/fixture-server.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureReader, option, sendJson, serveFixtures } from '../tools/fixture-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = fixtureReader(join(here, '../../fixtures/tools/containers'));
const apiKey = option('key', 'tvly-test-key');

serveFixtures(async (req, url, body, res) => {
  if (req.method !== 'POST' || url.pathname !== '/search') return false;
  if (req.headers.authorization !== `Bearer ${apiKey}`) {
    sendJson(res, 401, fixture('tavily-error-401.json'));
    return true;
  }
  const request = JSON.parse(body || '{}');
  const recorded = fixture('tavily-search.json');
  const results = recorded.results.slice(0, request.max_results ?? 5);
  sendJson(res, 200, { ...recorded, query: request.query ?? '', results });
  return true;
});
