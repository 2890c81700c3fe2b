//! The values the engine takes and gives — a request (query text, facet filters, sort) and a
//! response (hits, facet counts) — shared by the engine's modules, the CLI and the app. A leaf:
//! it imports nothing from the crate, so every module can use it without a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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
    /// Position of the seed in the bundle's seeds.
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
}

/// The facets the engine counts, in panel order.
pub const FACET_KEYS: [&str; 6] =
    ["fields", "stage", "institution", "region", "ip_status", "collaboration"];
