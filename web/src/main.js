// SPDX-License-Identifier: Apache-2.0
// Wires the parts together: map, the server's tiles and labels, legend, search, card, the relations
// graph, article, rail journey and itinerary panels (left, one at a time), the dynasty timeline and
// its time filter, the kinds shown, permalink and language. The URL fragment
// (`#map=z/lat/lon&e=<id>&t=from/to&hide=…&j=…&it=…&lang=en`) is the state that survives a reload;
// `window.__zhituReady` turns true once the map has loaded, the content layers are added and the
// legend counted (browser tests wait for it).

import './style.css';
import * as api from './api.js';
import { addArticleLayer, createArticlePanel, kArticleLayer } from './article.js';
import { createCard } from './card.js';
import { debounce } from './dom.js';
import { createGraphPanel } from './graph.js';
import { formatHash, formatItinerary, formatJourney, kDefaultView, parseHash } from './hash.js';
import { clusterLabel, entityName, kindLabel, lang, onLangChange, setLang, t, translateDom } from './i18n.js';
import { addItineraryLayers, createItineraryPanel } from './itinerary.js';
import { addJourneyLayers, createJourneyPanel } from './journey.js';
import { addContentLayers, contentLayerIds, isCluster, kAdminKinds, loadContentStyle, setKindVisible, setLabels,
         setTimeFilter } from './layers.js';
import { createLegend } from './legend.js';
import { addHtmlMarker, addSelectionLayers, createMap, currentView, flyToEntity, mapLoaded, onFeaturePick,
         setSelection, zoomIntoCluster } from './map.js';
import { createSearch } from './search.js';
import { createTimeline } from './timeline.js';

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

// The map ends where the timeline begins; panels and controls keep clear of it too (style.css).
new ResizeObserver(() => {
  document.body.style.setProperty('--timeline-h', `${$('#timeline').offsetHeight}px`);
}).observe($('#timeline'));

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
  const flewEarly = fly && hint && flyToEntity(map, hint, coveredByPanels());
  try {
    const [entity, relations] = await Promise.all([
      api.getEntity(id),
      api.getRelations(id).catch((err) => err), // the card says so, and shows the rest
    ]);
    if (seq !== selectSeq) return;
    selected.entity = entity;
    card.show(entity, relations);
    await mapLoaded(map);
    if (seq !== selectSeq) return;
    setSelection(map, entity, selectionLabelText(), hint);
    // Areas are framed whole once their bbox is known, even if we flew to their point early.
    if (fly && (!flewEarly || isArea(entity))) {
      flyToEntity(map, { ...entity, ...pointHint(entity) }, coveredByPanels());
    }
  } catch (err) {
    if (seq !== selectSeq) return;
    card.error(id, err);
    setSelection(map, null);
  }
}

// Selects an entity reference ({id, lon?, lat?}) from a graph node, relation or mention.
function selectRef(ref) {
  select(ref.id, { fly: true, hint: { lon: ref.lon, lat: ref.lat } });
}

// How much of the map the panels hide: the card is a side panel on wide screens, a bottom sheet
// on narrow ones; a left panel counts where it leaves the map its right half.
function coveredByPanels() {
  const mapBox = $('#map').getBoundingClientRect();
  const out = {};
  const cardEl = $('#card');
  if (!cardEl.hidden) {
    const c = cardEl.getBoundingClientRect();
    if (c.top > mapBox.top + mapBox.height / 3) out.bottom = mapBox.bottom - c.top;
    else out.right = mapBox.right - c.left;
  }
  const left = [$('#graph-panel'), $('#article-panel'), $('#journey-panel'), $('#itinerary-panel')]
    .find((el) => !el.hidden);
  if (left) {
    const b = left.getBoundingClientRect();
    if (b.right < mapBox.left + mapBox.width / 2) out.left = b.right - mapBox.left;
  }
  return out;
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

// --- time filter -------------------------------------------------------------------------------

let timeSpan = initial.time; // {from, to} or null
let legendKinds = [];        // the kinds the legend lists, once known
let countSeq = 0;

// The legend's "shown / all" while a time filter is on: located entities overlapping it.
async function updateShown() {
  const seq = ++countSeq;
  if (!timeSpan) {
    legend.setShown(null);
    return;
  }
  const span = timeSpan;
  const counts = await Promise.all(legendKinds.map(async ({ kind }) => [kind, await api.countLocated(kind, span)]));
  if (seq === countSeq) legend.setShown(new Map(counts));
}
const updateShownSoon = debounce(() => updateShown().catch((err) => console.warn('counts:', err)), 250);

function applyTime(span) {
  timeSpan = span;
  setTimeFilter(map, span);
  updateShownSoon();
  writeHash();
}

// A span chosen outside the timeline (permalink, a dynasty on the card): shown there too.
function setTime(span) {
  timeline.set(span);
  applyTime(span);
}

const sameSpan = (a, b) => (a && b ? a.from === b.from && a.to === b.to : a === b);

// --- kinds shown -------------------------------------------------------------------------------

let hiddenKinds = new Set(initial.hidden); // unticked in the legend

function setKindShown(kind, visible) {
  if (visible) hiddenKinds.delete(kind);
  else hiddenKinds.add(kind);
  setKindVisible(map, kind, visible);
  writeHash();
}

// From the permalink: every legend kind shown or hidden as `hidden` says.
function setHiddenKinds(hidden) {
  hiddenKinds = new Set(hidden);
  for (const { kind } of legendKinds) setKindVisible(map, kind, !hiddenKinds.has(kind));
  legend.setHidden(hiddenKinds);
}

const sameKinds = (a, b) => a.size === b.size && [...a].every((k) => b.has(k));

// --- permalink ---------------------------------------------------------------------------------

function writeHash() {
  const next = formatHash({ view: currentView(map), entity: selected?.id, time: timeSpan, hidden: [...hiddenKinds],
                           journey: journeyPanel.query(), itinerary: itineraryPanel.query(), lang: lang() });
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
  if (!sameSpan(s.time, timeSpan)) setTime(s.time);
  if (!sameKinds(new Set(s.hidden), hiddenKinds)) setHiddenKinds(s.hidden);
  const shownJourney = journeyPanel.query();
  if (s.journey && (!shownJourney || formatJourney(s.journey) !== formatJourney(shownJourney))) openJourney(s.journey);
  else if (!s.journey && shownJourney) closeJourney();
  const shownItinerary = itineraryPanel.query();
  if (s.itinerary && (!shownItinerary || formatItinerary(s.itinerary) !== formatItinerary(shownItinerary))) {
    openItinerary(s.itinerary);
  } else if (!s.itinerary && shownItinerary) closeItinerary();
  if (s.entity && s.entity !== selected?.id) select(s.entity, { fly: !s.view });
  else if (!s.entity && selected) unselect();
}

// --- UI parts ----------------------------------------------------------------------------------

const timeline = createTimeline($('#timeline'), { onChange: applyTime });
timeline.set(timeSpan);

const graphPanel = createGraphPanel($('#graph-panel'), {
  onSelect: selectRef,
  onClose: () => graphPanel.close(),
});
window.__zhitu.graph = graphPanel;

const articleToggle = $('#article-toggle');
const articlePanel = createArticlePanel($('#article-panel'), {
  map,
  onSelect: selectRef,
  onFit: (bbox) => flyToEntity(map, { bbox }, coveredByPanels()),
  onClose: closeArticle,
});
function closeArticle() {
  articlePanel.close();
  articleToggle.setAttribute('aria-pressed', 'false');
}
articleToggle.addEventListener('click', () => {
  if (articlePanel.isOpen()) {
    closeArticle();
    return;
  }
  graphPanel.close(); // one left panel at a time
  closeJourney();
  closeItinerary();
  articlePanel.open();
  articleToggle.setAttribute('aria-pressed', 'true');
});

const journeyToggle = $('#journey-toggle');
const journeyPanel = createJourneyPanel($('#journey-panel'), {
  map,
  onFit: (bbox) => flyToEntity(map, { bbox }, coveredByPanels()),
  onChange: () => writeHash(),
  onClose: closeJourney,
});
window.__zhitu.journey = journeyPanel;
function closeJourney() {
  if (!journeyPanel.isOpen()) return;
  journeyPanel.close();
  journeyToggle.setAttribute('aria-pressed', 'false');
  writeHash();
}
// With a query (the permalink's `j=`), runs it.
function openJourney(query = null) {
  graphPanel.close(); // one left panel at a time
  closeArticle();
  closeItinerary();
  journeyPanel.open(query);
  journeyToggle.setAttribute('aria-pressed', 'true');
}
journeyToggle.addEventListener('click', () => {
  if (journeyPanel.isOpen()) closeJourney();
  else openJourney();
});

const itineraryToggle = $('#itinerary-toggle');
const itineraryPanel = createItineraryPanel($('#itinerary-panel'), {
  map,
  addMarker: (el, lngLat) => addHtmlMarker(map, el, lngLat),
  onFit: (bbox) => flyToEntity(map, { bbox }, coveredByPanels()),
  onFly: (point) => flyToEntity(map, point, coveredByPanels()),
  onSelect: selectRef,
  onChange: () => writeHash(),
  onClose: closeItinerary,
});
window.__zhitu.itinerary = itineraryPanel;
function closeItinerary() {
  if (!itineraryPanel.isOpen()) return;
  itineraryPanel.close();
  itineraryToggle.setAttribute('aria-pressed', 'false');
  writeHash();
}
// With a request (the permalink's `it=`), plans it.
function openItinerary(request = null) {
  graphPanel.close(); // one left panel at a time
  closeArticle();
  closeJourney();
  itineraryPanel.open(request);
  itineraryToggle.setAttribute('aria-pressed', 'true');
}
itineraryToggle.addEventListener('click', () => {
  if (itineraryPanel.isOpen()) closeItinerary();
  else openItinerary();
});

const card = createCard($('#card'), {
  onClose: unselect,
  onSelect: selectRef,
  onEra: (ref) => {
    const { start, end } = ref.time ?? {};
    if (Number.isFinite(start) && Number.isFinite(end)) setTime({ from: start, to: end });
  },
  onGraph: (entity) => {
    closeArticle();
    closeJourney();
    closeItinerary();
    graphPanel.open(entity);
  },
});
let picker = null; // hover and click on map features, set up once the layers exist

const legend = createLegend($('#legend'), { onToggle: setKindShown });

const searchBox = createSearch({
  input: $('#search-input'),
  list: $('#search-results'),
  onSelect: selectRef,
});

$('#lang-toggle').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));

onLangChange(() => {
  translateDom();
  legend.render();
  card.render();
  searchBox.render();
  timeline.render();
  graphPanel.render();
  articlePanel.render();
  journeyPanel.render();
  itineraryPanel.render();
  picker?.refresh();
  relabel(lang());
  if (selected?.entity) setSelection(map, selected.entity, selectionLabelText(), selected.hint);
  writeHash();
});

// Map labels in `to`: the server's style for that language gives the label text.
let labelSeq = 0;
async function relabel(to) {
  const seq = ++labelSeq;
  try {
    const style = await loadContentStyle(to);
    await mapLoaded(map);
    if (seq === labelSeq && map.getSource('entities')) setLabels(map, style);
  } catch (err) {
    console.warn('labels:', err);
  }
}

function pickTooltip(props) {
  const name = entityName(props.name, props.name_en) || props.id;
  const label = isCluster(props) ? clusterLabel(name, props.point_count) : name;
  return `${label} · ${kindLabel(props.kind)}`;
}

// --- start -------------------------------------------------------------------------------------

async function start() {
  const [kinds, style] = await Promise.all([api.getKinds(), loadContentStyle(lang()), mapLoaded(map)]);
  legendKinds = kinds.filter((k) => !kAdminKinds.includes(k.kind));

  const drawn = addContentLayers(map, style, timeSpan);
  addArticleLayer(map);
  addJourneyLayers(map);
  journeyPanel.layersReady();
  addItineraryLayers(map);
  itineraryPanel.layersReady();
  addSelectionLayers(map);
  legend.setKinds(legendKinds);
  // Kinds this data set lacks (a permalink from another) are dropped from the permalink.
  setHiddenKinds(legendKinds.map((k) => k.kind).filter((kind) => hiddenKinds.has(kind)));

  const layerIds = [kArticleLayer, ...contentLayerIds(drawn)];
  picker = onFeaturePick(map, () => layerIds,
    (props, at) => (isCluster(props) ? zoomIntoCluster(map, at) : select(props.id)), pickTooltip);
  if (selected?.entity) setSelection(map, selected.entity, selectionLabelText(), selected.hint);

  const loads = [
    api.getAllFeatures({ kind: 'dynasty,period' }).then((fc) => timeline.setFeatures(fc.features)),
    updateShown(),
    ...legendKinds.map(async ({ kind }) => legend.setLocated(kind, await api.countLocated(kind, null))),
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
if (initial.journey) openJourney(initial.journey);
if (initial.itinerary) openItinerary(initial.itinerary);
writeHash();
start().catch((err) => {
  console.error(err);
  window.__zhituError = String(err);
  showStatus(t('apiError') + err.message);
});
