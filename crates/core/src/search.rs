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
                let hits = self.order(hits.collect(), sort, false);
                return SearchResponse { hits, facets, relaxed: false, needs: true };
            }
        }
        let out = self.evaluate(query, filters);
        let facets = self.facets.counts(&out.matches, filters);
        let hits = self.order(out.hits, sort, !query.has_positive());
        SearchResponse { hits, facets, relaxed: out.relaxed, needs: false }
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
