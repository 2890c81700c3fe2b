//! English stems, so a query word also finds its other forms: `screening` finds `screen` and
//! `screens`, `endoscopy` finds `endoscope` and, through that word's synonym group, 内視鏡.
//!
//! Stems come from the Snowball English (Porter 2) stemmer. Two words are related when their
//! stems are equal, or when one stem extends the other by one letter and both are long
//! ([`MIN_PREFIX_STEM`]): Porter 2 leaves `endoscopi` for endoscopy and `endoscop` for
//! endoscope. Short words are never stemmed ([`MIN_STEMMED`]).

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

use crate::index::{Index, TermId};
use crate::synonyms::{Member, Synonyms};

/// Shortest word stemmed, in letters.
pub const MIN_STEMMED: usize = 4;
/// Shortest stem that another stem may extend by a letter.
pub const MIN_PREFIX_STEM: usize = 6;
/// Most related words one query word expands to.
pub const MAX_RELATED: usize = 16;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stem of a lowercase ASCII word, or `None` for words that are not stemmed.
pub fn stem(word: &str) -> Option<String> {
    (word.len() >= MIN_STEMMED && word.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| stemmer().stem(word).into_owned())
}

/// True when stems `a` and `b` name the same word (see the module documentation).
pub fn related(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.len() >= MIN_PREFIX_STEM
            && long.len() == short.len() + 1
            && long.starts_with(short))
}

/// The prefix every word related to a word with stem `s` starts with.
fn shared_prefix(s: &str) -> &str {
    // Porter 2 may turn a final y into i (study → studi): the last letter can differ.
    &s[..s.len().saturating_sub(1).max(1).min(s.len())]
}

/// Index words related to `word` (not the word itself).
pub(crate) fn related_words(ix: &Index, word: &str) -> Vec<TermId> {
    let Some(s) = stem(word) else { return Vec::new() };
    let mut out = Vec::new();
    for (w, t) in ix.prefix_words(shared_prefix(&s)) {
        if w != word && stem(w).is_some_and(|x| related(&x, &s)) {
            out.push(t);
            if out.len() == MAX_RELATED {
                break;
            }
        }
    }
    out
}

/// The synonym alternatives of the groups of words related to `word`, when `word` itself is
/// in none.
pub(crate) fn related_synonyms<'a>(syn: &'a Synonyms, word: &str) -> Vec<&'a Member> {
    let Some(s) = stem(word) else { return Vec::new() };
    let mut out: Vec<&Member> = Vec::new();
    for key in syn.words_with_prefix(shared_prefix(&s)) {
        if key != word && stem(key).is_some_and(|x| related(&x, &s)) {
            for m in syn.alternatives(key) {
                if m.key != word && !out.iter().any(|o| o.key == m.key) {
                    out.push(m);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_word_are_related_and_other_words_are_not() {
        let cases: &[(&str, &str, bool)] = &[
            ("screening", "screen", true),
            ("screens", "screening", true),
            ("studies", "study", true),
            ("endoscopy", "endoscope", true),
            ("endoscopic", "endoscopy", true),
            ("therapy", "therapies", true),
            ("cell", "cellular", false),
            ("cat", "catheter", false),
            ("catheter", "catheters", true),
            ("sensor", "sensing", false),
        ];
        for (a, b, want) in cases {
            let (x, y) = (stem(a), stem(b));
            let got = matches!((&x, &y), (Some(x), Some(y)) if related(x, y));
            assert_eq!(got, *want, "{a} ({x:?}) ~ {b} ({y:?})");
        }
    }
}
