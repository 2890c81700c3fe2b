// The seed page: every field for a business-development reader, the stage as steps with the
// TRL, a QR code that decodes to the seed's public link, "copy link", related seeds, and a
// print stylesheet that leaves a clean handout (no header or buttons, QR code kept).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, bundleSeeds, decodeQr, launch, open } from './lib.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const seeds = bundleSeeds();
const full = seeds.find((s) => s.patents?.length && s.collaboration?.length && s.trl && s.advantages_ja && s.contact_email);

test('the seed page shows every field a business-development reader needs', async () => {
  const page = await open(context, `?seed=${full.id}`);
  await page.waitForSelector('.seed h1');
  const text = await page.textContent('.seed');
  assert.equal((await page.textContent('.seed h1')).trim(), full.title_ja);
  for (const part of [full.summary_ja, full.advantages_ja, full.applications_ja, ...full.patents, full.contact_email, full.updated]) {
    assert.ok(text.includes(part), `shows ${part}`);
  }
  assert.ok(text.includes(full.researchers[0]));
  assert.match(text, new RegExp(`TRL ${full.trl} / 9`));
  // Stage as steps: five steps, the seed's one marked current.
  assert.equal(await page.locator('.steps .step').count(), 5);
  assert.equal(await page.locator('.steps [aria-current="step"]').count(), 1);
  assert.equal(await page.getAttribute('.seed', 'data-seed'), full.id);
  assert.equal(await page.locator('.facts .collaboration .tag').count(), full.collaboration.length);
  const mail = await page.getAttribute(`a[href="mailto:${full.contact_email}"]`, 'href');
  assert.equal(mail, `mailto:${full.contact_email}`);
  assert.deepEqual(page.errors, []);
});

test('the QR code decodes to the seed\'s public link, which opens the seed', async () => {
  const page = await open(context, `?seed=${full.id}`);
  await page.waitForSelector('.seed .qr svg path');
  assert.equal(await page.locator('.seed .qr svg path').count(), 1, 'one path');
  const expected = `${BASE_URL}?seed=${encodeURIComponent(full.id)}`;
  assert.equal(await page.getAttribute('.seed .qr', 'data-url'), expected);
  assert.equal((await page.textContent('.seed .qr-url')).trim(), expected);
  assert.equal(await decodeQr(page, '.seed .qr svg'), expected);
  const phone = await open(context, expected.replace(BASE_URL, ''));
  await phone.waitForSelector('.seed h1');
  assert.equal((await phone.textContent('.seed h1')).trim(), full.title_ja);
});

test('in English the QR link keeps the language', async () => {
  const page = await open(context, `?lang=en&seed=${full.id}`);
  await page.waitForSelector('.seed .qr');
  const expected = `${BASE_URL}?lang=en&seed=${encodeURIComponent(full.id)}`;
  assert.equal(await decodeQr(page, '.seed .qr svg'), expected);
  assert.equal((await page.textContent('.seed h1')).trim(), full.title_en ?? full.title_ja);
});

test('"copy link" puts the page\'s link, state and all, on the clipboard and says so', async () => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
  const page = await open(context, `?lang=en&seed=${full.id}`);
  await page.waitForSelector('.seed .copy-link');
  assert.equal(await page.locator('.toast').count(), 0);
  await page.click('.seed .copy-link');
  await page.waitForSelector('.notice-area .toast');
  assert.match(await page.textContent('.notice-area .toast'), /Link copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url(), 'the address of the page as shown');
  assert.equal(copied, `${BASE_URL}?lang=en&seed=${encodeURIComponent(full.id)}`, 'the seed and the language');
  const other = await open(context, copied.replace(BASE_URL, ''));
  await other.waitForSelector('.seed h1');
  assert.equal((await other.textContent('.seed h1')).trim(), full.title_en ?? full.title_ja);
  assert.deepEqual(page.errors, []);
});

test('related seeds are listed and open their own page', async () => {
  const page = await open(context, `?seed=${full.id}`);
  await page.waitForSelector('.related .card');
  const related = await page.$$eval('.related .card', (c) => c.map((x) => x.dataset.seed));
  assert.equal(related.length, 5);
  assert.ok(!related.includes(full.id));
  await page.click(`.related .card[data-seed="${related[0]}"] .card-title a`);
  await page.waitForFunction((id) => document.querySelector('.seed')?.dataset.seed === id, related[0]);
  assert.equal(new URL(page.url()).searchParams.get('seed'), related[0]);
});

test('printing gives a clean one-page handout: no header or buttons, the QR code kept', async () => {
  const page = await open(context, `?seed=${full.id}`);
  await page.waitForSelector('.seed .qr');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.seed-tools', '.detail .back', '.related']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is hidden in print`);
  }
  assert.equal(await page.isVisible('.seed .qr svg'), true);
  assert.equal(await page.isVisible('.seed h1'), true);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'fits on one A4 page');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('.site-header'), true);
});

test('a printout carries the site title, the print date and the seed\'s public address; each English label once', async () => {
  const many = seeds.find((s) => (s.links?.length ?? 0) >= 1 && s.contact_url) ?? full;
  const page = await open(context, `?lang=en&seed=${many.id}`);
  await page.waitForSelector('.seed .qr');
  const url = await page.getAttribute('.seed .qr', 'data-url');
  assert.equal(await page.isVisible('.print-meta'), false, 'not on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.print-meta'), true);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  assert.equal((await page.textContent('.print-site')).trim(), 'Research Seed Explorer');
  assert.equal((await page.textContent('.print-date')).trim(), `Printed ${today}`);
  assert.equal((await page.textContent('.print-url')).trim(), url);
  // One term over its links: "Links" (and every other label) appears once.
  const terms = await page.$$eval('.contact-section dt', (d) => d.map((x) => x.textContent.trim()));
  assert.deepEqual(terms, [...new Set(terms)], terms.join(' | '));
  assert.ok(terms.includes('Links'), terms.join(' | '));
  assert.ok(await page.locator('.contact-section dd').count() > terms.length - 1);
  // Each link sits beside its term, in the second column.
  const columns = await page.$$eval('.contact-section dd', (d) => d.map((x) => getComputedStyle(x).gridColumnStart));
  assert.ok(columns.every((c) => c === '2'), columns.join(' '));
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000);
});

test('an unknown seed id says so instead of a blank page', async () => {
  const page = await open(context, '?seed=no-such-seed');
  await page.waitForSelector('.detail h1');
  assert.match(await page.textContent('.detail h1'), /見つかりませんでした/);
  await page.click('.detail .back');
  await page.waitForSelector('.results .card');
});
