// Seed Explorer's service worker: keeps the app and its catalogue usable with no network.
// Network first (so a newly published bundle or app is picked up on the next load), falling
// back to the last good copy cached — when the network fails, when the server answers with an
// error (404, 500…), and, for JSON files (the catalogue, config.json), when what arrived is cut
// short or does not parse. A bad answer never replaces a good copy. The app shell and the
// default bundle are cached at install; other bundles (?bundle=…) the first time they arrive, the
// booth build when a kiosk asks.
const CACHE = 'seed-explorer-v1';
const SHELL = [
  './', 'index.html', 'boot.js', 'style.css', 'favicon.svg', 'config.json', 'bundle.json',
  'pkg/seed_explorer.js', 'pkg/seed_explorer_bg.wasm',
];
// The booth build (kiosk and booth leads), cached when a kiosk asks (boot.js).
const BOOTH = ['booth/seed_explorer.js', 'booth/seed_explorer_bg.wasm'];
// JSON files up to this size are parsed before they are used or cached; larger ones (parsing
// would hold several times their size in memory) only have to start with `{` and end with `}`.
const PARSE_CHECK_MAX_BYTES = 64 * 1024 * 1024;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One missing optional file (config.json) must not stop the rest from being cached.
    await Promise.all(SHELL.map((path) => cache.add(path).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data !== 'keep-booth') return;
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(BOOTH)).catch(() => undefined));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  // Navigations carry the view in the query string (?q=…&seed=…): any of them is the app shell.
  const cached = () => cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const copy = await cached();
    if (copy) return copy;
    throw offline;
  }
  if (!response.ok) return (await cached()) ?? response;
  if (new URL(request.url).pathname.endsWith('.json')) return checkedJson(cache, request, response, cached);
  try {
    await cache.put(request, response.clone()); // rejects when the body is cut short
    return response;
  } catch (cut) {
    const copy = await cached();
    if (copy) return copy;
    throw cut;
  }
}

/** A JSON answer read whole and checked before it is used or cached; the cached copy otherwise. */
async function checkedJson(cache, request, response, cached) {
  let body;
  try {
    body = await response.arrayBuffer(); // rejects when the connection is cut
  } catch (cut) {
    const copy = await cached();
    if (copy) return copy;
    throw cut;
  }
  const headers = new Headers(response.headers);
  // The body is decompressed now: say how long it is, and that it is not compressed.
  headers.delete('content-encoding');
  headers.set('content-length', String(body.byteLength));
  const fresh = new Response(body, { status: response.status, statusText: response.statusText, headers });
  if (!wholeJson(body)) return (await cached()) ?? fresh; // the app explains a damaged file
  await cache.put(request, fresh.clone()).catch(() => undefined);
  return fresh;
}

function wholeJson(body) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return false;
  }
  if (body.byteLength > PARSE_CHECK_MAX_BYTES) return text.trimStart().startsWith('{') && text.trimEnd().endsWith('}');
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
