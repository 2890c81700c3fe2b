//! Related seeds for a detail page: TF-IDF cosine similarity over the seed's title, keywords
//! and summary tokens against every seed's indexed vector, plus a small bonus per shared
//! `fields` value. Tokens in more than a tenth of the seeds (or only in this one) do not
//! count, which also keeps the work per call to a few short posting lists.

use crate::engine::Engine;
use crate::index::NF;
use crate::sort;

/// Bonus per shared `fields` value, on the cosine scale (0–1).
pub const SHARED_FIELD_BONUS: f32 = 0.05;
/// How much each of the seed's own field groups counts (title, keywords, body, meta).
const QUERY_WEIGHTS: [f32; NF] = [3.0, 2.0, 1.0, 0.0];

impl Engine {
    /// Up to `k` seeds most similar to seed `seed`, most similar first (never the seed itself).
    pub fn related(&self, seed: usize, k: usize) -> Vec<usize> {
        let seeds = &self.bundle.seeds;
        let Some(me) = seeds.get(seed) else { return Vec::new() };
        if k == 0 {
            return Vec::new();
        }
        let (terms, _) = self.index.seed_terms(me, self.institution_of(seed));
        let mut dot = vec![0f32; seeds.len()];
        let mut qnorm = 0f32;
        for (t, tfs) in terms {
            let Some(idf) = self.index.content_idf(t) else { continue };
            let tf: f32 = (0..NF).map(|f| QUERY_WEIGHTS[f] * f32::from(tfs[f])).sum();
            if tf == 0.0 {
                continue;
            }
            let q = (1.0 + tf.ln()) * idf;
            qnorm += q * q;
            for (d, imp) in self.index.postings(t).iter() {
                dot[d as usize] += q * idf * imp;
            }
        }
        let qnorm = qnorm.sqrt();
        let mut scored: Vec<(usize, f32)> = (0..seeds.len())
            .filter(|&d| d != seed)
            .filter_map(|d| {
                let norm = self.index.norm(d as u32);
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
