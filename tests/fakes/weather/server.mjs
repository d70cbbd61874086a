// A fake Open-Meteo on loopback for the weather plugin, serving the recorded
// shapes in tests/fixtures/tools/weather (README.md there):
//   GET /v1/search?name=&count=&countryCode=   the geocoding API, from
//       geocoding/<name>.json (no-results.json for any other name)
//   GET /v1/forecast?latitude=&longitude=&current=&daily=&forecast_days=
//       the forecast API, from forecast.json, keeping only the current= and
//       daily= fields asked for and forecast_days days
//
//   node server.mjs
//
// Faults and the ledger: tests/fakes/tools/fixture-server.mjs.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureReader, sendJson, serveFixtures } from '../tools/fixture-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../fixtures/tools/weather');
const fixture = fixtureReader(fixtures);

function search(url) {
  const name = (url.searchParams.get('name') ?? '').trim().toLowerCase().replace(/\s+/g, '-');
  const file = `geocoding/${name}.json`;
  if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(join(fixtures, file)))
    return fixture('geocoding/no-results.json');
  const found = fixture(file);
  const country = url.searchParams.get('countryCode');
  if (country) found.results = found.results.filter((r) => r.country_code === country.toUpperCase());
  const count = Number(url.searchParams.get('count') ?? '10');
  found.results = found.results.slice(0, count);
  if (!found.results.length) delete found.results;
  return found;
}

function pick(values, fields) {
  const out = {};
  for (const field of fields) if (field in values) out[field] = values[field];
  return out;
}

function forecast(url, res) {
  const q = url.searchParams;
  const latitude = Number(q.get('latitude'));
  const longitude = Number(q.get('longitude'));
  if (!q.has('latitude') || !q.has('longitude') || Number.isNaN(latitude) || Number.isNaN(longitude))
    return sendJson(res, 400, fixture('bad-request.json'));
  const { current_units, current, daily_units, daily, ...body } = fixture('forecast.json');
  body.latitude = latitude;
  body.longitude = longitude;
  if (q.has('current')) {
    const fields = ['time', 'interval', ...q.get('current').split(',')];
    body.current_units = pick(current_units, fields);
    body.current = pick(current, fields);
  }
  if (q.has('daily')) {
    const days = Number(q.get('forecast_days') ?? '7');
    const fields = ['time', ...q.get('daily').split(',')];
    body.daily_units = pick(daily_units, fields);
    body.daily = {};
    for (const [field, values] of Object.entries(pick(daily, fields))) body.daily[field] = values.slice(0, days);
  }
  return sendJson(res, 200, body);
}

serveFixtures(async (req, url, body, res) => {
  if (url.pathname === '/v1/search') sendJson(res, 200, search(url));
  else if (url.pathname === '/v1/forecast') forecast(url, res);
  else return false;
  return true;
});
