// SPDX-License-Identifier: Apache-2.0
// Browser tests of the itinerary builder against a real zhitu server with the bundled timetable
// and themes: 洛阳龙门 + 八大古都 (the theme's places, 安阳 greyed; the plan day by day with every
// stop, train and the heritage near each station; 安阳 left out with its reason; the trip drawn
// along the trains' paths with numbered stops; the permalink's `it=` surviving a reload; print
// media showing the plan alone; English labels), and bad requests (the server's problem detail
// next to the place and the field it names). Screenshots: tests/out/itinerary.png, itinerary-print.png.
//
//   ZHITU_URL=http://127.0.0.1:8080 node --test tests/itinerary.test.mjs   # or scripts/run_web_tests.sh
//
// Needs a real server (the mock has no timetable): without ZHITU_URL the tests are skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseHash } from '../src/hash.js';
import { kOutDir, kTimeoutMs, useBrowser, openPage, waitForCard, settle } from './browser.mjs';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const skip = base ? false : 'needs a real zhitu server: set ZHITU_URL';
const kLuoyangView = '#map=9.00/34.62000/112.45000';
const kViewport = { width: 1280, height: 800 };
// What the builder sends for 洛阳龙门 + 八大古都 with the form's defaults, and the permalink of it.
const kBody = { start: '洛阳龙门', theme: 'ancient_capitals', min_stay_hours: 24, return_to_start: true,
                travel_hours: { from: '07:00', to: '23:00' } };
const kRequest = { start: '洛阳龙门', theme: 'ancient_capitals', places: [], min_stay_hours: 24, date: '', depart: '',
                   return_to_start: true, travel_hours: { from: '07:00', to: '23:00' } };

const browser = useBrowser(skip);

async function post(body) {
  const res = await fetch(`${base}/api/itineraries`, { method: 'POST', body: JSON.stringify(body),
                                                       headers: { 'Content-Type': 'application/json' } });
  return { status: res.status, body: await res.json() };
}

const renderedLine = (page) => page.evaluate(
  () => window.__zhitu.map.queryRenderedFeatures({ layers: ['itinerary-line'] }).length);

const tripSource = (page) => page.evaluate(() => window.__zhitu.map.getSource('itinerary').getData());

// The stops the plan lists where it arrives at them: order, place and the text of the entry.
const shownStops = (page) => page.$$eval('#itinerary-panel .itinerary-stay[data-arrival]', (els) => els.map((e) => ({
  order: Number(e.dataset.order), place: e.dataset.place, text: e.textContent,
})));

const waitForPlan = (page) => page.waitForSelector('#itinerary-panel .itinerary-plan[data-state="ready"]',
                                                   { timeout: kTimeoutMs });

// The point [lon, lat] lies on the part of the map the panel leaves free.
async function inFreeMap(page, [lon, lat]) {
  const panel = await page.locator('#itinerary-panel').boundingBox();
  const mapBox = await page.locator('#map').boundingBox();
  const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), [lon, lat]);
  return p.x > panel.x + panel.width && p.x < mapBox.x + mapBox.width && p.y > 0 && p.y < mapBox.y + mapBox.height;
}

test('itineraries: 洛阳龙门 + 八大古都 planned, listed by day, drawn, permalink, print', { skip, timeout: 240_000 }, async (t) => {
  const page = await browser.context.newPage();
  browser.watchErrors(page);
  const { status, body: api } = await post(kBody);
  assert.equal(status, 200, JSON.stringify(api));
  assert.ok(api.feasible && api.stops.length >= 5, `the API plans at least 5 stops: ${api.stops?.length}`);
  const themes = await fetch(`${base}/api/itineraries/themes`).then((r) => r.json());
  const theme = themes.themes.find((th) => th.id === 'ancient_capitals');
  assert.ok(theme, 'the bundled themes have ancient_capitals');
  const anyang = api.left_out.find((l) => l.place === '安阳');
  assert.ok(anyang?.reason, 'the API leaves 安阳 out with a reason');

  await t.test('the builder: start typed, the theme\'s places with the missing one greyed and their source', async () => {
    await openPage(page, base, kLuoyangView);
    await page.click('#itinerary-toggle');
    assert.equal(await page.getAttribute('#itinerary-toggle', 'aria-pressed'), 'true');
    assert.equal((await page.textContent('#itinerary-title')).trim(), '行程规划');
    await page.waitForSelector('#itinerary-theme option[value="ancient_capitals"]', { state: 'attached', timeout: kTimeoutMs });
    assert.equal(await page.inputValue('#itinerary-stay'), '24', 'default stay');
    assert.equal(await page.isChecked('#itinerary-return'), true, 'a round trip by default');
    assert.equal(await page.inputValue('#itinerary-hours-from'), '07:00');
    assert.equal(await page.inputValue('#itinerary-hours-to'), '23:00');
    await page.fill('#itinerary-start', '洛阳龙门');
    await page.selectOption('#itinerary-theme', 'ancient_capitals');
    const places = await page.$$eval('#itinerary-panel .itinerary-theme-place', (els) => els.map((e) => ({
      place: e.dataset.place, in: e.dataset.inTimetable === 'true', off: e.classList.contains('itinerary-off'),
      source: e.querySelector('a.itinerary-source')?.href,
    })));
    assert.deepEqual(places.map((p) => [p.place, p.in, p.off]),
                     theme.places.map((p) => [p.place, p.in_timetable, !p.in_timetable]));
    assert.ok(places.find((p) => p.place === '安阳').off, '安阳 is greyed');
    assert.deepEqual(places.map((p) => p.source), theme.places.map((p) => p.source.url));
    await page.click('#itinerary-run');
    await waitForPlan(page);
  });

  await t.test('the plan lists every stop day by day, its trains, sites, total, method and 安阳 left out', async () => {
    const stops = await shownStops(page);
    assert.ok(stops.length >= 5, `${stops.length} stops`);
    assert.deepEqual(stops.map((s) => [s.order, s.place]), api.stops.map((s, i) => [i + 1, s.place.name]));
    for (const [i, s] of stops.entries()) {
      const stop = api.stops[i];
      assert.ok(s.text.includes(stop.place.name) && s.text.includes(stop.station.name), s.text);
      assert.ok(s.text.includes(`到达 ${stop.arrival.slice(11, 16)}`), `arrival of ${stop.place.name}: ${s.text}`);
      assert.ok(s.text.includes(`离开 ${stop.departure.slice(11, 16)}`), `departure of ${stop.place.name}: ${s.text}`);
      for (const site of stop.sites) assert.ok(s.text.includes(site.name), `${site.name} near ${stop.station.name}`);
    }
    const firstSite = api.stops[0].sites[0];
    const siteText = await page.textContent(`.itinerary-stay[data-order="1"] li:has(.itinerary-site[data-id="${firstSite.id}"])`);
    assert.match(siteText, new RegExp(`${firstSite.name} ${(firstSite.distance_m / 1000).toFixed(1)}公里`));
    const trains = await page.$$eval('#itinerary-panel .itinerary-leg .journey-train', (els) => els.map((e) => e.textContent));
    assert.deepEqual(trains, api.legs.flatMap((l) => l.legs.map((x) => x.train || '换站')));
    const days = await page.$$eval('#itinerary-panel .itinerary-day', (els) => els.map((e) => e.dataset.date));
    assert.equal(days[0], api.departure.slice(0, 10));
    assert.equal(days.at(-1), api.end.slice(0, 10));
    assert.deepEqual([...days].sort(), days, 'days in order');
    assert.match(await page.textContent('.itinerary-day h4'), /^第1天 · \d{4}-\d{2}-\d{2} 周[日一二三四五六]$/);
    // The first train is listed on the first day, before the first stop.
    const firstDay = await page.$$eval('.itinerary-day:first-child .itinerary-entries > li', (els) => els.map((e) => e.className));
    assert.deepEqual(firstDay.slice(0, 2), ['itinerary-leg', 'itinerary-stay']);
    assert.match(await page.textContent('.itinerary-summary'), /全程 \d+天/);
    assert.equal(await page.getAttribute('.itinerary-method', 'data-method'), api.method);
    assert.equal((await page.textContent('.itinerary-method')).trim(),
                 api.method === 'exact' ? '精确求解：没有更早结束的顺序' : '启发式求解：顺序较优，但不保证最早结束');
    const left = page.locator('.itinerary-left-out li[data-place="安阳"]');
    assert.equal(await left.getAttribute('title'), anyang.reason);
    assert.equal((await left.textContent()).trim(), '安阳 — 时刻表中没有安阳的车站');
  });

  await t.test('the trip is drawn along the trains\' paths with numbered stops, and the map fitted', async () => {
    await settle(page);
    const fc = await tripSource(page);
    const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
    assert.equal(lines.length, api.legs.reduce((n, l) => n + l.legs.length, 0), 'a line per train');
    const firstLeg = api.legs[0].legs[0];
    assert.ok(firstLeg.path.length >= 2);
    assert.deepEqual(lines[0].geometry.coordinates, firstLeg.path, 'along the path through the train\'s calls');
    assert.ok(await renderedLine(page) > 0, 'the trip is drawn');
    const markers = await page.$$eval('#map .itinerary-marker', (els) => els.map((e) => e.textContent));
    assert.deepEqual(markers, ['起', ...api.stops.map((_, i) => String(i + 1))]);
    for (const s of api.stops) assert.ok(await inFreeMap(page, [s.station.lon, s.station.lat]), `${s.station.name} in view`);
    await page.screenshot({ path: join(kOutDir, 'itinerary.png') });
  });

  await t.test('the request is the permalink and a reload restores the builder and the plan', async () => {
    const hash = await page.evaluate(() => location.hash);
    assert.deepEqual(parseHash(hash).itinerary, kRequest);
    await page.goto('about:blank');
    await openPage(page, base, hash);
    await waitForPlan(page);
    assert.equal(await page.getAttribute('#itinerary-toggle', 'aria-pressed'), 'true');
    assert.deepEqual((await shownStops(page)).map((s) => s.place), api.stops.map((s) => s.place.name));
    assert.equal(await page.inputValue('#itinerary-start'), '洛阳龙门');
    assert.equal(await page.isChecked('#itinerary-mode-theme'), true);
    await page.waitForSelector('#itinerary-theme option[value="ancient_capitals"]', { state: 'attached', timeout: kTimeoutMs });
    assert.equal(await page.inputValue('#itinerary-theme'), 'ancient_capitals');
    assert.equal(await page.inputValue('#itinerary-stay'), '24');
    await settle(page);
    assert.ok(await renderedLine(page) > 0, 'drawn again');
    assert.deepEqual(parseHash(await page.evaluate(() => location.hash)).itinerary, kRequest);
  });

  await t.test('printing shows the plan alone', async () => {
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#map', '#topbar', '#timeline', '.maplibregl-ctrl-zoom-in', '.itinerary-form', '#itinerary-print']) {
      assert.equal(await page.isVisible(sel), false, `${sel} is not printed`);
    }
    assert.equal(await page.isVisible('#itinerary-panel .itinerary-plan'), true);
    assert.equal(await page.isVisible('.itinerary-left-out'), true);
    const stops = page.locator('.itinerary-stay[data-arrival]');
    for (let i = 0; i < await stops.count(); ++i) assert.ok(await stops.nth(i).isVisible());
    // The plan flows over pages (not clipped to the panel's height) and fills the page's width.
    const box = await page.locator('#itinerary-panel').boundingBox();
    assert.ok(box.height > kViewport.height, `the plan is ${box.height}px high`);
    assert.ok(box.width > kViewport.width * 0.9, `the plan is ${box.width}px wide`);
    await page.screenshot({ path: join(kOutDir, 'itinerary-print.png') });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length >= 2, 'prints on several A4 pages');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.isVisible('#map'), true);
    assert.equal(await page.isVisible('.itinerary-form'), true);
  });

  await t.test('a station flies the map there; a site opens its card', async () => {
    const station = api.stops[1].station;
    await page.click(`.itinerary-stay[data-order="2"][data-arrival] .itinerary-station[data-id="${station.id}"]`);
    await settle(page);
    assert.ok(await page.evaluate(() => window.__zhitu.map.getZoom()) >= 14);
    assert.ok(await inFreeMap(page, [station.lon, station.lat]), `${station.name} in view`);
    const site = api.stops[0].sites[0];
    await page.click(`.itinerary-site[data-id="${site.id}"]`);
    await waitForCard(page, site.id);
    assert.equal((await page.textContent('#card-title')).trim(), site.name);
    await page.click('#card .card-close');
  });

  await t.test('labels follow the language', async () => {
    await page.click('#lang-toggle');
    assert.equal((await page.textContent('#itinerary-title')).trim(), 'Trip planner');
    assert.equal((await page.textContent('#itinerary-toggle')).trim(), 'Trip planner');
    assert.match(await page.textContent('.itinerary-day h4'), /^Day 1 · (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{4}-\d{2}-\d{2}$/);
    assert.equal((await page.textContent('.itinerary-method')).trim(),
                 api.method === 'exact' ? 'exact: no order ends earlier' : 'heuristic: a good order, not proven the earliest');
    assert.equal((await page.textContent('.itinerary-left-out li[data-place="安阳"]')).trim(), `Anyang — ${anyang.reason}`);
    const names = (await shownStops(page)).map((s) => s.text);
    const en = new Map(theme.places.map((p) => [p.place, p.name_en]));
    api.stops.forEach((s, i) => assert.ok(names[i].includes(en.get(s.place.name)), names[i]));
    assert.match(await page.textContent('.itinerary-summary'), /In all \d+ d/);
    await page.click('#lang-toggle');
  });

  await t.test('bad requests: the server\'s problem detail next to the place and the field it names', async () => {
    await page.click('#itinerary-mode-places');
    // A station from the autocomplete goes as its telecode; a place typed goes as typed.
    await page.click('#itinerary-place');
    await page.locator('#itinerary-place').pressSequentially('西安', { delay: 30 });
    const option = page.locator('#itinerary-place-results .search-result[data-id="rail-XAY"]');
    await option.waitFor({ state: 'visible', timeout: kTimeoutMs });
    await option.click();
    await page.fill('#itinerary-place', '火星');
    await page.click('#itinerary-place-add');
    const chips = await page.$$eval('.itinerary-chip', (els) => els.map((e) => [e.dataset.place, e.querySelector('.itinerary-chip-name').textContent]));
    assert.deepEqual(chips, [['XAY', '西安'], ['火星', '火星']]);
    const bad = await post({ ...kBody, theme: undefined, places: ['XAY', '火星'] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /^places\[1\]: /);
    await page.click('#itinerary-run');
    const chipError = page.locator('.itinerary-chip[data-index="1"] .itinerary-field-error');
    await chipError.waitFor({ state: 'visible', timeout: kTimeoutMs });
    assert.equal((await chipError.textContent()).trim(), bad.body.detail.slice('places[1]: '.length));
    assert.equal(await page.isVisible('.itinerary-error'), false, 'no second copy under the form');
    assert.equal(await page.getAttribute('.itinerary-plan', 'data-state'), 'error');
    assert.equal(await page.$$eval('.itinerary-stay', (els) => els.length), 0, 'the old plan is gone');
    await settle(page);
    assert.equal(await renderedLine(page), 0, 'the old trip is gone');
    assert.equal(await page.$$eval('#map .itinerary-marker', (els) => els.length), 0);
    assert.deepEqual(parseHash(await page.evaluate(() => location.hash)).itinerary.places,
                     [{ place: 'XAY', stay_hours: null }, { place: '火星', stay_hours: null }]);

    // Travel hours that end before they start: the error sits under the travel hours.
    await page.click('.itinerary-chip[data-index="1"] .itinerary-chip-remove');
    await page.fill('#itinerary-hours-to', '06:00');
    const hours = await post({ ...kBody, theme: undefined, places: ['XAY'], travel_hours: { from: '07:00', to: '06:00' } });
    assert.match(hours.body.detail, /^travel_hours\.to: /);
    await page.click('#itinerary-run');
    const hoursError = page.locator('.itinerary-field-error[data-slot="travel_hours"]');
    await hoursError.waitFor({ state: 'visible', timeout: kTimeoutMs });
    assert.equal((await hoursError.textContent()).trim(), hours.body.detail.slice('travel_hours.to: '.length));
    assert.equal(await page.getAttribute('#itinerary-hours-from', 'aria-invalid'), 'true');

    // Nothing asked of the server without a start.
    await page.fill('#itinerary-start', '');
    await page.click('#itinerary-run');
    assert.equal((await page.textContent('.itinerary-field-error[data-slot="start"]')).trim(), '请填写出发地');
  });

  await t.test('closing clears the trip and it=; nothing left this machine; only the refused requests logged errors', async () => {
    await page.click('#itinerary-panel .panel-close');
    assert.equal(await page.isVisible('#itinerary-panel'), false);
    assert.equal(parseHash(await page.evaluate(() => location.hash)).itinerary, null);
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors.filter((e) => !e.includes('status of 400')), []);
  });
  await page.close();
});
