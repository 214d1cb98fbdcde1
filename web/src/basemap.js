// SPDX-License-Identifier: Apache-2.0
// The basemap, drawn from our own admin boundaries (no raster tiles): provinces and prefectures
// loaded once, counties loaded for the viewport when zoomed in (zoom ≥ 6.5), refetched on
// `moveend` (debounced) unless the view is still inside the area fetched last.
//
//   addBasemapLayers(map);
//   await loadBasemap(map);     // provinces + prefectures
//   watchCounties(map);         // keeps the county layer filled for the viewport

import { getAllFeatures } from './api.js';
import { debounce } from './dom.js';

export const kAdminKinds = ['province', 'prefecture', 'county'];
export const kCountyMinZoom = 6.5;
const kEmpty = { type: 'FeatureCollection', features: [] };

export function addBasemapLayers(map) {
  for (const kind of kAdminKinds) map.addSource(`admin-${kind}`, { type: 'geojson', data: kEmpty });
  map.addLayer({
    id: 'province-fill', type: 'fill', source: 'admin-province',
    paint: { 'fill-color': '#f4f1e8' },
  });
  map.addLayer({
    id: 'prefecture-fill', type: 'fill', source: 'admin-prefecture', minzoom: 5,
    paint: { 'fill-color': '#faf8f2', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 5, 0, 7, 0.7] },
  });
  map.addLayer({
    id: 'county-line', type: 'line', source: 'admin-county', minzoom: kCountyMinZoom,
    paint: { 'line-color': '#cbbfa6', 'line-width': 0.7, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'prefecture-line', type: 'line', source: 'admin-prefecture', minzoom: 4,
    paint: {
      'line-color': '#a99d86',
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 9, 1.2],
    },
  });
  map.addLayer({
    id: 'province-line', type: 'line', source: 'admin-province',
    paint: {
      'line-color': '#8a7d66',
      'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 9, 2],
    },
  });
}

function located(fc) {
  return { type: 'FeatureCollection', features: fc.features.filter((f) => f.geometry) };
}

export async function loadBasemap(map) {
  await Promise.all(['province', 'prefecture'].map(async (kind) => {
    const fc = await getAllFeatures({ kind });
    map.getSource(`admin-${kind}`).setData(located(fc));
  }));
}

function contains(outer, inner) {
  return outer && inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2]
    && inner[3] <= outer[3];
}

export function watchCounties(map, { onError } = {}) {
  let fetched = null; // [w, s, e, n] covered by the data now in the source
  let controller = null;
  const refresh = async () => {
    if (map.getZoom() < kCountyMinZoom) return;
    const b = map.getBounds();
    const view = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (contains(fetched, view)) return;
    // Fetch a margin of half a screen on each side, so small pans need no request.
    const dx = (view[2] - view[0]) / 2;
    const dy = (view[3] - view[1]) / 2;
    const want = [Math.max(-180, view[0] - dx), Math.max(-85, view[1] - dy),
                  Math.min(180, view[2] + dx), Math.min(85, view[3] + dy)];
    controller?.abort();
    controller = new AbortController();
    const bbox = want.map((v) => v.toFixed(5)).join(',');
    try {
      const fc = await getAllFeatures({ kind: 'county', bbox }, { signal: controller.signal });
      map.getSource('admin-county').setData(located(fc));
      fetched = want;
    } catch (err) {
      if (err.name !== 'AbortError') onError?.(err);
    }
  };
  const debounced = debounce(refresh, 250);
  map.on('moveend', debounced);
  refresh();
}
