// SPDX-License-Identifier: Apache-2.0
// Calls to the zhitu JSON API. Paths are relative to the page, so the app works both at `/` and
// behind a reverse proxy under a prefix (e.g. `/zhitu/`). Errors become `ApiError`, carrying the
// server's problem details (`application/problem+json`) when it sent them, and the request field
// they blame (the problem's `field`).
//
//   const kinds = await getKinds();                       // [{kind, count}]
//   const fc = await getAllFeatures({ kind: 'museum' });  // follows `next` links
//   const e = await getEntity('nhs-1-37');
//   const rels = await getRelations('nhs-1-37');          // [{subject, predicate, object, direction, other, …}]
//   const g = await getGraph('nhs-1-37', { hops: 2 });     // {nodes, edges, truncated}
//   const p = await getPath('nhs-1-37', 'ly-national-usp'); // {found, steps}
//   const a = await annotate('龙门石窟位于洛阳南郊。');       // {offsets: 'utf16', mentions}
//   const j = await getJourneys({ from: '郑州东', to: '洛阳', depart: '12:00' }); // {from, to, date, journeys}
//   const themes = await getThemes();                     // [{id, name, description, places}]
//   const plan = await planItinerary({ start: '洛阳龙门', theme: 'ancient_capitals' }); // {stops, legs, left_out, …}
//   const n = await countLocated('museum', { from: 690, to: 705 }); // located museums of 690–705
//   const style = await getStyle('en');                  // the server's MapLibre style
//   const tj = await getTileJson('entities');            // TileJSON of a tile set

import { spanDatetime } from './timespan.js';

// Resolved per call, not at import: the page's base, and node's unit tests can import the module.
const apiBase = () => new URL('./', document.baseURI);
const kWorld = '-180,-90,180,90'; // a box around everything: only located entities intersect it
const kMaxPages = 200; // a bound on paging, in case a server keeps answering with a `next` link

export class ApiError extends Error {
  constructor(status, title, detail, field = null) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }
}

// One request at a time, for a panel: run(request) aborts the request before it and resolves to
// null when its own is aborted in turn (a newer one, or cancel()); other errors are thrown.
//   const requests = latestRequest();
//   const res = await requests.run((signal) => getJourneys(q, { signal }));  // null: superseded
export function latestRequest() {
  let controller = null;
  return {
    async run(request) {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      try {
        return await request(mine.signal);
      } catch (err) {
        if (err.name === 'AbortError') return null;
        throw err;
      } finally {
        if (controller === mine) controller = null;
      }
    },
    cancel() {
      controller?.abort();
      controller = null;
    },
  };
}

// The request field a problem blames ("places[1]"), or null.
export function problemField(problem) {
  return typeof problem?.field === 'string' && problem.field ? problem.field : null;
}

function apiUrl(path, params = {}) {
  const url = new URL(path, apiBase());
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  return url;
}

// A GET, or a POST of `body` as JSON when there is one.
async function fetchJson(url, { signal, body } = {}) {
  const init = { signal, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch {
      // not JSON (e.g. a proxy's HTML error page)
    }
    throw new ApiError(res.status, problem?.title || res.statusText || `HTTP ${res.status}`,
                       problem?.detail || '', problemField(problem));
  }
  return res.json();
}

const getJson = (url, { signal } = {}) => fetchJson(url, { signal });

export async function getKinds(opts) {
  const body = await getJson(apiUrl('api/kinds'), opts);
  return Array.isArray(body.kinds) ? body.kinds : [];
}

export function getEntity(id, opts) {
  return getJson(apiUrl(`api/entities/${encodeURIComponent(id)}`), opts);
}

export async function getRelations(id, opts) {
  const body = await getJson(apiUrl(`api/entities/${encodeURIComponent(id)}/relations`), opts);
  return Array.isArray(body.relations) ? body.relations : [];
}

export function getGraph(id, { hops = 1, signal } = {}) {
  return getJson(apiUrl(`api/entities/${encodeURIComponent(id)}/graph`, { hops }), { signal });
}

export function getPath(from, to, opts) {
  return getJson(apiUrl('api/path', { from, to }), opts);
}

export function annotate(text, { signal } = {}) {
  return fetchJson(apiUrl('api/annotate'), { signal, body: { text } });
}

// Rail journeys on the server's timetable: from, to (a telecode, `city:…` or a name), date
// (YYYY-MM-DD, empty: the feed's first service day), depart (HH:MM).
export function getJourneys({ from, to, date, depart }, opts) {
  return getJson(apiUrl('api/journeys', { from, to, date, depart }), opts);
}

export async function getThemes(opts) {
  const body = await getJson(apiUrl('api/itineraries/themes'), opts);
  return Array.isArray(body.themes) ? body.themes : [];
}

// A rail tour (the body of POST /api/itineraries: start, theme or places, stays, date, depart, …).
export function planItinerary(request, { signal } = {}) {
  return fetchJson(apiUrl('api/itineraries'), { signal, body: request });
}

// Autocomplete: the same results as `search`, fewer of them, each with `matched` (span in
// UTF-16 code units, and `pinyin` when found through pinyin).
export async function suggest(q, { limit = 8, signal } = {}) {
  const body = await getJson(apiUrl('api/suggest', { q, limit }), { signal });
  return Array.isArray(body.suggestions) ? body.suggestions : [];
}

export async function search(q, { limit = 10, kind, signal } = {}) {
  const body = await getJson(apiUrl('api/search', { q, limit, kind }), { signal });
  return Array.isArray(body.results) ? body.results : [];
}

// How many entities of `kind` have a location and, with a span ({from, to}), overlap it.
export async function countLocated(kind, span, opts) {
  const body = await getJson(apiUrl('api/features', { kind, bbox: kWorld, limit: 1,
                                                       datetime: span && spanDatetime(span) }), opts);
  return body.numberMatched;
}

export function getStyle(lang, opts) {
  return getJson(apiUrl('styles/default.json', { lang }), opts);
}

export function getTileJson(set, opts) {
  return getJson(apiUrl(`tiles/${encodeURIComponent(set)}.json`), opts);
}

// All features matching `params` ({kind, bbox, limit}) as one FeatureCollection.
// A page's `next` link is followed by its query string only, re-applied to our own
// `api/features` URL: a server behind a proxy may write links with its internal host name.
export async function getAllFeatures(params, { signal, limit = 10000 } = {}) {
  const features = [];
  let url = apiUrl('api/features', { limit, ...params });
  for (let page = 0; page < kMaxPages && url; ++page) {
    const body = await getJson(url, { signal });
    if (Array.isArray(body.features)) features.push(...body.features);
    const next = (body.links ?? []).find((l) => l.rel === 'next')?.href;
    if (!next || !body.features?.length) break;
    url = new URL(`api/features${new URL(next, url).search}`, apiBase());
  }
  return { type: 'FeatureCollection', features };
}
