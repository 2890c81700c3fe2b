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
use crate::index::TermId;
use crate::query::{parse, ParsedQuery};
use crate::rank::{feedback_score, has_every_word, prepare, MatchKind, PreparedQuery};
use crate::types::{Filters, Hit, Hits, SearchRequest, SearchResponse, Sort};

/// A search with fewer matches than this (a page of results) is followed by the seeds most
/// like its best matches: a narrow term still shows its neighbours (ECMO → the other
/// circulatory-support devices, 人工心臓 → ECMO), where a visitor would otherwise see one or
/// two cards and stop. With fewer seeds than this having every word, the seeds with some of
/// the words rank by their likeness to those too ([`crate::rank::FEEDBACK_WEIGHT`]).
pub const SIMILAR_BELOW: usize = 10;
/// How many of the best matches (with every word, if any has) the likeness is measured to,
/// each weighed by its score over the best one's.
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

/// The query's own terms for the likeness to its matches (Rocchio's original query): the exact
/// index terms of its words, but for generic words beside others, with their alternatives'
/// discounts.
fn query_terms(query: &PreparedQuery) -> Vec<(TermId, f32)> {
    let topical = query.positive().any(|g| !g.generic);
    let mut out: Vec<(TermId, f32)> = Vec::new();
    for g in query.positive().filter(|g| !(topical && g.generic)) {
        for a in &g.alts {
            let exact = a.slots.clone().flat_map(|s| &query.slots[s].exps);
            for e in exact.filter(|e| e.kind == MatchKind::Exact) {
                match out.iter_mut().find(|(t, _)| *t == e.term) {
                    Some((_, f)) => *f = f.max(a.factor),
                    None => out.push((e.term, a.factor)),
                }
            }
        }
    }
    out
}

/// What [`Engine::feedback`] did to a list of matches.
pub(crate) struct Feedback {
    /// How many seeds like the matches were appended.
    pub similar: usize,
    /// The scores of the seeds without every word were blended with their likeness.
    pub blended: bool,
    /// The likeness (cosine similarity) of each seed to the best matches, when measured.
    pub similarity: Vec<f32>,
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
        if parsed.clauses.is_empty() {
            // Nothing to resolve: browsing needs no index (nor waits for one).
            return PreparedQuery::nothing(parsed);
        }
        prepare(self.index(), self.synonyms(), self.lexicon(), &self.words, parsed)
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
                let mut hits: Vec<(u32, f32)> =
                    m.hits.into_iter().filter(|&(d, _)| allowed.contains(d as usize)).collect();
                let similar = self.feedback(query, &mut hits, filters, sort).similar;
                let hits = self.order(hits, sort, false);
                return SearchResponse { hits, facets, relaxed: false, needs: true, similar };
            }
        }
        let out = self.evaluate(query, filters);
        let facets = self.facets.counts(&out.matches, filters);
        let mut hits = out.hits;
        let similar = self.feedback(query, &mut hits, filters, sort).similar;
        let hits = self.order(hits, sort, !query.has_positive());
        SearchResponse { hits, facets, relaxed: out.relaxed, needs: false, similar }
    }

    /// Relevance feedback on `hits` (the matches of `query`, filters applied), from the best
    /// [`SIMILAR_SOURCES`] seeds with every word (or, when none has, the best matches): when
    /// fewer than [`SIMILAR_BELOW`] have every word, the others' scores are blended with their
    /// similarity to them ([`feedback_score`]; a source's own is 1); when fewer than
    /// [`SIMILAR_BELOW`] match at all,
    /// the seeds most like them (passing the filters) follow, each scored below every match.
    /// Only for plain terms in relevance order: a phrase or an exclusion asks for exactly that,
    /// and by date or title the seeds like the matches would mix with them.
    pub(crate) fn feedback(
        &self,
        query: &PreparedQuery,
        hits: &mut Vec<(u32, f32)>,
        filters: &Filters,
        sort: Sort,
    ) -> Feedback {
        let mut fb = Feedback { similar: 0, blended: false, similarity: Vec::new() };
        let exact = query.parsed().clauses.iter().any(|c| c.phrase || c.negated);
        if sort != Sort::Relevance || exact || !query.has_positive() {
            return fb;
        }
        let every = hits.iter().filter(|h| has_every_word(h.1)).count();
        let blend = every < SIMILAR_BELOW && every < hits.len();
        let fill = !hits.is_empty() && hits.len() < SIMILAR_BELOW;
        if !blend && !fill {
            return fb;
        }
        let mut best: Vec<(u32, f32)> =
            hits.iter().copied().filter(|h| every == 0 || has_every_word(h.1)).collect();
        crate::sort::sort_by(&mut best, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top = best[0].1;
        if top <= 0.0 {
            return fb;
        }
        let sources: Vec<(usize, f32)> =
            best.iter().take(SIMILAR_SOURCES).map(|&(d, s)| (d as usize, s / top)).collect();
        fb.similarity = self.similarities(&sources, &query_terms(query));
        // A source is as like itself as can be (the matches are no seeds to append).
        for &(d, _) in &sources {
            fb.similarity[d] = 1.0;
        }
        if blend {
            for h in hits.iter_mut().filter(|h| !has_every_word(h.1)) {
                h.1 = feedback_score(h.1, fb.similarity[h.0 as usize]);
            }
            fb.blended = true;
        }
        let floor = hits.iter().map(|h| h.1).fold(f32::INFINITY, f32::min);
        if fill && floor > 0.0 {
            let allowed = self.filter_set(filters);
            let mut matched: Vec<u32> = hits.iter().map(|h| h.0).collect();
            matched.sort_unstable();
            // The most alike first, then the first in the bundle: the lowest keys.
            let mut like: Vec<u64> = (fb.similarity.iter().enumerate())
                .filter(|&(d, &cos)| {
                    cos >= MIN_SIMILARITY
                        && allowed.contains(d)
                        && matched.binary_search(&(d as u32)).is_err()
                })
                .map(|(d, &cos)| Hits::key(d as u32, cos))
                .collect();
            let k = SIMILAR_BELOW - hits.len();
            if like.len() > k {
                like.select_nth_unstable(k - 1);
                like.truncate(k);
            }
            fb.similar = like.len();
            let similar = like.into_iter().map(Hits::unkey);
            hits.extend(similar.map(|(d, cos)| (d, floor * SIMILAR_SHARE * cos)));
        }
        fb
    }

    fn order(&self, hits: Vec<(u32, f32)>, sort: Sort, no_query: bool) -> Hits {
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
        // Ties are broken by a seed's position in the newest-first order (newer first, then
        // bundle order).
        let newest = &self.positions[0];
        if sort == Sort::Newest {
            // The date (dense rank, newest 0), then the relevance key (score, then position).
            let mut keys: Vec<(u32, u64)> = hits
                .iter()
                .map(|&(d, s)| (self.date_key[d as usize], Hits::key(newest[d as usize], s)))
                .collect();
            keys.sort_unstable();
            let by_newest = &self.orders[0];
            return keys
                .into_iter()
                .map(|(_, k)| Hits::unkey(k))
                .map(|(pos, s)| hit((by_newest[pos as usize], s)))
                .collect();
        }
        Hits::by_score(
            hits.into_iter().map(|(d, s)| (newest[d as usize], s)),
            self.orders[0].clone(),
        )
    }
}
