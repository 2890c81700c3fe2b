//! Old bundles keep loading: every bundle under tests/browser/fixtures/bundle-v*.json was written
//! by an earlier release and is committed unchanged. A reader change that breaks one of them
//! needs a major version bump, not an edit of the fixture.

use std::fs;
use std::path::Path;

use seed_core::loader::{Loader, Step};
use seed_core::{Bundle, Engine, SearchRequest};

fn loads_in_steps(text: &str) -> bool {
    let mut loader = Loader::from_text(text);
    loop {
        match loader.step(16) {
            Ok(Step::Working(_)) => continue,
            Ok(Step::Ready(_)) => return true,
            Ok(Step::NeedInput(_)) | Err(_) => return false,
        }
    }
}

#[test]
fn every_committed_old_bundle_still_loads_and_searches() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser/fixtures");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("bundle-v") && name.ends_with(".json")) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let bundle =
            Bundle::from_json(&text).unwrap_or_else(|e| panic!("{name} no longer loads: {e}"));
        assert!(loads_in_steps(&text), "{name} no longer loads in steps (as the app loads it)");
        assert!(!bundle.seeds.is_empty(), "{name}");
        let engine = Engine::new(bundle);
        let all = engine.search(&SearchRequest::default());
        assert_eq!(
            all.hits.len(),
            engine.bundle().seeds.len(),
            "{name}: an empty query lists every seed"
        );
        checked += 1;
    }
    assert!(checked >= 1, "no old bundle fixtures found in {}", dir.display());
}
