// The USB stick: `seeds pack` writes one HTML file that runs from file:// with no server —
// search, open a seed, come back — and the stick's README.txt beside it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { DIST_DIR, SEEDS_BIN, engineIds, launch } from './lib.mjs';

let context;
let html;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-usb-'));
  html = join(dir, 'seed-explorer.html');
  execFileSync(SEEDS_BIN, ['pack', '--site', DIST_DIR, '-o', html]);
  context = await launch();
});
after(async () => { await context.close(); });

test('pack writes one self-contained HTML file and a README for the stick', () => {
  const text = readFileSync(html, 'utf8');
  assert.doesNotMatch(text, /<script[^>]+src=/, 'no external scripts');
  assert.doesNotMatch(text, /<link[^>]+stylesheet/, 'no external stylesheet');
  assert.ok(existsSync(join(html, '..', 'README.txt')));
});

test('the packed file opened from file:// searches and opens a seed', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('.results .card');
  await page.fill('#q', 'カテーテル');
  const expected = engineIds('カテーテル');
  await page.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, expected.length);
  assert.deepEqual(await page.$$eval('.results .card', (c) => c.map((x) => x.dataset.seed)), expected);
  await page.click(`.card[data-seed="${expected[0]}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  await page.goBack();
  await page.waitForSelector('.results .card');
  assert.deepEqual(errors, []);
});

test('every view works from file://; no empty QR box and no copy-link of a file address', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const file = pathToFileURL(html).href;
  const id = engineIds('カテーテル')[0];
  await page.goto(`${file}?seed=${id}`);
  await page.waitForSelector('.seed h1');
  assert.equal(await page.locator('.seed .qr, .seed .qr-code').count(), 0, 'no QR code of a file:// address');
  assert.equal(await page.locator('.copy-link').count(), 0, 'no "copy link" of a file:// address');
  assert.ok(await page.isVisible('.seed-tools .print'), 'printing still works');
  assert.doesNotMatch(await page.textContent('.print-meta'), /file:/, 'the printout names no file path');
  await page.click('.seed .shortlist-toggle');
  // The shortlist: the saved seed, and no white box where a QR code would be.
  await page.click('.nav-shortlist');
  await page.waitForSelector('.shortlist-item');
  assert.equal(await page.locator('.shortlist-qr').count(), 0, 'no empty QR block');
  assert.ok(await page.isVisible('.print-all'));
  // Needs, overview and browse.
  await page.click('.nav-needs');
  await page.click('.needs-example');
  await page.waitForSelector('.needs-results .card');
  await page.click('.nav-overview');
  await page.waitForSelector('.chart-stage .bar-row');
  await page.click('.chart-stage .bar-row >> nth=0');
  await page.waitForSelector('.results .card');
  await page.fill('#q', 'がん');
  await page.click('.nav-overview');
  await page.waitForSelector('.overview-matching');
  assert.deepEqual(errors, []);
});
