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

// Offline support when served over HTTP(S); a page opened from file:// has no service worker.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('service worker', error));
}

import('./pkg/seed_explorer.js')
  .then(({ default: init }) =>
    init({ module_or_path: new URL('./pkg/seed_explorer_bg.wasm', import.meta.url) }),
  )
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
