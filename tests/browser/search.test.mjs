// The foundation's path end to end: the release app loads the sample bundle, a Japanese query
// typed into the search box shows exactly the seeds the engine ranks (in the same order as
// `seeds query`), a card opens the seed page, and back returns to the results.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cardIds, engineIds, launch, open, waitForAddress } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

test('the catalogue loads and shows how many seeds it has', async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  const all = engineIds('', 100000);
  assert.ok(all.length >= 120, `sample data has ${all.length} seeds`);
  assert.match(await page.textContent('.result-count'), new RegExp(`${all.length}`));
  assert.deepEqual(page.errors, []);
});

test('typing a Japanese query shows the seeds the engine ranks, in order', async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  const before = await cardIds(page);
  await page.fill('#q', 'がん');
  const expected = engineIds('がん');
  const [matching, all] = [engineIds('がん', 100000).length, engineIds('', 100000).length];
  assert.ok(matching > 0 && matching < all, `がん matches ${matching} of ${all} seeds: the query must narrow the list`);
  await page.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, expected.length);
  assert.deepEqual(await cardIds(page), expected);
  assert.notDeepEqual(await cardIds(page), before.slice(0, expected.length));
  // The address follows once typing pauses.
  await waitForAddress(page, 'q', 'がん');
});

test('clicking a card opens its seed page and back returns to the results', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('カテーテル'));
  await page.waitForSelector('.results .card');
  const first = (await cardIds(page))[0];
  const title = (await page.textContent(`.card[data-seed="${first}"] .card-title a`)).trim();
  await page.click(`.card[data-seed="${first}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  assert.equal((await page.textContent('.seed h1')).trim(), title);
  assert.equal(new URL(page.url()).searchParams.get('seed'), first);
  await page.goBack();
  await page.waitForSelector('.results .card');
  assert.equal(await page.inputValue('#q'), 'カテーテル');
  assert.deepEqual(page.errors, []);
});

test('a shared link to a seed opens that seed directly', async () => {
  const id = engineIds('', 1)[0];
  const page = await open(context, `?seed=${id}`);
  await page.waitForSelector('.seed h1');
  assert.ok((await page.textContent('.seed')).length > 100);
});

// The browser normalizes rare characters with its own String.prototype.normalize (the wasm
// carries no Unicode tables); index and query must still agree with the CLI's tables.
const WIDTH_AND_COMPATIBILITY = [
  ['half-width katakana', 'ｶﾃｰﾃﾙ', 'カテーテル'],
  ['a half-width voicing mark joined to its kana', 'ｶﾞﾝ', 'がん'],
  ['full-width Latin', 'ＡＩ', 'ai'],
  ['the micro sign in the seeds as a Greek mu', 'μm', 'µm'],
  ['an upper-case Greek letter, lowercased by the browser', 'ΜM', 'µm'],
];
for (const [what, query, plain] of WIDTH_AND_COMPATIBILITY) {
  test(`${what} (${query}) finds the seeds seeds query ranks for ${plain}, in order`, async () => {
    const expected = engineIds(query);
    assert.ok(expected.length > 0, `${query} finds seeds`);
    assert.deepEqual(engineIds(plain), expected, `${query} and ${plain} rank alike in seeds query`);
    const page = await open(context, '?q=' + encodeURIComponent(query));
    await page.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, expected.length);
    assert.deepEqual(await cardIds(page), expected);
    assert.deepEqual(page.errors, []);
  });
}
