// The typed-query sequences of `cargo xtask bench`: each entry is the search box's value after
// each keystroke, exactly as the browser sees it. Our app and the peer engines get the same
// sequences, in the same order, on the same corpus.
//
// Japanese is typed the way an IME delivers it: the value changes by whole kana while the
// reading is composed, then jumps to the converted word (にんちしょう → 認知症). English is
// typed character by character. Every term occurs in both the sample data and the synthetic
// catalogues written by `seeds synth`.

/** Spells `text` out one character at a time: "cat" → ["c", "ca", "cat"]. */
function chars(text) {
  const c = Array.from(text);
  return c.map((_, i) => c.slice(0, i + 1).join(''));
}

export const SEQUENCES = [
  { name: 'ja: がん 免疫', lang: 'ja', steps: ['が', 'がん', 'がん 免', 'がん 免疫'] },
  { name: 'ja: カテーテル (IME)', lang: 'ja', steps: ['か', 'かて', 'かてー', 'かてーて', 'かてーてる', 'カテーテル'] },
  { name: 'ja: 認知症 (IME)', lang: 'ja', steps: ['に', 'にん', 'にんち', 'にんちしょ', 'にんちしょう', '認知症'] },
  { name: 'ja: 再生医療 (IME)', lang: 'ja', steps: ['さ', 'さい', 'さいせい', '再生', '再生い', '再生いりょう', '再生医療'] },
  {
    name: 'ja: 膵臓がん バイオマーカー (multi-term)',
    lang: 'ja',
    steps: ['す', 'すい', 'すいぞう', '膵臓', '膵臓が', '膵臓がん', '膵臓がん ば', '膵臓がん ばいお', '膵臓がん バイオマーカー'],
  },
  { name: 'en: cancer', lang: 'en', steps: chars('cancer') },
  { name: 'en: catheter', lang: 'en', steps: chars('catheter') },
  { name: 'en: lung cancer antibody (multi-term)', lang: 'en', steps: chars('lung cancer antibody') },
  { name: 'en: drug delivery (multi-term)', lang: 'en', steps: chars('drug delivery') },
  { name: 'en: alzhiemer (typo)', lang: 'en', steps: chars('alzhiemer') },
  { name: 'mixed: iPS 細胞', lang: 'mixed', steps: ['i', 'iP', 'iPS', 'iPS さ', 'iPS さいぼう', 'iPS 細胞'] },
];

/** Keystrokes in one pass over every sequence. */
export const KEYSTROKES = SEQUENCES.reduce((n, s) => n + s.steps.length, 0);
