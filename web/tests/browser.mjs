// SPDX-License-Identifier: Apache-2.0
// Shared by the browser tests: Debian's chromium (headless, driven by playwright-core) with a
// fresh profile and WebGL on SwiftShader; every request to a host other than this machine is
// aborted and recorded (the map must work on an intranet with no internet), as are the page's
// errors and the API requests it made.
//
//   const browser = useBrowser(skip);       // in a test file: launched before, closed after
//   const b = await launchBrowser();        // b.context, b.offHost, b.pageErrors, b.apiRequests
//   const page = await b.context.newPage(); b.watchErrors(page);
//   await openPage(page, base, '#e=nhs-1-37'); await waitForCard(page, 'nhs-1-37');
//   await b.close();
//
// Env: CHROMIUM (browser binary, default /usr/bin/chromium).

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const kTimeoutMs = 30_000;
export const kOutDir = join(fileURLToPath(new URL('.', import.meta.url)), 'out'); // screenshots
const kChromium = process.env.CHROMIUM || '/usr/bin/chromium';
const kLocalHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'zhitu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: kChromium,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // WebGL without a GPU: ANGLE on SwiftShader, so MapLibre renders in headless chromium.
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const offHost = [];     // requests to any other host: aborted, and a failure
  const pageErrors = [];  // uncaught exceptions and console errors in the page
  const apiRequests = []; // URLs of every API request the page made
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = !/^(https?|wss?):$/.test(url.protocol) || kLocalHosts.has(url.hostname);
    if (local) return route.continue();
    offHost.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.includes('/api/')) apiRequests.push(decodeURIComponent(url.pathname + url.search));
    if (/^(https?|wss?):$/.test(url.protocol) && !kLocalHosts.has(url.hostname)
        && !offHost.includes(url.href)) {
      offHost.push(url.href);
    }
  });
  return {
    context,
    offHost,
    pageErrors,
    apiRequests,
    watchErrors(page) {
      page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
      });
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// One browser for a test file: launched before its tests (unless `skip`), closed after them.
// The handle gets launchBrowser()'s members once launched.
export function useBrowser(skip) {
  const handle = {};
  before(async () => {
    if (skip) return;
    await mkdir(kOutDir, { recursive: true });
    Object.assign(handle, await launchBrowser());
  });
  after(async () => {
    await handle.close?.();
  });
  return handle;
}

export async function openPage(page, base, hash = '') {
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => window.__zhituReady === true || window.__zhituError,
                             null, { timeout: kTimeoutMs });
  const err = await page.evaluate(() => window.__zhituError);
  assert.equal(err, undefined, `the app failed to start: ${err}`);
}

export async function waitForCard(page, id) {
  await page.waitForSelector(`#card[data-id="${id}"][data-state="ready"]`, { timeout: kTimeoutMs });
}

export async function waitForMapIdle(page) {
  await page.waitForFunction(() => !window.__zhitu.map.isMoving() && window.__zhitu.map.loaded(),
                             null, { timeout: kTimeoutMs });
}

// Waits until the map has drawn the current state (after a filter change or a move).
export async function settle(page) {
  await waitForMapIdle(page);
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.__zhitu.map;
    map.once('idle', resolve);
    map.triggerRepaint();
  }));
}
