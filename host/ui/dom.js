// Small DOM helpers: every value goes in as text, never as markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children)
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

export function fillRows(table, rows) {
  table.tBodies[0].replaceChildren(...rows);
}

export const fmt = {
  ms: (v) => (v === null || v === undefined ? '–' : `${v} ms`),
  pair: (p, f) => `${f(p?.p50)} / ${f(p?.p95)}`,
  pct: (v) => `${((v ?? 0) * 100).toFixed(1)} %`,
  usd: (v) => (v === null || v === undefined ? 'unknown' : `$${Number(v).toFixed(v < 0.01 && v > 0 ? 6 : 2)}`),
  rate: (n) => (n / 60).toFixed(2),
};
