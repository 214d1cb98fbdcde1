// SPDX-License-Identifier: Apache-2.0
// Wires the parts together: map, basemap, content layers, legend, search, card, permalink and
// language. The URL fragment (`#map=z/lat/lon&e=<id>&lang=en`) is the state that survives a
// reload; `window.__zhituReady` turns true once the map has loaded and the content layers are
// added and filled (browser tests wait for it).

import './style.css';
import * as api from './api.js';
import { addBasemapLayers, kAdminKinds, loadBasemap, watchCounties } from './basemap.js';
import { createCard } from './card.js';
import { formatHash, kDefaultView, parseHash } from './hash.js';
import { entityName, kindLabel, lang, onLangChange, setLang, t, translateDom } from './i18n.js';
import { addKindLayers, contentLayerIds, loadKind, setKindVisible } from './layers.js';
import { createLegend } from './legend.js';
import { addSelectionLayers, createMap, currentView, flyToEntity, mapLoaded, onFeaturePick,
         setSelection } from './map.js';
import { createSearch } from './search.js';

const $ = (sel) => document.querySelector(sel);

const initial = parseHash(location.hash);
if (initial.lang) setLang(initial.lang, { remember: false });
translateDom();

// --- status banner -----------------------------------------------------------------------------

function showStatus(text) {
  const el = $('#status');
  el.textContent = text;
  el.hidden = !text;
}

let map;
try {
  map = createMap($('#map'), initial.view ?? kDefaultView);
} catch (err) {
  // No WebGL (old browser, GPU blocklisted): say so instead of showing a blank page.
  window.__zhituError = String(err);
  showStatus(t('noWebgl'));
  throw err;
}
window.__zhitu = { map }; // for debugging and browser tests

// --- selection ---------------------------------------------------------------------------------

let selected = null; // { id, entity?, hint? }
let selectSeq = 0;

function selectionLabelText() {
  const n = selected?.entity?.names;
  return n ? entityName(n.zh, n.en) : '';
}

// Opens the card of `id`. `fly`: move the map to it; `hint`: {lon, lat} known beforehand
// (from a search result or a click), used to fly before the entity has loaded.
async function select(id, { fly = false, hint = null } = {}) {
  const seq = ++selectSeq;
  selected = { id, hint };
  writeHash();
  card.loading(id);
  const flewEarly = fly && hint && flyToEntity(map, hint, coveredByCard());
  try {
    const entity = await api.getEntity(id);
    if (seq !== selectSeq) return;
    selected.entity = entity;
    card.show(entity);
    await mapLoaded(map);
    if (seq !== selectSeq) return;
    setSelection(map, entity, selectionLabelText(), hint);
    // Areas are framed whole once their bbox is known, even if we flew to their point early.
    if (fly && (!flewEarly || isArea(entity))) {
      flyToEntity(map, { ...entity, ...pointHint(entity) }, coveredByCard());
    }
  } catch (err) {
    if (seq !== selectSeq) return;
    card.error(id, err);
    setSelection(map, null);
  }
}

// How much of the map the card hides: a side panel on wide screens, a bottom sheet on narrow.
function coveredByCard() {
  const el = $('#card');
  if (el.hidden) return {};
  const card = el.getBoundingClientRect();
  const mapBox = $('#map').getBoundingClientRect();
  return card.top > mapBox.top + mapBox.height / 3
    ? { bottom: mapBox.bottom - card.top } : { right: mapBox.right - card.left };
}

function isArea(entity) {
  return ['Polygon', 'MultiPolygon'].includes(entity.geometry?.type);
}

function pointHint(entity) {
  const g = entity.geometry;
  return g?.type === 'Point' ? { lon: g.coordinates[0], lat: g.coordinates[1] } : {};
}

function unselect() {
  ++selectSeq;
  selected = null;
  card.hide();
  setSelection(map, null);
  writeHash();
}

// --- permalink ---------------------------------------------------------------------------------

function writeHash() {
  const next = formatHash({ view: currentView(map), entity: selected?.id, lang: lang() });
  if (next !== location.hash) history.replaceState(history.state, '', next);
}

function applyHash() {
  const s = parseHash(location.hash);
  if (s.lang && s.lang !== lang()) setLang(s.lang, { remember: false });
  if (s.view) {
    const v = currentView(map);
    const moved = Math.abs(v.zoom - s.view.zoom) > 0.005 || Math.abs(v.lat - s.view.lat) > 5e-6
      || Math.abs(v.lon - s.view.lon) > 5e-6;
    if (moved) map.jumpTo({ center: [s.view.lon, s.view.lat], zoom: s.view.zoom });
  }
  if (s.entity && s.entity !== selected?.id) select(s.entity, { fly: !s.view });
  else if (!s.entity && selected) unselect();
}

// --- UI parts ----------------------------------------------------------------------------------

const card = createCard($('#card'), { onClose: unselect });
let picker = null; // hover and click on map features, set up once the layers exist

const legend = createLegend($('#legend'), {
  onToggle: (kind, visible) => setKindVisible(map, kind, visible),
});

const searchBox = createSearch({
  input: $('#search-input'),
  list: $('#search-results'),
  onSelect: (r) => select(r.id, { fly: true, hint: { lon: r.lon, lat: r.lat } }),
});

$('#lang-toggle').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));

onLangChange(() => {
  translateDom();
  legend.render();
  card.render();
  searchBox.render();
  picker?.refresh();
  if (selected?.entity) setSelection(map, selected.entity, selectionLabelText(), selected.hint);
  writeHash();
});

// --- start -------------------------------------------------------------------------------------

async function start() {
  const [kinds] = await Promise.all([api.getKinds(), mapLoaded(map)]);
  const content = kinds.filter((k) => !kAdminKinds.includes(k.kind));

  addBasemapLayers(map);
  const ordered = addKindLayers(map, content);
  addSelectionLayers(map);
  legend.setKinds(content);

  const layerIds = contentLayerIds(ordered);
  picker = onFeaturePick(map, () => layerIds,
    (props) => select(props.id),
    (props) => `${entityName(props.name, props.name_en) || props.id} · ${kindLabel(props.kind)}`);
  watchCounties(map, { onError: (err) => console.warn('counties:', err) });
  if (selected?.entity) setSelection(map, selected.entity, selectionLabelText(), selected.hint);

  const loads = [
    loadBasemap(map),
    ...ordered.map(async (kind) => legend.setLocated(kind, await loadKind(map, kind))),
  ];
  const failed = (await Promise.allSettled(loads)).filter((r) => r.status === 'rejected');
  legend.setLoading(false);
  if (failed.length) showStatus(t('apiError') + failed[0].reason.message);
  writeHash();
  window.__zhituReady = true;
}

map.on('moveend', writeHash);
window.addEventListener('hashchange', applyHash);
if (initial.entity) select(initial.entity, { fly: !initial.view });
writeHash();
start().catch((err) => {
  console.error(err);
  window.__zhituError = String(err);
  showStatus(t('apiError') + err.message);
});
