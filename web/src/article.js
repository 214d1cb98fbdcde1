// SPDX-License-Identifier: Apache-2.0
// The article panel (#article-panel): a text goes to POST /api/annotate; the answer's mentions are
// highlighted in the text in their kind's colour (the title names the entity and the confidence),
// the mentioned entities that have a location are plotted (layer `article-circle`, not subject to
// the time filter: they answer this text, not the timeline) and the map is fitted to them.
// Clicking a highlight calls onSelect (card + fly). Errors (problem details) show in the panel.
// Offsets are UTF-16 code units, which is how JavaScript indexes strings.
//
//   addArticleLayer(map);                              // once, above the content layers
//   const panel = createArticlePanel(el, { map, onSelect: (ref) => …, onFit: (bbox) => …, onClose });
//   panel.open(); panel.close(); panel.render();

import * as api from './api.js';
import { h } from './dom.js';
import { entityName, kindLabel, t } from './i18n.js';
import { kindColour } from './layers.js';

export const kArticleLayer = 'article-circle';
const kEmpty = { type: 'FeatureCollection', features: [] };

// `text` cut into runs: plain ones and, in order, the mentions ({text, mention}). A mention that
// overlaps an earlier one or lies outside the text is dropped rather than garbling the text.
export function splitMentions(text, mentions) {
  const valid = mentions.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end)
                                       && m.start >= 0 && m.start < m.end && m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts = [];
  let at = 0;
  for (const m of valid) {
    if (m.start < at) continue;
    if (m.start > at) parts.push({ text: text.slice(at, m.start) });
    parts.push({ text: text.slice(m.start, m.end), mention: m });
    at = m.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

const located = (e) => Number.isFinite(e?.lon) && Number.isFinite(e?.lat);

// The mentioned entities with a location, each once, as GeoJSON points.
export function mentionPoints(mentions) {
  const seen = new Map();
  for (const m of mentions) {
    const e = m.entity;
    if (located(e) && !seen.has(e.id)) {
      seen.set(e.id, { type: 'Feature', geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
                       properties: { id: e.id, kind: e.kind, name: e.name, name_en: e.name_en,
                                     colour: kindColour(e.kind) } });
    }
  }
  return { type: 'FeatureCollection', features: [...seen.values()] };
}

export function addArticleLayer(map) {
  map.addSource('article', { type: 'geojson', data: kEmpty });
  map.addLayer({
    id: kArticleLayer, type: 'circle', source: 'article',
    paint: { 'circle-radius': 9, 'circle-color': ['get', 'colour'], 'circle-opacity': 0.9,
             'circle-stroke-color': '#1f2a44', 'circle-stroke-width': 2.5 },
  });
}

function bboxOf(fc) {
  const xs = fc.features.map((f) => f.geometry.coordinates[0]);
  const ys = fc.features.map((f) => f.geometry.coordinates[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function createArticlePanel(el, { map, onSelect, onFit, onClose }) {
  let result = null;   // {text, mentions}
  let status = '';     // '' | 'running' | an Error
  const requests = api.latestRequest();

  const closeButton = h('button', { type: 'button', class: 'panel-close', onclick: () => onClose() }, '×');
  const title = h('h2', { id: 'article-title' });
  const hint = h('p', { class: 'panel-note' });
  const label = h('label', { for: 'article-input', class: 'article-label' });
  const input = h('textarea', { id: 'article-input', rows: '6', spellcheck: 'false' });
  const run = h('button', { type: 'button', id: 'article-run', onclick: () => annotate() });
  const statusEl = h('span', { class: 'article-status', role: 'status' });
  const errorEl = h('p', { class: 'article-error', role: 'alert', hidden: true });
  const textEl = h('div', { class: 'article-text', hidden: true });
  el.replaceChildren(closeButton, h('header', {}, title), hint, label, input,
    h('div', { class: 'article-actions' }, run, statusEl), errorEl, textEl);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) annotate();
  });

  function plot({ fit }) {
    const points = result && !el.hidden ? mentionPoints(result.mentions) : kEmpty;
    map.getSource('article')?.setData(points);
    if (fit && points.features.length) onFit(bboxOf(points));
  }

  async function annotate() {
    const text = input.value;
    status = 'running';
    render();
    try {
      const answer = await requests.run((signal) => api.annotate(text, { signal }));
      if (!answer) return; // superseded
      result = { text, mentions: Array.isArray(answer.mentions) ? answer.mentions : [] };
      status = '';
      plot({ fit: true });
    } catch (err) {
      result = null;
      status = err;
      plot({ fit: false });
    }
    render();
  }

  function mark(m) {
    const e = m.entity ?? { id: m.entity_id, kind: m.kind };
    const name = entityName(e.name, e.name_en) || e.id;
    const confidence = Number.isFinite(m.confidence) ? ` · ${t('confidence')} ${m.confidence.toFixed(2)}` : '';
    const span = h('mark', {
      class: `ann-mention${located(e) ? '' : ' ann-unlocated'}`, role: 'button', tabindex: '0',
      dataset: { id: e.id, kind: m.kind }, title: `${name} · ${kindLabel(m.kind)}${confidence}`,
      onclick: () => onSelect(e),
      onkeydown: (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onSelect(e);
        }
      },
    }, m.surface ?? '');
    const colour = kindColour(m.kind);
    span.style.backgroundColor = `${colour}2e`; // #rrggbbaa: the kind's colour, faint
    span.style.borderBottomColor = colour;
    return span;
  }

  function render() {
    closeButton.title = t('close');
    closeButton.setAttribute('aria-label', t('close'));
    title.textContent = t('articleTitle');
    hint.textContent = t('articleHint');
    label.textContent = t('articleLabel');
    input.placeholder = t('articlePlaceholder');
    run.textContent = t('articleRun');
    run.disabled = status === 'running';
    const failed = status && status !== 'running';
    errorEl.hidden = !failed;
    errorEl.textContent = failed ? t('articleError') + status.message : '';
    if (status === 'running') statusEl.textContent = t('articleRunning');
    else if (result) statusEl.textContent = result.mentions.length ? `${t('articleFound')}${result.mentions.length}` : t('articleNone');
    else statusEl.textContent = '';
    textEl.hidden = !result;
    textEl.replaceChildren(...(result ? splitMentions(result.text, result.mentions)
      .map((p) => (p.mention ? mark(p.mention) : p.text)) : []));
  }

  render();
  return {
    open() {
      el.hidden = false;
      plot({ fit: false });
      input.focus();
    },
    close() {
      el.hidden = true;
      plot({ fit: false });
    },
    isOpen: () => !el.hidden,
    render,
  };
}
