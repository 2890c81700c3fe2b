// Size and time limits: a catalogue larger than the limit (512 MB by default, `max_bundle_mb` in
// config.json) is refused — at once when the server declares the length, as it arrives
// otherwise — with a bilingual page instead of a hang or a crash; a config.json that does not
// answer is skipped after a few seconds with a console warning; the progress bar counts the
// bytes the app receives, so a compressed download never shows "252997 / 109275 KB".
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { DIST_DIR, bundleSeeds, launch } from './lib.mjs';
import { serveDir } from './server.mjs';

const BUNDLE = readFileSync(join(DIST_DIR, 'bundle.json'));
const JSON_TYPE = 'application/json; charset=utf-8';
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

let context;
let server;
/** How the server answers /bundle.json and /config.json in the current test. */
let answer = {};
before(async () => {
  const site = mkdtempSync(join(tmpdir(), 'seed-site-'));
  cpSync(DIST_DIR, site, { recursive: true });
  server = await serveDir(site, 0, {
    handle: async (req, res, path) => {
      const respond = answer[path];
      if (!respond) return false;
      await respond(res);
      return true;
    },
  });
  context = await launch({ serviceWorkers: 'block' });
});
after(async () => { await context.close(); await server.close(); });

async function open(path = '') {
  const page = await context.newPage();
  page.messages = [];
  page.on('console', (m) => page.messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.messages.push(`pageerror: ${e}`));
  await page.goto(server.url + path);
  return page;
}

async function tooLargePage(page, limit) {
  await page.waitForSelector('.error-page', { timeout: 20_000 });
  const text = await page.textContent('.error-page');
  assert.match(text, /大きすぎます/);
  assert.match(text, /too large/);
  assert.match(text, new RegExp(`${limit} MB`));
  assert.equal(await page.locator('.results').count(), 0);
  assert.deepEqual(page.messages.filter((m) => m.startsWith('pageerror')), []);
}

test('a bundle declaring more than 512 MB is refused at once, before it is read', async () => {
  let connections = 0;
  answer = {
    '/bundle.json': async (res) => {
      connections += 1;
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(2 ** 30 + 1) });
      res.write('{"format": "seed-explorer-bundle", "version": "1.1", "seeds": [');
      // …and nothing more: the app must not wait for (or make room for) the rest.
    },
  };
  const page = await open();
  await tooLargePage(page, 512);
  assert.ok(connections >= 1);
  await page.close();
});

test('a bundle that grows past max_bundle_mb as it arrives is refused', async () => {
  answer = {
    '/config.json': async (res) => res.writeHead(200, { 'Content-Type': JSON_TYPE }).end('{"max_bundle_mb": 0.25}'),
    '/bundle.json': async (res) => {
      res.writeHead(200, { 'Content-Type': JSON_TYPE }); // no length: sent in chunks
      for (let at = 0; at < BUNDLE.length; at += 64 * 1024) {
        if (!res.write(BUNDLE.subarray(at, at + 64 * 1024))) await new Promise((d) => res.once('drain', d));
        if (res.destroyed) return;
      }
      res.end();
    },
  };
  const page = await open();
  await tooLargePage(page, 0.25);
  await page.close();
});

test('a config.json that never answers is skipped after a few seconds, with a warning', async () => {
  answer = { '/config.json': async () => { /* never answers */ } };
  const page = await open();
  await page.waitForSelector('.results .card', { timeout: 15_000 });
  assert.match(await page.textContent('.result-count'), new RegExp(String(bundleSeeds().length)));
  assert.ok(page.messages.some((m) => m.startsWith('warning:') && /config\.json.*(no answer|3 s)/.test(m)), JSON.stringify(page.messages));
  await page.close();
});

test('a gzip download shows progress in the bytes received, never more received than the total', async () => {
  const gz = gzipSync(BUNDLE);
  answer = {
    '/bundle.json': async (res) => {
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length) });
      const step = Math.ceil(gz.length / 12);
      for (let at = 0; at < gz.length; at += step) {
        res.write(gz.subarray(at, at + step));
        await sleep(120);
      }
      res.end();
    },
  };
  await context.addInitScript(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const t = document.querySelector('.loading-bytes')?.textContent;
      if (t && window.__progress.at(-1) !== t) window.__progress.push(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await open();
  await page.waitForSelector('.results .card', { timeout: 20_000 });
  const shown = await page.evaluate(() => window.__progress);
  const bytes = shown.filter((t) => /KB/.test(t));
  assert.ok(bytes.length >= 2, `progress was shown while downloading: ${JSON.stringify(shown)}`);
  for (const t of bytes) {
    const m = t.match(/^(\d+) \/ (\d+) KB/);
    if (m) assert.ok(Number(m[1]) <= Number(m[2]), `${t} counts past its total`);
  }
  const last = Number(bytes.at(-1).match(/^(\d+)/)[1]);
  assert.ok(last > gz.length / 1024, `the count is of decompressed bytes: ${bytes.at(-1)}`);
  await page.close();
});
