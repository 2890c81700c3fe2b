// Booth leads on the kiosk: visitors fill the enquiry form, each lead is encrypted to the
// exhibitor's public key and stored in IndexedDB before the thank-you screen; the staff screen
// (PIN) exports them and clears only what was exported; `seeds leads open` decrypts the export.
// The key pair is made here with the real CLI (`seeds leads keygen`), never committed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DIST_DIR, SEEDS_BIN, bundleSeeds, decodeQr, launch, open, recordCspViolations } from './lib.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'leads-'));
const KEY = join(dir, 'staff.key');
const PASS = join(dir, 'pass.txt');
writeFileSync(PASS, 'browser test passphrase\n');
const PUBLIC_KEY = execFileSync(SEEDS_BIN, ['leads', 'keygen', '-o', KEY, '--passphrase-file', PASS]).toString().trim();
const EXHIBITOR = { ja: '北斗メディカル連合', en: 'Hokuto Medical Alliance' };
const withKey = (extra = {}) => JSON.stringify({ leads: { public_key: PUBLIC_KEY, exhibitor: EXHIBITOR, privacy_contact: 'privacy@example.jp', ...extra } });
const SEEDS = bundleSeeds().slice(0, 3).map((s) => s.id);
// LEADS_COUNT (a multiple of 6) runs fewer while working on the test; 300 is what the issue asks.
const LEADS = Number(process.env.LEADS_COUNT ?? 300);

/** A browser whose config.json is `config` (service workers blocked so the route answers), on a
 * fresh profile or on `profile` again. */
async function kiosk(config, profile = undefined) {
  const context = await launch({ serviceWorkers: 'block', acceptDownloads: true }, profile);
  await recordCspViolations(context);
  await context.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: config }));
  return context;
}

/** Opens the seed page `id` inside the app (as a click would; no reload). */
async function goToSeed(page, id) {
  await page.evaluate((id) => {
    const url = new URL(location.href);
    url.searchParams.set('seed', id);
    history.pushState(null, '', url);
    dispatchEvent(new PopStateEvent('popstate'));
  }, id);
  await page.waitForSelector(`.seed[data-seed="${id}"] .lead-ask`);
}

/** Fills and sends the real form from the current page's "Ask" button; waits for the thank-you screen. */
async function sendLead(page, lead, { close = true } = {}) {
  await page.click('.lead-ask');
  await page.waitForSelector('.lead-form');
  await page.fill('#lead-name', lead.name);
  await page.fill('#lead-organisation', lead.organisation);
  if (lead.title) await page.fill('#lead-title', lead.title);
  await page.fill('#lead-email', lead.email);
  if (lead.phone) await page.fill('#lead-phone', lead.phone);
  if (lead.message) await page.fill('#lead-message', lead.message);
  await page.check(lead.followUp === 'booth' ? '#lead-follow-booth' : '#lead-follow-email');
  await page.check('#lead-consent');
  await page.click('.lead-send');
  await page.waitForSelector('.lead-thanks');
  if (close) {
    await page.click('.lead-done');
    await page.waitForSelector('.lead-dialog', { state: 'detached' });
  }
}

const visitor = (n) => ({
  name: `来場者 ${String(n).padStart(4, '0')} Visitor`,
  organisation: `テスト株式会社 ${n}`,
  title: n % 2 ? '研究開発部 部長' : '',
  email: `visitor${n}.booth@example.com`,
  phone: n % 3 ? '' : `03-1234-${String(n).padStart(4, '0')}`,
  message: n % 5 ? '' : `資料をください ${n}`,
  followUp: n % 2 ? 'booth' : 'email',
});

/** Five taps in the corner and the PIN: the staff screen. */
async function staffScreen(page) {
  for (let i = 0; i < 5; i++) await page.mouse.click(8, 8);
  await page.waitForSelector('.kiosk-pin');
  for (const d of '1234') await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('.pin-ok');
  await page.waitForSelector('.staff .staff-leads');
}

const staffCount = async (page) => {
  await page.waitForSelector('.staff-count:not(:empty)');
  return Number((await page.textContent('.staff-count')).match(/\d+/)[0]);
};

/** Everything the site keeps in IndexedDB and localStorage, as one string. */
const storedText = (page) => page.evaluate(async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('seed-explorer-leads'); r.onsuccess = () => ok(r.result); r.onerror = fail; });
  const out = [];
  for (const name of db.objectStoreNames) {
    const tx = db.transaction(name);
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); })));
    out.push(JSON.stringify({ name, keys, values }));
  }
  db.close();
  for (let i = 0; i < localStorage.length; i++) out.push(localStorage.key(i), localStorage.getItem(localStorage.key(i)));
  return out.join('\n');
});

/** Downloads the staff screen's export into `file`. */
async function exportTo(page, file) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.staff-export')]);
  await download.saveAs(file);
  await page.waitForSelector('.staff-clear');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `seeds leads open` into a CSV; its rows as objects keyed by heading. */
function openLeads(exports, out) {
  execFileSync(SEEDS_BIN, ['leads', 'open', ...exports, '--key', KEY, '--passphrase-file', PASS, '-o', out, '--bundle', join(DIST_DIR, 'bundle.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const text = readFileSync(out, 'utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with BOM');
  const [head, ...rows] = parseCsv(text.slice(1));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

/** RFC 4180 CSV. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); i++; } else cell += c;
  }
  if (cell !== '' || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1);
}

// Test 1's browser (started again on its profile); and one for the shorter tests.
let context;
let shared;
before(async () => { shared = await kiosk(withKey()); });
after(async () => { await context?.close(); await shared.close(); });

test('300 leads from the real form survive a browser closed mid-write, a restart and a reset, and open as exactly those 300', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'seed-explorer-leads-'));
  const first = await kiosk(withKey(), profile);
  const page = await open(first, `?mode=kiosk&idle=600&seed=${SEEDS[0]}`);
  await page.waitForSelector('.seed .lead-ask');
  const sent = [];
  for (let n = 1; n <= LEADS; n++) {
    // Half the leads ask about the first seed, a third the second, a sixth the third.
    const seed = n <= LEADS / 2 ? SEEDS[0] : n <= (LEADS * 5) / 6 ? SEEDS[1] : SEEDS[2];
    if (n === LEADS / 2 + 1 || n === (LEADS * 5) / 6 + 1) await goToSeed(page, seed);
    const lead = visitor(n);
    await sendLead(page, lead);
    sent.push({ ...lead, seed });
  }

  // The 301st visitor's write is under way — its transaction holds the lead and is kept open —
  // when the browser is closed (the tab, the window, the browser process: everything goes).
  await page.evaluate(() => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (args[1] === 'readwrite') {
        const keepOpen = () => { tx.objectStore('leads').count().onsuccess = keepOpen; window.__writing = true; };
        keepOpen();
      }
      return tx;
    };
  });
  const interrupted = visitor(9999);
  await page.click('.lead-ask');
  await page.fill('#lead-name', interrupted.name);
  await page.fill('#lead-organisation', interrupted.organisation);
  await page.fill('#lead-email', interrupted.email);
  await page.check('#lead-follow-email');
  await page.check('#lead-consent');
  await page.click('.lead-send');
  await page.waitForFunction(() => window.__writing === true && document.querySelector('.lead-send')?.disabled);
  assert.equal(await page.locator('.lead-thanks').count(), 0, 'no thank-you before the lead is stored');
  assert.deepEqual(page.errors, []);
  await first.close();

  // The browser started again on the same profile, then an idle reset: the leads stay.
  context = await kiosk(withKey(), profile);
  const again = await open(context, `?mode=kiosk&idle=3&countdown=1&seed=${SEEDS[0]}`);
  // The pulsing invitation holds still for people (and tests) who ask for reduced motion.
  await again.emulateMedia({ reducedMotion: 'reduce' });
  await again.waitForSelector('.seed .lead-ask');
  await again.waitForSelector('.attract', { timeout: 10_000 });
  await again.click('.attract-cta');
  await staffScreen(again);
  assert.equal(await staffCount(again), LEADS);
  assert.deepEqual(again.errors, []);
  await again.close();

  const staff = await open(context, `?mode=kiosk&idle=600&seed=${SEEDS[0]}`);
  await staff.waitForSelector('.seed .lead-ask');
  // Nothing personal is stored in the clear: only ciphertext and per-seed counts.
  const stored = await storedText(staff);
  for (const l of [...sent, interrupted]) {
    for (const text of [l.name, l.email, l.organisation]) assert.ok(!stored.includes(text), `"${text}" is stored in plain text`);
  }
  assert.ok(!stored.includes('example.com') && !stored.includes('来場者'));

  await staffScreen(staff);
  assert.equal(await staffCount(staff), LEADS);
  const interest = await staff.$$eval('.staff-interest li', (items) => items.map((li) => [li.dataset.seed, Number(li.querySelector('.staff-interest-count').textContent)]));
  assert.deepEqual(interest, [[SEEDS[0], LEADS / 2], [SEEDS[1], LEADS / 3], [SEEDS[2], LEADS / 6]]);
  const firstExport = join(dir, 'export-1.json');
  const exported = await exportTo(staff, firstExport);
  assert.equal(exported.format, 'seed-explorer-leads');
  assert.equal(exported.leads.length, LEADS);

  const rows = openLeads([firstExport], join(dir, 'leads-1.csv'));
  assert.equal(rows.length, LEADS, 'exactly the 300 leads');
  const byEmail = new Map(rows.map((r) => [r['E-mail'], r]));
  assert.equal(byEmail.size, LEADS);
  assert.ok(!byEmail.has(interrupted.email), 'the interrupted lead left nothing');
  const title = new Map(bundleSeeds().map((s) => [s.id, s.title_ja]));
  for (const l of sent) {
    const r = byEmail.get(l.email);
    assert.ok(r, `lead ${l.email} is missing`);
    assert.deepEqual(
      [r.Name, r.Organisation, r['Department / title'], r.Phone.replace(/^'/, ''), r.Message, r['Seed ids'], r['Seed titles'], r.Language],
      [l.name, l.organisation, l.title, l.phone, l.message, l.seed, title.get(l.seed), 'ja'],
    );
    assert.match(r['Follow-up'], l.followUp === 'booth' ? /booth/ : /E-mail/);
    assert.match(r['Consent (notice shown)'], /個人情報の保護に関する法律/);
    assert.match(r['Consent (notice shown)'], /北斗メディカル連合/);
  }

  // While the export is being checked, a visitor sends one more lead (another tab): "clear
  // after export" removes only the 300 exported.
  const visitorTab = await open(context, `?mode=kiosk&idle=600&seed=${SEEDS[1]}`);
  await visitorTab.waitForSelector('.seed .lead-ask');
  const late = visitor(301);
  await sendLead(visitorTab, late);
  await visitorTab.close();
  await staff.click('.staff-clear');
  await staff.waitForSelector(`.staff-done:has-text("${LEADS} 件を消去しました")`);
  await staff.waitForFunction(() => /: 1 件/.test(document.querySelector('.staff-count').textContent));
  const second = join(dir, 'export-2.json');
  assert.equal((await exportTo(staff, second)).leads.length, 1);
  // Both days' exports (and the first one twice) merge without duplicates.
  const merged = openLeads([firstExport, second, firstExport], join(dir, 'leads-all.csv'));
  assert.equal(merged.length, LEADS + 1);
  assert.ok(merged.some((r) => r['E-mail'] === late.email));
  assert.deepEqual(staff.errors, []);
  assert.deepEqual(await staff.evaluate(() => window.__violations), []);
});

test('hostile input (script, formulas, 100 KB, emoji, right-to-left) is kept as text from the form to the sheet', async () => {
  const own = await kiosk(withKey());
  try {
    const page = await open(own, `?mode=kiosk&idle=600&seed=${SEEDS[0]}`);
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await page.waitForSelector('.seed .lead-ask');
    // Two seeds on the shortlist; asking from the shortlist pre-selects both.
    await page.click('.seed .shortlist-toggle');
    await goToSeed(page, SEEDS[1]);
    await page.click('.seed .shortlist-toggle');
    await page.click('.nav-shortlist');
    await page.waitForSelector('.shortlist-view .lead-ask');
    const big = 'データ'.repeat(11_000) + 'x'.repeat(67_000); // 100 KB of UTF-8
    assert.ok(Buffer.byteLength(big) >= 100_000);
    const lead = {
      name: '<script>alert("name")</script><img src=x onerror=alert(1)>',
      organisation: '=HYPERLINK("http://evil.example","click")',
      title: '@SUM(1+1) 🧪👩‍🔬',
      email: 'hostile@example.org',
      phone: '+81 3 1234 5678',
      message: `‮مرحبا بالعالم‬ -2+3 🙂\n${big}`,
      followUp: 'booth',
    };
    await sendLead(page, lead, { close: false });
    // The thank-you screen carries the visitor's shortlist as a QR code.
    const qr = await decodeQr(page, '.lead-thanks svg');
    assert.equal(qr, `${BASE_URL}?view=shortlist&ids=${SEEDS[0]},${SEEDS[1]}`);
    assert.equal(await page.inputValue('#lead-name'), '', 'the typed text left the page');
    await page.click('.lead-done');
    assert.equal(dialogs, 0, 'no script ran');
    assert.equal(await page.locator('img[src="x"]').count(), 0);

    await staffScreen(page);
    const file = join(dir, 'hostile.json');
    await exportTo(page, file);
    const [row] = openLeads([file], join(dir, 'hostile.csv'));
    assert.equal(row.Name, lead.name);
    assert.equal(row.Organisation, `'${lead.organisation}`, 'formula neutralised');
    assert.equal(row['Department / title'], `'${lead.title}`);
    assert.equal(row.Phone, `'${lead.phone}`);
    assert.equal(row.Message, lead.message, 'the 100 KB message, emoji and RTL text round-trip');
    assert.equal(row['Seed ids'], `${SEEDS[0]}\n${SEEDS[1]}`);
    assert.equal(row['Follow-up'].includes('booth'), true);
    assert.deepEqual(page.errors, []);
  } finally {
    await own.close();
  }
});

test('the form is labelled, says what is wrong next to each field, moves focus there and works with the keyboard', async () => {
  const page = await open(shared, `?mode=kiosk&idle=600&lang=en&seed=${SEEDS[0]}`);
  await page.waitForSelector('.seed .lead-ask');
  assert.equal((await page.textContent('.lead-ask')).trim(), 'Ask about these seeds');
  await page.focus('.lead-ask');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.lead-form');
  await page.waitForFunction(() => document.activeElement?.id === 'lead-name');
  await page.fill('#lead-email', 'not-an-address');
  await page.click('.lead-send');
  await page.waitForSelector('.lead-status');
  assert.match(await page.textContent('.lead-status'), /Please check 5 fields/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lead-name', 'focus on the first wrong field');
  for (const [id, message] of [
    ['lead-name', 'Please fill this in.'],
    ['lead-email', 'This does not look like an e-mail address'],
    ['lead-follow-up', 'Please choose how to follow up.'],
    ['lead-consent', 'Please agree'],
  ]) {
    assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true', id);
    const described = (await page.getAttribute(`#${id}`, 'aria-describedby')).split(' ');
    assert.ok(described.includes(`${id}-error`), id);
    assert.match(await page.textContent(`#${id}-error`), new RegExp(message.replace(/[.]/g, '\\.')), id);
  }
  assert.ok((await page.getAttribute('#lead-consent', 'aria-describedby')).includes('lead-privacy'));
  assert.match(await page.textContent('#lead-privacy'), /Act on the Protection of Personal Information/);
  assert.match(await page.textContent('#lead-privacy'), /Hokuto Medical Alliance/);
  // Every label is tied to its control, and axe finds nothing wrong in the open form.
  assert.equal(await page.$$eval('.lead-form input, .lead-form textarea', (els) => els.filter((e) => !e.labels?.length).length), 0);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const axe = await page.evaluate(() => window.axe.run('.lead-dialog', { resultTypes: ['violations'] }));
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  // Keyboard only: type, tick, send.
  await page.keyboard.type('Keyboard Visitor');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keys Ltd');
  await page.fill('#lead-email', 'keys@example.net');
  await page.focus('#lead-follow-email');
  await page.keyboard.press('Space');
  await page.focus('#lead-consent');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'button primary lead-send');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.lead-thanks');
  assert.match(await page.textContent('.lead-thanks'), /Thank you/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.lead-dialog', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('lead-ask'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the idle reset clears a half-filled form and stores nothing', async () => {
  const page = await open(shared, `?mode=kiosk&idle=3&countdown=1&seed=${SEEDS[2]}`);
  await page.waitForSelector('.seed .lead-ask');
  await page.click('.lead-ask');
  await page.fill('#lead-name', 'Walked Away');
  await page.fill('#lead-email', 'walked.away@example.com');
  await page.waitForSelector('.attract', { timeout: 10_000 });
  assert.equal(await page.locator('.lead-dialog').count(), 0);
  assert.ok(!(await page.content()).includes('walked.away@example.com'));
  assert.ok(!(await storedText(page)).includes('walked.away'));
  await page.close();
});

test('a full storage: the form says it cannot take the enquiry, and the staff screen says so', async () => {
  const own = await kiosk(withKey());
  try {
    const page = await open(own, `?mode=kiosk&idle=600&seed=${SEEDS[0]}`);
    await page.waitForSelector('.seed .lead-ask');
    // A site quota of 60 KB (set before the site stores anything, as Chromium applies it to
    // new storage): the first small lead fits, the next one with a 150 KB message does not.
    const cdp = await own.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(BASE_URL).origin, quotaSize: 60_000 });
    await sendLead(page, visitor(1));
    await page.click('.lead-ask');
    const lead = { ...visitor(2), message: 'x'.repeat(150_000) };
    await page.fill('#lead-name', lead.name);
    await page.fill('#lead-organisation', lead.organisation);
    await page.fill('#lead-email', lead.email);
    await page.fill('#lead-message', lead.message);
    await page.check('#lead-follow-email');
    await page.check('#lead-consent');
    await page.click('.lead-send');
    await page.waitForSelector('.lead-status:has-text("保存領域がいっぱい")');
    assert.equal(await page.locator('.lead-thanks').count(), 0);
    assert.equal(await page.inputValue('#lead-name'), lead.name, 'what the visitor typed stays for the staff to take down');
    await page.click('.lead-cancel');
    await staffScreen(page);
    await page.waitForSelector('.staff-full');
    assert.equal(await staffCount(page), 1, 'the earlier lead is intact');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(BASE_URL).origin });
  } finally {
    await own.close();
  }
});

/** Opens `path` in the shared browser with config.json answered by `config` for this page only
 * (a page's route wins over the browser's). */
async function openWithConfig(config, path) {
  const page = await shared.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: config }));
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

test('no public key: no form anywhere, and the staff screen says why; the standard site offers it only when configured', async () => {
  const none = await openWithConfig(JSON.stringify({ leads: { exhibitor: EXHIBITOR } }), `?mode=kiosk&idle=600&seed=${SEEDS[0]}`);
  await none.waitForSelector('.seed h1');
  assert.equal(await none.locator('.lead-ask').count(), 0);
  await staffScreen(none);
  assert.match(await none.textContent('.staff-no-key'), /leads\.public_key/);
  await none.close();
  const standard = await open(shared, `?seed=${SEEDS[0]}`);
  await standard.waitForSelector('.seed h1');
  assert.equal(await standard.locator('.lead-ask').count(), 0, 'off on the normal site by default');
  await standard.close();
  const on = withKey({ standard_site: true });
  const page = await openWithConfig(on, `?seed=${SEEDS[0]}`);
  await page.waitForSelector('.seed .lead-ask');
  const embed = await openWithConfig(on, `?mode=embed&seed=${SEEDS[0]}`);
  await embed.waitForSelector('.seed h1');
  assert.equal(await embed.locator('.lead-ask').count(), 0, 'never inside a member website');
  assert.deepEqual([...page.errors, ...embed.errors], []);
  await page.close();
  await embed.close();
});
