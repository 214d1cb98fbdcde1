// SPDX-License-Identifier: Apache-2.0
// zhitu's OGC API – Features (/ogc) read by a real client of the standard, @camptocamp/ogc-client,
// as a GIS front end would: landing page, conformance, collections, items by box and time, one
// item. Every feature it hands back is checked against the server's own answer.
//
//   ZHITU_URL=http://127.0.0.1:8080 node --test tests/ogc.test.mjs    # or scripts/run_web_tests.sh
//
// Needs a real server (the mock has no /ogc): without ZHITU_URL the tests are skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OgcApiEndpoint } from '@camptocamp/ogc-client';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const skip = base ? false : 'needs a real zhitu server: set ZHITU_URL';

test('ogc-client reads the landing page, conformance and collections', { skip }, async () => {
  const endpoint = new OgcApiEndpoint(`${base}/ogc`);
  const info = await endpoint.info;
  assert.equal(info.title, 'zhitu 智图');
  assert.equal(await endpoint.hasFeatures, true);
  const conformance = await endpoint.conformanceClasses;
  assert.ok(conformance.includes('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'));
  const kinds = await (await fetch(`${base}/api/kinds`)).json();
  const collections = await endpoint.featureCollections;
  assert.deepEqual([...collections].sort(), kinds.kinds.map((k) => k.kind).sort());
});

test('ogc-client describes a collection with its extent', { skip }, async () => {
  const endpoint = new OgcApiEndpoint(`${base}/ogc`);
  const sites = await endpoint.getCollectionInfo('heritage_site');
  assert.equal(sites.id, 'heritage_site');
  const [w, s, e, n] = sites.extent.spatial.bbox[0];
  assert.ok(w < 112.47 && e > 112.47 && s < 34.56 && n > 34.56, `bbox ${sites.extent.spatial.bbox}`);
});

test('ogc-client pages items by box and time as the server counts them', { skip }, async () => {
  const endpoint = new OgcApiEndpoint(`${base}/ogc`);
  const bbox = [112.3, 34.4, 112.7, 34.8];
  const start = new Date(Date.UTC(618, 0, 1));
  start.setUTCFullYear(618);
  const end = new Date(Date.UTC(907, 11, 31));
  end.setUTCFullYear(907);
  const items = await endpoint.getCollectionItems('heritage_site', 100, 0, false, undefined, bbox,
                                                  undefined, { start, end });
  const direct = await (await fetch(`${base}/ogc/collections/heritage_site/items?limit=100` +
    `&bbox=${bbox.join(',')}&datetime=0618-01-01T00:00:00Z/0907-12-31T00:00:00Z`)).json();
  assert.ok(direct.numberMatched > 0);
  assert.deepEqual(items.map((f) => f.id).sort(), direct.features.map((f) => f.id).sort());
  assert.ok(items.some((f) => f.id === 'nhs-1-37'), '龙门石窟 is among the Tang sites around Luoyang');
  for (const f of items) {
    assert.ok(f.properties.start <= 907 && f.properties.end >= 618, `${f.id} overlaps 618–907`);
  }
});

test('ogc-client fetches one item', { skip }, async () => {
  const endpoint = new OgcApiEndpoint(`${base}/ogc`);
  const longmen = await endpoint.getCollectionItem('heritage_site', 'nhs-1-37');
  assert.equal(longmen.id, 'nhs-1-37');
  assert.equal(longmen.properties.name, '龙门石窟');
  assert.deepEqual(longmen.geometry.type, 'Point');
});
