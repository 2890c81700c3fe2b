// Browse: the facet panel's counts agree with the engine (`seeds query --filter`) after
// selections, zero-count values are disabled, active filters are removable chips, sorting,
// highlighted titles, the empty state's ways out, the relaxed-query notice and paging.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DIST_DIR, SEEDS_BIN, cardIds, engineIds, engineMatches, engineRows, launch, open, waitForCards } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const ALL = 100000;

/** Facet key → value → count as the panel shows it. */
async function panelCounts(page) {
  return page.$$eval('.facet', (groups) => Object.fromEntries(groups.map((g) => [
    g.dataset.facet,
    Object.fromEntries([...g.querySelectorAll('.facet-value')].map((v) => [
      v.querySelector('input').dataset.value,
      { count: Number(v.querySelector('.facet-count').textContent), disabled: v.querySelector('input').disabled, checked: v.querySelector('input').checked },
    ])),
  ])));
}

/** The count a facet value should show: the query with the other facets' selections and this value. */
function expectedCount(query, selected, key, value) {
  const filters = { ...selected };
  delete filters[key];
  filters[key] = [value];
  return engineMatches(query, ALL, filters).length;
}

test('facet counts match the engine after selections, and zero counts are disabled', async () => {
  const query = 'がん';
  const page = await open(context, '?q=' + encodeURIComponent(query));
  await waitForCards(page, engineIds(query, 50));
  await page.check('.facet[data-facet="stage"] input[data-value="clinical"]');
  await page.check('.facet[data-facet="fields"] input[data-value="drug"]');
  const selected = { stage: ['clinical'], fields: ['drug'] };
  const expected = engineIds(query, ALL, selected);
  await waitForCards(page, expected.slice(0, 50));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('stage'), 'clinical');
  assert.equal(url.searchParams.get('fields'), 'drug');
  assert.match(await page.textContent('.result-count'), new RegExp(`^${engineMatches(query, ALL, selected).length}\\D`));

  const counts = await panelCounts(page);
  for (const key of ['fields', 'stage', 'ip_status', 'collaboration']) {
    assert.ok(Object.keys(counts[key] ?? {}).length > 0, `facet ${key} is shown`);
    for (const [value, shown] of Object.entries(counts[key])) {
      const want = expectedCount(query, selected, key, value);
      assert.equal(shown.count, want, `${key}=${value}`);
      assert.equal(shown.disabled, want === 0 && !shown.checked, `${key}=${value} disabled iff zero`);
    }
  }
  // The selected facet's other values keep their counts (OR within a facet).
  assert.ok(Object.values(counts.stage).filter((v) => !v.checked && v.count > 0).length > 0);
  assert.deepEqual(page.errors, []);
});

test('institution and region facets count like the engine too', async () => {
  const page = await open(context, '?fields=device');
  const selected = { fields: ['device'] };
  await waitForCards(page, engineIds('', 50, selected));
  const counts = await panelCounts(page);
  for (const key of ['institution', 'region']) {
    for (const [value, shown] of Object.entries(counts[key])) {
      assert.equal(shown.count, expectedCount('', selected, key, value), `${key}=${value}`);
    }
  }
});

test('active filters are chips that remove themselves; clear all empties them', async () => {
  const page = await open(context, '?stage=basic,poc&fields=drug');
  await page.waitForSelector('.chips .chip');
  assert.equal(await page.locator('.chips .chip').count(), 3);
  assert.match(await page.getAttribute('.chip[data-value="poc"]', 'aria-label'), /概念実証/);
  await page.click('.chip[data-value="poc"]');
  await waitForCards(page, engineIds('', 50, { stage: ['basic'], fields: ['drug'] }));
  assert.equal(await page.locator('.chips .chip').count(), 2);
  assert.equal(await page.isChecked('.facet[data-facet="stage"] input[data-value="poc"]'), false);
  await page.click('.chips .clear-all');
  await waitForCards(page, engineIds('', 50));
  assert.equal(await page.locator('.chips').count(), 0);
  assert.equal(new URL(page.url()).search, '');
});

test('the sort menu orders results like the engine', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('抗体'));
  await waitForCards(page, engineIds('抗体', 50));
  for (const sort of ['newest', 'title', 'institution', 'relevance']) {
    await page.selectOption('#sort', sort);
    await waitForCards(page, engineIds('抗体', 50, {}, sort));
    assert.equal(new URL(page.url()).searchParams.get('sort'), sort === 'relevance' ? null : sort);
  }
});

test('titles and snippets highlight the query with <mark>, as text', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('カテーテル'));
  await page.waitForSelector('.results .card');
  const marks = await page.$$eval('.results .card-title mark', (m) => m.map((x) => x.textContent));
  assert.ok(marks.length > 0, 'some title is highlighted');
  assert.ok(marks.every((m) => /カテーテル/.test(m)), JSON.stringify(marks));
  assert.ok(await page.locator('.results .card-summary mark').count() > 0, 'snippets are highlighted');
  // Highlighting never changes the text: the title reads the same as the seed's title.
  const id = (await cardIds(page))[0];
  const shown = (await page.textContent(`.card[data-seed="${id}"] .card-title a`)).trim();
  await page.click(`.card[data-seed="${id}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  assert.equal((await page.textContent('.seed h1')).trim(), shown);
});

test('an empty result says what found nothing and offers broader searches that work', async () => {
  const query = 'カテーテル';
  const filters = { stage: ['basic'], ip_status: ['none'] };
  assert.equal(engineIds(query, ALL, filters).length, 0, 'precondition: nothing matches');
  const page = await open(context, `?q=${encodeURIComponent(query)}&stage=basic&ip_status=none`);
  await page.waitForSelector('.empty');
  assert.match(await page.textContent('.empty-title'), /「カテーテル」に一致するシーズはありません/);
  const suggestions = await page.$$eval('.empty .suggestion', (a) => a.map((x) => x.textContent));
  assert.ok(suggestions.length > 0, 'at least one way out');
  const count = Number(/(\d+)\s*件/.exec(suggestions[0])[1]);
  await page.click('.empty .suggestion >> nth=0');
  await page.waitForFunction((n) => document.querySelectorAll('.results:not(.similar-list) .card').length === Math.min(n, 50), count);
  assert.equal(await page.locator('.empty').count(), 0);
});

test('a query whose words never meet says so and shows seeds with most of them first', async () => {
  const query = 'がん 歯周病';
  const page = await open(context, '?q=' + encodeURIComponent(query));
  await waitForCards(page, engineIds(query, 50));
  assert.ok(await page.isVisible('.relaxed'));
  assert.match(await page.textContent('.relaxed'), /すべての語を含むシーズがない/);
  await page.fill('#q', 'がん');
  await waitForCards(page, engineIds('がん', 50));
  assert.equal(await page.locator('.relaxed').count(), 0);
});

test('after fewer than a page of matches, seeds like them follow under their own heading', async () => {
  const rows = engineRows('epilepsy');
  const matches = rows.filter((r) => !r.similar).map((r) => r.id);
  const like = rows.filter((r) => r.similar).map((r) => r.id);
  assert.ok(matches.length > 0 && like.length > 0, 'the sample data has a match and seeds like it');
  const page = await open(context, '?q=epilepsy');
  await waitForCards(page, [...matches, ...like]);
  const listed = (selector) => page.$$eval(selector, (cards) => cards.map((c) => c.dataset.seed));
  assert.deepEqual(await listed('.results:not(.similar-list) .card'), matches);
  assert.deepEqual(await listed('.similar-list .card'), like);
  assert.match(await page.textContent('.similar-heading'), /関連するかもしれないシーズ/);
  assert.match(await page.textContent('.result-count'), new RegExp(`^${matches.length}\\D`), 'the count is of the matches');
  await page.fill('#q', '"epilepsy"');
  await waitForCards(page, matches);
  assert.equal(await page.locator('.similar').count(), 0, 'a phrase asks for exactly that');
});

test('long lists come in pages of 50 with a "show more" button', async () => {
  const all = engineIds('', ALL);
  const page = await open(context);
  await waitForCards(page, all.slice(0, 50));
  assert.match(await page.textContent('.show-more'), new RegExp(`${all.length - 50}`));
  await page.click('.show-more');
  await waitForCards(page, all.slice(0, 100));
});

test('a search with hundreds of matches shows them page after page in the order the engine ranks them', async () => {
  // The engine orders the first two pages of a long list at once and the rest when asked for.
  const tmp = process.env.TMPDIR ?? '/tmp';
  execFileSync(SEEDS_BIN, ['synth', '--count', '500', '-o', join(tmp, 'synth-500.json')], { stdio: 'pipe' });
  execFileSync(SEEDS_BIN, ['build', join(tmp, 'synth-500.json'), '-o', join(DIST_DIR, 'synth-500.json')], { stdio: 'pipe' });
  const query = 'c';
  const ranked = JSON.parse(execFileSync(SEEDS_BIN, ['query', join(DIST_DIR, 'synth-500.json'), query, '--json', '--limit', '1000']));
  assert.ok(ranked.length > 250, `${ranked.length} matches: more than the two pages ordered at once`);
  const ids = ranked.map((r) => r.id);
  const page = await open(context, `?bundle=synth-500.json&q=${query}`);
  await waitForCards(page, ids.slice(0, 50));
  for (const shown of [100, 150, 200, 250]) {
    await page.click('.show-more');
    await waitForCards(page, ids.slice(0, shown));
  }
  assert.match(await page.textContent('.result-count'), new RegExp(`^${ids.length}\\D`));
  assert.deepEqual(page.errors, []);
});

test('the filter panel folds away on a phone and opens with its button', async () => {
  const page = await open(context);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForSelector('.results .card');
  assert.equal(await page.isVisible('.facet-groups'), false);
  assert.equal(await page.getAttribute('.facets-toggle', 'aria-expanded'), 'false');
  await page.click('.facets-toggle');
  assert.equal(await page.isVisible('.facet-groups'), true);
  assert.equal(await page.getAttribute('.facets-toggle', 'aria-expanded'), 'true');
  await page.check('.facet[data-facet="stage"] input[data-value="basic"]');
  assert.match(await page.textContent('.facets-toggle'), /（1）/);
  const box = await page.locator('.facets-toggle').boundingBox();
  assert.ok(box.height >= 44, 'touch target');
});
