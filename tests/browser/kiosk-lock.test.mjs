// A kiosk fails closed: broken PIN or kiosk settings in config.json (or a config.json that does
// not parse) keep it a kiosk, locked, with the reason on screen for staff — never the public
// default PIN, never the normal explorer. Wrong PINs make the pad wait longer and longer. The
// browser's shortcuts that print, save, open, find or navigate, and modified or middle clicks
// that would open a tab or window or download, do nothing on a kiosk.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch } from './lib.mjs';

let context;
// Service workers are blocked so the config.json routes below answer every request.
before(async () => { context = await launch({ serviceWorkers: 'block' }); });
after(async () => { await context.close(); });

/** Opens `path` with config.json answered by `config` (a string, or undefined for the shipped file). */
async function kiosk(path, config) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  if (config !== undefined) {
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: config }));
  }
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(new URL(path, BASE_URL).href);
  await page.waitForSelector('.attract .attract-cta');
  return page;
}

async function openPad(page) {
  for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
  await page.waitForSelector('.kiosk-pin');
}

/** Presses the PIN keys even when they are disabled (as a determined visitor would try). */
async function forcePin(page, digits) {
  for (const d of digits) await page.$eval(`.pin-key[data-key="${d}"]`, (b) => b.click());
  await page.$eval('.pin-ok', (b) => b.click());
  await page.waitForTimeout(300);
}

async function waitForText(page, selector, pattern) {
  await page.waitForFunction(([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''), [selector, pattern.source]);
}

const isKiosk = (page) => page.evaluate(() => document.documentElement.classList.contains('kiosk'));
/** Still a kiosk and the staff screen (what the right PIN opens) not open. */
const locked = async (page) => (await isKiosk(page)) && (await page.locator('.staff').count()) === 0;

for (const [name, config] of [
  ['a PIN with a space', { kiosk: { enabled: true, pin: '12 34' } }],
  ['a PIN in full-width digits', { kiosk: { enabled: true, pin: '１２３４' } }],
  ['a PIN too short', { kiosk: { enabled: true, pin: '12' } }],
  ['a PIN too long', { kiosk: { enabled: true, pin: '123456789' } }],
  ['kiosk.enabled that is not a boolean', { kiosk: { enabled: 'yes', pin: '2580' } }],
  ['a config.json that does not parse', '{"kiosk": {"enabled": true, "pin": "2580",}'],
]) {
  test(`${name} keeps the kiosk locked with a visible settings error, never the default PIN`, async () => {
    const page = await kiosk('', typeof config === 'string' ? config : JSON.stringify(config));
    assert.ok(await isKiosk(page), 'still a kiosk');
    const fault = await page.textContent('.kiosk-fault');
    assert.match(fault, /設定エラー/);
    assert.match(fault, /Settings error/);
    await openPad(page);
    assert.match(await page.textContent('.kiosk-pin-error'), /Settings error/);
    assert.ok(await page.isDisabled('.pin-key[data-key="1"]'), 'the keys are off');
    for (const pin of ['1234', '2580']) {
      await forcePin(page, pin);
      assert.ok(await locked(page), `${pin} does not open it`);
      assert.notEqual(new URL(page.url()).searchParams.get('mode'), 'standard');
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('after three wrong PINs each try waits longer, with a lockout message, even across a closed pad', async () => {
  const page = await context.newPage();
  await page.clock.install();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(new URL('?mode=kiosk&idle=3600', BASE_URL).href);
  await page.waitForSelector('.attract .attract-cta');
  await openPad(page);
  const tryPin = async (pin) => {
    for (const d of pin) await page.click(`.pin-key[data-key="${d}"]`);
    await page.click('.pin-ok');
  };
  await tryPin('9999');
  await page.waitForSelector('.kiosk-pin-error:has-text("暗証番号が違います")');
  await tryPin('9998');
  await tryPin('9997');
  await waitForText(page, '.kiosk-pin-error', /あと (30|2\d) 秒/);
  assert.ok(await page.isDisabled('.pin-key[data-key="1"]'));
  await forcePin(page, '1234');
  assert.ok(await locked(page), 'the right PIN is refused while locked');
  // Closing and reopening the pad does not start the count again.
  await page.click('.kiosk-pin .kiosk-close');
  await openPad(page);
  assert.match(await page.textContent('.kiosk-pin-error'), /あと \d+ 秒/);
  await page.clock.fastForward(31_000);
  await page.waitForFunction(() => !document.querySelector('.pin-key[data-key="1"]').disabled);
  await tryPin('9996');
  await waitForText(page, '.kiosk-pin-error', /あと (60|5\d) 秒/);
  await page.clock.fastForward(61_000);
  await page.waitForFunction(() => !document.querySelector('.pin-key[data-key="1"]').disabled);
  await tryPin('1234');
  await page.waitForSelector('.staff .staff-kiosk');
  await Promise.all([page.waitForNavigation(), page.click('.staff-leave')]);
  await page.waitForSelector('.results .card');
  assert.equal(await isKiosk(page), false);
  await page.close();
});

test('shortcuts that print, save, open, find or navigate are blocked; typing in the search box is not', async () => {
  const page = await kiosk('?mode=kiosk&idle=3600');
  await page.click('.attract-cta');
  await page.waitForSelector('.results .card');
  await page.evaluate(() => {
    window.__keys = [];
    window.addEventListener('keydown', (e) => window.__keys.push(e.defaultPrevented));
  });
  const blocked = [
    'Control+p', 'Meta+p', 'Control+s', 'Meta+s', 'Control+o', 'Control+f', 'Meta+f', 'Control+g', 'Control+h',
    'Control+j', 'Control+d', 'Control+u', 'Control+l', 'Control+r', 'Control+Shift+I', 'Control+Equal', 'Control+Minus',
    'Alt+ArrowLeft', 'Alt+ArrowRight', 'Alt+Home', 'F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12',
  ];
  const notBlocked = [];
  for (const combo of blocked) {
    await page.evaluate(() => { document.activeElement?.blur(); window.__keys = []; });
    await page.keyboard.press(combo);
    const prevented = await page.evaluate(() => window.__keys.at(-1));
    if (prevented !== true) notBlocked.push(combo);
  }
  assert.deepEqual(notBlocked, []);
  assert.equal(new URL(page.url()).searchParams.get('mode'), 'kiosk', 'still on the kiosk page');
  await page.fill('#q', '');
  await page.focus('#q');
  await page.evaluate(() => { window.__keys = []; });
  await page.keyboard.type('abc');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('がん');
  assert.equal(await page.inputValue('#q'), 'がん');
  assert.deepEqual(await page.evaluate(() => window.__keys.filter(Boolean)), [], 'no typing or editing key was cancelled');
  await page.close();
});

test('ctrl, shift, meta, alt and middle clicks on a link open no tab, window or download', async () => {
  const page = await kiosk('?mode=kiosk&idle=3600');
  await page.click('.attract-cta');
  await page.waitForSelector('.results .card');
  const opened = [];
  context.on('page', (p) => opened.push(p.url()));
  const downloads = [];
  page.on('download', (d) => downloads.push(d.url()));
  const before = page.url();
  const link = '.results .card .card-title a';
  for (const modifiers of [['Control'], ['Shift'], ['Meta'], ['Alt'], ['Control', 'Shift']]) {
    await page.click(link, { modifiers });
  }
  await page.click(link, { button: 'middle' });
  await page.waitForTimeout(1000);
  assert.deepEqual(opened, [], 'no new tab or window');
  assert.deepEqual(downloads, [], 'no download');
  assert.equal(page.url(), before, 'nothing was opened in the kiosk either');
  // A plain touch still opens the seed.
  await page.click(link);
  await page.waitForSelector('.seed h1');
  await page.close();
});
