// Everything lives in the URL: a link restores query, facets, sort, language, view and open
// seed; back/forward walk through views, filters and seeds; switching language keeps
// everything else; focus moves to the main heading when the view changes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { engineIds, launch, open, waitForCards, waitForAddress } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

test('a link restores query, facets, sort and language', async () => {
  const filters = { stage: ['clinical', 'preclinical'], fields: ['drug'] };
  const page = await open(context, '?lang=en&q=' + encodeURIComponent('抗体') + '&stage=clinical,preclinical&fields=drug&sort=newest');
  await waitForCards(page, engineIds('抗体', 50, filters, 'newest'));
  assert.equal(await page.inputValue('#q'), '抗体');
  assert.equal(await page.inputValue('#sort'), 'newest');
  assert.equal(await page.isChecked('input[data-value="clinical"]'), true);
  assert.equal(await page.isChecked('input[data-value="preclinical"]'), true);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('.result-count'), /of \d+ seeds/);
});

test('typing writes the address once it pauses, and a seed opened at once keeps the typed query behind it', async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.evaluate(() => {
    window.__writes = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args) => { window.__writes += 1; return replace(...args); };
  });
  for (const value of ['か', 'かて', 'カテーテル']) {
    await page.fill('#q', value);
  }
  await waitForAddress(page, 'q', 'カテーテル');
  assert.equal(await page.evaluate(() => window.__writes), 1, 'one write for three keystrokes');

  // A card opened before the pause is over: the typed query is written into the entry left.
  await page.fill('#q', 'がん');
  const list = engineIds('がん', 50);
  await waitForCards(page, list);
  await page.click(`.card[data-seed="${list[0]}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  assert.deepEqual(params(page), { q: 'がん', seed: list[0] });
  await page.goBack();
  await waitForCards(page, list);
  assert.deepEqual(params(page), { q: 'がん' });
  assert.equal(await page.inputValue('#q'), 'がん');
});

test('a result links to its seed with the filters and language but not the typed text, so typing changes no link', async () => {
  const filters = { stage: ['clinical'] };
  const page = await open(context, '?lang=en&stage=clinical&q=' + encodeURIComponent('抗体'));
  const list = engineIds('抗体', 50, filters);
  await waitForCards(page, list);
  const link = `.card[data-seed="${list[0]}"] .card-title a`;
  const href = new URL(await page.getAttribute(link, 'href'), page.url());
  assert.deepEqual(Object.fromEntries(href.searchParams), { lang: 'en', stage: 'clinical', seed: list[0] });
  await page.evaluate(() => {
    window.__changed = 0;
    new MutationObserver((m) => { window.__changed += m.length; })
      .observe(document.querySelector('.results'), { attributes: true, attributeFilter: ['href'], subtree: true });
  });
  await page.fill('#q', '抗体 ');
  await waitForAddress(page, 'q', '抗体 ');
  assert.deepEqual(engineIds('抗体 ', 50, filters), list, 'the same results');
  await waitForCards(page, list);
  assert.equal(await page.evaluate(() => window.__changed), 0, 'no link rewritten');
  await page.click(link);
  await page.waitForSelector('.seed h1');
  assert.deepEqual(params(page), { lang: 'en', q: '抗体 ', stage: 'clinical', seed: list[0] }, 'a click keeps the search behind the seed');
});

test('the URL follows every change and back/forward walk through them', async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.fill('#q', 'がん');
  await waitForAddress(page, 'q', 'がん');
  await page.check('input[data-value="clinical"]');
  await waitForAddress(page, 'stage', 'clinical');
  await page.selectOption('#sort', 'title');
  await waitForAddress(page, 'sort', 'title');
  const list = engineIds('がん', 50, { stage: ['clinical'] }, 'title');
  await waitForCards(page, list);
  await page.click(`.card[data-seed="${list[0]}"] .card-title a`);
  await page.waitForSelector('.seed h1');
  assert.deepEqual(params(page), { q: 'がん', stage: 'clinical', sort: 'title', seed: list[0] });
  await page.click('.nav-overview');
  await page.waitForSelector('.overview');
  assert.equal(params(page).view, 'overview');

  await page.goBack();
  await page.waitForSelector('.seed h1');
  await page.goBack();
  await waitForCards(page, list);
  assert.equal(await page.inputValue('#sort'), 'title');
  await page.goBack();
  await waitForCards(page, engineIds('がん', 50, { stage: ['clinical'] }));
  assert.equal(await page.inputValue('#sort'), 'relevance');
  await page.goBack();
  await waitForCards(page, engineIds('がん', 50));
  assert.equal(await page.isChecked('input[data-value="clinical"]'), false);
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await page.waitForSelector('.seed h1');
  assert.equal(params(page).seed, list[0]);
  await page.goForward();
  await page.waitForSelector('.overview');
  assert.deepEqual(page.errors, []);
});

test('switching language keeps query, filters, sort and the open seed', async () => {
  const id = engineIds('がん', 1)[0];
  const page = await open(context, `?q=${encodeURIComponent('がん')}&stage=clinical&sort=newest&seed=${id}`);
  await page.waitForSelector('.seed h1');
  const jaTitle = (await page.textContent('.seed h1')).trim();
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(params(page), { lang: 'en', q: 'がん', stage: 'clinical', sort: 'newest', seed: id });
  assert.match(await page.textContent('.seed'), /Summary|Stage/);
  assert.notEqual((await page.textContent('.seed h1')).trim(), '');
  await page.click('.detail .back');
  await waitForCards(page, engineIds('がん', 50, { stage: ['clinical'] }, 'newest'));
  assert.match(await page.textContent('.result-count'), /of/);
  assert.equal(await page.inputValue('#q'), 'がん');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  assert.equal(params(page).lang, 'ja');
  assert.equal(await page.inputValue('#q'), 'がん');
  assert.ok(jaTitle.length > 0);
  // Back after a language switch returns to the previous place, still in Japanese.
  await page.goBack();
  await page.waitForSelector('.seed h1');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
});

test('seed text without an English version falls back to Japanese with a marker', async () => {
  const page = await open(context, '?lang=en');
  await page.waitForSelector('.results .card');
  const jaOnly = await page.locator('.results .card .ja-only').count();
  if (jaOnly > 0) {
    assert.match(await page.textContent('.results .card .ja-only >> nth=0'), /Japanese only/);
  }
});

test('focus moves to the main heading when the view changes', async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  await page.click('.nav-needs');
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /ニーズ/);
  await page.click('.nav-browse');
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading');
  const first = await page.getAttribute('.results .card >> nth=0', 'data-seed');
  await page.click('.results .card >> nth=0 >> .card-title a');
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading' && document.activeElement.tagName === 'H1');
  await page.click('.detail .back');
  // Closing a seed returns focus to its card, so the visitor keeps their place.
  await page.waitForFunction((id) => document.activeElement?.closest('.card')?.dataset.seed === id, first);
});
