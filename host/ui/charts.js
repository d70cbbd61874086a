// Hand-drawn SVG bar charts: no library, nothing from outside the gateway.
import {el} from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(figure, title, width, height) {
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
                           'aria-label': title});
  figure.replaceChildren(el('figcaption', {}, title), root);
  return root;
}

function bar(x, y, width, height, tip) {
  const rect = svg('rect', {class: 'bar', x, y, width: Math.max(width, 0), height: Math.max(height, 0)});
  rect.append(svg('title', {}, tip));
  return rect;
}

function noData(root, width, height) {
  root.append(svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no data yet'));
}

// Vertical bars, one per item in order (days): items are {label, value}.
export function columnChart(figure, title, items, format) {
  const W = 420, H = 200, left = 56, right = 8, top = 12, bottom = 28;
  const root = frame(figure, title, W, H);
  if (!items.length) return noData(root, W, H);
  const max = Math.max(...items.map((i) => i.value));
  const plotH = H - top - bottom, step = (W - left - right) / items.length;
  root.append(svg('line', {x1: left, x2: W - right, y1: H - bottom, y2: H - bottom}));
  root.append(svg('text', {x: left - 4, y: top + 4, 'text-anchor': 'end'}, format(max)));
  root.append(svg('text', {x: left - 4, y: H - bottom, 'text-anchor': 'end'}, format(0)));
  const labelEvery = Math.ceil(items.length / 8);
  items.forEach((item, i) => {
    const h = max > 0 ? (item.value / max) * plotH : 0;
    const x = left + i * step + step * 0.15;
    root.append(bar(x, H - bottom - h, step * 0.7, h, `${item.label}: ${format(item.value)}`));
    if (i % labelEvery === 0)
      root.append(svg('text', {x: x + step * 0.35, y: H - bottom + 14, 'text-anchor': 'middle'},
                      item.label));
  });
}

// Horizontal bars, largest first (models): items are {label, value}.
export function barList(figure, title, items, format) {
  const rows = [...items].sort((a, b) => b.value - a.value).slice(0, 10);
  const W = 420, rowH = 22, left = 170, right = 70, H = Math.max(rows.length, 1) * rowH + 8;
  const root = frame(figure, title, W, H);
  if (!rows.length) return noData(root, W, H);
  const max = Math.max(...rows.map((r) => r.value));
  rows.forEach((row, i) => {
    const y = 4 + i * rowH, w = max > 0 ? (row.value / max) * (W - left - right) : 0;
    const name = row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label;
    root.append(svg('text', {x: left - 6, y: y + 14, 'text-anchor': 'end'}, name));
    root.append(bar(left, y + 3, w, rowH - 6, `${row.label}: ${format(row.value)}`));
    root.append(svg('text', {x: left + w + 4, y: y + 14}, format(row.value)));
  });
}
