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

/// The search fixture engine loaded as the browser loads it: the bundle's bytes pushed to the
/// step loader in small chunks (built once per test binary).
pub fn streamed_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let text = std::fs::read_to_string(data_dir().join("search_fixture.json"))
            .expect("fixture bundle");
        stream(text.as_bytes(), 4096, 16).expect("the fixture streams in")
    })
}

/// Loads `bytes` through the step loader, pushing `chunk` bytes whenever it asks for more and
/// taking `per_step` seeds per step.
pub fn stream(
    bytes: &[u8],
    chunk: usize,
    per_step: usize,
) -> Result<Engine, seed_core::BundleError> {
    use seed_core::loader::{Loader, Step};
    let mut loader = Loader::new();
    loader.expect_len(bytes.len());
    let mut chunks = bytes.chunks(chunk.max(1));
    loop {
        match loader.step(per_step)? {
            Step::Ready(engine) => return Ok(*engine),
            Step::Working(_) => {}
            Step::NeedInput(_) => match chunks.next() {
                Some(c) => loader.push(c),
                None => loader.end(),
            },
        }
    }
}

/// The position of the seed with this id.
pub fn idx(id: &str) -> usize {
    engine().bundle().seed_index(id).unwrap_or_else(|| panic!("no seed {id}"))
}

/// The ids of hits.
pub fn ids(hits: &[seed_core::Hit]) -> Vec<String> {
    hits.iter().map(|h| engine().bundle().seeds[h.seed].id().to_string()).collect()
}

/// A synthetic catalogue of `n` seeds (`seeds synth`'s) as a bundle's JSON text.
pub fn synthetic(n: usize) -> String {
    let taxonomy = std::fs::read_to_string(data_dir().join("../../data/taxonomy.json"));
    let mut bundle = Bundle::new(serde_json::from_str(&taxonomy.unwrap()).unwrap());
    let synth = seed_synth::synth(n, 1);
    bundle.institutions = synth.institutions;
    bundle.seeds = synth.seeds.into_iter().map(seed_core::Seed::from).collect();
    bundle.to_json()
}
