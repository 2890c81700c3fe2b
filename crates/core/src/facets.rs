//! Facet filtering and counting over bitsets. Every facet value has a precomputed bitset of
//! the seeds carrying it; a filter is the OR of its selected values' bitsets, filters AND
//! together, and a count is one popcount of an AND — no rescans of seeds per value.
//!
//! Counts follow what a user expects from a facet panel: the count shown next to a value is
//! the number of results the user would get by also ticking it, so a facet's own selection
//! does not zero its other values (they are counted under the other facets' selections only).
//!
//! A facet with many values and one value per seed (institution: hundreds in a large network)
//! is counted in one pass over the matching seeds instead when that is cheaper than a popcount
//! per value.

use std::collections::BTreeSet;

use crate::bitset::Bitset;
use crate::bundle::Bundle;
use crate::model::{Institution, Seed};
use crate::types::{FacetCounts, Filters};
use rustc_hash::FxHashMap;

/// The values `seed` (of institution `inst`) has for facet `key`.
pub(crate) fn seed_values<'a>(
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

/// Every value of facet `key` in display order: the institutions in bundle order, or the
/// facet's vocabulary in taxonomy order.
pub(crate) fn domain<'a>(bundle: &'a Bundle, key: &str) -> Vec<&'a str> {
    match key {
        "institution" => bundle.institutions.iter().map(|i| i.id.as_str()).collect(),
        _ => bundle
            .taxonomy
            .vocabulary(key)
            .map(|v| v.values.iter().map(|t| t.id.as_str()).collect())
            .unwrap_or_default(),
    }
}

/// The value bitsets of one facet.
#[derive(Debug)]
struct Facet {
    key: String,
    /// Display order (the facet's domain), counted even when zero: indices into `bits`.
    domain: Vec<String>,
    /// One bitset per value: the domain first, then values that occur outside it.
    bits: Vec<Bitset>,
    index: FxHashMap<String, usize>,
    /// For facets with at most one value per seed: each seed's value index (`u32::MAX`: none).
    single: Option<Vec<u32>>,
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
                let mut index: FxHashMap<String, usize> = FxHashMap::default();
                let mut bits: Vec<Bitset> = Vec::new();
                for v in &domain {
                    if !index.contains_key(v) {
                        index.insert(v.clone(), bits.len());
                        bits.push(Bitset::empty(n));
                    }
                }
                let mut single = Some(vec![u32::MAX; n]);
                for i in 0..n {
                    let vals = values(i, key);
                    if vals.len() > 1 {
                        single = None;
                    }
                    for v in vals {
                        let at = match index.get(v) {
                            Some(&at) => at,
                            None => {
                                index.insert(v.to_string(), bits.len());
                                bits.push(Bitset::empty(n));
                                bits.len() - 1
                            }
                        };
                        bits[at].insert(i);
                        if let Some(s) = &mut single {
                            s[i] = at as u32;
                        }
                    }
                }
                Facet { key: key.to_string(), domain, bits, index, single }
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
                if let Some(&at) = f.index.get(v) {
                    set.or_with(&f.bits[at]);
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
                FacetCounts { key: f.key.clone(), counts: count(f, base, self.n) }
            })
            .collect()
    }
}

/// A facet's counts in domain order under `base`.
fn count(f: &Facet, base: &Bitset, n: usize) -> Vec<(String, usize)> {
    let words = n.div_ceil(64).max(1);
    if let Some(single) = &f.single {
        let members = base.count();
        // One pass over the members versus a popcount per value.
        if members < f.domain.len() * words * 2 {
            let mut tally = vec![0usize; f.bits.len()];
            for i in base.iter() {
                if let Some(t) = tally.get_mut(single[i] as usize) {
                    *t += 1;
                }
            }
            return f
                .domain
                .iter()
                .map(|v| (v.clone(), f.index.get(v).map_or(0, |&at| tally[at])))
                .collect();
        }
    }
    f.domain
        .iter()
        .map(|v| (v.clone(), f.index.get(v).map_or(0, |&at| f.bits[at].count_and(base))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FacetIndex {
        // seeds: 0 {a, x}, 1 {b, y}, 2 {a, x+y}, 3 {c (not in the domain), y}
        let single = [&["a"][..], &["b"], &["a"], &["c"]];
        let multi = [&["x"][..], &["y"], &["x", "y"], &["y"]];
        FacetIndex::new(
            4,
            &["one", "many"],
            |k| {
                if k == "one" {
                    vec!["a".into(), "b".into()]
                } else {
                    vec!["x".into(), "y".into()]
                }
            },
            |i, k| if k == "one" { single[i].to_vec() } else { multi[i].to_vec() },
        )
    }

    fn filters(pairs: &[(&str, &str)]) -> Filters {
        let mut f = Filters::default();
        pairs.iter().for_each(|(k, v)| f.insert(k, v));
        f
    }

    #[test]
    fn filters_or_within_a_facet_and_across_facets() {
        let ix = index();
        let members = |f: &Filters| ix.filter(f, None).map(|b| b.iter().collect::<Vec<_>>());
        assert_eq!(members(&Filters::default()), None);
        assert_eq!(members(&filters(&[("one", "a")])), Some(vec![0, 2]));
        assert_eq!(members(&filters(&[("one", "a"), ("one", "b")])), Some(vec![0, 1, 2]));
        assert_eq!(members(&filters(&[("one", "a"), ("many", "y")])), Some(vec![2]));
        assert_eq!(
            members(&filters(&[("one", "c")])),
            Some(vec![3]),
            "values outside the domain still filter"
        );
        assert_eq!(
            members(&filters(&[("nope", "a")])),
            Some(vec![]),
            "an unknown facet matches nothing"
        );
    }

    #[test]
    fn counts_ignore_the_facets_own_selection_and_apply_the_others() {
        let ix = index();
        let all = Bitset::full(4);
        let c = ix.counts(&all, &filters(&[("one", "a"), ("many", "y")]));
        assert_eq!(
            c[0].counts,
            vec![("a".into(), 1), ("b".into(), 1)],
            "one: counted under many=y"
        );
        assert_eq!(
            c[1].counts,
            vec![("x".into(), 2), ("y".into(), 1)],
            "many: counted under one=a"
        );
        let none = ix.counts(&all, &Filters::default());
        assert_eq!(none[0].counts, vec![("a".into(), 2), ("b".into(), 1)]);
        assert_eq!(none[1].counts, vec![("x".into(), 2), ("y".into(), 3)]);
    }
}
