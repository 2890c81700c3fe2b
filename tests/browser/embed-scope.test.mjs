// An institution's website embeds the explorer with its institution locked, the way a web team
// would run it: the host page on one origin (http://localhost:…, its own strict CSP) and the
// app on another (the test site on http://127.0.0.1:…). The lock is a scope: in every view —
// browse and search, the facet panel, the overview, needs matching, a seed page and its
// related seeds, the shortlist, a shared list — no seed and no name of another institution
// appears, counts are within the scope, the locked institution is a fixed label (not a filter
// the visitor chose) and facet values with no result are left out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DIST_DIR, SEEDS_BIN, decodeQr, engineIds, engineMatches, launch, open } from './lib.mjs';

const INSTITUTION = 'hokuto-med';
const APP = new URL(BASE_URL);
const { seeds, institutions } = JSON.parse(readFileSync(join(DIST_DIR, 'bundle.json'), 'utf8'));
const otherNames = institutions.filter((i) => i.id !== INSTITUTION).flatMap((i) => [i.name_ja, i.name_en].filter(Boolean));
const institutionOf = new Map(seeds.map((s) => [s.id, s.institution]));
const own = seeds.filter((s) => s.institution === INSTITUTION).map((s) => s.id);
const other = seeds.find((s) => s.institution !== INSTITUTION).id;

let context;
let host;
before(async () => {
  host = await hostSite();
  context = await launch();
});
after(async () => {
  await context.close();
  await host.close();
});

/** A member website on another origin: one page that frames the app and includes embed-host.js. */
function hostSite() {
  const csp = `default-src 'self'; script-src 'self' ${APP.origin}; frame-src ${APP.origin}; style-src 'self'; object-src 'none'; base-uri 'none'`;
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/host.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(`window.__heights = [];
addEventListener('message', (e) => { if (e.data && e.data.type === 'seed-explorer:height') window.__heights.push(e.data.height); });`);
      return;
    }
    const src = new URL(`?${url.searchParams.get('app') ?? ''}`, BASE_URL).href;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
    res.end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>北斗医科大学 研究シーズ</title>
<script src="/host.js"></script><script src="${new URL('embed-host.js', BASE_URL).href}" defer></script></head>
<body><h1>北斗医科大学 産学連携本部</h1>
<iframe data-seed-explorer title="研究シーズ" width="100%" height="400" src="${src.replace(/&/g, '&amp;')}"></iframe>
<p>お問い合わせ: tlo@hokuto-med.example.jp</p></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://localhost:${server.address().port}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  })));
}

/** Opens the host page framing the app with `params` (after the lock); resolves to [page, frame]. */
async function embed(params = '', ready = '.results .card') {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  const app = `mode=embed&institution=${INSTITUTION}&lock=institution${params ? `&${params}` : ''}`;
  // Not waiting for "load": that waits for the frame's first wasm compile too.
  await page.goto(`${host.url}?app=${encodeURIComponent(app)}`, { waitUntil: 'domcontentloaded' });
  const frame = await (await page.waitForSelector('iframe[data-seed-explorer]')).contentFrame();
  await frame.waitForSelector(ready);
  assert.equal(new URL(frame.url()).origin, APP.origin, 'the app runs on its own origin');
  assert.notEqual(new URL(page.url()).origin, APP.origin, 'the host page on another');
  return [page, frame];
}

/**
 * Fails if the frame shows a seed of another institution (any element naming a seed) or any
 * other institution's name in its text; returns the seeds shown.
 */
async function assertOnlyOwn(frame, where) {
  const shown = await frame.$$eval('[data-seed]', (els) => els.map((e) => e.dataset.seed));
  const text = await frame.evaluate(() => document.body.innerText);
  assert.deepEqual(shown.filter((id) => institutionOf.get(id) !== INSTITUTION), [], `${where}: seeds of another institution`);
  assert.deepEqual(otherNames.filter((n) => text.includes(n)), [], `${where}: names of other institutions`);
  return shown;
}

test('browse and search: only the institution\'s seeds, counted within it, the lock a fixed label', async () => {
  const [page, frame] = await embed();
  const shown = await assertOnlyOwn(frame, 'start page');
  assert.deepEqual([...new Set(shown)].sort(), [...own].sort());
  assert.equal((await frame.textContent('.result-count')).trim(), `${own.length} 件のシーズを掲載`);
  assert.match(await frame.textContent('.scope-label'), /北斗医科大学/);
  assert.equal((await frame.textContent('.facets-toggle')).trim(), '絞り込み', 'the lock is not the visitor\'s filter');
  assert.equal(await frame.locator('.chip').count(), 0);
  await frame.fill('#q', 'がん');
  const expected = engineMatches('がん', 1000, { institution: INSTITUTION });
  await frame.waitForFunction((n) => document.querySelector('.result-count').textContent.startsWith(`${n} 件 /`), expected.length);
  assert.equal((await frame.textContent('.result-count')).trim(), `${expected.length} 件 / 全 ${own.length} 件`);
  await assertOnlyOwn(frame, 'search');
  assert.deepEqual(page.errors, []);
});

test('the facet panel offers only values with results in the scope, never the locked facet', async () => {
  const [, frame] = await embed();
  await frame.waitForSelector('.facet[data-facet="stage"]');
  assert.equal(await frame.locator('.facet[data-facet="institution"]').count(), 0);
  assert.equal(await frame.locator('.facet-value.zero').count(), 0, 'no zero-count value (hide_empty)');
  const regions = await frame.$$eval('.facet[data-facet="region"] input', (i) => i.map((x) => x.value));
  assert.deepEqual(regions, ['hokkaido'], 'only the institution\'s own region');
  // Counts add up within the scope: every stage value's count is what ticking it lists.
  const stages = await frame.$$eval('.facet[data-facet="stage"] .facet-value', (rows) => rows.map((r) => [r.querySelector('input').value, Number(r.querySelector('.facet-count').textContent)]));
  assert.equal(stages.reduce((n, [, c]) => n + c, 0), own.length);
  await frame.click(`.facet[data-facet="stage"] input[value="${stages[0][0]}"]`);
  await frame.waitForFunction((n) => document.querySelectorAll('.results .card').length === n, stages[0][1]);
  assert.equal((await frame.textContent('.facets-toggle')).trim(), '絞り込み（1）', 'one filter the visitor chose');
  // A value with no result under the search leaves the panel instead of staying greyed out.
  await frame.fill('#q', 'カテーテル');
  await frame.waitForTimeout(300);
  assert.equal(await frame.locator('.facet-value.zero').count(), 0);
  await assertOnlyOwn(frame, 'filtered');
});

test('the overview charts only the institution\'s seeds, without an institution chart', async () => {
  const [, frame] = await embed('view=overview', '.chart');
  await assertOnlyOwn(frame, 'overview');
  assert.equal(await frame.locator('.chart-institution').count(), 0);
  const bars = await frame.$$eval('.chart-stage .bar-row', (rows) => rows.map((r) => [r.dataset.value, Number(r.querySelector('.bar-count').textContent)]));
  assert.equal(bars.reduce((n, [, c]) => n + c, 0), own.length);
  for (const [value, count] of bars) {
    assert.equal(count, engineIds('', 1000, { institution: INSTITUTION, stage: value }).length, `stage=${value}`);
  }
  // A bar lists its seeds in browse, still within the scope.
  await frame.click('.chart-stage .bar-row >> nth=0');
  await frame.waitForSelector('.results .card');
  assert.equal(await frame.locator('.results .card').count(), bars[0][1]);
  await assertOnlyOwn(frame, 'bar');
});

test('needs matching finds only the institution\'s seeds', async () => {
  // A statement that matches seeds of several institutions in the whole catalogue.
  const statement = '膵がんの早期診断や、カテーテルの院内感染を防ぐ技術を探しています。';
  const everywhere = JSON.parse(execFileSync(SEEDS_BIN, ['needs', join(DIST_DIR, 'bundle.json'), statement, '--json', '--limit', '30'], { encoding: 'utf8' }));
  assert.ok(everywhere.some((h) => h.institution !== INSTITUTION), 'the statement matches other institutions too');
  const [, frame] = await embed('view=needs', '#needs-text');
  await frame.fill('#needs-text', statement);
  await frame.waitForSelector('.needs-results .card');
  const shown = await assertOnlyOwn(frame, 'needs');
  assert.ok(shown.length > 0);
  // The example (home-care sensors) matches none of the institution's seeds closely: the
  // nearest fields are offered, and still no other institution's seed or name.
  await frame.click('.needs-example');
  await frame.waitForSelector('.needs-nearest .chip');
  assert.equal(await frame.locator('.needs-results .card').count(), 0);
  await assertOnlyOwn(frame, 'needs example');
});

test('a seed page lists related seeds of the institution only; another institution\'s seed is not found', async () => {
  const [, frame] = await embed(`seed=${own[0]}`, '.seed h1');
  await frame.waitForSelector('.related-list .card');
  const related = await frame.$$eval('.related-list .card', (c) => c.map((x) => x.dataset.seed));
  assert.ok(related.length > 0);
  assert.ok(related.every((id) => institutionOf.get(id) === INSTITUTION), related.join(' '));
  await assertOnlyOwn(frame, 'seed page');
  const [, elsewhere] = await embed(`seed=${other}`, '.detail h1');
  assert.equal(await elsewhere.locator('.seed').count(), 0, 'a seed outside the scope is not shown');
  await assertOnlyOwn(elsewhere, 'outside seed');
});

test('a shortlist saved in the frame and a shared list keep to the scope', async () => {
  const [, frame] = await embed(`view=shortlist&ids=${own[1]},${other}`, '.shortlist-item');
  assert.deepEqual(await frame.$$eval('.shortlist-item', (i) => i.map((x) => x.dataset.seed)), [own[1]]);
  await assertOnlyOwn(frame, 'shared list');
  // The visitor saves a seed (a cross-site frame may get no storage: the list then lasts as
  // long as the page); the list and its shared link hold only seeds in scope.
  await frame.click('.nav-link.nav-browse');
  await frame.click(`.card[data-seed="${own[0]}"] .shortlist-toggle`);
  await frame.waitForSelector('.nav-shortlist .nav-count');
  await frame.click('.nav-shortlist');
  await frame.waitForSelector('.shortlist-item');
  assert.deepEqual(await frame.$$eval('.shortlist-item', (i) => i.map((x) => x.dataset.seed)), [own[0]]);
  const link = await decodeQr(frame, '.shortlist-qr svg');
  assert.equal(new URL(link).searchParams.get('ids'), own[0], 'the shared link carries only seeds in scope');
  await assertOnlyOwn(frame, 'shortlist');
});

test('seeds saved elsewhere on the same site are neither listed nor counted in the embed, and stay saved', async () => {
  const page = await open(context, `?mode=embed&institution=${INSTITUTION}&lock=institution`);
  await page.waitForSelector('.results .card');
  await page.evaluate(([a, b]) => localStorage.setItem('seed-explorer.shortlist', JSON.stringify({ format: 'seed-explorer-shortlist', version: 1, ids: [a, b] })), [own[0], other]);
  await page.reload();
  await page.waitForSelector('.results .card');
  assert.equal((await page.textContent('.nav-shortlist .nav-count')).trim(), '1');
  await page.click('.nav-shortlist');
  await page.waitForSelector('.shortlist-item');
  assert.deepEqual(await page.$$eval('.shortlist-item', (i) => i.map((x) => x.dataset.seed)), [own[0]]);
  assert.equal(await page.locator('.notice.missing').count(), 0, 'a seed outside the scope is not "missing"');
  await assertOnlyOwn(page.mainFrame(), 'shortlist');
  await page.click('.clear-shortlist');
  await page.waitForSelector('.shortlist-view .empty');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('seed-explorer.shortlist')).ids);
  assert.deepEqual(stored, [other], 'clearing the embed\'s list leaves the rest of the site\'s');
  assert.deepEqual(page.errors, []);
});

test('the iframe is as tall as a few results, not as the whole catalogue\'s facet list', async () => {
  const [page, frame] = await embed('q=' + encodeURIComponent('カテーテル'));
  await page.waitForFunction(() => window.__heights.length > 0);
  const height = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const values = await frame.locator('.facet-value').count();
  assert.ok(values < 20, `${values} facet values offered`);
  assert.ok(height < 1600, `content ${height}px`);
});
