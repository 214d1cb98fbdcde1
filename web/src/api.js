// SPDX-License-Identifier: Apache-2.0
// Calls to the zhitu JSON API. Paths are relative to the page, so the app works both at `/` and
// behind a reverse proxy under a prefix (e.g. `/zhitu/`). Errors become `ApiError`, carrying the
// server's problem details (`application/problem+json`) when it sent them.
//
//   const kinds = await getKinds();                       // [{kind, count}]
//   const fc = await getAllFeatures({ kind: 'museum' });  // follows `next` links
//   const e = await getEntity('nhs-1-37');

const kApiBase = new URL('./', document.baseURI);
const kMaxPages = 200; // a bound on paging, in case a server keeps answering with a `next` link

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

function apiUrl(path, params = {}) {
  const url = new URL(path, kApiBase);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  return url;
}

async function getJson(url, { signal } = {}) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON (e.g. a proxy's HTML error page)
    }
    throw new ApiError(res.status, body?.title || res.statusText || `HTTP ${res.status}`,
                       body?.detail || '');
  }
  return res.json();
}

export async function getKinds(opts) {
  const body = await getJson(apiUrl('api/kinds'), opts);
  return Array.isArray(body.kinds) ? body.kinds : [];
}

export function getEntity(id, opts) {
  return getJson(apiUrl(`api/entities/${encodeURIComponent(id)}`), opts);
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
    url = new URL(`api/features${new URL(next, url).search}`, kApiBase);
  }
  return { type: 'FeatureCollection', features };
}
