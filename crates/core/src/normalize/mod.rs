//! Text normalization, identical at index and query time.
//!
//! The pipeline is a chain of small character-stream steps, each in its own module with its own
//! table of test cases (written with the shared `table_test!` macro of `testing.rs`):
//!
//! 1. [`nfkc`] — Unicode NFKC (full-width ＡＩ → AI, half-width ｶﾃｰﾃﾙ → カテーテル, ① → 1).
//! 2. [`case`] — case folding (Unicode lowercase).
//! 3. [`long_vowel`] — dash variants after kana become the long-vowel mark ー, repeats collapse.
//! 4. [`trailing`] — a trailing ー is dropped on katakana words of 4+ characters (サーバー → サーバ).
//! 5. [`kana`] — hiragana folded to katakana, by script (never by reading).
//! 6. [`kana_variants`] — katakana spelling variants to one spelling (ヴァ → バ, フォ → ホ,
//!    ウィ → ウイ, ヶ → カ).
//!
//! Every output character carries the byte range of the original text it came from
//! ([`NChar`]), so tokens and highlights point into the text the user sees without ever
//! re-deriving positions from normalized text. [`NChar`] and the character classes the steps
//! share live in [`chars`], so no step imports this module back.
//! Unicode facts about rare characters (their NFKC and lowercase forms) come from [`rare`]:
//! tables natively, the browser's own functions in wasm.

pub mod case;
pub mod chars;
pub mod kana;
pub mod kana_variants;
pub mod long_vowel;
pub mod nfkc;
pub mod rare;
pub mod trailing;

#[cfg(test)]
pub(crate) mod testing;

pub use chars::{
    chars_of, is_cjk, is_foldable_hiragana, is_kana, is_katakana, is_word_char, NChar,
};

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
    let mut kv = kana_variants::KanaVariants::default();
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
                kv.finish(|n| sink.push(n));
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
                    tr.step(n, |n| {
                        kv.step(NChar { c: kana::to_katakana(n.c), ..n }, |n| sink.push(n))
                    });
                }
            })
        });
    }
    tr.finish();
    kv.finish(|n| sink.push(n));
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
    let mut kv = kana_variants::KanaVariants::default();
    nfkc::each(text, |n| {
        case::each(n, |n| {
            if let Some(n) = lv.step(n) {
                tr.step(n, |n| kv.step(NChar { c: kana::to_katakana(n.c), ..n }, |n| out.push(n)));
            }
        })
    });
    tr.finish();
    kv.finish(|n| out.push(n));
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

    use testing::table_test;
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
}
