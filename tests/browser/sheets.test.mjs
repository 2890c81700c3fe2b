// A catalogue built from one real sheet as it was sent (tests/cli/sheets/kaken: a KAKEN
// export, read with its mapping sheet): its seeds have no field, no summary and no update date,
// and its institution, created from the sheet, has no region. They are still listed and found,
// and the facet panel offers the missing value as 未設定 / Not given.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DIST_DIR, SEEDS_BIN, launch, open, waitForAddress } from './lib.mjs';

const SHEETS = 'tests/cli/sheets/kaken';
const BUNDLE = 'sheet-kaken.json';
const SEEDS = 150;

let context;
before(async () => {
  execFileSync(SEEDS_BIN, [
    'build', '--mapping', join(SHEETS, 'kaken-export.mapping.csv'), join(SHEETS, 'kaken-export.csv'),
    '-o', join(DIST_DIR, BUNDLE),
  ], { stdio: 'pipe' });
  context = await launch();
});
after(async () => { await context?.close(); });

/** The label and count of one value of a facet in the panel. */
async function facetValue(page, facet, value) {
  const item = page.locator(`.facet[data-facet="${facet}"] .facet-value:has(input[data-value="${value}"])`);
  return {
    label: (await item.locator('.facet-label').textContent()).trim(),
    count: Number(await item.locator('.facet-count').textContent()),
  };
}

test('seeds without a field or region are listed and searchable, and the panel shows 未設定 / Not given', async () => {
  const page = await open(context, `?bundle=${BUNDLE}`);
  await page.waitForSelector('.results .card');
  assert.match(await page.textContent('.result-count'), new RegExp(`^${SEEDS}\\D`), 'every seed is listed');
  await page.waitForSelector('.facet[data-facet="fields"]');
  assert.deepEqual(await facetValue(page, 'fields', 'unset'), { label: '未設定', count: SEEDS });
  assert.deepEqual(await facetValue(page, 'region', 'unset'), { label: '未設定', count: SEEDS });
  assert.deepEqual(await facetValue(page, 'stage', 'basic'), { label: '基礎研究', count: SEEDS }, 'the constant of the mapping sheet');
  assert.equal(await page.locator('.facet[data-facet="stage"] input[data-value="unset"]').count(), 0, 'a stage every seed has shows no 未設定');

  await page.check('.facet[data-facet="fields"] input[data-value="unset"]');
  await waitForAddress(page, 'fields', 'unset');
  assert.match(await page.textContent('.result-count'), new RegExp(`^${SEEDS}\\D`), 'the value filters like any other');

  const title = '非標準的遺伝子四重鎖への効果的薬剤送達を基盤とする新規光線力学療法の開発';
  const found = await open(context, `?bundle=${BUNDLE}&q=${encodeURIComponent('光線力学療法')}`);
  await found.waitForSelector('.results .card');
  assert.ok((await found.$$eval('.results .card', (cards) => cards.map((c) => c.dataset.seed))).includes('22K12760'), 'found by a title word');
  await found.click('.results .card[data-seed="22K12760"] .card-title a');
  await found.waitForSelector('.seed h1');
  assert.equal((await found.textContent('.seed h1')).trim(), title);
  const details = await found.textContent('.seed');
  assert.match(details, /ポリマーミセル/, 'keywords split on " / " are shown');
  assert.match(details, /未設定/, 'the missing update date and region read 未設定');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(found.errors, []);
});

test('in English the missing value reads Not given', async () => {
  const page = await open(context, `?bundle=${BUNDLE}&lang=en`);
  await page.waitForSelector('.facet[data-facet="fields"]');
  assert.deepEqual(await facetValue(page, 'fields', 'unset'), { label: 'Not given', count: SEEDS });
  assert.deepEqual(page.errors, []);
});
