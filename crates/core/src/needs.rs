//! Needs matching: a company's free-text needs statement (「〜の技術を探している」, a paragraph
//! in Japanese or English) ranks seeds, and each result lists the statement's terms it matched.
//!
//! Terms are extracted from the statement: Latin words (without stop words), CJK segments
//! (kanji or katakana runs, split where hiragana particles and okurigana sit; a lone kanji
//! counts unless okurigana follows it, so 探しています yields no 探, a lone katakana never),
//! and members of the curated synonym groups (so `drug delivery` also looks for 薬物送達 and
//! DDS). Each term's tokens are weighted by IDF; tokens found in more than [`COMMON_SHARE`] of
//! the seeds carry no information (する, 研究, 治療 in a medical catalogue) and are ignored. A
//! long segment scores by the share of its bigrams a seed has, so 血管内治療 partly matches
//! 血管内の治療. The sum over terms is multiplied by the share of the statement's terms the
//! seed matched, so covering more of the need beats matching one term very well.

use std::ops::Range;

use serde::Serialize;

use crate::bitset::Bitset;
use crate::engine::Engine;
use crate::index::{TermId, IMPACT_SCALE};
use crate::normalize::{is_cjk, is_katakana, normalize, run_form, NChar};
use crate::tokenize::{bigram_key, tokenize, Kind, Mode};
use crate::types::Filters;

/// Tokens in more than this share of seeds are ignored.
pub const COMMON_SHARE: f32 = 0.2;
/// Longest statement considered, in bytes.
pub const MAX_NEEDS_BYTES: usize = 20_000;

/// English words that carry no topic.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "based",
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
    "new",
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
    "use",
    "used",
    "using",
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

/// A seed matched to a needs statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedsHit {
    /// Position of the seed.
    pub seed: usize,
    /// Higher is better.
    pub score: f32,
    /// Terms of the statement this seed matched, most telling first (a synonym match reads
    /// `drug delivery (薬物送達)`).
    pub matched_terms: Vec<String>,
}

/// One token of a term: the index terms it matches (any of) and where it sits in the statement.
struct Unit {
    terms: Vec<TermId>,
    span: Range<usize>,
    idf: f32,
    /// Informative: in the index and in at most [`COMMON_SHARE`] of the seeds.
    counts: bool,
}

/// One extracted term with its variants (as written, and synonyms at a discount).
struct NeedTerm {
    label: String,
    /// (discount, label of the variant, units); the first variant is the term as written.
    variants: Vec<(f32, String, Vec<Unit>)>,
    /// A CJK segment whose partial matches count (reported as the matched substring); other
    /// terms count only when all their tokens are there.
    partial: bool,
    /// Shortest chain of bigrams reported: two for katakana (ウェ of ウェブ is no match for
    /// ウェアラブル), one for kanji (高齢 of 高齢者 is a word).
    min_chain: usize,
}

/// Particles that follow a noun. A one-kanji segment followed by hiragana is a word only when
/// the hiragana starts with one of these (脳の, 骨を, 熱で); otherwise it is okurigana and the
/// kanji is the stem of an inflected verb or adjective (探しています, 使える, 良い), no term
/// alone. (A kanji before a word spelt in hiragana, the 骨 of 骨そしょう症, is lost with them.)
const PARTICLES: &[&str] =
    &["の", "を", "に", "が", "は", "と", "で", "へ", "も", "や", "から", "まで", "より", "など"];

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

impl Engine {
    /// Ranks seeds for a needs statement; at most `limit` hits, best first, within `filters`.
    pub fn match_needs(&self, text: &str, filters: &Filters, limit: usize) -> Vec<NeedsHit> {
        let mut end = text.len().min(MAX_NEEDS_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let n = self.index.n_docs();
        if n == 0 || limit == 0 {
            return Vec::new();
        }
        let terms = self.needs_terms(text);
        let allowed = self.filter_set(filters);

        // Accumulate: per term, the best variant; per variant, the mean over its units.
        let mut acc = vec![0f32; n];
        let mut best = vec![0f32; n];
        let mut cur = vec![0f32; n];
        let mut unit_val = vec![0f32; n];
        let mut found = vec![0u16; n];
        let mut covered = vec![0u16; n];
        let (mut touched_best, mut touched_cur, mut touched_unit) =
            (Vec::new(), Vec::new(), Vec::new());
        for t in &terms {
            for (vi, (factor, _, units)) in t.variants.iter().enumerate() {
                let all = !(t.partial && vi == 0);
                let required = units.iter().filter(|u| u.counts).count();
                let k = required as f32;
                for u in units.iter().filter(|u| u.counts) {
                    for &term in &u.terms {
                        let (docs, imps) = self.index.postings(term);
                        for (&d, &imp) in docs.iter().zip(imps) {
                            let v = imp as f32 * IMPACT_SCALE;
                            let slot = &mut unit_val[d as usize];
                            if *slot == 0.0 {
                                touched_unit.push(d);
                            }
                            *slot = slot.max(v);
                        }
                    }
                    for &d in &touched_unit {
                        let c = &mut cur[d as usize];
                        if *c == 0.0 {
                            touched_cur.push(d);
                        }
                        *c += u.idf * unit_val[d as usize] / k;
                        found[d as usize] += 1;
                        unit_val[d as usize] = 0.0;
                    }
                    touched_unit.clear();
                }
                for &d in &touched_cur {
                    let complete = !all || usize::from(found[d as usize]) >= required;
                    let b = &mut best[d as usize];
                    if complete {
                        if *b == 0.0 {
                            touched_best.push(d);
                        }
                        *b = b.max(factor * cur[d as usize]);
                    }
                    cur[d as usize] = 0.0;
                    found[d as usize] = 0;
                }
                touched_cur.clear();
            }
            for &d in &touched_best {
                acc[d as usize] += best[d as usize];
                covered[d as usize] += 1;
                best[d as usize] = 0.0;
            }
            touched_best.clear();
        }
        // Coordination: a seed matching more of the statement's terms ranks higher.
        let total = terms.len().max(1) as f32;
        let mut hits: Vec<(usize, f32)> = acc
            .iter()
            .enumerate()
            .filter(|(d, s)| **s > 0.0 && allowed.contains(*d))
            .map(|(d, s)| (d, s * f32::from(covered[d]) / total))
            .collect();
        hits.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits.into_iter()
            .map(|(d, score)| NeedsHit {
                seed: d,
                score,
                matched_terms: self.matched_terms(&terms, d as u32, text),
            })
            .collect()
    }

    /// The statement's terms as the seed matched them, most telling first.
    fn matched_terms(&self, terms: &[NeedTerm], d: u32, text: &str) -> Vec<String> {
        let has = |u: &Unit| u.terms.iter().any(|&t| self.index.impact_of(t, d) > 0.0);
        let informative = |units: &[Unit]| units.iter().any(|u| u.counts);
        let mut found: Vec<(f32, String)> = Vec::new();
        for t in terms {
            let (_, _, units) = &t.variants[0];
            if t.partial {
                // Maximal chains of matched bigrams, as substrings of the statement.
                let mut i = 0;
                while i < units.len() {
                    if !has(&units[i]) {
                        i += 1;
                        continue;
                    }
                    let start = i;
                    let mut weight = 0.0;
                    while i < units.len() && has(&units[i]) {
                        weight += if units[i].counts { units[i].idf } else { 0.0 };
                        i += 1;
                    }
                    if i - start >= t.min_chain && informative(&units[start..i]) {
                        let span = units[start].span.start..units[i - 1].span.end;
                        found.push((weight, text[span].to_string()));
                    }
                }
            } else if informative(units) && units.iter().all(has) {
                found.push((units.iter().map(|u| u.idf).sum(), t.label.clone()));
            }
            for (factor, label, units) in t.variants.iter().skip(1) {
                if informative(units) && units.iter().all(has) {
                    let w: f32 = units.iter().map(|u| u.idf).sum::<f32>() * factor;
                    found.push((w, format!("{} ({label})", t.label)));
                    break;
                }
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, s) in found {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Extracts the statement's terms.
    fn needs_terms(&self, text: &str) -> Vec<NeedTerm> {
        let n = self.index.n_docs() as f32;
        let max_df = (COMMON_SHARE * n).max(5.0);
        let mut terms: Vec<NeedTerm> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let unit = |terms: Vec<TermId>, span: Range<usize>| -> Unit {
            let df = self.union_df(&terms);
            Unit { terms, span, idf: self.index.idf(df), counts: df > 0 && (df as f32) <= max_df }
        };

        // Latin words.
        tokenize(text, Mode::Query, |t| {
            if let Kind::Word(w) = t.kind {
                if w.len() < 2
                    || STOP_WORDS.contains(&w)
                    || w.chars().all(|c| c.is_ascii_digit())
                    || seen.iter().any(|s| s == w)
                {
                    return;
                }
                seen.push(w.to_string());
                let span = t.start as usize..t.end as usize;
                if let Some(u) =
                    self.index.word(w).map(|id| unit(vec![id], span.clone())).filter(|u| u.counts)
                {
                    terms.push(NeedTerm {
                        label: text[span].to_string(),
                        variants: vec![(1.0, String::new(), vec![u])],
                        partial: false,
                        min_chain: 1,
                    });
                }
            }
        });

        // CJK segments: kanji or katakana runs, without hiragana.
        let chars: Vec<(NChar, bool)> = normalize(text)
            .map(|c| (c, text[c.start as usize..c.end as usize].chars().any(is_hiragana)))
            .collect();
        let mut i = 0;
        while i < chars.len() {
            let (c, hira) = chars[i];
            if !is_cjk(c.c) || hira {
                i += 1;
                continue;
            }
            let kata = is_katakana(c.c);
            let start = i;
            while i < chars.len()
                && is_cjk(chars[i].0.c)
                && !chars[i].1
                && is_katakana(chars[i].0.c) == kata
            {
                i += 1;
            }
            let seg = &chars[start..i];
            // One character is a term only as a kanji that stands as a word: one katakana is
            // no word (as in `min_chain`), and a kanji before okurigana is a verb's or an
            // adjective's stem (see [`PARTICLES`]).
            if seg.len() == 1 {
                let okurigana = chars.get(i).is_some_and(|&(next, hira)| {
                    let rest = &text[next.start as usize..];
                    hira && !PARTICLES.iter().any(|p| rest.starts_with(p))
                });
                if kata || okurigana {
                    continue;
                }
            }
            let key: String = seg.iter().map(|(c, _)| c.c).collect();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let span_of = |a: &NChar, b: &NChar| a.start as usize..b.end as usize;
            let units: Vec<Unit> = if seg.len() == 1 {
                let ch = seg[0].0;
                vec![unit(self.index.char_terms(ch.c).collect(), span_of(&ch, &ch))]
            } else {
                seg.windows(2)
                    .map(|w| {
                        let ids =
                            self.index.gram(bigram_key(w[0].0.c, w[1].0.c)).into_iter().collect();
                        unit(ids, span_of(&w[0].0, &w[1].0))
                    })
                    .collect()
            };
            if units.iter().any(|u| u.counts) {
                let label = text[span_of(&seg[0].0, &seg[seg.len() - 1].0)].to_string();
                let min_chain = if kata { 2 } else { 1 };
                terms.push(NeedTerm {
                    label,
                    variants: vec![(1.0, String::new(), units)],
                    partial: seg.len() > 2,
                    min_chain,
                });
            }
        }

        // Synonym members anywhere in the statement: their other members at a discount.
        let rf = run_form(text);
        for (_, _, member) in self.synonyms.occurrences(&rf) {
            let alts = self.synonyms.alternatives(member);
            let mut variants = vec![(1.0, String::new(), Vec::new())];
            for a in alts {
                let mut units = Vec::new();
                let mut ok = true;
                tokenize(&a.key, Mode::Query, |t| {
                    let ids: Vec<TermId> = match t.kind {
                        Kind::Gram(k) => self.index.gram(k).into_iter().collect(),
                        Kind::Char(c) => self.index.char_terms(c).collect(),
                        Kind::Word(w) => self.index.word(w).into_iter().collect(),
                    };
                    let u = unit(ids, 0..0);
                    ok &= !u.terms.is_empty();
                    units.push(u);
                });
                if ok && units.iter().any(|u| u.counts) {
                    variants.push((crate::rank::SYNONYM_DISCOUNT, a.text.clone(), units));
                }
            }
            if variants.len() > 1 {
                terms.push(NeedTerm {
                    label: member.to_string(),
                    variants,
                    partial: false,
                    min_chain: 1,
                });
            }
        }
        terms
    }

    fn union_df(&self, terms: &[TermId]) -> usize {
        match terms {
            [] => 0,
            [t] => self.index.df(*t),
            _ => {
                let mut b = Bitset::empty(self.index.n_docs());
                for &t in terms {
                    for &d in self.index.postings(t).0 {
                        b.insert(d as usize);
                    }
                }
                b.count()
            }
        }
    }
}
