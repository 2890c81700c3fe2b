// A member website's tab stays open all day: one visitor searching hundreds of times without
// a reload must not make the app's memory grow. Each search replaces the result cards, so this
// catches anything kept per card or per search: wasm allocations, DOM nodes, listeners, and the
// Rust callbacks handed to the browser (wasm-bindgen closures, counted in heap snapshots).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { objectsByName, takeHeapSnapshot } from './heap.mjs';
import { engineIds, launch, memory, open } from './lib.mjs';

const SEARCHES = Number(process.env.SESSION_SEARCHES ?? 600);
const WARM_UP = 100;
const MB = 2 ** 20;
// Wasm memory grows in 64 KiB pages and keeps its high-water mark; one search's worth of
// cards is well under 1 MB, a leak of 1 KB per card over 500 searches is 25 MB.
const MAX_WASM_GROWTH = 1 * MB;
const MAX_NODE_GROWTH = 100;
// wasm-bindgen's glue wraps every Rust closure it gives JavaScript in a function named `real`.
const closures = async (cdp) => objectsByName(await takeHeapSnapshot(cdp)).get('real')?.count ?? 0;
const QUERIES = ['', 'がん', 'カテーテル', '再生医療', 'AI', 'antibody', '診断 AI', 'センサー', 'drug delivery', '細胞'];

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

test(`${SEARCHES} searches in one visit leave the memory where it was after the first ${WARM_UP}`, { timeout: 60_000 + SEARCHES * 500 }, async () => {
  const page = await open(context);
  await page.waitForSelector('.results .card');
  const cdp = await context.newCDPSession(page);
  const counts = QUERIES.map((q) => Math.min(engineIds(q, 100000).length, 50));
  let warm;
  let warmClosures;
  for (let i = 0; i < SEARCHES; i++) {
    if (i === WARM_UP) {
      warm = await memory(cdp);
      warmClosures = await closures(cdp);
    }
    const n = i % QUERIES.length;
    await page.fill('#q', QUERIES[n]);
    await page.waitForFunction((want) => document.querySelectorAll('.results .card').length === want, counts[n]);
  }
  await page.fill('#q', QUERIES[0]);
  await page.waitForFunction((want) => document.querySelectorAll('.results .card').length === want, counts[0]);
  const end = await memory(cdp);
  const endClosures = await closures(cdp);
  const grew = (key) => end[key] - warm[key];
  console.log(`session: ${SEARCHES} searches; after ${WARM_UP}: wasm ${(warm.wasmMemoryBytes / MB).toFixed(2)} MB, `
    + `${warm.nodes} nodes, ${warm.listeners} listeners; at the end: wasm ${(end.wasmMemoryBytes / MB).toFixed(2)} MB, `
    + `${end.nodes} nodes, ${end.listeners} listeners; Rust closures held by JS ${warmClosures} → ${endClosures}; `
    + `JS heap ${(warm.jsHeapUsedBytes / MB).toFixed(2)} → ${(end.jsHeapUsedBytes / MB).toFixed(2)} MB`);
  assert.ok(warmClosures > 0, 'no wasm-bindgen closure found in the heap snapshot: has the glue renamed them?');
  assert.ok(endClosures - warmClosures < 20, `${endClosures - warmClosures} more Rust closures alive`);
  assert.ok(grew('wasmMemoryBytes') < MAX_WASM_GROWTH, `wasm memory grew ${(grew('wasmMemoryBytes') / MB).toFixed(2)} MB`);
  assert.ok(grew('nodes') < MAX_NODE_GROWTH, `${grew('nodes')} more DOM nodes`);
  assert.equal(end.listeners, warm.listeners, 'JS event listeners');
  assert.deepEqual(page.errors, []);
});
