//! Highlights: where a query matched a seed's title, and a ~120-character snippet of its
//! summary around the densest cluster of matches.
//!
//! Match spans come from token offsets (the tokenizer reports every token's byte range in the
//! original text, through the normalizer's normalized→original map), never from searching
//! normalized text for the query: ｶﾃｰﾃﾙ in a title is highlighted for the query カテーテル, 癌
//! for the query がん (the synonym that matched), and `Immunotherapy` for the prefix `immun`.
//!
//! The index keeps no token positions (at 10k seeds that would be ~3.6 million tokens × 8
//! bytes ≈ 29 MB more, ~290 MB at 100k, in the browser's memory); the title and summary of a
//! card are tokenized once when it is highlighted — a few microseconds — and the offsets come
//! from that token stream. A CJK bigram of a longer query word is only marked
//! inside a chain of the word's bigrams, so カテーテル does not light up テル in ホテル.

use std::ops::Range;

use crate::engine::Engine;
use crate::index::TermId;
use crate::rank::{MatchKind, PreparedQuery};
use crate::search::QueryInput;
use crate::sort;
use crate::tokenize::{gram_first_char, gram_last_char, is_bigram, tokenize, Kind, Mode};
use rustc_hash::FxHashMap;

/// Approximate snippet length in characters.
pub const SNIPPET_CHARS: usize = 120;

/// Match spans in a seed's title and summary snippet. Ranges are byte ranges into the
/// accompanying strings, sorted, disjoint, on character boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// The title (English when asked for and present) and its match spans.
    pub title: (String, Vec<Range<usize>>),
    /// About [`SNIPPET_CHARS`] characters of the summary around the best cluster of matches
    /// (`…` marks a cut) and its match spans.
    pub snippet: (String, Vec<Range<usize>>),
}

/// What a term matched in the plan: (alternative id, slot position in it, highlight only the
/// first character, the alternative has several bigram slots).
#[derive(Clone, Copy)]
struct Role {
    alt: u32,
    pos: u32,
    first_char: bool,
    chain: bool,
}

/// The roles of index terms for one prepared query.
pub(crate) struct Marker<'a> {
    engine: &'a Engine,
    roles: FxHashMap<TermId, Vec<Role>>,
    /// One-character CJK query tokens: any CJK token starting with one is marked (its first
    /// character only), indexed or not.
    chars: Vec<char>,
}

impl<'a> Marker<'a> {
    pub(crate) fn new(engine: &'a Engine, plan: &PreparedQuery) -> Self {
        let mut roles: FxHashMap<TermId, Vec<Role>> = FxHashMap::default();
        let mut chars = Vec::new();
        let mut alt_id = 0u32;
        for g in plan.positive() {
            for a in &g.alts {
                let bigrams = a.slots.clone().filter(|&s| plan.slots[s].bigram).count();
                for (pos, s) in a.slots.clone().enumerate() {
                    let slot = &plan.slots[s];
                    if let Some(c) = slot.single_char {
                        chars.push(c);
                        continue;
                    }
                    for e in &slot.exps {
                        let first_char = e.kind == MatchKind::Char;
                        let chain = slot.bigram && bigrams >= 2;
                        roles.entry(e.term).or_default().push(Role {
                            alt: alt_id,
                            pos: pos as u32,
                            first_char,
                            chain,
                        });
                    }
                }
                alt_id += 1;
            }
        }
        Marker { engine, roles, chars }
    }

    /// Match spans in `text`.
    pub(crate) fn marks(&self, text: &str) -> Vec<Range<usize>> {
        if self.roles.is_empty() && self.chars.is_empty() {
            return Vec::new();
        }
        struct T {
            start: usize,
            mid: usize,
            end: usize,
            roles: Option<usize>, // index into `found`
        }
        let ix = self.engine.index();
        let mut toks: Vec<T> = Vec::new();
        let mut found: Vec<&[Role]> = Vec::new();
        let mut out: Vec<Range<usize>> = Vec::new();
        tokenize(text, Mode::Document, |t| {
            if let Kind::Gram(k) = t.kind {
                if !self.chars.is_empty() {
                    if self.chars.contains(&gram_first_char(k)) {
                        out.push(t.start as usize..t.mid as usize);
                    }
                    if is_bigram(k) && self.chars.contains(&gram_last_char(k)) {
                        out.push(t.mid as usize..t.end as usize);
                    }
                }
            }
            let id = match t.kind {
                Kind::Gram(k) => ix.gram(k),
                Kind::Word(w) => ix.word(w),
                Kind::Char(_) => None,
            };
            let roles = id.and_then(|id| self.roles.get(&id)).map(|r| {
                found.push(r.as_slice());
                found.len() - 1
            });
            toks.push(T {
                start: t.start as usize,
                mid: t.mid as usize,
                end: t.end as usize,
                roles,
            });
        });
        for (i, t) in toks.iter().enumerate() {
            let Some(ri) = t.roles else { continue };
            for r in found[ri] {
                let keep = !r.chain || {
                    let linked = |j: usize, want: i64| {
                        toks.get(j).and_then(|n| n.roles).is_some_and(|nj| {
                            found[nj].iter().any(|x| x.alt == r.alt && i64::from(x.pos) == want)
                        })
                    };
                    (i + 1 < toks.len()
                        && toks[i + 1].start == t.mid
                        && linked(i + 1, i64::from(r.pos) + 1))
                        || (i > 0
                            && toks[i - 1].mid == t.start
                            && linked(i - 1, i64::from(r.pos) - 1))
                };
                if keep {
                    out.push(t.start..if r.first_char { t.mid } else { t.end });
                    break;
                }
            }
        }
        merge(out)
    }
}

/// Sorts and merges overlapping or touching ranges, dropping empty ones: the one range merge
/// of the project (the app merges the ranges it renders with it too).
pub fn merge(mut rs: Vec<Range<usize>>) -> Vec<Range<usize>> {
    rs.retain(|r| r.start < r.end);
    sort::sort_by_key(&mut rs, |r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(rs.len());
    for r in rs {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Cuts `text` to about `width` characters around the densest cluster of `marks`, preferring
/// to start at a sentence; returns the snippet and the marks shifted into it.
pub fn snippet(text: &str, marks: &[Range<usize>], width: usize) -> (String, Vec<Range<usize>>) {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let n = bounds.len() - 1;
    if n <= width {
        return (text.to_string(), marks.to_vec());
    }
    let char_at = |b: usize| bounds.partition_point(|&x| x < b);
    let spans: Vec<(usize, usize)> =
        marks.iter().map(|r| (char_at(r.start), char_at(r.end))).collect();
    // Densest window: the most marked characters within `width` of a mark's start.
    let mut best = (0usize, 0usize, 0usize); // (covered, first span, last span)
    for i in 0..spans.len() {
        let limit = spans[i].0 + width;
        let mut covered = 0;
        let mut last = i;
        for (j, s) in spans.iter().enumerate().skip(i) {
            if s.1 > limit {
                break;
            }
            covered += s.1 - s.0;
            last = j;
        }
        if covered > best.0 {
            best = (covered, i, last);
        }
    }
    let mut start = 0;
    if best.0 > 0 {
        let (c0, c1) = (spans[best.1].0, spans[best.2].1);
        let slack = width.saturating_sub(c1 - c0);
        start = c0.saturating_sub(slack / 3);
        // Start at a sentence when one begins shortly before the cluster.
        let sentence = (c0.saturating_sub(slack)..c0).rev().find(|&c| {
            let ch = text[bounds[c]..bounds[c + 1]].chars().next().unwrap_or(' ');
            matches!(ch, '。' | '．' | '！' | '？' | '\n')
                || (matches!(ch, '.' | '!' | '?') && text[bounds[c + 1]..].starts_with(' '))
        });
        if let Some(c) = sentence {
            start = c + 1;
        }
        while start < c0 && text[bounds[start]..].starts_with(char::is_whitespace) {
            start += 1;
        }
        start = start.min(n.saturating_sub(width)).min(c0);
    }
    let end = (start + width).min(n);
    let (b0, b1) = (bounds[start], bounds[end]);
    let mut s = String::with_capacity(b1 - b0 + 6);
    if start > 0 {
        s.push('…');
    }
    let shift = s.len();
    s.push_str(&text[b0..b1]);
    if end < n {
        s.push('…');
    }
    let shifted = marks
        .iter()
        .filter(|r| r.end > b0 && r.start < b1)
        .map(|r| (r.start.max(b0) - b0 + shift)..(r.end.min(b1) - b0 + shift))
        .collect();
    (s, shifted)
}

impl Engine {
    /// Match spans for seed `seed`'s title and a summary snippet, in English when `english`
    /// and the English text exists. `query` is text as typed, a
    /// [`crate::query::ParsedQuery`] or a [`PreparedQuery`] (prepare once when highlighting
    /// many cards). An out-of-range seed gives an empty highlight.
    pub fn highlight<Q: QueryInput + ?Sized>(
        &self,
        seed: usize,
        query: &Q,
        english: bool,
    ) -> Highlight {
        let Some(s) = self.bundle.seeds.get(seed) else { return Highlight::default() };
        let plan = query.prepared(self);
        let marker = Marker::new(self, &plan);
        let title = s.title(english).to_string();
        let title_marks = marker.marks(&title);
        let summary = s.summary(english);
        let summary_marks = marker.marks(summary);
        Highlight {
            title: (title, title_marks),
            snippet: snippet(summary, &summary_marks, SNIPPET_CHARS),
        }
    }

    /// Match spans of `query` in any text (a keyword, a field shown on the detail page).
    pub fn highlight_text<Q: QueryInput + ?Sized>(
        &self,
        text: &str,
        query: &Q,
    ) -> Vec<Range<usize>> {
        let plan = query.prepared(self);
        Marker::new(self, &plan).marks(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_when_they_touch_or_overlap() {
        assert_eq!(merge(vec![3..6, 0..2, 2..3, 5..9, 12..12]), vec![0..9]);
        assert_eq!(merge(vec![4..5, 0..1]), vec![0..1, 4..5]);
    }

    #[test]
    fn a_short_text_is_its_own_snippet() {
        let marks = [Range { start: 0, end: 3 }];
        assert_eq!(snippet("短い概要。", &marks, 120), ("短い概要。".to_string(), marks.to_vec()));
    }

    #[test]
    fn a_long_text_is_cut_around_its_densest_matches() {
        let text = format!(
            "{}。本技術はカテーテルを用いる。カテーテル治療に使える。{}",
            "あ".repeat(200),
            "い".repeat(200)
        );
        let at: Vec<usize> = text.match_indices("カテーテル").map(|(i, _)| i).collect();
        let marks: Vec<Range<usize>> = at.iter().map(|&i| i..i + "カテーテル".len()).collect();
        let (s, rs) = snippet(&text, &marks, 40);
        assert!(s.starts_with("…本技術は"), "{s}");
        assert!(s.ends_with('…'));
        assert_eq!(rs.len(), 2);
        for r in &rs {
            assert_eq!(&s[r.clone()], "カテーテル");
        }
    }

    #[test]
    fn without_matches_the_snippet_is_the_beginning() {
        let text = "x".repeat(300);
        let (s, rs) = snippet(&text, &[], 120);
        assert_eq!(s, format!("{}…", "x".repeat(120)));
        assert!(rs.is_empty());
    }
}
