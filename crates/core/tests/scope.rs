//! A scoped engine (an institution's own seeds) answers every question within its scope:
//! search hits and facet counts, needs matching, related seeds, ids and the seed count, over
//! tests/data/search_fixture.json.

mod common;

use common::{engine, idx};
use seed_core::{Facet, Filters, SearchRequest, Sort};

const OWN: &str = "hokuto-med";
const OTHER: &str = "sakura-u";

fn scope() -> Filters {
    let mut f = Filters::default();
    f.insert(Facet::Institution, OWN);
    f
}

fn institution_of(seed: usize) -> &'static str {
    engine().bundle().seeds[seed].institution()
}

fn request(query: &str, filters: Filters) -> SearchRequest {
    SearchRequest { query: query.into(), filters, sort: Sort::Relevance }
}

#[test]
fn the_scope_counts_and_contains_only_its_own_seeds() {
    let scoped = engine().scoped(scope());
    let own: Vec<usize> =
        (0..engine().bundle().seeds.len()).filter(|&i| institution_of(i) == OWN).collect();
    assert_eq!(scoped.len(), own.len());
    assert_eq!(own.len(), 7);
    let outside = (0..engine().bundle().seeds.len()).find(|&i| institution_of(i) == OTHER).unwrap();
    assert!(!scoped.contains(outside) && scoped.contains(own[0]));
    assert!(!scoped.contains(usize::MAX));
    let other_id = engine().bundle().seeds[outside].id().to_string();
    assert_eq!(scoped.seed_index(&other_id), None, "an id outside the scope names no seed");
    assert_eq!(engine().scoped(Filters::default()).seed_index(&other_id), Some(outside));
    assert_eq!(engine().scoped(Filters::default()).len(), engine().bundle().seeds.len());
}

#[test]
fn every_search_stays_within_the_scope_even_when_asking_for_another_institution() {
    let scoped = engine().scoped(scope());
    for query in ["", "がん", "カテーテル", "細胞 治療", "zzzz"] {
        let r = scoped.search(&request(query, Filters::default()));
        assert!(r.hits.iter().all(|h| institution_of(h.seed) == OWN), "{query}");
        let whole = engine().search(&request(query, scope()));
        assert_eq!(r.hits, whole.hits, "{query}: the same as filtering by the institution");
        let mut elsewhere = Filters::default();
        elsewhere.insert(Facet::Institution, OTHER);
        let r = scoped.search(&request(query, elsewhere));
        assert!(r.hits.iter().all(|h| institution_of(h.seed) == OWN), "{query}: other institution");
    }
}

#[test]
fn facet_counts_within_the_scope_add_up_to_its_hits() {
    let scoped = engine().scoped(scope());
    let r = scoped.search(&request("", Filters::default()));
    for f in &r.facets {
        let total: usize = f.counts.iter().sum();
        match f.key {
            // One value per seed: the counts add up to the hits exactly.
            Facet::Stage | Facet::Institution | Facet::Region => {
                assert_eq!(total, r.hits.len(), "{}", f.key)
            }
            // Several values per seed: no value counts more seeds than there are.
            _ => assert!(f.counts.iter().all(|&n| n <= r.hits.len()), "{}", f.key),
        }
    }
    let inst = r.facets.iter().find(|f| f.key == Facet::Institution).unwrap();
    assert!(inst.iter().all(|(v, n)| (v == OWN) == (n > 0)), "{inst:?}");
    // A stage count is what ticking that stage would give, within the scope.
    let stage = r.facets.iter().find(|f| f.key == Facet::Stage).unwrap();
    for (value, n) in stage.iter() {
        let mut f = Filters::default();
        f.insert(Facet::Stage, value);
        assert_eq!(scoped.search(&request("", f)).hits.len(), n, "stage={value}");
    }
}

#[test]
fn needs_and_related_seeds_stay_within_the_scope() {
    let scoped = engine().scoped(scope());
    let statement = "がんの早期診断や治療に使える技術、細胞や薬物送達の研究を探しています";
    let everywhere = engine().match_needs(statement, &Filters::default(), 30);
    assert!(everywhere.iter().any(|h| institution_of(h.seed) != OWN), "the test needs a mix");
    let within = scoped.match_needs(statement, &Filters::default(), 30);
    assert!(!within.is_empty());
    assert!(within.iter().all(|h| institution_of(h.seed) == OWN));
    let with_terms = scoped.needs(statement, &Filters::default(), 30);
    let seeds = |hits: &[seed_core::NeedsHit]| hits.iter().map(|h| h.seed).collect::<Vec<_>>();
    assert_eq!(seeds(&with_terms.hits), seeds(&within), "needs() and match_needs() agree");
    let own = (0..engine().bundle().seeds.len()).find(|&i| institution_of(i) == OWN).unwrap();
    let related = scoped.related(own, 5);
    assert!(!related.is_empty() && related.len() <= 5);
    assert!(related.iter().all(|&d| institution_of(d) == OWN && d != own));
    assert!(engine().related(own, 5).iter().any(|&d| institution_of(d) != OWN));
    assert_eq!(engine().scoped(Filters::default()).related(own, 5), engine().related(own, 5));
}

#[test]
fn counts_among_a_list_ignore_seeds_outside_the_scope() {
    let scoped = engine().scoped(scope());
    let all = 0..engine().bundle().seeds.len();
    let counts = scoped.counts_among(all);
    let inst = counts.iter().find(|f| f.key == Facet::Institution).unwrap();
    assert_eq!(inst.get(OWN), Some(7));
    assert_eq!(inst.counts.iter().sum::<usize>(), 7);
    let one = engine().scoped(Filters::default()).counts_among([idx("fx-01")]);
    let stage = one.iter().find(|f| f.key == Facet::Stage).unwrap();
    assert_eq!(stage.counts.iter().sum::<usize>(), 1);
}
