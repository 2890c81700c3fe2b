// Starts the wasm app. Kept in a file (not inline) so the strict Content-Security-Policy
// `script-src 'self' 'wasm-unsafe-eval'` allows it. If the app cannot start at all (an old
// browser, a damaged download), say so in both languages instead of leaving a blank page.

// Start the catalogue download now, in parallel with the wasm download and compile; the app
// (src/load.rs) takes this response instead of fetching the same URL again. `?bundle=` picks
// another catalogue, as the app reads it (src/url_codec.rs; an empty value is no value).
const bundleUrl = new URLSearchParams(location.search).get('bundle') || 'bundle.json';
if (!document.getElementById('seed-bundle')) {
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
