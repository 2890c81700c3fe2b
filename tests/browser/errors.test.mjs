// A missing, corrupt, foreign or future-version bundle shows the bilingual error page with a
// reason, never a blank page or a panic; a bundle without a well-formed version is damaged, and
// a byte order mark before a good bundle is no error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, open } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

async function errorPage(bundle) {
  const page = await open(context, `?bundle=${encodeURIComponent(bundle)}`);
  await page.waitForSelector('.error-page', { timeout: 15000 });
  return { page, text: await page.textContent('.error-page') };
}

test('a missing bundle says the file was not found, in Japanese and English', async () => {
  const { text } = await errorPage('fixtures/does-not-exist.json');
  assert.match(text, /見つかりません/);
  assert.match(text, /was not found/);
  assert.match(text, /HTTP 404/);
});

test('a corrupt bundle says the file is damaged', async () => {
  const { text } = await errorPage('fixtures/corrupt.json');
  assert.match(text, /壊れています/);
  assert.match(text, /damaged/);
});

test('a bundle of a future major version asks for an app update', async () => {
  const { text } = await errorPage('fixtures/version-2.json');
  assert.match(text, /新しい形式/);
  assert.match(text, /newer format/);
  assert.match(text, /2\.0/);
});

test('a bundle with a missing or malformed version is damaged, not of a newer format', async () => {
  for (const fixture of ['fixtures/version-missing.json', 'fixtures/version-malformed.json']) {
    const { text } = await errorPage(fixture);
    assert.match(text, /壊れています/, fixture);
    assert.match(text, /damaged/, fixture);
    assert.doesNotMatch(text, /新しい形式|newer format/, fixture);
  }
});

test('a bundle starting with a UTF-8 byte order mark opens like any other', async () => {
  const page = await open(context, '?bundle=fixtures/bom-bundle.json');
  await page.waitForSelector('.results .card');
  assert.equal(await page.$$eval('.results .card', (c) => c.length), 4);
});

test('a JSON file that is not a bundle is named as such', async () => {
  const { text } = await errorPage('fixtures/not-a-bundle.json');
  assert.match(text, /シーズ・エクスプローラーのデータではありません/);
  assert.match(text, /not a Seed Explorer catalogue/);
});

test('the error page offers a reload button', async () => {
  const { page } = await errorPage('fixtures/corrupt.json');
  assert.ok(await page.isVisible('.error-page button'));
});

test('the committed version 1.0 bundle still opens in the app', async () => {
  const page = await open(context, '?bundle=fixtures/bundle-v1.0.json');
  await page.waitForSelector('.results .card');
  assert.equal(await page.$$eval('.results .card', (c) => c.length), 4);
});
