// Embed mode (`?mode=embed`) inside a member website's page: the test host page
// (fixtures/embed-host.html, served under the same strict CSP) iframes the app with its own
// query string and includes public/embed-host.js. The iframe follows the content height,
// locked filters stay applied, there is no site header, the theme colour and font apply, and
// seed links open outside the frame when asked to.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DIST_DIR, SEEDS_BIN, launch, open, recordCspViolations, waitForAddress } from './lib.mjs';

const INSTITUTION = 'hokuto-med';

let context;
before(async () => {
  context = await launch();
  await recordCspViolations(context);
});
after(async () => { await context.close(); });

/** The engine's own answer with filters, as `seeds query --filter` gives it. */
function engineFiltered(query, filters) {
  const args = ['query', join(DIST_DIR, 'bundle.json'), query, '--json', '--limit', '100000'];
  for (const f of filters) args.push('--filter', f);
  return JSON.parse(execFileSync(SEEDS_BIN, args)).map((r) => r.id);
}

/** Opens the host page with `params` for the app; resolves to [page, frame] once results show. */
async function host(params) {
  const page = await open(context, `fixtures/embed-host.html?${params}`);
  const handle = await page.waitForSelector('iframe[data-seed-explorer]');
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('mode=embed'));
  const frame = await handle.contentFrame();
  await frame.waitForSelector('.results .card');
  return [page, frame];
}

// The iframe's inner height (without its border).
const frameHeight = (page) => page.evaluate(() => document.querySelector('iframe').clientHeight);
const contentHeight = (frame) => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

test('the host page receives the content height and the iframe follows it', async () => {
  const [page, frame] = await host(`mode=embed&institution=${INSTITUTION}&lock=institution`);
  await page.waitForFunction(() => window.__heights.length > 0);
  await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 300);
  const tall = await contentHeight(frame);
  assert.ok(Math.abs((await frameHeight(page)) - tall) <= 1, `iframe ${await frameHeight(page)} vs content ${tall}`);
  assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1), true, 'no inner scroll bar');
  // Shorter content (the empty shortlist has no facet panel): the page tells the host, the
  // iframe shrinks.
  await frame.click('.nav-shortlist');
  await frame.waitForSelector('.shortlist-view .empty');
  await page.waitForFunction((h) => document.querySelector('iframe').clientHeight < h - 50, tall);
  const short = await contentHeight(frame);
  assert.ok(Math.abs((await frameHeight(page)) - short) <= 1, `iframe ${await frameHeight(page)} vs content ${short}`);
  assert.equal((await page.evaluate(() => window.__heights)).at(-1), short);
  // A message from anything but the iframe is ignored.
  await page.evaluate(() => window.postMessage({ type: 'seed-explorer:height', height: 5 }, '*'));
  await page.waitForTimeout(200);
  assert.ok(Math.abs((await frameHeight(page)) - short) <= 1);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'host page: no CSP violation');
  assert.deepEqual(await frame.evaluate(() => window.__violations), [], 'app: no CSP violation');
  assert.deepEqual(page.errors, []);
});

test('opening a seed inside the embed brings the top of the iframe into view', async () => {
  const [page, frame] = await host(`mode=embed&institution=${INSTITUTION}&lock=institution`);
  await page.waitForFunction(() => document.querySelector('iframe').clientHeight > 1000);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const top = () => page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().top);
  assert.ok((await top()) < -200, 'the host page is scrolled past the top of the iframe');
  await frame.locator('.results .card .card-title a').last().click();
  await frame.waitForSelector('.seed h1');
  await page.waitForFunction(() => window.__navigations >= 1);
  await page.waitForFunction(() => {
    const top = document.querySelector('iframe').getBoundingClientRect().top;
    return top >= -1 && top < innerHeight / 2;
  });
  // Where the browser does not scroll the host for the frame's focus (cross-origin), the host
  // script does it on the message.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok((await top()) < -200);
  await frame.evaluate(() => parent.postMessage({ type: 'seed-explorer:navigate' }, '*'));
  await page.waitForFunction(() => Math.abs(document.querySelector('iframe').getBoundingClientRect().top) <= 1);
  assert.deepEqual(page.errors, []);
});

test('locked filters are applied, not offered, and survive "clear all"', async () => {
  const [, frame] = await host(`mode=embed&institution=${INSTITUTION}&lock=institution`);
  const own = engineFiltered('', [`institution=${INSTITUTION}`]);
  assert.ok(own.length >= 3 && own.length < 100);
  const ids = () => frame.$$eval('.results .card', (cards) => cards.map((c) => c.dataset.seed));
  assert.deepEqual((await ids()).sort(), [...own].sort());
  assert.equal(await frame.locator('.facet[data-facet="institution"]').count(), 0, 'the locked facet is not in the panel');
  assert.equal(await frame.locator('.chip[data-facet="institution"]').count(), 0, 'and cannot be removed as a chip');
  // Another filter, then "clear all": the institution stays.
  await frame.click('.facet[data-facet="stage"] .facet-value:not(.zero) label');
  await frame.waitForSelector('.chip[data-facet="stage"]');
  assert.ok((await ids()).every((id) => own.includes(id)));
  await frame.click('.clear-all');
  await frame.waitForSelector('.chip', { state: 'detached' });
  assert.deepEqual((await ids()).sort(), [...own].sort());
  assert.equal(new URL(frame.url()).searchParams.get('institution'), INSTITUTION);
  // A search only ever finds this institution's seeds.
  await frame.fill('#q', 'がん');
  const expected = engineFiltered('がん', [`institution=${INSTITUTION}`]);
  await frame.waitForFunction((n) => document.querySelectorAll('.results .card').length === n || (n === 0 && document.querySelector('.empty')), expected.length);
  assert.deepEqual(await ids(), expected);
  // Not even a history entry with another institution (back/forward, an edited in-app link)
  // can widen it.
  await frame.evaluate(() => {
    history.pushState(null, '', location.search.replace('institution=hokuto-med', 'institution=taisetsu-pharm'));
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await waitForAddress(frame, 'institution', INSTITUTION);
  assert.ok((await ids()).every((id) => own.includes(id)));
});

test('no site header; the theme colour and font come from the parameters', async () => {
  const [, frame] = await host(`mode=embed&theme=aa3300&font=${encodeURIComponent('Noto Serif JP, serif')}`);
  assert.ok(await frame.evaluate(() => document.documentElement.classList.contains('embed')));
  assert.equal(await frame.locator('.site-title:visible').count(), 0, 'no site title');
  assert.equal(await frame.locator('.lang-switch:visible').count(), 0, 'no language switch (the host picks lang=)');
  assert.ok(await frame.locator('#q').isVisible(), 'the search box stays');
  const style = await frame.evaluate(() => ({
    brand: getComputedStyle(document.documentElement).getPropertyValue('--brand').trim(),
    font: getComputedStyle(document.documentElement).fontFamily,
  }));
  assert.equal(style.brand, '#aa3300');
  assert.match(style.font, /Noto Serif JP/);
  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
});

test('a hostile theme or font parameter is ignored, not injected', async () => {
  const [, frame] = await host(`mode=embed&theme=${encodeURIComponent('red;background:url(x)')}&font=${encodeURIComponent('x;}body{display:none')}`);
  const style = await frame.evaluate(() => ({
    brand: getComputedStyle(document.documentElement).getPropertyValue('--brand').trim(),
    font: getComputedStyle(document.documentElement).fontFamily,
    display: getComputedStyle(document.body).display,
  }));
  assert.equal(style.brand, '#0b5cad', 'the default colour');
  assert.equal(style.display, 'block');
  assert.doesNotMatch(style.font, /[;{}]/);
});

test('links=top opens a seed in the host window, links=blank in a new tab', async () => {
  const [page, frame] = await host(`mode=embed&institution=${INSTITUTION}&lock=institution&links=top`);
  const link = frame.locator('.results .card .card-title a').first();
  assert.equal(await link.getAttribute('target'), '_top');
  const href = new URL(await link.getAttribute('href'));
  assert.ok(href.searchParams.get('seed').startsWith(`${INSTITUTION}-`));
  assert.equal(href.searchParams.get('mode'), null, 'the full explorer, not the embed');
  await Promise.all([page.waitForNavigation(), link.click()]);
  await page.waitForSelector('.seed h1');
  assert.equal(new URL(page.url()).searchParams.get('seed'), href.searchParams.get('seed'));

  const [, blankFrame] = await host(`mode=embed&links=blank`);
  assert.equal(await blankFrame.locator('.results .card .card-title a').first().getAttribute('target'), '_blank');
  const [, frameFrame] = await host('mode=embed');
  assert.equal(await frameFrame.locator('.results .card .card-title a').first().getAttribute('target'), null);
});

test('the embed keeps working on its own, outside any frame', async () => {
  const page = await open(context, `?mode=embed&institution=${INSTITUTION}&lock=institution`);
  await page.waitForSelector('.results .card');
  assert.equal(await page.locator('.site-title:visible').count(), 0);
  assert.deepEqual(page.errors, []);
});
