// A fake Frankfurter (https://www.frankfurter.app/docs/) on loopback for the fx
// plugin, serving the recorded shapes in tests/fixtures/tools/fx (README.md
// there): /currencies, /latest and /YYYY-MM-DD with from (or base), to (or
// symbols) and amount, answered from latest.json (EUR rates) and
// currencies.json; an unknown currency or a date with no rates is a 404.
//
//   node server.mjs
//
// Faults and the ledger: tests/fakes/tools/fixture-server.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureReader, sendJson, serveFixtures } from '../tools/fixture-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = fixtureReader(join(here, '../../fixtures/tools/fx'));
const FIRST_DATE = '1999-01-04';

// The ECB publishes on working days: a weekend answers the Friday before.
function publishedOn(day, latest) {
  if (day > latest) return latest;
  const date = new Date(`${day}T00:00:00Z`);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function round(value) {
  return Number(value.toPrecision(6));
}

function answer(url) {
  const path = url.pathname;
  const notFound = { status: 404, body: fixture('not-found.json') };
  if (path === '/currencies') return { status: 200, body: fixture('currencies.json') };
  const latest = fixture('latest.json');
  const day = path.slice(1);
  if (path !== '/latest' && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return notFound;
  if (path !== '/latest' && day < FIRST_DATE) return notFound;

  const q = url.searchParams;
  const from = (q.get('from') ?? q.get('base') ?? 'EUR').toUpperCase();
  const to = (q.get('to') ?? q.get('symbols') ?? '').toUpperCase().split(',').filter(Boolean);
  const amount = Number(q.get('amount') ?? '1');
  const eur = { EUR: 1, ...latest.rates };
  if (!(from in eur) || to.some((code) => !(code in eur))) return notFound;

  const rates = {};
  for (const code of Object.keys(eur).sort()) {
    if (code === from || (to.length && !to.includes(code))) continue;
    rates[code] = round((eur[code] / eur[from]) * amount);
  }
  const date = path === '/latest' ? latest.date : publishedOn(day, latest.date);
  return { status: 200, body: { amount, base: from, date, rates } };
}

serveFixtures(async (req, url, body, res) => {
  const { status, body: answered } = answer(url);
  sendJson(res, status, answered);
  return true;
});
