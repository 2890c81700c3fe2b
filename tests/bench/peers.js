// The peer engines of `cargo xtask bench`, added to our app's own page once its figures are taken
// (a classic script served from the site's origin, injected after MiniSearch's and FlexSearch's
// browser builds). Both index the same fields of the same bundle our app loads — title, summary
// and keywords, Japanese and English — and search the same value after each keystroke our app
// has answered; each search is timed with performance.now(). Neither computes facet counts; our
// app's measure includes them.
(() => {
  const FIELDS = ['title_ja', 'title_en', 'summary_ja', 'summary_en', 'keywords_ja', 'keywords_en'];
  /** Documents added per slice while indexing; the page yields between slices. */
  const SLICE = 250;

  // MiniSearch: words from Intl.Segmenter (ICU's Japanese word breaker), lowercased. AND across
  // terms, prefix matching on the last term unless a space follows it (search as you type),
  // fuzzy matching for Latin words of 5+ letters, titles and keywords boosted: as close to our
  // engine's query semantics as MiniSearch's options allow.
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  function words(text) {
    const out = [];
    for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out;
  }
  function miniSearch() {
    const index = new MiniSearch({ fields: FIELDS, tokenize: words, processTerm: (t) => t.toLowerCase() });
    return {
      add: (docs) => index.addAll(docs),
      search: (q) => {
        const open = !/\s$/.test(q);
        return index.search(q, {
          combineWith: 'AND',
          prefix: (_term, i, terms) => open && i === terms.length - 1,
          fuzzy: (term) => (/^[a-z]{5,}$/.test(term) ? 0.2 : false),
          boost: { title_ja: 3, title_en: 3, keywords_ja: 2, keywords_en: 2 },
        }).length;
      },
    };
  }

  // FlexSearch: its CJK charset (Charset.CJK: one term per character) on the Japanese fields,
  // the LatinBalance charset with forward tokenization (prefix matches) on the English ones; a
  // multi-field Document index, results merged across fields. The full result list is asked
  // for (limit = corpus size), as our app needs the total for its result count.
  function flexSearch(size) {
    const { Document, Charset } = FlexSearch;
    const ja = { encoder: Charset.CJK, tokenize: 'strict' };
    const en = { encoder: Charset.LatinBalance, tokenize: 'forward' };
    const index = new Document({
      document: {
        id: 'id',
        index: [
          { field: 'title_ja', ...ja }, { field: 'summary_ja', ...ja }, { field: 'keywords_ja', ...ja },
          { field: 'title_en', ...en }, { field: 'summary_en', ...en }, { field: 'keywords_en', ...en },
        ],
      },
    });
    return {
      add: (docs) => { for (const d of docs) index.add(d); },
      search: (q) => index.search(q, { limit: size, merge: true }).length,
    };
  }

  let docs = [];
  const engines = {};

  window.peerBench = {
    /** Downloads and parses the bundle, keeping only the indexed fields. */
    async load(url) {
      const t0 = performance.now();
      const bundle = await (await fetch(url)).json();
      docs = bundle.seeds.map((s, id) => ({
        id,
        title_ja: s.title_ja ?? '',
        title_en: s.title_en ?? '',
        summary_ja: s.summary_ja ?? '',
        summary_en: s.summary_en ?? '',
        keywords_ja: (s.keywords_ja ?? []).join(' '),
        keywords_en: (s.keywords_en ?? []).join(' '),
      }));
      return { seeds: docs.length, ms: performance.now() - t0 };
    },

    /** Indexes every document, in slices, giving up after `timeoutMs` of wall time. */
    async build(name, timeoutMs) {
      const engine = name === 'minisearch' ? miniSearch() : flexSearch(docs.length);
      const start = performance.now();
      let busy = 0;
      let added = 0;
      while (added < docs.length) {
        if (performance.now() - start > timeoutMs) {
          return { complete: false, added, busyMs: busy, wallMs: performance.now() - start };
        }
        const slice = docs.slice(added, added + SLICE);
        const t0 = performance.now();
        engine.add(slice);
        busy += performance.now() - t0;
        added += slice.length;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      engines[name] = engine;
      return { complete: true, added, busyMs: busy, wallMs: performance.now() - start };
    },

    /** Searches `value` with every indexed engine, each timed on its own. */
    searchAll(value) {
      const out = {};
      for (const [name, engine] of Object.entries(engines)) {
        const t0 = performance.now();
        const hits = engine.search(value);
        out[name] = { ms: performance.now() - t0, hits };
      }
      return out;
    },

    /** Drops the documents once every engine has indexed them. */
    forgetDocuments() {
      docs = [];
    },

    /** Forgets an engine so the next one is measured without it. */
    drop(name) {
      delete engines[name];
    },
  };
})();
