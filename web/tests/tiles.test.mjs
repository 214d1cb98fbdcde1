// SPDX-License-Identifier: Apache-2.0
// Vector tiles from a real zhitu server, read by the clients map software uses:
// @mapbox/vector-tile + pbf decode every tile; counts are checked against the server's own
// /api/features box query, geometry against extent + buffer, rings against MVT 2.1 winding.
//
//   ZHITU_URL=http://127.0.0.1:8080 node --test tests/tiles.test.mjs
//
// Needs a real server (the mock has no tiles): without ZHITU_URL the tests are skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { VectorTile, classifyRings } from '@mapbox/vector-tile';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const skip = base ? false : 'needs a real zhitu server: set ZHITU_URL';
const kExtent = 4096;
const kBuffer = 64;

function tileOf(lon, lat, z) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

function tileBounds({ z, x, y }, buffer = 0) {
  const n = 2 ** z;
  const f = buffer / kExtent;
  const lon = (v) => (v / n) * 360 - 180;
  const lat = (v) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * v) / n))) * 180) / Math.PI;
  return [lon(x - f), lat(y + 1 + f), lon(x + 1 + f), lat(y - f)];
}

async function getTile(t, query = '') {
  const res = await fetch(`${base}/tiles/entities/${t.z}/${t.x}/${t.y}.mvt${query}`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  assert.ok(res.headers.get('etag'));
  const body = Buffer.from(await res.arrayBuffer());
  // fetch inflates gzip itself; a raw gzip body would start with 1f 8b.
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  return new VectorTile(new PbfReader(bytes));
}

async function getBasemapTile(t) {
  const res = await fetch(`${base}/tiles/basemap/${t.z}/${t.x}/${t.y}.mvt`);
  assert.equal(res.status, 200);
  return new VectorTile(new PbfReader(Buffer.from(await res.arrayBuffer())));
}

function features(layer) {
  const out = [];
  for (let i = 0; i < layer.length; i++) out.push(layer.feature(i));
  return out;
}

function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  }
  return a;
}

test('point layers at z13 hold exactly what the box query finds', { skip }, async () => {
  const t = tileOf(112.47, 34.56, 13);
  const tile = await getTile(t);
  assert.ok(tile.layers.heritage_site, 'a heritage_site layer near Longmen');
  const box = tileBounds(t, kBuffer).join(',');
  for (const [name, layer] of Object.entries(tile.layers)) {
    assert.equal(layer.extent, kExtent);
    assert.equal(layer.version, 2);
    const api = await (await fetch(`${base}/api/features?bbox=${box}&kind=${name}&limit=1`)).json();
    assert.equal(layer.length, api.numberMatched, `layer ${name}`);
    for (const f of features(layer)) {
      assert.equal(f.properties.kind, name);
      assert.ok(f.properties.id && f.properties.name);
      for (const part of f.loadGeometry()) {
        for (const p of part) {
          assert.ok(p.x >= -kBuffer && p.x <= kExtent + kBuffer && p.y >= -kBuffer && p.y <= kExtent + kBuffer);
        }
      }
    }
  }
  const ids = features(tile.layers.heritage_site).map((f) => f.properties.id);
  assert.ok(ids.includes('nhs-1-37'), '龙门石窟 is in its tile');
});

test('low zooms cluster points and keep every point counted', { skip }, async () => {
  const t = tileOf(112.47, 34.56, 5);
  const tile = await getTile(t, '?kinds=heritage_site');
  const layer = tile.layers.heritage_site;
  let total = 0;
  let clusters = 0;
  for (const f of features(layer)) {
    if (f.properties.cluster) {
      clusters++;
      total += f.properties.point_count;
      assert.ok(f.properties.name, 'a cluster is named after its most prominent member');
    } else {
      total += 1;
    }
  }
  const box = tileBounds(t).join(',');
  const api = await (await fetch(`${base}/api/features?bbox=${box}&kind=heritage_site&limit=1`)).json();
  assert.ok(clusters > 0);
  // The box query also counts points on the tile's far edges, which the tile leaves to its
  // neighbours; nothing else may differ.
  assert.ok(total <= api.numberMatched && total >= api.numberMatched - 5, `${total} vs ${api.numberMatched}`);
});

test('basemap polygons are wound per MVT 2.1 and appear from their zoom', { skip }, async () => {
  const z5 = await getBasemapTile(tileOf(112.45, 34.62, 5));
  assert.ok(z5.layers.province && z5.layers.prefecture);
  assert.equal(z5.layers.county, undefined, 'no counties below z6');
  const z9 = await getBasemapTile(tileOf(112.45, 34.62, 9));
  assert.ok(z9.layers.county.length > 5);
  for (const f of features(z9.layers.county)) {
    assert.equal(f.type, 3);
    const rings = f.loadGeometry();
    // The first ring of each polygon is exterior: positive area in tile coordinates.
    const polygons = classifyRings(rings);
    assert.ok(polygons.length >= 1);
    for (const polygon of polygons) {
      assert.ok(ringArea(polygon[0]) > 0, `${f.properties.name}: exterior ring wound clockwise on screen`);
      for (const hole of polygon.slice(1)) assert.ok(ringArea(hole) < 0);
    }
  }
});

test('filtered tiles, ETag revalidation and TileJSON', { skip }, async () => {
  const t = tileOf(112.47, 34.56, 12);
  const tang = await getTile(t, '?from=690&to=705');
  for (const layer of Object.values(tang.layers)) {
    for (const f of features(layer)) {
      assert.ok(f.properties.start <= 705 && f.properties.end >= 690);
    }
  }
  const url = `${base}/tiles/entities/${t.z}/${t.x}/${t.y}.mvt`;
  const first = await fetch(url);
  const again = await fetch(url, { headers: { 'If-None-Match': first.headers.get('etag') } });
  assert.equal(again.status, 304);
  const bad = await fetch(`${base}/tiles/entities/23/0/0.mvt`);
  assert.equal(bad.status, 404);
  assert.equal((await bad.json()).detail, 'z: 23 is outside 0..22');
  const tj = await (await fetch(`${base}/tiles/entities.json`)).json();
  assert.equal(tj.tilejson, '3.0.0');
  assert.match(tj.tiles[0], /\/tiles\/entities\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
  assert.ok(tj.vector_layers.some((l) => l.id === 'heritage_site'));
});
