// Kiosk mode (`?mode=kiosk`): the attract screen, the idle countdown and the full reset for the
// next visitor (query, filters, open seed, language, shortlist in memory and in storage, scroll,
// history), "any touch continues", outbound links as QR codes, touch-screen hardening, the staff
// PIN (staff screen, then exit), and no listeners or timers piling up over many resets. Short timings come from the
// URL (`idle=SECONDS&countdown=SECONDS`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, engineIds, launch, open, recordCspViolations, waitForAddress } from './lib.mjs';

const STORAGE_KEY = 'seed-explorer.shortlist';
const SEED = 'hokuto-med-001';
const CONTACT = `https://www.hokuto-med.example.jp/sangaku/seeds/${SEED}`;

let context;
before(async () => {
  context = await launch();
  await recordCspViolations(context);
  await context.addInitScript(() => {
    // Live timers and window/document listeners, to show that resets do not pile them up.
    const intervals = new Set();
    const setI = window.setInterval;
    const clearI = window.clearInterval;
    window.setInterval = function (...args) { const id = setI.apply(this, args); intervals.add(id); return id; };
    window.clearInterval = function (id) { intervals.delete(id); return clearI.call(this, id); };
    const listeners = [];
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    const capture = (o) => (typeof o === 'boolean' ? o : Boolean(o && o.capture));
    const find = (t, type, fn, o) => listeners.findIndex((l) => l.t === t && l.type === type && l.fn === fn && l.cap === capture(o));
    EventTarget.prototype.addEventListener = function (type, fn, o) {
      if ((this === window || this === document) && fn && find(this, type, fn, o) < 0) listeners.push({ t: this, type, fn, cap: capture(o) });
      return add.call(this, type, fn, o);
    };
    EventTarget.prototype.removeEventListener = function (type, fn, o) {
      const i = find(this, type, fn, o);
      if (i >= 0) listeners.splice(i, 1);
      return remove.call(this, type, fn, o);
    };
    window.__live = () => ({ intervals: intervals.size, listeners: listeners.length });
  });
});
after(async () => { await context.close(); });

async function startBrowsing(page) {
  // The pulsing invitation holds still for people (and tests) who ask for reduced motion.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForSelector('.attract .attract-cta');
  await page.click('.attract-cta');
  await page.waitForSelector('.attract', { state: 'detached' });
  await page.waitForSelector('.results .card');
}

const storedIds = (page) => page.evaluate((key) => {
  const v = localStorage.getItem(key);
  return v === null ? [] : JSON.parse(v).ids;
}, STORAGE_KEY);

test('a kiosk starts on the attract screen, which cycles seeds and invites a touch in both languages', async () => {
  const page = await open(context, '?mode=kiosk');
  await page.waitForSelector('.attract .attract-seed');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('kiosk')));
  const text = await page.textContent('.attract');
  assert.match(text, /画面にタッチして研究シーズを探す/);
  assert.match(text, /Touch to explore research seeds/);
  // No featured seeds configured: the newest seeds, one after another.
  const first = await page.getAttribute('.attract-seed', 'data-seed');
  assert.equal(await page.locator('.attract-dot').count(), 8);
  await page.waitForFunction((id) => document.querySelector('.attract-seed')?.dataset.seed !== id, first, { timeout: 9000 });
  // Touching the seed opens it.
  const shown = await page.getAttribute('.attract-seed', 'data-seed');
  await page.click('.attract-seed');
  await page.waitForSelector('.seed h1');
  assert.equal(new URL(page.url()).searchParams.get('seed'), shown);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
});

test('after the idle time a countdown shows, then everything is reset to the attract screen', async () => {
  const page = await open(context, '?mode=kiosk&idle=3&countdown=3');
  const entries = await page.evaluate(() => history.length);
  await startBrowsing(page);
  // A visitor: English, a search, a filter, a saved seed, an open seed page, scrolled down.
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.fill('#q', 'がん');
  await page.click('.facet[data-facet="stage"] .facet-value:not(.zero) label');
  await page.waitForFunction(() => new URL(location.href).searchParams.has('stage'));
  const saved = await page.getAttribute('.results .card', 'data-seed');
  await page.click(`.card[data-seed="${saved}"] .shortlist-toggle`);
  assert.deepEqual(await storedIds(page), [saved]);
  await page.click(`.card[data-seed="${saved}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  await page.evaluate(() => window.scrollTo(0, 300));
  assert.equal(await page.evaluate(() => history.length), entries, 'a kiosk adds no history to go back to');

  // Nobody touches the screen: "Still there?" counts down.
  const dialog = page.locator('.kiosk-countdown');
  await dialog.waitFor({ timeout: 6000 });
  const text = await dialog.textContent();
  assert.match(text, /まだご覧になりますか？/);
  assert.match(text, /Still there\?/);
  assert.match(await page.textContent('.kiosk-countdown-number'), /^[1-3]$/);
  assert.equal(await page.getAttribute('.kiosk-countdown', 'role'), 'alertdialog');

  // …then the reset.
  await page.waitForSelector('.attract', { timeout: 6000 });
  await page.waitForSelector('.kiosk-countdown', { state: 'detached' });
  const url = new URL(page.url());
  assert.equal(url.search, '?countdown=3&idle=3&mode=kiosk', 'no query, filter, seed or language left in the address');
  assert.deepEqual(await storedIds(page), [], 'the shortlist left storage');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja', 'back to the default language');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.evaluate(() => history.length), entries);

  // The next visitor starts clean.
  await startBrowsing(page);
  assert.equal(await page.inputValue('#q'), '');
  assert.equal(await page.locator('.facet input:checked').count(), 0);
  assert.equal(await page.locator('.nav-shortlist .nav-count').count(), 0);
  assert.equal((await page.textContent('.lang-switch')).trim(), 'English');
  await page.click('.nav-shortlist');
  await page.waitForSelector('.shortlist-view .empty');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
});

test('any touch during the countdown keeps the visitor where they were', async () => {
  const page = await open(context, '?mode=kiosk&idle=2&countdown=6');
  await startBrowsing(page);
  await page.fill('#q', 'カテーテル');
  await waitForAddress(page, 'q', 'カテーテル');
  await page.waitForSelector('.kiosk-countdown', { timeout: 5000 });
  await page.mouse.click(20, 400);
  await page.waitForSelector('.kiosk-countdown', { state: 'detached' });
  assert.equal(await page.locator('.attract').count(), 0);
  assert.equal(await page.inputValue('#q'), 'カテーテル');
  // The touch landed on the dialog, not on whatever was underneath.
  assert.equal(new URL(page.url()).searchParams.get('q'), 'カテーテル');
  assert.equal(new URL(page.url()).searchParams.get('seed'), null);
});

test('outbound links (contact page, links, e-mail) show a QR code instead of leaving the kiosk', async () => {
  const page = await open(context, `?mode=kiosk&seed=${SEED}`);
  await page.waitForSelector('.seed h1');
  assert.equal(await page.locator('.attract').count(), 0, 'a link to a seed opens it directly');
  const before = page.url();
  const pages = context.pages().length;
  await page.click(`a[href="${CONTACT}"]`);
  const qr = page.locator('.kiosk-qr');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('data-url'), CONTACT);
  assert.ok((await page.getAttribute('.kiosk-qr svg.qr-code path', 'd')).length > 200, 'a real QR code is drawn');
  assert.match(await qr.textContent(), /スマートフォンで読み取ってください/);
  assert.equal(page.url(), before);
  assert.equal(context.pages().length, pages, 'no new tab or window');
  await page.click('.kiosk-qr .kiosk-close');
  await qr.waitFor({ state: 'detached' });

  await page.click('a[href^="mailto:"]');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('data-url'), 'mailto:tlo@hokuto-med.example.jp');
  assert.equal((await page.textContent('.kiosk-qr .qr-url')).trim(), 'tlo@hokuto-med.example.jp');
  // Touching outside the dialog closes it too.
  await page.mouse.click(5, 5);
  await qr.waitFor({ state: 'detached' });
  assert.equal(page.url(), before);
  assert.deepEqual(page.errors, []);
});

test('touch-screen hardening: 48 px targets, no selection, no context menu, no zoom, a way home', async () => {
  const page = await open(context, '?mode=kiosk');
  await startBrowsing(page);
  const smallTargets = () => page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], select, input:not([type=checkbox]):not([type=radio]), .facet-value label')) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (r.height < 47.5 || r.width < 47.5) out.push(`${el.tagName}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  assert.deepEqual(await smallTargets(), [], 'every touch target on the results is at least 48 × 48');
  const css = await page.evaluate(() => ({
    body: getComputedStyle(document.body).userSelect,
    input: getComputedStyle(document.querySelector('#q')).userSelect,
    touch: getComputedStyle(document.querySelector('.results .card')).touchAction,
    sticky: getComputedStyle(document.querySelector('.site-header')).position,
  }));
  assert.equal(css.body, 'none');
  assert.notEqual(css.input, 'none');
  assert.equal(css.touch, 'pan-x pan-y');
  assert.equal(css.sticky, 'sticky', 'home and navigation stay in reach');
  const menuBlocked = await page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    return !document.querySelector('.results .card').dispatchEvent(e);
  });
  assert.ok(menuBlocked, 'the context menu is suppressed');
  await page.click('.results .card .card-title a');
  await page.waitForSelector('.seed h1');
  assert.deepEqual(await smallTargets(), [], 'every touch target on the seed page is at least 48 × 48');
  assert.equal(await page.locator('.print:visible, .copy-link:visible').count(), 0, 'no print or copy on a kiosk');
  assert.equal(await page.locator('.detail .back:visible').count(), 1, 'a way back from the seed page');
});

test('five taps in the top-left corner and the staff PIN open the staff screen, which leaves kiosk mode', async () => {
  const page = await open(context, '?mode=kiosk&idle=600');
  await startBrowsing(page);
  for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
  const pad = page.locator('.kiosk-pin');
  await pad.waitFor();
  for (const d of '9999') await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('.pin-ok');
  await page.waitForSelector('.kiosk-pin-error:has-text("暗証番号が違います")');
  assert.ok(page.url().includes('mode=kiosk'));
  for (const d of '1234') await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('.pin-ok');
  // The staff screen: its sections (the set-up check first), not the PIN pad, still a kiosk.
  await page.waitForSelector('.staff .setup-check');
  await page.waitForSelector('.staff .staff-kiosk');
  assert.equal(await page.locator('.kiosk-pin').count(), 0);
  assert.ok(page.url().includes('mode=kiosk'), 'still a kiosk on the staff screen');
  // Back to the kiosk, then the staff screen again and out.
  await page.click('.staff-close');
  await page.waitForSelector('.staff', { state: 'detached' });
  for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
  for (const d of '1234') await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('.pin-ok');
  await page.waitForSelector('.staff .staff-kiosk');
  await Promise.all([page.waitForNavigation(), page.click('.staff-leave')]);
  await page.waitForSelector('.results .card');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('mode'), null);
  assert.equal(url.searchParams.get('idle'), null);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('kiosk')), false);
  assert.equal(await page.locator('.attract').count(), 0);
  // In standard mode five corner taps do nothing.
  for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
  assert.equal(await page.locator('.kiosk-pin').count(), 0);
});

test('a kiosk that resets again and again keeps the same number of listeners and timers', async () => {
  const page = await open(context, '?mode=kiosk&idle=1&countdown=1');
  const cycle = async () => {
    await startBrowsing(page);
    await page.fill('#q', 'AI');
    await page.click('.results .card .card-title a');
    await page.waitForSelector('.seed h1');
    await page.waitForSelector('.attract', { timeout: 6000 });
    await page.waitForTimeout(300);
    return page.evaluate(() => window.__live());
  };
  const first = await cycle();
  const second = await cycle();
  const third = await cycle();
  assert.deepEqual(second, first, `after reset 2: ${JSON.stringify(second)} vs ${JSON.stringify(first)}`);
  assert.deepEqual(third, first, `after reset 3: ${JSON.stringify(third)}`);
  assert.ok(first.intervals <= 3, `live intervals: ${first.intervals}`);
  assert.deepEqual(page.errors, []);
  // Sanity: the engine agrees the catalogue is there.
  assert.ok(engineIds('AI').length > 0);
});

test('config.json can turn kiosk mode on, with its own PIN and featured seeds', async () => {
  // Service workers are blocked so the config.json route below answers every request.
  const own = await launch({ serviceWorkers: 'block' });
  try {
    const featured = engineIds('', 200).slice(-2);
    const page = await own.newPage();
    await page.route('**/config.json', (route) => route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ kiosk: { enabled: true, idle_seconds: 600, pin: '2580', featured } }),
    }));
    await page.goto(BASE_URL);
    await startBrowsingFrom(page, featured);
    for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
    await page.waitForSelector('.kiosk-pin');
    for (const d of '1234') await page.click(`.pin-key[data-key="${d}"]`);
    await page.click('.pin-ok');
    await page.waitForSelector('.kiosk-pin-error:has-text("暗証番号が違います")');
    for (const d of '2580') await page.click(`.pin-key[data-key="${d}"]`);
    await page.click('.pin-ok');
    await Promise.all([page.waitForNavigation(), page.click('.staff-leave')]);
    await page.waitForSelector('.results .card');
    assert.equal(new URL(page.url()).searchParams.get('mode'), 'standard', 'the config would turn the kiosk straight back on');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('kiosk')), false);
  } finally {
    await own.close();
  }
});

/** The attract screen shows only `featured` seeds; then starts browsing. */
async function startBrowsingFrom(page, featured) {
  await page.waitForSelector('.attract .attract-seed');
  assert.equal(await page.locator('.attract-dot').count(), featured.length);
  assert.ok(featured.includes(await page.getAttribute('.attract-seed', 'data-seed')));
  await startBrowsing(page);
}
