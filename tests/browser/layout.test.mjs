// Layouts: each main view at a phone (375 px), a laptop (1366 px), a full-HD screen and a
// portrait kiosk screen (1080×1920). A screenshot of each goes to tests/browser/artifacts/ to be
// looked at; the test fails on horizontal scrolling or content wider than the screen.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { engineIds, engineMatches, launch, open } from './lib.mjs';

const OUT = process.env.SCREENSHOT_DIR ?? join('tests', 'browser', 'artifacts');
mkdirSync(OUT, { recursive: true });

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const KEY = 'seed-explorer.shortlist';
const ids = engineIds('がん', 4);
const sizes = [[375, 812], [1366, 768], [1920, 1080], [1080, 1920]];
const views = [
  ['browse', `?q=${encodeURIComponent('がん')}&stage=clinical,preclinical`, '.results .card'],
  ['seed', `?seed=${ids[0]}`, '.seed .qr'],
  ['shortlist', '?view=shortlist', '.shortlist-item'],
  ['needs', `?view=needs&needs=${encodeURIComponent('心不全や転倒を早期に検知するウェアラブルセンサーを探しています')}`, '.needs-results .card'],
  ['overview', '?view=overview', '.chart'],
];

for (const [w, h] of sizes) {
  test(`every view fits ${w}×${h}`, async () => {
    const page = await open(context);
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids })]);
    for (const lang of ['ja', 'en']) {
      for (const [name, path, ready] of views) {
        await page.goto(new URL(`${path}&lang=${lang}`, page.url()).href);
        await page.waitForSelector(ready);
        await page.evaluate(() => document.fonts.ready);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} (${lang}) scrolls sideways by ${overflow}px at ${w}px`);
        const wide = await page.$$eval('main *, header *', (els) => els
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
          .filter((e) => !e.closest('.site-nav ul'))
          .map((e) => e.tagName + '.' + e.className).slice(0, 5));
        assert.deepEqual(wide, [], `${name} (${lang}) at ${w}px`);
        await page.screenshot({ path: join(OUT, `${name}-${lang}-${w}x${h}.png`), fullPage: w < 600 || name !== 'browse' });
      }
    }
    assert.deepEqual(page.errors, []);
  });
}

test('on a phone (390×844) the open filter panel is compact and ends in a sticky "N 件を表示"', async () => {
  const q = 'がん';
  const page = await open(context, `?q=${encodeURIComponent(q)}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForSelector('.results .card');
  assert.equal(await page.isVisible('.facets-done'), false, 'folded: no button');
  await page.click('.facets-toggle');
  await page.waitForSelector('.facet[data-facet="stage"]');
  const count = engineMatches(q, 1000).length;
  assert.equal((await page.textContent('.facets-done')).trim(), `${count} 件を表示`);
  const height = await page.evaluate(() => document.querySelector('#facet-groups').getBoundingClientRect().height);
  assert.ok(height < 1500, `the open panel is ${Math.round(height)} px tall`);
  // Halfway down the panel the button is still at the bottom of the screen.
  await page.evaluate(() => {
    const panel = document.querySelector('#facet-groups').getBoundingClientRect();
    window.scrollBy(0, panel.top + panel.height / 2 - innerHeight / 2);
  });
  const button = await page.evaluate(() => document.querySelector('.facets-done').getBoundingClientRect().toJSON());
  assert.ok(button.bottom <= 844 && button.bottom > 844 - 90, `button at ${Math.round(button.top)}–${Math.round(button.bottom)}`);
  await page.screenshot({ path: join(OUT, 'phone-filters-390x844.png') });
  // Ticking a value updates the count; the button folds the panel and shows the results.
  const stage = await page.getAttribute('.facet[data-facet="stage"] .facet-value:not(.zero) input >> nth=0', 'value');
  await page.click(`.facet[data-facet="stage"] input[value="${stage}"]`);
  const narrowed = engineMatches(q, 1000, { stage }).length;
  await page.waitForFunction((n) => document.querySelector('.facets-done').textContent.trim() === `${n} 件を表示`, narrowed);
  await page.click('.facets-done');
  await page.waitForSelector('.facet-groups:not(.open)', { state: 'hidden' });
  // The focus moves to the heading in the frame after the panel folds.
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading', null, { timeout: 5000 });
  assert.equal((await page.textContent('.facets-toggle')).trim(), '絞り込み（1）');
  const first = await page.evaluate(() => document.querySelector('.results .card').getBoundingClientRect().top);
  assert.ok(first < 844, 'the results are in view');
  await page.goto(new URL(`?q=${encodeURIComponent(q)}&lang=en`, page.url()).href);
  await page.click('.facets-toggle');
  assert.equal((await page.textContent('.facets-done')).trim(), `Show ${count} results`);
  assert.deepEqual(page.errors, []);
});
