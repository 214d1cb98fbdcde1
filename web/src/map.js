// SPDX-License-Identifier: Apache-2.0
// The MapLibre map: it starts with only a background (layers.js adds the server's tiles and
// labels; nothing is fetched from outside), the selection highlight, and hover / click on content
// features. The selected entity's name tag, popups and itinerary numbers are HTML.
//
//   const map = createMap(container, { zoom, lat, lon });
//   await mapLoaded(map);
//   setSelection(map, entity, label);          // highlight + name label, or null to clear
//   onFeaturePick(map, layerIds, (props, [lon, lat]) => …, tooltip) // click on a marker
//   zoomIntoCluster(map, [lon, lat])           // where the server's clusters split
//   flyToEntity(map, { lon, lat, bbox, geometry })
//   const marker = addHtmlMarker(map, element, [lon, lat]); marker.remove();

import { Map as MapLibreMap, Marker, NavigationControl, Popup, ScaleControl, setWorkerUrl }
  from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker ships as its own module; bundle it as an asset and point MapLibre at it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(new URL(workerUrl, document.baseURI).href);

export const kBackground = '#dfe7ec';
const kSelectionColour = '#1f2a44';
const kPickRadiusPx = 5;
const kUnclusteredZoom = 10; // the server clusters points below it
const kClusterZoomStep = 2;

const kEmpty = { type: 'FeatureCollection', features: [] };

export function createMap(container, view) {
  const map = new MapLibreMap({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': kBackground } }],
    },
    center: [view.lon, view.lat],
    zoom: view.zoom,
    maxZoom: 19,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  return map;
}

export function mapLoaded(map) {
  return map.loaded() ? Promise.resolve() : new Promise((resolve) => map.once('load', resolve));
}

export function currentView(map) {
  const c = map.getCenter().wrap();
  return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
}

// --- selection ---------------------------------------------------------------------------------

let selectionLabel = null;

export function addSelectionLayers(map) {
  map.addSource('selection', { type: 'geojson', data: kEmpty });
  map.addLayer({
    id: 'selection-fill', type: 'fill', source: 'selection',
    filter: ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false],
    paint: { 'fill-color': kSelectionColour, 'fill-opacity': 0.12 },
  });
  map.addLayer({
    id: 'selection-line', type: 'line', source: 'selection',
    filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], false, true],
    paint: { 'line-color': kSelectionColour, 'line-width': 3 },
  });
  map.addLayer({
    id: 'selection-point', type: 'circle', source: 'selection',
    filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
    paint: {
      'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': kSelectionColour, 'circle-stroke-width': 3,
    },
  });
}

// A point to put a label at: the representative point if the caller has one, else the
// geometry's first point or the centre of its bbox.
function labelPoint(entity, hint) {
  if (hint && Number.isFinite(hint.lon) && Number.isFinite(hint.lat)) return [hint.lon, hint.lat];
  const g = entity.geometry;
  if (g?.type === 'Point') return g.coordinates;
  const b = entity.bbox;
  if (Array.isArray(b) && b.length === 4) return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  return null;
}

// Highlights `entity` ({geometry, bbox}) with `label` as an HTML name tag; null clears.
export function setSelection(map, entity, label, hint) {
  const source = map.getSource('selection');
  if (source) {
    source.setData(entity?.geometry
      ? { type: 'Feature', geometry: entity.geometry, properties: {} } : kEmpty);
  }
  selectionLabel?.remove();
  selectionLabel = null;
  const at = entity && labelPoint(entity, hint);
  if (at && label) {
    const el = document.createElement('div');
    el.className = 'map-label';
    el.textContent = label;
    selectionLabel = new Marker({ element: el, anchor: 'top', offset: [0, 14] })
      .setLngLat(at).addTo(map);
  }
}

// Moves the map to a target ({lon, lat} point, and/or bbox, geometry). `covered` ({left, right,
// bottom} in pixels) is the part of the map hidden under panels: the target is centred in the rest.
// (An `offset`, not the camera's `padding`: padding would persist and shift every later centre,
// and so the permalink.)
export function flyToEntity(map, { lon, lat, bbox, geometry }, covered = {}) {
  const canvas = map.getCanvas();
  const usable = (px, total) => (px > 0 && total - px > 200 ? px : 0);
  const left = usable(covered.left ?? 0, canvas.clientWidth);
  const right = usable(covered.right ?? 0, canvas.clientWidth - left);
  const bottom = usable(covered.bottom ?? 0, canvas.clientHeight);
  const point = Number.isFinite(lon) && Number.isFinite(lat);
  const area = geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
  const box = Array.isArray(bbox) && bbox.length === 4 && bbox.every(Number.isFinite);
  if (box && (area || !point)) {
    map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], {
      padding: { top: 70, left: 40 + left, right: 40 + right, bottom: 40 + bottom },
      maxZoom: 15, essential: true,
    });
    return true;
  }
  if (point) {
    map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 14),
                offset: [(left - right) / 2, -bottom / 2], essential: true });
    return true;
  }
  return false;
}

// Zooms in on a cluster at [lon, lat] until it splits: two levels, or to where none are left.
export function zoomIntoCluster(map, at) {
  const zoom = Math.min(map.getZoom() + kClusterZoomStep, Math.max(map.getZoom(), kUnclusteredZoom));
  map.easeTo({ center: at, zoom, essential: true });
}

// An HTML element pinned to [lon, lat].
export function addHtmlMarker(map, element, lngLat) {
  return new Marker({ element }).setLngLat(lngLat).addTo(map);
}

// --- hover and click ---------------------------------------------------------------------------

function pickAt(map, point, layerIds) {
  const layers = layerIds().filter((id) => map.getLayer(id));
  if (!layers.length) return null;
  const box = [[point.x - kPickRadiusPx, point.y - kPickRadiusPx],
               [point.x + kPickRadiusPx, point.y + kPickRadiusPx]];
  const hits = map.queryRenderedFeatures(box, { layers });
  return hits.length ? hits[0] : null;
}

// Calls `onPick(properties, [lon, lat])` when a feature of `layerIds()` is clicked (where: a
// point's own position, else the click's); shows `tooltip(props)`
// (a string) in a small popup while hovering.
export function onFeaturePick(map, layerIds, onPick, tooltip) {
  const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 10,
                            className: 'hover-popup', maxWidth: '280px' });
  let hoveredId = null;
  map.on('mousemove', (e) => {
    const hit = pickAt(map, e.point, layerIds);
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
    if (!hit) {
      hoveredId = null;
      popup.remove();
      return;
    }
    const props = hit.properties;
    popup.setLngLat(e.lngLat);
    if (props.id !== hoveredId) {
      hoveredId = props.id;
      const el = document.createElement('div');
      el.textContent = tooltip(props);
      popup.setDOMContent(el);
    }
    if (!popup.isOpen()) popup.addTo(map);
  });
  map.getCanvas().addEventListener('mouseleave', () => {
    hoveredId = null;
    popup.remove();
  });
  map.on('click', (e) => {
    const hit = pickAt(map, e.point, layerIds);
    if (!hit?.properties?.id) return;
    const point = hit.geometry?.type === 'Point';
    onPick(hit.properties, point ? hit.geometry.coordinates : e.lngLat.toArray());
  });
  return { refresh: () => { hoveredId = null; popup.remove(); } };
}
