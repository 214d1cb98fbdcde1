// SPDX-License-Identifier: Apache-2.0
// The itinerary builder (#itinerary-panel, 行程规划 / Trip planner): a start (station or city
// autocomplete, or any name typed), a theme (GET /api/itineraries/themes; its places listed, the
// ones the timetable lacks greyed, each with its source) or chosen places (search-and-add chips,
// each with its own stay), the default stay, date, departure, return to the start and the travel
// hours (or any hour) go to POST /api/itineraries. The plan is listed day by day: the trains taken
// (times, transfers) and the place you are in (arrival, departure, stay, the heritage near its
// station — a click flies there), with the total time, the method in words and the places left
// out with their reasons; while the panel is open, printing prints the plan alone (style.css).
// The trip is drawn on the map (layer `itinerary-line`: trains along their `path`, walks faint;
// numbered HTML markers `.itinerary-marker` in visiting order) and the map fitted to it. Errors
// (problem details) show next to the field they name, else under the form. The request is the
// permalink's `it=`.
//
//   addItineraryLayers(map);               // once, above the content layers
//   const panel = createItineraryPanel(el, { map, addMarker: (el, [lon, lat]) => marker,
//     onFit: (bbox) => …, onFly: ({lon, lat}) => …, onSelect: (ref) => …, onChange, onClose });
//   panel.open(request?); panel.close(); panel.render(); panel.query()  // request (hash.js) | null

import * as api from './api.js';
import { h, safeHref } from './dom.js';
import { kDefaultTravelHours } from './hash.js';
import { entityName, lang, t } from './i18n.js';
import { clockNodes, formatDuration, legLine, located, mapOverlay, minutesBetween, stationField, transfersText }
  from './journey.js';
import { createSearch } from './search.js';

export const kItineraryLine = 'itinerary-line';
export const kDefaultStayHours = 24;
const kEmpty = { type: 'FeatureCollection', features: [] };
const kColour = '#0b7a75';
const kPlaceKinds = 'station,prefecture'; // what the start and place searches offer
const kDayMs = 86400000;

// --- pure parts --------------------------------------------------------------------------------

// A request (hash.js's shape) as the POST body: unset parts are left to the server's defaults.
export function requestBody(q) {
  const body = { start: q.start };
  if (q.theme) body.theme = q.theme;
  else {
    body.places = q.places.map((p) => (Number.isFinite(p.stay_hours)
      ? { place: p.place, stay_hours: p.stay_hours } : p.place));
  }
  if (Number.isFinite(q.min_stay_hours)) body.min_stay_hours = q.min_stay_hours;
  if (q.date) body.date = q.date;
  if (q.depart) body.depart = q.depart;
  body.return_to_start = q.return_to_start !== false;
  body.travel_hours = q.travel_hours ? { from: q.travel_hours.from, to: q.travel_hours.to } : null;
  return body;
}

const dayOf = (dateTime) => (typeof dateTime === 'string' ? dateTime.slice(0, 10) : '');

// The dates from `first` to `last` (YYYY-MM-DD), both included.
function datesFrom(first, last) {
  const out = [];
  const end = Date.parse(`${last}T00:00Z`);
  for (let ms = Date.parse(`${first}T00:00Z`); ms <= end; ms += kDayMs) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

// The plan by local date, [{date, entries}] in order. A leg (leg i reaches stop i; a round
// trip's last leg goes back) is listed on the day it leaves: {type: 'leg', leg, index}; a stay on
// every day from its arrival to its departure: {type: 'stay', stop, order (1-based), arrives,
// leaves} (the last stop of a one-way tour has no departure). Legs and stays alternate in time,
// so each day's entries come out in time order.
export function planDays(answer) {
  const days = new Map();
  const add = (date, entry) => {
    if (!date) return;
    if (!days.has(date)) days.set(date, []);
    days.get(date).push(entry);
  };
  const stops = answer?.stops ?? [];
  (answer?.legs ?? []).forEach((leg, index) => {
    add(dayOf(leg.departure), { type: 'leg', leg, index });
    const stop = stops[index];
    if (!stop) return;
    const first = dayOf(stop.arrival);
    const last = dayOf(stop.departure) || first;
    for (const date of datesFrom(first, last)) {
      add(date, { type: 'stay', stop, order: index + 1, arrives: date === first,
                  leaves: Boolean(stop.departure) && date === last });
    }
  });
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, entries]) => ({ date, entries }));
}

// The trip as GeoJSON: a line per train or walk (property `part`: the index of its leg) and a
// point per stop in visiting order (`order` 0 is the start's station, where the first train leaves).
export function itineraryFeatures(answer) {
  const lines = (answer?.legs ?? []).flatMap((journey, part) => (journey.legs ?? []).map(legLine)
    .filter(Boolean).map((f) => ({ ...f, properties: { ...f.properties, part } })));
  const start = answer?.legs?.[0]?.legs?.[0]?.from_stop;
  const stations = [start, ...(answer?.stops ?? []).map((s) => s.station)];
  const points = stations.map((s, order) => (located(s) ? {
    type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { id: s.id, name: s.name ?? '', order },
  } : null)).filter(Boolean);
  return { type: 'FeatureCollection', features: [...lines, ...points] };
}

// Minutes as "7天3小时23分钟" / "7 d 3 h 23 min"; under a day as formatDuration.
export function formatLongDuration(min, language = 'zh') {
  if (!Number.isFinite(min) || min < 0) return '';
  const total = Math.round(min);
  const days = Math.floor(total / 1440);
  const rest = total - days * 1440;
  if (!days) return formatDuration(rest, language);
  const d = language === 'en' ? `${days} d` : `${days}天`;
  if (!rest) return d;
  return `${d}${language === 'en' ? ' ' : ''}${formatDuration(rest, language)}`;
}

// Metres as "850米" / "2.4公里", "850 m" / "2.4 km".
export function formatDistance(m, language = 'zh') {
  if (!Number.isFinite(m) || m < 0) return '';
  const en = language === 'en';
  if (m < 1000) return `${Math.round(m)}${en ? ' m' : '米'}`;
  return `${(m / 1000).toFixed(1)}${en ? ' km' : '公里'}`;
}

const kWeekdays = { zh: '日一二三四五六', en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

// "第1天 · 2021-01-01 周五" / "Day 1 · Fri 2021-01-01".
export function dayLabel(date, n, language = 'zh') {
  const ms = Date.parse(`${date}T00:00Z`);
  const w = Number.isFinite(ms) ? new Date(ms).getUTCDay() : -1;
  if (language === 'en') return `Day ${n} · ${w >= 0 ? `${kWeekdays.en[w]} ` : ''}${date}`;
  return `第${n}天 · ${date}${w >= 0 ? ` 周${kWeekdays.zh[w]}` : ''}`;
}

// The conditions a reason names, in Chinese: "（乘车时段 07:00–23:00，最多等待 3 天）".
function conditionsZh(answer) {
  const hours = answer?.travel_hours;
  const wait = answer?.max_wait_days;
  const parts = [hours && `乘车时段 ${hours.from}–${hours.to}`, Number.isFinite(wait) && `最多等待 ${wait} 天`]
    .filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : '';
}

const kReasonsZh = {
  is_start: (place, start) => `行程从这里出发（${start}）`,
  no_station: (place) => `时刻表中没有${place}的车站`,
  unreachable: (place, start, answer) => `时刻表中没有从${start}或行程中其他地点到${place}的列车${conditionsZh(answer)}`,
  cannot_leave: (place, start, answer) => `时刻表中没有从${place}开往${start}或行程中其他地点的列车${conditionsZh(answer)}`,
  start_isolated: (place, start, answer) => `从${start}出发，时刻表中的列车到不了行程中的任何地点${conditionsZh(answer)}`,
  no_connecting_order: (place, start, answer) =>
    `时刻表中的列车无法把这些地点连成行程${answer?.return_to_start ? `并返回${start}` : ''}${conditionsZh(answer)}`,
};

// Why a place was left out (`item`: an entry of the answer's left_out) or why there is no tour
// (`item`: {code: answer.reason_code, reason: answer.reason}), in the UI's language. The server's
// English text is kept for English and for a code not known here.
export function reasonText(item, answer, language = 'zh') {
  const text = String(item?.reason ?? '');
  const zh = kReasonsZh[item?.code];
  if (language === 'en' || !zh) return text;
  return zh(item.place ?? '', answer?.start?.name ?? '', answer);
}

const kSlots = ['start', 'theme', 'places', 'min_stay_hours', 'date', 'depart', 'return_to_start', 'travel_hours'];

// The part of the form a problem's `field` names: one of kSlots, `places[N]` (a chosen place, or
// its stay), or null.
export function fieldSlot(field) {
  if (typeof field !== 'string') return null;
  const m = /^places\[(\d+)\]/.exec(field);
  if (m) return `places[${Number(m[1])}]`;
  const head = field.split(/[.[]/)[0];
  return kSlots.includes(head) ? head : null;
}

// --- map ---------------------------------------------------------------------------------------

export function addItineraryLayers(map) {
  map.addSource('itinerary', { type: 'geojson', data: kEmpty });
  map.addLayer({
    id: kItineraryLine, type: 'line', source: 'itinerary', filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': kColour, 'line-width': ['case', ['get', 'walk'], 3, 4],
             'line-opacity': ['case', ['get', 'walk'], 0.35, 0.9] },
  });
}

// --- the panel ---------------------------------------------------------------------------------

const numberOrNull = (text) => (String(text).trim() === '' ? null : Number(text));

export function createItineraryPanel(el, { map, addMarker, onFit, onFly, onSelect, onChange, onClose }) {
  let themes = null;      // the themes, once loaded
  let themesStatus = '';  // '' | 'loading' | an Error
  let mode = 'theme';     // 'theme' | 'places'
  let themeId = '';
  let places = [];        // chosen places: {place (sent), label (shown), stay_hours}
  let current = null;     // the request planned last (hash.js's shape); the permalink's while open
  let answer = null;      // the /api/itineraries answer
  let status = '';        // '' | 'running' | an Error (with `field` when it names one)
  const requests = api.latestRequest();
  let markers = [];       // {marker, el, order}
  const overlay = mapOverlay(map, 'itinerary', {
    features: () => (el.hidden || !answer ? null : itineraryFeatures(answer)),
    onFit,
    onSet: setMarkers,
  });
  const plot = overlay.draw;

  const closeButton = h('button', { type: 'button', class: 'panel-close', onclick: () => onClose() }, '×');
  const title = h('h2', { id: 'itinerary-title' });
  const hint = h('p', { class: 'panel-note' });
  const slotEls = new Map(); // slot → its error line (the chips' are made with the chips)
  const errorLine = (slot) => {
    const p = h('p', { class: 'itinerary-field-error', role: 'alert', hidden: true, dataset: { slot } });
    slotEls.set(slot, p);
    return p;
  };

  const start = stationField('itinerary-start', { kind: kPlaceKinds });
  start.el.append(errorLine('start'));

  // Where to: a theme, or chosen places.
  const whereLegend = h('legend');
  const modeRadio = (value) => h('input', { type: 'radio', name: 'itinerary-mode', id: `itinerary-mode-${value}`, value,
                                            onchange: () => { mode = value; render(); } });
  const themeRadio = modeRadio('theme');
  const placesRadio = modeRadio('places');
  const themeRadioLabel = h('label', { for: 'itinerary-mode-theme' });
  const placesRadioLabel = h('label', { for: 'itinerary-mode-places' });
  const themeSelect = h('select', { id: 'itinerary-theme', onchange: () => { themeId = themeSelect.value; render(); } });
  const themeLabel = h('label', { for: 'itinerary-theme' });
  const themeNote = h('p', { class: 'panel-note itinerary-theme-note' });
  const themePlaces = h('ul', { class: 'itinerary-theme-places' });
  const themeBox = h('div', { class: 'itinerary-theme-box' },
    h('div', { class: 'journey-field' }, themeLabel, themeSelect), errorLine('theme'), themeNote, themePlaces);

  const placeLabel = h('label', { for: 'itinerary-place' });
  const placeInput = h('input', { id: 'itinerary-place', type: 'search', autocomplete: 'off', spellcheck: 'false',
                                  role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
                                  'aria-controls': 'itinerary-place-results' });
  const placeList = h('ul', { id: 'itinerary-place-results', class: 'journey-results', role: 'listbox', hidden: true });
  const placeSearch = createSearch({
    input: placeInput, list: placeList, kind: kPlaceKinds,
    onSelect: (r) => {
      const name = r.names?.zh || r.names?.en || r.id;
      addPlace(r.id.startsWith('rail-') ? r.id.slice(5) : name, name); // a timetable station by its telecode
      placeInput.value = '';
    },
  });
  const addButton = h('button', { type: 'button', id: 'itinerary-place-add', class: 'itinerary-small-button',
                                  onclick: () => addTyped() });
  const chipsEl = h('ul', { class: 'itinerary-chips' });
  const placesBox = h('div', { class: 'itinerary-places-box' },
    h('div', { class: 'journey-field' }, placeLabel,
      h('div', { class: 'itinerary-place-row' }, h('div', { class: 'journey-search' }, placeInput, placeList), addButton)),
    chipsEl, errorLine('places'));

  // Stays, dates and hours.
  const input = (id, attrs) => ({ label: h('label', { for: id }), input: h('input', { id, ...attrs }) });
  const stay = input('itinerary-stay', { type: 'number', min: '0', max: '240', step: '1',
                                        value: String(kDefaultStayHours) });
  const date = input('itinerary-date', { type: 'date' });
  const depart = input('itinerary-depart', { type: 'time' });
  const hoursFrom = h('input', { id: 'itinerary-hours-from', type: 'time', value: kDefaultTravelHours.from });
  const hoursTo = h('input', { id: 'itinerary-hours-to', type: 'time', value: kDefaultTravelHours.to });
  const hoursLabel = h('label', { for: 'itinerary-hours-from' });
  const anyHour = h('input', { id: 'itinerary-any-hour', type: 'checkbox', onchange: () => render() });
  const anyHourLabel = h('label', { for: 'itinerary-any-hour' });
  const back = h('input', { id: 'itinerary-return', type: 'checkbox', checked: true });
  const backLabel = h('label', { for: 'itinerary-return' });
  const field = (f, slot) => h('div', { class: 'journey-field' }, f.label, f.input, errorLine(slot));

  const run = h('button', { type: 'button', id: 'itinerary-run', onclick: () => submit() });
  const statusEl = h('span', { class: 'journey-status', role: 'status' });
  const errorEl = h('p', { class: 'itinerary-error', role: 'alert', hidden: true });
  const planEl = h('section', { class: 'itinerary-plan', dataset: { state: 'empty' }, 'aria-live': 'polite' });

  const form = h('div', { class: 'itinerary-form' },
    start.el,
    h('fieldset', { class: 'itinerary-where' }, whereLegend,
      h('div', { class: 'itinerary-modes' }, themeRadio, themeRadioLabel, placesRadio, placesRadioLabel),
      themeBox, placesBox),
    h('div', { class: 'journey-form' },
      field(stay, 'min_stay_hours'), field(date, 'date'), field(depart, 'depart'),
      h('div', { class: 'journey-field' }, hoursLabel,
        h('div', { class: 'itinerary-hours' }, hoursFrom, '–', hoursTo),
        h('div', { class: 'itinerary-check' }, anyHour, anyHourLabel), errorLine('travel_hours')),
      h('div', { class: 'journey-field itinerary-check' }, back, backLabel, errorLine('return_to_start'))),
    h('div', { class: 'journey-actions' }, run, statusEl), errorEl);
  el.replaceChildren(closeButton, h('header', {}, title), hint, form, planEl);
  for (const i of [stay.input, date.input, depart.input, hoursFrom, hoursTo]) {
    i.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); });
  }

  // --- state changes ---

  function addPlace(place, label) {
    if (!place || places.some((p) => p.place === place)) return;
    places = [...places, { place, label: label || place, stay_hours: null }];
    mode = 'places';
    render();
  }

  // A place as typed: the server resolves station and city names.
  function addTyped() {
    const text = placeInput.value.trim();
    placeInput.value = '';
    addPlace(text, text);
  }

  function removePlace(i) {
    places = places.filter((_, j) => j !== i);
    render();
  }

  async function loadThemes() {
    if (themes || themesStatus === 'loading') return;
    themesStatus = 'loading';
    render();
    try {
      themes = await api.getThemes();
      themesStatus = '';
      if (!themeId && themes.length) themeId = themes[0].id;
    } catch (err) {
      themesStatus = err;
    }
    render();
  }

  function formQuery() {
    return {
      start: start.value(),
      theme: mode === 'theme' ? themeId : '',
      places: mode === 'places' ? places.map((p) => ({ place: p.place, stay_hours: p.stay_hours })) : [],
      min_stay_hours: numberOrNull(stay.input.value),
      date: date.input.value || '',
      depart: depart.input.value || '',
      return_to_start: back.checked,
      travel_hours: anyHour.checked ? null
        : { from: hoursFrom.value || kDefaultTravelHours.from, to: hoursTo.value || kDefaultTravelHours.to },
    };
  }

  function fillForm(q) {
    start.set(q.start);
    mode = q.theme ? 'theme' : 'places';
    if (q.theme) themeId = q.theme;
    places = q.places.map((p) => ({ place: p.place, label: p.place, stay_hours: p.stay_hours }));
    stay.input.value = q.min_stay_hours ?? '';
    date.input.value = q.date || '';
    depart.input.value = q.depart || '';
    back.checked = q.return_to_start !== false;
    anyHour.checked = !q.travel_hours;
    hoursFrom.value = q.travel_hours?.from ?? kDefaultTravelHours.from;
    hoursTo.value = q.travel_hours?.to ?? kDefaultTravelHours.to;
  }

  const invalid = (field, message) => Object.assign(new Error(message), { field });

  function submit() {
    const q = formQuery();
    const missing = !q.start ? invalid('start', t('itineraryNeedStart'))
      : mode === 'theme' && !q.theme ? invalid('theme', t('itineraryNeedTheme'))
        : mode === 'places' && !q.places.length ? invalid('places', t('itineraryNeedPlaces')) : null;
    if (missing) {
      status = missing;
      render();
      return;
    }
    plan(q);
  }

  async function plan(q) {
    current = q;
    onChange();
    status = 'running';
    answer = null;
    plot({ fit: false });
    render();
    try {
      const res = await requests.run((signal) => api.planItinerary(requestBody(q), { signal }));
      if (!res) return; // superseded
      answer = res;
      status = '';
      relabel();
      plot({ fit: true });
    } catch (err) {
      status = err;
    }
    render();
    if (answer) planEl.scrollIntoView({ block: 'start' });
  }

  // Telecodes (from a pick or the permalink) show as the stations' names once the answer has them.
  function relabel() {
    if (answer.start?.name && start.input.value.trim() === answer.start.id) start.input.value = answer.start.name;
    const names = new Map((answer.stops ?? []).map((s) => [s.place?.id, s.place?.name]));
    places = places.map((p) => (p.label === p.place && names.get(p.place) ? { ...p, label: names.get(p.place) } : p));
  }

  // --- map ---

  function setMarkers(fc) {
    for (const m of markers) m.marker.remove();
    markers = fc.features.filter((f) => f.geometry.type === 'Point').map((f) => {
      const { order, name } = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const markerEl = h('button', { type: 'button', class: `itinerary-marker${order ? '' : ' itinerary-marker-start'}`,
                                     title: name, dataset: { order: String(order) },
                                     onclick: () => onFly({ lon, lat }) },
                         order ? String(order) : t('itineraryStartMark'));
      return { marker: addMarker(markerEl, [lon, lat]), el: markerEl, order };
    });
  }

  // --- rendering ---

  // A place's name in the UI's language: the themes know the English names of their places.
  function placeName(name) {
    if (lang() !== 'en') return name;
    for (const theme of themes ?? []) {
      const p = theme.places?.find((x) => x.place === name);
      if (p?.name_en) return p.name_en;
    }
    return name;
  }

  function slotShown(slot) {
    if (slot === 'theme') return mode === 'theme';
    const m = /^places(?:\[(\d+)\])?$/.exec(slot);
    if (m) return mode === 'places' && (m[1] === undefined || Number(m[1]) < places.length);
    return slot !== null;
  }

  // Where the error goes: next to the field it names (its detail without the field's name), or
  // under the form.
  function errorPlace() {
    if (!(status instanceof Error)) return { slot: null, text: '' };
    const slot = fieldSlot(status.field);
    if (!slotShown(slot)) return { slot: null, text: t('itineraryError') + status.message };
    const prefix = `${status.field}: `;
    const detail = status.detail || status.message;
    return { slot, text: detail.startsWith(prefix) ? detail.slice(prefix.length) : detail };
  }

  function themePlaceItem(p) {
    const href = safeHref(p.source?.url);
    const name = entityName(p.place, p.name_en);
    return h('li', { class: `itinerary-theme-place${p.in_timetable ? '' : ' itinerary-off'}`,
                     dataset: { place: p.place, inTimetable: String(Boolean(p.in_timetable)) },
                     title: p.note || null },
    h('span', { class: 'itinerary-theme-name' }, name),
    p.in_timetable ? null : h('span', { class: 'itinerary-theme-flag' }, t('itineraryNotInTimetable')),
    href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'itinerary-source',
                    title: p.source?.title || null }, t('itinerarySource')) : null,
    p.in_timetable ? h('button', { type: 'button', class: 'itinerary-theme-add', title: t('itineraryAddToPlaces'),
                                   'aria-label': `${t('itineraryAddToPlaces')}: ${name}`,
                                   onclick: () => addPlace(p.place, name) }, '＋') : null);
  }

  function renderThemes() {
    const loading = themesStatus === 'loading';
    const failed = themesStatus instanceof Error;
    themeSelect.replaceChildren(...(themes ?? []).map((th) => h('option', { value: th.id },
      `${entityName(th.name?.zh, th.name?.en) || th.id} (${th.places?.length ?? 0})`)));
    themeSelect.value = themeId;
    themeSelect.disabled = !themes?.length;
    const theme = themes?.find((th) => th.id === themeId);
    themeNote.textContent = loading ? t('itineraryThemesLoading')
      : failed ? t('itineraryThemesError') + themesStatus.message
        : entityName(theme?.description?.zh, theme?.description?.en);
    themeNote.classList.toggle('itinerary-error', failed);
    themePlaces.replaceChildren(...(theme?.places ?? []).map(themePlaceItem));
  }

  function chipItem(p, i, error) {
    const stayInput = h('input', { type: 'number', min: '0', max: '240', step: '1', class: 'itinerary-chip-stay',
                                   value: p.stay_hours ?? '', placeholder: stay.input.value || String(kDefaultStayHours),
                                   title: t('itineraryStayHours'), 'aria-label': `${p.label} · ${t('itineraryStayHours')}`,
                                   'aria-invalid': error ? 'true' : null });
    stayInput.addEventListener('input', () => {
      places[i] = { ...places[i], stay_hours: numberOrNull(stayInput.value) };
    });
    return h('li', { class: 'itinerary-chip', dataset: { index: String(i), place: p.place } },
      h('span', { class: 'itinerary-chip-name' }, placeName(p.label)),
      stayInput, h('span', { class: 'itinerary-chip-unit' }, lang() === 'en' ? 'h' : '小时'),
      h('button', { type: 'button', class: 'itinerary-chip-remove', title: t('itineraryRemove'),
                    'aria-label': `${t('itineraryRemove')}: ${p.label}`, onclick: () => removePlace(i) }, '×'),
      error ? h('p', { class: 'itinerary-field-error', role: 'alert' }, error) : null);
  }

  function renderForm(error) {
    start.label.textContent = t('itineraryStart');
    start.input.placeholder = t('journeyStationPlaceholder');
    start.search.render();
    whereLegend.textContent = t('itineraryWhere');
    themeRadio.checked = mode === 'theme';
    placesRadio.checked = mode === 'places';
    themeRadioLabel.textContent = t('itineraryModeTheme');
    placesRadioLabel.textContent = t('itineraryModePlaces');
    themeBox.hidden = mode !== 'theme';
    placesBox.hidden = mode !== 'places';
    themeLabel.textContent = t('itineraryTheme');
    renderThemes();
    placeLabel.textContent = t('itineraryPlace');
    placeInput.placeholder = t('itineraryPlacePlaceholder');
    addButton.textContent = t('itineraryAdd');
    placeSearch.render();
    chipsEl.replaceChildren(...(places.length
      ? places.map((p, i) => chipItem(p, i, error.slot === `places[${i}]` ? error.text : ''))
      : [h('li', { class: 'panel-note' }, t('itineraryNoPlaces'))]));
    stay.label.textContent = t('itineraryDefaultStay');
    date.label.textContent = t('journeyDate');
    date.input.title = t('journeyDateHint');
    depart.label.textContent = t('journeyDepart');
    depart.input.title = t('itineraryDepartHint');
    hoursLabel.textContent = t('itineraryHours');
    hoursFrom.disabled = anyHour.checked;
    hoursTo.disabled = anyHour.checked;
    anyHourLabel.textContent = t('itineraryAnyHour');
    backLabel.textContent = t('itineraryReturn');
    for (const [slot, p] of slotEls) {
      p.hidden = error.slot !== slot;
      p.textContent = error.slot === slot ? error.text : '';
    }
    const invalidInputs = { start: start.input, theme: themeSelect, min_stay_hours: stay.input, date: date.input,
                            depart: depart.input, travel_hours: hoursFrom };
    for (const [slot, i] of Object.entries(invalidInputs)) {
      if (error.slot === slot) i.setAttribute('aria-invalid', 'true');
      else i.removeAttribute('aria-invalid');
    }
  }

  const stationButton = (stop, name) => (located(stop)
    ? h('button', { type: 'button', class: 'itinerary-station', dataset: { id: stop.id ?? '' },
                    onclick: () => onFly({ lon: stop.lon, lat: stop.lat }) }, name ?? stop.name ?? '')
    : h('span', {}, name ?? stop?.name ?? ''));

  function legEntry({ leg, index }, day) {
    const duration = Number.isFinite(leg.duration_min) ? leg.duration_min : minutesBetween(leg.departure, leg.arrival);
    const trains = (leg.legs ?? []).map((l) => h('li', { class: `journey-leg${l.train ? '' : ' journey-walk'}` },
      h('span', { class: 'journey-train' }, l.train || t('journeyWalk')), ' ',
      stationButton(l.from_stop, l.from), ' ', h('span', { class: 'journey-time' }, clockNodes(l.departure, day)),
      ' → ', stationButton(l.to_stop, l.to), ' ', h('span', { class: 'journey-time' }, clockNodes(l.arrival, day))));
    return h('li', { class: 'itinerary-leg', dataset: { index: String(index) } },
      h('div', { class: 'itinerary-leg-head' },
        h('span', { class: 'itinerary-leg-route' },
          `${placeName(leg.from_place?.name ?? '')} → ${placeName(leg.to_place?.name ?? '')}`),
        h('span', { class: 'journey-meta' },
          `${formatDuration(duration, lang())} · ${transfersText(leg.transfers)}`)),
      h('ol', { class: 'journey-legs' }, trains));
  }

  function siteItem(s) {
    return h('li', {},
      h('button', { type: 'button', class: 'itinerary-site', dataset: { id: s.id },
                    onclick: () => onSelect({ id: s.id, lon: s.lon, lat: s.lat }) }, entityName(s.name, s.name_en) || s.id),
      ' ', h('span', { class: 'itinerary-distance' }, formatDistance(s.distance_m, lang())));
  }

  // The stay's times on `day`: arrival, departure and stay on the day it arrives; departure on the
  // day it leaves; "all day" in between.
  function stayTimes({ stop, arrives, leaves }, day) {
    const en = lang() === 'en';
    const leave = stop.departure ? [`${t('itineraryLeave')} `, ...clockNodes(stop.departure, day)] : null;
    if (!arrives) return leaves ? leave : [t('itineraryAllDay')];
    const out = [`${t('itineraryArrive')} `, ...clockNodes(stop.arrival, day)];
    if (!leave) return [...out, ` · ${t('itineraryTourEnds')}`];
    const atLeast = Number.isFinite(stop.stay_hours)
      ? `${t('itineraryAtLeast')} ${formatDuration(stop.stay_hours * 60, lang())}` : '';
    return [...out, ' · ', ...leave,
      ` · ${t('itineraryStay')} ${formatLongDuration(minutesBetween(stop.arrival, stop.departure), lang())}`,
      atLeast ? (en ? ` (${atLeast})` : `（${atLeast}）`) : ''];
  }

  function stayEntry(entry, day) {
    const { stop, order, arrives } = entry;
    const name = placeName(stop.place?.name ?? '');
    const sites = stop.sites ?? [];
    const data = { order: String(order), place: stop.place?.name ?? '' };
    if (arrives) data.arrival = 'true';
    return h('li', { class: 'itinerary-stay', dataset: data },
      h('div', { class: 'itinerary-stay-head' },
        h('span', { class: 'itinerary-order' }, String(order)),
        h('span', { class: 'itinerary-place' }, arrives ? name : `${t('itineraryInPlace')} ${name}`), ' ',
        stationButton(stop.station)),
      h('div', { class: 'itinerary-stay-times' }, stayTimes(entry, day)),
      arrives ? h('div', { class: 'itinerary-sites' },
        h('span', { class: 'itinerary-sites-title' }, t('itinerarySites')),
        sites.length ? h('ul', {}, sites.map(siteItem)) : h('span', { class: 'panel-note' }, t('itineraryNoSites')))
        : null);
  }

  function summary() {
    const en = lang() === 'en';
    const minutes = minutesBetween(answer.departure, answer.end);
    const total = Number.isFinite(minutes) ? minutes : answer.total_hours * 60;
    const themeName = answer.theme ? entityName(answer.theme.name?.zh, answer.theme.name?.en) : '';
    const n = answer.stops?.length ?? 0;
    return [
      h('div', { class: 'itinerary-plan-head' },
        h('h3', { class: 'itinerary-plan-title' },
          `${t('itineraryPlanFrom')}${answer.start?.name ?? ''}${themeName ? ` · ${themeName}` : ''}`),
        h('button', { type: 'button', id: 'itinerary-print', class: 'itinerary-small-button',
                      onclick: () => window.print() }, t('itineraryPrint'))),
      answer.feasible === false
        ? h('p', { class: 'itinerary-infeasible' }, t('itineraryInfeasible') + reasonText({ code: answer.reason_code, reason: answer.reason }, answer, lang()))
        : h('p', { class: 'itinerary-summary' },
          `${answer.departure?.replace('T', ' ') ?? ''} → ${answer.end?.replace('T', ' ') ?? ''} · `
          + `${t('itineraryTotal')} ${formatLongDuration(total, lang())} · ${n}${en ? ' ' : ''}${t('itineraryStops')}`),
      answer.feasible === false ? null
        : h('p', { class: 'itinerary-method', dataset: { method: answer.method ?? '' } },
          answer.method === 'heuristic' ? t('itineraryHeuristic') : t('itineraryExact')),
    ];
  }

  function dayItem({ date: day, entries }, i) {
    return h('li', { class: 'itinerary-day', dataset: { date: day } },
      h('h4', {}, dayLabel(day, i + 1, lang())),
      h('ol', { class: 'itinerary-entries' },
        entries.map((e) => (e.type === 'leg' ? legEntry(e, day) : stayEntry(e, day)))));
  }

  function renderPlan() {
    planEl.dataset.state = status === 'running' ? 'loading' : status ? 'error' : answer ? 'ready' : 'empty';
    if (!answer) {
      planEl.replaceChildren();
      return;
    }
    const days = planDays(answer).map(dayItem);
    const left = answer.left_out ?? [];
    planEl.replaceChildren(...[...summary(),
      days.length ? h('ol', { class: 'itinerary-days' }, days) : null,
      left.length ? h('div', { class: 'itinerary-left-out' },
        h('h4', {}, t('itineraryLeftOut')),
        h('ul', {}, left.map((l) => h('li', { dataset: { place: l.place ?? '' }, title: l.reason ?? '' },
          h('span', { class: 'itinerary-place' }, placeName(l.place ?? '')), ' — ',
          h('span', { class: 'itinerary-reason' }, reasonText(l, answer, lang())))))) : null].filter(Boolean));
  }

  function render() {
    closeButton.title = t('close');
    closeButton.setAttribute('aria-label', t('close'));
    title.textContent = t('itineraryTitle');
    hint.textContent = t('itineraryHint');
    const error = errorPlace();
    renderForm(error);
    run.textContent = t('itineraryRun');
    run.disabled = status === 'running';
    statusEl.textContent = status === 'running' ? t('itineraryPlanning') : '';
    errorEl.hidden = !error.text || error.slot !== null;
    errorEl.textContent = errorEl.hidden ? '' : error.text;
    renderPlan();
    for (const m of markers) if (!m.order) m.el.textContent = t('itineraryStartMark');
  }

  render();
  return {
    // Opens the panel; with a request (from the permalink), fills the form and plans it.
    open(q = null) {
      el.hidden = false;
      loadThemes();
      if (q) {
        fillForm(q);
        plan(q);
      } else {
        plot({ fit: false });
        if (current) onChange(); // the plan shown again is the permalink's again
        start.input.focus();
      }
    },
    close() {
      el.hidden = true;
      requests.cancel();
      if (status === 'running') {
        status = '';
        current = null; // cut short: nothing was planned
      }
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
