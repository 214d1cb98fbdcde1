// SPDX-License-Identifier: Apache-2.0
// Browser tests of the atlas features against a real zhitu server with the bundled data: the
// relations graph of 龙门石窟 (nodes, labelled and dashed edges, hops, a click that moves the
// map, a path to a second entity), the dynasty timeline's time filter (武周 → the map, the
// legend, the permalink; the year slider; clearing), the card (position precision, dynasties,
// grouped relations, cited sources) and the article panel (POST /api/annotate: highlights,
// markers, fit, click, errors). Screenshots go to tests/out/ (graph.png, timeline.png, article.png).
//
//   ZHITU_URL=http://127.0.0.1:8080 node --test tests/atlas.test.mjs    # or scripts/run_web_tests.sh
//
// Needs a real server (the mock has no graph, path or annotate): without ZHITU_URL the tests are
// skipped, visibly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kOutDir, kTimeoutMs, useBrowser, openPage, waitForCard, waitForMapIdle, settle } from './browser.mjs';

const base = process.env.ZHITU_URL?.replace(/\/+$/, '');
const skip = base ? false : 'needs a real zhitu server: set ZHITU_URL';
const kLongmen = 'nhs-1-37';
const kLuoyangView = '#map=9.00/34.62000/112.45000';
const kHeritageRgb = 'rgb(194,53,43)'; // kindColour('heritage_site') in src/layers.js
const kLuoyangCapitals = ['dyn-xia', 'dyn-shang', 'dyn-western-zhou', 'dyn-eastern-zhou', 'dyn-eastern-han',
  'dyn-cao-wei', 'dyn-western-jin', 'dyn-northern-wei', 'dyn-sui', 'dyn-tang', 'dyn-wu-zhou',
  'dyn-later-liang', 'dyn-later-tang', 'dyn-later-jin'];

const browser = useBrowser(skip);

async function newPage() {
  const page = await browser.context.newPage();
  browser.watchErrors(page);
  return page;
}

async function getJson(path, init) {
  const res = await fetch(`${base}${path}`, init);
  assert.ok(res.ok, `${path}: HTTP ${res.status}`);
  return res.json();
}

// The map's rendered features of the given layers, as {id, start, end}.
function rendered(page, layers) {
  return page.evaluate((ls) => {
    const map = window.__zhitu.map;
    const present = ls.filter((l) => map.getLayer(l));
    return map.queryRenderedFeatures({ layers: present })
      .map((f) => ({ id: f.properties.id, start: f.properties.start ?? null, end: f.properties.end ?? null }));
  }, layers);
}

const graphState = (page) => page.evaluate(() => {
  const cy = window.__zhitu.graph.cy;
  return {
    nodes: cy.nodes().map((n) => ({ id: n.id(), hops: n.data('hops'), colour: n.style('background-color'),
                                    path: n.hasClass('path'), root: n.hasClass('root') })),
    edges: cy.edges().map((e) => ({ source: e.data('source'), target: e.data('target'),
                                    predicate: e.data('predicate'), label: e.data('label'),
                                    derived: e.data('derived'), line: e.style('line-style'),
                                    path: e.hasClass('path') })),
  };
});

const hashOf = (page) => page.evaluate(() => location.hash);

test('relations graph: 龙门石窟, hops, node click, path, language', { skip, timeout: 180_000 }, async (t) => {
  const page = await newPage();

  await t.test('opens from the card with the 1-hop neighbourhood, labelled and styled', async () => {
    const api = await getJson(`/api/entities/${kLongmen}/graph?hops=1`);
    await openPage(page, base, `${kLuoyangView}&e=${kLongmen}`);
    await waitForCard(page, kLongmen);
    assert.equal((await page.textContent('#card .card-graph')).trim(), '关系图谱');
    await page.click('#card .card-graph');
    await page.waitForSelector(`#graph-panel[data-id="${kLongmen}"][data-state="ready"]`, { timeout: kTimeoutMs });
    assert.equal((await page.textContent('#graph-panel .panel-subtitle')).trim(), '龙门石窟');
    const g = await graphState(page);
    assert.deepEqual(g.nodes.map((n) => n.id).sort(), api.nodes.map((n) => n.id).sort());
    assert.equal(g.edges.length, api.edges.length);
    assert.ok(g.nodes.length >= 5, `nodes: ${g.nodes.length}`);
    const root = g.nodes.find((n) => n.id === kLongmen);
    assert.ok(root.root && root.hops === 0);
    assert.equal(root.colour, kHeritageRgb, 'nodes are in their kind colour');
    const labels = { located_in: '位于', era: '朝代' };
    for (const e of g.edges) {
      if (labels[e.predicate]) assert.equal(e.label, labels[e.predicate], e.predicate);
      assert.ok(e.label.length > 0);
      assert.equal(e.line, e.derived ? 'dashed' : 'solid', `${e.source} ${e.predicate} ${e.target}`);
    }
    assert.ok(g.edges.some((e) => e.predicate === 'era' && e.target === 'dyn-tang'));
    assert.equal(await page.getAttribute('.graph-hops-button[data-hops="1"]', 'aria-checked'), 'true');
  });

  await t.test('2 hops reaches further, stated edges drawn solid', async () => {
    const api = await getJson(`/api/entities/${kLongmen}/graph?hops=2`);
    await page.click('.graph-hops-button[data-hops="2"]');
    await page.waitForFunction((n) => window.__zhitu.graph.cy.nodes().length === n
                               && document.querySelector('#graph-panel').dataset.state === 'ready',
                               api.nodes.length, { timeout: kTimeoutMs });
    const g = await graphState(page);
    assert.ok(g.nodes.some((n) => n.hops === 2), 'nodes two hops away');
    assert.equal(g.edges.length, api.edges.length);
    const stated = g.edges.filter((e) => !e.derived);
    assert.ok(stated.length > 0 && stated.every((e) => e.line === 'solid'));
    assert.equal(await page.getAttribute('.graph-hops-button[data-hops="2"]', 'aria-checked'), 'true');
    await page.screenshot({ path: join(kOutDir, 'graph.png') });
  });

  await t.test('clicking a node opens its card and moves the map there', async () => {
    const target = 'adm-410311'; // 洛龙区, where 龙门石窟 lies
    const node = await getJson(`/api/entities/${kLongmen}/graph?hops=1`)
      .then((g) => g.nodes.find((n) => n.id === target));
    assert.ok(node && Number.isFinite(node.lon), '洛龙区 is a located neighbour');
    await waitForMapIdle(page);
    const before = await page.evaluate(() => window.__zhitu.map.getCenter().toArray());
    const at = await page.evaluate((id) => {
      const cy = window.__zhitu.graph.cy;
      const p = cy.$id(id).renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, target);
    await page.mouse.click(at.x, at.y);
    await waitForCard(page, target);
    await waitForMapIdle(page);
    assert.match(await hashOf(page), new RegExp(`e=${target}`));
    const after = await page.evaluate(() => window.__zhitu.map.getCenter().toArray());
    assert.ok(Math.hypot(after[0] - before[0], after[1] - before[1]) > 0.01, `the map moved: ${before} → ${after}`);
    // The node's place is in view, between the graph panel and the card.
    const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), [node.lon, node.lat]);
    const panel = await page.locator('#graph-panel').boundingBox();
    const card = await page.locator('#card').boundingBox();
    assert.ok(p.x > panel.x + panel.width && p.x < card.x && p.y > 0 && p.y < card.y + card.height,
              `洛龙区 at ${p.x},${p.y}`);
  });

  await t.test('"how is it connected" finds and highlights the path, adding its nodes', async () => {
    const to = 'ly-national-usp';
    const api = await getJson(`/api/path?from=${kLongmen}&to=${to}`);
    assert.ok(api.found && api.steps.length >= 2);
    await page.click('.graph-hops-button[data-hops="1"]');
    await page.waitForSelector('#graph-panel[data-state="ready"]');
    const before = await graphState(page);
    assert.ok(!before.nodes.some((n) => n.id === to), 'not in the 1-hop view');
    await page.click('#graph-path-input');
    await page.locator('#graph-path-input').pressSequentially('洛阳国家大学科技园', { delay: 30 });
    const option = page.locator(`#graph-path-results .search-result[data-id="${to}"]`);
    await option.waitFor({ state: 'visible', timeout: kTimeoutMs });
    await option.click();
    await page.waitForSelector(`.graph-path-result .graph-path-node[data-id="${to}"]`, { timeout: kTimeoutMs });
    const chain = await page.$$eval('.graph-path-result .graph-path-node', (els) => els.map((e) => e.dataset.id));
    assert.deepEqual(chain, [kLongmen, ...api.steps.map((s) => s.node.id)]);
    assert.match(await page.textContent('.graph-path-result'), /位于/);
    const g = await graphState(page);
    const onPath = new Set(chain);
    assert.deepEqual(g.nodes.filter((n) => n.path).map((n) => n.id).sort(), [...onPath].sort());
    assert.equal(g.nodes.find((n) => n.id === to).hops, api.steps.length);
    for (const s of api.steps) {
      assert.ok(g.edges.some((e) => e.path && e.source === s.subject && e.target === s.object
                                    && e.predicate === s.predicate), `${s.subject} ${s.predicate} ${s.object}`);
    }
    await page.click('.graph-path-clear');
    await page.waitForFunction((id) => !window.__zhitu.graph.cy.$id(id).length, to);
  });

  await t.test('edge labels follow the language', async () => {
    await page.click('#lang-toggle');
    const g = await graphState(page);
    assert.ok(g.edges.filter((e) => e.predicate === 'located_in').every((e) => e.label === 'located in'));
    assert.equal((await page.textContent('#graph-title')).trim(), 'Relations graph');
    await page.click('#lang-toggle');
    await page.click('#graph-panel .panel-close');
    assert.equal(await page.isVisible('#graph-panel'), false);
  });

  await t.test('no request left this machine and the page logged no errors', () => {
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors, []);
  });
  await page.close();
});

test('dynasty timeline: 武周 filters every layer, the legend and the permalink', { skip, timeout: 180_000 }, async (t) => {
  const page = await newPage();
  const kinds = (await getJson('/api/kinds')).kinds.map((k) => k.kind)
    .filter((k) => !['province', 'prefecture', 'county'].includes(k));
  const circles = kinds.map((k) => `${k}-circle`);

  await t.test('the bars: dynasties, Luoyang capitals marked', async () => {
    await openPage(page, base, kLuoyangView);
    await page.waitForSelector('#timeline .tl-bar[data-id="dyn-wu-zhou"]', { timeout: kTimeoutMs });
    const bars = await page.$$eval('#timeline .tl-bar', (els) => els.map((e) => ({
      id: e.dataset.id, luoyang: e.classList.contains('tl-luoyang'), text: e.textContent })));
    const dynasties = (await getJson('/api/features?kind=dynasty&limit=1000')).features
      .filter((f) => f.properties.scope !== 'regional').map((f) => f.id);
    for (const id of dynasties) assert.ok(bars.some((b) => b.id === id), `bar for ${id}`);
    assert.ok(!bars.some((b) => b.id === 'dyn-bohai'), 'regional regimes are left out');
    for (const b of bars) assert.equal(b.luoyang, kLuoyangCapitals.includes(b.id), b.id);
    assert.equal(bars.find((b) => b.id === 'dyn-wu-zhou').text, '武周');
    assert.match(await page.textContent('#timeline-span'), /点击朝代/);
  });

  let unfiltered;
  await t.test('clicking 武周 sets the filter: only entities overlapping 690–705 are drawn', async () => {
    await settle(page);
    unfiltered = await rendered(page, circles);
    assert.ok(unfiltered.some((f) => f.start === null && f.end === null), 'undated features drawn at first');
    await page.click('#timeline .tl-bar[data-id="dyn-wu-zhou"]');
    await page.waitForFunction(() => location.hash.includes('t=690/705'), null, { timeout: kTimeoutMs });
    assert.equal((await page.textContent('#timeline-span')).trim(), '690年—705年 武周');
    assert.equal(await page.getAttribute('#timeline .tl-bar[data-id="dyn-wu-zhou"]', 'aria-pressed'), 'true');
    await settle(page);
    const shown = await rendered(page, circles);
    assert.ok(shown.length > 0 && shown.length < unfiltered.length, `${shown.length} of ${unfiltered.length}`);
    for (const f of shown) {
      assert.ok((f.start ?? -Infinity) <= 705 && (f.end ?? Infinity) >= 690 && (f.start !== null || f.end !== null),
                `${f.id} ${f.start}–${f.end}`);
    }
    assert.ok(shown.some((f) => f.id === kLongmen), '龙门石窟 (386–907) stays');
    // The legend says undated entries are hidden, and counts what is shown.
    assert.match(await page.textContent('#legend .legend-time'), /没有年代/);
    assert.match(await page.textContent('#legend .legend-item[data-kind="heritage_site"] .legend-count'),
                 /^[\d,]+ \/ [\d,]+$/);
    assert.match(await page.textContent('#legend .legend-item[data-kind="station"] .legend-count'), /^0 \//);
    await page.screenshot({ path: join(kOutDir, 'timeline.png') });
  });

  await t.test('the permalink restores the filter', async () => {
    const hash = await hashOf(page);
    await page.goto('about:blank');
    await openPage(page, base, hash);
    await page.waitForFunction(() => document.querySelector('#timeline-span').textContent.includes('武周'),
                               null, { timeout: kTimeoutMs });
    assert.equal(await page.getAttribute('#timeline .tl-bar[data-id="dyn-wu-zhou"]', 'aria-pressed'), 'true');
    await settle(page);
    const shown = await rendered(page, circles);
    assert.ok(shown.every((f) => (f.start ?? -Infinity) <= 705 && (f.end ?? Infinity) >= 690));
    assert.ok(shown.some((f) => f.id === kLongmen));
  });

  await t.test('the year slider: drag to 690, then a key for 691', async () => {
    // Where a year is on the ruler: between the 600年 and 700年 ticks the axis is linear.
    const x = (year) => page.evaluate((y) => {
      const ruler = document.querySelector('#timeline .tl-ruler');
      const tick = (label) => [...ruler.querySelectorAll('.tl-tick')].find((el) => el.textContent === label)
        .getBoundingClientRect().left;
      const [a, b] = [tick('600年'), tick('700年')];
      return { x: a + ((y - 600) * (b - a)) / 100, y: ruler.getBoundingClientRect().top + 8 };
    }, year);
    const from = await x(680);
    const to = await x(690);
    await page.mouse.move(from.x + 0.2, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x + 0.2, to.y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => /[&#]t=690(&|$)/.test(location.hash), null, { timeout: kTimeoutMs });
    assert.equal((await page.textContent('#timeline-span')).trim(), '690年 唐、武周');
    assert.equal(await page.getAttribute('#timeline .tl-ruler', 'aria-valuenow'), '690');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /[&#]t=691(&|$)/.test(location.hash), null, { timeout: kTimeoutMs });
    await settle(page);
    const shown = await rendered(page, circles);
    assert.ok(shown.every((f) => (f.start ?? -Infinity) <= 691 && (f.end ?? Infinity) >= 691));
    assert.ok(shown.some((f) => f.id === kLongmen));
  });

  await t.test('clearing shows everything again', async () => {
    await page.click('#timeline .tl-clear');
    await page.waitForFunction(() => !location.hash.includes('t='), null, { timeout: kTimeoutMs });
    assert.equal(await page.isVisible('#legend .legend-time'), false);
    assert.equal(await page.isVisible('#timeline .tl-clear'), false);
    await settle(page);
    assert.equal((await rendered(page, circles)).length, unfiltered.length);
  });

  await t.test('no request left this machine and the page logged no errors', () => {
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors, []);
  });
  await page.close();
});

test('card: position precision, dynasties, relations by predicate, cited sources', { skip, timeout: 120_000 }, async (t) => {
  const page = await newPage();

  await t.test('a district-precision atlas entity', async (tt) => {
    const res = await fetch(`${base}/api/entities/ly-national-usp`);
    if (res.status === 404) return tt.skip('ly-national-usp is not in this store');
    const entity = await res.json();
    assert.equal(entity.properties.position_precision, 'district');
    const relations = (await getJson('/api/entities/ly-national-usp/relations')).relations;
    await openPage(page, base, '#e=ly-national-usp');
    await waitForCard(page, 'ly-national-usp');
    const facts = await page.$$eval('#card .card-facts dt, #card .card-facts dd', (els) => els.map((e) => e.textContent));
    assert.equal(facts[facts.indexOf('位置精度') + 1], '区县');
    // On the map a district-only position is a hollow ring, and the legend says what rings mean.
    const opacity = await page.evaluate((kind) => window.__zhitu.map.getPaintProperty(`${kind}-circle`, 'circle-opacity'),
                                        entity.kind);
    assert.deepEqual(opacity, ['match', ['get', 'position_precision'], ['district', 'city'], 0.12, 1]);
    assert.equal((await page.textContent('#legend .legend-precision')).trim(), '空心圆：仅知所在区县或城市');
    // Relations grouped by predicate and direction; a stated located_in carries its citation.
    const groups = await page.$$eval('#card-relations .card-rel-group', (els) => els.map((g) => ({
      predicate: g.dataset.predicate, direction: g.dataset.direction,
      ids: [...g.querySelectorAll('.card-rel')].map((r) => r.dataset.id) })));
    const expected = new Set(relations.filter((r) => r.predicate !== 'era').map((r) => `${r.direction} ${r.predicate}`));
    assert.deepEqual(new Set(groups.map((g) => `${g.direction} ${g.predicate}`)), expected);
    const cited = relations.find((r) => r.predicate === 'located_in' && r.source?.cites?.url);
    const row = page.locator(`#card-relations .card-rel-group[data-predicate="located_in"][data-direction="out"] .card-rel[data-id="${cited.other.id}"]`);
    assert.equal(await row.locator('.card-rel-note a').getAttribute('href'), cited.source.cites.url);
    assert.equal(await row.locator('.card-rel-note a').getAttribute('title'), cited.source.cites.title);
    assert.match(await page.textContent('#card-relations .card-rel-group[data-direction="in"] h4'), /^← /);
    // The entity's own source links the reference it cites.
    const cites = entity.sources.find((s) => s.cites?.url).cites;
    assert.equal(await page.getAttribute('#card-sources .card-source-cites a', 'href'), cites.url);
    assert.equal((await page.textContent('#card-sources .card-source-cites a')).trim(), cites.title);
    // English.
    await page.click('#lang-toggle');
    const en = await page.$$eval('#card .card-facts dt, #card .card-facts dd', (els) => els.map((e) => e.textContent));
    assert.equal(en[en.indexOf('Position') + 1], 'district only');
    assert.match(await page.textContent('#card-relations'), /located in/);
    await page.click('#lang-toggle');
    // A relation is a link to the other entity.
    await row.locator('.card-rel-link').click();
    await waitForCard(page, cited.other.id);
  });

  await t.test('the dynasties a site overlaps, each a time filter', async () => {
    const eras = (await getJson(`/api/entities/${kLongmen}/relations?predicate=era`)).relations
      .filter((r) => r.direction === 'out').map((r) => r.other.name);
    await openPage(page, base, `#e=${kLongmen}`);
    await waitForCard(page, kLongmen);
    const chips = await page.$$eval('#card .card-era', (els) => els.map((e) => e.textContent));
    assert.deepEqual([...chips].sort(), [...eras].sort());
    assert.ok(chips.includes('北魏') && chips.includes('唐'));
    assert.ok(chips.indexOf('北魏') < chips.indexOf('唐'), 'in time order');
    await page.click('#card .card-era[data-id="dyn-tang"]');
    await page.waitForFunction(() => location.hash.includes('t=618/907'), null, { timeout: kTimeoutMs });
    assert.equal((await page.textContent('#timeline-span')).trim(), '618年—907年 唐');
  });

  await t.test('no request left this machine and the page logged no errors', () => {
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors, []);
  });
  await page.close();
});

test('article to map: mentions highlighted, plotted, clickable; errors shown', { skip, timeout: 120_000 }, async (t) => {
  const page = await newPage();
  const text = '龙门石窟位于洛阳南郊。';
  let refused = null; // the status of the request the server refuses on purpose

  await t.test('two mentions highlighted in their kind colour and plotted, the map fitted', async () => {
    const api = await getJson('/api/annotate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                 body: JSON.stringify({ text }) });
    const ids = api.mentions.map((m) => m.entity_id);
    assert.ok(ids.includes(kLongmen) && api.mentions.length === 2, `mentions: ${ids}`);
    await openPage(page, base, kLuoyangView);
    await page.click('#article-toggle');
    assert.equal(await page.getAttribute('#article-toggle', 'aria-pressed'), 'true');
    await page.fill('#article-input', text);
    await page.click('#article-run');
    await page.waitForSelector('#article-panel .article-text mark.ann-mention', { timeout: kTimeoutMs });
    const marks = await page.$$eval('#article-panel mark.ann-mention', (els) => els.map((e) => ({
      id: e.dataset.id, text: e.textContent, title: e.title, border: getComputedStyle(e).borderBottomColor })));
    assert.deepEqual(marks.map((m) => m.id), ids);
    assert.deepEqual(marks.map((m) => m.text), api.mentions.map((m) => text.slice(m.start, m.end)));
    assert.equal(marks.map((m) => m.text).join('|'), '龙门石窟|洛阳');
    assert.ok(marks[0].title.endsWith(`置信度 ${api.mentions[0].confidence.toFixed(2)}`), marks[0].title);
    assert.equal(marks[0].border, kHeritageRgb.replaceAll(',', ', '));
    assert.equal(await page.textContent('#article-panel .article-text'), text, 'the text is intact');
    assert.match(await page.textContent('#article-panel .article-status'), /2/);
    // Both plotted, and in view right of the panel.
    await settle(page);
    const plotted = await rendered(page, ['article-circle']);
    assert.deepEqual(plotted.map((f) => f.id).sort(), [...ids].sort());
    const panel = await page.locator('#article-panel').boundingBox();
    for (const m of api.mentions) {
      const p = await page.evaluate((ll) => window.__zhitu.map.project(ll), [m.entity.lon, m.entity.lat]);
      assert.ok(p.x > panel.x + panel.width && p.x < 1280 && p.y > 0 && p.y < 800, `${m.entity_id} at ${p.x},${p.y}`);
    }
    await page.screenshot({ path: join(kOutDir, 'article.png') });
  });

  await t.test('clicking a highlight opens the card and flies there', async () => {
    await page.click(`#article-panel mark.ann-mention[data-id="${kLongmen}"]`);
    await waitForCard(page, kLongmen);
    await waitForMapIdle(page);
    const zoom = await page.evaluate(() => window.__zhitu.map.getZoom());
    assert.ok(zoom >= 13.9, `zoomed in: ${zoom}`);
    const p = await page.evaluate(() => window.__zhitu.map.project([112.471269, 34.559899]));
    const panel = await page.locator('#article-panel').boundingBox();
    const card = await page.locator('#card').boundingBox();
    assert.ok(p.x > panel.x + panel.width && p.x < card.x, `龙门石窟 at ${p.x}`);
  });

  await t.test('a server error shows its problem detail in the panel', async () => {
    const big = '洛'.repeat(200_000); // 600 KB of UTF-8: over the 512 KiB of text the server reads
    const problem = await fetch(`${base}/api/annotate`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                          body: JSON.stringify({ text: big }) }).then((r) => r.json());
    assert.ok(problem.status >= 400 && problem.detail, 'the server refuses and explains');
    refused = problem.status;
    await page.fill('#article-input', big);
    await page.click('#article-run');
    await page.waitForSelector('#article-panel .article-error', { state: 'visible', timeout: kTimeoutMs });
    const error = await page.textContent('#article-panel .article-error');
    assert.ok(error.startsWith('识别失败：') && error.includes(problem.detail), error);
    assert.equal(await page.isVisible('#article-panel .article-text'), false);
    await settle(page);
    assert.deepEqual(await rendered(page, ['article-circle']), [], 'the old markers are gone');
    await page.click('#article-toggle');
    assert.equal(await page.isVisible('#article-panel'), false);
  });

  await t.test('no request left this machine; only the refused request logged an error', () => {
    assert.deepEqual(browser.offHost, []);
    // Chromium logs a failed fetch (the refusal above) as a console error; nothing else may appear.
    assert.deepEqual(browser.pageErrors.filter((e) => !e.includes(`status of ${refused}`)), []);
  });
  await page.close();
});
