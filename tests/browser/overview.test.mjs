// The overview: SVG bar charts of seeds per field, stage and institution with labels and
// counts that match the engine; choosing a bar lists those seeds in browse. It charts the
// current search (query and filters), says which, and leads back to the whole catalogue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { engineIds, engineMatches, launch, open, waitForCards } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const ALL = 100000;

test('each chart has a bar per value with the engine\'s count', async () => {
  const page = await open(context, '?view=overview');
  await page.waitForSelector('.chart');
  for (const key of ['fields', 'stage', 'institution']) {
    const bars = await page.$$eval(`.chart-${key} .bar-row`, (rows) => rows.map((r) => ({
      value: r.dataset.value,
      count: Number(r.querySelector('.bar-count').textContent),
      width: Number(r.querySelector('.bar-fill').getAttribute('width')),
      label: r.querySelector('.bar-label').textContent,
    })));
    assert.ok(bars.length > 0, key);
    for (const b of bars) {
      assert.equal(b.count, engineIds('', ALL, { [key]: [b.value] }).length, `${key}=${b.value}`);
      assert.ok(b.label.length > 0);
    }
    const max = Math.max(...bars.map((b) => b.count));
    for (const b of bars) assert.ok(Math.abs(b.width - (b.count * 100) / max) < 0.6, `${key}=${b.value} bar length`);
    assert.ok(await page.locator(`.chart-${key} svg.bar`).count() === bars.length, 'bars are SVG');
  }
  // Stages keep their natural order, basic research first.
  const stages = await page.$$eval('.chart-stage .bar-row', (r) => r.map((x) => x.dataset.value));
  assert.equal(stages[0], 'basic');
  assert.deepEqual(page.errors, []);
});

test('choosing a bar lists its seeds in browse', async () => {
  const page = await open(context, '?view=overview');
  await page.click('.chart-stage .bar-row[data-value="clinical"]');
  await waitForCards(page, engineIds('', 50, { stage: ['clinical'] }));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('stage'), 'clinical');
  assert.equal(url.searchParams.get('view'), null);
  assert.ok(await page.isChecked('.facet[data-facet="stage"] input[data-value="clinical"]'));
  await page.goBack();
  await page.waitForSelector('.chart');
});

test('bars work from the keyboard', async () => {
  const page = await open(context, '?view=overview');
  await page.waitForSelector('.chart');
  await page.focus('.chart-fields .bar-row >> nth=0');
  const value = await page.getAttribute('.chart-fields .bar-row >> nth=0', 'data-value');
  await page.keyboard.press('Enter');
  await waitForCards(page, engineIds('', 50, { fields: [value] }));
});

test('the overview charts the current search and says so: ?view=overview&q=がん', async () => {
  const q = 'がん';
  const found = engineMatches(q, ALL);
  const page = await open(context, `?view=overview&q=${encodeURIComponent(q)}`);
  await page.waitForSelector('.chart-stage .bar-row');
  assert.match(await page.textContent('.overview-matching'), new RegExp(`一致する ${found.length} 件（全 ${engineIds('', ALL).length} 件中）`));
  assert.match(await page.textContent('.overview-conditions'), /「がん」/);
  const bars = await page.$$eval('.chart-stage .bar-row', (rows) => rows.map((r) => [r.dataset.value, Number(r.querySelector('.bar-count').textContent)]));
  assert.equal(bars.reduce((n, [, c]) => n + c, 0), found.length, 'the stage bars add up to the seeds found');
  for (const [value, count] of bars) assert.equal(count, engineMatches(q, ALL, { stage: value }).length, `stage=${value}`);
  const institutions = await page.$$eval('.chart-institution .bar-row', (rows) => rows.map((r) => [r.dataset.value, Number(r.querySelector('.bar-count').textContent)]));
  for (const [value, count] of institutions) assert.equal(count, engineMatches(q, ALL, { institution: value }).length, `institution=${value}`);
  // A bar keeps the search: its list has the bar's count.
  const [value, count] = bars[0];
  await page.click(`.chart-stage .bar-row[data-value="${value}"]`);
  await waitForCards(page, engineIds(q, 50, { stage: value }));
  assert.equal(await page.locator('.results:not(.similar-list) .card').count(), Math.min(count, 50));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), q);
  assert.equal(url.searchParams.get('stage'), value);
  // A filter narrows the charts too, and is named.
  await page.click('.nav-overview');
  await page.waitForSelector('.overview-conditions');
  assert.deepEqual(await page.$$eval('.chart-stage .bar-row', (r) => r.map((x) => x.dataset.value)), [value]);
  assert.match(await page.textContent('.overview-conditions'), /開発段階: /);
  // And back to the whole catalogue.
  await page.click('.overview-all');
  await page.waitForFunction(() => !document.querySelector('.overview-matching'));
  assert.equal(new URL(page.url()).searchParams.get('q'), null);
  assert.match(await page.textContent('.overview-intro'), new RegExp(`${engineIds('', ALL).length} 件のシーズ`));
  assert.deepEqual(page.errors, []);
});
