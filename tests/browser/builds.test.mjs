// The app comes in two builds: the website build (pkg/), which every visitor downloads, and the
// booth build (booth/), which adds the kiosk and the booth-lead form. A visitor never fetches
// the booth build; a kiosk URL starts in it straight away; a kiosk that only config.json turns
// on reloads once into it; and a site whose booth build is missing still shows the explorer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { BASE_URL, launch } from './lib.mjs';

let context;
// Service workers are blocked so that every request reaches the routes and the request log.
before(async () => { context = await launch({ serviceWorkers: 'block' }); });
after(async () => { await context.close(); });

/** Opens `path` with config.json answered by `config` (an object, or undefined for the shipped file). */
async function visit(path, { config, routes = {} } = {}) {
  const page = await context.newPage();
  page.requested = [];
  page.loads = 0;
  page.errors = [];
  page.on('request', (r) => page.requested.push(new URL(r.url()).pathname));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) page.loads += 1; });
  if (config !== undefined) {
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  }
  for (const [pattern, handler] of Object.entries(routes)) await page.route(pattern, handler);
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

const fetched = (page, dir) => page.requested.some((p) => p.endsWith(`/${dir}/seed_explorer_bg.wasm`));
const isKiosk = (page) => page.evaluate(() => document.documentElement.classList.contains('kiosk'));

test('a visitor of the website downloads the website build only', async () => {
  const page = await visit('?q=がん', { config: {} });
  await page.waitForSelector('.results .card');
  assert.ok(fetched(page, 'pkg'), 'the website build');
  assert.deepEqual(page.requested.filter((p) => p.includes('/booth/')), [], 'nothing of the booth build');
  assert.equal(page.loads, 1, 'no reload');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('seed-explorer.build')), null);
  await page.close();
});

test('a kiosk URL starts in the booth build without a reload', async () => {
  const page = await visit('?mode=kiosk', { config: {} });
  await page.waitForSelector('.attract .attract-cta');
  assert.ok(fetched(page, 'booth'), 'the booth build');
  assert.equal(page.loads, 1, 'no reload');
  assert.ok(await isKiosk(page));
  await page.close();
});

test('a kiosk turned on by config.json reloads once into the booth build and stays a kiosk', async () => {
  const page = await visit('', { config: { kiosk: { enabled: true, pin: '2580' } } });
  await page.waitForSelector('.attract .attract-cta');
  assert.ok(fetched(page, 'pkg') && fetched(page, 'booth'), 'the website build, then the booth build');
  assert.equal(page.loads, 2, 'one reload');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('seed-explorer.build')), 'booth');
  assert.ok(await isKiosk(page));
  // Further pages of this tab start in the booth build at once.
  page.requested.length = 0;
  await page.reload();
  await page.waitForSelector('.attract .attract-cta');
  assert.ok(fetched(page, 'booth'));
  assert.equal(page.loads, 3, 'the reload asked for, and no other');
  await page.close();
});

test('a site without the booth build still shows the explorer to a kiosk URL, with the reason in the console', async () => {
  const missing = (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' });
  const page = await visit('?mode=kiosk&q=がん', { config: {}, routes: { '**/booth/**': missing } });
  await page.waitForSelector('.results .card');
  assert.equal(await isKiosk(page), false, 'the normal explorer, not a broken kiosk');
  assert.ok(page.loads <= 2, `${page.loads} loads: no reload loop`);
  await page.waitForTimeout(500);
  assert.ok(page.loads <= 2, `${page.loads} loads: no reload loop`);
  assert.ok(page.errors.some((e) => /booth build/.test(e)), page.errors.join('\n'));
  await page.close();
});

test('the served stylesheet is the source minified: smaller, and every rule parses the same', async () => {
  const source = readFileSync(new URL('../../public/style.css', import.meta.url), 'utf8');
  const page = await visit('', { config: {} });
  const served = await page.evaluate(() => fetch('style.css').then((r) => r.text()));
  assert.ok(served.length < source.length * 0.9, `served ${served.length} characters, source ${source.length}`);
  // The browser's own serialization of each rule, for both texts.
  const rules = await page.evaluate((texts) => texts.map((t) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(t);
    return [...sheet.cssRules].map((r) => r.cssText);
  }), [source, served]);
  assert.ok(rules[0].length > 100, `the source has ${rules[0].length} rules`);
  assert.deepEqual(rules[1], rules[0]);
  await page.close();
});
