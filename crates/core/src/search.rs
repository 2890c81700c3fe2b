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
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::bitset::Bitset;
use crate::bundle::Bundle;
use crate::facets::FacetIndex;
use crate::index::{Index, IndexStats, PackedIndex};
use crate::loader::EngineBuilder;
use crate::model::{Institution, Seed};
use crate::query::{parse, ParsedQuery};
use crate::rank::{prepare, PreparedQuery};
use crate::segment::Lexicon;
use crate::synonyms::Synonyms;

/// Selected values per facet key (`fields`, `stage`, `ip_status`, `collaboration`, `region`,
/// `institution`). Values within a facet are ORed; facets are ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters(pub BTreeMap<String, BTreeSet<String>>);

impl Filters {
    /// Adds `value` to facet `key`.
    pub fn insert(&mut self, key: &str, value: &str) {
        self.0.entry(key.to_string()).or_default().insert(value.to_string());
    }

    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(BTreeSet::is_empty)
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (newest first when there is no query).
    #[default]
    Relevance,
    /// Most recently updated first.
    Newest,
    /// By Japanese title.
    Title,
    /// By institution, then title.
    Institution,
}

impl Sort {
    /// Every sort, in menu order.
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Title, Sort::Institution];

    /// The name used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Title => "title",
            Sort::Institution => "institution",
        }
    }
}

impl FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sort::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown sort {s:?} (relevance, newest, title, institution)"))
    }
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// Free text as typed.
    pub query: String,
    /// Facet selections.
    pub filters: Filters,
    /// Result order.
    pub sort: Sort,
}

/// One matching seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the seed in [`Bundle::seeds`].
    pub seed: usize,
    /// Relevance score; higher is better. Zero when there is no query.
    pub score: f32,
}

/// Counts for one facet's values under the current query and the other facets' selections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Facet key.
    pub key: String,
    /// Every value of the facet in display order with its count (zero included).
    pub counts: Vec<(String, usize)>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    /// Matching seeds in the requested order.
    pub hits: Vec<Hit>,
    /// Counts per facet value.
    pub facets: Vec<FacetCounts>,
    /// True when no seed matched every term, so the hits are the seeds matching some of them
    /// (ranked OR): the UI should say so.
    pub relaxed: bool,
    /// True when the query read as a sentence and was answered by needs matching
    /// ([`Engine::needs`]): the UI should say so and offer the needs page.
    pub needs: bool,
}

/// The facets the engine counts, in panel order.
pub const FACET_KEYS: [&str; 6] =
    ["fields", "stage", "institution", "region", "ip_status", "collaboration"];

/// A loaded catalogue, ready to answer searches.
pub struct Engine {
    pub(crate) bundle: Bundle,
    pub(crate) index: Index,
    pub(crate) facets: FacetIndex,
    pub(crate) synonyms: Synonyms,
    /// The catalogue's terms, for cutting unspaced queries into words.
    pub(crate) lexicon: Lexicon,
    pub(crate) inst_of: Vec<Option<u32>>,
    /// Dense rank of `updated`, 0 = newest.
    pub(crate) date_key: Vec<u32>,
    /// Seed orders: newest first, by title, by institution.
    pub(crate) orders: [Vec<u32>; 3],
    /// Position of each seed in each order.
    pub(crate) positions: [Vec<u32>; 3],
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("seeds", &self.bundle.seeds.len())
            .field("index", &self.index.stats())
            .field("synonym_groups", &self.synonyms.len())
            .finish()
    }
}

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

/// The values `seed` (of institution `inst`) has for facet `key`.
pub(crate) fn seed_facet_values<'a>(
    inst: Option<&'a Institution>,
    seed: &'a Seed,
    key: &str,
) -> Vec<&'a str> {
    match key {
        "fields" => seed.fields.iter().map(String::as_str).collect(),
        "stage" => vec![seed.stage.as_str()],
        "ip_status" => seed.ip_status.as_deref().into_iter().collect(),
        "collaboration" => seed.collaboration.iter().map(String::as_str).collect(),
        "institution" => vec![seed.institution.as_str()],
        "region" => inst.map(|i| i.region.as_str()).into_iter().collect(),
        _ => Vec::new(),
    }
}

impl Engine {
    /// Prepares a bundle for searching: builds the inverted index, facet bitsets, sort orders
    /// and the synonym table. [`crate::loader`] does the same in steps.
    pub fn new(bundle: Bundle) -> Self {
        EngineBuilder::new(bundle).finish()
    }

    /// The catalogue being searched.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The bundle with this engine's index packed into it, as `seeds build` writes it, so
    /// that loading it skips indexing.
    pub fn into_indexed_bundle(self) -> Bundle {
        let mut bundle = self.bundle;
        bundle.index = Some(PackedIndex::pack(&self.index));
        bundle
    }

    /// Index sizes (terms, postings, approximate bytes).
    pub fn index_stats(&self) -> IndexStats {
        self.index.stats()
    }

    pub(crate) fn institution_of(&self, seed: usize) -> Option<&Institution> {
        self.inst_of.get(seed).copied().flatten().map(|p| &self.bundle.institutions[p as usize])
    }

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

    /// The values a seed has for a facet.
    pub fn facet_values<'a>(&'a self, seed: &'a Seed, key: &str) -> Vec<&'a str> {
        let inst = self.bundle.institution(&seed.institution);
        seed_facet_values(inst, seed, key)
    }

    /// Every value of a facet in display order.
    pub fn facet_domain(&self, key: &str) -> Vec<&str> {
        match key {
            "institution" => self.bundle.institutions.iter().map(|i| i.id.as_str()).collect(),
            _ => self
                .bundle
                .taxonomy
                .vocabulary(key)
                .map(|v| v.values.iter().map(|t| t.id.as_str()).collect())
                .unwrap_or_default(),
        }
    }

    /// The seeds passing `filters` (all seeds when none).
    pub(crate) fn filter_set(&self, filters: &Filters) -> Bitset {
        self.facets.filter(filters, None).unwrap_or_else(|| Bitset::full(self.bundle.seeds.len()))
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
