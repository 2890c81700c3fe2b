// Accessibility: axe-core reports no violations on the main views in both languages, and a
// visitor with only a keyboard can find a seed, shortlist it and come back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { engineIds, launch, open, waitForAddress } from './lib.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const KEY = 'seed-explorer.shortlist';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

/** Runs axe on the page (its source evaluated through the driver: the CSP forbids injected scripts). */
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
}

const ids = engineIds('がん', 3);
const views = [
  ['browse', `?q=${encodeURIComponent('がん')}&stage=clinical`, '.results .card'],
  ['browse, nothing found', `?q=${encodeURIComponent('カテーテル')}&stage=basic&ip_status=none`, '.empty'],
  ['seed page', `?seed=${ids[0]}`, '.seed .qr'],
  ['shortlist', '?view=shortlist', '.shortlist-item'],
  ['shared shortlist', `?view=shortlist&ids=${ids.join(',')}`, '.shortlist-item'],
  ['needs', `?view=needs&needs=${encodeURIComponent('がんの早期診断に使えるAI画像解析')}`, '.needs-results .card'],
  ['overview', '?view=overview', '.chart'],
];

for (const lang of ['ja', 'en']) {
  for (const [name, path, ready] of views) {
    test(`axe finds no violations: ${name} (${lang})`, async () => {
      const page = await open(context, `${path}&lang=${lang}`);
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids })]);
      await page.reload();
      await page.waitForSelector(ready);
      assert.deepEqual(await audit(page), []);
      await page.close();
    });
  }
}

test('axe finds no violations with the filter panel open on a phone', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('がん'));
  await page.setViewportSize({ width: 375, height: 800 });
  await page.click('.facets-toggle');
  await page.waitForSelector('.facet-groups.open');
  assert.deepEqual(await audit(page), []);
});

/** Presses Tab (or Shift+Tab) until `selector` has focus (at most `max` times). */
async function tabTo(page, selector, max = 250, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`never reached ${selector} by Tab`);
}

test('keyboard only: search, filter, open a seed, shortlist it, come back, open the shortlist', async () => {
  const page = await open(context);
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.reload();
  await page.waitForSelector('.results .card');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'the skip link comes first');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-heading');

  await tabTo(page, '#q', 250, 'Shift+Tab');
  await page.keyboard.type('がん');
  await waitForAddress(page, 'q', 'がん');
  await tabTo(page, 'input[data-value="clinical"]');
  await page.keyboard.press('Space');
  const list = engineIds('がん', 50, { stage: ['clinical'] });
  await page.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, list.length);
  assert.ok(await page.evaluate(() => document.activeElement.matches('input[data-value="clinical"]')), 'focus stays on the checkbox');

  await tabTo(page, `.card[data-seed="${list[0]}"] .card-title a`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.seed h1');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-heading');
  await tabTo(page, '.seed-tools .shortlist-toggle', 20);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('.seed-tools .shortlist-toggle', 'aria-pressed'), 'true');

  await page.keyboard.press('Shift+Tab');
  await tabTo(page, '.detail .back', 60);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.closest('.card')?.dataset.seed === id, list[0]);

  await tabTo(page, '.nav-shortlist', 250, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.shortlist-item[data-seed="${list[0]}"]`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-heading');
  assert.equal(new URL(page.url()).searchParams.get('view'), 'shortlist');
});

test('every button and link in the main views is at least 44 px tall', async () => {
  const page = await open(context, `?q=${encodeURIComponent('がん')}&stage=clinical`);
  await page.waitForSelector('.results .card');
  const small = await page.$$eval('button, select, input, .nav-link, .suggestion, .bar-row', (els) => els
    .filter((e) => e.offsetParent !== null && e.type !== 'checkbox')
    .filter((e) => e.getBoundingClientRect().height < 44)
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(small, []);
});
