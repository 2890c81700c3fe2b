//! Related seeds for a detail page: TF-IDF cosine similarity over the seed's title, keywords
//! and summary tokens against every seed's indexed vector, plus a small bonus per shared
//! `fields` value. Tokens in more than a tenth of the seeds (or only in this one) do not
//! count, which also keeps the work per call to a few short posting lists.
//!
//! `Engine::similarities` is the same similarity to a few seeds at once (the best matches of
//! a search, for the seeds like them in `search.rs`), over their [`MAX_SIMILAR_TERMS`] most
//! telling terms.

use rustc_hash::FxHashMap;

use crate::engine::Engine;
use crate::index::{TermId, NF};
use crate::sort;

/// Bonus per shared `fields` value, on the cosine scale (0–1).
pub const SHARED_FIELD_BONUS: f32 = 0.05;
/// How much each of the seed's own field groups counts (title, keywords, body, meta).
const QUERY_WEIGHTS: [f32; NF] = [3.0, 2.0, 1.0, 0.0];
/// Most terms of `Engine::similarities`' combined vector (the heaviest: the rarest and most
/// repeated), which bounds its work to that many posting lists, all of rare terms.
pub const MAX_SIMILAR_TERMS: usize = 64;

/// A seed's weight for a term it has `tfs` times per field group, of content IDF `idf`.
fn query_weight(tfs: &[u8; NF], idf: f32) -> f32 {
    let tf: f32 = (0..NF).map(|f| QUERY_WEIGHTS[f] * f32::from(tfs[f])).sum();
    if tf == 0.0 {
        0.0
    } else {
        (1.0 + tf.ln()) * idf
    }
}

impl Engine {
    /// Up to `k` seeds most similar to seed `seed`, most similar first (never the seed itself).
    pub fn related(&self, seed: usize, k: usize) -> Vec<usize> {
        let seeds = &self.bundle.seeds;
        let Some(me) = seeds.get(seed) else { return Vec::new() };
        if k == 0 {
            return Vec::new();
        }
        let (terms, _) = self.index().seed_terms(me, self.institution_of(seed));
        let mut dot = vec![0f32; seeds.len()];
        let mut qnorm = 0f32;
        for (t, tfs) in terms {
            let Some(idf) = self.index().content_idf(t) else { continue };
            let q = query_weight(&tfs, idf);
            if q == 0.0 {
                continue;
            }
            qnorm += q * q;
            for (d, imp) in self.index().postings(t).iter() {
                dot[d as usize] += q * idf * imp;
            }
        }
        let qnorm = qnorm.sqrt();
        let mut scored: Vec<(usize, f32)> = (0..seeds.len())
            .filter(|&d| d != seed)
            .filter_map(|d| {
                let norm = self.index().norm(d as u32);
                let cos = if qnorm > 0.0 && norm > 0.0 { dot[d] / (qnorm * norm) } else { 0.0 };
                let shared = seeds[d].fields().filter(|f| me.fields().contains(f)).count() as f32;
                let s = cos + SHARED_FIELD_BONUS * shared;
                (s > 0.0).then_some((d, s))
            })
            .collect();
        let top = k.min(scored.len());
        if top == 0 {
            return Vec::new();
        }
        let cmp = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        sort::sort_by(&mut scored, cmp);
        scored.truncate(top);
        scored.into_iter().map(|(d, _)| d).collect()
    }
}

impl Engine {
    /// The cosine similarity of seeds to `sources` (seed, weight) together with `query` (terms
    /// and discounts): to the sources' weighted sum, where each query term weighs as a title
    /// word of every source (times its discount), over its [`MAX_SIMILAR_TERMS`] heaviest
    /// terms (no shared-field bonus). One per seed, by position; 0 for the sources and the
    /// seeds with none of those terms.
    pub(crate) fn similarities(
        &self,
        sources: &[(usize, f32)],
        query: &[(TermId, f32)],
    ) -> Vec<f32> {
        let mut sum: FxHashMap<TermId, f32> = FxHashMap::default();
        let title = [1, 0, 0, 0];
        let weight: f32 = sources.iter().map(|s| s.1).sum();
        for &(t, discount) in query {
            if let Some(idf) = self.index().content_idf(t) {
                *sum.entry(t).or_default() += weight * discount * query_weight(&title, idf);
            }
        }
        for &(s, w) in sources {
            let Some(seed) = self.bundle.seeds.get(s) else { continue };
            let terms = || self.index().seed_terms(seed, self.institution_of(s));
            self.seed_terms.with(s as u64, terms, |(terms, _)| {
                for &(t, tfs) in terms {
                    if let Some(idf) = self.index().content_idf(t) {
                        *sum.entry(t).or_default() += w * query_weight(&tfs, idf);
                    }
                }
            });
        }
        let mut terms: Vec<(TermId, f32)> = sum.into_iter().filter(|&(_, q)| q > 0.0).collect();
        sort::sort_by(&mut terms, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(MAX_SIMILAR_TERMS);
        let qnorm = terms.iter().map(|(_, q)| q * q).sum::<f32>().sqrt();
        // Dense: a few short posting lists add up faster into an array than into a map.
        let mut dot = vec![0f32; self.bundle.seeds.len()];
        if qnorm == 0.0 {
            return dot;
        }
        for &(t, q) in &terms {
            let idf = self.index().content_idf(t).unwrap_or(0.0);
            for (d, imp) in self.index().postings(t).iter() {
                dot[d as usize] += q * idf * imp;
            }
        }
        for (d, x) in dot.iter_mut().enumerate() {
            if *x > 0.0 {
                let norm = self.index().norm(d as u32);
                *x = if norm > 0.0 { (*x / (qnorm * norm)).min(1.0) } else { 0.0 };
            }
        }
        for &(s, _) in sources {
            if let Some(x) = dot.get_mut(s) {
                *x = 0.0;
            }
        }
        dot
    }
}
