//! The values the engine takes and gives — a request (query text, facet filters, sort) and a
//! response (hits, facet counts) — shared by the engine's modules, the CLI and the app. A leaf:
//! it imports nothing from the crate, so every module can use it without a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A facet of the catalogue: what the filter panel groups seeds by, in panel order. Inside the
/// code a facet is always this enum; its string key ([`Facet::as_str`]: `fields`, `stage`,
/// `institution`, `region`, `ip_status`, `collaboration`) appears only at the edges — the
/// bundle's vocabulary keys, URL parameters, sheet columns and `seeds query --filter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    /// Research fields (a vocabulary; several per seed).
    Fields,
    /// Development stage (a vocabulary; one per seed).
    Stage,
    /// The institution offering the seed (its id; one per seed).
    Institution,
    /// The institution's region (a vocabulary; one per seed).
    Region,
    /// Intellectual-property status (a vocabulary; at most one per seed).
    IpStatus,
    /// The kinds of collaboration offered (a vocabulary; several per seed).
    Collaboration,
}

/// The facet value of a seed that has none for a facet every seed is expected to have
/// (fields, stage, and its institution's region; see [`Facet::has_unset`]). The app labels it
/// 「未設定 / not given」; it filters like any other value (`stage=unset`).
pub const UNSET: &str = "unset";

impl Facet {
    /// True for the facets whose missing value counts as [`UNSET`], so seeds without one are
    /// listed and can be selected: fields, stage and region. A seed without an IP status or a
    /// collaboration simply has none.
    pub fn has_unset(self) -> bool {
        matches!(self, Facet::Fields | Facet::Stage | Facet::Region)
    }

    /// True for the facets a seed has at most one value of: stage, IP status, institution and
    /// region (fields and collaboration may hold several).
    pub fn one_per_seed(self) -> bool {
        matches!(self, Facet::Stage | Facet::IpStatus | Facet::Institution | Facet::Region)
    }

    /// Every facet, in panel order.
    pub const ALL: [Facet; 6] = [
        Facet::Fields,
        Facet::Stage,
        Facet::Institution,
        Facet::Region,
        Facet::IpStatus,
        Facet::Collaboration,
    ];

    /// The key used in bundles (vocabulary keys), URLs, sheets and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Fields => "fields",
            Facet::Stage => "stage",
            Facet::Institution => "institution",
            Facet::Region => "region",
            Facet::IpStatus => "ip_status",
            Facet::Collaboration => "collaboration",
        }
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A facet key that names no [`Facet`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown facet {0:?} (fields, stage, institution, region, ip_status or collaboration)")]
pub struct UnknownFacet(pub String);

impl FromStr for Facet {
    type Err = UnknownFacet;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Facet::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| UnknownFacet(s.into()))
    }
}

/// Selected values per facet: catalogue ids (vocabulary term ids, institution ids). Values
/// within a facet are ORed; facets are ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters(pub BTreeMap<Facet, BTreeSet<String>>);

impl Filters {
    /// Adds `value` to `facet`.
    pub fn insert(&mut self, facet: Facet, value: &str) {
        self.0.entry(facet).or_default().insert(value.to_string());
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

/// Hits in order. A long list of relevance-ranked hits is ordered only as far as its first
/// [`Hits::ORDERED_FIRST`] at search time, and the rest the first time anything reads past
/// them: with thousands of matches, ordering them all was a sixth of a keystroke's time, for
/// cards few visitors scroll to. It dereferences to the whole list in order (ordering the rest
/// then); [`Hits::len`], [`Hits::first_n`] and [`Hits::seeds`] never order more than needed.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// The first hits, in order (all of them when `rest` is empty).
    head: Vec<Hit>,
    /// The other hits, unordered, as keys of [`Hits::by_score`].
    rest: Vec<u64>,
    /// The seeds by rank, the low 32 bits of a key.
    by_rank: Arc<Vec<u32>>,
    /// `head` and then the rest in order, made the first time the whole list is read.
    all: std::sync::OnceLock<Vec<Hit>>,
}

impl Hits {
    /// How many hits [`Hits::by_score`] orders at once: two pages of cards.
    pub const ORDERED_FIRST: usize = 100;

    /// Hits already in order.
    pub fn ordered(hits: Vec<Hit>) -> Self {
        Hits { head: hits, ..Hits::default() }
    }

    /// Hits by score, highest first, ties broken by rank (lower first). Each hit is a seed's
    /// rank (its position in `by_rank`, which lists the seeds) and its score, finite and not
    /// negative. Of more than twice [`Hits::ORDERED_FIRST`] hits, only the first
    /// [`Hits::ORDERED_FIRST`] are ordered now.
    pub fn by_score(hits: impl Iterator<Item = (u32, f32)>, by_rank: Arc<Vec<u32>>) -> Self {
        let mut keys: Vec<u64> = hits.map(|(rank, s)| Self::key(rank, s)).collect();
        let first = Self::ORDERED_FIRST;
        let rest = if keys.len() > 2 * first {
            keys.select_nth_unstable(first);
            keys.split_off(first)
        } else {
            Vec::new()
        };
        // A radix sort: a plain loop per byte (digits all keys share are skipped), several
        // times quicker than comparisons in the size-tuned wasm build.
        radsort::sort(&mut keys);
        let mut out = Hits { rest, by_rank, ..Hits::default() };
        out.head = keys.into_iter().map(|k| out.hit(k)).collect();
        out
    }

    /// One plain u64 for a rank and its score (not negative: zero if it is), lower for the
    /// better of two: the score's bits inverted above the rank. Scores' bit patterns order
    /// like the numbers.
    pub(crate) fn key(rank: u32, score: f32) -> u64 {
        let score = if score > 0.0 { score } else { 0.0 };
        u64::from(!score.to_bits()) << 32 | u64::from(rank)
    }

    /// The rank and the score of a [`Hits::key`].
    pub(crate) fn unkey(key: u64) -> (u32, f32) {
        (key as u32, f32::from_bits(!((key >> 32) as u32)))
    }

    /// The hit of a key of [`Hits::by_score`].
    fn hit(&self, key: u64) -> Hit {
        let (rank, score) = Self::unkey(key);
        Hit { seed: self.by_rank[rank as usize] as usize, score }
    }

    /// How many hits there are.
    pub fn len(&self) -> usize {
        self.head.len() + self.rest.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first `n` hits (fewer when there are fewer), in order.
    pub fn first_n(&self, n: usize) -> &[Hit] {
        if n <= self.head.len() || self.rest.is_empty() {
            return &self.head[..n.min(self.head.len())];
        }
        &self.all()[..n.min(self.len())]
    }

    /// Every hit's seed, in no particular order (counting needs none).
    pub fn seeds(&self) -> impl Iterator<Item = usize> + '_ {
        let rest = self.rest.iter().map(|&k| self.hit(k).seed);
        self.head.iter().map(|h| h.seed).chain(rest)
    }

    /// Every hit, in order.
    fn all(&self) -> &[Hit] {
        if self.rest.is_empty() {
            return &self.head;
        }
        self.all.get_or_init(|| {
            let mut rest = self.rest.clone();
            radsort::sort(&mut rest);
            self.head.iter().copied().chain(rest.into_iter().map(|k| self.hit(k))).collect()
        })
    }
}

impl std::ops::Deref for Hits {
    type Target = [Hit];

    fn deref(&self) -> &[Hit] {
        self.all()
    }
}

/// Two lists are equal when they were made the same way from the same hits: the part not yet
/// ordered is compared as it stands (the same for the same search), so comparing orders
/// nothing. (Lists in the same order made differently may differ.)
impl PartialEq for Hits {
    fn eq(&self, other: &Self) -> bool {
        let same_ranks =
            Arc::ptr_eq(&self.by_rank, &other.by_rank) || self.by_rank == other.by_rank;
        self.head == other.head && self.rest == other.rest && same_ranks
    }
}

impl FromIterator<Hit> for Hits {
    fn from_iter<I: IntoIterator<Item = Hit>>(hits: I) -> Self {
        Hits::ordered(hits.into_iter().collect())
    }
}

/// Counts for one facet's values under the current query and the other facets' selections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// The facet.
    pub key: Facet,
    /// Every value of the facet in display order, shared by every search's counts.
    pub values: Arc<[String]>,
    /// Each value's count (zero included), in the order of `values`.
    pub counts: Vec<usize>,
}

impl FacetCounts {
    /// Each value with its count, in display order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.values.iter().map(String::as_str).zip(self.counts.iter().copied())
    }

    /// The count of `value`; `None` when the facet has no such value.
    pub fn get(&self, value: &str) -> Option<usize> {
        self.iter().find(|(v, _)| *v == value).map(|(_, n)| n)
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    /// Matching seeds in the requested order (then the [`SearchResponse::similar`] ones).
    pub hits: Hits,
    /// Counts per facet value.
    pub facets: Vec<FacetCounts>,
    /// True when no seed matched every term, so the hits are the seeds matching some of them
    /// (ranked OR): the UI should say so.
    pub relaxed: bool,
    /// True when the query read as a sentence and was answered by needs matching
    /// (`Engine::needs`): the UI should say so and offer the needs page.
    pub needs: bool,
    /// How many of the last hits are not matches but the seeds most like the matches, added
    /// because there were fewer than a page of them (`search::SIMILAR_BELOW`). Facet counts
    /// count the matches only.
    pub similar: usize,
}

impl SearchResponse {
    /// The hits that match the query: all of them but the last [`SearchResponse::similar`].
    pub fn matches(&self) -> &[Hit] {
        self.first_matches(self.match_count())
    }

    /// How many hits match the query.
    pub fn match_count(&self) -> usize {
        self.hits.len() - self.similar.min(self.hits.len())
    }

    /// The seeds of the matches in no particular order, ordering nothing when no similar
    /// seeds follow them.
    pub fn match_seeds(&self) -> impl Iterator<Item = usize> + '_ {
        let (ordered, unordered) = match self.similar {
            0 => (&[][..], self.hits.len()),
            _ => (self.matches(), 0),
        };
        ordered.iter().map(|h| h.seed).chain(self.hits.seeds().take(unordered))
    }

    /// The first `n` matches in order, ordering no more hits than that ([`Hits`]).
    pub fn first_matches(&self, n: usize) -> &[Hit] {
        self.hits.first_n(n.min(self.match_count()))
    }

    /// The seeds like the matches that follow them: the last [`SearchResponse::similar`] hits.
    pub fn similar_hits(&self) -> &[Hit] {
        match self.similar {
            0 => &[],
            _ => &self.hits[self.match_count()..],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_splits_its_hits_into_matches_and_the_seeds_like_them() {
        let hit = |seed| Hit { seed, score: 1.0 };
        let r = SearchResponse {
            hits: (0..5).map(hit).collect(),
            facets: Vec::new(),
            relaxed: false,
            needs: false,
            similar: 2,
        };
        let seeds = |h: &[Hit]| h.iter().map(|h| h.seed).collect::<Vec<_>>();
        assert_eq!((seeds(r.matches()), seeds(r.similar_hits())), (vec![0, 1, 2], vec![3, 4]));
        let none = SearchResponse { similar: 0, ..r.clone() };
        assert_eq!((none.matches().len(), none.similar_hits().len()), (5, 0));
    }

    /// `n` hits with few distinct scores (many ties), some zero, negative or not a number.
    fn scored(n: u32) -> Vec<(u32, f32)> {
        let score = |r: u32| match r % 11 {
            0 => 0.0,
            1 => -1.0,
            2 => f32::NAN,
            k => (r * 7 % 13 + k) as f32 / 4.0,
        };
        (0..n).map(|r| ((r * 37) % n, score(r))).collect()
    }

    #[test]
    fn hits_by_score_list_the_best_first_then_the_lower_rank_as_a_full_sort_does() {
        let by_rank: Arc<Vec<u32>> = Arc::new((0..1000).rev().collect());
        for n in [0, 1, 150, 200, 201, 1000] {
            let input = scored(n);
            let hits = Hits::by_score(input.iter().copied(), by_rank.clone());
            let clean = |s: f32| if s > 0.0 { s } else { 0.0 };
            let mut expected: Vec<(u32, f32)> = input.iter().map(|&(r, s)| (r, clean(s))).collect();
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let expected: Vec<Hit> = expected
                .iter()
                .map(|&(r, s)| Hit { seed: by_rank[r as usize] as usize, score: s })
                .collect();
            assert_eq!(hits.len(), expected.len());
            assert_eq!(hits.first_n(Hits::ORDERED_FIRST), &expected[..expected.len().min(100)]);
            assert_eq!(hits.all.get(), None, "{n} hits: the first page orders no more");
            assert_eq!(&hits[..], &expected[..], "{n} hits");
            let mut seeds: Vec<usize> = hits.seeds().collect();
            seeds.sort_unstable();
            let mut listed: Vec<usize> = expected.iter().map(|h| h.seed).collect();
            listed.sort_unstable();
            assert_eq!(seeds, listed);
        }
    }

    #[test]
    fn comparing_two_lists_of_the_same_search_orders_neither() {
        let by_rank: Arc<Vec<u32>> = Arc::new((0..1000).collect());
        let a = Hits::by_score(scored(1000).into_iter(), by_rank.clone());
        let b = Hits::by_score(scored(1000).into_iter(), by_rank.clone());
        let c = Hits::by_score(scored(999).into_iter(), by_rank);
        assert!(a == b && a != c);
        assert!(a.all.get().is_none() && b.all.get().is_none());
        // Once read whole, a list still equals an unread one of the same search.
        assert_eq!(a.len(), a[..].len());
        assert!(a == b);
    }

    #[test]
    fn a_facet_reads_back_from_its_key_and_serializes_as_it() {
        for f in Facet::ALL {
            assert_eq!(f.as_str().parse::<Facet>(), Ok(f));
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{f}\""));
        }
        let keys: Vec<&str> = Facet::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(
            keys,
            ["fields", "stage", "institution", "region", "ip_status", "collaboration"]
        );
    }

    #[test]
    fn an_unknown_facet_key_is_an_error_naming_it() {
        let err = "stages".parse::<Facet>().unwrap_err();
        assert_eq!(err, UnknownFacet("stages".into()));
        assert!(err.to_string().starts_with("unknown facet \"stages\""));
        assert!("Stage".parse::<Facet>().is_err(), "keys are lower case, as in bundles and URLs");
    }

    #[test]
    fn filters_serialize_with_the_string_keys() {
        let mut f = Filters::default();
        f.insert(Facet::IpStatus, "filed");
        f.insert(Facet::Stage, "basic");
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, r#"{"stage":["basic"],"ip_status":["filed"]}"#);
        assert_eq!(serde_json::from_str::<Filters>(&json).unwrap(), f);
        assert!(serde_json::from_str::<Filters>(r#"{"nope":["x"]}"#).is_err());
    }
}
