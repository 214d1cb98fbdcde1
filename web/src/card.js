// SPDX-License-Identifier: Apache-2.0
// The entity card (#card, a side panel): names, kind, era and time span, location, the other
// properties as a table (URLs as links) and the sources. The card keeps the shown entity in
// `data-id` and its state in `data-state` (loading | ready | error) for tests and styling.
//
//   const card = createCard(el, { onClose });
//   card.loading(id); card.show(entity); card.error(id, err); card.hide(); card.render();

import { h, link, safeHref } from './dom.js';
import { entityName, formatTimeSpan, kindLabel, lang, propertyLabel, secondaryName, t }
  from './i18n.js';

// Keys shown elsewhere on the card, or duplicates of the names.
const kHiddenProperties = new Set(['era', 'name', 'name_en', 'name_zh', 'id', 'kind']);

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

function renderSource(s) {
  const title = s.title || s.dataset || '—';
  const href = safeHref(s.url);
  const meta = [
    s.title && s.dataset ? h('code', { class: 'card-source-dataset' }, s.dataset) : null,
    s.record ? h('span', {}, `${t('record')}: ${s.record}`) : null,
    s.licence ? h('span', {}, `${t('licence')}: ${s.licence}`) : null,
  ].filter(Boolean);
  return h('li', { class: 'card-source' },
    h('div', { class: 'card-source-title' }, title),
    meta.length ? h('div', { class: 'card-source-meta' }, meta) : null,
    href ? h('div', { class: 'card-source-url' }, link(href)) : null);
}

function renderEntity(e) {
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
  const point = pointOf(e.geometry);
  if (point) fact(t('location'), formatLonLat(point));

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
        `${t('aliases')}: ${aliases.join(lang() === 'zh' ? '、' : ', ')}`) : null),
    h('dl', { class: 'card-facts' }, facts),
    rows.length ? h('section', { class: 'card-section' },
      h('h3', {}, t('properties')),
      h('table', { class: 'card-props' }, h('tbody', {}, rows))) : null,
    h('section', { class: 'card-section' },
      h('h3', {}, t('sources')),
      sources.length ? h('ul', { id: 'card-sources' }, sources.map(renderSource))
        : h('p', { class: 'card-muted' }, '—')),
  ];
}

export function createCard(el, { onClose }) {
  const body = h('div', { class: 'card-body' });
  const closeButton = h('button', { type: 'button', class: 'card-close',
                                    'data-i18n-aria-label': 'close', 'data-i18n-title': 'close' }, '×');
  closeButton.addEventListener('click', () => onClose());
  el.replaceChildren(closeButton, body);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') onClose();
  });

  let state = null; // { kind: 'loading' | 'ready' | 'error', id, entity?, error? }

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
      body.replaceChildren(...renderEntity(state.entity).filter(Boolean));
    }
  }

  return {
    loading(id) {
      state = { kind: 'loading', id };
      render();
    },
    show(entity) {
      state = { kind: 'ready', id: entity.id, entity };
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
