// config.json: the site title, public base URL (QR codes and shared links) and default language
// apply without a rebuild; a missing or broken file gives the defaults with a console warning,
// never an error page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, bundleSeeds, decodeQr, launch } from './lib.mjs';

let context;
// Service workers are blocked so every request reaches the routes below.
before(async () => { context = await launch({ serviceWorkers: 'block' }); });
after(async () => { await context.close(); });

/** Opens `path` with config.json answered by `config` (a string body, or null for a 404). */
async function withConfig(config, path = '') {
  const page = await context.newPage();
  page.messages = [];
  page.on('console', (m) => page.messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.messages.push(`pageerror: ${e}`));
  await page.route('**/config.json', (route) => (config === null
    ? route.fulfill({ status: 404, body: 'not found' })
    : route.fulfill({ status: 200, contentType: 'application/json', body: config })));
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

const seed = bundleSeeds()[0];

test('site title, public base URL and default language come from config.json', async () => {
  const config = JSON.stringify({
    site_title: { ja: 'メドユーネット シーズ集', en: 'medU-net Seeds' },
    public_base_url: 'https://seeds.example.jp/explorer/',
    default_lang: 'en',
    kiosk: { idle_seconds: 90 },
    featured: [seed.id],
  });
  const page = await withConfig(config, `?seed=${seed.id}`);
  await page.waitForSelector('.seed .qr');
  assert.equal((await page.textContent('.site-title')).trim(), 'medU-net Seeds');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.title(), /medU-net Seeds/);
  const url = `https://seeds.example.jp/explorer/?seed=${seed.id}`;
  assert.equal(await page.getAttribute('.seed .qr', 'data-url'), url);
  assert.equal(await decodeQr(page, '.seed .qr svg'), url);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.querySelector('.site-title').textContent.includes('メドユーネット'));
  // Featured seeds lead the start page.
  await page.click('.site-title');
  await page.waitForSelector(`.featured .card[data-seed="${seed.id}"]`);
});

test('with no language in the URL or config.json, the browser\'s preferred language decides', async () => {
  const cases = [
    ['en-US', null, '', 'en'],
    ['en-US', 'ja', '', 'ja'],
    ['en-US', null, '?lang=ja', 'ja'],
    ['ja-JP', null, '', 'ja'],
    ['fr-FR', null, '', 'en'],
  ];
  for (const [locale, configured, query, expected] of cases) {
    const browser = await launch({ locale, serviceWorkers: 'block' });
    try {
      const page = await browser.newPage();
      await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ default_lang: configured }) }));
      await page.goto(new URL(query, BASE_URL).href);
      await page.waitForSelector('.results .card');
      const title = expected === 'en' ? 'Research Seed Explorer' : '研究シーズ・エクスプローラー';
      assert.equal(await page.getAttribute('html', 'lang'), expected, `${locale}, config ${configured}, ${query || 'no lang='}`);
      assert.equal((await page.textContent('.site-title')).trim(), title);
      assert.equal(new URL(page.url()).searchParams.get('lang'), query ? 'ja' : null, 'the URL is not rewritten');
    } finally {
      await browser.close();
    }
  }
});

for (const [name, body] of [['missing', null], ['broken', '{"site_title": '], ['foreign', '[1, 2, 3]']]) {
  test(`a ${name} config.json gives the defaults and a warning, not an error`, async () => {
    const page = await withConfig(body);
    await page.waitForSelector('.results .card');
    assert.equal((await page.textContent('.site-title')).trim(), '研究シーズ・エクスプローラー');
    assert.equal(await page.locator('.error-page').count(), 0);
    assert.ok(page.messages.some((m) => m.startsWith('warning:') && /config\.json/.test(m)), JSON.stringify(page.messages));
    assert.deepEqual(page.messages.filter((m) => m.startsWith('pageerror')), []);
    await page.close();
  });
}
