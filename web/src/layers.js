// SPDX-License-Identifier: Apache-2.0
// The map's content from the server's vector tiles and style (/styles/default.json, /tiles/…):
// the basemap (admin fills, outlines, area names) and one layer set per content kind (heritage
// sites, stations, museums, …): a circle for points and clusters (below z10 the server clusters a
// kind's points; a cluster carries `cluster`, `point_count` and its most prominent member's `id`
// and `name`), its count, the name from z10, and a translucent fill and outline for areas, all in
// the kind's colour. Tile, glyph and TileJSON URLs are made relative to the page, so the map
// works behind a proxy under a path prefix. The time filter is the tiles' `from`/`to` query: the
// server filters, so clusters count only what is shown.
//
//   const style = await loadContentStyle('zh');  // the server's style with its tile sets' TileJSON
//   const kinds = addContentLayers(map, style, { from: 690, to: 705 });   // span or null
//   setTimeFilter(map, null);                    // every entity again
//   setKindVisible(map, 'museum', false);
//   setLabels(map, await loadContentStyle('en')); // names in English
//   isCluster(feature.properties)

import { getStyle, getTileJson } from './api.js';
import { spanQuery } from './timespan.js';

export const kAdminKinds = ['province', 'prefecture', 'county'];
const kEntities = 'entities';

const kKnownColours = {
  heritage_site: '#c2352b',
  station: '#1f6fc5',
  museum: '#8e44ad',
  scenic_spot: '#2e9d50',
  artifact: '#d35400',
  capital: '#a8324a',
  historic_city: '#b0632a',
  city: '#5a6b7c',
  industrial_park: '#6c7a89',
  enterprise: '#138d90',
  school: '#e0a100',
  investment_project: '#d63384',
  person: '#795548',
  dynasty: '#9a7d0a',
  event: '#c0392b',
  rail_line: '#34495e',
};
const kPalette = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6',
                  '#469990', '#9a6324', '#800000', '#808000', '#000075'];

export function kindColour(kind) {
  if (kKnownColours[kind]) return kKnownColours[kind];
  let hash = 0;
  for (const ch of kind) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return kPalette[hash % kPalette.length];
}

const kPoints = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
const kAreas = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const kNotPoints = ['match', ['geometry-type'], ['Point', 'MultiPoint'], false, true];

// Precisions (entity property position_precision) that place a point only roughly.
export const kCoarsePrecisions = ['district', 'city'];

export const isCluster = (props) => props?.cluster === true || Number.isFinite(props?.point_count);

// The ids of every clickable content layer, top-most first (the order clicks should prefer).
export function contentLayerIds(kinds) {
  const circles = kinds.map((k) => `${k}-circle`).reverse();
  const others = kinds.flatMap((k) => [`${k}-line`, `${k}-fill`]).reverse();
  return [...circles, ...others];
}

// The server's style for `lang`, with the TileJSON of each of its sources.
export async function loadContentStyle(lang) {
  const style = await getStyle(lang);
  const tileJson = Object.fromEntries(await Promise.all(
    Object.keys(style.sources).map(async (id) => [id, await getTileJson(id)])));
  return { style, tileJson };
}

// A directory relative to the page, as an absolute URL (a template's `{z}` must not be escaped).
const pageDir = (dir) => new URL(dir, document.baseURI).href;

function tileUrl(set, span) {
  return `${pageDir(`tiles/${set}/`)}{z}/{x}/{y}.mvt${spanQuery(span)}`;
}

function tileSource(set, tileJson, span) {
  const { minzoom = 0, maxzoom = 14, bounds } = tileJson;
  return { type: 'vector', tiles: [tileUrl(set, span)], minzoom, maxzoom, ...(bounds ? { bounds } : {}) };
}

// A point known only to its district or city is a hollow ring: it is not the address.
const coarse = (ifCoarse, otherwise) =>
  ['match', ['get', 'position_precision'], kCoarsePrecisions, ifCoarse, otherwise];

// The style's layer, in the app's colours: circles for points only (areas get a fill and line).
function contentLayer(layer, kind) {
  if (layer.type !== 'circle') return layer;
  const colour = kindColour(kind);
  return {
    ...layer,
    filter: layer.filter ? ['all', kPoints, layer.filter] : kPoints,
    paint: { ...layer.paint, 'circle-color': colour, 'circle-opacity': coarse(0.12, 1),
             'circle-stroke-color': coarse(colour, '#ffffff') },
  };
}

function areaLayers(kind) {
  const colour = kindColour(kind);
  const common = { source: kEntities, 'source-layer': kind };
  return [
    { id: `${kind}-fill`, type: 'fill', ...common, filter: kAreas,
      paint: { 'fill-color': colour, 'fill-opacity': 0.18 } },
    { id: `${kind}-line`, type: 'line', ...common, filter: kNotPoints,
      paint: { 'line-color': colour, 'line-width': 1.5 } },
  ];
}

// Adds the style's sources and layers (under whatever the app adds later) with the time filter
// `span`. Returns the content kinds, in drawing order.
export function addContentLayers(map, { style, tileJson }, span) {
  if (style.glyphs) map.setGlyphs(`${pageDir('fonts/')}{fontstack}/{range}.pbf`);
  for (const id of Object.keys(style.sources)) {
    map.addSource(id, tileSource(id, tileJson[id] ?? {}, id === kEntities ? span : null));
  }
  const layers = style.layers.filter((l) => l.type !== 'background');
  const kinds = [...new Set(layers.filter((l) => l.source === kEntities).map((l) => l['source-layer']))];
  // All areas under all circles, so a site inside an ancient city's outline stays clickable.
  const firstKindLayer = layers.findIndex((l) => l.source === kEntities);
  const areas = kinds.flatMap(areaLayers);
  const ordered = firstKindLayer < 0 ? layers
    : [...layers.slice(0, firstKindLayer), ...areas, ...layers.slice(firstKindLayer)];
  for (const layer of ordered) {
    map.addLayer(layer.source === kEntities ? contentLayer(layer, layer['source-layer']) : layer);
  }
  return kinds;
}

// The server filters tiles by time: new tile URLs, refetched (the server caches per filter).
export function setTimeFilter(map, span) {
  map.getSource(kEntities)?.setTiles([tileUrl(kEntities, span)]);
}

export function setKindVisible(map, kind, visible) {
  for (const layer of map.getStyle().layers) {
    if (layer.source === kEntities && layer['source-layer'] === kind) {
      map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
    }
  }
}

// The label text of `style` (another language's), on the layers already on the map.
export function setLabels(map, { style }) {
  for (const layer of style.layers) {
    const field = layer.layout?.['text-field'];
    if (field && map.getLayer(layer.id)) map.setLayoutProperty(layer.id, 'text-field', field);
  }
}
