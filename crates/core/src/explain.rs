//! `--explain`: the parts of one seed's score for a request — each query term's best
//! alternative (as typed or a synonym, with its discount), each token's matched index term
//! (exact, prefix, typo or one-character), its IDF and its contribution split by field group,
//! the OR-fallback coordination factor and the contiguous-run bonus. The parts add up to the
//! score [`Engine::search`] gives the seed.

use serde::Serialize;

use crate::engine::Engine;
use crate::index::{impact_parts, FIELD_NAMES, NF};
use crate::rank::{group_score, has_every_word, MatchKind};
use crate::types::SearchRequest;
use rustc_hash::FxHashMap;

/// Why a seed scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Position of the seed.
    pub seed: usize,
    /// Its id.
    pub id: String,
    /// The query explained.
    pub query: String,
    /// True when the seed is among the request's matches (text match and filters).
    pub matched: bool,
    /// The hit's score (0 when not a hit): with every term, `1 + base + run_bonus`;
    /// otherwise from `covered` and `base` (see `rank::tier_score`), so seeds with every term
    /// rank first and then those covering most of the query; blended with `similarity` when
    /// that is given.
    pub score: f32,
    /// No seed of the hits matched every term.
    pub relaxed: bool,
    /// How many of the query's terms this seed matched.
    pub matched_terms: usize,
    /// The seed has every term of the query.
    pub every_term: bool,
    /// The share of the query's weight (IDF of its terms) this seed covers.
    pub covered: f32,
    /// Sum of the term scores.
    pub base: f32,
    /// Added because the query occurs as one contiguous run.
    pub run_bonus: f32,
    /// Field group where the contiguous run was found.
    pub run_bonus_field: Option<String>,
    /// One entry per query term (clause or multi-word synonym).
    pub terms: Vec<TermExplanation>,
    /// Excluded (`-term`) clauses found in this seed.
    pub excluded_by: Vec<String>,
    /// Not a match but one of the seeds most like the matches, after fewer than a page of
    /// them (`search::SIMILAR_BELOW`): scored by `similarity` below every match.
    pub similar: bool,
    /// The seed's likeness (cosine similarity) to the best matches, when it counts: for a
    /// seed without every term, blended into the score as `rank::feedback_score` (fewer
    /// than a page have every term); for a `similar` seed, its whole score.
    pub similarity: Option<f32>,
}

/// One query term's part of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermExplanation {
    /// The term as typed.
    pub term: String,
    /// Its contribution to `base`.
    pub score: f32,
    /// The alternative that scored: the term itself or a synonym; `None` when it did not match.
    pub matched_as: Option<String>,
    /// The alternative is a synonym.
    pub synonym: bool,
    /// The alternative's discount (1 as typed, less for synonyms).
    pub discount: f32,
    /// A quoted phrase.
    pub phrase: bool,
    /// The alternative's tokens; their scores add up to `score`.
    pub tokens: Vec<TokenExplanation>,
}

/// One token of an alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenExplanation {
    /// The normalized query token (a CJK bigram, a character or a word).
    pub token: String,
    /// The index term that matched best.
    pub matched: Option<String>,
    /// How it matched.
    pub kind: Option<MatchKind>,
    /// The expansion's discount (prefix, typo; 1 for exact).
    pub discount: f32,
    /// Inverse document frequency of the token (over all its expansions).
    pub idf: f32,
    /// Contribution to the term score.
    pub score: f32,
    /// `score` split by field group.
    pub fields: Vec<FieldContribution>,
}

/// Part of a token's score from one field group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldContribution {
    /// `title`, `keywords`, `body` or `meta`.
    pub field: String,
    /// Its share of the token's score.
    pub score: f32,
}

impl Engine {
    /// The parts of seed `seed`'s score for `req` (see [`Explanation`]). An out-of-range seed
    /// gives an unmatched explanation with no terms.
    pub fn explain(&self, req: &SearchRequest, seed: usize) -> Explanation {
        let plan = self.prepare(&req.query);
        let mut ex = Explanation {
            seed,
            id: self.bundle.seeds.get(seed).map(|s| s.id().to_string()).unwrap_or_default(),
            query: req.query.clone(),
            matched: false,
            score: 0.0,
            relaxed: false,
            matched_terms: 0,
            every_term: false,
            covered: 0.0,
            base: 0.0,
            run_bonus: 0.0,
            run_bonus_field: None,
            terms: Vec::new(),
            excluded_by: Vec::new(),
            similar: false,
            similarity: None,
        };
        if seed >= self.bundle.seeds.len() {
            return ex;
        }
        let out = self.evaluate(&plan, &req.filters);
        ex.relaxed = out.relaxed;
        let mut hits = out.hits.clone();
        let fb = self.feedback(&plan, &mut hits, &req.filters, req.sort);
        let hit = hits.iter().find(|h| h.0 as usize == seed).copied();
        ex.matched = out.hits.iter().any(|h| h.0 as usize == seed);
        ex.similar = hit.is_some() && !ex.matched;
        let blended = fb.blended && hit.is_some_and(|h| !has_every_word(h.1));
        if blended || ex.similar {
            ex.similarity = Some(fb.similarity.get(seed).copied().unwrap_or(0.0));
        }
        let d = seed as u32;

        // Per-slot best expansion for this seed, exactly as evaluation computes it.
        let best: Vec<Option<(usize, f32)>> = plan
            .slots
            .iter()
            .map(|s| {
                let mut b: Option<(usize, f32)> = None;
                for (i, e) in s.exps.iter().enumerate() {
                    let imp = self.index().impact_of(e.term, d);
                    let v = e.factor * imp;
                    if imp > 0.0 && b.is_none_or(|(_, bv)| v > bv) {
                        b = Some((i, v));
                    }
                }
                b
            })
            .collect();
        let idf: Vec<f32> = plan.slots.iter().map(|s| self.index().idf(self.slot_df(s))).collect();
        let (terms, lens) =
            self.index().seed_terms(&self.bundle.seeds[seed], self.institution_of(seed));
        let tfs: FxHashMap<u32, [u8; NF]> = terms.into_iter().collect();
        let norm = self.index().norm_factors(&lens);

        let mut matched_groups = 0usize;
        let mut total = 0.0f32;
        let mut covered = 0.0f32;
        let mut positive = 0usize;
        let mut every = true;
        for (gi, g) in plan.groups.iter().enumerate() {
            if g.negated {
                let val = |s: usize| (best[s].map_or(0.0, |b| b.1), idf[s]);
                if group_score(g, val) > 0.0 {
                    ex.excluded_by.push(g.text.clone());
                }
                continue;
            }
            positive += 1;
            let has = out.words[gi].contains(seed);
            every &= has;
            // (A phrase's words, but not as the phrase, do not count.)
            let score =
                if has { group_score(g, |s| (best[s].map_or(0.0, |b| b.1), idf[s])) } else { 0.0 };
            if score > 0.0 {
                matched_groups += 1;
                total += score;
                covered += out.weights.get(gi).copied().unwrap_or(0.0);
            }
            let mut te = TermExplanation {
                term: g.text.clone(),
                score,
                matched_as: None,
                synonym: false,
                discount: 1.0,
                phrase: g.phrase,
                tokens: Vec::new(),
            };
            // The alternative that produced the score (the first of equals, as in group_score's max).
            let alt = g.alts.iter().find(|a| {
                let ok = a.slots.clone().all(|s| best[s].is_some());
                ok && (a.factor
                    * a.slots.clone().map(|s| idf[s] * best[s].map_or(0.0, |b| b.1)).sum::<f32>()
                    / a.slots.len() as f32)
                    == score
            });
            let shown = alt.unwrap_or(&g.alts[0]);
            if alt.is_some() {
                te.matched_as = Some(shown.text.clone());
                te.synonym = shown.synonym;
                te.discount = shown.factor;
            }
            let n = shown.slots.len() as f32;
            for s in shown.slots.clone() {
                let slot = &plan.slots[s];
                let mut tok = TokenExplanation {
                    token: slot.token.clone(),
                    matched: None,
                    kind: None,
                    discount: 0.0,
                    idf: idf[s],
                    score: 0.0,
                    fields: Vec::new(),
                };
                if let Some((i, v)) = best[s] {
                    let e = &slot.exps[i];
                    tok.matched = Some(self.index().term_text(e.term));
                    tok.kind = Some(e.kind);
                    tok.discount = e.factor;
                    tok.score = if alt.is_some() { shown.factor * idf[s] * v / n } else { 0.0 };
                    let parts =
                        tfs.get(&e.term).map(|t| impact_parts(t, &norm)).unwrap_or([0.0; NF]);
                    let sum: f32 = parts.iter().sum();
                    if sum > 0.0 {
                        tok.fields = (0..NF)
                            .filter(|&f| parts[f] > 0.0)
                            .map(|f| FieldContribution {
                                field: FIELD_NAMES[f].to_string(),
                                score: tok.score * parts[f] / sum,
                            })
                            .collect();
                    }
                }
                te.tokens.push(tok);
            }
            ex.terms.push(te);
        }
        ex.matched_terms = matched_groups;
        ex.every_term = every && positive > 0;
        ex.covered = covered;
        ex.base = total;
        if let Some((_, score)) = hit {
            if let Some(&(_, share, f)) = out.bonus.iter().find(|b| b.0 == d) {
                ex.run_bonus = total * share;
                ex.run_bonus_field = Some(FIELD_NAMES[f].to_string());
            }
            ex.score = score;
        }
        ex
    }

    fn slot_df(&self, s: &crate::rank::Slot) -> usize {
        if s.exps.len() == 1 {
            return self.index().df(s.exps[0].term);
        }
        let mut b = crate::bitset::Bitset::empty(self.bundle.seeds.len());
        for e in &s.exps {
            for d in self.index().postings(e.term).seeds() {
                b.insert(d as usize);
            }
        }
        b.count()
    }
}
