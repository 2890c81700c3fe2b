//! The engine's public face: a request (query text, facet filters, sort) in, ranked hits and
//! facet counts out. The app and `seeds query` both call [`Engine::search`], so the browser
//! and the command line always agree.
//!
//! Inside: [`crate::normalize`] and [`crate::tokenize`] turn text into terms, [`crate::index`]
//! holds the postings built in [`Engine::new`], [`crate::query`] parses the search box,
//! [`crate::rank`] matches and scores, [`crate::facets`] filters and counts with bitsets.
//! Highlights, needs matching, related seeds and score explanations live in their own
//! modules and are methods of [`Engine`].

use std::borrow::Cow;

use crate::engine::Engine;
use crate::query::{parse, ParsedQuery};
use crate::rank::{prepare, PreparedQuery};
use crate::types::{Filters, Hit, SearchRequest, SearchResponse, Sort};

/// A search with fewer matches than this (a page of results) is followed by the seeds most
/// like its best matches: a narrow term still shows its neighbours (ECMO → the other
/// circulatory-support devices, 人工心臓 → ECMO), where a visitor would otherwise see one or
/// two cards and stop.
pub const SIMILAR_BELOW: usize = 10;
/// How many of the best matches the similar seeds are found from, each weighed by its score
/// over the best one's.
pub const SIMILAR_SOURCES: usize = 3;
/// The least cosine similarity ([`Engine::related`]'s) of a similar seed to those matches.
pub const MIN_SIMILARITY: f32 = 0.05;
/// A similar seed scores this share of the lowest match's score times its similarity, so that
/// every match ranks above it.
pub const SIMILAR_SHARE: f32 = 0.5;

/// Anything [`Engine::highlight`] accepts as the query: text as typed, a [`ParsedQuery`], or a
/// [`PreparedQuery`] (best when highlighting many cards for one search).
pub trait QueryInput {
    /// The query resolved against `engine`.
    fn prepared<'a>(&'a self, engine: &Engine) -> Cow<'a, PreparedQuery>;
}

impl QueryInput for str {
    fn prepared<'a>(&'a self, engine: &Engine) -> Cow<'a, PreparedQuery> {
        Cow::Owned(engine.prepare(self))
    }
}

impl QueryInput for String {
    fn prepared<'a>(&'a self, engine: &Engine) -> Cow<'a, PreparedQuery> {
        Cow::Owned(engine.prepare(self))
    }
}

impl QueryInput for ParsedQuery {
    fn prepared<'a>(&'a self, engine: &Engine) -> Cow<'a, PreparedQuery> {
        Cow::Owned(engine.prepare_parsed(self.clone()))
    }
}

impl QueryInput for PreparedQuery {
    fn prepared<'a>(&'a self, _: &Engine) -> Cow<'a, PreparedQuery> {
        Cow::Borrowed(self)
    }
}

impl<T: QueryInput + ?Sized> QueryInput for &T {
    fn prepared<'a>(&'a self, engine: &Engine) -> Cow<'a, PreparedQuery> {
        (**self).prepared(engine)
    }
}

impl Engine {
    /// Parses and resolves query text once, for [`Engine::search_prepared`] and
    /// [`Engine::highlight`].
    pub fn prepare(&self, query: &str) -> PreparedQuery {
        self.prepare_parsed(parse(query))
    }

    /// Resolves an already parsed query.
    pub fn prepare_parsed(&self, parsed: ParsedQuery) -> PreparedQuery {
        prepare(&self.index, &self.synonyms, &self.lexicon, parsed)
    }

    /// Runs a search: text match, facet filter, counts and order.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        self.search_prepared(&self.prepare(&req.query), &req.filters, req.sort)
    }

    /// [`Engine::search`] with a query prepared by [`Engine::prepare`].
    pub fn search_prepared(
        &self,
        query: &PreparedQuery,
        filters: &Filters,
        sort: Sort,
    ) -> SearchResponse {
        if query.is_sentence() {
            let text: Vec<&str> = query.parsed().clauses.iter().map(|c| c.text.as_str()).collect();
            let m = self.needs_match(&text.join(" "), filters);
            if !m.hits.is_empty() {
                let facets = self.facets.counts(&m.close, filters);
                let allowed = self.filter_set(filters);
                let hits = m.hits.into_iter().filter(|&(d, _)| allowed.contains(d as usize));
                let (hits, similar) = self.with_similar(hits.collect(), filters, sort);
                let hits = self.order(hits, sort, false);
                return SearchResponse { hits, facets, relaxed: false, needs: true, similar };
            }
        }
        let out = self.evaluate(query, filters);
        let facets = self.facets.counts(&out.matches, filters);
        // A phrase or an exclusion asks for exactly that: no seeds merely like the matches.
        let exact = query.parsed().clauses.iter().any(|c| c.phrase || c.negated);
        let (hits, similar) = if query.has_positive() && !exact {
            self.with_similar(out.hits, filters, sort)
        } else {
            (out.hits, 0)
        };
        let hits = self.order(hits, sort, !query.has_positive());
        SearchResponse { hits, facets, relaxed: out.relaxed, needs: false, similar }
    }

    /// `hits` (the matches, filters applied), followed when there are fewer than
    /// [`SIMILAR_BELOW`] of them by the seeds most like the best [`SIMILAR_SOURCES`] (passing
    /// the filters), each scored below every match; and how many were added. Only in
    /// relevance order: by date or title they would mix with the matches.
    fn with_similar(
        &self,
        mut hits: Vec<(u32, f32)>,
        filters: &Filters,
        sort: Sort,
    ) -> (Vec<(u32, f32)>, usize) {
        if sort != Sort::Relevance || hits.is_empty() || hits.len() >= SIMILAR_BELOW {
            return (hits, 0);
        }
        let mut best = hits.clone();
        crate::sort::sort_by(&mut best, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let (top, floor) = (best[0].1, best[best.len() - 1].1);
        if floor <= 0.0 {
            return (hits, 0); // nothing to rank below
        }
        let sources: Vec<(usize, f32)> =
            best.iter().take(SIMILAR_SOURCES).map(|&(d, s)| (d as usize, s / top)).collect();
        let allowed = self.filter_set(filters);
        let matched = |d: usize| best.iter().any(|&(m, _)| m as usize == d);
        let similar = self.similar_to(&sources, SIMILAR_BELOW - hits.len(), MIN_SIMILARITY, |d| {
            !allowed.contains(d) || matched(d)
        });
        let added = similar.len();
        hits.extend(similar.into_iter().map(|(d, cos)| (d as u32, floor * SIMILAR_SHARE * cos)));
        (hits, added)
    }

    fn order(&self, hits: Vec<(u32, f32)>, sort: Sort, no_query: bool) -> Vec<Hit> {
        let n = self.bundle.seeds.len();
        let which = match sort {
            Sort::Relevance | Sort::Newest => 0,
            Sort::Title => 1,
            Sort::Institution => 2,
        };
        let hit = |(d, s): (u32, f32)| Hit { seed: d as usize, score: s };
        // Without scores every order is a precomputed one: filter it instead of sorting.
        if no_query || (sort != Sort::Relevance && sort != Sort::Newest) {
            if hits.len() > n / 8 {
                let mut score = vec![f32::NAN; n];
                for &(d, s) in &hits {
                    score[d as usize] = s;
                }
                return self.orders[which]
                    .iter()
                    .filter(|&&d| !score[d as usize].is_nan())
                    .map(|&d| hit((d, score[d as usize])))
                    .collect();
            }
            let pos = &self.positions[which];
            let mut hits = hits;
            hits.sort_unstable_by_key(|&(d, _)| pos[d as usize]);
            return hits.into_iter().map(hit).collect();
        }
        // Sort plain integer keys. Scores are finite and non-negative, so their bit patterns
        // order like the numbers; a seed's position in the newest-first order breaks ties
        // (newer first, then bundle order).
        let newest = &self.positions[0];
        let score_key = |s: f32| u64::from(!(if s > 0.0 { s } else { 0.0 }).to_bits());
        let mut keys: Vec<(u64, u32)> = match sort {
            Sort::Newest => hits
                .iter()
                .map(|&(d, s)| {
                    (
                        (u64::from(self.date_key[d as usize]) << 32) | score_key(s),
                        newest[d as usize],
                    )
                })
                .collect(),
            _ => hits
                .iter()
                .map(|&(d, s)| ((score_key(s) << 32) | u64::from(newest[d as usize]), 0))
                .collect(),
        };
        keys.sort_unstable();
        let by_newest = &self.orders[0];
        keys.into_iter()
            .map(|(k, pos)| {
                let pos = if sort == Sort::Newest { pos } else { k as u32 };
                let score_bits = if sort == Sort::Newest { k as u32 } else { (k >> 32) as u32 };
                Hit { seed: by_newest[pos as usize] as usize, score: f32::from_bits(!score_bits) }
            })
            .collect()
    }
}
