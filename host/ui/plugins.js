// Loaded plugins and refused files, from GET /admin/plugins.
import {el, fillRows} from './dom.js';

export function renderPlugins(plugins) {
  fillRows(document.getElementById('plugins'), plugins.loaded.map((p) =>
    el('tr', {'data-plugin': p.id}, el('td', {}, p.id), el('td', {}, p.version), el('td', {}, p.abi),
       el('td', {}, p.kinds.join(', ')), el('td', {class: 'muted'}, p.file))));
  const refused = plugins.refused.length
    ? plugins.refused.map((r) => el('tr', {}, el('td', {}, r.file), el('td', {class: 'error'}, r.reason)))
    : [el('tr', {}, el('td', {class: 'muted', colspan: '2'}, 'none'))];
  fillRows(document.getElementById('refused'), refused);
}
