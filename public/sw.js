// Seed Explorer's service worker: keeps the app and its catalogue usable with no network.
// Network first (so a newly published bundle or app is picked up on the next load), falling
// back to the last copy cached. The app shell and the default bundle are cached at install;
// other bundles (?bundle=…) are cached the first time they are fetched.
const CACHE = 'seed-explorer-v1';
const SHELL = [
  './', 'index.html', 'boot.js', 'style.css', 'favicon.svg', 'config.json', 'bundle.json',
  'pkg/seed_explorer.js', 'pkg/seed_explorer_bg.wasm',
];

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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    // Navigations carry the view in the query string (?q=…&seed=…): any of them is the app shell.
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw offline;
  }
}
