// A fake of the news plugin's upstreams on one loopback port, serving the
// recorded shapes in tests/fixtures/tools/news (README.md there):
//   GET /v0/topstories.json, /v0/item/<id>.json   Hacker News (Firebase) API
//   GET /api/v1/search?query=&tags=story&hitsPerPage=   Algolia HN Search API
//   GET /v2/top-headlines, /v2/everything            NewsAPI.org (X-Api-Key)
//
//   node server.mjs [--key NEWSAPI_KEY]
//
// Faults and the ledger: tests/fakes/tools/fixture-server.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureReader, option, sendJson, serveFixtures } from '../tools/fixture-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = fixtureReader(join(here, '../../fixtures/tools/news'));
const apiKey = option('key', 'test-newsapi-key');

const matches = (title, query) =>
  query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => title.toLowerCase().includes(w));

function algoliaSearch(url, res) {
  const query = url.searchParams.get('query') ?? '';
  const perPage = Number(url.searchParams.get('hitsPerPage') ?? 20);
  const recorded = fixture('algolia-search.json');
  const hits = recorded.hits.filter((h) => matches(h.title, query)).slice(0, perPage);
  sendJson(res, 200, { ...recorded, hits, nbHits: hits.length, hitsPerPage: perPage, query,
    params: url.search.slice(1) });
}

function newsApi(req, url, res) {
  if (req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, fixture('newsapi-error-401.json'));
  const recorded = fixture('newsapi-articles.json');
  const query = url.searchParams.get('q');
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const articles = recorded.articles.filter((a) => !query || matches(a.title, query)).slice(0, pageSize);
  sendJson(res, 200, { status: 'ok', totalResults: articles.length, articles });
}

serveFixtures(async (req, url, body, res) => {
  const item = url.pathname.match(/^\/v0\/item\/(\d+)\.json$/);
  if (url.pathname === '/v0/topstories.json') sendJson(res, 200, fixture('topstories.json'));
  else if (item) sendJson(res, 200, fixture('items.json')[item[1]] ?? null);
  else if (url.pathname === '/api/v1/search') algoliaSearch(url, res);
  else if (url.pathname === '/v2/top-headlines' || url.pathname === '/v2/everything') newsApi(req, url, res);
  else return false;
  return true;
});
