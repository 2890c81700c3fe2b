// `cargo xtask bench`: one headless-Chromium run that measures the release app on the sample
// data and on synthetic catalogues (`seeds synth`), runs MiniSearch and FlexSearch over the
// same corpora and the same typed-query sequences, prints one table and writes every figure to
// $BENCH_OUT (target/bench/results.json). Started by xtask/src/bench.rs, which builds the site
// and the corpora and serves them; see docs/benchmarks.md.
//
// Environment (set by the xtask; the BENCH_* knobs may be overridden by hand):
//   BASE_URL          the served site (the corpora and the peer engines under fixtures/)
//   DIST_DIR          the built site, for the transfer sizes and the sample bundle
//   BENCH_CORPUS_DIR  where synth-N.json bundles are
//   BENCH_SCALES      synthetic sizes, comma-separated (default 1000,10000,100000)
//   BENCH_OUT         the JSON results file
//   BENCH_LOADS       cold loads per corpus below 50,000 seeds (default 5; 1 above)
//   BENCH_REPEATS     passes over the query sequences (default 3)
//   BENCH_GAP_MS      pause after each keystroke has repainted (default 50)
//   BENCH_LOAD_TIMEOUT_S   give up on a page that shows no results after this long (default 180)
//   BENCH_KEY_TIMEOUT_S    give up on a keystroke that does not repaint after this long (default 60)
//   BENCH_PEER_TIMEOUT_S   give up on a peer engine's indexing after this long (default 600)
//   BENCH_QUIET_MS    after a keystroke, the results count as complete once nothing under the
//                     results or the facet panel has changed for this long (default 150)
//   BENCH_NOTE        free text stored with the results (e.g. "contended: shared machine")
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { memory } from '../browser/lib.mjs';
import { KEYSTROKES, SEQUENCES } from './queries.mjs';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE_URL = env('BASE_URL', 'http://127.0.0.1:8080/');
const DIST_DIR = env('DIST_DIR', 'dist');
const CORPUS_DIR = env('BENCH_CORPUS_DIR', 'target/bench/corpus');
const SCALES = env('BENCH_SCALES', '1000,10000,100000').split(',').filter(Boolean).map(Number);
const OUT = env('BENCH_OUT', 'target/bench/results.json');
const LOADS = Number(env('BENCH_LOADS', 5));
const REPEATS = Number(env('BENCH_REPEATS', 3));
const GAP_MS = Number(env('BENCH_GAP_MS', 50));
const LOAD_TIMEOUT = Number(env('BENCH_LOAD_TIMEOUT_S', 180)) * 1000;
const KEY_TIMEOUT = Number(env('BENCH_KEY_TIMEOUT_S', 60)) * 1000;
const PEER_TIMEOUT = Number(env('BENCH_PEER_TIMEOUT_S', 600)) * 1000;
const QUIET_MS = Number(env('BENCH_QUIET_MS', 150));
const NOTE = env('BENCH_NOTE', '');
/** The peers' scripts, served from the site's origin (fixtures/) so the app's CSP allows them. */
const PEER_SCRIPTS = ['fixtures/minisearch.js', 'fixtures/flexsearch.js', 'fixtures/peers.js'];
const PEERS = ['minisearch', 'flexsearch'];
/** Brotli quality for the bundle's transfer size: 11 (what a static host precompresses with)
 * up to this many bytes, 9 above (quality 11 takes minutes per hundred megabytes). */
const BROTLI_Q11_MAX_BYTES = 64e6;
const SEARCH = 'seed-explorer:search';
const READY = 'seed-explorer:ready';

/** The same flags the browser tests use (tests/browser/lib.mjs). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const log = (...args) => console.error('bench:', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with `what` when `promise` takes longer than `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile of `values` (null when empty). */
function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return null;
  return { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95), max: Math.max(...v), mean: v.reduce((a, b) => a + b, 0) / v.length };
}

const median = (values) => percentile(values.filter((x) => typeof x === 'number'), 50);

// ---------------------------------------------------------------------------------------------
// In the app's page, before any of its scripts: the moment the first result card appears, and
// for each keystroke the input event's timeStamp, the first change under the result list
// (MutationObserver) and the animation frame after it.
function benchInit() {
  const B = (window.__bench = { firstCard: null, firstCardFrame: null, keys: [], longTasks: [] });
  // Main-thread tasks over 50 ms: while one runs the page cannot react to anything.
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) B.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask' });
  } catch {
    B.longTasks = null;
  }
  const first = new MutationObserver(() => {
    if (B.firstCard === null && document.querySelector('.results .card')) {
      B.firstCard = performance.now();
      first.disconnect();
      requestAnimationFrame(() => { B.firstCardFrame = performance.now(); });
    }
  });
  first.observe(document, { childList: true, subtree: true });

  const searches = () => performance.getEntriesByName('seed-explorer:search', 'measure').length;
  const closest = (node, selector) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return !!el?.closest?.(selector);
  };
  const inResults = (node) => closest(node, '.results, .result-count, .empty');
  // What a visitor waits for after a keystroke: the result list and the facet counts.
  const inView = (node) => closest(node, '.results, .result-count, .empty, .facets');
  // Frames counted while typing, so a keystroke's figures can say in which frame it completed.
  B.frame = 0;
  let pending = null;
  let latest = null;
  // Called in the animation frame after the change: that is the repaint the brief times. A task
  // queued from there runs once the frame's style, layout and paint are done ("after frame").
  const finish = (rec, unchanged) => {
    if (rec.painted !== null) return;
    rec.painted = performance.now();
    rec.paintedFrame = B.frame;
    rec.unchanged = unchanged;
    if (pending === rec) pending = null;
    setTimeout(() => {
      rec.afterFrame = performance.now();
      rec.resolve();
    }, 0);
  };
  B.arm = () => {
    B.armedAt = performance.now();
    performance.clearMeasures('seed-explorer:search');
    const count = () => { B.frame += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const root = document.querySelector('#main') ?? document.body;
    new MutationObserver((records) => {
      const last = latest;
      if (last && records.some((r) => inView(r.target))) {
        // The frame after the latest change shows the complete results.
        last.lastMutation = performance.now();
        const serial = ++last.mutations;
        requestAnimationFrame(() => {
          if (last.mutations !== serial) return;
          last.complete = performance.now();
          last.completeFrame = B.frame;
        });
      }
      const rec = pending;
      if (!rec || rec.mutated !== null || !records.some((r) => inResults(r.target))) return;
      rec.mutated = performance.now();
      requestAnimationFrame(() => finish(rec, false));
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    document.addEventListener('input', (e) => {
      if (e.target?.id !== 'q') return;
      const rec = {
        value: e.target.value, t0: e.timeStamp, frame0: B.frame, before: searches(), mutated: null, painted: null,
        afterFrame: null, unchanged: false, mutations: 0, lastMutation: null, complete: null, completeFrame: null,
      };
      rec.done = new Promise((resolve) => { rec.resolve = resolve; });
      pending = rec;
      latest = rec;
      B.keys.push(rec);
      // If the search ran and nothing under the results changed (same cards, same count), the
      // repaint is the first frame after the search.
      const tick = () => {
        if (rec.painted !== null || rec.mutated !== null) return;
        if (searches() > rec.before) finish(rec, true);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, true);
  };
  // Waits for the last keystroke's repaint; returns its figures and the search measures taken
  // since the previous call (then clears them).
  B.take = async (quietMs) => {
    const rec = B.keys[B.keys.length - 1];
    await rec.done;
    // Complete: nothing under the results or the facet panel has changed for quietMs, and the
    // frame after the last change has run.
    for (;;) {
      const since = performance.now() - (rec.lastMutation ?? rec.painted);
      const framed = rec.lastMutation === null || rec.complete !== null;
      if (since >= quietMs && framed) break;
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, quietMs - since)));
    }
    const measures = performance.getEntriesByName('seed-explorer:search', 'measure').map((m) => m.duration);
    performance.clearMeasures('seed-explorer:search');
    const complete = rec.complete ?? rec.painted;
    return {
      value: rec.value,
      engineMs: measures.reduce((a, b) => a + b, 0),
      searches: measures.length,
      domMs: rec.mutated === null ? null : rec.mutated - rec.t0,
      repaintMs: rec.painted - rec.t0,
      afterFrameMs: rec.afterFrame - rec.t0,
      completeMs: complete - rec.t0,
      // 1: the list and the counts were complete in the first frame after the input.
      completeFrames: (rec.completeFrame ?? rec.paintedFrame) - rec.frame0,
      unchanged: rec.unchanged,
    };
  };
}

// ---------------------------------------------------------------------------------------------

async function heap(cdp) {
  const { jsHeapUsedBytes, jsHeapTotalBytes, wasmMemoryBytes } = await memory(cdp);
  const usage = await cdp.send('Runtime.getHeapUsage').catch(() => ({}));
  return { jsHeapUsedBytes, jsHeapTotalBytes, backingStorageBytes: usage.backingStorageSize ?? null, wasmMemoryBytes };
}

function appUrl(corpus) {
  const params = new URLSearchParams({ bench: '1' });
  if (corpus.url !== 'bundle.json') params.set('bundle', corpus.url);
  return new URL(`?${params}`, BASE_URL).href;
}

/** One cold load in a fresh context (empty cache, no service worker); keeps the page if asked. */
async function coldLoad(browser, corpus, keep) {
  const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(benchInit);
  const page = await context.newPage();
  page.setDefaultTimeout(KEY_TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const crashed = new Promise((resolve) => page.once('crash', () => resolve('crash')));
  const close = () => within(context.close(), 30_000, 'closing the page').catch(() => {});
  const started = Date.now();
  let status;
  try {
    await page.goto(appUrl(corpus), { waitUntil: 'commit', timeout: LOAD_TIMEOUT });
    status = await Promise.race([
      page.waitForSelector('.results .card, .error-page', { timeout: LOAD_TIMEOUT })
        .then((el) => el.evaluate((e) => (e.classList.contains('error-page') ? 'error page' : 'ok'))),
      crashed,
    ]);
  } catch (e) {
    status = /Timeout|timeout/.test(String(e)) ? 'timeout' : `failed: ${String(e).split('\n')[0]}`;
  }
  const wallMs = Date.now() - started;
  if (status !== 'ok') {
    await close();
    return { status, wallMs, errors, note: status === 'timeout' ? `no results after ${LOAD_TIMEOUT / 1000} s` : undefined };
  }
  const figures = await within(page.evaluate(async ([ready, bundlePath]) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const resources = performance.getEntriesByType('resource');
    const bundle = resources.find((r) => new URL(r.name).pathname.endsWith(bundlePath));
    const wasm = resources.find((r) => r.name.endsWith('.wasm'));
    const readyAt = performance.getEntriesByName(ready, 'mark')[0]?.startTime ?? null;
    const tasks = window.__bench.longTasks;
    return {
      longestTaskMs: tasks ? Math.max(0, ...tasks.map((t) => t.duration)) : null,
      // When it started, to tell the first render from the download or the indexing.
      longestTaskAtMs: tasks?.length ? tasks.reduce((a, t) => (t.duration > a.duration ? t : a)).start : null,
      firstResultsMs: window.__bench.firstCard,
      firstResultsFrameMs: window.__bench.firstCardFrame,
      readyMs: readyAt,
      bundleRequestMs: bundle?.startTime ?? null,
      bundleResponseEndMs: bundle?.responseEnd ?? null,
      bundleBytes: bundle?.encodedBodySize ?? null,
      wasmResponseEndMs: wasm?.responseEnd ?? null,
      domContentLoadedMs: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    };
  }, [READY, `/${corpus.url}`]), KEY_TIMEOUT, 'reading the load timings');
  figures.bundleLoadMs = figures.readyMs !== null && figures.bundleRequestMs !== null ? figures.readyMs - figures.bundleRequestMs : null;
  figures.downloadMs = figures.bundleResponseEndMs !== null && figures.bundleRequestMs !== null ? figures.bundleResponseEndMs - figures.bundleRequestMs : null;
  figures.parseIndexMs = figures.readyMs !== null && figures.bundleResponseEndMs !== null ? figures.readyMs - figures.bundleResponseEndMs : null;
  const result = { status, wallMs, errors, ...figures };
  if (!keep) {
    await close();
    return result;
  }
  return { ...result, page, context, close };
}

/**
 * Types every sequence into the search box, keystroke by keystroke, `REPEATS` times. After our
 * app has shown each keystroke's complete results, the peers in the same page search the same
 * value, each timed on its own.
 */
async function typeInApp(page, peers) {
  await page.evaluate(() => window.__bench.arm());
  const take = () => within(page.evaluate((q) => window.__bench.take(q), QUIET_MS), KEY_TIMEOUT, 'waiting for a keystroke to repaint');
  const keys = [];
  const peerKeys = Object.fromEntries(peers.map((n) => [n, []]));
  const finalHits = {};
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const seq of SEQUENCES) {
      if ((await page.inputValue('#q')) !== '') {
        await page.fill('#q', '');
        await take();
        await sleep(GAP_MS);
      }
      for (const value of seq.steps) {
        await page.fill('#q', value);
        const key = await take();
        if (key.value !== value) throw new Error(`the app saw ${JSON.stringify(key.value)} for ${JSON.stringify(value)}`);
        keys.push({ seq: seq.name, repeat, ...key });
        if (peers.length) {
          const timed = await within(page.evaluate((v) => window.peerBench.searchAll(v), value), KEY_TIMEOUT, 'peers: searching');
          for (const n of peers) peerKeys[n].push({ seq: seq.name, repeat, value, ...timed[n] });
        }
        await sleep(GAP_MS);
      }
      if (repeat === 0) {
        const text = await page.textContent('.result-count');
        finalHits[seq.name] = Number((text.match(/\d[\d,]*/) ?? ['0'])[0].replace(/,/g, ''));
      }
    }
  }
  return { keys, peerKeys, finalHits };
}

/**
 * MiniSearch and FlexSearch, added to our app's page (served from its origin, so its CSP lets
 * them run) after our figures are taken: each fetches the same bundle and indexes the same
 * fields, in slices. Returns the peers that finished indexing.
 */
async function addPeers(page, cdp, corpus) {
  const peers = {};
  for (const src of PEER_SCRIPTS) await page.addScriptTag({ url: new URL(src, BASE_URL).href });
  const loaded = await within(page.evaluate((url) => window.peerBench.load(url), new URL(corpus.url, BASE_URL).href), LOAD_TIMEOUT, 'peers: loading the bundle');
  let base = await heap(cdp);
  for (const name of PEERS) {
    const build = await within(page.evaluate(([n, t]) => window.peerBench.build(n, t), [name, PEER_TIMEOUT]), PEER_TIMEOUT + 120_000, `${name}: indexing`);
    const peer = { build, loadMs: loaded.ms };
    peers[name] = peer;
    if (!build.complete) {
      peer.status = 'index timeout';
      peer.note = `indexing stopped after ${Math.round(build.wallMs / 1000)} s with ${build.added} of ${loaded.seeds} seeds`;
      log(`${corpus.name}: ${name}: ${peer.note}`);
      await page.evaluate((n) => window.peerBench.drop(n), name);
      continue;
    }
    const after = await heap(cdp);
    peer.heap = { ...after, indexBytes: after.jsHeapUsedBytes - base.jsHeapUsedBytes };
    base = after;
    peer.status = 'ok';
    log(`${corpus.name}: ${name}: indexed in ${ms(build.busyMs)} ms`);
  }
  await page.evaluate(() => window.peerBench.forgetDocuments());
  return peers;
}

/** Our app on one corpus: cold loads, memory, then typing with the peers in the same page. */
async function measureApp(browser, corpus) {
  const loads = [];
  const n = corpus.seeds >= 50_000 ? Math.min(LOADS, 1) : LOADS;
  let kept = null;
  for (let i = 0; i < n; i++) {
    const run = await coldLoad(browser, corpus, i === n - 1);
    const { page, context, close, ...figures } = run;
    loads.push(figures);
    log(`${corpus.name}: cold load ${i + 1}/${n}: ${run.status}` +
      (run.status === 'ok' ? `, first results ${ms(run.firstResultsMs)} ms, ready ${ms(run.readyMs)} ms, longest task ${ms(run.longestTaskMs)} ms${run.longestTaskAtMs === null ? '' : ` at ${ms(run.longestTaskAtMs)} ms`}` : ` (${run.wallMs} ms)`));
    if (run.status !== 'ok') break;
    if (page) kept = { page, context, close };
  }
  const ok = loads.filter((l) => l.status === 'ok');
  const last = loads[loads.length - 1];
  const app = {
    status: last.status,
    note: last.note ?? (last.status === 'ok' ? undefined : last.status),
    loads,
    firstResultsMs: median(ok.map((l) => l.firstResultsMs)),
    readyMs: median(ok.map((l) => l.readyMs)),
    bundleLoadMs: median(ok.map((l) => l.bundleLoadMs)),
    downloadMs: median(ok.map((l) => l.downloadMs)),
    parseIndexMs: median(ok.map((l) => l.parseIndexMs)),
    longestLoadTaskMs: median(ok.map((l) => l.longestTaskMs)),
    longestLoadTaskMaxMs: ok.length ? Math.max(...ok.map((l) => l.longestTaskMs ?? 0)) : null,
    bundleBytes: ok[0]?.bundleBytes ?? null,
    errors: [...new Set(loads.flatMap((l) => l.errors))],
  };
  const peers = {};
  if (!kept) return { app, peers };
  try {
    const cdp = await kept.context.newCDPSession(kept.page);
    app.heap = await within(heap(cdp), KEY_TIMEOUT, 'measuring the heap');
    try {
      Object.assign(peers, await addPeers(kept.page, cdp, corpus));
    } catch (e) {
      peers.error = String(e).split('\n')[0];
      log(`${corpus.name}: peers: ${peers.error}`);
    }
    const ready = PEERS.filter((p) => peers[p]?.status === 'ok');
    const started = Date.now();
    const { keys, peerKeys, finalHits } = await typeInApp(kept.page, ready);
    app.typingWallMs = Date.now() - started;
    app.longestTypingTaskMs = await kept.page.evaluate(() => {
      const { longTasks, armedAt } = window.__bench;
      return longTasks ? Math.max(0, ...longTasks.filter((t) => t.start > armedAt).map((t) => t.duration)) : null;
    });
    app.keys = keys;
    app.finalHits = finalHits;
    app.engine = stats(keys.map((k) => k.engineMs));
    app.dom = stats(keys.map((k) => k.domMs));
    app.repaint = stats(keys.map((k) => k.repaintMs));
    app.afterFrame = stats(keys.map((k) => k.afterFrameMs));
    app.complete = stats(keys.map((k) => k.completeMs));
    app.oneFrameShare = keys.filter((k) => k.completeFrames <= 1).length / keys.length;
    app.unchangedKeystrokes = keys.filter((k) => k.unchanged).length;
    for (const name of ready) {
      const peer = peers[name];
      peer.keys = peerKeys[name];
      peer.search = stats(peer.keys.map((k) => k.ms));
      peer.finalHits = Object.fromEntries(SEQUENCES.map((s) => [s.name, peer.keys.find((k) => k.repeat === 0 && k.seq === s.name && k.value === s.steps[s.steps.length - 1])?.hits ?? null]));
      log(`${corpus.name}: ${name}: search p50 ${ms(peer.search.p50)} / p95 ${ms(peer.search.p95)} ms`);
    }
    log(`${corpus.name}: typed ${keys.length} keystrokes: engine p50 ${ms(app.engine.p50)} / p95 ${ms(app.engine.p95)} ms, ` +
      `complete p50 ${ms(app.complete.p50)} / p95 ${ms(app.complete.p95)} ms`);
  } catch (e) {
    app.status = 'typing failed';
    app.note = String(e).split('\n')[0];
    log(`${corpus.name}: ${app.note}`);
  } finally {
    await kept.close();
  }
  return { app, peers };
}

/** The bundle's transfer size: brotli of the file as a static host would precompress it. */
function bundleTransfer(file) {
  const bytes = readFileSync(file);
  const quality = bytes.length <= BROTLI_Q11_MAX_BYTES ? 11 : 9;
  const t0 = Date.now();
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  log(`${file}: brotli q${quality} ${mb(brotli)} MB in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { raw: bytes.length, brotli, quality };
}

// ---------------------------------------------------------------------------------------------

/**
 * What a visitor's browser downloads to start the app: the website build (`pkg/`, or the booth
 * build `booth/` that kiosks load), the stylesheet and boot.js.
 */
function transferSizes(dir = 'pkg') {
  const pkg = readdirSync(join(DIST_DIR, dir)).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort().map((f) => `${dir}/${f}`);
  const files = [...pkg, 'style.css', 'boot.js'].map((file) => {
    const bytes = readFileSync(join(DIST_DIR, file));
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  });
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

function machine(browserVersion, loadStart, startedAt) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    chromium: browserVersion,
    node: process.version,
    playwright: JSON.parse(readFileSync('node_modules/playwright-core/package.json', 'utf8')).version,
    minisearch: JSON.parse(readFileSync('node_modules/minisearch/package.json', 'utf8')).version,
    flexsearch: JSON.parse(readFileSync('node_modules/flexsearch/package.json', 'utf8')).version,
    date: startedAt,
    finishedAt: new Date().toISOString(),
    loadAverageAtStart: loadStart,
    loadAverageAtEnd: os.loadavg(),
    // Other work on the machine during the run makes every figure slower than on an idle one.
    contended: loadStart[0] > 0.5,
    note: NOTE,
  };
}

/** `seeds stats --json`'s index figures for a corpus, written by the xtask next to it. */
function indexStats(stem) {
  try {
    return JSON.parse(readFileSync(join(CORPUS_DIR, `${stem}.stats.json`), 'utf8')).index;
  } catch {
    return null;
  }
}

function corpora() {
  const sample = JSON.parse(readFileSync(join(DIST_DIR, 'bundle.json'), 'utf8'));
  const list = [{ name: 'sample', stem: 'sample', seeds: sample.seeds.length, url: 'bundle.json', file: join(DIST_DIR, 'bundle.json') }];
  for (const n of SCALES) {
    const name = n % 1000 === 0 ? `${n / 1000}k` : String(n);
    list.push({ name, stem: `synth-${n}`, seeds: n, url: `fixtures/synth-${n}.json`, file: join(CORPUS_DIR, `synth-${n}.json`) });
  }
  return list.map((c) => ({ ...c, fileBytes: statSync(c.file).size, index: indexStats(c.stem) }));
}

/** The vocabulary of each corpus beside a real-text excerpt (not loaded in the browser). */
function vocabulary(list) {
  const rows = list.map((c) => ({ name: c.name, seeds: c.seeds, index: c.index }));
  const heldout = indexStats('heldout');
  if (heldout) rows.splice(1, 0, { name: 'KAKEN excerpt (real)', seeds: heldout.growth.at(-1)?.seeds ?? null, index: heldout });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Output

function ms(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : (bytes / 1e6).toFixed(1));
const ratio = (a, b) => (a && b ? (a / b).toFixed(a / b < 10 ? 2 : 0) : '–');
const pair = (s) => (s ? `${ms(s.p50)} / ${ms(s.p95)}` : '–');

function peerCell(peer, what) {
  if (!peer) return '–';
  if (peer.status !== 'ok') return peer.status ?? 'failed';
  return what(peer);
}

function table(results) {
  const cols = results.scales;
  const cell = (f) => cols.map((c) => {
    try { return f(c) ?? '–'; } catch { return '–'; }
  });
  const appCell = (f) => (c) => (c.app.status === 'ok' ? f(c.app) : (c.app.note ?? c.app.status));
  const peerRatio = (name, c) => peerCell(c.peers[name], (p) => `${ratio(c.app.engine?.p50, p.search.p50)} / ${ratio(c.app.engine?.p95, p.search.p95)}`);
  const rows = [
    ['seeds', cell((c) => c.seeds.toLocaleString('en-US')), ''],
    ['bundle file, MB', cell((c) => mb(c.fileBytes)), ''],
    ['bundle transfer, brotli, MB', cell((c) => `${mb(c.transfer.brotli)}${c.transfer.quality === 11 ? '' : ` (q${c.transfer.quality})`}`), '≤ 1.2 (10k)'],
    ['navigation → first results, ms (median of cold loads)', cell(appCell((a) => ms(a.firstResultsMs))), '≤ 300 (sample)'],
    ['navigation → ready mark (app + bundle download, parse, index), ms', cell((c) => (c.app.readyMs !== null ? ms(c.app.readyMs) : c.app.note ?? c.app.status)), '≤ 1,000 (10k)'],
    ['bundle request → ready (download + parse + index), ms', cell((c) => ms(c.app.bundleLoadMs)), '≤ 1,000 (10k)'],
    ['… of which download (request → last byte, localhost), ms', cell((c) => ms(c.app.downloadMs)), ''],
    ['longest main-thread task during load, ms (median / worst load)', cell((c) => `${ms(c.app.longestLoadTaskMs)} / ${ms(c.app.longestLoadTaskMaxMs)}`), '≤ 50'],
    ['JS heap after load (after GC), MB', cell((c) => mb(c.app.heap?.jsHeapUsedBytes)), ''],
    ['wasm linear memory after load, MB', cell((c) => mb(c.app.heap?.wasmMemoryBytes)), '≤ 45 (10k), ≤ 350 (100k)'],
    ['wasm memory ÷ bundle file bytes', cell((c) => ratio(c.app.heap?.wasmMemoryBytes, c.fileBytes)), ''],
    ['ours: engine per keystroke p50 / p95, ms (search + facet counts + sort)', cell(appCell((a) => pair(a.engine))), 'p95 ≤ 8 (10k), ≤ 50 (100k)'],
    ['FlexSearch (same page): search per keystroke p50 / p95, ms', cell((c) => peerCell(c.peers.flexsearch, (p) => pair(p.search))), ''],
    ['ours / FlexSearch, p50 / p95', cell((c) => peerRatio('flexsearch', c)), '≤ 1.0 / ≤ 0.5 (10k)'],
    ['MiniSearch (same page): search per keystroke p50 / p95, ms', cell((c) => peerCell(c.peers.minisearch, (p) => pair(p.search))), ''],
    ['ours / MiniSearch, p50 / p95', cell((c) => peerRatio('minisearch', c)), ''],
    ['ours: input → results and facet counts complete p50 / p95, ms', cell(appCell((a) => pair(a.complete))), 'p95 ≤ 33 (10k)'],
    ['ours: keystrokes complete in the first frame, %', cell(appCell((a) => (a.oneFrameShare * 100).toFixed(0))), ''],
    ['ours: type → first change repainted p50 / p95, ms', cell(appCell((a) => pair(a.repaint))), ''],
    ['ours: longest main-thread task while typing, ms', cell(appCell((a) => ms(a.longestTypingTaskMs))), ''],
    ['MiniSearch / FlexSearch index build, s', cell((c) => PEERS.map((n) => {
      const b = c.peers[n]?.build;
      return b ? `${(b.busyMs / 1000).toFixed(1)}${b.complete ? '' : ' (stopped)'}` : '–';
    }).join(' / ')), ''],
    ['MiniSearch / FlexSearch index in JS heap, MB', cell((c) => PEERS.map((n) => mb(c.peers[n]?.heap?.indexBytes)).join(' / ')), ''],
  ];
  const header = ['', ...cols.map((c) => c.name), 'budget'];
  const lines = [header, header.map(() => '---'), ...rows.map(([label, cells, budget]) => [label, ...cells, budget])];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

function vocabularyTable(rows) {
  const f = (v) => (v === null || v === undefined ? '–' : v.toLocaleString('en-US'));
  const lines = [
    ['corpus', 'seeds', 'index terms', 'of which words', 'postings per seed', 'index bytes per seed', "Heaps' β (terms / words)"],
    ['---', '---', '---', '---', '---', '---', '---'],
    ...rows.map((r) => [
      r.name, f(r.seeds), f(r.index?.terms), f(r.index?.words),
      r.index && r.seeds ? f(Math.round(r.index.postings / r.seeds)) : '–', f(r.index?.bytes_per_seed),
      r.index ? `${r.index.heaps_beta_terms.toFixed(2)} / ${r.index.heaps_beta_words.toFixed(2)}` : '–',
    ]),
  ];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

function budgets(results) {
  const by = (name) => results.scales.find((s) => s.name === name);
  const check = (what, value, limit, unit) => ({
    what, limit, unit, value,
    verdict: value === null || value === undefined || Number.isNaN(value) ? 'not measured' : value <= limit ? 'within' : 'OVER',
  });
  const tenK = by('10k');
  const flex = (p) => (tenK?.app.engine && tenK?.peers.flexsearch?.search ? tenK.app.engine[p] / tenK.peers.flexsearch.search[p] : null);
  const worstTask = Math.max(...results.scales.map((s) => s.app.longestLoadTaskMaxMs ?? -Infinity));
  return [
    check('wasm + JS + CSS, brotli', results.transfer.total.brotli / 1000, 320, 'KB'),
    check('sample data: navigation → first results', by('sample')?.app.firstResultsMs, 300, 'ms'),
    check('10k: bundle request → ready to search', tenK?.app.bundleLoadMs, 1000, 'ms'),
    check('10k: navigation → ready to search', tenK?.app.readyMs, 1000, 'ms'),
    check('10k: bundle transfer, brotli', tenK ? tenK.transfer.brotli / 1e6 : null, 1.2, 'MB'),
    check('10k: wasm memory after load', tenK?.app.heap ? tenK.app.heap.wasmMemoryBytes / 1e6 : null, 45, 'MB'),
    check('100k: wasm memory after load', by('100k')?.app.heap ? by('100k').app.heap.wasmMemoryBytes / 1e6 : null, 350, 'MB'),
    check('every corpus: longest main-thread task while loading', Number.isFinite(worstTask) ? worstTask : null, 50, 'ms'),
    check('10k: input → results and facet counts complete, p95', tenK?.app.complete?.p95, 33, 'ms'),
    check('10k: engine p50 ÷ FlexSearch p50', flex('p50'), 1.0, '×'),
    check('10k: engine p95 ÷ FlexSearch p95', flex('p95'), 0.5, '×'),
    check('10k: keystroke p95 (search + facet counts)', tenK?.app.engine?.p95, 8, 'ms'),
    check('100k: keystroke p95 (search + facet counts)', by('100k')?.app.engine?.p95, 50, 'ms'),
  ];
}

function printReport(results) {
  const m = results.machine;
  const out = [];
  out.push('');
  out.push(`Seed Explorer benchmark — ${m.date}`);
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB; ${m.os}; Chromium ${m.chromium}; node ${m.node}`);
  out.push(`load average at start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${m.loadAverageAtEnd.map((x) => x.toFixed(2)).join(' ')}` +
    (m.contended ? ' — CONTENDED: other work was running, figures are slower than on an idle machine' : ''));
  if (m.note) out.push(`note: ${m.note}`);
  out.push(`${SEQUENCES.length} typed-query sequences, ${KEYSTROKES} keystrokes per pass, ${REPEATS} passes; peers: MiniSearch ${m.minisearch}, FlexSearch ${m.flexsearch}`);
  out.push('');
  out.push('Vocabulary (seeds stats: the index the engine builds; Heaps\' β fitted over the first 1/16 … all of the seeds):');
  out.push('');
  out.push(vocabularyTable(results.vocabulary));
  out.push('');
  out.push(table(results));
  out.push('');
  out.push('Ours includes facet counts and sorting (the app\'s "seed-explorer:search" measure); MiniSearch and FlexSearch only search (no facet counts),');
  out.push('both returning their full ranked result list, in the same page after our results for the same keystroke are complete.');
  out.push('Percentiles are nearest-rank over every keystroke of every pass; performance.now() is coarsened to 0.1 ms in a page that is not');
  out.push('cross-origin isolated, so sub-millisecond figures and their ratios are rough. Each cold load is a fresh browser context (empty');
  out.push('cache, service worker blocked) served from 127.0.0.1 without throttling. "Complete" is the animation frame after the last change');
  out.push(`under the results and the facet panel (nothing changed for ${QUIET_MS} ms after it).`);
  out.push('');
  const t = results.transfer;
  out.push('App transfer sizes (bytes; raw / gzip -9 / brotli q11):');
  for (const f of t.files) out.push(`  ${f.file.padEnd(28)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)} ${String(f.brotli).padStart(9)}`);
  out.push(`  ${'total'.padEnd(28)} ${String(t.total.raw).padStart(9)} ${String(t.total.gzip).padStart(9)} ${String(t.total.brotli).padStart(9)}`);
  const booth = results.boothTransfer;
  if (booth) {
    out.push('The booth build (kiosks and pages that offer booth leads load it instead of pkg/):');
    for (const f of booth.files.filter((f) => f.file.startsWith('booth/'))) out.push(`  ${f.file.padEnd(28)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)} ${String(f.brotli).padStart(9)}`);
    out.push(`  ${'total with CSS and boot.js'.padEnd(28)} ${String(booth.total.raw).padStart(9)} ${String(booth.total.gzip).padStart(9)} ${String(booth.total.brotli).padStart(9)}`);
  }
  out.push('');
  out.push('Budgets:');
  for (const b of results.budgets) {
    out.push(`  ${b.verdict.padEnd(12)} ${b.what}: ${b.value === null || b.value === undefined ? '–' : ms(b.value)} ${b.unit} (budget ≤ ${b.limit} ${b.unit})`);
  }
  out.push('');
  out.push(`All figures: ${OUT}`);
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadStart = os.loadavg();
  const startedAt = new Date().toISOString();
  const list = corpora();
  // Before the browser starts, so the compression does not run beside a measurement.
  for (const corpus of list) corpus.transfer = bundleTransfer(corpus.file);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const version = browser.version();
  const results = { machine: null, settings: null, transfer: transferSizes(), boothTransfer: transferSizes('booth'), scales: [] };
  results.settings = {
    baseUrl: BASE_URL, loads: LOADS, repeats: REPEATS, gapMs: GAP_MS, loadTimeoutS: LOAD_TIMEOUT / 1000,
    keyTimeoutS: KEY_TIMEOUT / 1000, peerTimeoutS: PEER_TIMEOUT / 1000, serviceWorkers: 'blocked (cold first visits)',
    sequences: SEQUENCES,
  };
  results.vocabulary = vocabulary(list);
  try {
    for (const corpus of list) {
      log(`${corpus.name}: ${corpus.seeds} seeds, ${mb(corpus.fileBytes)} MB bundle`);
      const { app, peers } = await measureApp(browser, corpus).catch((e) => ({ app: { status: 'failed', note: String(e).split('\n')[0], loads: [] }, peers: {} }));
      results.scales.push({ name: corpus.name, seeds: corpus.seeds, url: corpus.url, fileBytes: corpus.fileBytes, transfer: corpus.transfer, index: corpus.index, app, peers });
    }
  } finally {
    results.machine = machine(version, loadStart, startedAt);
    await within(browser.close(), 60_000, 'closing Chromium').catch(() => {});
  }
  results.budgets = budgets(results);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(results, null, 1));
  printReport(results);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
