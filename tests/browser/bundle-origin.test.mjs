// `?bundle=` loads a catalogue from the site's own origin only, checked by the page itself (boot.js,
// which starts the download, and the app), so a crafted link or QR code cannot show another
// site's catalogue under the official address — even on a host that sends no
// Content-Security-Policy, as simulated here. The error page never repeats the parameter.
// The cases are tests/data/bundle-params.tsv, which the app's unit tests read too.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DIST_DIR, bundleSeeds, launch } from './lib.mjs';
import { serveDir } from './server.mjs';

const FOREIGN = readFileSync('tests/browser/fixtures/bundle-v1.0.json', 'utf8');
const FOREIGN_IDS = JSON.parse(FOREIGN).seeds.map((s) => s.id);

/** The cases: [allowed, value] with the file's escapes (\t \n \\ \u{HEX}) undone. */
const CASES = readFileSync('tests/data/bundle-params.tsv', 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [verdict, raw] = l.split('\t');
    const value = raw.replace(/\\(t|n|\\|u\{([0-9a-fA-F]+)\})/g, (_, e, hex) =>
      (e === 't' ? '\t' : e === 'n' ? '\n' : e === '\\' ? '\\' : String.fromCodePoint(parseInt(hex, 16))));
    return [verdict === 'allow', value];
  });

let context;
let server;
let elsewhere; // every request that left the site
before(async () => {
  const site = mkdtempSync(join(tmpdir(), 'seed-site-'));
  cpSync(DIST_DIR, site, { recursive: true });
  cpSync('tests/browser/fixtures', join(site, 'fixtures'), { recursive: true });
  server = await serveDir(site, 0, { csp: false });
  context = await launch({ serviceWorkers: 'block' });
  elsewhere = [];
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== new URL(server.url).origin) elsewhere.push(r.url());
  });
  // "Another site" serving a well-formed catalogue to anyone who asks.
  await context.route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({
    status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: FOREIGN,
  }));
});
after(async () => { await context.close(); await server.close(); });

test('boot.js starts the early download only for a catalogue on this site (every case of bundle-params.tsv)', async () => {
  assert.ok(CASES.length > 20);
  const page = await context.newPage();
  await page.route('**/pkg/**', (route) => route.abort()); // boot.js alone: the app never starts
  const wrong = [];
  for (const [allowed, value] of CASES) {
    elsewhere.length = 0;
    await page.goto(`${server.url}?bundle=${encodeURIComponent(value)}`);
    const prefetched = await page.evaluate(() => globalThis.seedExplorerPrefetch?.url ?? null);
    if (allowed ? prefetched !== value : prefetched !== null) wrong.push(`${JSON.stringify(value)}: prefetched ${JSON.stringify(prefetched)}`);
    if (elsewhere.length) wrong.push(`${JSON.stringify(value)}: requested ${elsewhere.join(' ')}`);
  }
  assert.deepEqual(wrong, []);
  await page.close();
});

for (const query of [
  `bundle=${encodeURIComponent('https://evil.example/bundle.json')}`,
  'bundle=//evil.example/bundle.json',
  'bundle=%2F%2Fevil.example%2Fbundle.json',
  'bundle=/%5Cevil.example/bundle.json',
  'bundle=%5C%5Cevil.example%5Cbundle.json',
  'bundle=%09//evil.example/bundle.json',
  `bundle=${encodeURIComponent(`data:application/json,${FOREIGN}`)}`,
]) {
  test(`a link with ?${query.slice(0, 60)} shows an error page, not the other catalogue`, async () => {
    elsewhere.length = 0;
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    await page.goto(`${server.url}?${query}&seed=${FOREIGN_IDS[0]}`);
    await page.waitForSelector('.error-page, .results .card, .seed h1');
    assert.equal(await page.locator('.error-page').count(), 1, 'an error page');
    const text = await page.textContent('body');
    assert.match(text, /このサイトにないシーズデータ/);
    assert.match(text, /not on this site/);
    assert.doesNotMatch(text, /evil|example|data:|json/i, 'the page does not repeat the parameter');
    assert.deepEqual(elsewhere, [], 'nothing was fetched from another site');
    assert.deepEqual(page.errors, []);
    // The way out opens this site's own catalogue.
    await page.click('.error-page a.button');
    await page.waitForSelector('.results .card');
    assert.match(await page.textContent('.result-count'), new RegExp(String(bundleSeeds().length)));
    assert.equal(new URL(page.url()).search, '');
    await page.close();
  });
}

test('a catalogue on this site still opens with ?bundle=, and its shared links carry it', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}?bundle=fixtures/bundle-v1.0.json&seed=${FOREIGN_IDS[0]}`);
  await page.waitForSelector('.seed .qr');
  const shared = new URL(await page.getAttribute('.seed .qr', 'data-url'));
  assert.equal(shared.origin, new URL(server.url).origin);
  assert.equal(shared.searchParams.get('bundle'), 'fixtures/bundle-v1.0.json');
  await page.close();
});
