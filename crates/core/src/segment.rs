//! Word segmentation of unspaced Japanese query text.
//!
//! People type Japanese without spaces: がん遺伝子検査, 腸内細菌を調べる方法を探しています. The
//! index keeps its character bigrams (every substring stays findable); only the *query* is cut
//! into words here, so that ranking can count how many of the query's words a seed has instead
//! of requiring every bigram of the whole string.
//!
//! A clause is cut in three passes, all on normalized characters with the script each was
//! written in (hiragana folds to katakana in [`crate::normalize`], so the script comes from the
//! original text):
//!
//! 1. **Scripts and separators**: Latin/digit words, CJK stretches and punctuation part.
//! 2. **Function words**: in hiragana, particles (の, を, から …), auxiliaries and endings
//!    (します, ています, ための …) are boundaries and are dropped; hiragana right after a kanji
//!    that is no particle is okurigana, and a lone kanji before it is the stem of a verb or an
//!    adjective (調べる, 探して), not a word of the query. Other hiragana is a word (がん, かゆみ).
//! 3. **Words** ([`Lexicon`]): each content span is covered by the catalogue's own terms
//!    (synonym and glossary members, keywords, vocabulary labels) with the fewest uncovered
//!    characters and then the fewest pieces (longest terms); what no term covers parts at
//!    script changes, and a lone leftover kanji joins its neighbour (医薬品, 抗菌性).
//!
//! Each piece also gets its *parts* when it splits further into terms (がん遺伝子 → がん +
//! 遺伝子; an unknown kanji run into two-character words), so ranking can accept the parts
//! apart when the whole does not occur.
//!
//! [`Segmentation::sentence`] tells a typed sentence (a needs statement) from a search.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::normalize::{is_cjk, is_katakana, is_word_char, kana::to_katakana, normalize, NChar};

/// Longest lexicon term considered, in characters.
pub const MAX_TERM_CHARS: usize = 16;
/// Shortest kanji run split into two-character parts when no term covers it.
pub const MIN_CHUNKED: usize = 4;
/// Shortest known term (in characters) that stands for a piece one character longer
/// (腸内細菌 in 腸内細菌叢) as its only part.
pub const MIN_DOMINANT_PART: usize = 3;
/// A Latin word this short written against CJK (T細胞, X線) stays with it as one piece.
pub const MAX_GLUED_LATIN: usize = 2;
/// Function words that make a query a sentence (with [`SENTENCE_MIN_CHARS`]).
pub const SENTENCE_FUNCTION_WORDS: usize = 3;
/// Shortest sentence, in characters.
pub const SENTENCE_MIN_CHARS: usize = 12;
/// Latin words that make an English query a sentence (with [`SENTENCE_STOP_WORDS`]).
pub const SENTENCE_MIN_WORDS: usize = 6;
/// English function words a sentence has at least.
pub const SENTENCE_STOP_WORDS: usize = 3;

/// Kanji that end a compound as its head, naming the kind of thing the rest of it specifies:
/// a device (補聴器, 血圧計), a condition (脂質異常症), an agent or drug (抗菌剤), a method or
/// operation (温熱療法, 形成術). A term with such a head that a catalogue lacks is looked for by
/// the rest of it ([`without_head`]).
pub const HEAD_KANJI: &[char] = &['器', '機', '計', '症', '剤', '薬', '法', '術'];

/// `term` without its head kanji ([`HEAD_KANJI`]) when what is left is a kanji word of two
/// characters or more: 補聴器 → 補聴.
pub fn without_head(term: &str) -> Option<&str> {
    let last = term.chars().next_back()?;
    let rest = &term[..term.len() - last.len_utf8()];
    let kanji = |c: char| is_cjk(c) && !crate::normalize::is_kana(c);
    (HEAD_KANJI.contains(&last) && rest.chars().count() >= 2 && rest.chars().all(kanji))
        .then_some(rest)
}

/// Particles: one or two hiragana that follow a noun.
const PARTICLES: &[&str] = &[
    "の",
    "を",
    "に",
    "が",
    "は",
    "と",
    "で",
    "へ",
    "も",
    "や",
    "か",
    "な",
    "から",
    "まで",
    "より",
    "など",
    "にて",
    "では",
    "には",
    "とは",
    "での",
    "への",
    "との",
    "からの",
    "までの",
    "および",
    "または",
    "ならびに",
    "かつ",
];

/// Forms of する (and できる) that make the kanji word before them a verb (発見したい, 投与する).
const SURU_ENDINGS: &[&str] = &[
    "する",
    "します",
    "しています",
    "している",
    "した",
    "して",
    "しない",
    "したい",
    "される",
    "された",
    "させる",
    "できる",
    "できます",
];

/// The other verb endings written in hiragana. With [`SURU_ENDINGS`] they are the verb endings
/// ([`verb_ending_at`]): a lone kanji before one is a verb's stem (探しています).
const OTHER_VERB_ENDINGS: &[&str] = &[
    "できない",
    "ます",
    "ました",
    "ません",
    "ている",
    "ています",
    "ていた",
    "ております",
    "たい",
    "たいです",
    "ない",
    "なく",
    "ください",
    "ほしい",
    "れる",
    "られる",
];

/// Other auxiliaries and function nouns written in hiragana (longest match wins).
const FUNCTION: &[&str] = &[
    "です",
    "でした",
    "である",
    "ある",
    "あり",
    "ありません",
    "いる",
    "います",
    "いた",
    "ため",
    "ための",
    "ように",
    "ような",
    "よう",
    "こと",
    "ことが",
    "もの",
    "における",
    "において",
    "に関する",
    "について",
    "による",
    "により",
    "によって",
    "に対する",
    "として",
    "といった",
    "という",
    "を用いた",
    "を用いる",
    "ほか",
];

/// Japanese words that say nothing about what a company needs or what a seed is about: dropped
/// from needs statements; in a search, no match on their own (`rank.rs`).
pub const GENERIC_JA: &[&str] = &[
    "技術",
    "方法",
    "手法",
    "開発",
    "研究",
    "改善",
    "向上",
    "機器",
    "装置",
    "可能",
    "実現",
    "提供",
    "利用",
    "活用",
    "課題",
    "解決",
    "分野",
    "企業",
    "当社",
    "弊社",
    "製品",
    "共同",
    "連携",
    "検討",
    "目指",
    "目的",
    "必要",
    "対応",
    "関連",
    "様々",
    "新規",
    "新た",
    "応用",
    "用途",
    "導入",
    "事業",
    "シーズ",
    "ニーズ",
    "テーマ",
    "パートナー",
    "システム",
    "サービス",
];

/// English words that say nothing about what a company needs or what a seed is about (see
/// [`GENERIC_JA`]).
pub const GENERIC_EN: &[&str] = &[
    "technology",
    "technologies",
    "method",
    "methods",
    "develop",
    "developing",
    "development",
    "improve",
    "improving",
    "solution",
    "solutions",
    "company",
    "partner",
    "partners",
    "new",
    "based",
    "use",
    "used",
    "using",
    "approach",
    "system",
    "systems",
    "able",
    "help",
    "find",
];

/// True when the run form `key` is a generic word ([`GENERIC_JA`], [`GENERIC_EN`]).
pub fn is_generic(key: &str) -> bool {
    GENERIC_JA.iter().chain(GENERIC_EN).any(|g| crate::normalize::run_form(g) == key)
}

/// English words that carry no topic (a sentence has several).
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "do",
    "does",
    "for",
    "from",
    "has",
    "have",
    "how",
    "i",
    "in",
    "interested",
    "into",
    "is",
    "it",
    "its",
    "like",
    "look",
    "looking",
    "may",
    "more",
    "most",
    "need",
    "needs",
    "no",
    "not",
    "of",
    "on",
    "or",
    "our",
    "seek",
    "seeking",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "us",
    "want",
    "wants",
    "was",
    "we",
    "were",
    "what",
    "which",
    "while",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
];

/// Terms a catalogue knows, as normalized CJK strings of two or more characters: the words
/// the segmenter prefers to cut a query into.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    terms: FxHashSet<Box<str>>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// Adds every CJK run of two or more characters (up to [`MAX_TERM_CHARS`]) of `text`.
    pub fn add(&mut self, text: &str) {
        let mut run = String::new();
        let mut n = 0;
        let flush = |run: &mut String, n: &mut usize, terms: &mut FxHashSet<Box<str>>| {
            if (2..=MAX_TERM_CHARS).contains(n) && !terms.contains(run.as_str()) {
                terms.insert(run.as_str().into());
            }
            run.clear();
            *n = 0;
        };
        for c in normalize(text) {
            if is_cjk(c.c) {
                run.push(c.c);
                n += 1;
            } else {
                flush(&mut run, &mut n, &mut self.terms);
            }
        }
        flush(&mut run, &mut n, &mut self.terms);
    }

    /// True when the normalized string `key` is a term.
    pub fn contains(&self, key: &str) -> bool {
        self.terms.contains(key)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// One word of a segmented clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the clause text as typed.
    pub span: Range<usize>,
    /// A term of the lexicon (as opposed to text no term covers, or a Latin word).
    pub known: bool,
    /// Sub-ranges (of the text as typed) the piece splits into, when it splits into two or
    /// more words; empty otherwise.
    pub parts: Vec<Range<usize>>,
    /// A verbal noun used as the sentence's verb: followed by a form of する (発見したい,
    /// 投与する, 安定して). In a needs statement it says what to do, not what about.
    pub predicate: bool,
}

/// A clause cut into words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// The content words in order.
    pub pieces: Vec<Piece>,
    /// How many function words (particles, endings, English stop words) were dropped.
    pub function_words: usize,
    /// Characters of text considered (letters, digits, CJK).
    pub chars: usize,
    /// Latin words (English stop words included).
    pub latin_words: usize,
}

impl Segmentation {
    /// True when the text reads as a sentence (a needs statement) rather than search terms.
    pub fn sentence(&self) -> bool {
        let japanese =
            self.function_words >= SENTENCE_FUNCTION_WORDS && self.chars >= SENTENCE_MIN_CHARS;
        let english =
            self.latin_words >= SENTENCE_MIN_WORDS && self.function_words >= SENTENCE_STOP_WORDS;
        japanese || english
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Kanji,
    Katakana,
    Hiragana,
    Latin,
    Other,
}

/// A normalized character with the script it was typed in.
#[derive(Debug, Clone, Copy)]
struct Ch {
    n: NChar,
    script: Script,
}

fn classify(text: &str) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::with_capacity(text.len() / 2);
    for n in normalize(text) {
        let orig = text[n.start as usize..n.end as usize].chars().next().unwrap_or(' ');
        let script = if n.c == 'ー' {
            // A long-vowel mark belongs to the word it lengthens.
            out.last().map_or(Script::Katakana, |p| p.script)
        } else if matches!(orig, '\u{3041}'..='\u{309F}') {
            Script::Hiragana
        } else if is_katakana(n.c) {
            Script::Katakana
        } else if is_cjk(n.c) {
            Script::Kanji
        } else if is_word_char(n.c) {
            Script::Latin
        } else {
            Script::Other
        };
        out.push(Ch { n, script });
    }
    out
}

/// The length of the longest verb ending (する forms or others) at `chars[i]`.
fn verb_ending_at(chars: &[Ch], i: usize) -> Option<usize> {
    match_at(chars, i, SURU_ENDINGS).max(match_at(chars, i, OTHER_VERB_ENDINGS))
}

/// The length (in characters) of the longest of `words` written at `chars[i..]`.
fn match_at(chars: &[Ch], i: usize, words: &[&str]) -> Option<usize> {
    let mut best = None;
    for w in words {
        let mut k = 0;
        let ok = w.chars().all(|wc| {
            let hit = chars
                .get(i + k)
                .is_some_and(|c| c.script == Script::Hiragana && c.n.c == to_katakana(wc));
            k += 1;
            hit
        });
        if ok && best.is_none_or(|b| k > b) {
            best = Some(k);
        }
    }
    best
}

/// What a character of a CJK stretch is to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Content,
    Function,
}

/// Marks the characters of catalogue terms written partly in hiragana (抗がん剤, せん妄,
/// 骨粗しょう症): their hiragana is part of a word, not okurigana or a particle.
fn protect_terms(chars: &[Ch], lexicon: &Lexicon) -> Vec<bool> {
    let mut protected = vec![false; chars.len()];
    let mut key = String::new();
    let mut i = 0;
    while i < chars.len() {
        key.clear();
        let mut best = 0;
        for len in 1..=MAX_TERM_CHARS.min(chars.len() - i) {
            key.push(chars[i + len - 1].n.c);
            let mixed = chars[i..i + len].iter().any(|c| c.script == Script::Hiragana)
                && chars[i..i + len].iter().any(|c| c.script != Script::Hiragana);
            if len >= 2 && mixed && lexicon.contains(&key) {
                best = len;
            }
        }
        if best > 0 {
            protected[i..i + best].fill(true);
            i += best;
        } else {
            i += 1;
        }
    }
    protected
}

/// Marks the function words of a CJK stretch; returns their number.
fn mark_functions(chars: &[Ch], protected: &[bool], roles: &mut [Role]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        let after_content = i > 0 && roles[i - 1] == Role::Content;
        if chars[i].script != Script::Hiragana || protected[i] {
            i += 1;
            continue;
        }
        if !after_content {
            // After a function word, another one (のための); else hiragana after a boundary is a
            // word of its own (がん, かゆみ) up to a function word.
            if i > 0 {
                let aux = match_at(chars, i, FUNCTION).max(verb_ending_at(chars, i));
                if let Some(len) = aux {
                    roles[i..i + len].fill(Role::Function);
                    count += 1;
                    i += len;
                    continue;
                }
            }
            let start = i;
            while i < chars.len() && chars[i].script == Script::Hiragana && !protected[i] {
                if i > start && function_here(chars, i).is_some() {
                    break;
                }
                i += 1;
            }
            if i - start < 2 {
                roles[start..i].fill(Role::Function);
            }
            continue;
        }
        if let Some(len) = function_here(chars, i) {
            roles[i..i + len].fill(Role::Function);
            let stem = i - 1;
            let lone = stem == 0 || roles[stem - 1] != Role::Content;
            if lone && chars[stem].script == Script::Kanji && verb_ending_at(chars, i) == Some(len)
            {
                roles[stem] = Role::Function;
            }
            count += 1;
            i += len;
            continue;
        }
        // Hiragana right after a kanji that starts with no particle: okurigana, up to the
        // next function word. The kanji before it is the stem of an inflected word.
        if chars[i - 1].script == Script::Kanji {
            let start = i;
            while i < chars.len() && chars[i].script == Script::Hiragana && !protected[i] {
                if i > start && function_here(chars, i).is_some() {
                    break;
                }
                i += 1;
            }
            roles[start..i].fill(Role::Function);
            let stem = start - 1;
            let lone = stem == 0 || roles[stem - 1] != Role::Content;
            if lone {
                roles[stem] = Role::Function;
            }
            count += 1;
            continue;
        }
        // Hiragana continuing katakana or hiragana content: part of the word.
        i += 1;
    }
    count
}

/// A function word at `chars[i]`: a particle (only before a non-hiragana character, the end,
/// or another function word, so the と of とろみ stays) or an auxiliary, longest first.
fn function_here(chars: &[Ch], i: usize) -> Option<usize> {
    let aux = match_at(chars, i, FUNCTION).max(verb_ending_at(chars, i));
    let particle = match_at(chars, i, PARTICLES).filter(|&len| {
        let next = i + len;
        next >= chars.len()
            || chars[next].script != Script::Hiragana
            || match_at(chars, next, FUNCTION).is_some()
            || verb_ending_at(chars, next).is_some()
            || match_at(chars, next, PARTICLES).is_some()
    });
    match (aux, particle) {
        (Some(a), Some(p)) => Some(a.max(p)),
        (a, p) => a.or(p),
    }
}

/// A word cut from a clause: its char range, whether the lexicon knows it, and its parts as
/// char ranges.
type Cut = (Range<usize>, bool, Vec<Range<usize>>);

/// Cuts `text` (one clause, as typed) into words with `lexicon`.
pub fn segment(text: &str, lexicon: &Lexicon) -> Segmentation {
    let chars = classify(text);
    let mut seg = Segmentation::default();
    let mut roles = vec![Role::Content; chars.len()];
    let mut i = 0;
    let mut pieces: Vec<Cut> = Vec::new();
    while i < chars.len() {
        match chars[i].script {
            Script::Other => i += 1,
            Script::Latin => {
                let start = i;
                while i < chars.len() && chars[i].script == Script::Latin {
                    i += 1;
                }
                seg.chars += i - start;
                seg.latin_words += 1;
                let word: String = chars[start..i].iter().map(|c| c.n.c).collect();
                if STOP_WORDS.contains(&word.as_str()) {
                    seg.function_words += 1;
                } else {
                    pieces.push((start..i, false, Vec::new()));
                }
            }
            _ => {
                let start = i;
                while i < chars.len() && !matches!(chars[i].script, Script::Latin | Script::Other) {
                    i += 1;
                }
                seg.chars += i - start;
                let protected = protect_terms(&chars[start..i], lexicon);
                seg.function_words +=
                    mark_functions(&chars[start..i], &protected, &mut roles[start..i]);
                let mut j = start;
                while j < i {
                    if roles[j] == Role::Function {
                        j += 1;
                        continue;
                    }
                    let from = j;
                    while j < i && roles[j] == Role::Content {
                        j += 1;
                    }
                    cover(&chars, from..j, lexicon, &mut pieces);
                }
            }
        }
    }
    glue_short_latin(&chars, &mut pieces);
    let span = |r: &Range<usize>| chars[r.start].n.start as usize..chars[r.end - 1].n.end as usize;
    seg.pieces = pieces
        .into_iter()
        .map(|(r, known, parts)| Piece {
            span: span(&r),
            known,
            parts: parts.iter().map(span).collect(),
            predicate: chars[r.end - 1].script == Script::Kanji
                && match_at(&chars, r.end, SURU_ENDINGS).is_some(),
        })
        .collect();
    seg
}

/// True when the normalized run `word` occurs in `text` not as part of a longer katakana or
/// Latin word (フロー is not in フローラ; フローラを is).
pub fn occurs_as_word(text: &str, word: &str) -> bool {
    let want: Vec<char> = word.chars().collect();
    if want.is_empty() {
        return false;
    }
    let chars = classify(text);
    let script_of = |c: char| {
        if is_katakana(c) {
            Script::Katakana
        } else if is_word_char(c) {
            Script::Latin
        } else {
            Script::Other
        }
    };
    let (first, last) = (script_of(want[0]), script_of(want[want.len() - 1]));
    let joins = |x: Option<&Ch>, s: Script| {
        matches!(s, Script::Katakana | Script::Latin)
            && x.is_some_and(|c| c.script == s && c.n.c != 'ー')
    };
    (0..chars.len().saturating_sub(want.len() - 1)).any(|i| {
        chars[i..i + want.len()].iter().zip(&want).all(|(c, w)| c.n.c == *w)
            && !joins(i.checked_sub(1).and_then(|j| chars.get(j)), first)
            && !joins(chars.get(i + want.len()), last)
    })
}

/// A short Latin word written against CJK joins it (T細胞, X線, B型): alone it would match
/// every `t` or `x` in the catalogue.
fn glue_short_latin(chars: &[Ch], pieces: &mut Vec<Cut>) {
    let mut k = 0;
    while k + 1 < pieces.len() {
        let (a, b) = (&pieces[k].0, &pieces[k + 1].0);
        let adjacent = a.end == b.start;
        let latin = |r: &Range<usize>| chars[r.start].script == Script::Latin;
        let short = |r: &Range<usize>| latin(r) && r.len() <= MAX_GLUED_LATIN;
        if adjacent && (short(a) && !latin(b) || short(b) && !latin(a)) {
            let merged = a.start..b.end;
            pieces[k] = (merged, false, Vec::new());
            pieces.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// A lone kana left over after a katakana term is the start of the word's next syllable, not
/// a word of its own: it joins the term (マイクロ + ニ → マイクロニ, the start of マイクロニードル
/// typed so far) instead of being dropped with the lone kana elsewhere.
fn join_katakana(chars: &[Ch], first: usize, out: &mut Vec<Cut>) {
    let katakana = |r: &Range<usize>| chars[r.clone()].iter().all(|c| c.script == Script::Katakana);
    let mut k = first + 1;
    while k < out.len() {
        let (prev, (p, known, _)) = (&out[k - 1].0, &out[k]);
        let lone = chars[p.clone()].iter().filter(|c| c.n.c != 'ー').count() == 1;
        if !known && lone && prev.end == p.start && katakana(p) && katakana(prev) {
            let whole = prev.start..p.end;
            out.splice(k - 1..=k, [(whole, false, Vec::new())]);
        } else {
            k += 1;
        }
    }
}

fn key_of(chars: &[Ch], r: Range<usize>) -> String {
    chars[r].iter().map(|c| c.n.c).collect()
}

/// The fewest uncovered characters, then the fewest pieces: a cover of `r` by lexicon terms
/// (`Some(len)`) and single uncovered characters (`None`), in order.
fn best_cover(
    chars: &[Ch],
    r: Range<usize>,
    lexicon: &Lexicon,
    max_len: usize,
) -> Vec<Option<usize>> {
    let n = r.len();
    // best[i]: (uncovered, pieces, step taken to reach i) for the prefix of length i.
    let mut best: Vec<(usize, usize, Option<usize>)> = vec![(usize::MAX, usize::MAX, None); n + 1];
    best[0] = (0, 0, None);
    let mut key = String::new();
    for i in 0..n {
        let (u, p, _) = best[i];
        if u == usize::MAX {
            continue;
        }
        let single = (u + 1, p, None);
        if (single.0, single.1) < (best[i + 1].0, best[i + 1].1) {
            best[i + 1] = single;
        }
        key.clear();
        for len in 1..=max_len.min(n - i) {
            key.push(chars[r.start + i + len - 1].n.c);
            if len >= 2 && lexicon.contains(&key) {
                let cand = (u, p + 1, Some(len));
                if (cand.0, cand.1) < (best[i + len].0, best[i + len].1) {
                    best[i + len] = cand;
                }
            }
        }
    }
    let mut steps = Vec::new();
    let mut i = n;
    while i > 0 {
        let step = best[i].2;
        steps.push(step);
        i -= step.unwrap_or(1);
    }
    steps.reverse();
    steps
}

/// Covers the content span `r` with pieces (see the module documentation).
fn cover(chars: &[Ch], r: Range<usize>, lexicon: &Lexicon, out: &mut Vec<Cut>) {
    let steps = best_cover(chars, r.clone(), lexicon, MAX_TERM_CHARS);
    let first = out.len();
    let mut i = r.start;
    for step in steps {
        match step {
            Some(len) => {
                out.push((i..i + len, true, Vec::new()));
                i += len;
            }
            None => {
                // Extend the previous unknown piece of the same script, or start one.
                let script = chars[i].script;
                let extends = out.len() > first
                    && out.last().is_some_and(|(prev, known, _)| {
                        !known && prev.end == i && chars[prev.end - 1].script == script
                    });
                match out.last_mut() {
                    Some((prev, _, _)) if extends => prev.end += 1,
                    _ => out.push((i..i + 1, false, Vec::new())),
                }
                i += 1;
            }
        }
    }
    join_katakana(chars, first, out);
    // A lone leftover character joins a kanji neighbour (医薬品, 抗菌性); lone kana go.
    let mut k = first;
    while k < out.len() {
        let (p, known, _) = &out[k];
        if *known || p.len() > 1 {
            k += 1;
            continue;
        }
        let is_kanji = |x: usize| chars[x].script == Script::Kanji;
        let joins_prev = k > first && out[k - 1].0.end == p.start && is_kanji(out[k - 1].0.end - 1);
        let joins_next =
            k + 1 < out.len() && out[k + 1].0.start == p.end && is_kanji(out[k + 1].0.start);
        if is_kanji(p.start) && (joins_prev || joins_next) {
            let lone = p.clone();
            let (host, at) = if joins_prev { (k - 1, lone.end) } else { (k + 1, lone.start) };
            let core = out[host].0.clone();
            let merged = if joins_prev { core.start..at } else { at..core.end };
            out[host] = (merged, false, vec![core]);
            out.remove(k);
            k = host.max(first);
            continue;
        }
        if !is_kanji(p.start) {
            out.remove(k);
            continue;
        }
        k += 1;
    }
    // Parts: a piece that splits further into terms, or an unknown kanji run into pairs.
    for (p, known, parts) in out[first..].iter_mut() {
        if p.len() < 3 {
            continue;
        }
        if parts.is_empty() {
            // No term is longer than MAX_TERM_CHARS: trying longer keys only costs time (cubic
            // in a long unknown run, such as a pasted needs statement of one repeated kana).
            let sub = best_cover(chars, p.clone(), lexicon, (p.len() - 1).min(MAX_TERM_CHARS));
            let covered = sub.iter().filter(|s| s.is_some()).count();
            let uncovered = sub.iter().filter(|s| s.is_none()).count();
            // One term of most of the piece and a character left over (腸内細菌叢 → 腸内細菌):
            // the term alone is a part too.
            // Or a term and its head kanji (補聴器 → 補聴, [`without_head`]).
            let word: String = chars[p.clone()].iter().map(|c| c.n.c).collect();
            let head = without_head(&word).is_some_and(
                |rest| matches!(sub.as_slice(), [Some(len), None] if *len == rest.chars().count()),
            );
            // (Not in katakana: マイクロ does not stand for マイクロニ, the start of マイクロニードル.)
            let katakana = chars[p.clone()].iter().all(|c| c.script == Script::Katakana);
            let dominant = covered == 1
                && uncovered == 1
                && !katakana
                && (head || sub.iter().flatten().any(|&len| len >= MIN_DOMINANT_PART));
            if covered >= 2 && uncovered <= 1 || dominant {
                let mut at = p.start;
                for s in sub {
                    let len = s.unwrap_or(1);
                    if s.is_some() {
                        parts.push(at..at + len);
                    }
                    at += len;
                }
            } else if !*known
                && p.len() >= MIN_CHUNKED
                && chars[p.clone()].iter().all(|c| c.script == Script::Kanji)
            {
                let mut at = p.start;
                while p.end - at >= 2 {
                    let len = if p.end - at == 3 { 3 } else { 2 };
                    parts.push(at..at + len);
                    at += len;
                }
            }
        }
        if parts.len() == 1 && parts[0] == *p {
            parts.clear();
        }
    }
    let _ = key_of;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[&str]) -> Lexicon {
        let mut lex = Lexicon::new();
        for w in words {
            lex.add(w);
        }
        lex
    }

    /// The pieces as `a|b|c`, each with its parts as `(x+y)`.
    fn show(text: &str, lex: &Lexicon) -> String {
        let seg = segment(text, lex);
        seg.pieces
            .iter()
            .map(|p| {
                let mut s = text[p.span.clone()].to_string();
                if !p.parts.is_empty() {
                    let parts: Vec<&str> = p.parts.iter().map(|r| &text[r.clone()]).collect();
                    s.push_str(&format!("({})", parts.join("+")));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    const WORDS: &[&str] = &[
        "がん",
        "遺伝子",
        "検査",
        "創薬",
        "スクリーニング",
        "細胞",
        "培養",
        "腸内細菌",
        "方法",
        "手術",
        "支援",
        "ロボット",
        "低侵襲",
        "再生医療",
        "内視鏡",
        "超音波",
        "薬物送達",
        "医薬",
        "心筋",
        "シート",
        "iPS細胞",
        "免疫",
        "療法",
        "がん免疫療法",
        "足場",
        "材料",
        "センサー",
        "血糖値",
        "測定",
        "早期",
        "診断",
        "認知症",
        "抗がん剤",
        "副作用",
        "骨粗しょう症",
    ];

    #[test]
    fn unspaced_queries_are_cut_into_the_words_a_visitor_meant() {
        let lex = lexicon(WORDS);
        let cases: &[(&str, &str)] = &[
            ("がん遺伝子検査", "がん|遺伝子|検査"),
            ("創薬スクリーニング技術", "創薬|スクリーニング|技術"),
            ("低侵襲手術支援ロボット", "低侵襲|手術|支援|ロボット"),
            ("超音波内視鏡", "超音波|内視鏡"),
            ("再生医療用細胞", "再生医療用(再生医療)|細胞"),
            ("医薬品", "医薬品(医薬)"),
            ("細胞培養用足場材料", "細胞|培養用(培養)|足場|材料"),
            ("がん免疫療法", "がん免疫療法(がん+免疫+療法)"),
            ("感染症迅速診断", "感染症迅速(感染+症迅速)|診断"),
            ("薬物送達システム", "薬物送達|システム"),
            ("T細胞", "T細胞"),
            ("iPS細胞由来心筋シート", "iPS|細胞|由来|心筋|シート"),
            ("癌", "癌"),
            ("遺伝", "遺伝"),
            ("ｶﾃｰﾃﾙ", "ｶﾃｰﾃﾙ"),
            ("", ""),
            ("、。!?", ""),
        ];
        for (q, want) in cases {
            assert_eq!(show(q, &lex), *want, "segment({q:?})");
        }
    }

    #[test]
    fn a_known_term_one_character_longer_than_another_has_it_as_its_part() {
        let lex = lexicon(&["腸内細菌叢", "腸内細菌", "胃がん", "がん"]);
        assert_eq!(show("腸内細菌叢", &lex), "腸内細菌叢(腸内細菌)");
        assert_eq!(show("胃がん", &lex), "胃がん", "a two-character term is too short to stand in");
    }

    #[test]
    fn a_lone_kana_after_a_katakana_term_is_the_word_being_typed() {
        let lex = lexicon(&["マイクロ", "ナノ", "粒子", "ドラッグ", "デリバリー"]);
        let cases: &[(&str, &str)] = &[
            // Still being typed: the lone kana is the start of マイクロニードル, not dropped.
            ("マイクロニ", "マイクロニ"),
            ("マイクロニー", "マイクロニ"),
            // Longer leftovers stay words of their own; so do known words written together.
            ("マイクロニード", "マイクロ|ニード"),
            ("ドラッグデリバリー", "ドラッグ|デリバリ"),
            ("ナノ粒子", "ナノ|粒子"),
            ("粒子ニ", "粒子"),
        ];
        for (q, want) in cases {
            assert_eq!(show(q, &lex), *want, "segment({q:?})");
        }
    }

    #[test]
    fn a_known_term_has_what_its_head_kanji_specifies_as_its_part() {
        let lex = lexicon(&["補聴器", "補聴", "認知", "血圧計", "血圧", "肺がん"]);
        assert_eq!(show("補聴器", &lex), "補聴器(補聴)");
        assert_eq!(show("血圧計", &lex), "血圧計(血圧)");
        // 肺がん has no head kanji: がん does not stand in for it.
        assert_eq!(show("肺がん", &lex), "肺がん");
    }

    #[test]
    fn only_a_head_kanji_after_a_kanji_word_is_dropped() {
        assert_eq!(without_head("補聴器"), Some("補聴"));
        assert_eq!(without_head("脂質異常症"), Some("脂質異常"));
        assert_eq!(without_head("抗菌剤"), Some("抗菌"));
        assert_eq!(without_head("心臓"), None, "臓 is no head kanji");
        assert_eq!(without_head("薬"), None);
        assert_eq!(without_head("器"), None);
        assert_eq!(without_head("血器"), None, "one kanji left is too short");
        assert_eq!(without_head("ろ過器"), None, "kana left");
    }

    #[test]
    fn particles_endings_and_verb_stems_are_dropped_from_sentences() {
        let lex = lexicon(WORDS);
        let cases: &[(&str, &str)] = &[
            ("腸内細菌を調べる方法を探しています", "腸内細菌|方法"),
            ("血糖値を非侵襲で測定できるセンサー", "血糖値|非侵襲|測定|センサ"),
            ("認知症の早期診断", "認知症|早期|診断"),
            ("がんの早期発見のための検査", "がん|早期|発見|検査"),
            ("医療機器の共同開発先を探しています", "医療機器(医療+機器)|共同開発先(共同+開発先)"),
            ("かゆみを抑える", "かゆみ"),
            ("とろみ調整食", "とろみ|調整食"),
            ("新しい材料", "材料"),
            ("抗がん剤の副作用を減らしたい", "抗がん剤|副作用"),
            ("骨粗しょう症の治療薬", "骨粗しょう症|治療薬"),
        ];
        for (q, want) in cases {
            assert_eq!(show(q, &lex), *want, "segment({q:?})");
        }
    }

    #[test]
    fn a_kanji_word_before_a_form_of_suru_is_the_sentence_verb() {
        let lex = lexicon(WORDS);
        let cases: &[(&str, &str)] = &[
            ("認知症を早期に発見したい", "発見"),
            ("薬を皮膚から投与する技術", "投与"),
            ("細胞を安定して製造する装置", "安定|製造"),
            ("認知症の早期発見", ""),
            ("血糖値を測定できるセンサー", "測定"),
        ];
        for (q, want) in cases {
            let seg = segment(q, &lex);
            let verbs: Vec<&str> =
                seg.pieces.iter().filter(|p| p.predicate).map(|p| &q[p.span.clone()]).collect();
            assert_eq!(verbs.join("|"), *want, "segment({q:?})");
        }
    }

    #[test]
    fn sentences_are_told_from_search_terms() {
        let lex = lexicon(WORDS);
        let cases: &[(&str, bool)] = &[
            ("腸内細菌を調べる方法を探しています", true),
            ("がんの早期発見のための検査技術を探しています", true),
            ("がん遺伝子検査", false),
            ("認知症の早期診断", false),
            ("we are looking for a non-invasive glucose sensor", true),
            ("drug screening platform", false),
            ("non invasive glucose sensor for diabetes patients at home", false),
        ];
        for (q, want) in cases {
            assert_eq!(segment(q, &lex).sentence(), *want, "sentence({q:?})");
        }
    }

    #[test]
    fn the_lexicon_keeps_cjk_runs_of_two_or_more_characters() {
        let lex = lexicon(&["iPS細胞", "X線", "がん・免疫"]);
        assert!(lex.contains("細胞"));
        assert!(lex.contains("ガン"), "kana fold like the index");
        assert!(lex.contains("免疫"));
        assert!(!lex.contains("線"));
        assert_eq!(lex.len(), 3);
    }
}
