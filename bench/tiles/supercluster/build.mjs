// SPDX-License-Identifier: Apache-2.0
// supercluster's index build on the peer points (poi.csv), timed like zhitu's cluster index in
// tiles_bench: from points in memory to every zoom's clusters.
//
//   node build.mjs POI_CSV RUNS RADIUS EXTENT MAX_ZOOM
//
// Prints `supercluster_build runs=… mean_ms=… min_ms=… cells=z0:…,z1:…` (clusters and single
// points at each zoom, for comparing cluster counts with the grid's).
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import Supercluster from 'supercluster';

const [file, runsArg, radiusArg, extentArg, maxZoomArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const options = {minZoom: 0, maxZoom: Number(maxZoomArg ?? 9), radius: Number(radiusArg ?? 64),
                 extent: Number(extentArg ?? 4096)};

// poi.csv: id, lon, lat, name, … — names may be quoted, but the first three fields never are.
const lines = readFileSync(file, 'utf8').split('\n');
const points = [];
for (let i = 1; i < lines.length; i++) {
  const line = lines[i];
  if (!line) continue;
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  points.push({type: 'Feature', properties: {id: line.slice(0, a)},
               geometry: {type: 'Point', coordinates: [Number(line.slice(a + 1, b)), Number(line.slice(b + 1, c))]}});
}

const times = [];
let index;
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  index = new Supercluster(options).load(points);
  times.push(performance.now() - start);
}
const cells = [];
for (let z = 0; z <= options.maxZoom; z++) {
  cells.push(`z${z}:${index.getClusters([-180, -85, 180, 85], z).length}`);
}
const mean = times.reduce((s, t) => s + t, 0) / times.length;
console.log(`supercluster_build points=${points.length} runs=${runs} radius=${options.radius} extent=${options.extent} ` +
            `mean_ms=${mean.toFixed(1)} min_ms=${Math.min(...times).toFixed(1)} cells=${cells.join(',')}`);
