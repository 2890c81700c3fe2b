/*
 * Seed Explorer — host-page helper for embedding (docs/embed.md).
 *
 * Include it once on the page that holds the iframe:
 *
 *   <iframe data-seed-explorer src="https://seeds.example.jp/?mode=embed&institution=hokuto-med&lock=institution"
 *           title="研究シーズ / Research seeds" width="100%" height="800" loading="lazy"></iframe>
 *   <script src="https://seeds.example.jp/embed-host.js" defer></script>
 *
 * Every <iframe data-seed-explorer> then takes the height of its content, so the page scrolls
 * as one and no inner scroll bar appears; when the visitor opens another page inside it, the
 * top of the iframe is scrolled into view. It accepts only messages sent by one of those
 * iframes (event.source), of the right shape, from the iframe's own origin. No inline
 * script, no style attribute markup: it works under a strict Content-Security-Policy.
 */
(function () {
  'use strict';
  var TYPE = 'seed-explorer:height';
  var NAVIGATE = 'seed-explorer:navigate';
  var MAX = 100000;

  function frames() {
    return document.querySelectorAll('iframe[data-seed-explorer]');
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  /** The iframe that sent `event`, if it is one of ours and the origin matches. */
  function sender(event) {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      if (frame.contentWindow !== event.source) continue;
      var origin = originOf(frame);
      // A file:// or sandboxed frame reports the origin "null".
      if (origin !== null && origin !== 'null' && event.origin !== origin) return null;
      return frame;
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || (data.type !== TYPE && data.type !== NAVIGATE)) return;
    var frame = sender(event);
    if (!frame) return;
    if (data.type === NAVIGATE) {
      // The visitor opened another page inside the explorer: show its top if it is scrolled away.
      if (frame.getBoundingClientRect().top < 0) frame.scrollIntoView({ block: 'start' });
      return;
    }
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > MAX) return;
    frame.style.height = Math.ceil(height) + 'px';
    frame.dispatchEvent(new CustomEvent('seed-explorer:resize', { detail: { height: Math.ceil(height) } }));
  });
})();
