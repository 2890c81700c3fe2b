//! The engine's public face: a request (query text, facet filters, sort) in, ranked hits and
//! facet counts out. The app and `seeds query` both call [`Engine::search`], so the browser
//! and the command line always agree.
//!
//! This first engine matches every query term as a substring of NFKC-folded text and scores by
//! field weight; the tokenized, BM25-ranked index replaces its insides behind the same API.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::bundle::Bundle;
use crate::model::Seed;

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
}

/// Extracts one weighted field's text from a seed.
type FieldText = fn(&Seed, &Bundle) -> String;

/// Field weights: title > keywords > summary/advantages/applications > the rest.
const WEIGHTS: [(f32, FieldText); 5] = [
    (10.0, |s, _| format!("{} {}", s.title_ja, s.title_en.as_deref().unwrap_or(""))),
    (6.0, |s, _| format!("{} {}", s.keywords_ja.join(" "), s.keywords_en.join(" "))),
    (3.0, |s, _| {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        [&s.summary_ja, &opt(&s.summary_en), &opt(&s.advantages_ja), &opt(&s.advantages_en), &opt(&s.applications_ja), &opt(&s.applications_en)]
            .map(String::as_str)
            .join(" ")
    }),
    (1.5, |s, b| {
        let inst = b.institution(&s.institution);
        let names = inst.map(|i| format!("{} {}", i.name_ja, i.name_en.as_deref().unwrap_or(""))).unwrap_or_default();
        format!("{} {names} {} {}", s.researchers.join(" "), s.department_ja.as_deref().unwrap_or(""), s.department_en.as_deref().unwrap_or(""))
    }),
    (1.0, |s, _| s.patents.join(" ")),
];

/// The facets the engine counts, in panel order.
pub const FACET_KEYS: [&str; 6] = ["fields", "stage", "institution", "region", "ip_status", "collaboration"];

/// A loaded catalogue, ready to answer searches.
#[derive(Debug)]
pub struct Engine {
    bundle: Bundle,
    texts: Vec<Vec<String>>,
}

impl Engine {
    /// Prepares a bundle for searching.
    pub fn new(bundle: Bundle) -> Self {
        let texts = bundle
            .seeds
            .iter()
            .map(|s| WEIGHTS.iter().map(|(_, f)| fold(&f(s, &bundle))).collect())
            .collect();
        Engine { bundle, texts }
    }

    /// The catalogue being searched.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Runs a search: text match, facet filter, counts and order.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let terms: Vec<String> = fold(&req.query).split_whitespace().map(str::to_string).collect();
        let scored: Vec<Option<f32>> = self.texts.iter().map(|t| score(t, &terms)).collect();
        let mut hits: Vec<Hit> = scored
            .iter()
            .enumerate()
            .filter(|(i, s)| s.is_some() && self.passes(*i, &req.filters, None))
            .map(|(i, s)| Hit { seed: i, score: s.unwrap_or(0.0) })
            .collect();
        self.order(&mut hits, req.sort, terms.is_empty());
        let facets = FACET_KEYS
            .iter()
            .map(|key| self.count(key, &scored, &req.filters))
            .collect();
        SearchResponse { hits, facets }
    }

    /// The values a seed has for a facet.
    pub fn facet_values<'a>(&'a self, seed: &'a Seed, key: &str) -> Vec<&'a str> {
        match key {
            "fields" => seed.fields.iter().map(String::as_str).collect(),
            "stage" => vec![seed.stage.as_str()],
            "ip_status" => seed.ip_status.as_deref().into_iter().collect(),
            "collaboration" => seed.collaboration.iter().map(String::as_str).collect(),
            "institution" => vec![seed.institution.as_str()],
            "region" => self.bundle.institution(&seed.institution).map(|i| i.region.as_str()).into_iter().collect(),
            _ => Vec::new(),
        }
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

    fn passes(&self, i: usize, filters: &Filters, skip: Option<&str>) -> bool {
        let seed = &self.bundle.seeds[i];
        filters.0.iter().filter(|(k, v)| Some(k.as_str()) != skip && !v.is_empty()).all(|(key, wanted)| {
            self.facet_values(seed, key).iter().any(|v| wanted.contains(*v))
        })
    }

    fn count(&self, key: &str, scored: &[Option<f32>], filters: &Filters) -> FacetCounts {
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, s) in scored.iter().enumerate() {
            if s.is_some() && self.passes(i, filters, Some(key)) {
                for v in self.facet_values(&self.bundle.seeds[i], key) {
                    *tally.entry(v).or_default() += 1;
                }
            }
        }
        let counts = self
            .facet_domain(key)
            .into_iter()
            .map(|v| (v.to_string(), tally.get(v).copied().unwrap_or(0)))
            .collect();
        FacetCounts { key: key.to_string(), counts }
    }

    fn order(&self, hits: &mut [Hit], sort: Sort, no_query: bool) {
        let seeds = &self.bundle.seeds;
        let newest = |a: &Hit, b: &Hit| seeds[b.seed].updated.cmp(&seeds[a.seed].updated);
        let title = |a: &Hit, b: &Hit| seeds[a.seed].title_ja.cmp(&seeds[b.seed].title_ja);
        match sort {
            Sort::Relevance if no_query => hits.sort_by(|a, b| newest(a, b).then(a.seed.cmp(&b.seed))),
            Sort::Relevance => hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.seed.cmp(&b.seed))),
            Sort::Newest => hits.sort_by(|a, b| newest(a, b).then(b.score.total_cmp(&a.score))),
            Sort::Title => hits.sort_by(title),
            Sort::Institution => hits.sort_by(|a, b| {
                seeds[a.seed].institution.cmp(&seeds[b.seed].institution).then(title(a, b))
            }),
        }
    }
}

fn fold(s: &str) -> String {
    s.nfkc().collect::<String>().to_lowercase()
}

fn score(texts: &[String], terms: &[String]) -> Option<f32> {
    let mut total = 0.0;
    for term in terms {
        let s: f32 = texts.iter().zip(WEIGHTS).filter(|(t, _)| t.contains(term.as_str())).map(|(_, (w, _))| w).sum();
        if s == 0.0 {
            return None;
        }
        total += s;
    }
    Some(total)
}
