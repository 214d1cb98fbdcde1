// SPDX-License-Identifier: Apache-2.0
// Unit tests of the browser-free parts: the permalink format, the i18n formatting, the time
// filter, the timeline's axis and lanes, mention runs, graph elements, relation groups, rail journeys
// and itineraries.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionPoints, splitMentions } from '../src/article.js';
import { groupRelations } from '../src/card.js';
import { graphElements } from '../src/graph.js';
import { formatHash, formatItinerary, formatJourney, kDefaultView, parseHash, parseItinerary, parseJourney }
  from '../src/hash.js';
import { entityName, formatTimeSpan, kindLabel, precisionLabel, predicateLabel, secondaryName, setLang }
  from '../src/i18n.js';
import { dayLabel, fieldSlot, formatDistance, formatLongDuration, itineraryFeatures, planDays, reasonText,
         requestBody } from '../src/itinerary.js';
import { bboxOf, clockOf, formatDuration, journeyFeatures, minutesBetween } from '../src/journey.js';
import { problemField } from '../src/api.js';
import { spanLabel, timelineItems, timeScale } from '../src/timeline.js';
import { spanDatetime, spanQuery } from '../src/timespan.js';

test('hash: round trip of view, entity and language', () => {
  const hash = formatHash({ view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37', lang: 'en' });
  assert.equal(hash, '#map=9.00/34.62000/112.45000&e=nhs-1-37&lang=en');
  assert.deepEqual(parseHash(hash), { view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37', time: null,
                                      hidden: [], journey: null, itinerary: null, lang: 'en' });
});

test('hash: ids are percent-encoded, Chinese stays the default language', () => {
  const hash = formatHash({ view: kDefaultView, entity: 'a/b c&d=龙', lang: 'zh' });
  assert.equal(hash, '#map=9.00/34.62000/112.45000&e=a%2Fb%20c%26d%3D%E9%BE%99');
  assert.equal(parseHash(hash).entity, 'a/b c&d=龙');
  assert.equal(parseHash(hash).lang, null);
});

test('hash: bad parts are ignored, good ones kept', () => {
  const none = { view: null, entity: null, time: null, hidden: [], journey: null, itinerary: null, lang: null };
  assert.deepEqual(parseHash('#map=99/1/2&e=%E0%A4%A&lang=fr'), none);
  assert.deepEqual(parseHash('#map=1/2&e=x'), { ...none, entity: 'x' });
  assert.deepEqual(parseHash(''), none);
  assert.equal(parseHash('#map=3.5/91/0').view, null);
  assert.deepEqual(parseHash('map=3.5/-10/-170.25').view, { zoom: 3.5, lat: -10, lon: -170.25 });
});

test('hash: the time filter, a span or a single year, BCE as astronomical years', () => {
  const view = kDefaultView;
  assert.equal(formatHash({ view, time: { from: 690, to: 705 } }), '#map=9.00/34.62000/112.45000&t=690/705');
  assert.equal(formatHash({ view, entity: 'x', time: { from: 690, to: 690 }, lang: 'en' }),
               '#map=9.00/34.62000/112.45000&e=x&t=690&lang=en');
  assert.deepEqual(parseHash('#t=690/705').time, { from: 690, to: 705 });
  assert.deepEqual(parseHash('#t=690').time, { from: 690, to: 690 });
  assert.deepEqual(parseHash('#t=-769/-255').time, { from: -769, to: -255 });
  for (const bad of ['#t=705/690', '#t=', '#t=tang', '#t=1.5', '#t=1/2/3', '#t=9999999']) {
    assert.equal(parseHash(bad).time, null, bad);
  }
  assert.deepEqual(parseHash('#t=nope&e=a').entity, 'a');
});

test('hash: kinds switched off, sorted, without repeats, percent-encoded one by one', () => {
  const view = kDefaultView;
  assert.equal(formatHash({ view, hidden: ['station', 'museum', 'station'] }),
               '#map=9.00/34.62000/112.45000&hide=museum,station');
  assert.equal(formatHash({ view, hidden: [] }), '#map=9.00/34.62000/112.45000');
  assert.deepEqual(parseHash('#hide=station,museum').hidden, ['museum', 'station']);
  assert.deepEqual(parseHash('#hide=a%2Cb,c%26d').hidden, ['a', 'b', 'c&d']);
  assert.deepEqual(parseHash(formatHash({ view, hidden: ['c&d', '名胜'] })).hidden, ['c&d', '名胜']);
  assert.deepEqual(parseHash('#hide=,, ,museum,museum').hidden, ['museum']);
  assert.deepEqual(parseHash('#hide=').hidden, []);
});

test('time filter: tile query and the API\'s datetime in expanded ISO years', () => {
  assert.equal(spanQuery({ from: 690, to: 705 }), '?from=690&to=705');
  assert.equal(spanQuery({ from: -769, to: -769 }), '?from=-769&to=-769');
  assert.equal(spanQuery(null), '');
  assert.equal(spanDatetime({ from: 690, to: 705 }), '0690-01-01/0705-12-31');
  assert.equal(spanDatetime({ from: -769, to: 0 }), '-0769-01-01/0000-12-31', '0 is 1 BCE');
  assert.equal(spanDatetime({ from: 1909, to: 12000 }), '1909-01-01/12000-12-31');
});

test('i18n: time spans in astronomical years (0 = 1 BCE)', () => {
  setLang('zh', { remember: false });
  assert.equal(formatTimeSpan({ start: -769, end: 220 }), '前770年—220年');
  assert.equal(formatTimeSpan({ start: 0, end: 0 }), '前1年');
  assert.equal(formatTimeSpan({ start: 618, end: 907 }), '618年—907年');
  assert.equal(formatTimeSpan({ start: 1909, end: null }), '1909年起');
  assert.equal(formatTimeSpan(null), '');
  setLang('en', { remember: false });
  assert.equal(formatTimeSpan({ start: -769, end: 220 }), '770 BCE – 220 CE');
  assert.equal(formatTimeSpan({ start: -769, end: -255 }), '770 BCE – 256 BCE');
  assert.equal(formatTimeSpan({ start: 0, end: 1 }), '1 BCE – 1 CE');
  assert.equal(formatTimeSpan({ start: 618, end: 907 }), '618 – 907');
  assert.equal(formatTimeSpan({ start: null, end: 705 }), 'until 705');
  setLang('zh', { remember: false });
});

test('i18n: kind labels and name preference', () => {
  setLang('zh', { remember: false });
  assert.equal(kindLabel('heritage_site', true), '文物保护单位');
  assert.equal(kindLabel('no_such_kind'), 'no_such_kind');
  assert.equal(entityName('龙门石窟', 'Longmen Grottoes'), '龙门石窟');
  assert.equal(secondaryName('龙门石窟', 'Longmen Grottoes'), 'Longmen Grottoes');
  setLang('en', { remember: false });
  assert.equal(kindLabel('heritage_site', true), 'Heritage sites');
  assert.equal(kindLabel('station'), 'Railway station');
  assert.equal(entityName('龙门石窟', 'Longmen Grottoes'), 'Longmen Grottoes');
  assert.equal(entityName('关林', null), '关林');
  assert.equal(secondaryName('关林', null), '');
  setLang('zh', { remember: false });
});

test('i18n: predicate and position precision labels', () => {
  setLang('zh', { remember: false });
  assert.equal(predicateLabel('located_in'), '位于');
  assert.equal(predicateLabel('tenant_of'), '入驻');
  assert.equal(predicateLabel('some_new_predicate'), 'some new predicate');
  assert.equal(precisionLabel('district'), '区县');
  setLang('en', { remember: false });
  assert.equal(predicateLabel('moved_capital_to'), 'moved capital to');
  assert.equal(predicateLabel('era'), 'era');
  assert.equal(precisionLabel('district'), 'district only');
  assert.equal(precisionLabel('parcel'), 'parcel');
  setLang('zh', { remember: false });
});

const dyn = (id, name, start, end, extra = {}) => ({
  type: 'Feature', id, geometry: null,
  properties: { id, kind: 'dynasty', name, name_en: null, start, end, ...extra },
});
const kDynasties = [
  dyn('dyn-zhou', '周', -1045, -255),
  dyn('dyn-western-zhou', '西周', -1045, -770, { parent: 'dyn-zhou' }),
  dyn('dyn-eastern-zhou', '东周', -769, -255, { parent: 'dyn-zhou' }),
  dyn('per-spring-autumn', '春秋', -769, -475, { kind: 'period', parent: 'dyn-eastern-zhou' }),
  dyn('per-three-kingdoms', '三国', 220, 280, { kind: 'period' }),
  dyn('dyn-cao-wei', '曹魏', 220, 266, { parent: 'per-three-kingdoms' }),
  dyn('dyn-shu-han', '蜀汉', 221, 263, { parent: 'per-three-kingdoms' }),
  dyn('dyn-tang', '唐', 618, 907),
  dyn('dyn-wu-zhou', '武周', 690, 705, { parent: 'dyn-tang' }),
  dyn('dyn-bohai', '渤海', 698, 926, { scope: 'regional' }),
  dyn('dyn-qing', '清', 1644, 1912),
  dyn('per-roc', '民国', 1912, 1949, { kind: 'period' }),
  dyn('per-modern', '近代', 1840, 1949, { kind: 'period' }),
];

test('timeline: which entries, lanes without overlaps, parts below the whole', () => {
  const { items, lanes } = timelineItems(kDynasties);
  const ids = items.map((i) => i.id).sort();
  assert.deepEqual(ids, ['dyn-cao-wei', 'dyn-eastern-zhou', 'dyn-qing', 'dyn-shu-han', 'dyn-tang',
                         'dyn-western-zhou', 'dyn-wu-zhou', 'dyn-zhou', 'per-roc', 'per-spring-autumn']);
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const a of items) {
    for (const b of items) {
      if (a !== b && a.lane === b.lane) assert.ok(a.end <= b.start || b.end <= a.start, `${a.name} / ${b.name}`);
    }
  }
  assert.ok(byId.get('dyn-wu-zhou').lane > byId.get('dyn-tang').lane);
  assert.ok(byId.get('per-spring-autumn').lane > byId.get('dyn-eastern-zhou').lane);
  assert.equal(byId.get('dyn-wu-zhou').luoyang, true);
  assert.equal(byId.get('dyn-shu-han').luoyang, false);
  assert.equal(lanes, 1 + Math.max(...items.map((i) => i.lane)));

  setLang('zh', { remember: false });
  assert.equal(spanLabel({ from: 690, to: 705 }, items), '690年—705年 武周');
  assert.equal(spanLabel({ from: 690, to: 690 }, items), '690年 唐、武周');
  assert.equal(spanLabel({ from: 3000, to: 3000 }, items), '3000年');
  assert.equal(spanLabel(null, items), '');
});

test('timeline: the axis is monotonic and x → year → x round-trips', () => {
  const s = timeScale(-2100, 2030);
  let last = -Infinity;
  for (let y = -2100; y <= 2030; y += 7) {
    const x = s.x(y);
    assert.ok(x > last, `x grows at ${y}`);
    last = x;
    assert.equal(s.year(x), y);
  }
  assert.equal(s.x(-2100), 0);
  assert.equal(s.x(2030), s.width);
  assert.equal(s.x(705) - s.x(690), 30, '武周 gets 2 px a year');
  assert.equal(s.year(-50), -2100, 'clamped');
  assert.equal(s.year(s.width + 50), 2030);
});

test('article: mentions cut the text by UTF-16 offsets; overlaps and strays dropped', () => {
  const text = '𠀀龙门石窟在洛阳。'; // a supplementary character first: 2 UTF-16 code units
  const mentions = [
    { start: 2, end: 6, surface: '龙门石窟', entity_id: 'nhs-1-37' },
    { start: 7, end: 9, surface: '洛阳', entity_id: 'adm-410300' },
    { start: 4, end: 6, surface: '石窟', entity_id: 'x' },   // inside the first
    { start: 8, end: 99, surface: '?', entity_id: 'y' },    // past the end
  ];
  const parts = splitMentions(text, mentions);
  assert.deepEqual(parts.map((p) => [p.text, p.mention?.entity_id ?? null]),
                   [['𠀀', null], ['龙门石窟', 'nhs-1-37'], ['在', null], ['洛阳', 'adm-410300'], ['。', null]]);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(splitMentions('abc', []), [{ text: 'abc' }]);
});

test('article: each located entity plotted once', () => {
  const e = (id, lon, lat) => ({ entity: { id, kind: 'heritage_site', name: id, lon, lat } });
  const fc = mentionPoints([e('a', 112.4, 34.6), e('a', 112.4, 34.6), e('b', null, null), e('c', 112.5, 34.5)]);
  assert.deepEqual(fc.features.map((f) => f.properties.id), ['a', 'c']);
  assert.deepEqual(fc.features[1].geometry.coordinates, [112.5, 34.5]);
});

test('graph: elements from the graph answer plus the path, stated and derived edges apart', () => {
  const data = {
    nodes: [{ id: 'r', kind: 'heritage_site', name: '龙门石窟', hops: 0 },
            { id: 'c', kind: 'county', name: '洛龙区', hops: 1 }],
    edges: [{ source: 'r', target: 'c', predicate: 'located_in', derived: true },
            { source: 'r', target: 'c', predicate: 'located_in', derived: false }],
  };
  const path = { steps: [
    { subject: 'r', predicate: 'located_in', object: 'c', derived: true, node: { id: 'c', kind: 'county', name: '洛龙区' } },
    { subject: 'c', predicate: 'located_in', object: 'p', derived: true, node: { id: 'p', kind: 'prefecture', name: '洛阳市' } },
    { subject: 'u', predicate: 'located_in', object: 'p', derived: false, node: { id: 'u', kind: 'industrial_park', name: '科技园' } },
  ] };
  setLang('zh', { remember: false });
  const els = graphElements(data, path);
  const nodes = els.filter((e) => e.group === 'nodes');
  const edges = els.filter((e) => e.group === 'edges');
  assert.deepEqual(nodes.map((n) => [n.data.id, n.data.hops]), [['r', 0], ['c', 1], ['p', 2], ['u', 3]]);
  assert.equal(nodes[0].classes, 'root');
  assert.equal(edges.length, 4, 'two r→c (stated, derived) and the two new path edges');
  assert.ok(edges.every((e) => e.data.label === '位于'));
  assert.deepEqual(edges.filter((e) => e.classes === 'derived').map((e) => e.data.source), ['r', 'c']);
  assert.equal(new Set(edges.map((e) => e.data.id)).size, edges.length);
  assert.equal(graphElements(null, null).length, 0);
});

test('card: relations grouped by predicate and direction, one row per entity, era left out', () => {
  const other = (id) => ({ id, kind: 'county', name: id });
  const rels = [
    { predicate: 'located_in', direction: 'out', other: other('a'), derived: true, rule: 'r' },
    { predicate: 'located_in', direction: 'out', other: other('a'), derived: false, source: { cites: { title: 't', url: 'http://x' } } },
    { predicate: 'tenant_of', direction: 'in', other: other('b'), derived: false },
    { predicate: 'located_in', direction: 'out', other: other('c'), derived: true },
    { predicate: 'era', direction: 'out', other: other('dyn-tang'), derived: true },
  ];
  const groups = groupRelations(rels);
  assert.deepEqual(groups.map((g) => [g.predicate, g.direction, g.rows.map((r) => r.other.id)]),
                   [['located_in', 'out', ['a', 'c']], ['tenant_of', 'in', ['b']]]);
  assert.equal(groups[0].rows[0].source.cites.url, 'http://x', 'the cited fact wins over the derived one');
});

test('hash: the rail journey query j=from|to|date|depart round-trips', () => {
  const journey = { from: 'ZAF', to: '洛阳龙门', date: '', depart: '12:00' };
  const hash = formatHash({ view: kDefaultView, journey, lang: 'en' });
  assert.equal(hash, `#map=9.00/34.62000/112.45000&j=ZAF|${encodeURIComponent('洛阳龙门')}||12:00&lang=en`);
  assert.deepEqual(parseHash(hash).journey, journey);
  assert.deepEqual(parseHash('#j=a|b|2021-06-01|08:30').journey, { from: 'a', to: 'b', date: '2021-06-01', depart: '08:30' });
  // Names with the separators of the fragment survive; a `|` in a name becomes a space.
  const odd = { from: 'a&b=c%', to: 'x|y', date: '', depart: '' };
  assert.deepEqual(parseHash(`#j=${formatJourney(odd)}&e=q`), { view: null, entity: 'q', time: null, hidden: [],
    journey: { from: 'a&b=c%', to: 'x y', date: '', depart: '' }, itinerary: null, lang: null });
  for (const bad of ['a|b|c', '|b||', 'a|||', 'a|b|2021-6-1|', 'a|b||25:00', 'a|b||8:00', 'a|b|||x']) {
    assert.equal(parseJourney(bad), null, bad);
  }
  assert.equal(parseHash('#j=%E0%A4%A|b||').journey, null);
});

test('journey: durations, clock times across midnight, map features', () => {
  assert.equal(formatDuration(36, 'zh'), '36分钟');
  assert.equal(formatDuration(36, 'en'), '36 min');
  assert.equal(formatDuration(533, 'zh'), '8小时53分钟');
  assert.equal(formatDuration(533, 'en'), '8 h 53 min');
  assert.equal(formatDuration(120, 'en'), '2 h');
  assert.equal(formatDuration(120, 'zh'), '2小时');
  assert.equal(formatDuration(0, 'en'), '0 min');
  assert.equal(formatDuration(NaN, 'en'), '');
  assert.equal(formatDuration(-5, 'zh'), '');
  assert.equal(minutesBetween('2021-01-01T20:10', '2021-01-02T05:03'), 533);
  assert.ok(Number.isNaN(minutesBetween('x', '2021-01-02T05:03')));
  assert.deepEqual(clockOf('2021-01-02T05:03', '2021-01-01'), { time: '05:03', days: 1 });
  assert.deepEqual(clockOf('2021-01-01T12:11', '2021-01-01'), { time: '12:11', days: 0 });
  assert.deepEqual(clockOf('2021-01-01T12:11', undefined), { time: '12:11', days: 0 });
  const stop = (id, lon, lat) => ({ id, name: id, lon, lat });
  const fc = journeyFeatures({ legs: [
    { train: 'G1', from_stop: stop('A', 113, 34), to_stop: stop('B', 112, 34) },
    { train: null, from_stop: stop('B', 112, 34), to_stop: stop('C', 112.1, 34.1) },
    { train: 'G2', from_stop: stop('C', 112.1, 34.1), to_stop: { id: 'D', name: 'D' } }, // D unlocated
  ] });
  const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
  assert.deepEqual(lines.map((f) => [f.properties.train, f.properties.walk]), [['G1', false], ['', true]]);
  assert.deepEqual(lines[0].geometry.coordinates, [[113, 34], [112, 34]]);
  // With a path (the train's calls), the line follows it; a malformed path falls back to the stations.
  const via = journeyFeatures({ legs: [
    { train: 'G3', from_stop: stop('A', 113, 34), to_stop: stop('B', 112, 34), path: [[113, 34], [112.5, 34.3], [112, 34]] },
    { train: 'G4', from_stop: stop('B', 112, 34), to_stop: stop('C', 112.1, 34.1), path: [[112, 34], ['x', 1]] },
  ] }).features.filter((f) => f.geometry.type === 'LineString');
  assert.deepEqual(via.map((f) => f.geometry.coordinates), [[[113, 34], [112.5, 34.3], [112, 34]], [[112, 34], [112.1, 34.1]]]);
  assert.deepEqual(bboxOf({ features: via }), [112, 34, 113, 34.3], 'the bbox takes in the path');
  assert.equal(bboxOf({ features: [] }), null);
  assert.deepEqual(fc.features.filter((f) => f.geometry.type === 'Point').map((f) => f.properties.id), ['A', 'B', 'C']);
  assert.deepEqual(journeyFeatures(null).features, []);
});

test('hash: the itinerary request it=… round-trips', () => {
  const theme = { start: '洛阳龙门', theme: 'ancient_capitals', places: [], min_stay_hours: 24, date: '', depart: '',
                  return_to_start: true, travel_hours: { from: '07:00', to: '23:00' } };
  const hash = formatHash({ view: kDefaultView, itinerary: theme });
  assert.equal(hash, `#map=9.00/34.62000/112.45000&it=${encodeURIComponent('洛阳龙门')}|ancient_capitals||24|||1|07:00-23:00`);
  assert.deepEqual(parseHash(hash).itinerary, theme);
  // Chosen places with their own stays, defaults left empty, one way, any hour; separators in names become spaces.
  const own = { start: 'LLF', theme: '', places: [{ place: '西安', stay_hours: 48 }, { place: 'city:北京', stay_hours: null },
                                                  { place: 'a|b,c~d&e=%', stay_hours: 1.5 }],
                min_stay_hours: null, date: '2021-03-01', depart: '09:00', return_to_start: false, travel_hours: null };
  const parsed = parseHash(`#${formatHash({ itinerary: own, lang: 'en' }).slice(1)}&e=x`);
  assert.deepEqual(parsed.itinerary, { ...own, places: [own.places[0], own.places[1], { place: 'a b c d&e=%', stay_hours: 1.5 }] });
  assert.equal(parsed.entity, 'x');
  assert.equal(parsed.lang, 'en');
  assert.deepEqual(parseItinerary(decodeURIComponent(formatItinerary(parsed.itinerary))), parsed.itinerary);
  // Empty return and hours parts are the defaults.
  assert.deepEqual(parseItinerary('s|t||||||'), { start: 's', theme: 't', places: [], min_stay_hours: null, date: '',
                                                 depart: '', return_to_start: true, travel_hours: { from: '07:00', to: '23:00' } });
  for (const bad of ['s|t|', '|t||||||', 's|||||||', 's|t|x||||||', 's||x~y||||1|', 's||x~1~2||||1|', 's||x,,y||||1|',
                     's|t||-1||||', 's|t|||2021-1-1|||', 's|t||||7:00||', 's|t|||||2|', 's|t||||||07:00',
                     's|t||||||07:00-25:00', 's|t||||||a-b']) {
    assert.equal(parseItinerary(bad), null, bad);
  }
});

test('itinerary: the request as the POST body', () => {
  assert.deepEqual(requestBody({ start: '洛阳龙门', theme: 'ancient_capitals', places: [], min_stay_hours: 24, date: '',
                                 depart: '', return_to_start: true, travel_hours: { from: '07:00', to: '23:00' } }),
                   { start: '洛阳龙门', theme: 'ancient_capitals', min_stay_hours: 24, return_to_start: true,
                     travel_hours: { from: '07:00', to: '23:00' } });
  assert.deepEqual(requestBody({ start: 'LLF', theme: '', places: [{ place: '西安', stay_hours: 48 }, { place: 'XAY', stay_hours: null }],
                                 min_stay_hours: null, date: '2021-03-01', depart: '09:00', return_to_start: false, travel_hours: null }),
                   { start: 'LLF', places: [{ place: '西安', stay_hours: 48 }, 'XAY'], date: '2021-03-01', depart: '09:00',
                     return_to_start: false, travel_hours: null });
});

// An answer in the server's shape: 洛阳龙门 → 西安 (2 nights, a walk between stations on the way
// out), → 郑州 overnight train, → back.
const station = (id, name, lon, lat) => ({ id, name, lon, lat });
const LLF = station('LLF', '洛阳龙门', 112.45, 34.59);
const EAY = station('EAY', '西安北', 108.93, 34.38);
const XAY = station('XAY', '西安', 108.96, 34.28);
const ZAF = station('ZAF', '郑州东', 113.77, 34.76);
const train = (no, a, b, dep, arr, path) => ({ train: no, from: a.name, to: b.name, from_stop: a, to_stop: b,
                                               departure: dep, arrival: arr, path });
const kAnswer = {
  start: { id: 'LLF', kind: 'stop', name: '洛阳龙门' }, date: '2021-01-04', method: 'exact', feasible: true,
  departure: '2021-01-04T07:36', end: '2021-01-08T10:59',
  stops: [
    { place: { id: 'city:西安', name: '西安' }, station: EAY, arrival: '2021-01-04T09:06', departure: '2021-01-06T08:00',
      stay_hours: 24, sites: [{ id: 'nhs-1-156', name: '大明宫遗址', distance_m: 9564, lon: 108.96, lat: 34.29 }] },
    { place: { id: 'city:郑州', name: '郑州' }, station: ZAF, arrival: '2021-01-07T05:10', departure: '2021-01-08T10:23',
      stay_hours: 24, sites: [] },
  ],
  legs: [
    { from_place: { name: '洛阳龙门' }, to_place: { name: '西安' }, departure: '2021-01-04T07:36', arrival: '2021-01-04T09:06',
      transfers: 0, legs: [train('G2025', LLF, EAY, '2021-01-04T07:36', '2021-01-04T09:06', [[112.45, 34.59], [110.0, 34.5], [108.93, 34.38]])] },
    { from_place: { name: '西安' }, to_place: { name: '郑州' }, departure: '2021-01-06T08:00', arrival: '2021-01-07T05:10',
      transfers: 0, legs: [{ ...train(null, EAY, XAY, '2021-01-06T08:00', '2021-01-06T08:15'), train: null },
                           train('K1', XAY, ZAF, '2021-01-06T23:00', '2021-01-07T05:10')] },
    { from_place: { name: '郑州' }, to_place: { name: '洛阳龙门' }, departure: '2021-01-08T10:23', arrival: '2021-01-08T10:59',
      transfers: 0, legs: [train('G2207', ZAF, LLF, '2021-01-08T10:23', '2021-01-08T10:59')] },
  ],
  left_out: [{ place: '安阳', reason: 'no station of the timetable is in 安阳' }],
};

test('itinerary: the plan day by day', () => {
  const days = planDays(kAnswer);
  const shape = days.map((d) => [d.date, d.entries.map((e) => (e.type === 'leg' ? `leg${e.index}`
    : `stay${e.order}${e.arrives ? '>' : ''}${e.leaves ? '<' : ''}`))]);
  assert.deepEqual(shape, [
    ['2021-01-04', ['leg0', 'stay1>']],
    ['2021-01-05', ['stay1']],                // all day in 西安
    ['2021-01-06', ['stay1<', 'leg1']],       // the overnight train is listed on the day it leaves
    ['2021-01-07', ['stay2>']],
    ['2021-01-08', ['stay2<', 'leg2']],
  ]);
  // One way: the last stop has no departure, so it neither leaves nor runs on.
  const oneWay = { ...kAnswer, legs: kAnswer.legs.slice(0, 2),
                   stops: [kAnswer.stops[0], { ...kAnswer.stops[1], departure: null }] };
  assert.deepEqual(planDays(oneWay).at(-1).entries.map((e) => [e.type, e.arrives, e.leaves]), [['stay', true, false]]);
  assert.deepEqual(planDays(null), []);
  assert.deepEqual(planDays({ legs: [], stops: [] }), []);
});

test('itinerary: the trip on the map — lines along the paths, stops in visiting order', () => {
  const fc = itineraryFeatures(kAnswer);
  const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
  assert.deepEqual(lines.map((f) => [f.properties.part, f.properties.train, f.properties.walk]),
                   [[0, 'G2025', false], [1, '', true], [1, 'K1', false], [2, 'G2207', false]]);
  assert.deepEqual(lines[0].geometry.coordinates, [[112.45, 34.59], [110.0, 34.5], [108.93, 34.38]]);
  assert.deepEqual(lines[2].geometry.coordinates, [[108.96, 34.28], [113.77, 34.76]], 'no path: straight');
  assert.deepEqual(fc.features.filter((f) => f.geometry.type === 'Point').map((f) => [f.properties.order, f.properties.id]),
                   [[0, 'LLF'], [1, 'EAY'], [2, 'ZAF']]);
  assert.deepEqual(itineraryFeatures({ feasible: false, stops: [], legs: [] }).features, []);
});

test('itinerary: durations, distances, day labels, reasons and error fields', () => {
  assert.equal(formatLongDuration(10283, 'zh'), '7天3小时23分钟');
  assert.equal(formatLongDuration(10283, 'en'), '7 d 3 h 23 min');
  assert.equal(formatLongDuration(2880, 'en'), '2 d');
  assert.equal(formatLongDuration(2879.6, 'zh'), '2天');
  assert.equal(formatLongDuration(90, 'zh'), '1小时30分钟');
  assert.equal(formatLongDuration(-1, 'en'), '');
  assert.equal(formatDistance(850.4, 'zh'), '850米');
  assert.equal(formatDistance(2412, 'zh'), '2.4公里');
  assert.equal(formatDistance(2412, 'en'), '2.4 km');
  assert.equal(formatDistance(null, 'en'), '');
  assert.equal(dayLabel('2021-01-04', 1, 'zh'), '第1天 · 2021-01-04 周一');
  assert.equal(dayLabel('2021-01-10', 7, 'en'), 'Day 7 · Sun 2021-01-10');
  const answer = { start: { name: '洛阳龙门' }, travel_hours: { from: '07:00', to: '23:00' }, max_wait_days: 3,
                  return_to_start: true };
  const left = (code, place, reason = `the English text for ${code}`) => ({ code, place, reason });
  assert.equal(reasonText(left('no_station', '安阳'), answer, 'zh'), '时刻表中没有安阳的车站');
  assert.equal(reasonText(left('no_station', '安阳', 'no station of the timetable is in 安阳'), answer, 'en'),
               'no station of the timetable is in 安阳');
  assert.equal(reasonText(left('is_start', '洛阳'), answer, 'zh'), '行程从这里出发（洛阳龙门）');
  assert.equal(reasonText(left('unreachable', '拉萨'), answer, 'zh'),
               '时刻表中没有从洛阳龙门或行程中其他地点到拉萨的列车（乘车时段 07:00–23:00，最多等待 3 天）');
  assert.equal(reasonText(left('cannot_leave', '拉萨'), { ...answer, travel_hours: null }, 'zh'),
               '时刻表中没有从拉萨开往洛阳龙门或行程中其他地点的列车（最多等待 3 天）');
  assert.equal(reasonText({ code: 'start_isolated' }, { ...answer, travel_hours: { from: '07:00', to: '08:00' } }, 'zh'),
               '从洛阳龙门出发，时刻表中的列车到不了行程中的任何地点（乘车时段 07:00–08:00，最多等待 3 天）');
  assert.equal(reasonText({ code: 'no_connecting_order' }, { ...answer, travel_hours: null }, 'zh'),
               '时刻表中的列车无法把这些地点连成行程并返回洛阳龙门（最多等待 3 天）');
  assert.equal(reasonText({ code: 'something_new', reason: 'something new' }, answer, 'zh'), 'something new');
  assert.equal(fieldSlot('places[1]'), 'places[1]');
  assert.equal(fieldSlot('places[02].stay_hours'), 'places[2]');
  assert.equal(fieldSlot('travel_hours.to'), 'travel_hours');
  assert.equal(fieldSlot('theme'), 'theme');
  assert.equal(fieldSlot('body'), null);
  assert.equal(fieldSlot(null), null);
  // The field a problem blames: the server names it in `field`.
  assert.equal(problemField({ field: 'places[1]', detail: 'places[1]: no station or city "火星" in the timetable' }), 'places[1]');
  assert.equal(problemField({ detail: 'not valid JSON' }), null);
  assert.equal(problemField({ field: '', detail: 'x' }), null);
  assert.equal(problemField(null), null);
});
