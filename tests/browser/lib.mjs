// Shared set-up for the browser tests: one headless Debian Chromium per test file, driven by
// playwright-core, against the release site that `cargo xtask test` serves on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const DIST_DIR = process.env.DIST_DIR ?? 'dist';
export const SEEDS_BIN = process.env.SEEDS_BIN ?? 'target/release/seeds';

/** Launches Chromium with the flags this machine needs and a fresh profile. */
export async function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'seed-explorer-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: 'ja-JP',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Opens `path` (relative to the site) in a new page that records console errors. */
export async function open(context, path = '') {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(new URL(path, BASE_URL).href);
  return page;
}

/** The seed ids of the result cards, in display order. */
export async function cardIds(page) {
  return page.$$eval('.results .card', (cards) => cards.map((c) => c.dataset.seed));
}

/** What `seeds query --json` ranks for the same bundle: the engine's own answer. */
export function engineIds(query, limit = 50) {
  const out = execFileSync(SEEDS_BIN, ['query', join(DIST_DIR, 'bundle.json'), query, '--json', '--limit', String(limit)]);
  return JSON.parse(out).map((r) => r.id);
}
