//! The [`Engine`]: a loaded catalogue — the bundle, its inverted index, facet bitsets, synonym
//! table and sort orders — and the accessors every part of the engine shares. It is built by
//! the loader (`loader.rs`, also behind [`Engine::new`]); searching (`search.rs`),
//! ranking (`rank.rs`), highlights, needs matching, related seeds and explanations are
//! methods added in their own modules.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::bitset::Bitset;
use crate::building::{SearchBuilder, Searching};
use crate::bundle::Bundle;
use crate::facets::{self, FacetIndex};
use crate::index::{Index, IndexBuilder, IndexStats, SeedTerms};
use crate::kept::Kept;
use crate::model::{Institution, Seed};
use crate::plan::Resolved;
use crate::segment::Lexicon;
use crate::synonyms::Synonyms;
use crate::types::{Facet, Filters};

/// A loaded catalogue, ready to answer searches.
pub struct Engine {
    pub(crate) bundle: Bundle,
    pub(crate) facets: FacetIndex,
    /// What searching text reads (index, synonyms, lexicon), once it is built.
    pub(crate) searching: OnceLock<Searching>,
    /// The work left to build `searching`: taken by [`Engine::prepare_search`] a slice at a
    /// time, or by the first reader of `searching`, which finishes it at once.
    pub(crate) pending: Mutex<Option<SearchBuilder>>,
    pub(crate) inst_of: Vec<Option<u32>>,
    /// Dense rank of `updated`, 0 = newest.
    pub(crate) date_key: Vec<u32>,
    /// Seed orders: newest first, by title, by institution.
    pub(crate) orders: [Arc<Vec<u32>>; 3],
    /// Position of each seed in each order.
    pub(crate) positions: [Vec<u32>; 3],
    /// Per seed and field group, the run forms the run bonus read (its texts joined by
    /// newlines, which are never part of a run), kept for the next keystroke.
    pub(crate) run_forms: Kept<String>,
    /// Per seed, the terms relevance feedback read ([`Index::seed_terms`]), kept likewise.
    pub(crate) seed_terms: Kept<SeedTerms>,
    /// The query words resolved lately (typo corrections, synonyms, completions), kept likewise.
    pub(crate) words: Kept<Resolved>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("seeds", &self.bundle.seeds.len())
            .field("index", &self.index().stats())
            .field("synonym_groups", &self.synonyms().len())
            .finish()
    }
}

impl Engine {
    /// The catalogue being searched.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Index sizes (terms, postings, approximate bytes).
    pub fn index_stats(&self) -> IndexStats {
        self.index().stats()
    }

    /// True once searching text needs no more preparation ([`Engine::prepare_search`]).
    pub fn is_searchable(&self) -> bool {
        self.searching.get().is_some()
    }

    /// Does about `count` seeds' worth of what searching text still needs (a small
    /// catalogue's engine is handed out for browsing before that is done); true when nothing
    /// is left. A search before then finishes it at once.
    pub fn prepare_search(&self, count: usize) -> bool {
        if self.is_searchable() {
            return true;
        }
        let done = {
            let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
            // None: a search is finishing it at this moment.
            let Some(builder) = pending.as_mut() else { return self.is_searchable() };
            if !builder.step(&self.bundle, &self.inst_of, count) {
                return false;
            }
            pending.take()
        };
        // Set outside the lock: a search finishing it meanwhile waits for neither.
        if let Some(builder) = done {
            self.searching.get_or_init(|| builder.finish(&self.bundle, &self.inst_of));
        }
        true
    }

    /// The share of [`Engine::prepare_search`]'s work done, 0.0–1.0.
    pub fn search_prepared_fraction(&self) -> f64 {
        if self.is_searchable() {
            return 1.0;
        }
        let pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.as_ref().map_or(1.0, |b| b.fraction(self.bundle.seeds.len()))
    }

    /// What searching reads, finished now if it is not yet.
    fn searching(&self) -> &Searching {
        self.searching.get_or_init(|| {
            let pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner).take();
            let n = self.bundle.seeds.len();
            let builder = pending.unwrap_or_else(|| SearchBuilder::new(IndexBuilder::new(n)));
            builder.finish(&self.bundle, &self.inst_of)
        })
    }

    /// The inverted index.
    pub(crate) fn index(&self) -> &Index {
        &self.searching().index
    }

    /// The synonym table.
    pub(crate) fn synonyms(&self) -> &Synonyms {
        &self.searching().synonyms
    }

    /// The catalogue's terms, for cutting unspaced queries into words.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        &self.searching().lexicon
    }

    pub(crate) fn institution_of(&self, seed: usize) -> Option<&Institution> {
        self.inst_of.get(seed).copied().flatten().map(|p| &self.bundle.institutions[p as usize])
    }

    /// The values a seed has for a facet.
    pub fn facet_values<'a>(&'a self, seed: &'a Seed, facet: Facet) -> Vec<&'a str> {
        let inst = self.bundle.institution(seed.institution());
        facets::seed_values(inst, seed, facet)
    }

    /// Every value of a facet in display order.
    pub fn facet_domain(&self, facet: Facet) -> Vec<&str> {
        facets::domain(&self.bundle, facet)
    }

    /// The seeds passing `filters` (all seeds when none).
    pub(crate) fn filter_set(&self, filters: &Filters) -> Bitset {
        self.facets.filter(filters, None).unwrap_or_else(|| Bitset::full(self.bundle.seeds.len()))
    }
}
