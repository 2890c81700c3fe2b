// Offline over HTTP: the service worker keeps the explorer working when the server is gone or
// answers with errors or a cut-short bundle (never replacing the good copy), and a newly
// published bundle is picked up on the next load once the server is back.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DIST_DIR, launch } from './lib.mjs';
import { serveDir } from './server.mjs';

let context;
let site;
before(async () => {
  site = mkdtempSync(join(tmpdir(), 'seed-site-'));
  cpSync(DIST_DIR, site, { recursive: true });
  context = await launch();
});
after(async () => { await context.close(); });

const count = (page) => page.$$eval('.results .card', (c) => c.length);

test('the explorer still works after the server stops, then shows a republished bundle', async () => {
  let server = await serveDir(site);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('.results .card');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const seeds = JSON.parse(readFileSync(join(site, 'bundle.json'), 'utf8')).seeds.length;
  assert.match(await page.textContent('.result-count'), new RegExp(String(seeds)));

  await server.close();
  await page.reload();
  await page.waitForSelector('.results .card');
  assert.match(await page.textContent('.result-count'), new RegExp(String(seeds)), 'offline reload shows the catalogue');
  await page.fill('#q', 'がん');
  await page.waitForFunction((n) => document.querySelectorAll('.results .card').length < n, Math.min(seeds, 50));

  const bundle = JSON.parse(readFileSync(join(site, 'bundle.json'), 'utf8'));
  bundle.seeds = bundle.seeds.slice(0, 3);
  writeFileSync(join(site, 'bundle.json'), JSON.stringify(bundle));
  server = await serveDir(site, server.port);
  await page.goto(server.url);
  await page.waitForSelector('.results .card');
  assert.equal(await count(page), 3, 'the new bundle is shown after the next load');
  await server.close();
});

test('a server answering 500, 404 or a cut-short bundle leaves the cached catalogue working, and never replaces it', async () => {
  const own = mkdtempSync(join(tmpdir(), 'seed-site-'));
  cpSync(DIST_DIR, own, { recursive: true });
  const full = readFileSync(join(own, 'bundle.json'));
  const seeds = JSON.parse(full).seeds.length;
  let fail = null;
  const server = await serveDir(own, 0, {
    handle: async (req, res, path) => {
      if (fail === '500' || fail === '404') {
        res.writeHead(Number(fail)).end('server error');
        return true;
      }
      if (path !== '/bundle.json' || !fail) return false;
      const body = readFileSync(join(own, 'bundle.json'));
      if (fail === 'cut') {
        // The connection drops half-way: fewer bytes than the declared length.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        res.write(body.subarray(0, body.length >> 1));
        await new Promise((done) => setTimeout(done, 100));
        res.destroy();
      } else {
        // A complete answer with half a file in it (a deploy caught half-way).
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(body.subarray(0, body.length >> 1));
      }
      return true;
    },
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('.results .card');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const showsAll = async (n, why) => {
    await page.reload();
    await page.waitForSelector('.results .card, .error-page');
    assert.equal(await page.locator('.error-page').count(), 0, `${why}: no error page`);
    assert.match(await page.textContent('.result-count'), new RegExp(`(^|\\D)${n}(\\D|$)`), why);
  };
  for (const mode of ['500', '404', 'cut', 'half']) {
    fail = mode;
    await showsAll(seeds, `server answering ${mode}`);
  }
  // A good new bundle still replaces the cached one on the next load (network first)…
  fail = null;
  const bundle = JSON.parse(full);
  bundle.seeds = bundle.seeds.slice(0, 3);
  writeFileSync(join(own, 'bundle.json'), JSON.stringify(bundle));
  await showsAll(3, 'republished');
  // …and a bad one after it does not.
  fail = 'half';
  await showsAll(3, 'half a file after the republished one');
  await page.close();
  await server.close();
});

test('a kiosk opened once with the network on starts without it, in the booth build', async () => {
  const server = await serveDir(site);
  const page = await context.newPage();
  await page.goto(`${server.url}?mode=kiosk`);
  await page.waitForSelector('.attract .attract-cta');
  // boot.js asks the service worker to keep the booth build once the kiosk has started.
  await page.waitForFunction(async () => {
    const cache = await caches.open('seed-explorer-v1');
    return Boolean(await cache.match('booth/seed_explorer_bg.wasm')) && Boolean(await cache.match('booth/seed_explorer.js'));
  }, null, { polling: 200 });
  await server.close();
  await page.reload();
  await page.waitForSelector('.attract .attract-cta');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('kiosk')), 'a kiosk, offline');
  await page.close();
});
