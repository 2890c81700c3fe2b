//! A scope: the part of the catalogue one deployment shows — an institution's own seeds on its
//! website, say. [`Scoped`] wraps the [`Engine`] with scope [`Filters`] and answers every
//! question that picks seeds (search and its facet counts, needs matching, related seeds, the
//! seed an id names, how many seeds there are) within it, so a caller holding a `Scoped`
//! cannot forget the scope in one view. With an empty scope it is the whole catalogue.
//!
//! Within a scope the scope's facets are fixed: a request's own selection on a scoped facet is
//! replaced by the scope's values ([`Scoped::within`]), so no request reaches outside it.

use crate::bitset::Bitset;
use crate::bundle::Bundle;
use crate::engine::Engine;
use crate::needs::{NeedsHit, NeedsResult};
use crate::rank::PreparedQuery;
use crate::types::{FacetCounts, Filters, SearchRequest, SearchResponse, Sort};

/// The engine seen through a scope.
#[derive(Debug)]
pub struct Scoped<'e> {
    engine: &'e Engine,
    scope: Filters,
    /// The seeds in scope; `None` for the whole catalogue.
    members: Option<Bitset>,
}

impl Engine {
    /// This engine limited to the seeds passing `scope` (all seeds when it is empty).
    pub fn scoped(&self, scope: Filters) -> Scoped<'_> {
        let members = (!scope.is_empty()).then(|| self.filter_set(&scope));
        Scoped { engine: self, scope, members }
    }
}

impl<'e> Scoped<'e> {
    /// The whole catalogue's engine, for what picks no seeds: highlights, prepared queries,
    /// labels, explanations.
    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// The catalogue's data (seeds by position; look ids up with [`Scoped::seed_index`]).
    pub fn bundle(&self) -> &'e Bundle {
        self.engine.bundle()
    }

    /// The scope's filters (empty: the whole catalogue).
    pub fn scope(&self) -> &Filters {
        &self.scope
    }

    /// Seeds in scope.
    pub fn len(&self) -> usize {
        self.members.as_ref().map_or(self.bundle().seeds.len(), Bitset::count)
    }

    /// True when no seed is in scope.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the seed at position `seed` is in scope.
    pub fn contains(&self, seed: usize) -> bool {
        seed < self.bundle().seeds.len() && self.members.as_ref().is_none_or(|m| m.contains(seed))
    }

    /// The position of the seed with this id, if it is in scope.
    pub fn seed_index(&self, id: &str) -> Option<usize> {
        self.bundle().seed_index(id).filter(|&i| self.contains(i))
    }

    /// `filters` with every scoped facet set to the scope's values.
    pub fn within(&self, filters: &Filters) -> Filters {
        let mut out = filters.clone();
        for (key, values) in &self.scope.0 {
            out.0.insert(*key, values.clone());
        }
        out
    }

    /// [`Engine::search`] within the scope: hits and facet counts count only seeds in scope.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        self.search_prepared(&self.engine.prepare(&req.query), &req.filters, req.sort)
    }

    /// [`Engine::search_prepared`] within the scope.
    pub fn search_prepared(
        &self,
        query: &PreparedQuery,
        filters: &Filters,
        sort: Sort,
    ) -> SearchResponse {
        let mut response = self.engine.search_prepared(query, &self.within(filters), sort);
        if self.members.is_some() {
            // A scoped facet is counted by the engine under the other facets only, which
            // reaches outside the scope; within it, its counts are those of the hits.
            let own = self.counts_among(response.hits.seeds());
            for f in &mut response.facets {
                if self.scope.0.contains_key(&f.key) {
                    if let Some(c) = own.iter().find(|c| c.key == f.key) {
                        f.counts.clone_from(&c.counts);
                    }
                }
            }
        }
        response
    }

    /// [`Engine::match_needs`] within the scope.
    pub fn match_needs(&self, text: &str, filters: &Filters, limit: usize) -> Vec<NeedsHit> {
        self.engine.match_needs(text, &self.within(filters), limit)
    }

    /// [`Engine::needs`] within the scope: the matches and, when none is close, the nearest
    /// fields among seeds in scope.
    pub fn needs(&self, text: &str, filters: &Filters, limit: usize) -> NeedsResult {
        self.engine.needs(text, &self.within(filters), limit)
    }

    /// [`Engine::related`] within the scope: up to `k` seeds in scope most similar to `seed`.
    pub fn related(&self, seed: usize, k: usize) -> Vec<usize> {
        if self.members.is_none() {
            return self.engine.related(seed, k);
        }
        let all = self.engine.related(seed, self.bundle().seeds.len());
        all.into_iter().filter(|&d| self.contains(d)).take(k).collect()
    }

    /// Counts per facet value among `seeds` (those in scope), every value of every facet in
    /// display order: the make-up of a result list, for charts.
    pub fn counts_among(&self, seeds: impl IntoIterator<Item = usize>) -> Vec<FacetCounts> {
        let n = self.bundle().seeds.len();
        let mut set = Bitset::empty(n);
        for d in seeds {
            if self.contains(d) {
                set.insert(d);
            }
        }
        self.engine.facets.counts(&set, &Filters::default())
    }
}
