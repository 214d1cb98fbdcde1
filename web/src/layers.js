// SPDX-License-Identifier: Apache-2.0
// One set of layers per content kind (heritage sites, stations, museums, …): a circle layer for
// points and, for kinds that have areas or lines, a translucent fill and an outline, all in the
// kind's colour. Features with no geometry (dynasties, people) are kept out of the sources.
// A time filter (timespan.js) applies to every one of these layers.
//
//   addKindLayers(map, kinds);                 // kinds: [{kind, count}], largest drawn first
//   const features = await loadKind(map, 'museum');   // the located features
//   setKindVisible(map, 'museum', false);
//   setTimeFilter(map, kinds, { from: 690, to: 705 });  // or null: no filter

import { getAllFeatures } from './api.js';
import { spanFilter } from './timespan.js';

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

const layerIdsOf = (kind) => [`kind-${kind}-fill`, `kind-${kind}-line`, `kind-${kind}-circle`];
const kGeometryFilters = [kAreas, kNotPoints, kPoints]; // in the order of layerIdsOf

// The ids of every content layer, top-most first (the order clicks should prefer).
export function contentLayerIds(kinds) {
  const circles = kinds.map((k) => `kind-${k}-circle`).reverse();
  const others = kinds.flatMap((k) => [`kind-${k}-line`, `kind-${k}-fill`]).reverse();
  return [...circles, ...others];
}

// Precisions (entity property position_precision) that place a point only roughly.
export const kCoarsePrecisions = ['district', 'city'];

// Adds the layers of each kind below `beforeId`. Returns the kinds in drawing order.
export function addKindLayers(map, kinds, beforeId) {
  const ordered = [...kinds].sort((a, b) => b.count - a.count).map((k) => k.kind);
  for (const kind of ordered) {
    const colour = kindColour(kind);
    const source = `kind-${kind}`;
    map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const [fill, line] = layerIdsOf(kind);
    map.addLayer({ id: fill, type: 'fill', source, filter: kAreas,
                   paint: { 'fill-color': colour, 'fill-opacity': 0.18 } }, beforeId);
    map.addLayer({ id: line, type: 'line', source, filter: kNotPoints,
                   paint: { 'line-color': colour, 'line-width': 1.5 } }, beforeId);
  }
  // All circles above all areas, so a site inside an ancient city's outline stays clickable.
  // A point known only to its district or city is a hollow ring: it is not the address.
  const coarse = (ifCoarse, otherwise) =>
    ['match', ['get', 'position_precision'], kCoarsePrecisions, ifCoarse, otherwise];
  for (const kind of ordered) {
    map.addLayer({
      id: `kind-${kind}-circle`, type: 'circle', source: `kind-${kind}`, filter: kPoints,
      paint: {
        'circle-color': kindColour(kind),
        'circle-opacity': coarse(0.12, 1),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, coarse(4, 2.5), 9, coarse(7, 4.5),
                          14, coarse(11, 7)],
        'circle-stroke-color': coarse(kindColour(kind), '#ffffff'),
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 4, coarse(1.2, 0.5), 9,
                                coarse(2, 1.2)],
      },
    }, beforeId);
  }
  return ordered;
}

export async function loadKind(map, kind) {
  const fc = await getAllFeatures({ kind });
  const features = fc.features.filter((f) => f.geometry);
  map.getSource(`kind-${kind}`).setData({ type: 'FeatureCollection', features });
  return features;
}

export function setTimeFilter(map, kinds, span) {
  for (const kind of kinds) {
    layerIdsOf(kind).forEach((id, i) => {
      if (map.getLayer(id)) map.setFilter(id, span ? ['all', kGeometryFilters[i], spanFilter(span)] : kGeometryFilters[i]);
    });
  }
}

export function setKindVisible(map, kind, visible) {
  for (const id of layerIdsOf(kind)) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
