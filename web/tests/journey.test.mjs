// SPDX-License-Identifier: Apache-2.0
// Browser tests of the rail journey panel against a real zhitu server with the bundled timetable:
// 郑州东 → 洛阳龙门 from 12:00 (station autocomplete, the same first train as the API, arrival,
// the line on the map, the permalink's `j=` surviving a reload, English labels) and an unknown
// station (the server's problem detail in the panel). Screenshot: tests/out/journey.png.
//
//   ZHITU_URL=http://127.0.0.1:8080 node --test tests/journey.test.mjs   # or scripts/run_web_tests.sh
//
// Needs a real server (the mock has no timetable): without ZHITU_URL the tests are skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseHash } from '../src/hash.js';
import { kOutDir, kTimeoutMs, useBrowser, openPage, settle } from './browser.mjs';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const skip = base ? false : 'needs a real zhitu server: set ZHITU_URL';
const kLuoyangView = '#map=9.00/34.62000/112.45000';
const kQuery = `from=${encodeURIComponent('郑州东')}&to=${encodeURIComponent('洛阳龙门')}&depart=12:00`;

const browser = useBrowser(skip);

const renderedLine = (page) => page.evaluate(
  () => window.__zhitu.map.queryRenderedFeatures({ layers: ['journey-line'] }).length);

// The panel's journeys: the first leg's train, and the arrival clock "HH:MM" (no day mark).
const shownJourneys = (page) => page.$$eval('#journey-panel .journey', (els) => els.map((e) => ({
  train: e.querySelector('.journey-leg .journey-train')?.textContent,
  arrival: e.querySelector('.journey-times').textContent.split('→')[1].trim(),
  chosen: e.getAttribute('aria-pressed') === 'true',
})));

test('rail journeys: 郑州东 → 洛阳龙门 from 12:00, drawn, permalink, errors', { skip, timeout: 180_000 }, async (t) => {
  const page = await browser.context.newPage();
  browser.watchErrors(page);
  const res = await fetch(`${base}/api/journeys?${kQuery}`);
  assert.ok(res.ok, `/api/journeys: HTTP ${res.status}`);
  const api = await res.json();
  assert.ok(api.journeys.length >= 1, 'the API finds a journey');
  const first = api.journeys[0];
  let hash = '';

  await t.test('the panel lists the API\'s first train and arrives by its arrival', async () => {
    await openPage(page, base, kLuoyangView);
    await page.click('#journey-toggle');
    assert.equal(await page.getAttribute('#journey-toggle', 'aria-pressed'), 'true');
    assert.equal((await page.textContent('#journey-title')).trim(), '高铁行程');
    assert.equal(await page.inputValue('#journey-depart'), '08:00', 'default departure');
    assert.equal(await page.inputValue('#journey-date'), '', 'default date: the server picks');
    // From: a station picked from the autocomplete (stations only).
    await page.click('#journey-from');
    await page.locator('#journey-from').pressSequentially('郑州东', { delay: 30 });
    const option = page.locator('#journey-from-results .search-result[data-id="rail-ZAF"]');
    await option.waitFor({ state: 'visible', timeout: kTimeoutMs });
    const kinds = await page.$$eval('#journey-from-results .search-result', (els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.length && kinds.every((k) => k === 'station'), `kinds: ${kinds}`);
    await option.click();
    assert.equal(await page.inputValue('#journey-from'), '郑州东');
    // To: typed as text.
    await page.fill('#journey-to', '洛阳龙门');
    await page.fill('#journey-depart', '12:00');
    await page.click('#journey-run');
    await page.waitForSelector('#journey-panel .journey', { timeout: kTimeoutMs });
    const shown = await shownJourneys(page);
    assert.ok(shown.length >= 1);
    assert.equal(shown[0].train, first.legs[0].train);
    assert.ok(shown[0].arrival <= first.arrival.slice(11, 16), `${shown[0].arrival} by ${first.arrival}`);
    const text = await page.textContent('#journey-panel .journey');
    assert.ok(text.includes(first.legs[0].from) && text.includes(first.legs[0].to), text);
    assert.ok(text.includes('分钟'), text);
  });

  await t.test('clicking a journey draws it and fits the map', async () => {
    await page.click('#journey-panel .journey');
    assert.ok((await shownJourneys(page))[0].chosen);
    await settle(page);
    assert.ok(await renderedLine(page) > 0, 'the journey line is drawn');
    const panel = await page.locator('#journey-panel').boundingBox();
    const leg = first.legs[0];
    for (const s of [leg.from_stop, leg.to_stop]) {
      const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), [s.lon, s.lat]);
      assert.ok(p.x > panel.x + panel.width && p.x < 1280 && p.y > 0 && p.y < 800, `${s.name} at ${p.x},${p.y}`);
    }
    await page.screenshot({ path: join(kOutDir, 'journey.png') });
  });

  await t.test('the query is in the permalink and a reload restores it', async () => {
    hash = await page.evaluate(() => location.hash);
    assert.deepEqual(parseHash(hash).journey, { from: 'ZAF', to: '洛阳龙门', date: '', depart: '12:00' });
    await page.goto('about:blank');
    await openPage(page, base, hash);
    await page.waitForSelector('#journey-panel .journey', { timeout: kTimeoutMs });
    assert.equal(await page.getAttribute('#journey-toggle', 'aria-pressed'), 'true');
    assert.equal((await shownJourneys(page))[0].train, first.legs[0].train);
    assert.equal(await page.inputValue('#journey-from'), '郑州东', 'the telecode shows as its name');
    assert.equal(await page.inputValue('#journey-to'), '洛阳龙门');
    assert.equal(await page.inputValue('#journey-depart'), '12:00');
    await settle(page);
    assert.ok(await renderedLine(page) > 0, 'drawn again');
    assert.deepEqual(parseHash(await page.evaluate(() => location.hash)).journey, parseHash(hash).journey);
  });

  await t.test('labels follow the language', async () => {
    await page.click('#lang-toggle');
    assert.equal((await page.textContent('#journey-title')).trim(), 'Rail journeys');
    assert.equal((await page.textContent('#journey-toggle')).trim(), 'Rail journeys');
    assert.match(await page.textContent('#journey-panel .journey'), / min/);
    await page.click('#lang-toggle');
  });

  await t.test('an unknown station shows the server\'s problem detail', async () => {
    const problem = await fetch(`${base}/api/journeys?from=${encodeURIComponent('火星')}&to=${encodeURIComponent('洛阳龙门')}&depart=12:00`)
      .then((r) => r.json());
    assert.ok(problem.detail, 'the server explains');
    await page.fill('#journey-from', '火星');
    await page.click('#journey-run');
    await page.waitForSelector('#journey-panel .journey-error', { state: 'visible', timeout: kTimeoutMs });
    const error = await page.textContent('#journey-panel .journey-error');
    assert.ok(error.startsWith('查询失败：') && error.includes(problem.detail), error);
    assert.equal(await page.$$eval('#journey-panel .journey', (els) => els.length), 0);
    await settle(page);
    assert.equal(await renderedLine(page), 0, 'the old line is gone');
    await page.click('#journey-panel .panel-close');
    assert.equal(await page.isVisible('#journey-panel'), false);
    assert.equal(parseHash(await page.evaluate(() => location.hash)).journey, null, 'closing clears j=');
  });

  await t.test('no request left this machine; only the refused request logged an error', () => {
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors.filter((e) => !e.includes('status of 400')), []);
  });
  await page.close();
});
