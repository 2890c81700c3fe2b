//! The step loader ([`seed_core::loader`]) builds the same engine as [`Engine::new`], whatever
//! the step size, reports progress that only moves forward, and names the seed it cannot read.

use seed_core::loader::{LoadProgress, Loader, Stage, Step};
use seed_core::{Bundle, BundleError, Engine, SearchRequest};

mod common;

fn fixture() -> String {
    std::fs::read_to_string(common::data_dir().join("search_fixture.json")).expect("fixture")
}

/// Loads `text` `per_step` seeds at a time, returning the engine and every progress report.
fn load(text: &str, per_step: usize) -> Result<(Engine, Vec<LoadProgress>), BundleError> {
    let mut loader = Loader::new(text)?;
    let mut reports = Vec::new();
    loop {
        match loader.step(per_step)? {
            Step::Working(progress) => reports.push(progress),
            Step::Ready(engine) => return Ok((*engine, reports)),
        }
    }
}

/// The fixture bundle with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut bundle: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
    edit(&mut bundle);
    bundle.to_string()
}

fn ranked_ids(engine: &Engine, query: &str) -> Vec<String> {
    let request = SearchRequest { query: query.into(), ..Default::default() };
    common::ids(&engine.search(&request).hits)
}

#[test]
fn loading_in_steps_gives_the_same_results_as_loading_at_once() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    for per_step in [1, 7, 1000] {
        let (stepped, _) = load(&text, per_step).unwrap();
        assert_eq!(stepped.bundle(), whole.bundle(), "{per_step} per step");
        for query in ["がん", "カテーテル 治療", "cancer", "", "免疫 -マウス"] {
            assert_eq!(ranked_ids(&stepped, query), ranked_ids(&whole, query), "{query:?}");
        }
    }
}

#[test]
fn progress_goes_from_reading_to_indexing_and_never_backwards() {
    let (engine, reports) = load(&fixture(), 5).unwrap();
    let seeds = engine.bundle().seeds.len();
    assert_eq!(reports.first().map(|p| p.stage), Some(Stage::Reading));
    assert_eq!(reports.last().map(|p| (p.stage, p.total)), Some((Stage::Indexing, seeds)));
    let fractions: Vec<f64> = reports.iter().map(LoadProgress::fraction).collect();
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "{fractions:?}");
    assert!(fractions.iter().all(|f| (0.0..=1.0).contains(f)));
}

#[test]
fn an_unreadable_seed_is_named_by_its_position() {
    // As `seeds build` writes it: format and version first, so they are checked before seeds.
    let compact = Bundle::from_json(&fixture()).unwrap().to_json();
    let text = compact.replacen("\"stage\":", "\"stage\":7,\"_\":", 2);
    let Err(BundleError::Malformed(message)) = load(&text, 10) else {
        panic!("a seed with a numeric stage must be refused")
    };
    assert!(message.starts_with("seed 1: "), "{message}");
}

#[test]
fn a_bundle_in_another_key_order_fails_as_reading_it_whole_does() {
    // serde_json::Value writes keys sorted: the version comes after the seeds.
    let text = edited(|bundle| bundle["seeds"][1]["stage"] = 7.into());
    let whole = Bundle::from_json(&text).unwrap_err();
    assert_eq!(load(&text, 10).unwrap_err(), whole);
    let fine = edited(|_| ());
    assert_eq!(load(&fine, 10).unwrap().0.bundle(), &Bundle::from_json(&fine).unwrap());
}

#[test]
fn wrong_format_and_future_versions_are_refused_before_reading_seeds() {
    let foreign = edited(|bundle| bundle["format"] = "something-else".into());
    assert!(matches!(load(&foreign, 10), Err(BundleError::WrongFormat { .. })));
    let future = edited(|bundle| bundle["version"] = "2.0".into());
    assert!(matches!(load(&future, 10), Err(BundleError::UnsupportedVersion { .. })));
}

#[test]
fn seeds_with_brackets_quotes_and_escapes_in_their_text_are_cut_correctly() {
    let bundle = Bundle::from_json(&fixture()).unwrap();
    let mut odd = bundle.clone();
    odd.seeds.truncate(3);
    odd.seeds[0].title_ja = r#"括弧 ] } [ { と "引用" と \ と , を含む"#.into();
    odd.seeds[1].summary_ja = "改行\nタブ\t}],".into();
    let pretty = serde_json::to_string_pretty(&odd).unwrap();
    for text in [odd.to_json(), pretty] {
        let (engine, _) = load(&text, 1).unwrap();
        assert_eq!(engine.bundle(), &odd);
    }
}

#[test]
fn a_bundle_without_seeds_loads_empty() {
    let mut empty = Bundle::from_json(&fixture()).unwrap();
    empty.seeds.clear();
    let (engine, _) = load(&empty.to_json(), 10).unwrap();
    assert!(engine.search(&SearchRequest::default()).hits.is_empty());
}

#[test]
fn a_bundle_with_a_utf8_byte_order_mark_loads_like_one_without() {
    let compact = Bundle::from_json(&fixture()).unwrap().to_json();
    for text in [compact, fixture()] {
        let with_bom = format!("\u{feff}{text}");
        let (engine, _) = load(&with_bom, 10).expect("a BOM is skipped");
        assert_eq!(engine.bundle(), &Bundle::from_json(&text).unwrap());
    }
}

#[test]
fn a_missing_or_malformed_version_is_damage_not_a_newer_format() {
    let bundle = Bundle::from_json(&fixture()).unwrap();
    let compact = bundle.to_json();
    let version = format!("\"version\":\"{}\"", bundle.version);
    let malformed = compact.replacen(&version, "\"version\":\"one\"", 1);
    let missing = compact.replacen(&format!("{version},"), "", 1);
    assert!(malformed != compact && missing != compact);
    // Also with the version after the seeds, as serde_json::Value writes keys sorted.
    let sorted_missing = edited(|bundle| {
        bundle.as_object_mut().unwrap().remove("version");
    });
    let sorted_malformed = edited(|bundle| bundle["version"] = "".into());
    for text in [malformed, missing, sorted_missing, sorted_malformed] {
        let err = load(&text, 10).map(|_| ()).unwrap_err();
        assert!(matches!(err, BundleError::BadVersion { .. }), "{err:?}");
    }
}
