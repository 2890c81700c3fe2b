// The soak's leak diagnosis (heap.mjs) on a page with a known leak: a detached list kept in a
// global is found and its holder named, and once let go it is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { detachedRetainers, takeHeapSnapshot } from './heap.mjs';
import { launch } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

test('a detached list kept in a global variable is reported with the path that holds it, and not once released', async () => {
  const page = await context.newPage();
  await page.setContent(`<main><ul>${'<li>seed</li>'.repeat(20)}</ul></main>`);
  await page.evaluate(() => {
    const list = document.querySelector('ul');
    window.keptByTheTest = { lastList: list };
    list.remove();
  });
  const cdp = await context.newCDPSession(page);
  const held = detachedRetainers(await takeHeapSnapshot(cdp));
  assert.ok(held.total >= 1, JSON.stringify(held));
  assert.match(held.paths[0].path, /keptByTheTest → Object ⟶ lastList → <ul>$/);

  await page.evaluate(() => { delete window.keptByTheTest; });
  assert.deepEqual(detachedRetainers(await takeHeapSnapshot(cdp)), { total: 0, paths: [] });
});
