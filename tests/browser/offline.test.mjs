// Offline over HTTP: the service worker keeps the explorer working when the server is gone,
// and a newly published bundle is picked up on the next load once the server is back.
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
