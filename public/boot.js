// Starts the wasm app. Kept in a file (not inline) so the strict Content-Security-Policy
// `script-src 'self' 'wasm-unsafe-eval'` allows it. If the app cannot start at all (an old
// browser, a damaged download), say so in both languages instead of leaving a blank page.

// Start the catalogue download now, in parallel with the wasm download and compile; the app
// (src/load.rs) takes this response instead of fetching the same URL again. `?bundle=` picks
// another catalogue, as the app reads it (src/url_codec.rs: the last value counts, an empty
// value is no value) — but only one on this site: the rules of src/bundle_path.rs (a relative
// or root path of letters, digits and `-._~+/`, no empty segment, at most 256 bytes), then the
// browser's own check of the origin. Anything else is not fetched; the app explains why.
const bundleUrl = new URLSearchParams(location.search).getAll('bundle').pop() || 'bundle.json';
function onThisSite(path) {
  if (new TextEncoder().encode(path).length > 256 || !/^[\p{Alphabetic}\p{N}\-._~+/]+$/u.test(path)) return false;
  if (path.replace(/^\//, '').split('/').some((segment) => segment === '')) return false;
  try {
    return new URL(path, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
if (!document.getElementById('seed-bundle') && onThisSite(bundleUrl)) {
  const response = fetch(bundleUrl);
  response.catch(() => {}); // the app reports a failed download; no unhandled rejection here
  globalThis.seedExplorerPrefetch = { url: bundleUrl, response };
}

// config.json likewise, so that its round trip overlaps the wasm download instead of following
// it; the app (src/platform.rs) takes this request and aborts it when its time limit is up.
if (!document.getElementById('seed-config')) {
  const abort = new AbortController();
  const response = fetch('config.json', { signal: abort.signal });
  response.catch(() => {}); // the app reports a missing or failed file
  globalThis.seedExplorerConfig = { response, abort };
}

// Offline support when served over HTTP(S); a page opened from file:// has no service worker.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('service worker', error));
}

// Two builds of the app: the website build (pkg/), and the booth build (booth/), which adds the
// kiosk and the booth-lead form. A URL asking for kiosk mode gets the booth build at once; a
// page that the website build finds it cannot show (config.json turns the kiosk on, or offers
// leads on the site) asks for it in session storage and reloads (src/platform.rs). When the
// booth build cannot start, the website build does, and says so in the console.
const BOOTH_BUILD_KEY = 'seed-explorer.build';
function boothAsked() {
  // As the app reads `mode=` (src/url_codec.rs): the last value counts, case and spaces aside.
  const mode = new URLSearchParams(location.search).getAll('mode').filter((v) => v !== '').pop();
  if (mode?.trim().toLowerCase() === 'kiosk') return true;
  try {
    return sessionStorage.getItem(BOOTH_BUILD_KEY) === 'booth';
  } catch {
    return false; // storage refused: the website build
  }
}

// Fetches one build; it starts when the returned function is called. Only a build that
// cannot be fetched is replaced by the other: one that fails while starting shows the error.
async function load(dir) {
  const { default: init } = await import(`./${dir}/seed_explorer.js`);
  const wasm = await fetch(new URL(`./${dir}/seed_explorer_bg.wasm`, import.meta.url));
  if (!wasm.ok) throw new Error(`${wasm.url}: HTTP ${wasm.status}`);
  return () => init({ module_or_path: wasm });
}

// The service worker caches the website build at install; a kiosk asks it for the booth build
// too, so that a kiosk that was online once starts without a network.
function keepBoothOffline() {
  navigator.serviceWorker?.ready
    .then((registration) => registration.active?.postMessage('keep-booth'))
    .catch(() => {});
}

const booth = boothAsked();
(booth ? load('booth').catch((error) => {
  console.error('the booth build could not be loaded', error);
  return load('pkg');
}) : load('pkg'))
  .then((run) => run())
  .then(() => {
    if (booth && location.protocol.startsWith('http')) {
      keepBoothOffline();
    }
  })
  .catch((error) => {
    console.error(error);
    const main = document.createElement('main');
    main.className = 'error-page';
    main.setAttribute('role', 'alert');
    const title = document.createElement('h1');
    title.textContent = 'アプリを起動できませんでした / The app could not start';
    const hint = document.createElement('p');
    hint.textContent =
      '最新のブラウザで再読み込みしてください。 / Please reload in an up-to-date browser.';
    main.append(title, hint);
    document.body.replaceChildren(main);
  });
