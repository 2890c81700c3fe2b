// Layouts: each main view at a phone (375 px), a laptop (1366 px), a full-HD screen and a
// portrait kiosk screen (1080×1920). A screenshot of each goes to tests/browser/artifacts/ to be
// looked at; the test fails on horizontal scrolling or content wider than the screen.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { engineIds, launch, open } from './lib.mjs';

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
