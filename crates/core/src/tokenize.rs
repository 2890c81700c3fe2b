//! Tokens: character bigrams over CJK runs, words over letters and digits.
//!
//! The tokenizer reads the normalized character stream ([`crate::normalize`]) and reports each
//! token with byte offsets into the ORIGINAL text, so highlights come straight from token
//! offsets. Nothing is allocated per token: a CJK token is a packed `u64`, a word is a `&str`
//! into a reused buffer.
//!
//! - CJK run `ガン治療` → bigrams ガン, ン治, 治療; a run of one character (線 in `X線`) → that
//!   character as a unigram. A one-character query (癌) matches the unigram or any bigram that
//!   starts or ends with it, which covers every occurrence without indexing unigrams.
//! - Words: maximal runs of letters and digits (`ips`, `covid19`), with a `.` between digits
//!   kept (`0.1`). A word is cut after [`MAX_TOKEN_CHARS`] characters, in documents and
//!   queries alike, so a 100,000-letter "word" is one short token (its offsets cover the
//!   characters kept) and the rest of the run is skipped.

use crate::normalize::{is_cjk, is_word_char, normalize_into, NChar, Sink};

/// How a one-character CJK run is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Index and highlight: as a unigram ([`unigram_key`]).
    Document,
    /// Query: bigrams; a one-character run becomes [`Kind::Char`].
    Query,
}

/// The longest word token, in characters of the normalized text. Longer runs of letters and
/// digits are cut to their first this many characters, at index and at query time alike, so
/// no text makes a giant term (every term is hashed, compared and prefix-scanned, and a
/// typo search walks its characters). 64 is well above real words and identifiers
/// (`pneumonoultramicroscopicsilicovolcanoconiosis` has 45).
pub const MAX_TOKEN_CHARS: usize = 64;

const TAG_BIGRAM: u64 = 1 << 62;
const TAG_UNIGRAM: u64 = 2 << 62;

/// The packed key of the CJK bigram `a b`.
#[inline]
pub fn bigram_key(a: char, b: char) -> u64 {
    TAG_BIGRAM | ((a as u64) << 21) | b as u64
}

/// The packed key of the CJK unigram `c`.
#[inline]
pub fn unigram_key(c: char) -> u64 {
    TAG_UNIGRAM | c as u64
}

/// The range of bigram keys whose first character is `c`.
pub fn bigram_range(c: char) -> std::ops::Range<u64> {
    let start = bigram_key(c, '\0');
    start..start + (1 << 21)
}

/// The first character of a packed CJK key.
#[inline]
pub fn gram_first_char(key: u64) -> char {
    let v = if key & (3 << 62) == TAG_BIGRAM { key >> 21 } else { key };
    char::from_u32((v & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}')
}

/// The last character of a packed CJK key.
#[inline]
pub fn gram_last_char(key: u64) -> char {
    char::from_u32((key & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}')
}

/// True for a packed bigram key.
#[inline]
pub fn is_bigram(key: u64) -> bool {
    key & (3 << 62) == TAG_BIGRAM
}

/// The text of a packed CJK key.
pub fn gram_text(key: u64) -> String {
    let c = |v: u64| char::from_u32((v & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}');
    if key & (3 << 62) == TAG_BIGRAM {
        [c(key >> 21), c(key)].iter().collect()
    } else {
        c(key).to_string()
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A CJK bigram or unigram, packed ([`bigram_key`], [`unigram_key`]).
    Gram(u64),
    /// A one-character CJK query run: matches the unigram and every bigram with it.
    Char(char),
    /// A word of letters/digits, normalized.
    Word(&'a str),
}

/// One token with offsets into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// What the token is.
    pub kind: Kind<'a>,
    /// Start byte offset in the original text.
    pub start: u32,
    /// For bigrams, the end of the first character; otherwise `end`.
    pub mid: u32,
    /// End byte offset (exclusive) in the original text.
    pub end: u32,
}

/// Tokenizes `text`, calling `f` for each token in order.
pub fn tokenize(text: &str, mode: Mode, mut f: impl FnMut(&Token<'_>)) {
    let mut t = Tokenizer::new(mode);
    t.feed(text, &mut f);
}

/// The longest run of letters and digits in `text` as the tokenizer reads it (after
/// normalization): its length in characters and its start byte offset in `text`; `(0, 0)`
/// when there is none. A run longer than [`MAX_TOKEN_CHARS`] is searchable by its start only.
pub fn longest_word(text: &str) -> (usize, usize) {
    let mut t = Tokenizer::new(Mode::Document);
    t.feed(text, &mut |_| {});
    (t.longest.0, t.longest.1 as usize)
}

/// Connects a [`Tokenizer`] to [`normalize_into`], taking ASCII runs a byte at a time.
struct TokenSink<'a, F> {
    tok: &'a mut Tokenizer,
    f: &'a mut F,
}

impl<F: FnMut(&Token<'_>)> Sink for TokenSink<'_, F> {
    #[inline(always)]
    fn push(&mut self, n: NChar) {
        self.tok.push(n, self.f);
    }

    #[inline]
    fn push_ascii(&mut self, run: &[u8], start: u32) {
        for (k, &b) in run.iter().enumerate() {
            self.tok.push_ascii(b, start + k as u32, self.f);
        }
    }
}

/// A push tokenizer: feed normalized characters with [`Tokenizer::push`], then call
/// [`Tokenizer::finish`]. Reusable across texts.
#[derive(Debug)]
pub struct Tokenizer {
    mode: Mode,
    /// The previous character when inside a CJK run.
    prev_cjk: Option<NChar>,
    run_len: usize,
    word: String,
    /// Characters in `word` ([`MAX_TOKEN_CHARS`] once it is full).
    w_len: usize,
    /// Characters of the current run of letters and digits, kept or cut.
    w_run: usize,
    /// The longest run so far (characters) and its start offset.
    longest: (usize, u32),
    w_start: u32,
    w_end: u32,
    /// A '.' after digits, kept if a digit follows.
    w_dot: bool,
    /// The run's last character (kept or cut) is an ASCII digit.
    w_last_digit: bool,
}

impl Tokenizer {
    /// A tokenizer for `mode`.
    pub fn new(mode: Mode) -> Self {
        Tokenizer {
            mode,
            prev_cjk: None,
            run_len: 0,
            word: String::new(),
            w_len: 0,
            w_run: 0,
            longest: (0, 0),
            w_start: 0,
            w_end: 0,
            w_dot: false,
            w_last_digit: false,
        }
    }

    #[inline]
    fn end_run(&mut self, f: &mut impl FnMut(&Token<'_>)) {
        if let Some(p) = self.prev_cjk.take() {
            if self.run_len == 1 {
                let kind = if self.mode == Mode::Query {
                    Kind::Char(p.c)
                } else {
                    Kind::Gram(unigram_key(p.c))
                };
                f(&Token { kind, start: p.start, mid: p.end, end: p.end });
            }
            self.run_len = 0;
        }
    }

    #[inline]
    fn end_word(&mut self, f: &mut impl FnMut(&Token<'_>)) {
        if !self.word.is_empty() {
            f(&Token {
                kind: Kind::Word(&self.word),
                start: self.w_start,
                mid: self.w_end,
                end: self.w_end,
            });
            self.word.clear();
            self.w_len = 0;
            if self.w_run > self.longest.0 {
                self.longest = (self.w_run, self.w_start);
            }
            self.w_run = 0;
        }
        self.w_dot = false;
    }

    /// Normalizes and tokenizes a whole text, then flushes.
    #[inline]
    pub fn feed(&mut self, text: &str, f: &mut impl FnMut(&Token<'_>)) {
        normalize_into(text, &mut TokenSink { tok: self, f });
        self.finish(f);
    }

    /// Feeds one ASCII byte of the original text at `pos` (it normalizes to itself lowercased).
    #[inline(always)]
    pub fn push_ascii(&mut self, b: u8, pos: u32, f: &mut impl FnMut(&Token<'_>)) {
        if b.is_ascii_alphanumeric() {
            self.word_char(b.to_ascii_lowercase() as char, pos, pos + 1, f);
        } else {
            self.separator(b as char, f);
        }
    }

    #[inline(always)]
    fn word_char(&mut self, c: char, start: u32, end: u32, f: &mut impl FnMut(&Token<'_>)) {
        if self.prev_cjk.is_some() {
            self.end_run(f);
        }
        if self.w_dot {
            self.w_dot = false;
            if !c.is_ascii_digit() {
                self.end_word(f);
            } else if self.w_len + 2 <= MAX_TOKEN_CHARS {
                self.word.push('.');
                self.w_len += 1;
                self.w_run += 1;
            } else {
                self.w_len = MAX_TOKEN_CHARS; // no room for the dot and a digit: the word is full
                self.w_run += 1;
            }
        }
        if self.word.is_empty() {
            self.w_start = start;
        }
        self.w_run += 1;
        self.w_last_digit = c.is_ascii_digit();
        if self.w_len < MAX_TOKEN_CHARS {
            self.word.push(c);
            self.w_len += 1;
            self.w_end = end;
        }
    }

    #[inline(always)]
    fn separator(&mut self, c: char, f: &mut impl FnMut(&Token<'_>)) {
        if self.prev_cjk.is_some() {
            self.end_run(f);
        }
        if c == '.' && !self.w_dot && !self.word.is_empty() && self.w_last_digit {
            self.w_dot = true;
        } else {
            self.end_word(f);
        }
    }

    /// Feeds one normalized character.
    #[inline(always)]
    pub fn push(&mut self, n: NChar, f: &mut impl FnMut(&Token<'_>)) {
        let c = n.c;
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else if is_cjk(c) {
            self.end_word(f);
            if let Some(p) = self.prev_cjk {
                f(&Token {
                    kind: Kind::Gram(bigram_key(p.c, c)),
                    start: p.start,
                    mid: p.end,
                    end: n.end,
                });
            }
            self.prev_cjk = Some(n);
            self.run_len += 1;
            return;
        } else {
            is_word_char(c)
        };
        if word_char {
            self.word_char(c, n.start, n.end, f);
        } else {
            self.separator(c, f);
        }
    }

    /// Ends the text: flushes the last run or word.
    #[inline]
    pub fn finish(&mut self, f: &mut impl FnMut(&Token<'_>)) {
        self.end_run(f);
        self.end_word(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, mode: Mode) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, mode, |t| {
            let s = match t.kind {
                Kind::Gram(k) => gram_text(k),
                Kind::Char(c) => format!("{c}*"),
                Kind::Word(w) => format!("<{w}>"),
            };
            out.push(s);
        });
        out
    }

    #[test]
    fn documents_get_bigrams_and_unigrams_for_lone_cjk_characters() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("癌", &["癌"]),
            ("がん治療", &["ガン", "ン治", "治療"]),
            ("サーバー、AI", &["サー", "ーバ", "<ai>"]),
            ("iPS細胞", &["<ips>", "細胞"]),
            ("肺の癌、胃", &["肺ノ", "ノ癌", "胃"]),
            ("X線", &["<x>", "線"]),
            ("0.1 mm", &["<0.1>", "<mm>"]),
            ("IL-6", &["<il>", "<6>"]),
            ("COVID-19 2024.", &["<covid>", "<19>", "<2024>"]),
            ("end. Next", &["<end>", "<next>"]),
            ("😀\u{0}\u{202E}", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(show(input, Mode::Document), *want, "tokenize({input:?})");
        }
    }

    #[test]
    fn queries_get_bigrams_or_a_single_character() {
        let cases: &[(&str, &[&str])] = &[
            ("癌", &["癌*"]),
            ("がん", &["ガン"]),
            ("カテ", &["カテ"]),
            ("薬物送達", &["薬物", "物送", "送達"]),
            ("X線", &["<x>", "線*"]),
            ("immun", &["<immun>"]),
        ];
        for (input, want) in cases {
            assert_eq!(show(input, Mode::Query), *want, "tokenize_query({input:?})");
        }
    }

    #[test]
    fn token_offsets_point_into_the_original_text() {
        let text = "ｶﾃｰﾃﾙとＡＩ";
        let mut got = Vec::new();
        tokenize(text, Mode::Document, |t| {
            got.push((
                &text[t.start as usize..t.end as usize],
                &text[t.start as usize..t.mid as usize],
            ))
        });
        assert_eq!(
            got,
            vec![
                ("ｶﾃ", "ｶ"),
                ("ﾃｰ", "ﾃ"),
                ("ｰﾃ", "ｰ"),
                ("ﾃﾙ", "ﾃ"),
                ("ﾙと", "ﾙ"),
                ("ＡＩ", "ＡＩ")
            ]
        );
    }

    /// (kind, start, end) of every token of `text`, words as text.
    fn spans(text: &str, mode: Mode) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        tokenize(text, mode, |t| {
            let kind = match t.kind {
                Kind::Gram(k) => gram_text(k),
                Kind::Char(c) => c.to_string(),
                Kind::Word(w) => w.to_string(),
            };
            out.push((kind, t.start as usize, t.end as usize));
        });
        out
    }

    #[test]
    fn a_word_of_100000_letters_is_one_token_cut_to_the_bound_in_documents_and_queries() {
        let text = format!("{} ok", "x".repeat(100_000));
        for mode in [Mode::Document, Mode::Query] {
            let got = spans(&text, mode);
            assert_eq!(
                got,
                [
                    ("x".repeat(MAX_TOKEN_CHARS), 0, MAX_TOKEN_CHARS),
                    ("ok".to_string(), 100_001, 100_003)
                ]
            );
        }
    }

    #[test]
    fn a_cut_word_keeps_offsets_on_the_characters_it_kept() {
        // Full-width letters are three bytes each and normalize to ASCII.
        let text = "Ｚ".repeat(200);
        let got = spans(&text, Mode::Document);
        assert_eq!(got, [("z".repeat(MAX_TOKEN_CHARS), 0, 3 * MAX_TOKEN_CHARS)]);
        // Digits with dots: the dot and its digit are kept only when both fit.
        let numbers = format!("{}.5.6 next", "1".repeat(MAX_TOKEN_CHARS - 2));
        let got = spans(&numbers, Mode::Document);
        let kept = format!("{}.5", "1".repeat(MAX_TOKEN_CHARS - 2));
        assert_eq!(got[0], (kept, 0, MAX_TOKEN_CHARS));
        assert_eq!(got[1], ("next".to_string(), numbers.len() - 4, numbers.len()));
    }

    #[test]
    fn a_long_cjk_run_stays_bigrams_with_their_own_offsets() {
        let text = "研究".repeat(50_000);
        let got = spans(&text, Mode::Document);
        assert_eq!(got.len(), 99_999);
        assert!(got.iter().all(|(k, _, _)| k.chars().count() == 2));
        let (k, start, end) = &got[77_777];
        assert_eq!((*start, *end), (77_777 * 3, 77_777 * 3 + 6));
        assert_eq!(&text[*start..*end], k);
    }

    #[test]
    fn the_longest_word_is_measured_before_it_is_cut() {
        assert_eq!(longest_word(""), (0, 0));
        assert_eq!(longest_word("癌と iPS細胞"), (3, 7));
        let text = format!("short {} tail", "ａ".repeat(500));
        assert_eq!(longest_word(&text), (500, 6));
    }

    #[test]
    fn bigram_ranges_contain_exactly_the_bigrams_starting_with_a_character() {
        let r = bigram_range('癌');
        assert!(r.contains(&bigram_key('癌', '治')));
        assert!(r.contains(&bigram_key('癌', '\u{10FFFF}')));
        assert!(!r.contains(&bigram_key('治', '癌')));
        assert!(!r.contains(&unigram_key('癌')));
    }
}
