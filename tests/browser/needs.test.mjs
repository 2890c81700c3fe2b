// Needs matching: a company's needs statement, typed or pasted, ranks seeds and shows which
// terms matched; the statement is part of the URL, so the result can be shared.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, open, waitForAddress } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const NEEDS = '在宅医療向けに、心不全の悪化や高齢者の転倒を早期に検知するウェアラブルセンサーやAI解析技術を探しています。';

test('a needs statement ranks seeds with the terms that matched', async () => {
  const page = await open(context, '?view=needs');
  await page.waitForSelector('#needs-text');
  assert.match(await page.textContent('.needs-count'), /ニーズを入力/);
  await page.fill('#needs-text', NEEDS);
  await page.waitForSelector('.needs-results .card');
  const cards = await page.locator('.needs-results .card').count();
  assert.ok(cards > 0 && cards <= 30, `${cards} matches`);
  const first = await page.$$eval('.needs-results .card:first-of-type .matched-terms li', (l) => l.map((x) => x.textContent));
  assert.ok(first.length > 0, 'why it matched');
  for (const t of first) {
    const plain = t.replace(/\s*\(.*\)$/, '');
    assert.ok(NEEDS.toLowerCase().includes(plain.toLowerCase()) || /[a-z]/i.test(t), `${t} comes from the statement`);
  }
  assert.match(await page.textContent('.needs-count'), /件のシーズが一致/);
  await waitForAddress(page, 'needs', NEEDS);
  assert.deepEqual(page.errors, []);
});

test('a shared needs link shows the same matches; a seed opened from it comes back to it', async () => {
  const page = await open(context, '?view=needs&needs=' + encodeURIComponent(NEEDS));
  await page.waitForSelector('.needs-results .card');
  assert.equal(await page.inputValue('#needs-text'), NEEDS);
  const ids = await page.$$eval('.needs-results .card', (c) => c.map((x) => x.dataset.seed));
  await page.click('.needs-results .card >> nth=0 >> .card-title a');
  await page.waitForSelector('.seed h1');
  assert.match(await page.textContent('.detail .back'), /ニーズ/);
  await page.click('.detail .back');
  await page.waitForSelector('.needs-results .card');
  assert.deepEqual(await page.$$eval('.needs-results .card', (c) => c.map((x) => x.dataset.seed)), ids);
});

test('the example button fills in a statement; nonsense finds nothing without errors', async () => {
  const page = await open(context, '?view=needs&lang=en');
  await page.click('.needs-example');
  await page.waitForSelector('.needs-results .card');
  assert.ok((await page.inputValue('#needs-text')).length > 50);
  await page.fill('#needs-text', '🙂🙂 \u202e zzzzqqqq');
  await page.waitForFunction(() => document.querySelectorAll('.needs-results .card').length === 0);
  assert.match(await page.textContent('.needs-count'), /No seeds matched/);
  assert.deepEqual(page.errors, []);
});

test('a sentence typed into the search box is matched as needs, and the needs page takes the sentence over', async () => {
  const page = await open(context, '');
  const sentence = '腸内細菌を調べる方法を探しています';
  await page.fill('#q', sentence);
  await page.waitForSelector('.notice.needs-switch');
  assert.match(await page.textContent('.notice.needs-switch'), /ニーズ/);
  const cards = await page.$$eval('.results .card', (c) => c.map((x) => x.dataset.seed));
  assert.ok(cards.length > 0, 'a sentence finds seeds instead of nothing');
  await page.click('.notice.needs-switch a');
  await page.waitForSelector('.needs-results .card');
  assert.equal(await page.inputValue('#needs-text'), sentence);
  const needs = await page.$$eval('.needs-results .card', (c) => c.map((x) => x.dataset.seed));
  assert.equal(needs[0], cards[0], 'the needs page ranks the same seed first');
  assert.deepEqual(page.errors, []);
});

test('a plain keyword search shows no needs notice', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('がん 抗体'));
  await page.waitForSelector('.results .card');
  assert.equal(await page.locator('.notice.needs-switch').count(), 0);
});
