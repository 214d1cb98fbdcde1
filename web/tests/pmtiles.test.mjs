// SPDX-License-Identifier: Apache-2.0
// A PMTiles archive written by `zhitu export --pmtiles` read with the `pmtiles` npm library (the
// code behind MapLibre's pmtiles:// protocol): its header and metadata, and tiles that decode
// with @mapbox/vector-tile to the same features the server's /tiles endpoints give; then MapLibre
// in chromium draws the archive from static byte ranges (screenshot tests/out/pmtiles.png).
//
//   ZHITU_URL=http://127.0.0.1:8080 ZHITU_PMTILES=/tmp/a.pmtiles node --test tests/pmtiles.test.mjs
//   (scripts/run_web_tests.sh writes the archive, zoom 0-6, and sets both)
//
// Without both variables the tests are skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { PMTiles, TileType } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const archive = process.env.ZHITU_PMTILES;
const skip = base && archive ? false : 'needs ZHITU_URL and ZHITU_PMTILES (scripts/run_web_tests.sh)';

// A local file as a pmtiles Source: byte ranges, as a web host would serve them.
class FileSource {
  constructor(path) { this.path = path; }
  getKey() { return this.path; }
  async getBytes(offset, length) {
    const file = await open(this.path);
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await file.read(buf, 0, length, offset);
      return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) };
    } finally {
      await file.close();
    }
  }
}

const unzip = (bytes) => {
  const b = Buffer.from(bytes);
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
};

// layer name → sorted feature ids (clusters by their member id and count)
function features(bytes) {
  const tile = new VectorTile(new PbfReader(unzip(bytes)));
  const out = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const ids = [];
    for (let i = 0; i < layer.length; ++i) {
      const p = layer.feature(i).properties;
      ids.push(`${p.id}${p.point_count ? `×${p.point_count}` : ''}`);
    }
    out[name] = ids.sort();
  }
  return out;
}

async function serverTile(set, z, x, y) {
  const res = await fetch(`${base}/tiles/${set}/${z}/${x}/${y}.mvt`);
  if (res.status === 204) return {};
  assert.equal(res.status, 200, `${set} ${z}/${x}/${y}`);
  return features(await res.arrayBuffer());
}

test('header and metadata describe the map', { skip }, async () => {
  const p = new PMTiles(new FileSource(archive));
  const h = await p.getHeader();
  assert.equal(h.specVersion, 3);
  assert.equal(h.tileType, TileType.Mvt);
  assert.equal(h.minZoom, 0);
  assert.equal(h.maxZoom, 6);
  assert.ok(h.minLon < 112.45 && h.maxLon > 112.45 && h.minLat < 34.62 && h.maxLat > 34.62,
            'Luoyang lies inside the bounds');
  assert.ok(h.numAddressedTiles > 50 && h.numTileContents <= h.numAddressedTiles);
  const meta = await p.getMetadata();
  const layers = meta.vector_layers.map((l) => l.id);
  for (const id of ['province', 'county', 'heritage_site', 'station']) {
    assert.ok(layers.includes(id), `vector_layers has ${id}`);
  }
});

test('tiles hold what the server draws for the same place', { skip }, async () => {
  const p = new PMTiles(new FileSource(archive));
  // Luoyang at zooms 3 to 6, and Beijing at 6.
  for (const [z, x, y] of [[3, 6, 3], [4, 12, 6], [5, 25, 12], [6, 51, 25], [6, 52, 24]]) {
    const got = await p.getZxy(z, x, y);
    assert.ok(got, `tile ${z}/${x}/${y} is in the archive`);
    const expected = { ...(await serverTile('basemap', z, x, y)), ...(await serverTile('entities', z, x, y)) };
    assert.deepEqual(features(got.data), expected, `tile ${z}/${x}/${y}`);
  }
});

test('tiles with nothing on them are not stored', { skip }, async () => {
  const p = new PMTiles(new FileSource(archive));
  assert.equal(await p.getZxy(6, 0, 0), undefined);   // the Arctic off Alaska
  assert.equal(await p.getZxy(7, 52, 25), undefined); // beyond the archive's max zoom
});

// MapLibre in chromium draws the archive through the pmtiles protocol. The test serves the page,
// the two libraries and the archive itself as static files (byte ranges, like any web host) on
// the local origin: no zhitu server is asked for a tile.
test('MapLibre draws the archive through the pmtiles protocol', { skip }, async () => {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const { launchBrowser, kTimeoutMs } = await import('./browser.mjs');
  const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
  const bytes = await readFile(archive);
  const prefix = `${base}/__static__/`;
  const page_html = `<!doctype html><meta charset="utf-8">
    <link rel="stylesheet" href="maplibre-gl.css"><script src="pmtiles.js"></script>
    <div id="map" style="width:800px;height:600px"></div>
    <script type="module">
      import * as maplibregl from './maplibre-gl.mjs';
      maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
      const map = new maplibregl.Map({ container: 'map', center: [112.45, 34.62], zoom: 6.5,
        style: { version: 8, sources: { z: { type: 'vector', url: 'pmtiles://${prefix}map.pmtiles' } },
          layers: [
            { id: 'bg', type: 'background', paint: { 'background-color': '#ffffff' } },
            { id: 'counties', type: 'line', source: 'z', 'source-layer': 'county', paint: { 'line-color': '#0000ff' } },
            { id: 'sites', type: 'circle', source: 'z', 'source-layer': 'heritage_site',
              paint: { 'circle-color': '#ff0000', 'circle-radius': 4 } } ] } });
      map.on('idle', () => { window.__idle = true; });
      window.__map = map;
    </script>`;
  const files = {
    'index.html': [Buffer.from(page_html), 'text/html'],
    'maplibre-gl.css': [await readFile(`${modules}maplibre-gl/dist/maplibre-gl.css`), 'text/css'],
    'pmtiles.js': [await readFile(`${modules}pmtiles/dist/pmtiles.js`), 'text/javascript'],
  };
  for (const f of ['maplibre-gl.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl-worker.mjs']) {
    files[f] = [await readFile(`${modules}maplibre-gl/dist/${f}`), 'text/javascript'];
  }
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    browser.watchErrors(page);
    const tileRequests = [];
    await browser.context.on('request', (req) => {
      if (req.url().includes('/tiles/')) tileRequests.push(req.url());
    });
    await page.route(`${prefix}**`, async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      if (name === 'map.pmtiles') {
        const [, from, to] = /bytes=(\d+)-(\d+)/.exec(route.request().headers().range ?? '') ?? [];
        if (from === undefined) return route.fulfill({ status: 200, body: bytes });
        const end = Math.min(Number(to), bytes.length - 1);
        return route.fulfill({
          status: 206, body: bytes.subarray(Number(from), end + 1),
          headers: { 'Content-Range': `bytes ${from}-${end}/${bytes.length}`, 'Accept-Ranges': 'bytes' },
        });
      }
      const file = files[name];
      return file ? route.fulfill({ status: 200, body: file[0], contentType: file[1] })
                  : route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${prefix}index.html`);
    await page.waitForFunction(() => window.__idle === true, null, { timeout: kTimeoutMs })
      .catch((e) => { throw new Error(`${e.message}; page errors: ${browser.pageErrors.join(' | ')}`); });
    const drawn = await page.evaluate(() => ({
      sites: window.__map.queryRenderedFeatures({ layers: ['sites'] }).length,
      counties: window.__map.queryRenderedFeatures({ layers: ['counties'] }).length,
    }));
    assert.ok(drawn.sites > 10, `heritage sites drawn: ${drawn.sites}`);
    assert.ok(drawn.counties > 10, `county outlines drawn: ${drawn.counties}`);
    assert.deepEqual(tileRequests, [], 'no tile was asked of the zhitu server');
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors, []);
    await page.screenshot({ path: fileURLToPath(new URL('out/pmtiles.png', import.meta.url)) });
  } finally {
    await browser.close();
  }
});
