// SPDX-License-Identifier: Apache-2.0
// The permalink in the URL fragment:
// `#map=z/lat/lon&e=<id>&t=from/to&hide=kind,kind&j=from|to|date|depart&it=…&lang=en`.
// z has 2 decimals, lat/lon 5 (about 1 m); the id is percent-encoded; t is the time filter in
// astronomical years (`t=690/705`, a single year as `t=690`, 770 BCE as `-769`); lang appears
// only for English. hide lists the kinds whose layers are switched off in the legend (sorted, each
// percent-encoded; kinds added to the data later show). j is the rail journey query (from and to as typed or a telecode, date
// YYYY-MM-DD or empty for the server's default, depart HH:MM), each part percent-encoded.
// it is the itinerary request, `start|theme|places|stay|date|depart|return|hours`: a theme id or
// places (`name~hours,name`: a place with its own stay, a place with the default), the default
// stay in hours, date and depart as in j, return 1 or 0, hours `HH:MM-HH:MM` or `any`; empty
// parts are the server's defaults.
//
//   parseHash('#map=9.00/34.62000/112.45000&e=nhs-1-37&t=690/705')
//     → { view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37',
//         time: { from: 690, to: 705 }, hidden: [], journey: null, itinerary: null, lang: null }
//   formatHash({ view, entity, time, hidden, journey, itinerary, lang })  → '#map=…'
//   parseItinerary('洛阳龙门|ancient_capitals||24|||1|07:00-23:00')
//     → { start: '洛阳龙门', theme: 'ancient_capitals', places: [], min_stay_hours: 24, date: '',
//         depart: '', return_to_start: true, travel_hours: { from: '07:00', to: '23:00' } }

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

export const kDefaultTravelHours = Object.freeze({ from: '07:00', to: '23:00' });
const kHours = /^\d+(?:\.\d+)?$/;

// Hours ("24", "1.5") → a number, '' → null, anything else → undefined.
const parseHours = (text) => (text === '' ? null : kHours.test(text) ? Number(text) : undefined);

// `name~hours` or `name` → {place, stay_hours}, or null.
function parsePlace(text) {
  const [place, stay, ...rest] = text.split('~').map((p) => p.trim());
  const stayHours = parseHours(stay ?? '');
  return place && !rest.length && stayHours !== undefined ? { place, stay_hours: stayHours } : null;
}

// `HH:MM-HH:MM` → {from, to}, `any` → null, '' → the default hours, anything else → undefined.
function parseTravelHours(text) {
  if (text === 'any') return null;
  if (text === '') return { ...kDefaultTravelHours };
  const [from, to, ...rest] = text.split('-');
  return !rest.length && kClock.test(from) && kClock.test(to ?? '') ? { from, to } : undefined;
}

// `start|theme|places|stay|date|depart|return|hours` (already decoded) → the itinerary request
// (the API's field names, places as [{place, stay_hours}]), or null when malformed.
export function parseItinerary(text) {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length !== 8) return null;
  const [start, theme, placesText, stayText, date, depart, back, hoursText] = parts;
  if (!start || !theme === !placesText) return null; // one of theme and places
  const places = placesText ? placesText.split(',').map(parsePlace) : [];
  const stay = parseHours(stayText);
  const hours = parseTravelHours(hoursText);
  if (places.includes(null) || stay === undefined || hours === undefined) return null;
  if ((date && !kDate.test(date)) || (depart && !kClock.test(depart)) || !['', '0', '1'].includes(back)) return null;
  return { start, theme, places, min_stay_hours: stay, date, depart, return_to_start: back !== '0',
           travel_hours: hours };
}

// The separators (`|`, and `,` `~` in places) never occur in station or city names; one in a
// part becomes a space.
const itineraryPart = (p) => encodeURIComponent(String(p ?? '').replace(/[|,~]/g, ' ')).replaceAll('%3A', ':');

export function formatItinerary(q) {
  const places = (q.places ?? []).map((p) => itineraryPart(p.place)
    + (Number.isFinite(p.stay_hours) ? `~${p.stay_hours}` : '')).join(',');
  const hours = q.travel_hours ? `${q.travel_hours.from}-${q.travel_hours.to}` : 'any';
  return [itineraryPart(q.start), itineraryPart(q.theme), places,
          Number.isFinite(q.min_stay_hours) ? String(q.min_stay_hours) : '', itineraryPart(q.date),
          itineraryPart(q.depart), q.return_to_start === false ? '0' : '1', hours].join('|');
}

// `a,b` → ['a', 'b'], sorted and without repeats or empty names.
function parseKinds(text) {
  return [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))].sort();
}

export function parseHash(hash) {
  const out = { view: null, entity: null, time: null, hidden: [], journey: null, itinerary: null, lang: null };
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
    else if (key === 'hide') out.hidden = parseKinds(value);
    else if (key === 'j') out.journey = parseJourney(value);
    else if (key === 'it') out.itinerary = parseItinerary(value);
    else if (key === 'lang' && (value === 'en' || value === 'zh')) out.lang = value;
  }
  return out;
}

export function formatHash({ view, entity, time, hidden, journey, itinerary, lang }) {
  const parts = [];
  if (view) {
    parts.push(`map=${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`);
  }
  if (entity) parts.push(`e=${encodeURIComponent(entity)}`);
  if (time) parts.push(`t=${time.from === time.to ? time.from : `${time.from}/${time.to}`}`);
  // The kinds percent-encoded one by one, so the commas between them stay commas.
  if (hidden?.length) parts.push(`hide=${[...new Set(hidden)].sort().map(encodeURIComponent).join(',')}`);
  if (journey) parts.push(`j=${formatJourney(journey)}`);
  if (itinerary) parts.push(`it=${formatItinerary(itinerary)}`);
  if (lang === 'en') parts.push('lang=en');
  return `#${parts.join('&')}`;
}
