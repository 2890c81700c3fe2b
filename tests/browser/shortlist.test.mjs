// The shortlist: saved from a card or a seed page (aria-pressed toggles), kept across reloads,
// a corrupt stored value resets with a notice, a full storage keeps the list for the visit
// with a notice, a full shortlist (100 seeds) says so, the shortlist view prints and shows a QR code of a link that reopens the same
// list elsewhere, where it can be saved.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, decodeQr, engineIds, launch, open } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const KEY = 'seed-explorer.shortlist';
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), KEY);

test('saving from a card and a seed page; the list survives a reload', async () => {
  const page = await open(context);
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.reload();
  await page.waitForSelector('.results .card');
  const [a, b] = engineIds('', 2);
  const toggle = `.card[data-seed="${a}"] .shortlist-toggle`;
  assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'false');
  await page.click(toggle);
  assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'true');
  await page.click(`.card[data-seed="${b}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  await page.click('.seed-tools .shortlist-toggle');
  assert.equal(await page.getAttribute('.seed-tools .shortlist-toggle', 'aria-pressed'), 'true');
  assert.deepEqual((await stored(page)).ids, [a, b]);
  assert.match(await page.textContent('.nav-shortlist'), /2/);

  await page.reload();
  await page.waitForSelector('.seed h1');
  assert.equal(await page.getAttribute('.seed-tools .shortlist-toggle', 'aria-pressed'), 'true');
  await page.click('.nav-shortlist');
  await page.waitForSelector('.shortlist-item');
  assert.deepEqual(await page.$$eval('.shortlist-item', (x) => x.map((i) => i.dataset.seed)), [a, b]);
  assert.equal(new URL(page.url()).searchParams.get('view'), 'shortlist');

  // Unsaving from the list removes it there and in storage; focus stays on the page.
  await page.focus(`.shortlist-item[data-seed="${a}"] .shortlist-toggle`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => !document.querySelector(`.shortlist-item[data-seed="${id}"]`), a);
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading');
  assert.deepEqual((await stored(page)).ids, [b]);
  assert.deepEqual(page.errors, []);
});

test('the shortlist QR code carries a link that reopens the same list, which can be saved', async () => {
  const ids = engineIds('がん', 3);
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids })]);
  await page.goto(new URL('?view=shortlist', BASE_URL).href);
  await page.waitForSelector('.shortlist-qr .qr svg');
  const expected = `${BASE_URL}?view=shortlist&ids=${ids.map(encodeURIComponent).join(',')}`;
  assert.equal(await page.getAttribute('.shortlist-qr .qr', 'data-url'), expected);
  assert.equal(await decodeQr(page, '.shortlist-qr .qr svg'), expected);

  // Another device (nothing saved yet) opens the link: it shows the seeds and offers to save.
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  {
    const other = await open(context, expected.replace(BASE_URL, ''));
    await other.waitForSelector('.shortlist-item');
    assert.deepEqual(await other.$$eval('.shortlist-item', (x) => x.map((i) => i.dataset.seed)), ids);
    assert.match(await other.textContent('h1'), /共有/);
    assert.equal(await other.evaluate((k) => localStorage.getItem(k), KEY), null);
    await other.click('.save-shared');
    await other.waitForSelector('.toast');
    assert.match(await other.textContent('.toast'), /3 件/);
    assert.deepEqual((await stored(other)).ids, ids);
    await other.click('.show-own');
    await other.waitForFunction(() => !new URL(location.href).searchParams.has('ids'));
    assert.deepEqual(await other.$$eval('.shortlist-item', (x) => x.map((i) => i.dataset.seed)), ids);
  }
});

test('print all prints the list with its QR code and without buttons', async () => {
  const ids = engineIds('抗体', 4);
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids })]);
  await page.goto(new URL('?view=shortlist', BASE_URL).href);
  await page.waitForSelector('.shortlist-item');
  assert.ok(await page.isVisible('.print-all'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.site-header'), false);
  assert.equal(await page.isVisible('.toolbar'), false);
  assert.equal(await page.isVisible('.shortlist-item .shortlist-toggle'), false);
  assert.equal(await page.isVisible('.shortlist-qr svg'), true);
  assert.equal(await page.locator('.shortlist-item').count(), ids.length);
  for (const id of ids) assert.ok(await page.isVisible(`.shortlist-item[data-seed="${id}"] .item-summary`));
});

test('a corrupt or foreign stored value resets the list with a notice, not a crash', async () => {
  for (const bad of ['{not json', '["a","b"]', JSON.stringify({ format: 'something-else', version: 1, ids: ['x'] })]) {
    const page = await open(context);
    await page.waitForSelector('.results .card');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, bad]);
    await page.reload();
    await page.waitForSelector('.results .card');
    await page.waitForSelector('.toast');
    assert.match(await page.textContent('.toast'), /保存リスト/);
    assert.deepEqual((await stored(page)).ids, [], 'the bad value is replaced');
    assert.equal(page.errors.filter((e) => !/shortlist reset/.test(e)).length, 0, JSON.stringify(page.errors));
    await page.click('.toast .link-button');
    assert.equal(await page.locator('.toast').count(), 0);
    await page.close();
  }
});

test('with the storage full the shortlist works for the visit, says it is not kept, and is saved once there is room', async () => {
  const page = await open(context);
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.reload();
  await page.waitForSelector('.results .card');
  // Junk fills the site's storage to the last byte; the shortlist's value cannot fit.
  const junk = await page.evaluate(() => {
    const keys = [];
    for (let size = 2 ** 20; size >= 1; size /= 2) {
      for (;;) {
        try {
          localStorage.setItem(`junk-${keys.length}`, 'x'.repeat(size));
          keys.push(`junk-${keys.length}`);
        } catch (e) {
          if (e.name !== 'QuotaExceededError') throw e;
          break;
        }
      }
    }
    return keys;
  });
  try {
    assert.ok(junk.length > 0);
    const [a, b] = engineIds('', 2);
    await page.click(`.card[data-seed="${a}"] .shortlist-toggle`);
    await page.waitForSelector('.toast');
    assert.match(await page.textContent('.toast'), /保存領域がいっぱい/);
    assert.equal(await stored(page), null, 'nothing was written');
    await page.click('.lang-switch');
    await page.waitForFunction(() => /storage is full/.test(document.querySelector('.toast')?.textContent));
    // The list works in memory for the rest of the visit.
    await page.click(`.card[data-seed="${b}"] .shortlist-toggle`);
    assert.equal(await page.getAttribute(`.card[data-seed="${b}"] .shortlist-toggle`, 'aria-pressed'), 'true');
    await page.click('.nav-shortlist');
    await page.waitForSelector('.shortlist-item');
    assert.deepEqual(await page.$$eval('.shortlist-item', (x) => x.map((i) => i.dataset.seed)), [a, b]);

    // With room again, the next change saves the whole list, which a reload brings back.
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), junk);
    await page.click(`.shortlist-item[data-seed="${a}"] .shortlist-toggle`);
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
    assert.deepEqual((await stored(page)).ids, [b]);
    await page.reload();
    await page.waitForSelector('.shortlist-item');
    assert.deepEqual(await page.$$eval('.shortlist-item', (x) => x.map((i) => i.dataset.seed)), [b]);
    assert.deepEqual(page.errors, [], 'no console error, no panic');
  } finally {
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), junk);
  }
});

test('an empty shortlist explains how to add seeds', async () => {
  const page = await open(context);
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.goto(new URL('?view=shortlist', BASE_URL).href);
  await page.waitForSelector('.shortlist-view .empty');
  assert.match(await page.textContent('.shortlist-view .empty'), /保存/);
  assert.equal(await page.locator('.shortlist-qr').count(), 0);
});

test('a full shortlist says so instead of silently not saving', async () => {
  const all = engineIds('', 200);
  const full = all.slice(0, 100);
  const extra = all.find((id) => !full.includes(id));
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids: full })]);
  await page.goto(new URL(`?seed=${extra}`, BASE_URL).href);
  await page.waitForSelector('.seed h1');
  await page.click('.seed-tools .shortlist-toggle');
  await page.waitForSelector('.notice-area :text("保存リストがいっぱいです")');
  assert.match(await page.textContent('.notice-area'), /100/);
  assert.equal(await page.getAttribute('.seed-tools .shortlist-toggle', 'aria-pressed'), 'false');
  assert.equal((await stored(page)).ids.length, 100);
  // Removing one makes room again.
  await page.goto(new URL(`?seed=${full[0]}`, BASE_URL).href);
  await page.waitForSelector('.seed h1');
  await page.click('.seed-tools .shortlist-toggle');
  await page.goto(new URL(`?seed=${extra}`, BASE_URL).href);
  await page.waitForSelector('.seed h1');
  await page.click('.seed-tools .shortlist-toggle');
  assert.equal(await page.getAttribute('.seed-tools .shortlist-toggle', 'aria-pressed'), 'true');
  assert.ok((await stored(page)).ids.includes(extra));
  assert.deepEqual(page.errors, []);
});
