// SPDX-License-Identifier: Apache-2.0
// The entity card (#card, a side panel): names, kind, era and time span, the dynasties it
// overlaps, location and how precise it is, the other properties as a table (URLs as links), its
// relations grouped by predicate, and the sources, each with the reference it cites. The card
// keeps the shown entity in `data-id` and its state in `data-state` (loading | ready | error) for
// tests and styling.
//
//   const card = createCard(el, { onClose, onSelect: (ref) => …, onEra: (ref) => …, onGraph: (entity) => … });
//   card.loading(id); card.show(entity, relations); card.error(id, err); card.hide(); card.render();
//   // relations: /api/entities/{id}/relations, or the Error that loading them gave

import { h, link, safeHref } from './dom.js';
import { entityName, formatTimeSpan, kindLabel, lang, precisionLabel, predicateLabel, propertyLabel,
         secondaryName, t } from './i18n.js';
import { kindColour } from './layers.js';

// Keys shown elsewhere on the card, or duplicates of the names.
const kHiddenProperties = new Set(['era', 'name', 'name_en', 'name_zh', 'id', 'kind',
                                   'position_precision']);
// Rows of a relation group shown before "show all": a city has hundreds of entries located in it.
const kRelationsShown = 8;

function formatValue(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const href = safeHref(value);
    return href ? link(href, value) : value;
  }
  if (Array.isArray(value)) {
    const parts = value.map(formatValue).filter((v) => v !== null);
    const sep = lang() === 'zh' ? '、' : ', ';
    return h('span', {}, parts.flatMap((p, i) => (i ? [sep, p] : [p])));
  }
  return JSON.stringify(value);
}

function pointOf(geometry) {
  return geometry?.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : null;
}

function formatLonLat([lon, lat]) {
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(5)}° ${ns}, ${Math.abs(lon).toFixed(5)}° ${ew}`;
}

// The reference a fact cites ({title, url}): a link when the URL is http(s), else its title.
function citation(cites, text = cites.title || cites.url) {
  const href = safeHref(cites.url);
  if (!href) return text ? h('span', { title: cites.title }, text) : null;
  const a = link(href, text || href);
  if (cites.title) a.title = cites.title;
  return a;
}

function renderSource(s) {
  const title = s.title || s.dataset || '—';
  const href = safeHref(s.url);
  const meta = [
    s.title && s.dataset ? h('code', { class: 'card-source-dataset' }, s.dataset) : null,
    s.record ? h('span', {}, `${t('record')}: ${s.record}`) : null,
    s.licence ? h('span', {}, `${t('licence')}: ${s.licence}`) : null,
  ].filter(Boolean);
  const cites = s.cites && (s.cites.title || s.cites.url) ? citation(s.cites) : null;
  return h('li', { class: 'card-source' },
    h('div', { class: 'card-source-title' }, title),
    meta.length ? h('div', { class: 'card-source-meta' }, meta) : null,
    cites ? h('div', { class: 'card-source-cites' }, `${t('cites')}: `, cites) : null,
    href ? h('div', { class: 'card-source-url' }, link(href)) : null);
}

function swatch(kind) {
  const el = h('span', { class: 'card-swatch' });
  el.style.background = kindColour(kind);
  return el;
}

const refName = (ref) => entityName(ref.name, ref.name_en) || ref.id;
const startOf = (ref) => ref.time?.start ?? Infinity;

// Relations but `era` (shown as the dynasties), grouped by predicate and direction, one row per
// other entity: a fact both imported and derived (located_in) is listed once, with its citation.
export function groupRelations(relations) {
  const groups = new Map();
  for (const r of relations) {
    if (r.predicate === 'era' || !r.other?.id) continue;
    const key = `${r.direction} ${r.predicate}`;
    if (!groups.has(key)) groups.set(key, { key, predicate: r.predicate, direction: r.direction, rows: new Map() });
    const rows = groups.get(key).rows;
    const prev = rows.get(r.other.id);
    if (!prev || (!prev.source && r.source)) rows.set(r.other.id, r);
  }
  return [...groups.values()]
    .sort((a, b) => (a.direction === 'in') - (b.direction === 'in'))
    .map((g) => ({ ...g, rows: [...g.rows.values()] }));
}

function renderRelation(r, onSelect) {
  const other = r.other;
  const cites = r.source?.cites;
  let note = null;
  if (cites && (cites.title || cites.url)) note = citation(cites, t('citedSource'));
  else if (r.derived) note = h('span', { title: r.rule ?? '' }, t('derived'));
  return h('li', { class: 'card-rel', dataset: { id: other.id, predicate: r.predicate } },
    h('button', { type: 'button', class: 'card-rel-link', onclick: () => onSelect(other) },
      swatch(other.kind), refName(other)),
    h('span', { class: 'card-rel-kind' }, kindLabel(other.kind)),
    note ? h('span', { class: 'card-rel-note' }, note) : null);
}

function renderRelations(relations, { onSelect, expanded, rerender }) {
  if (relations instanceof Error) {
    return h('p', { class: 'card-error' }, t('relationsError') + relations.message);
  }
  const groups = groupRelations(relations);
  if (!groups.length) return h('p', { class: 'card-muted' }, '—');
  return groups.map((g) => {
    const open = expanded.has(g.key) || g.rows.length <= kRelationsShown + 1;
    const shown = open ? g.rows : g.rows.slice(0, kRelationsShown);
    const label = predicateLabel(g.predicate);
    return h('div', { class: 'card-rel-group', dataset: { predicate: g.predicate, direction: g.direction } },
      h('h4', { title: g.direction === 'in' ? t('relationsIncoming') : g.predicate },
        g.direction === 'in' ? `← ${label}` : label,
        h('span', { class: 'card-rel-count' }, String(g.rows.length))),
      h('ul', { class: 'card-rel-list' }, shown.map((r) => renderRelation(r, onSelect))),
      open ? null : h('button', {
        type: 'button', class: 'card-rel-more',
        onclick: () => {
          expanded.add(g.key);
          rerender();
        },
      }, `${t('showAll')} (${g.rows.length})`));
  });
}

function renderEntity(e, relations, handlers) {
  const names = e.names ?? {};
  const title = entityName(names.zh, names.en) || e.id;
  const subtitle = secondaryName(names.zh, names.en);
  const aliases = (names.aliases ?? []).filter((a) => a && a !== names.zh && a !== names.en);
  const props = e.properties ?? {};

  const facts = [];
  const fact = (label, value) => facts.push(h('dt', {}, label), h('dd', {}, value));
  fact(t('kind'), h('span', { title: e.kind }, kindLabel(e.kind)));
  const era = typeof props.era === 'string' ? props.era : '';
  const span = formatTimeSpan(e.time);
  if (era || span) {
    fact(t('era'), [era, span && era ? ` (${span})` : span].join(''));
  }
  const eras = Array.isArray(relations)
    ? relations.filter((r) => r.predicate === 'era' && r.direction === 'out' && r.other?.id)
      .sort((a, b) => startOf(a.other) - startOf(b.other)) : [];
  if (eras.length) {
    fact(t('dynasties'), h('span', { class: 'card-eras' }, eras.map(({ other }) => h('button', {
      type: 'button', class: 'card-era', dataset: { id: other.id },
      title: `${formatTimeSpan(other.time)} · ${t('eraFilterTitle')}`,
      onclick: () => handlers.onEra(other),
    }, refName(other)))));
  }
  const point = pointOf(e.geometry);
  if (point) fact(t('location'), formatLonLat(point));
  if (props.position_precision) {
    fact(t('positionPrecision'), h('span', { class: 'card-precision', dataset: { precision: props.position_precision } },
      precisionLabel(props.position_precision)));
  }

  const rows = Object.entries(props)
    .filter(([k]) => !kHiddenProperties.has(k))
    .map(([k, v]) => [k, formatValue(v)])
    .filter(([, v]) => v !== null)
    .map(([k, v]) => h('tr', { dataset: { key: k } },
      h('th', { scope: 'row', title: k }, propertyLabel(k)), h('td', {}, v)));

  const sources = e.sources ?? [];
  return [
    h('header', { class: 'card-header' },
      h('h2', { id: 'card-title' }, title),
      subtitle ? h('div', { class: 'card-subtitle' }, subtitle) : null,
      aliases.length ? h('div', { class: 'card-aliases' },
        `${t('aliases')}: ${aliases.join(lang() === 'zh' ? '、' : ', ')}`) : null,
      h('button', { type: 'button', class: 'card-graph', onclick: () => handlers.onGraph(e) }, t('openGraph'))),
    h('dl', { class: 'card-facts' }, facts),
    rows.length ? h('section', { class: 'card-section' },
      h('h3', {}, t('properties')),
      h('table', { class: 'card-props' }, h('tbody', {}, rows))) : null,
    h('section', { class: 'card-section', id: 'card-relations' },
      h('h3', {}, t('relations')),
      renderRelations(relations ?? [], handlers)),
    h('section', { class: 'card-section' },
      h('h3', {}, t('sources')),
      sources.length ? h('ul', { id: 'card-sources' }, sources.map(renderSource))
        : h('p', { class: 'card-muted' }, '—')),
  ];
}

export function createCard(el, { onClose, onSelect, onEra, onGraph }) {
  const body = h('div', { class: 'card-body' });
  const closeButton = h('button', { type: 'button', class: 'card-close',
                                    'data-i18n-aria-label': 'close', 'data-i18n-title': 'close' }, '×');
  closeButton.addEventListener('click', () => onClose());
  el.replaceChildren(closeButton, body);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') onClose();
  });

  let state = null; // { kind: 'loading' | 'ready' | 'error', id, entity?, relations?, error? }
  let expanded = new Set(); // relation groups shown whole

  function render() {
    closeButton.setAttribute('aria-label', t('close'));
    closeButton.title = t('close');
    if (!state) {
      el.hidden = true;
      el.removeAttribute('data-id');
      el.removeAttribute('data-state');
      body.replaceChildren();
      return;
    }
    el.hidden = false;
    el.dataset.id = state.id;
    el.dataset.state = state.kind;
    if (state.kind === 'loading') {
      body.replaceChildren(h('h2', { id: 'card-title', class: 'card-muted' }, t('loading')));
    } else if (state.kind === 'error') {
      const notFound = state.error?.status === 404;
      body.replaceChildren(
        h('h2', { id: 'card-title' }, state.id),
        h('p', { class: 'card-error' }, (notFound ? t('notFound') : t('loadError'))
          + (notFound ? state.id : state.error?.message ?? '')));
    } else {
      body.replaceChildren(...renderEntity(state.entity, state.relations,
        { onSelect, onEra, onGraph, expanded, rerender: render }).filter(Boolean));
    }
  }

  return {
    loading(id) {
      state = { kind: 'loading', id };
      render();
    },
    show(entity, relations) {
      if (state?.id !== entity.id) expanded = new Set();
      state = { kind: 'ready', id: entity.id, entity, relations };
      render();
    },
    error(id, error) {
      state = { kind: 'error', id, error };
      render();
    },
    hide() {
      state = null;
      render();
    },
    render,
  };
}
