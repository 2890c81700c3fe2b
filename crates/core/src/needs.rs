//! Needs matching: a company's free-text needs statement (「〜の技術を探している」, a paragraph
//! in Japanese or English) ranks seeds, and each result lists the statement's terms it matched.
//!
//! Terms are the statement's words ([`crate::segment`]: particles, endings and verb stems
//! dropped, compounds cut into the catalogue's terms), English words without stop words, and
//! multi-word members of the synonym groups (`drug delivery` also looks for 薬物送達 and DDS).
//! Generic words ([`crate::segment::GENERIC_JA`], [`crate::segment::GENERIC_EN`]) and words
//! found in more than [`COMMON_SHARE`]
//! of the seeds carry no information about the need and are dropped.
//!
//! Each term is a group of alternatives as in a search (itself, its synonyms at a discount);
//! a katakana term matches only as a whole word (フロー is not in フローラ). A seed ranks by the
//! share of the statement's weight (IDF) it covers blended with its term scores
//! ([`crate::rank::tier_score`]); the statement's verb, a verbal noun before a form of する
//! (発見したい) or an English word after `that`, `can`, `want to` … ([`VERB_BEFORE_EN`]), weighs
//! [`PREDICATE_WEIGHT`] of its IDF. Below [`MIN_COVERAGE`] nothing is a
//! close match, and [`NeedsResult::nearest_fields`] names the fields where the statement's
//! words occur instead.

use std::ops::Range;

use serde::Serialize;

use crate::bitset::Bitset;
use crate::engine::Engine;
use crate::normalize::{is_katakana, run_form};
use crate::query::ParsedQuery;
use crate::rank::{push_group, Group, PreparedQuery};
use crate::segment::{is_generic, occurs_as_word, segment, STOP_WORDS};
use crate::sort;
use crate::types::Filters;

/// Terms in more than this share of seeds are dropped.
pub const COMMON_SHARE: f32 = 0.2;
/// Longest statement considered, in bytes.
pub const MAX_NEEDS_BYTES: usize = 20_000;
/// The least share of a statement's weight a seed must cover to be a close match.
pub const MIN_COVERAGE: f32 = 0.2;
/// Most terms taken from one statement (the most informative are kept).
pub const MAX_TERMS: usize = 24;
/// Most candidate terms read from one statement before the informative ones are chosen: a
/// long paragraph has a few dozen; the bound keeps a pasted page (or a 10,000-character run
/// without a break) from costing seconds.
pub const MAX_CANDIDATES: usize = 256;
/// Longest clause (run between punctuation or spaces) segmented, in characters; the rest of
/// a longer run is not read. Real clauses are well under a hundred.
pub const MAX_CLAUSE_CHARS: usize = 160;
/// What a verbal noun used as the statement's verb (発見したい, 投与する) weighs against a
/// term of the same IDF: it says what to do with the subject, not what the subject is.
pub const PREDICATE_WEIGHT: f32 = 0.5;
/// English words after which a needs statement's next word is its verb (`AI that reads
/// images`, `we want to reduce`), weighed [`PREDICATE_WEIGHT`] like a Japanese verbal noun.
/// `to` alone is not one: it comes before nouns as often (`applicable to cancer`).
pub const VERB_BEFORE_EN: &[&str] = &[
    "that", "which", "who", "can", "could", "will", "would", "should", "may", "must", "want to",
    "wants to", "need to", "needs to", "like to", "how to", "able to",
];
/// Fields suggested when nothing matches closely.
pub const NEAREST_FIELDS: usize = 3;

/// A seed matched to a needs statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedsHit {
    /// Position of the seed.
    pub seed: usize,
    /// Higher is better.
    pub score: f32,
    /// Terms of the statement this seed matched, most telling first, each once (a synonym
    /// match reads `drug delivery (薬物送達)`).
    pub matched_terms: Vec<String>,
}

/// The answer to a needs statement.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NeedsResult {
    /// Close matches, best first.
    pub hits: Vec<NeedsHit>,
    /// The statement's informative terms, most telling first.
    pub terms: Vec<String>,
    /// When nothing matches closely: the `fields` values whose seeds have most of the
    /// statement's words, most first.
    pub nearest_fields: Vec<String>,
}

/// A statement's plan and the seeds that match it closely.
pub(crate) struct NeedsMatch {
    pub plan: PreparedQuery,
    /// Close matches (filters not applied) and, per seed, (score, covered share).
    pub close: Bitset,
    pub hits: Vec<(u32, f32)>,
    /// Seeds with any term (filters not applied).
    pub any: Bitset,
}

impl Engine {
    /// Ranks seeds for a needs statement; at most `limit` close matches, best first, within
    /// `filters`.
    pub fn match_needs(&self, text: &str, filters: &Filters, limit: usize) -> Vec<NeedsHit> {
        self.needs(text, filters, limit).hits
    }

    /// [`Engine::match_needs`] with the statement's terms and, when nothing matches closely,
    /// the nearest fields.
    pub fn needs(&self, text: &str, filters: &Filters, limit: usize) -> NeedsResult {
        let m = self.needs_match(text, filters);
        let allowed = self.filter_set(filters);
        let mut hits: Vec<(u32, f32)> =
            m.hits.iter().copied().filter(|&(d, _)| allowed.contains(d as usize)).collect();
        sort::sort_by(&mut hits, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        let mut terms: Vec<(f32, String)> = Vec::new();
        let weights = self.group_weights(&m.plan);
        for (g, w) in m.plan.groups.iter().zip(&weights) {
            terms.push((*w, g.text.clone()));
        }
        sort::sort_by(&mut terms, |a, b| b.0.total_cmp(&a.0));
        let nearest_fields = if hits.is_empty() && limit > 0 {
            let mut any = m.any.clone();
            any.and_with(&allowed);
            self.nearest_fields(&any)
        } else {
            Vec::new()
        };
        NeedsResult {
            hits: hits
                .into_iter()
                .map(|(d, score)| NeedsHit {
                    seed: d as usize,
                    score,
                    matched_terms: self.matched_terms(&m.plan, &weights, d),
                })
                .collect(),
            terms: terms.into_iter().map(|(_, t)| t).collect(),
            nearest_fields,
        }
    }

    /// The plan for a statement and its close matches (no filters).
    pub(crate) fn needs_match(&self, text: &str, filters: &Filters) -> NeedsMatch {
        let plan = self.needs_plan(text);
        let n = self.bundle.seeds.len();
        if plan.groups.is_empty() || n == 0 {
            let empty = Bitset::empty(n);
            return NeedsMatch { plan, close: empty.clone(), hits: Vec::new(), any: empty };
        }
        let out = self.evaluate_with(&plan, filters, Some(1));
        let mut close = Bitset::empty(n);
        let mut hits = Vec::new();
        for &(d, score) in &out.hits {
            let covered: f32 = (0..plan.groups.len())
                .filter(|&g| out.words[g].contains(d as usize))
                .map(|g| out.weights[g])
                .sum();
            if covered + 1e-6 >= MIN_COVERAGE {
                close.insert(d as usize);
                hits.push((d, score));
            }
        }
        let mut any = Bitset::empty(n);
        for w in &out.words {
            any.or_with(w);
        }
        NeedsMatch { plan, close, hits, any }
    }

    /// The statement's informative terms as a plan: one group per term.
    fn needs_plan(&self, text: &str) -> PreparedQuery {
        let mut end = text.len().min(MAX_NEEDS_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let n = self.bundle.seeds.len() as f32;
        let max_df = (COMMON_SHARE * n).max(5.0) as usize;
        let mut groups: Vec<Group> = Vec::new();
        let mut slots = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut add = |term: &str, predicate: bool, groups: &mut Vec<Group>, slots: &mut Vec<_>| {
            let key = run_form(term);
            if seen.len() >= MAX_CANDIDATES
                || key.is_empty()
                || is_generic(&key)
                || seen.contains(&key)
            {
                return;
            }
            seen.push(key.clone());
            let whole = key.chars().all(is_katakana);
            let before = groups.len();
            push_group(
                self.index(),
                self.synonyms(),
                term,
                false,
                whole,
                false,
                &[],
                groups,
                slots,
            );
            if groups.len() > before {
                groups[before].whole = whole;
                if predicate {
                    groups[before].weight = PREDICATE_WEIGHT;
                }
            }
        };

        // Multi-word synonym members first (`drug delivery`): their words are not terms alone.
        let rf = run_form(text);
        let mut covered_words: Vec<String> = Vec::new();
        for (_, _, member) in self.synonyms().occurrences(&rf) {
            if member.contains(' ') && !self.synonyms().alternatives(member).is_empty() {
                covered_words.extend(member.split(' ').map(str::to_string));
                add(member, false, &mut groups, &mut slots);
            }
        }
        // The two words before the current one, for [`VERB_BEFORE_EN`].
        let (mut before, mut last) = (String::new(), String::new());
        for clause in
            text.split(|c: char| c.is_whitespace() || "。、，,.;；!?！？「」『』()（）".contains(c))
        {
            if clause.is_empty() {
                continue;
            }
            let word = run_form(clause);
            let after_verb_cue = VERB_BEFORE_EN.iter().any(|cue| match cue.split_once(' ') {
                Some((a, b)) => a == before && b == last,
                None => *cue == last,
            }) && word.bytes().all(|b| b.is_ascii_lowercase());
            before = std::mem::replace(&mut last, word);
            let clause = match clause.char_indices().nth(MAX_CLAUSE_CHARS) {
                Some((cut, _)) => &clause[..cut],
                None => clause,
            };
            let seg = segment(clause, self.lexicon());
            for piece in &seg.pieces {
                let word = &clause[piece.span.clone()];
                if covered_words.iter().any(|w| *w == run_form(word)) {
                    continue;
                }
                if STOP_WORDS.contains(&run_form(word).as_str()) {
                    continue;
                }
                let ranges: Vec<Range<usize>> = if piece.parts.is_empty() {
                    vec![piece.span.clone()]
                } else {
                    piece.parts.clone()
                };
                for r in ranges {
                    add(&clause[r], piece.predicate || after_verb_cue, &mut groups, &mut slots);
                }
            }
        }

        // Informative terms only: in the index, and not in most seeds.
        let plan = PreparedQuery { parsed: ParsedQuery::default(), groups, slots, sentence: true };
        let dfs = self.group_dfs(&plan);
        let mut keep: Vec<(usize, usize)> = (0..plan.groups.len())
            .filter(|&g| dfs[g] > 0 && dfs[g] <= max_df)
            .map(|g| (dfs[g], g))
            .collect();
        sort::sort_by_key(&mut keep, |&k| k);
        keep.truncate(MAX_TERMS);
        let mut kept: Vec<usize> = keep.into_iter().map(|(_, g)| g).collect();
        sort::sort_by_key(&mut kept, |&g| g);
        plan.select(&kept)
    }

    fn group_dfs(&self, plan: &PreparedQuery) -> Vec<usize> {
        plan.groups.iter().map(|g| self.group_bits(plan, g).count()).collect()
    }

    fn group_weights(&self, plan: &PreparedQuery) -> Vec<f32> {
        plan.groups
            .iter()
            .map(|g| g.weight * self.index().idf(self.group_bits(plan, g).count()))
            .collect()
    }

    /// The statement's terms as seed `d` matched them, most telling first, each once.
    fn matched_terms(&self, plan: &PreparedQuery, weights: &[f32], d: u32) -> Vec<String> {
        let has_slot =
            |s: usize| plan.slots[s].exps.iter().any(|e| self.index().impact_of(e.term, d) > 0.0);
        let mut found: Vec<(f32, String)> = Vec::new();
        for (g, w) in plan.groups.iter().zip(weights) {
            let Some(alt) = g.alts.iter().find(|a| a.slots.clone().all(has_slot)) else {
                continue;
            };
            if g.whole && !self.word_in_seed(d as usize, &g.alts[0].run) && !alt.synonym {
                continue;
            }
            let label =
                if alt.synonym { format!("{} ({})", g.text, alt.text) } else { g.text.clone() };
            if !found.iter().any(|(_, l)| *l == label) {
                found.push((*w * alt.factor, label));
            }
        }
        sort::sort_by(&mut found, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, l)| l).collect()
    }

    /// True when the katakana word `run` occurs in seed `d` as a whole word.
    pub(crate) fn word_in_seed(&self, d: usize, run: &str) -> bool {
        let seed = &self.bundle.seeds[d];
        let inst = self.institution_of(d);
        let mut found = false;
        for f in 0..crate::index::NF {
            crate::index::field_texts(seed, inst, f, |text| {
                found = found || occurs_as_word(text, run);
            });
            if found {
                return true;
            }
        }
        false
    }

    /// The `fields` values most represented among `seeds`, most first.
    fn nearest_fields(&self, seeds: &Bitset) -> Vec<String> {
        let mut counts: Vec<(usize, String)> = Vec::new();
        for d in seeds.iter() {
            for f in self.bundle.seeds[d].fields() {
                match counts.iter_mut().find(|(_, v)| v == f) {
                    Some((c, _)) => *c += 1,
                    None => counts.push((1, f.to_string())),
                }
            }
        }
        sort::sort_by(&mut counts, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        counts.into_iter().take(NEAREST_FIELDS).map(|(_, v)| v).collect()
    }
}
