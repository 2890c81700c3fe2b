// The kiosk as a booth operator runs it: a portrait 1080 × 1920 touch screen whose attract
// screen fills the display with a large featured seed, field tiles and keyword chips that start
// a search with one tap (the chips also lead the empty search); a staff corner that no link or
// button overlaps; and, after the PIN, a staff screen whose set-up check names each problem with
// its fix and previews what the QR codes encode. Every QR code on screen is decoded: none leads
// to a local address once public_base_url is set, and without it a warning shows instead.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, bundleSeeds, decodeQr, engineIds, launch } from './lib.mjs';

const PORTRAIT = { width: 1080, height: 1920 };
const seeds = bundleSeeds();

let context;
before(async () => {
  // Service workers are blocked so the config.json routes below answer every request.
  context = await launch({ serviceWorkers: 'block', viewport: PORTRAIT });
});
after(async () => { await context.close(); });

/** Opens the kiosk at `path` with config.json answered by `config` (an object), reduced motion. */
async function kiosk(path = '?mode=kiosk', config = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

async function openStaffScreen(page, pin = '1234') {
  for (let i = 0; i < 5; i++) await page.mouse.click(10, 10);
  await page.waitForSelector('.kiosk-pin');
  for (const d of pin) await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('.pin-ok');
  await page.waitForSelector('.staff .setup-check .check');
}

/** Every interactive element under the 64 × 64 staff corner (sampled every 4 px). */
const inCorner = (page) => page.evaluate(() => {
  const found = new Set();
  for (let x = 0; x < 64; x += 4) {
    for (let y = 0; y < 64; y += 4) {
      for (const el of document.elementsFromPoint(x, y)) {
        const hit = el.closest('a[href], button, input, select, textarea, label, [role="button"], [tabindex]:not([tabindex="-1"])');
        if (hit) found.add(`${hit.tagName}.${hit.className}`);
      }
    }
  }
  return [...found];
});

/** Decodes every drawn QR code on the page; returns their texts. */
async function allQrCodes(page) {
  const count = await page.locator('svg.qr-code').count();
  const out = [];
  for (let i = 0; i < count; i++) {
    await page.evaluate((n) => document.querySelectorAll('svg.qr-code')[n].setAttribute('data-decode', n), i);
    out.push(await decodeQr(page, `svg.qr-code[data-decode="${i}"]`));
  }
  return out;
}

const LOCAL = /^https?:\/\/(127\.|localhost|\[::1\]|0\.0\.0\.0)/;

test('the attract screen fills a portrait 1080 × 1920 display: a large seed, field tiles, keyword chips', async () => {
  const page = await kiosk();
  await page.waitForSelector('.attract .attract-tile');
  const box = await page.evaluate(() => {
    const inner = document.querySelector('.attract-inner').getBoundingClientRect();
    const layer = document.querySelector('.attract');
    return {
      height: inner.height,
      scroll: layer.scrollHeight - layer.clientHeight,
      title: parseFloat(getComputedStyle(document.querySelector('.attract-title')).fontSize),
      seed: document.querySelector('.attract-seed').getBoundingClientRect().height,
      bottom: Math.max(...[...document.querySelectorAll('.attract-inner > *')].map((e) => e.getBoundingClientRect().bottom)),
    };
  });
  assert.ok(box.height >= 1920 - 1, `the content spans the screen (${box.height})`);
  assert.ok(box.scroll <= 1, `everything fits without scrolling (${box.scroll} px more)`);
  assert.ok(box.bottom > 1920 * 0.9, `used down to ${box.bottom}`);
  assert.ok(box.title >= 36, `the seed's title is large (${box.title}px)`);
  assert.ok(box.seed >= 400, `the featured seed is large (${box.seed}px)`);
  const fields = new Map();
  for (const s of seeds) for (const f of s.fields) fields.set(f, (fields.get(f) ?? 0) + 1);
  const tiles = await page.$$eval('.attract-tile', (t) => t.map((x) => [x.dataset.value, Number(x.querySelector('.tile-count').textContent)]));
  assert.equal(tiles.length, Math.min(10, fields.size));
  for (const [value, n] of tiles) assert.equal(n, fields.get(value), value);
  assert.ok(tiles.every(([, n], i) => i === 0 || tiles[i - 1][1] >= n), 'most seeds first');
  assert.ok((await page.locator('.attract .keyword-chip').count()) >= 6);
  assert.deepEqual(await inCorner(page), [], 'no link or button under the staff corner');
  assert.deepEqual(page.errors, []);
});

test('a field tile or a keyword chip starts a search with one tap, and the empty search offers the chips', async () => {
  const page = await kiosk();
  await page.waitForSelector('.attract .attract-tile');
  const [value] = await page.$$eval('.attract-tile', (t) => t.map((x) => x.dataset.value));
  await page.click(`.attract-tile[data-value="${value}"]`);
  await page.waitForSelector('.attract', { state: 'detached' });
  const byField = engineIds('', 1000, { fields: value });
  await page.waitForFunction((n) => document.querySelectorAll('.results .card').length === Math.min(n, 50), byField.length);
  assert.equal(new URL(page.url()).searchParams.get('fields'), value);

  const words = await (async () => {
    const p = await kiosk();
    await p.waitForSelector('.attract .keyword-chip');
    const w = await p.$$eval('.attract .keyword-chip', (c) => c.map((x) => x.dataset.keyword));
    await p.click(`.attract .keyword-chip[data-keyword="${w[0]}"]`);
    await p.waitForSelector('.attract', { state: 'detached' });
    const expected = engineIds(w[0], 50);
    await p.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, expected.length);
    assert.equal(await p.inputValue('#q'), w[0]);
    return w;
  })();
  assert.equal(words[0], 'AI', 'the keyword most seeds carry leads');

  // The kiosk's empty search offers the same chips.
  await page.click('.site-title');
  await page.waitForSelector('.kiosk-keywords .keyword-chip');
  assert.deepEqual(await page.$$eval('.kiosk-keywords .keyword-chip', (c) => c.map((x) => x.dataset.keyword)), words);
  await page.click(`.kiosk-keywords .keyword-chip[data-keyword="${words[1]}"]`);
  await page.waitForFunction((w) => document.querySelector('#q').value === w, words[1]);
  await page.waitForSelector('.kiosk-keywords', { state: 'detached' });
  // Keywords from config.json win over the catalogue's.
  const own = await kiosk('?mode=kiosk', { kiosk: { keywords: ['カテーテル', '再生医療'] } });
  await own.waitForSelector('.attract .keyword-chip');
  assert.deepEqual(await own.$$eval('.attract .keyword-chip', (c) => c.map((x) => x.dataset.keyword)), ['カテーテル', '再生医療']);
});

test('no link or button lies under the staff corner on any kiosk screen, and five taps there only open the PIN pad', async () => {
  const page = await kiosk(`?mode=kiosk&idle=600`);
  await page.waitForSelector('.attract .attract-cta');
  // Five taps on the attract screen: the PIN pad, not browsing.
  for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
  await page.waitForSelector('.kiosk-pin');
  assert.equal(await page.locator('.attract').count(), 1, 'the taps did not start browsing');
  await page.click('.kiosk-pin > .kiosk-close');
  await page.click('.attract-cta');
  await page.waitForSelector('.results .card');
  const id = seeds[0].id;
  for (const [name, path, ready] of [
    ['browse', '?mode=kiosk&idle=600&q=AI', '.results .card'],
    ['seed', `?mode=kiosk&idle=600&seed=${id}`, '.seed h1'],
    ['overview', '?mode=kiosk&idle=600&view=overview', '.chart'],
    ['needs', '?mode=kiosk&idle=600&view=needs', '#needs-text'],
    ['shortlist', '?mode=kiosk&idle=600&view=shortlist', '.shortlist-view h1'],
  ]) {
    await page.goto(new URL(path, BASE_URL).href);
    await page.waitForSelector(ready);
    assert.deepEqual(await inCorner(page), [], `${name}: under the corner`);
    const before = page.url();
    for (let i = 0; i < 5; i++) await page.mouse.click(30, 30);
    await page.waitForSelector('.kiosk-pin');
    assert.equal(page.url(), before, `${name}: the taps followed no link`);
    await page.click('.kiosk-pin > .kiosk-close');
  }
  assert.deepEqual(page.errors, []);
});

test('without public_base_url the staff screen warns, with the fix, and no QR code leads to this machine', async () => {
  const page = await kiosk(`?mode=kiosk&idle=600&seed=${seeds[0].id}`);
  await page.waitForSelector('.seed h1');
  // The seed page shows a note for staff instead of a QR code of http://127.0.0.1:….
  await page.waitForSelector('.seed .qr-unset');
  assert.deepEqual(await allQrCodes(page), []);
  await openStaffScreen(page);
  const line = page.locator('.check[data-check="public-url"]');
  assert.equal(await line.getAttribute('data-status'), 'warn');
  assert.match(await line.textContent(), /127\.0\.0\.1/);
  assert.match(await line.locator('.check-fix').textContent(), /public_base_url/);
  assert.equal(await page.getAttribute('.checks .check >> nth=0', 'data-check'), 'public-url', 'problems first');
  assert.equal(await page.getAttribute('.check[data-check="pin"]', 'data-status'), 'warn', 'the default PIN');
  assert.match(await page.textContent('.check[data-check="featured"]'), /新しい順に 8 件/);
  assert.match(await page.textContent('.check[data-check="idle"]'), /600 秒/);
  const newest = seeds.map((s) => s.updated).sort().at(-1);
  assert.match(await page.textContent('.check[data-check="catalogue"]'), new RegExp(`${seeds.length} 件のシーズ、最新の更新日 ${newest}`));
  assert.match(await page.textContent('.check[data-check="storage"]'), /MB 空いています/);
  // The preview says what a QR code would carry, and that visitors do not get one.
  assert.match(await page.textContent('.qr-preview-url[data-kind="seed"]'), /^http:\/\/127\.0\.0\.1:\d+\/\?seed=/);
  assert.equal(await page.locator('.qr-preview-none').count(), 1);
  assert.deepEqual(await allQrCodes(page), [], 'no QR code of a local address anywhere');
  assert.deepEqual(page.errors, []);
});

test('with public_base_url set every QR code on screen leads there; a missing featured seed is named', async () => {
  const PUBLIC = 'https://seeds.example.jp/booth/';
  const featured = [seeds[1].id, 'no-such-seed-9'];
  const page = await kiosk(`?mode=kiosk&seed=${seeds[0].id}`, {
    public_base_url: PUBLIC,
    kiosk: { pin: '2580', featured, idle_seconds: 120 },
  });
  await page.waitForSelector('.seed .qr svg');
  await page.click('.seed .shortlist-toggle');
  const onSeed = await allQrCodes(page);
  assert.deepEqual(onSeed, [`${PUBLIC}?seed=${seeds[0].id}`]);
  await openStaffScreen(page, '2580');
  assert.equal(await page.getAttribute('.check[data-check="public-url"]', 'data-status'), 'ok');
  const featuredLine = page.locator('.check[data-check="featured"]');
  assert.equal(await featuredLine.getAttribute('data-status'), 'warn');
  assert.match(await featuredLine.textContent(), /no-such-seed-9/);
  assert.equal(await page.locator('.check[data-check="pin"]').count(), 0, 'an own PIN is fine');
  assert.equal(await page.getAttribute('.check[data-check="idle"]', 'data-status'), 'ok');
  assert.match(await page.textContent('.check[data-check="idle"]'), /120 秒/, 'from config.json');
  const codes = await allQrCodes(page);
  assert.ok(codes.length >= 2, `QR codes on screen: ${codes.length}`);
  for (const text of codes) {
    assert.ok(text && text.startsWith(PUBLIC), text);
    assert.doesNotMatch(text, LOCAL);
  }
  assert.ok(codes.includes(`${PUBLIC}?seed=${seeds[1].id}`), 'the preview shows the first featured seed\'s link');
  // And the shortlist's QR code.
  await page.click('.staff-close');
  await page.click('.nav-shortlist');
  await page.waitForSelector('.shortlist-qr svg');
  for (const text of await allQrCodes(page)) assert.ok(text.startsWith(PUBLIC) && !LOCAL.test(text), text);
  assert.deepEqual(page.errors, []);
});
