// SPDX-License-Identifier: Apache-2.0
// Browser test of the web map: Debian's chromium (headless, driven by playwright-core) opens the
// map, searches 龙门石窟, opens its card, reloads the permalink, clicks a marker, switches to
// English and takes screenshots (tests/out/); then the server's vector tiles: the sources, the
// time filter on the tile requests and on what is drawn, the layer list's counts and toggles
// (kept in the permalink),
// a cluster click (real server only: the mock does not cluster) and the labels' language. Every request to a host other than this machine
// is aborted and fails the test: the map must work on an intranet with no internet.
//
//   npm run build && npm test                         # against tests/mock_server.mjs
//   ZHITU_URL=http://127.0.0.1:8080 npm test          # against a running zhitu server
//
// Env: ZHITU_URL (server to test; default: start the mock on web/dist), CHROMIUM (browser binary,
// default /usr/bin/chromium, see browser.mjs), ZHITU_EXPECT_ID (id of 龙门石窟, default nhs-1-37).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kTimeoutMs, launchBrowser, openPage as open, waitForCard, waitForMapIdle, settle } from './browser.mjs';
import { startMockServer } from './mock_server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const kOutDir = join(here, 'out');
const kExpectId = process.env.ZHITU_EXPECT_ID || 'nhs-1-37';
const kQuery = '龙门石窟';
const kLongmen = [112.471269, 34.559899]; // where the fixture puts it; ≈ 34.556 N, 112.471 E
const kHeritageRgb = [0xc2, 0x35, 0x2b]; // kindColour('heritage_site') in src/layers.js
const kBackgroundRgb = [0xdf, 0xe7, 0xec]; // kBackground in src/map.js and the style's background

let base;
let mock = null;
let browser;
let context;
let offHost;     // requests to any other host: aborted, and a failure
let pageErrors;  // uncaught exceptions and console errors in the page
let apiRequests; // URLs of every API request the page made

before(async () => {
  if (process.env.ZHITU_URL) {
    base = process.env.ZHITU_URL.replace(/\/+$/, '');
  } else {
    const dist = join(here, '..', 'dist', 'index.html');
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run "npm run build" first`);
    mock = await startMockServer({ port: 0 });
    base = mock.url;
  }
  await mkdir(kOutDir, { recursive: true });
  browser = await launchBrowser();
  ({ context, offHost, pageErrors, apiRequests } = browser);
});

after(async () => {
  await browser?.close();
  await mock?.close();
});

const openPage = (page, hash = '') => open(page, base, hash);
const watchErrors = (page) => browser.watchErrors(page);
const viewOf = (hash) => /map=([^&]+)/.exec(hash)?.[1];

// RGB pixels of a `size`×`size` screenshot centred on `lonLat`, decoded in the page.
async function pixelsAround(page, lonLat, size) {
  const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), lonLat);
  const png = await page.screenshot({
    clip: { x: Math.round(p.x - size / 2), y: Math.round(p.y - size / 2), width: size, height: size },
  });
  const rgba = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return Array.from(g.getImageData(0, 0, c.width, c.height).data);
  }, png.toString('base64'));
  const out = [];
  for (let i = 0; i < rgba.length; i += 4) out.push([rgba[i], rgba[i + 1], rgba[i + 2]]);
  return out;
}

// Sets the legend checkboxes so that exactly `visible` of `kinds` are shown, then waits until
// the map has re-rendered.
async function showKinds(page, kinds, visible) {
  await page.evaluate(({ kinds, visible }) => {
    const map = window.__zhitu.map;
    const idle = new Promise((resolve) => map.once('idle', resolve));
    for (const kind of kinds) {
      const box = document.querySelector(`#legend .legend-item[data-kind="${kind}"] input`);
      if (!box.disabled && box.checked !== visible.includes(kind)) box.click();
    }
    map.triggerRepaint();
    return idle;
  }, { kinds, visible });
}

const near = (a, b, tol = 24) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

test('web map: search, card, permalink, marker, language', { timeout: 180_000 }, async (t) => {
  const page = await context.newPage();
  watchErrors(page);
  let permalink;

  await t.test('opens on Luoyang with the layers and the legend', async () => {
    await openPage(page);
    assert.equal(viewOf(await page.evaluate(() => location.hash)), '9.00/34.62000/112.45000');
    const kinds = await page.$$eval('#legend .legend-item', (els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.includes('heritage_site'), `legend kinds: ${kinds}`);
    assert.ok(!kinds.some((k) => ['province', 'prefecture', 'county'].includes(k)));
    const label = await page.textContent('#legend .legend-item[data-kind="heritage_site"] .legend-label');
    assert.equal(label, '文物保护单位');
    assert.equal((await page.textContent('#lang-toggle')).trim(), 'EN');
    await waitForMapIdle(page);
    await page.screenshot({ path: join(kOutDir, 'map-start.png') });
  });

  await t.test('search finds 龙门石窟 and opens its card', async () => {
    await page.click('#search-input');
    await page.locator('#search-input').pressSequentially(kQuery, { delay: 40 });
    const first = page.locator('#search-results .search-result').first();
    await first.waitFor({ state: 'visible', timeout: kTimeoutMs });
    await page.waitForFunction((q) => {
      const r = document.querySelector('#search-results .search-result');
      return r && r.textContent.includes(q);
    }, kQuery, { timeout: kTimeoutMs });
    assert.equal(await first.getAttribute('data-id'), kExpectId);
    assert.match(await first.textContent(), /龙门石窟/);
    // The matched span is highlighted (here: the whole name).
    assert.equal((await first.locator('mark.sr-hit').textContent()).trim(), kQuery);
    await page.keyboard.press('ArrowDown');
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');

    await waitForCard(page, kExpectId);
    assert.equal(await page.isVisible('#card'), true);
    assert.equal((await page.textContent('#card-title')).trim(), '龙门石窟');
    const sources = await page.$$eval('#card-sources .card-source', (els) => els.map((e) => e.textContent));
    assert.ok(sources.length >= 1, 'the card lists at least one source');
    assert.ok(sources.every((s) => s.trim().length > 0));
    assert.equal(await page.isVisible('#search-results'), false);

    await waitForMapIdle(page);
    const hash = await page.evaluate(() => location.hash);
    assert.ok(hash.includes(`e=${encodeURIComponent(kExpectId)}`), hash);
    const [z, lat, lon] = viewOf(hash).split('/').map(Number);
    assert.ok(z >= 13.9, `zoomed in to the site: ${hash}`);
    assert.ok(Math.abs(lat - 34.556) < 0.05 && Math.abs(lon - 112.471) < 0.05, `near Longmen: ${hash}`);
    // The site is in view and not under the card.
    const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), kLongmen);
    const card = await page.locator('#card').boundingBox();
    assert.ok(p.x > 0 && p.x < card.x && p.y > 0 && p.y < 800, `Longmen at ${p.x},${p.y}`);
    permalink = hash;
  });

  // The mock answers by substring only; pinyin needs zhitu's own search engine.
  await t.test('pinyin initials autocomplete with the pinyin shown and the span marked',
               { skip: !process.env.ZHITU_URL && 'needs a real zhitu server (ZHITU_URL)' }, async () => {
    const requestsBefore = apiRequests.length;
    await page.fill('#search-input', '');
    await page.click('#search-input');
    await page.locator('#search-input').pressSequentially('lmsk', { delay: 40 });
    await page.waitForFunction(() => {
      const r = document.querySelector('#search-results .search-result .sr-pinyin');
      return r && r.textContent.length > 0;
    }, null, { timeout: kTimeoutMs });
    const first = page.locator('#search-results .search-result').first();
    assert.equal(await first.getAttribute('data-id'), kExpectId);
    assert.equal((await first.locator('.sr-pinyin').textContent()).trim(), 'long men shi ku');
    assert.equal((await first.locator('mark.sr-hit').textContent()).trim(), '龙门石窟');
    assert.ok(apiRequests.slice(requestsBefore).some((u) => u.startsWith('/api/suggest?')),
              'typing asks /api/suggest');
    await page.keyboard.press('Escape');
  });

  await t.test('the permalink restores view and card after a reload', async () => {
    await page.goto('about:blank');
    await openPage(page, permalink);
    await waitForCard(page, kExpectId);
    assert.equal((await page.textContent('#card-title')).trim(), '龙门石窟');
    await waitForMapIdle(page);
    const hash = await page.evaluate(() => location.hash);
    assert.equal(viewOf(hash), viewOf(permalink));
    assert.ok(hash.includes(`e=${encodeURIComponent(kExpectId)}`));

    // The map really draws (WebGL): with only heritage sites shown (legend toggles), the site's
    // marker is there in the heritage colour, and gone when that kind is switched off too;
    // around it an admin-area fill is drawn rather than the bare background.
    const kinds = await page.$$eval('#legend .legend-item', (els) => els.map((e) => e.dataset.kind));
    await showKinds(page, kinds, ['heritage_site']);
    const red = (await pixelsAround(page, kLongmen, 10)).filter((p) => near(p, kHeritageRgb, 40));
    assert.ok(red.length >= 10, `heritage marker pixels at Longmen: ${red.length}/100`);
    await showKinds(page, kinds, []);
    const gone = (await pixelsAround(page, kLongmen, 10)).filter((p) => near(p, kHeritageRgb, 40));
    assert.equal(gone.length, 0, 'no heritage marker once the layer is switched off');
    await showKinds(page, kinds, kinds);
    const wide = await pixelsAround(page, [kLongmen[0] + 0.01, kLongmen[1] + 0.01], 40);
    const bare = wide.filter((p) => near(p, kBackgroundRgb, 3)).length;
    assert.ok(bare < wide.length / 2, `basemap fill drawn: ${bare}/${wide.length} background pixels`);
    await page.screenshot({ path: join(kOutDir, 'map.png') });
  });

  await t.test('closing the card and clicking a marker opens its card', async () => {
    await page.click('#card .card-close');
    await page.waitForSelector('#card', { state: 'hidden' });
    assert.ok(!(await page.evaluate(() => location.hash)).includes('e='));
    const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), kLongmen);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.hover-popup', { timeout: kTimeoutMs });
    await page.mouse.click(p.x, p.y);
    await page.waitForSelector('#card[data-state="ready"]', { timeout: kTimeoutMs });
    const id = await page.getAttribute('#card', 'data-id');
    assert.ok(id, 'a card opened');
    if (!process.env.ZHITU_URL) assert.equal(id, kExpectId);
    assert.ok((await page.evaluate(() => location.hash)).includes(`e=${encodeURIComponent(id)}`));
    if (id !== kExpectId) {
      await page.evaluate((h) => { location.hash = h; }, permalink);
      await waitForCard(page, kExpectId);
    }
  });

  await t.test('the English switch changes the UI text and is remembered', async () => {
    const entity = await page.evaluate(async (id) => {
      const res = await fetch(`api/entities/${encodeURIComponent(id)}`);
      return res.json();
    }, kExpectId);
    await page.click('#lang-toggle');
    assert.equal((await page.textContent('#lang-toggle')).trim(), '中文');
    assert.match(await page.getAttribute('#search-input', 'placeholder'), /^Search/);
    assert.equal((await page.textContent('#legend .legend-title')).trim(), 'Layers');
    assert.equal(await page.textContent('#legend .legend-item[data-kind="heritage_site"] .legend-label'),
                 'Heritage sites');
    assert.equal((await page.textContent('#card-title')).trim(), entity.names.en || entity.names.zh);
    assert.match(await page.textContent('#card'), /Sources/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('zhitu.lang')), 'en');
    assert.match(await page.evaluate(() => location.hash), /&lang=en/);
    await page.screenshot({ path: join(kOutDir, 'map-en.png') });

    // A fresh load (no lang in the URL) keeps English from localStorage.
    await page.goto('about:blank');
    await openPage(page, `#e=${encodeURIComponent(kExpectId)}`);
    await waitForCard(page, kExpectId);
    assert.equal((await page.textContent('#lang-toggle')).trim(), '中文');
    await page.click('#lang-toggle');
    assert.equal((await page.textContent('#lang-toggle')).trim(), 'EN');
    assert.equal((await page.textContent('#card-title')).trim(), '龙门石窟');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /lang=/);
  });

  await t.test('content comes from vector tiles, not whole kinds as GeoJSON', () => {
    assert.ok(!apiRequests.some((u) => /^\/api\/features\?/.test(u) && /kind=(heritage_site|county|province)/.test(u)
                                     && !/limit=1(&|$)/.test(u)),
              'no kind is loaded whole (only counted, limit=1)');
  });

  await t.test('no request left this machine and the page logged no errors', () => {
    assert.deepEqual(offHost, []);
    assert.deepEqual(pageErrors, []);
  });
  await page.close();
});

// Rendered features of the content kinds (their circles), as {id, kind, start, end, cluster}.
function renderedContent(page) {
  return page.evaluate(() => {
    const map = window.__zhitu.map;
    const layers = map.getStyle().layers.filter((l) => l.source === 'entities' && l.type === 'circle').map((l) => l.id);
    return map.queryRenderedFeatures({ layers }).map((f) => ({
      id: f.properties.id, kind: f.properties.kind, start: f.properties.start ?? null, end: f.properties.end ?? null,
      cluster: f.properties.cluster === true }));
  });
}

test('vector tiles: sources, time filter, layer list, clusters, labels', { timeout: 180_000 }, async (t) => {
  const page = await context.newPage();
  watchErrors(page);
  const tileRequests = [];
  page.on('request', (req) => {
    if (req.url().includes('/tiles/entities/')) tileRequests.push(new URL(req.url()));
  });

  await t.test('the content sources are vector tiles from /tiles', async () => {
    await openPage(page, '#map=11.00/34.60000/112.45000');
    await settle(page);
    const sources = await page.evaluate(() => {
      const s = window.__zhitu.map.getStyle().sources;
      return Object.fromEntries(['basemap', 'entities'].map((id) => [id, { type: s[id]?.type, tiles: s[id]?.tiles }]));
    });
    for (const set of ['basemap', 'entities']) {
      assert.equal(sources[set].type, 'vector', set);
      assert.deepEqual(sources[set].tiles, [`${base}/tiles/${set}/{z}/{x}/{y}.mvt`]);
    }
    assert.ok(tileRequests.length > 0, 'entity tiles were fetched');
    const shown = await renderedContent(page);
    assert.ok(shown.some((f) => f.id === kExpectId), '龙门石窟 drawn from the tiles');
  });

  await t.test('a time span goes to the tiles as from/to; only features overlapping it are drawn', async () => {
    const before = (await renderedContent(page)).length;
    const requested = tileRequests.length;
    await page.evaluate(() => { location.hash = location.hash.replace(/(&t=[^&]*)?$/, '&t=690/705'); });
    await page.waitForFunction(() => document.querySelector('#timeline-span').textContent.includes('690'),
                               null, { timeout: kTimeoutMs });
    await settle(page);
    const filtered = tileRequests.slice(requested);
    assert.ok(filtered.length > 0, 'tiles refetched');
    for (const url of filtered) {
      assert.equal(url.searchParams.get('from'), '690', url.href);
      assert.equal(url.searchParams.get('to'), '705', url.href);
    }
    const shown = await renderedContent(page);
    assert.ok(shown.length > 0 && shown.length < before, `${shown.length} of ${before}`);
    for (const f of shown) {
      assert.ok((f.start !== null || f.end !== null) && (f.start ?? -Infinity) <= 705 && (f.end ?? Infinity) >= 690,
                `${f.id} ${f.start}–${f.end}`);
    }
    assert.ok(shown.some((f) => f.id === kExpectId), '龙门石窟 stays');
    // The legend counts what the filter leaves, as the API does.
    const api = await page.evaluate(async () => (await (await fetch(
      'api/features?kind=heritage_site&bbox=-180,-90,180,90&datetime=0690-01-01/0705-12-31&limit=1')).json()).numberMatched);
    await page.waitForFunction((n) => document.querySelector('#legend .legend-item[data-kind="heritage_site"] .legend-count')
      ?.textContent.startsWith(`${n.toLocaleString('zh-CN')} /`), api, { timeout: kTimeoutMs });

    await page.click('#timeline .tl-clear');
    await settle(page);
    assert.equal((await renderedContent(page)).length, before, 'everything again once cleared');
    assert.equal(tileRequests.at(-1).search, '', 'unfiltered tiles');
  });

  await t.test('the layer list counts each kind as /api/kinds and toggles it', async () => {
    const kinds = await page.evaluate(async () => (await (await fetch('api/kinds')).json()).kinds);
    const listed = await page.$$eval('#legend .legend-item', (els) => els.map((e) => ({
      kind: e.dataset.kind, count: e.querySelector('.legend-count').textContent })));
    const content = kinds.filter((k) => !['province', 'prefecture', 'county'].includes(k.kind));
    assert.deepEqual(listed.map((l) => l.kind).sort(), content.map((k) => k.kind).sort());
    for (const k of content) {
      assert.equal(listed.find((l) => l.kind === k.kind).count, k.count.toLocaleString('zh-CN'), k.kind);
    }
    const box = '#legend .legend-item[data-kind="heritage_site"] input';
    await page.click(box);
    await settle(page);
    const hidden = await renderedContent(page);
    assert.ok(!hidden.some((f) => f.kind === 'heritage_site'), 'no heritage site drawn once unticked');
    assert.ok(hidden.length > 0, 'the other kinds stay');

    // The permalink says which kinds are off, and a reload of it switches them off again.
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /[#&]hide=heritage_site(&|$)/);
    await page.goto('about:blank');
    await openPage(page, hash);
    await settle(page);
    assert.equal(await page.isChecked(box), false, 'unticked after the reload');
    assert.ok(!(await renderedContent(page)).some((f) => f.kind === 'heritage_site'), 'still not drawn');

    await page.click(box);
    await settle(page);
    assert.ok((await renderedContent(page)).some((f) => f.kind === 'heritage_site'));
    assert.doesNotMatch(await page.evaluate(() => location.hash), /hide=/);
  });

  await t.test('clicking a cluster zooms in', { skip: !process.env.ZHITU_URL && 'the mock does not cluster' }, async () => {
    await page.evaluate(() => window.__zhitu.map.jumpTo({ center: [112.45, 34.62], zoom: 6 }));
    await settle(page);
    const at = await page.evaluate(() => {
      const map = window.__zhitu.map;
      const layers = map.getStyle().layers.filter((l) => l.source === 'entities' && l.type === 'circle').map((l) => l.id);
      // The cluster nearest the centre (clear of the legend, the timeline and the controls) that
      // is the top-most feature where it is drawn (a click picks that one).
      const c = map.project(map.getCenter());
      const onTop = (p) => map.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers })[0]
        ?.properties.cluster === true;
      return map.queryRenderedFeatures({ layers }).filter((f) => f.properties.cluster)
        .map((f) => map.project(f.geometry.coordinates))
        .sort((a, b) => Math.hypot(a.x - c.x, a.y - c.y) - Math.hypot(b.x - c.x, b.y - c.y)).find(onTop);
    });
    assert.ok(at, 'a cluster at zoom 6');
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => window.__zhitu.map.getZoom() > 6.5, null, { timeout: kTimeoutMs });
    await settle(page);
    assert.ok(await page.evaluate(() => window.__zhitu.map.getZoom()) >= 7.9);
    assert.equal(await page.isVisible('#card'), false, 'a cluster opens no card');
  });

  await t.test('labels follow the UI language', async () => {
    const field = () => page.evaluate(() => window.__zhitu.map.getLayoutProperty('heritage_site-label', 'text-field'));
    assert.deepEqual((await field())[1], ['get', 'name'], 'Chinese names first');
    const view = await page.evaluate(() => location.hash.match(/map=[^&]+/)[0]);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__zhitu.map.getLayoutProperty('heritage_site-label', 'text-field')[1][1] === 'name_en',
                               null, { timeout: kTimeoutMs });
    assert.deepEqual((await field())[1], ['get', 'name_en'], 'English names first');
    assert.ok((await page.evaluate(() => location.hash)).includes(view), 'the view is kept');
    assert.ok(await page.evaluate(() => ['journey', 'itinerary', 'article', 'selection']
      .every((id) => window.__zhitu.map.getSource(id))), 'the overlays are kept');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__zhitu.map.getLayoutProperty('heritage_site-label', 'text-field')[1][1] === 'name',
                               null, { timeout: kTimeoutMs });
  });

  await t.test('no request left this machine and the page logged no errors', () => {
    assert.deepEqual(offHost, []);
    assert.deepEqual(pageErrors, []);
  });
  await page.close();
});
