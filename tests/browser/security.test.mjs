// Hostile data and the Content-Security-Policy: a bundle whose every text carries HTML and
// script payloads renders them as text, executes nothing and offers no script or data link;
// bidi overrides and invisible characters show as visible markers and void the links they are in;
// and the app itself triggers no CSP violation under the strict policy it is served with.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, open, recordCspViolations } from './lib.mjs';

let context;
before(async () => {
  context = await launch();
  await recordCspViolations(context);
});
after(async () => { await context.close(); });

async function assertNothingExecuted(page, dialogs) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
  assert.deepEqual(dialogs, []);
  const injected = await page.evaluate(() => document.querySelectorAll('main img[onerror], main svg[onload], main script, main b').length);
  assert.equal(injected, 0, 'no element was created from seed text');
  const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)), [], 'no script or data links');
}

test('a hostile bundle is rendered as text and runs nothing, in results and on the seed page', async () => {
  const page = await open(context, '?bundle=fixtures/xss-bundle.json&q=' + encodeURIComponent('がん'));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.waitForSelector('.results .card');
  assert.match(await page.textContent('.results .card'), /<img src=x onerror=/);
  await assertNothingExecuted(page, dialogs);
  await page.click('.results .card .card-title a');
  await page.waitForSelector('.seed h1');
  assert.match(await page.textContent('.seed h1'), /<script>window.__xss=2<\/script>/);
  await assertNothingExecuted(page, dialogs);
  const safe = await page.$$eval('.seed a[href]', (links) => links.map((a) => a.getAttribute('href')));
  assert.ok(safe.includes('https://ok.example.jp/'), 'the one safe link is kept');
});

test('the app runs under the strict CSP without a single violation', async () => {
  const page = await open(context, '?q=' + encodeURIComponent('がん'));
  await page.waitForSelector('.results .card');
  await page.click('.results .card .card-title a');
  await page.waitForSelector('.seed h1');
  await page.goBack();
  await page.waitForSelector('.results .card');
  const csp = (await page.evaluate(() => fetch(location.href).then((r) => r.headers.get('content-security-policy'))));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the test server sends the strict policy');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
});

const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

test('bidi overrides and invisible characters are shown as markers, and links containing them are refused', async () => {
  const page = await open(context, '?bundle=fixtures/bidi-bundle.json&q=' + encodeURIComponent('膵臓'));
  await page.waitForSelector('.results .card');
  const card = await page.textContent('.card[data-seed="kita-001"] .card-title');
  assert.match(card, /⟦U\+202E⟧exe\.kcatta⟦U\+202C⟧/);
  assert.doesNotMatch(await page.textContent('main'), INVISIBLE, 'no invisible character left in the results');
  await page.click('.card[data-seed="kita-001"] .card-title a');
  await page.waitForSelector('.seed h1');
  assert.match(await page.textContent('.seed h1'), /⟦U\+202E⟧/);
  const contact = await page.textContent('.contact-section');
  assert.match(contact, /北峰⟦U\+200B⟧太郎/);
  assert.match(contact, /⟦U\+2067⟧山田 花子⟦U\+2069⟧/);
  assert.doesNotMatch(await page.textContent('main'), INVISIBLE, 'no invisible character left on the seed page');
  assert.doesNotMatch(await page.title(), INVISIBLE, 'nor in the tab title');
  const hrefs = await page.$$eval('.seed a[href]', (links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.filter((h) => INVISIBLE.test(h)), [], 'no link with an invisible character');
  assert.ok(hrefs.includes('https://safe.kitamine-med.example.jp/seeds/kita-001'), 'the clean link is kept');
  assert.deepEqual(page.errors, []);
});
