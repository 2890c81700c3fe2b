//! Facet filtering and counting over bitsets. Every facet value has a precomputed bitset of
//! the seeds carrying it; a filter is the OR of its selected values' bitsets, filters AND
//! together, and a count is one popcount of an AND — no rescans of seeds per value.
//!
//! Counts follow what a user expects from a facet panel: the count shown next to a value is
//! the number of results the user would get by also ticking it, so a facet's own selection
//! does not zero its other values (they are counted under the other facets' selections only).

use std::collections::BTreeSet;

use crate::bitset::Bitset;
use crate::fxhash::FxHashMap;
use crate::search::{FacetCounts, Filters};

/// The value bitsets of one facet.
#[derive(Debug)]
struct Facet {
    key: String,
    /// Display order (the facet's domain), counted even when zero.
    domain: Vec<String>,
    /// Every value that occurs, plus the domain.
    bits: FxHashMap<String, Bitset>,
}

/// Value bitsets for every facet.
#[derive(Debug)]
pub struct FacetIndex {
    n: usize,
    facets: Vec<Facet>,
}

impl FacetIndex {
    /// Builds the bitsets: `values(seed, key)` lists a seed's values for a facet and `domain(key)`
    /// the facet's values in display order.
    pub fn new<'a>(
        n: usize,
        keys: &[&str],
        domain: impl Fn(&str) -> Vec<String>,
        mut values: impl FnMut(usize, &str) -> Vec<&'a str>,
    ) -> Self {
        let facets = keys
            .iter()
            .map(|&key| {
                let domain = domain(key);
                let mut bits: FxHashMap<String, Bitset> = FxHashMap::default();
                for v in &domain {
                    bits.entry(v.clone()).or_insert_with(|| Bitset::empty(n));
                }
                for i in 0..n {
                    for v in values(i, key) {
                        match bits.get_mut(v) {
                            Some(b) => b.insert(i),
                            None => {
                                let mut b = Bitset::empty(n);
                                b.insert(i);
                                bits.insert(v.to_string(), b);
                            }
                        }
                    }
                }
                Facet { key: key.to_string(), domain, bits }
            })
            .collect();
        FacetIndex { n, facets }
    }

    /// The seeds passing every selection except `skip`'s; `None` when nothing restricts.
    pub fn filter(&self, filters: &Filters, skip: Option<&str>) -> Option<Bitset> {
        let mut out: Option<Bitset> = None;
        for (key, wanted) in &filters.0 {
            if wanted.is_empty() || Some(key.as_str()) == skip {
                continue;
            }
            let set = self.any_of(key, wanted);
            match &mut out {
                Some(o) => o.and_with(&set),
                None => out = Some(set),
            }
        }
        out
    }

    /// Seeds having any of `wanted` for facet `key` (none for an unknown facet).
    fn any_of(&self, key: &str, wanted: &BTreeSet<String>) -> Bitset {
        let mut set = Bitset::empty(self.n);
        if let Some(f) = self.facets.iter().find(|f| f.key == key) {
            for v in wanted {
                if let Some(b) = f.bits.get(v) {
                    set.or_with(b);
                }
            }
        }
        set
    }

    /// Counts per facet value among `matches` (the text matches, before filtering), each facet
    /// under the other facets' selections.
    pub fn counts(&self, matches: &Bitset, filters: &Filters) -> Vec<FacetCounts> {
        // Facets without a selection of their own share one base: matches under all filters.
        let shared = self.filter(filters, None).map(|mut b| {
            b.and_with(matches);
            b
        });
        self.facets
            .iter()
            .map(|f| {
                let selected = filters.0.get(&f.key).is_some_and(|v| !v.is_empty());
                let own = if selected {
                    self.filter(filters, Some(&f.key)).map(|mut b| {
                        b.and_with(matches);
                        b
                    })
                } else {
                    None
                };
                let base = match (&own, selected) {
                    (Some(b), _) => b,
                    (None, true) => matches,
                    (None, false) => shared.as_ref().unwrap_or(matches),
                };
                let counts = f
                    .domain
                    .iter()
                    .map(|v| (v.clone(), f.bits.get(v).map_or(0, |b| b.count_and(base))))
                    .collect();
                FacetCounts { key: f.key.clone(), counts }
            })
            .collect()
    }
}
