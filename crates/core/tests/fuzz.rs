//! Property tests that hostile input never panics the core: arbitrary text and mutated real
//! bundles given to the bundle reader, and arbitrary queries, filters and sorts given to the
//! engine. `cargo xtask fuzz --seconds N` reruns every `never_panic` test with fresh random
//! seeds and many more cases until the time is up.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use seed_core::loader::{Loader, Step};
use seed_core::{Bundle, Engine, Facet, Filters, SearchRequest, Sort};

fn fixture_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/browser/fixtures/bundle-v1.0.json");
        fs::read_to_string(path).expect("the v1.0 fixture bundle")
    })
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Bundle::from_json(fixture_text()).unwrap()))
}

/// A mutation of the real bundle's bytes: truncation, a byte replaced, or a slice repeated.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let len = fixture_text().len();
    (0..len, 0..len, any::<u8>(), 0..3u8).prop_map(|(a, b, byte, kind)| {
        let mut bytes = fixture_text().as_bytes().to_vec();
        let (lo, hi) = (a.min(b), a.max(b));
        match kind {
            0 => bytes.truncate(lo),
            1 => bytes[lo] = byte,
            _ => {
                let slice = bytes[lo..hi].to_vec();
                bytes.splice(hi..hi, slice);
            }
        }
        bytes
    })
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[がんカテーテルＡＩｶﾃｰﾃﾙaiー\\-\" 　\u{200f}\u{0}\u{1F600}]{0,40}",
        Just("x".repeat(10_000)),
        Just("\"unclosed phrase -".to_string()),
    ]
}

fn filters() -> impl Strategy<Value = Filters> {
    let key = prop::sample::select(Facet::ALL.to_vec());
    let value =
        prop_oneof![Just("drug".to_string()), Just("clinical".to_string()), any::<String>()];
    proptest::collection::vec((key, value), 0..4).prop_map(|pairs| {
        let mut f = Filters::default();
        for (k, v) in pairs {
            f.insert(k, &v);
        }
        f
    })
}

/// Loads with [`Loader`] as the browser does: `chunk` bytes pushed whenever it asks for more,
/// three seeds per step.
fn load_in_steps(bytes: &[u8], chunk: usize) -> Result<Engine, seed_core::BundleError> {
    let mut loader = Loader::new();
    let mut chunks = bytes.chunks(chunk.max(1));
    loop {
        match loader.step(3)? {
            Step::Ready(engine) => return Ok(*engine),
            Step::Working(_) => {}
            Step::NeedInput(_) => match chunks.next() {
                Some(c) => loader.push(c),
                None => loader.end(),
            },
        }
    }
}

proptest! {
    #[test]
    fn bundle_reader_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = Bundle::from_json(&text);
    }

    #[test]
    fn bundle_reader_never_panics_on_a_damaged_bundle(bytes in mutated(), chunk in 1..4096usize) {
        let stepped = load_in_steps(&bytes, chunk);
        if let Ok(text) = String::from_utf8(bytes) {
            match Bundle::from_json(&text) {
                Ok(bundle) => {
                    let stepped = stepped.expect("the step loader accepts what from_json accepts");
                    prop_assert_eq!(&stepped.bundle().seeds, &bundle.seeds);
                    let _ = Engine::new(bundle).search(&SearchRequest::default());
                }
                Err(_) => prop_assert!(stepped.is_err(), "the step loader accepted a bad bundle"),
            }
        }
    }

    #[test]
    fn engine_never_panics_on_any_query_filter_or_sort(query in query_text(), filters in filters(), sort in 0..4usize) {
        let request = SearchRequest { query, filters, sort: Sort::ALL[sort] };
        let response = engine().search(&request);
        prop_assert!(response.hits.len() <= engine().bundle().seeds.len());
        prop_assert!(response.hits.iter().all(|h| h.seed < engine().bundle().seeds.len()));
    }
}
