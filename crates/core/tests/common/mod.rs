//! Shared by the integration tests: the fixture bundle of tests/data.

#![allow(dead_code)]

use std::sync::OnceLock;

use seed_core::{Bundle, Engine};

/// The repository's `tests/data` directory.
pub fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}

/// The search fixture engine, built once per test binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let text = std::fs::read_to_string(data_dir().join("search_fixture.json"))
            .expect("fixture bundle");
        Engine::new(Bundle::from_json(&text).expect("fixture bundle loads"))
    })
}

/// The search fixture engine loaded from the bundle as `seeds build` writes it, with its
/// precomputed index (built once per test binary).
pub fn indexed_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let text = engine().bundle().clone();
        let indexed = Engine::new(text).into_indexed_bundle();
        assert!(indexed.index.is_some());
        Engine::new(Bundle::from_json(&indexed.to_json()).expect("indexed bundle loads"))
    })
}

/// The position of the seed with this id.
pub fn idx(id: &str) -> usize {
    engine().bundle().seed_index(id).unwrap_or_else(|| panic!("no seed {id}"))
}

/// The ids of hits.
pub fn ids(hits: &[seed_core::Hit]) -> Vec<String> {
    hits.iter().map(|h| engine().bundle().seeds[h.seed].id.clone()).collect()
}
