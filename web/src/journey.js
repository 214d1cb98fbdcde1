// SPDX-License-Identifier: Apache-2.0
// The rail journey panel (#journey-panel): From and To (station autocomplete, or any station or
// city name typed as text), a date (empty: the server picks the feed's first service day) and a
// departure time go to GET /api/journeys. Each journey shows its times, duration, transfers and
// legs; the chosen one (the first, or a click) is drawn on the map (layers `journey-line` and
// `journey-stop`; a train along its `path` through its calls, else straight between its stations;
// walks faint) and the map is fitted to it. Errors (problem details) show in the panel. The last
// query is the permalink's `j=`. The station field and the leg lines serve the itinerary panel too.
//
//   addJourneyLayers(map);                             // once, above the content layers
//   const panel = createJourneyPanel(el, { map, onFit: (bbox) => …, onChange: () => …, onClose });
//   panel.open(query?); panel.close(); panel.render(); panel.query()  // {from, to, date, depart} | null
//   const f = stationField('journey-from');            // f.el, f.label, f.input, f.value(), f.set(text)
//   const o = mapOverlay(map, 'journey', { features: () => fc | null, onFit });  // o.draw({fit}), o.layersReady()

import * as api from './api.js';
import { h } from './dom.js';
import { lang, t } from './i18n.js';
import { createSearch } from './search.js';

export const kJourneyLine = 'journey-line';
export const kJourneyStop = 'journey-stop';
export const kDefaultDepart = '08:00';
const kEmpty = { type: 'FeatureCollection', features: [] };
const kColour = '#7b2cbf';

// Minutes as "1 h 5 min" / "1小时5分钟".
export function formatDuration(min, language = 'zh') {
  if (!Number.isFinite(min) || min < 0) return '';
  const hours = Math.floor(min / 60);
  const mins = Math.round(min % 60);
  if (language === 'en') return hours ? `${hours} h${mins ? ` ${mins} min` : ''}` : `${mins} min`;
  return hours ? `${hours}小时${mins ? `${mins}分钟` : ''}` : `${mins}分钟`;
}

// Minutes between two local ISO date-times ("2021-01-01T12:11"), or NaN.
const kDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const utcMs = (dt) => (kDateTime.test(dt) ? Date.parse(`${dt}:00Z`) : NaN);

export function minutesBetween(a, b) {
  const ms = utcMs(b) - utcMs(a);
  return Number.isFinite(ms) ? Math.round(ms / 60000) : NaN;
}

// "2021-01-02T05:03" against the query's day "2021-01-01" → {time: '05:03', days: 1}.
export function clockOf(dateTime, day) {
  const time = typeof dateTime === 'string' ? dateTime.slice(11, 16) : '';
  const d = (utcMs(`${String(dateTime).slice(0, 10)}T00:00`) - utcMs(`${day}T00:00`)) / 86400000;
  return { time, days: Number.isFinite(d) ? Math.round(d) : 0 };
}

// "2021-01-02T05:03" on the day "2021-01-01" as nodes: the clock, and the days after as "+1".
export function clockNodes(dateTime, day) {
  const { time, days } = clockOf(dateTime, day);
  return days > 0 ? [time, h('sup', { class: 'journey-day' }, `+${days}`)] : [time];
}

export function transfersText(n) {
  if (!n) return t('journeyDirect');
  return lang() === 'en' ? `${n} change${n === 1 ? '' : 's'}` : `换乘${n}次`;
}

export const located = (s) => Number.isFinite(s?.lon) && Number.isFinite(s?.lat);

const isPosition = (p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

// A leg as a GeoJSON line: along its `path` ([[lon, lat], …] through the train's calls) when it has
// one, else straight between its stations; null when neither is known. Walks are marked.
export function legLine(leg) {
  const a = leg?.from_stop;
  const b = leg?.to_stop;
  let coordinates = null;
  if (Array.isArray(leg?.path) && leg.path.length >= 2 && leg.path.every(isPosition)) {
    coordinates = leg.path.map((p) => [p[0], p[1]]);
  } else if (located(a) && located(b)) {
    coordinates = [[a.lon, a.lat], [b.lon, b.lat]];
  }
  return coordinates && { type: 'Feature', geometry: { type: 'LineString', coordinates },
                          properties: { train: leg.train ?? '', walk: !leg.train } };
}

// A journey as GeoJSON: a line per leg (walks marked) and a point per station.
export function journeyFeatures(journey) {
  const features = [];
  const stops = new Map();
  for (const leg of journey?.legs ?? []) {
    const line = legLine(leg);
    if (line) features.push(line);
    const a = leg.from_stop;
    const b = leg.to_stop;
    for (const s of [a, b]) {
      if (located(s) && !stops.has(s.id)) {
        stops.set(s.id, { type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
                          properties: { id: s.id, name: s.name ?? '' } });
      }
    }
  }
  return { type: 'FeatureCollection', features: [...features, ...stops.values()] };
}

// [west, south, east, north] of a collection's points and lines, or null when it has neither.
export function bboxOf(fc) {
  const pts = fc.features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates));
  if (!pts.length) return null;
  return pts.reduce(([w, s, e, n], [x, y]) => [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)],
                    [Infinity, Infinity, -Infinity, -Infinity]);
}

// A panel's drawing on the map, in GeoJSON source `sourceId`: draw({fit}) shows `features()` (a
// FeatureCollection, or null for nothing) and, with fit, frames it; a draw asked for before the
// map has the source is done by layersReady(). `onSet(fc)` follows every change of the data.
export function mapOverlay(map, sourceId, { features, onFit, onSet = () => {} }) {
  let pendingFit = false; // a draw asked for before the map's layers existed
  function draw({ fit }) {
    const source = map.getSource(sourceId);
    if (!source) {
      pendingFit = pendingFit || fit;
      return;
    }
    const fc = features();
    source.setData(fc ?? kEmpty);
    onSet(fc ?? kEmpty);
    const bbox = fit && fc ? bboxOf(fc) : null;
    if (bbox) onFit(bbox);
  }
  return {
    draw,
    layersReady() {
      const fit = pendingFit;
      pendingFit = false;
      draw({ fit });
    },
  };
}

export function addJourneyLayers(map) {
  map.addSource('journey', { type: 'geojson', data: kEmpty });
  map.addLayer({
    id: kJourneyLine, type: 'line', source: 'journey', filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': kColour, 'line-width': 4, 'line-opacity': ['case', ['get', 'walk'], 0.45, 0.9] },
  });
  map.addLayer({
    id: kJourneyStop, type: 'circle', source: 'journey', filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': kColour,
             'circle-stroke-width': 3 },
  });
}

// A station field (label, input and autocomplete list, class `journey-field`): its value is what
// the user typed, or the telecode of a timetable station picked from the list (`rail-<telecode>`).
// `kind`: what the list offers (comma-separated kinds, as /api/search takes them).
export function stationField(id, { kind = 'station' } = {}) {
  const label = h('label', { for: id });
  const input = h('input', { id, type: 'search', autocomplete: 'off', spellcheck: 'false',
                             role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
                             'aria-controls': `${id}-results` });
  const list = h('ul', { id: `${id}-results`, class: 'journey-results', role: 'listbox', hidden: true });
  const f = { label, input, code: null };
  f.search = createSearch({
    input, list, kind,
    onSelect: (r) => {
      input.value = r.names?.zh || r.names?.en || r.id;
      f.code = r.id.startsWith('rail-') ? r.id.slice(5) : null; // the timetable's telecode
    },
  });
  input.addEventListener('input', () => { f.code = null; });
  f.value = () => f.code || input.value.trim();
  f.set = (v) => { input.value = v; f.code = null; };
  f.el = h('div', { class: 'journey-field' }, label, h('div', { class: 'journey-search' }, input, list));
  return f;
}

export function createJourneyPanel(el, { map, onFit, onChange, onClose }) {
  let current = null;  // the query shown: {from, to, date, depart}
  let answer = null;   // the /api/journeys answer
  let chosen = -1;     // index of the journey drawn
  let status = '';     // '' | 'running' | an Error
  const requests = api.latestRequest();
  const overlay = mapOverlay(map, 'journey', {
    features: () => {
      const journey = el.hidden ? null : answer?.journeys?.[chosen];
      return journey ? journeyFeatures(journey) : null;
    },
    onFit,
  });
  const plot = overlay.draw;

  const closeButton = h('button', { type: 'button', class: 'panel-close', onclick: () => onClose() }, '×');
  const title = h('h2', { id: 'journey-title' });
  const hint = h('p', { class: 'panel-note' });

  const from = stationField('journey-from');
  const to = stationField('journey-to');
  const dateLabel = h('label', { for: 'journey-date' });
  const dateInput = h('input', { id: 'journey-date', type: 'date' });
  const departLabel = h('label', { for: 'journey-depart' });
  const departInput = h('input', { id: 'journey-depart', type: 'time', value: kDefaultDepart });
  const run = h('button', { type: 'button', id: 'journey-run', onclick: () => submit() });
  const statusEl = h('span', { class: 'journey-status', role: 'status' });
  const errorEl = h('p', { class: 'journey-error', role: 'alert', hidden: true });
  const listEl = h('ol', { class: 'journey-list' });
  el.replaceChildren(closeButton, h('header', {}, title), hint,
    h('div', { class: 'journey-form' }, from.el, to.el,
      h('div', { class: 'journey-field' }, dateLabel, dateInput),
      h('div', { class: 'journey-field' }, departLabel, departInput)),
    h('div', { class: 'journey-actions' }, run, statusEl), errorEl, listEl);
  for (const input of [dateInput, departInput]) {
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); });
  }

  function choose(i) {
    chosen = i;
    plot({ fit: true });
    render();
  }

  function submit() {
    const q = { from: from.value(), to: to.value(), date: dateInput.value || '', depart: departInput.value || kDefaultDepart };
    if (!q.from || !q.to) {
      status = new Error(t('journeyNeedStations'));
      render();
      return;
    }
    search(q);
  }

  async function search(q) {
    current = q;
    onChange();
    status = 'running';
    answer = null;
    chosen = -1;
    plot({ fit: false });
    render();
    try {
      const res = await requests.run((signal) => api.getJourneys(q, { signal }));
      if (!res) return; // superseded
      answer = { ...res, journeys: Array.isArray(res.journeys) ? res.journeys : [] };
      status = '';
      // A telecode from the permalink: show the station's name instead.
      for (const [f, end] of [[from, res.from], [to, res.to]]) {
        if (end?.name && f.input.value.trim() === end.id) f.input.value = end.name;
      }
      chosen = answer.journeys.length ? 0 : -1;
      plot({ fit: true });
    } catch (err) {
      status = err;
    }
    render();
  }

  const clock = (dateTime) => clockNodes(dateTime, answer.date);

  function journeyItem(j, i) {
    const duration = Number.isFinite(j.duration_min) ? j.duration_min : minutesBetween(j.departure, j.arrival);
    const legs = (j.legs ?? []).map((leg) => h('li', { class: `journey-leg${leg.train ? '' : ' journey-walk'}` },
      h('span', { class: 'journey-train' }, leg.train || t('journeyWalk')), ' ',
      leg.from ?? leg.from_stop?.name ?? '', ' ', h('span', { class: 'journey-time' }, clock(leg.departure)),
      ' → ', leg.to ?? leg.to_stop?.name ?? '', ' ', h('span', { class: 'journey-time' }, clock(leg.arrival))));
    const select = () => choose(i);
    return h('li', {
      class: `journey${i === chosen ? ' journey-chosen' : ''}`, role: 'button', tabindex: '0',
      'aria-pressed': i === chosen ? 'true' : 'false', dataset: { index: String(i) },
      onclick: select,
      onkeydown: (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          select();
        }
      },
    },
    h('div', { class: 'journey-summary' },
      h('span', { class: 'journey-times' }, clock(j.departure), ' → ', clock(j.arrival)),
      h('span', { class: 'journey-meta' }, `${formatDuration(duration, lang())} · ${transfersText(j.transfers)}`)),
    h('ol', { class: 'journey-legs' }, legs));
  }

  function render() {
    closeButton.title = t('close');
    closeButton.setAttribute('aria-label', t('close'));
    title.textContent = t('journeyTitle');
    hint.textContent = t('journeyHint');
    from.label.textContent = t('journeyFrom');
    to.label.textContent = t('journeyTo');
    from.input.placeholder = t('journeyStationPlaceholder');
    to.input.placeholder = t('journeyStationPlaceholder');
    dateLabel.textContent = t('journeyDate');
    departLabel.textContent = t('journeyDepart');
    dateInput.title = t('journeyDateHint');
    run.textContent = t('journeyRun');
    run.disabled = status === 'running';
    from.search.render();
    to.search.render();
    const failed = status && status !== 'running';
    errorEl.hidden = !failed;
    errorEl.textContent = failed ? t('journeyError') + status.message : '';
    if (status === 'running') statusEl.textContent = t('journeySearching');
    else if (answer) {
      const n = answer.journeys.length;
      statusEl.textContent = n ? `${answer.date ?? ''} · ${t('journeyFound')}${n}` : t('journeyNone');
    } else statusEl.textContent = '';
    listEl.replaceChildren(...(answer ? answer.journeys.map(journeyItem) : []));
  }

  render();
  return {
    // Opens the panel; with a query (from the permalink), fills the form and runs it.
    open(q = null) {
      el.hidden = false;
      if (q) {
        from.set(q.from);
        to.set(q.to);
        dateInput.value = q.date || '';
        departInput.value = q.depart || kDefaultDepart;
        search(q);
      } else {
        plot({ fit: false });
        from.input.focus();
      }
    },
    close() {
      el.hidden = true;
      requests.cancel();
      if (status === 'running') status = '';
      current = null;
      plot({ fit: false });
      render();
    },
    // The map's layers exist now: draw what was asked for before.
    layersReady: overlay.layersReady,
    isOpen: () => !el.hidden,
    query: () => (el.hidden ? null : current),
    render,
  };
}
