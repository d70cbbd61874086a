// The engine table, from GET /admin/health.
import {el, fillRows, fmt} from './dom.js';

function healthOf(engine) {
  if (!engine.usable) return ['no key', 'health-nokey'];
  const states = engine.breakers.map((b) => b.state);
  if (states.length && states.every((s) => s === 'open')) return ['down', 'health-down'];
  return ['ok', 'health-ok'];
}

function breakerCell(engine) {
  // A breaker appears once its key has been used; until then it is closed.
  if (!engine.breakers.length) return el('td', {class: 'muted'}, engine.usable ? 'closed' : '–');
  const cell = el('td');
  engine.breakers.forEach((b, i) => {
    const retry = b.retry_in_ms > 0 ? `, retry in ${Math.ceil(b.retry_in_ms / 1000)} s` : '';
    const failures = b.consecutive_failures ? `, ${b.consecutive_failures} failed` : '';
    if (i) cell.append(' ');
    cell.append(el('span', {class: `state-${b.state}`},
                   `${engine.breakers.length > 1 ? `key ${b.key}: ` : ''}${b.state}${failures}${retry}`));
  });
  return cell;
}

export function renderEngines(table, health) {
  // Engines that can serve first; the catalogue's order within each group.
  const engines = [...health.engines].sort((a, b) => Number(b.usable) - Number(a.usable));
  fillRows(table, engines.map((engine) => {
    const hour = engine.last_hour ?? {}, day = engine.last_day ?? {};
    const [health, healthClass] = healthOf(engine);
    return el('tr', {'data-engine': engine.id},
      el('td', {}, engine.id),
      el('td', {}, engine.provider),
      el('td', {class: healthClass}, health),
      breakerCell(engine),
      el('td', {class: 'num'}, fmt.rate(hour.requests ?? 0)),
      el('td', {class: 'num'}, day.requests ?? '–'),
      el('td', {class: 'num'}, fmt.pct(day.error_rate)),
      el('td', {class: 'num'}, fmt.pair(day.latency_ms, fmt.ms)),
      el('td', {class: 'num'}, fmt.pair(day.ttft_ms, fmt.ms)),
      el('td', {class: 'num'}, fmt.usd(day.cost?.usd)));
  }));
}
