// Open-Meteo: the geocoding API (/v1/search?name=&count=&countryCode=) from
// geocoding/<name>.json, and the forecast API (/v1/forecast) from
// forecast.json, keeping only the current= and daily= fields asked for and
// forecast_days days.
import { existsSync } from 'node:fs';

function search(url, fixture, fixtureExists) {
  const name = (url.searchParams.get('name') ?? '').trim().toLowerCase().replace(/\s+/g, '-');
  const file = `geocoding/${name}.json`;
  if (!name || !/^[a-z0-9-]+$/.test(name) || !fixtureExists(file)) return fixture('geocoding/no-results.json');
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

function forecast(url, fixture) {
  const q = url.searchParams;
  const latitude = Number(q.get('latitude'));
  const longitude = Number(q.get('longitude'));
  if (!q.has('latitude') || !q.has('longitude') || Number.isNaN(latitude) || Number.isNaN(longitude))
    return { status: 400, body: fixture('bad-request.json') };
  const full = fixture('forecast.json');
  const { current_units, current, daily_units, daily, ...body } = full;
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
  return { status: 200, body };
}

export function answerWeather(url, fixture, fixturesDir) {
  if (url.pathname === '/v1/search')
    return { status: 200, body: search(url, fixture, (file) => existsSync(`${fixturesDir}/${file}`)) };
  if (url.pathname === '/v1/forecast') return forecast(url, fixture);
  return { status: 404, body: { error: true, reason: `no endpoint ${url.pathname}` } };
}
