// Usage and cost charts, from GET /admin/usage (every key, summed).
import {barList, columnChart} from './charts.js';
import {fmt} from './dom.js';

function sumBy(keys, group, field) {
  const totals = new Map();
  for (const key of keys)
    for (const row of key[group]) {
      const t = totals.get(row[field]) ?? {requests: 0, cost: 0};
      t.requests += row.requests;
      t.cost += row.cost_usd ?? 0;
      totals.set(row[field], t);
    }
  return totals;
}

// Every day of the range, so a quiet day shows as an empty column.
function daysOf(from, to) {
  const days = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);
       d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

export function renderUsage(usage) {
  document.getElementById('usage-range').textContent = `${usage.from} to ${usage.to} (UTC)`;
  const byDay = sumBy(usage.keys, 'by_day', 'date');
  const byModel = sumBy(usage.keys, 'by_model', 'model');
  const days = daysOf(usage.from, usage.to).slice(-14);
  const column = (field) => days.map((d) => ({label: d.slice(5), value: byDay.get(d)?.[field] ?? 0}));
  const list = (field) => [...byModel].map(([model, t]) => ({label: model, value: t[field]}));
  const count = (v) => String(Math.round(v));
  columnChart(document.getElementById('chart-requests-day'), 'Requests per day', column('requests'), count);
  columnChart(document.getElementById('chart-cost-day'), 'Cost per day (USD)', column('cost'), fmt.usd);
  barList(document.getElementById('chart-requests-model'), 'Requests by model', list('requests'), count);
  barList(document.getElementById('chart-cost-model'), 'Cost by model (USD)', list('cost'), fmt.usd);
}
