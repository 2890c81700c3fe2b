//! The precomputed index that `seeds build` writes into a bundle: it unpacks to exactly the
//! index the engine would build, the step loader uses it, and a damaged, stale or foreign one
//! is refused without a panic (the engine then indexes the seeds itself).

mod common;

use common::{engine, indexed_engine};
use proptest::prelude::*;
use seed_core::index::packed::{PackedIndex, UnpackError, Unpacker, SCHEME};
use seed_core::index::Index;
use seed_core::loader::{Loader, Stage, Step};
use seed_core::{Bundle, Engine, SearchRequest};

fn fixture_index(bundle: &Bundle) -> Index {
    Index::build(&bundle.seeds, |s| bundle.institution(&s.institution))
}

fn indexed_bundle() -> Bundle {
    Engine::new(engine().bundle().clone()).into_indexed_bundle()
}

fn top_ids(engine: &Engine, query: &str) -> Vec<(String, u32)> {
    let resp = engine.search(&SearchRequest { query: query.into(), ..Default::default() });
    let seeds = &engine.bundle().seeds;
    resp.hits.iter().map(|h| (seeds[h.seed].id.clone(), h.score.to_bits())).collect()
}

#[test]
fn a_packed_index_unpacks_to_the_index_the_engine_builds() {
    let bundle = engine().bundle();
    let index = fixture_index(bundle);
    assert_eq!(PackedIndex::pack(&index).unpack(bundle.seeds.len()), Ok(index));
}

#[test]
fn unpacking_in_small_steps_gives_the_same_index_with_progress_that_only_grows() {
    let bundle = engine().bundle();
    let index = fixture_index(bundle);
    let mut unpacker = Unpacker::new(PackedIndex::pack(&index), bundle.seeds.len()).unwrap();
    let mut fractions = vec![unpacker.fraction()];
    let unpacked = loop {
        if let Some(done) = unpacker.step(3).unwrap() {
            break done;
        }
        fractions.push(unpacker.fraction());
    };
    assert_eq!(unpacked, index);
    assert!(fractions.len() > 100, "{} steps", fractions.len());
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "{fractions:?}");
}

#[test]
fn the_step_loader_uses_the_precomputed_index_and_ranks_the_same() {
    let text = indexed_bundle().to_json();
    let mut loader = Loader::new(&text).expect("loads");
    let mut unpacking = 0;
    let loaded = loop {
        match loader.step(7).expect("step") {
            Step::Working(p) if p.stage == Stage::Unpacking => unpacking += 1,
            Step::Working(p) if p.stage == Stage::Indexing => {
                assert!(p.done == 0 || p.done == p.total, "seeds were indexed one by one: {p:?}");
            }
            Step::Working(_) => {}
            Step::Ready(engine) => break engine,
        }
    };
    assert!(unpacking > 1, "the index was unpacked in steps");
    assert_eq!(loaded.bundle().index, None, "the packed text is dropped once unpacked");
    for q in ["がん", "カテーテル 治療", "immun", "再", "drug delivery", "心不全 -マウス"]
    {
        assert_eq!(top_ids(&loaded, q), top_ids(engine(), q), "query {q:?}");
        assert_eq!(top_ids(indexed_engine(), q), top_ids(engine(), q), "query {q:?}");
    }
}

#[test]
fn an_index_for_other_seeds_is_not_used() {
    let mut bundle = indexed_bundle();
    bundle.seeds.pop();
    let packed = bundle.index.clone().expect("index");
    let n = bundle.seeds.len();
    assert_eq!(packed.clone().unpack(n + 1).map(|ix| ix.n_docs()), Ok(n + 1));
    assert_eq!(packed.unpack(n), Err(UnpackError::SeedCount { found: n + 1, expected: n }));
    let engine = Engine::new(bundle);
    assert_eq!(engine.index_stats().seeds, n, "indexed from the seeds instead");
    assert!(!top_ids(&engine, "がん").is_empty());
}

#[test]
fn text_that_is_not_base64_is_refused() {
    let packed = PackedIndex { scheme: SCHEME, data: "***".into() };
    assert_eq!(packed.unpack(0), Err(UnpackError::Base64));
}

/// Cases: 64 in `cargo test`, or `PROPTEST_CASES` when set — `cargo xtask fuzz` sets it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Any damage to the binary layout gives an index that is refused or still in range:
    /// unpacking never panics, and the engine always loads.
    #[test]
    fn a_damaged_index_never_panics(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut bundle = indexed_bundle();
        let packed = bundle.index.take().expect("index");
        let mut bytes = b64.decode(&packed.data).expect("base64");
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= value | 1;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let damaged = PackedIndex { scheme: packed.scheme, data: b64.encode(&bytes) };
        let n = bundle.seeds.len();
        if let Ok(index) = damaged.clone().unpack(n) {
            prop_assert_eq!(index.n_docs(), n);
        }
        bundle.index = Some(damaged);
        let engine = Engine::new(bundle);
        let _ = engine.search(&SearchRequest { query: "がん 治療".into(), ..Default::default() });
    }
}
