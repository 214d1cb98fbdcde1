// SPDX-License-Identifier: Apache-2.0
// A tiny stand-in for the zhitu server: serves `web/dist` and the JSON API of the web map's
// contract (health, kinds, entities, relations — none —, search, features with `datetime`), the
// vector tiles (`/tiles/{basemap,entities}/{z}/{x}/{y}.mvt?kinds=&from=&to=`, TileJSON, a style
// like `/styles/default.json` and empty glyph ranges) from `fixtures/luoyang.json`. Its tiles are
// not clustered. The graph, path and annotate endpoints need the real server (tests/atlas.test.mjs).
// It exists so the browser test runs before (and independently of) the C++ server; the real
// server is tested by setting ZHITU_URL instead.
//
//   node tests/mock_server.mjs [port]        # serve on 127.0.0.1:port (default 8090)
//   import { startMockServer } from './mock_server.mjs'
//   const srv = await startMockServer({ port: 0 }); ... srv.url ...; await srv.close();
//
// The feature endpoint caps a page at `maxPage` features (default 3) so the client's paging
// (following `links[rel=next]`) is exercised with this small fixture.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';

const here = fileURLToPath(new URL('.', import.meta.url));
const kDefaultDist = join(here, '..', 'dist');
const kFixture = join(here, 'fixtures', 'luoyang.json');

const kContentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function bboxOf(geometry) {
  if (!geometry) return null;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]);
      s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit(g.coordinates));
  else visit(geometry.coordinates);
  return [w, s, e, n];
}

function representativePoint(entity) {
  const g = entity.geometry;
  if (!g) return [null, null];
  if (g.type === 'Point') return g.coordinates;
  const b = bboxOf(g);
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

function loadFixture(path) {
  const { entities } = JSON.parse(readFileSync(path, 'utf8'));
  for (const e of entities) e.bbox = bboxOf(e.geometry);
  return entities;
}

const kAdminKinds = ['province', 'prefecture', 'county'];
const kTileSets = { basemap: (kind) => kAdminKinds.includes(kind), entities: (kind) => !kAdminKinds.includes(kind) };

// The server's time filter: the spans share a year; undated entities never match.
function overlaps(time, from, to) {
  const has = (v) => Number.isFinite(v);
  if (!has(time?.start) && !has(time?.end)) return false;
  return (has(time.start) ? time.start : -Infinity) <= to && (has(time.end) ? time.end : Infinity) >= from;
}

// `datetime` as the app sends it (`-0769-01-01/0705-12-31`) → [from, to] years.
function datetimeYears(text) {
  const m = /^(-?\d{4,})-\d\d-\d\d\/(-?\d{4,})-\d\d-\d\d$/.exec(text);
  if (!m) throw new RangeError('datetime must be YYYY-MM-DD/YYYY-MM-DD');
  return [Number(m[1]), Number(m[2])];
}

// A style of the server's shape: basemap, then per content kind a circle, a cluster count and a
// name (from z10) in `lang`.
function mockStyle(origin, kinds, lang) {
  const name = lang === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']]
    : ['coalesce', ['get', 'name'], ['get', 'name_en']];
  const font = ['Noto Sans Regular'];
  const basemap = (id, type, layer, paint) => ({ id, type, source: 'basemap', 'source-layer': layer, paint });
  return {
    version: 8,
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: Object.fromEntries(Object.keys(kTileSets).map((set) =>
      [set, { type: 'vector', url: `${origin}/tiles/${set}.json` }])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ec' } },
      basemap('province-fill', 'fill', 'province', { 'fill-color': '#f7f4ee' }),
      basemap('county-line', 'line', 'county', { 'line-color': '#c9c2b4' }),
      basemap('province-line', 'line', 'province', { 'line-color': '#8c8373' }),
      ...kinds.flatMap((kind) => {
        const common = { source: 'entities', 'source-layer': kind };
        return [
          { id: `${kind}-circle`, type: 'circle', ...common, paint: { 'circle-radius': 4.5 } },
          { id: `${kind}-count`, type: 'symbol', ...common, filter: ['has', 'point_count'],
            layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': font } },
          { id: `${kind}-label`, type: 'symbol', ...common, minzoom: 10, filter: ['!', ['has', 'point_count']],
            layout: { 'text-field': name, 'text-font': font, 'text-anchor': 'top', 'text-offset': [0, 1.1] } },
        ];
      }),
    ],
  };
}

function tileJson(origin, set, kinds) {
  return { tilejson: '3.0.0', scheme: 'xyz', minzoom: 0, maxzoom: 14,
           tiles: [`${origin}/tiles/${set}/{z}/{x}/{y}.mvt`], vector_layers: kinds.map((id) => ({ id, fields: {} })) };
}

// One MVT: a layer per kind with the located entities that pass `kinds` and `from`/`to`.
function vectorTile(entities, set, z, x, y, params) {
  const kinds = params.get('kinds')?.split(',');
  const from = params.get('from');
  const to = params.get('to');
  const layers = {};
  for (const e of entities) {
    if (!e.geometry || !kTileSets[set](e.kind) || (kinds && !kinds.includes(e.kind))) continue;
    if (from !== null && to !== null && !overlaps(e.time, Number(from), Number(to))) continue;
    (layers[e.kind] ??= []).push(toFeature(e));
  }
  const tiles = {};
  for (const [kind, features] of Object.entries(layers)) {
    const tile = geoJSONToTile({ type: 'FeatureCollection', features }, z, x, y, { clip: true, extent: 4096, buffer: 64 });
    if (tile.features.length) tiles[kind] = tile;
  }
  return Buffer.from(fromGeojsonVt(tiles, { version: 2, extent: 4096 }));
}

function sendJson(res, status, body, type = 'application/json; charset=utf-8') {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'no-cache' });
  res.end(data);
}

function problem(res, status, title, detail) {
  sendJson(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

function toFeature(e) {
  const properties = { id: e.id, kind: e.kind, name: e.names.zh, name_en: e.names.en ?? null };
  if (e.properties?.era) properties.era = e.properties.era;
  if (e.time) Object.assign(properties, { start: e.time.start, end: e.time.end });
  return { type: 'Feature', id: e.id, geometry: e.geometry, properties };
}

function searchEntities(entities, q, kinds, limit) {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const hits = [];
  for (const e of entities) {
    if (kinds && !kinds.includes(e.kind)) continue;
    const names = [['zh', e.names.zh], ['en', e.names.en], ...(e.names.aliases ?? []).map((a) => ['alias', a])];
    let best = null;
    for (const [field, name] of names) {
      if (!name) continue;
      const hay = name.toLowerCase();
      const score = hay === needle ? 3 : hay.startsWith(needle) ? 2 : hay.includes(needle) ? 1 : 0;
      if (score && (!best || score > best.score)) best = { score, field, name };
    }
    if (best) hits.push({ e, best });
  }
  hits.sort((a, b) => b.best.score - a.best.score || a.e.names.zh.length - b.e.names.zh.length);
  return hits.slice(0, limit).map(({ e, best }) => {
    const [lon, lat] = representativePoint(e);
    return { id: e.id, kind: e.kind, names: e.names, lon, lat, score: best.score,
             matched: { field: best.field, name: best.name } };
  });
}

function intParam(params, name, dflt, min, max) {
  const raw = params.get(name);
  if (raw === null || raw === '') return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}]`);
  return v;
}

export async function startMockServer({ port = 0, host = '127.0.0.1', distDir = kDefaultDist,
                                        fixture = kFixture, maxPage = 3, log = false } = {}) {
  const entities = loadFixture(fixture);
  const byId = new Map(entities.map((e) => [e.id, e]));

  async function serveStatic(req, res, pathname) {
    let rel = decodeURIComponent(pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(distDir, rel));
    if (!file.startsWith(normalize(distDir) + sep)) return problem(res, 404, 'Not Found', pathname);
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const hashed = rel.startsWith('/assets/');
      res.writeHead(200, {
        'Content-Type': kContentTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      problem(res, 404, 'Not Found', `no file ${pathname} (did you run "npm run build"?)`);
    }
  }

  function serveFeatures(res, url, params) {
    const kinds = params.get('kind') ? params.get('kind').split(',') : null;
    const limit = intParam(params, 'limit', 10, 1, 10000);
    const offset = intParam(params, 'offset', 0, 0, 1e9);
    let bbox = null;
    if (params.get('bbox')) {
      bbox = params.get('bbox').split(',').map(Number);
      if (bbox.length !== 4 || bbox.some((v) => !Number.isFinite(v))) {
        throw new RangeError('bbox must be four numbers w,s,e,n');
      }
    }
    const years = params.get('datetime') ? datetimeYears(params.get('datetime')) : null;
    const matched = entities.filter((e) => {
      if (kinds && !kinds.includes(e.kind)) return false;
      if (years && !overlaps(e.time, ...years)) return false;
      if (!bbox) return true;
      const b = e.bbox;
      return b && b[0] <= bbox[2] && b[2] >= bbox[0] && b[1] <= bbox[3] && b[3] >= bbox[1];
    });
    const page = matched.slice(offset, offset + Math.min(limit, maxPage));
    const links = [];
    if (offset + page.length < matched.length) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + page.length));
      links.push({ rel: 'next', type: 'application/geo+json', href: next.href });
    }
    sendJson(res, 200, { type: 'FeatureCollection', features: page.map(toFeature),
                         numberMatched: matched.length, numberReturned: page.length, links },
             'application/geo+json');
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host ?? host}`);
    const params = url.searchParams;
    const path = url.pathname;
    if (log) console.log(req.method, req.url);
    try {
      if (path === '/health') return sendJson(res, 200, { status: 'ok', entities: entities.length });
      if (path === '/api/kinds') {
        const counts = new Map();
        for (const e of entities) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
        return sendJson(res, 200, { kinds: [...counts].map(([kind, count]) => ({ kind, count })) });
      }
      const relations = /^\/api\/entities\/([^/]+)\/relations$/.exec(path);
      if (relations) {
        const e = byId.get(decodeURIComponent(relations[1]));
        if (!e) return problem(res, 404, 'Not Found', `no entity with id "${relations[1]}"`);
        return sendJson(res, 200, { entity: { id: e.id, kind: e.kind, name: e.names.zh }, relations: [] });
      }
      if (path.startsWith('/api/entities/')) {
        const id = decodeURIComponent(path.slice('/api/entities/'.length));
        const e = byId.get(id);
        if (!e) return problem(res, 404, 'Not Found', `no entity with id "${id}"`);
        return sendJson(res, 200, e);
      }
      if (path === '/api/suggest') {
        const limit = intParam(params, 'limit', 8, 1, 20);
        const q = params.get('q') ?? '';
        const found = searchEntities(entities, q, null, limit).map((r) => {
          const begin = r.matched.name.toLowerCase().indexOf(q.trim().toLowerCase());
          return { ...r, label: r.names.zh || r.names.en,
                   matched: { ...r.matched, begin, end: begin + q.trim().length } };
        });
        return sendJson(res, 200, { query: q, suggestions: found });
      }
      if (path === '/api/search') {
        const limit = intParam(params, 'limit', 10, 1, 100);
        const kinds = params.get('kind') ? params.get('kind').split(',') : null;
        const q = params.get('q') ?? '';
        return sendJson(res, 200, { query: q, results: searchEntities(entities, q, kinds, limit) });
      }
      if (path === '/api/features') return serveFeatures(res, url, params);
      const origin = `http://${req.headers.host}`;
      const contentKinds = [...new Set(entities.filter((e) => e.geometry && !kAdminKinds.includes(e.kind)).map((e) => e.kind))];
      if (path === '/styles/default.json') return sendJson(res, 200, mockStyle(origin, contentKinds, params.get('lang')));
      const set = /^\/tiles\/(basemap|entities)\.json$/.exec(path);
      if (set) return sendJson(res, 200, tileJson(origin, set[1], set[1] === 'entities' ? contentKinds : kAdminKinds));
      const tile = /^\/tiles\/(basemap|entities)\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(path);
      if (tile) {
        const body = vectorTile(entities, tile[1], ...tile.slice(2).map(Number), params);
        res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length });
        return res.end(body);
      }
      if (path.startsWith('/fonts/')) {
        res.writeHead(200, { 'Content-Type': 'application/x-protobuf', 'Content-Length': 0 });
        return res.end(); // no glyphs: labels in Latin script are left out, CJK ones drawn locally
      }
      if (path.startsWith('/api/')) return problem(res, 404, 'Not Found', `no endpoint ${path}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method Not Allowed', req.method);
      return await serveStatic(req, res, path);
    } catch (err) {
      if (err instanceof RangeError) return problem(res, 400, 'Bad Request', err.message);
      return problem(res, 500, 'Internal Server Error', String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address();
  return {
    url: `http://${host}:${actualPort}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const port = Number(process.argv[2] ?? 8090);
  const srv = await startMockServer({ port, log: true });
  console.log(`zhitu mock server on ${srv.url}`);
}
