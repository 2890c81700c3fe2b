//! Text normalization, identical at index and query time.
//!
//! The pipeline is a chain of small character-stream steps, each in its own module with its own
//! table of test cases (written with the shared `table_test!` macro defined below):
//!
//! 1. [`nfkc`] — Unicode NFKC (full-width ＡＩ → AI, half-width ｶﾃｰﾃﾙ → カテーテル, ① → 1).
//! 2. [`case`] — case folding (Unicode lowercase).
//! 3. [`long_vowel`] — dash variants after kana become the long-vowel mark ー, repeats collapse.
//! 4. [`trailing`] — a trailing ー is dropped on katakana words of 4+ characters (サーバー → サーバ).
//! 5. [`kana`] — hiragana folded to katakana, by script (never by reading).
//!
//! Every output character carries the byte range of the original text it came from
//! ([`NChar`]), so tokens and highlights point into the text the user sees without ever
//! re-deriving positions from normalized text.

pub mod case;
pub mod kana;
pub mod long_vowel;
pub mod nfkc;
pub mod trailing;

/// A table test for a normalization step: the test's name, the function that turns an input
/// into the step's output as a `String`, then `input => expected` rows. A failing row names the
/// test and its input. Every step file and the pipeline's own test use it, so a new case is one
/// line in a table.
#[cfg(test)]
macro_rules! table_test {
    ($name:ident: $step:path, $($input:expr => $want:expr),+ $(,)?) => {
        #[test]
        fn $name() {
            $(assert_eq!($step($input), $want, "{}: {:?}", stringify!($name), $input);)+
        }
    };
}
#[cfg(test)]
use table_test;

/// One normalized character and the byte range `start..end` of the original text it came from.
/// Several normalized characters may share one range (㍻ → 平成), and one range may be dropped
/// entirely (a trailing ー).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NChar {
    /// The normalized character.
    pub c: char,
    /// Start byte offset in the original text.
    pub start: u32,
    /// End byte offset (exclusive) in the original text.
    pub end: u32,
}

/// Receives normalized text from [`normalize_into`].
pub trait Sink {
    /// One normalized character.
    fn push(&mut self, n: NChar);

    /// A run of ASCII bytes of the original text starting at byte `start`: it normalizes to
    /// itself lowercased, one character per byte. Sinks may take the run at once.
    #[inline]
    fn push_ascii(&mut self, run: &[u8], start: u32) {
        for (k, &b) in run.iter().enumerate() {
            let at = start + k as u32;
            self.push(NChar { c: b.to_ascii_lowercase() as char, start: at, end: at + 1 });
        }
    }
}

impl<F: FnMut(NChar)> Sink for F {
    #[inline(always)]
    fn push(&mut self, n: NChar) {
        self(n)
    }
}

/// Runs the whole pipeline over `text` into `sink`: the steps in order for each cluster, and
/// a fast path for runs of ASCII, where every step but case folding is the identity (no kana
/// before them, none in them). This is the index builder's hot path.
#[inline]
pub fn normalize_into(text: &str, sink: &mut impl Sink) {
    let bytes = text.as_bytes();
    let mut lv = long_vowel::LongVowels::default();
    let mut tr = trailing::Trailing::default();
    let mut i = 0;
    while i < bytes.len() {
        // A dash may follow kana (a long-vowel mark), and the last ASCII character before
        // non-ASCII may take a combining mark: those go through the steps.
        if bytes[i] < 0x80 && bytes[i] != b'-' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] < 0x80 {
                j += 1;
            }
            if j < bytes.len() {
                j -= 1;
            }
            if j > i {
                sink.push_ascii(&bytes[i..j], i as u32);
                lv.note(bytes[j - 1].to_ascii_lowercase() as char);
                tr.finish();
                i = j;
                continue;
            }
        }
        i = nfkc::cluster(text, i, |n| {
            case::each(n, |n| {
                if let Some(n) = lv.step(n) {
                    tr.step(n, |n| sink.push(NChar { c: kana::to_katakana(n.c), ..n }));
                }
            })
        });
    }
    tr.finish();
}

/// Runs the whole pipeline over `text`, calling `f` with every normalized character.
#[inline]
pub fn normalize_each(text: &str, mut f: impl FnMut(NChar)) {
    normalize_into(text, &mut f)
}

/// The pipeline without the ASCII fast path: every step applied to every character (the
/// reference the fast path is tested against).
pub fn normalize_reference(text: &str) -> Vec<NChar> {
    let mut out = Vec::new();
    let mut lv = long_vowel::LongVowels::default();
    let mut tr = trailing::Trailing::default();
    nfkc::each(text, |n| {
        case::each(n, |n| {
            if let Some(n) = lv.step(n) {
                tr.step(n, |n| out.push(NChar { c: kana::to_katakana(n.c), ..n }));
            }
        })
    });
    tr.finish();
    out
}

/// The normalized characters of `text`.
pub fn normalize(text: &str) -> std::vec::IntoIter<NChar> {
    let mut out = Vec::with_capacity(text.len());
    normalize_each(text, |n| out.push(n));
    out.into_iter()
}

/// The normalized text as a string (offsets discarded).
pub fn normalize_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_each(text, |n| out.push(n.c));
    out
}

/// The characters of `text` with their own offsets: the input of a single step in tests.
pub fn chars_of(text: &str) -> impl Iterator<Item = NChar> + '_ {
    text.char_indices().map(|(i, c)| NChar { c, start: i as u32, end: (i + c.len_utf8()) as u32 })
}

/// Character classes of the U+3000–U+30FF block (CJK punctuation, hiragana, katakana), as
/// flags in one table so the hot path does one lookup instead of a chain of range tests.
mod block30 {
    pub const STABLE: u8 = 1;
    pub const KANA: u8 = 2;
    pub const KATAKANA: u8 = 4;
    pub const CJK: u8 = 8;
    pub const HIRAGANA_FOLD: u8 = 16;

    const fn flags(c: u32) -> u8 {
        let mut f = 0;
        if matches!(c, 0x3001..=0x3003 | 0x3005..=0x3007 | 0x3008..=0x3011 | 0x3041..=0x3096 | 0x30A1..=0x30FE)
        {
            f |= STABLE;
        }
        if matches!(c, 0x3041..=0x3096 | 0x309D..=0x309E | 0x30A1..=0x30FA | 0x30FC..=0x30FE) {
            f |= KANA;
        }
        if matches!(c, 0x30A1..=0x30FA | 0x30FC..=0x30FE) {
            f |= KATAKANA;
        }
        if matches!(c, 0x3005..=0x3007 | 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF)
        {
            f |= CJK;
        }
        if matches!(c, 0x3041..=0x3096 | 0x309D..=0x309E) {
            f |= HIRAGANA_FOLD;
        }
        f
    }

    pub static TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = flags(0x3000 + i as u32);
            i += 1;
        }
        t
    };

    /// The flags of `c`, or 0 outside the block.
    #[inline(always)]
    pub fn of(c: char) -> u8 {
        let c = c as u32;
        if c >> 8 == 0x30 {
            TABLE[(c & 0xFF) as usize]
        } else {
            0
        }
    }
}

pub(crate) use block30::{of as block30_flags, STABLE as BLOCK30_STABLE};

/// Hiragana, katakana (including ヽヾ and the long-vowel mark ー): the "kana context" in which
/// a dash is a long-vowel mark.
#[inline(always)]
pub fn is_kana(c: char) -> bool {
    block30::of(c) & block30::KANA != 0
}

/// Katakana script characters that make up a katakana word, ー included.
#[inline(always)]
pub fn is_katakana(c: char) -> bool {
    block30::of(c) & block30::KATAKANA != 0
}

/// Hiragana letters that fold to katakana.
#[inline(always)]
pub fn is_foldable_hiragana(c: char) -> bool {
    block30::of(c) & block30::HIRAGANA_FOLD != 0
}

/// Characters written without spaces between words (Han ideographs, kana, 々 〆 ヶ): the
/// engine indexes them as character bigrams.
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    if (0x4E00..=0x9FFF).contains(&u) {
        return true;
    }
    if u >> 8 == 0x30 {
        return block30::TABLE[(u & 0xFF) as usize] & block30::CJK != 0;
    }
    matches!(u, 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
}

/// Letters and digits of space-separated scripts (Latin, Greek, Cyrillic, Hangul, ...): the
/// engine indexes runs of them as words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{30FB}') {
        false // Japanese punctuation and brackets, without a table lookup
    } else {
        !is_cjk(c) && c.is_alphanumeric()
    }
}

/// The "run form" of a text: normalized, every run of non-word characters turned into one
/// space, spaces next to a CJK character removed (only words keep a space between them),
/// trimmed. Phrase checks and the
/// contiguous-run bonus compare run forms, so `drug-delivery`, `Drug Delivery` and
/// `ドラッグ・デリバリー` / `ドラッグデリバリー` each compare equal to their variants.
pub fn run_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_run_form(text, &mut out);
    out
}

/// Appends the run form of `text` to `out` (see [`run_form`]).
pub fn push_run_form(text: &str, out: &mut String) {
    let mut sink = RunForm { base: out.len(), out, pending_space: false, last_word: false };
    normalize_into(text, &mut sink);
}

/// Builds a run form from normalized characters ([`push_run_form`]).
struct RunForm<'a> {
    out: &'a mut String,
    base: usize,
    pending_space: bool,
    /// The last character written is a word character.
    last_word: bool,
}

impl RunForm<'_> {
    #[inline(always)]
    fn keep(&mut self, c: char, word: bool) {
        if self.pending_space {
            if self.last_word && word {
                self.out.push(' ');
            }
            self.pending_space = false;
        }
        self.out.push(c);
        self.last_word = word;
    }

    #[inline(always)]
    fn separator(&mut self) {
        if self.out.len() > self.base {
            self.pending_space = true;
        }
    }
}

impl Sink for RunForm<'_> {
    #[inline]
    fn push(&mut self, n: NChar) {
        let word = is_word_char(n.c);
        if word || is_cjk(n.c) {
            self.keep(n.c, word);
        } else {
            self.separator();
        }
    }

    #[inline]
    fn push_ascii(&mut self, run: &[u8], _start: u32) {
        for &b in run {
            if b.is_ascii_alphanumeric() {
                self.keep(b.to_ascii_lowercase() as char, true);
            } else {
                self.separator();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    table_test! {
        the_pipeline_applies_every_step_in_order: normalize_str,
        "" => "",
        "ｶﾃｰﾃﾙ" => "カテーテル",
        "ＡＩ" => "ai",
        "サーバー" => "サーバ",
        "さーばー" => "サーバー", // hiragana words keep their ー: the drop is for katakana words
        "がん" => "ガン",
        "ガン" => "ガン",
        "癌" => "癌",
        "サーバーの設定" => "サーバノ設定",
        "コンピュータ－" => "コンピュータ",
        "ﾄﾞﾗｯｸﾞﾃﾞﾘﾊﾞﾘｰ" => "ドラッグデリバリ",
        "Immunotherapy" => "immunotherapy",
        "カー" => "カー",
        "ユーザ—" => "ユーザ",
        "①ＤＤＳ" => "1dds",
    }

    #[test]
    fn every_normalized_char_points_into_the_original_text() {
        let text = "ｶﾞﾝ治療とＡＩサーバー";
        for n in normalize(text) {
            assert!(
                text.is_char_boundary(n.start as usize) && text.is_char_boundary(n.end as usize)
            );
            assert!(n.start < n.end);
        }
        let first = normalize(text).next().unwrap();
        assert_eq!((first.c, &text[first.start as usize..first.end as usize]), ('ガ', "ｶﾞ"));
    }

    #[test]
    fn the_ascii_fast_path_agrees_with_the_steps_on_mixed_text() {
        let cases = [
            "IL-6とサ-バ-",
            "e\u{301}cole",
            "ab\u{3099}",
            "カ-",
            "ｶﾃｰﾃﾙ-X",
            "-カ",
            "カ--x",
            "A-Ｂ",
            "サーバーAI",
            "x\u{0}y",
        ];
        for s in cases {
            let fast: Vec<NChar> = normalize(s).collect();
            assert_eq!(fast, normalize_reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_agrees_with_the_steps_on_any_text(
            s in "[a-zA-Z0-9 .\\-ーｰ—カタがん癌ｶﾞﾟ\u{301}\u{3099}ＡＢ]{0,24}"
        ) {
            let fast: Vec<NChar> = normalize(&s).collect();
            proptest::prop_assert_eq!(fast, normalize_reference(&s));
        }
    }

    #[test]
    fn run_forms_join_cjk_and_space_latin_words() {
        let cases: &[(&str, &str)] = &[
            ("Drug  Delivery", "drug delivery"),
            ("drug-delivery", "drug delivery"),
            ("薬物 送達", "薬物送達"),
            ("ドラッグ・デリバリー", "ドラッグデリバリ"),
            ("  がん、治療。 ", "ガン治療"),
            ("iPS 細胞", "ips細胞"),
            ("DDS システム", "ddsシステム"),
            ("!!!", ""),
        ];
        for (input, want) in cases {
            assert_eq!(run_form(input), *want, "run_form({input:?})");
        }
    }

    #[test]
    fn the_kana_block_table_matches_the_ranges() {
        for u in 0x3000u32..0x3100 {
            let c = char::from_u32(u).unwrap();
            let r = |ranges: &[(u32, u32)]| ranges.iter().any(|&(a, b)| (a..=b).contains(&u));
            assert_eq!(
                is_kana(c),
                r(&[(0x3041, 0x3096), (0x309D, 0x309E), (0x30A1, 0x30FA), (0x30FC, 0x30FE)]),
                "{c}"
            );
            assert_eq!(is_katakana(c), r(&[(0x30A1, 0x30FA), (0x30FC, 0x30FE)]), "{c}");
            assert_eq!(is_foldable_hiragana(c), r(&[(0x3041, 0x3096), (0x309D, 0x309E)]), "{c}");
            let cjk = r(&[
                (0x3005, 0x3007),
                (0x3041, 0x3096),
                (0x309D, 0x309F),
                (0x30A1, 0x30FA),
                (0x30FC, 0x30FF),
            ]);
            assert_eq!(is_cjk(c), cjk, "{c}");
        }
    }

    #[test]
    fn character_classes_cover_the_scripts_in_use() {
        assert!(is_cjk('癌') && is_cjk('が') && is_cjk('カ') && is_cjk('ー') && is_cjk('々'));
        assert!(!is_cjk('a') && !is_cjk('、') && !is_cjk('・'));
        assert!(is_word_char('a') && is_word_char('7') && is_word_char('é') && is_word_char('д'));
        assert!(!is_word_char('癌') && !is_word_char('-') && !is_word_char(' '));
        for c in ('\u{3000}'..='\u{3004}').chain('\u{3008}'..='\u{3020}').chain(['\u{30FB}']) {
            assert!(!c.is_alphanumeric(), "{c:?} is punctuation");
        }
    }
}
