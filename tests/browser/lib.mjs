// Shared set-up for the browser tests: one headless Debian Chromium per test file, driven by
// playwright-core, against the release site that `cargo xtask test` serves on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const DIST_DIR = process.env.DIST_DIR ?? 'dist';
export const SEEDS_BIN = process.env.SEEDS_BIN ?? 'target/release/seeds';

/** Launches Chromium with the flags this machine needs and a fresh profile (`options` are
 * extra Playwright context options, e.g. `{ serviceWorkers: 'block' }`; the browser's
 * language is Japanese unless `options.locale` says otherwise; `profile` reopens a profile
 * folder a previous launch used, as after a browser restart). */
export async function launch(options = {}, profile = mkdtempSync(join(tmpdir(), 'seed-explorer-'))) {
  const context = await chromium.launchPersistentContext(profile, {
    locale: 'ja-JP',
    ...options,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // A fresh browser compiles the ~1 MB wasm on its first page; on a busy 2-core machine that
  // alone has taken over 30 s, Playwright's default wait.
  context.setDefaultTimeout(60_000);
  return context;
}

/** Records every Content-Security-Policy violation of the context's pages in `window.__violations`. */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Records every failed request and every HTTP error response of the context's pages; returns the live list. */
export function recordFailedRequests(context) {
  const failed = [];
  context.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
  context.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  return failed;
}

/**
 * Collects the page's garbage, then measures it through `cdp` (a CDP session of the page):
 * the JS heap in use and in total, DOM nodes and JS event listeners (Chromium's performance
 * metrics) and the bytes of every WebAssembly.Memory — the app's linear memory, where the
 * catalogue and the engine live, which the JS heap figures do not include.
 */
export async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return {
    jsHeapUsedBytes: metric('JSHeapUsedSize'),
    jsHeapTotalBytes: metric('JSHeapTotalSize'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    wasmMemoryBytes: await wasmMemory(cdp),
  };
}

export async function wasmMemory(cdp) {
  try {
    const { result: proto } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    return result.value;
  } catch {
    return null;
  }
}

/** Opens `path` (relative to the site) in a new page that records console errors. */
export async function open(context, path = '') {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

/** The seed ids of the result cards, in display order. */
export async function cardIds(page) {
  return page.$$eval('.results .card', (cards) => cards.map((c) => c.dataset.seed));
}

/**
 * What `seeds query --json` ranks for the same bundle: the engine's own answer. `filters` is
 * an object of facet key → value or list of values (`{ stage: ['basic', 'poc'] }`), passed as
 * `--filter KEY=VALUE`; `sort` is relevance, newest, title or institution.
 */
export function engineIds(query, limit = 50, filters = {}, sort = undefined) {
  return engineRows(query, limit, filters, sort).map((r) => r.id);
}

/**
 * The seeds that match (what counts, facet counts and charts count): [`engineIds`] without the
 * seeds like the matches that follow fewer than a page of them.
 */
export function engineMatches(query, limit = 50, filters = {}, sort = undefined) {
  return engineRows(query, limit, filters, sort).filter((r) => !r.similar).map((r) => r.id);
}

/** The rows of `seeds query --json` (`{id, score, title, institution, similar?}`). */
export function engineRows(query, limit = 50, filters = {}, sort = undefined) {
  const args = ['query', join(DIST_DIR, 'bundle.json'), query, '--json', '--limit', String(limit)];
  for (const [key, values] of Object.entries(filters)) {
    for (const v of [].concat(values)) args.push('--filter', `${key}=${v}`);
  }
  if (sort) args.push('--sort', sort);
  return JSON.parse(execFileSync(SEEDS_BIN, args));
}

/** Every seed of the bundle the tests run against, as stored. */
export function bundleSeeds() {
  return JSON.parse(readFileSync(join(DIST_DIR, 'bundle.json'), 'utf8')).seeds;
}

/** Waits until the result list shows exactly `ids` (in order). */
export async function waitForCards(page, ids) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('.results .card')].map((c) => c.dataset.seed);
    return got.length === want.length && got.every((id, i) => id === want[i]);
  }, ids);
}

/**
 * Waits until the address's `name` parameter is `value` (`page` or a frame): the app writes
 * typing to the address once it pauses, not at each keystroke.
 */
export async function waitForAddress(page, name, value) {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n) === v, [name, value]);
}

/**
 * Decodes the QR code drawn by the `<svg>` at `selector`: the page rasterises the SVG (as an
 * image, the way a phone's camera would see it) and jsQR reads it. Returns the text or null.
 */
export async function decodeQr(page, selector) {
  const size = 360;
  const pixels = await page.$eval(selector, async (svg, size) => {
    const copy = svg.cloneNode(true);
    copy.setAttribute('width', size);
    copy.setAttribute('height', size);
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(copy));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, size);
    g.drawImage(img, 0, 0, size, size);
    return Array.from(g.getImageData(0, 0, size, size).data);
  }, size);
  const { default: jsQR } = await import('jsqr');
  return jsQR(Uint8ClampedArray.from(pixels), size, size)?.data ?? null;
}
