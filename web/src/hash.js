// SPDX-License-Identifier: Apache-2.0
// The permalink in the URL fragment: `#map=z/lat/lon&e=<id>&t=from/to&j=from|to|date|depart&lang=en`.
// z has 2 decimals, lat/lon 5 (about 1 m); the id is percent-encoded; t is the time filter in
// astronomical years (`t=690/705`, a single year as `t=690`, 770 BCE as `-769`); lang appears
// only for English. j is the rail journey query (from and to as typed or a telecode, date
// YYYY-MM-DD or empty for the server's default, depart HH:MM), each part percent-encoded.
//
//   parseHash('#map=9.00/34.62000/112.45000&e=nhs-1-37&t=690/705')
//     → { view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37',
//         time: { from: 690, to: 705 }, lang: null }
//   formatHash({ view, entity, time, lang })  → '#map=…'

export const kDefaultView = Object.freeze({ zoom: 9, lat: 34.62, lon: 112.45 });

function parseView(text) {
  if (!text) return null;
  const parts = text.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lon] = parts.map(Number);
  if (![zoom, lat, lon].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

// Years beyond any dynasty are still years; the bound only keeps out nonsense like 1e300.
const kMaxYear = 100000;

function parseTime(text) {
  const m = /^(-?\d+)(?:\/(-?\d+))?$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (Math.abs(from) > kMaxYear || Math.abs(to) > kMaxYear || from > to) return null;
  return { from, to };
}

const kDate = /^\d{4}-\d{2}-\d{2}$/;
const kClock = /^([01]\d|2[0-3]):[0-5]\d$/;

// `from|to|date|depart` (already decoded) → {from, to, date, depart}, or null when malformed.
export function parseJourney(text) {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length !== 4) return null;
  const [from, to, date, depart] = parts;
  if (!from || !to) return null;
  if (date && !kDate.test(date)) return null;
  if (depart && !kClock.test(depart)) return null;
  return { from, to, date, depart };
}

// `|` separates the parts: station and city names never have one, so one in a part becomes a space.
export function formatJourney({ from, to, date, depart }) {
  return [from, to, date ?? '', depart ?? '']
    .map((p) => encodeURIComponent(String(p).replaceAll('|', ' ')).replaceAll('%3A', ':')).join('|');
}

export function parseHash(hash) {
  const out = { view: null, entity: null, time: null, journey: null, lang: null };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    let value;
    try {
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      continue; // a malformed escape: ignore that parameter, keep the rest
    }
    if (key === 'map') out.view = parseView(value);
    else if (key === 'e' && value) out.entity = value;
    else if (key === 't') out.time = parseTime(value);
    else if (key === 'j') out.journey = parseJourney(value);
    else if (key === 'lang' && (value === 'en' || value === 'zh')) out.lang = value;
  }
  return out;
}

export function formatHash({ view, entity, time, journey, lang }) {
  const parts = [];
  if (view) {
    parts.push(`map=${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`);
  }
  if (entity) parts.push(`e=${encodeURIComponent(entity)}`);
  if (time) parts.push(`t=${time.from === time.to ? time.from : `${time.from}/${time.to}`}`);
  if (journey) parts.push(`j=${formatJourney(journey)}`);
  if (lang === 'en') parts.push('lang=en');
  return `#${parts.join('&')}`;
}
