//! The step loader ([`seed_core::loader`]) builds the same engine as [`Engine::new`], whatever
//! the step size and however the bytes arrive, reports progress that only moves forward, names
//! the seed it cannot read, and never answers from an index a bundle carries.

use seed_core::loader::{LoadProgress, Loader, Stage, Step, EARLY_START_MAX_SEEDS};
use seed_core::model::SeedRecord;
use seed_core::{Bundle, BundleError, Engine, SearchRequest, Seed};

mod common;

use common::synthetic;

fn fixture() -> String {
    std::fs::read_to_string(common::data_dir().join("search_fixture.json")).expect("fixture")
}

/// Loads `text` `per_step` seeds at a time, pushing it `chunk` bytes at a time whenever the
/// loader asks for more; returns the engine and every progress report.
fn load_chunked(
    text: &str,
    chunk: usize,
    per_step: usize,
) -> Result<(Engine, Vec<LoadProgress>), BundleError> {
    let mut loader = Loader::new();
    loader.expect_len(text.len());
    let mut chunks = text.as_bytes().chunks(chunk);
    let mut reports = Vec::new();
    loop {
        match loader.step(per_step)? {
            Step::Working(progress) => reports.push(progress),
            Step::NeedInput(progress) => {
                reports.push(progress);
                match chunks.next() {
                    Some(c) => loader.push(c),
                    None => loader.end(),
                }
            }
            Step::Ready(engine) => return Ok((*engine, reports)),
        }
    }
}

fn load(text: &str, per_step: usize) -> Result<(Engine, Vec<LoadProgress>), BundleError> {
    load_chunked(text, usize::MAX, per_step)
}

/// The fixture bundle with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut bundle: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
    edit(&mut bundle);
    bundle.to_string()
}

fn ranked_ids(engine: &Engine, query: &str) -> Vec<String> {
    let request = SearchRequest { query: query.into(), ..Default::default() };
    engine
        .search(&request)
        .hits
        .iter()
        .map(|h| engine.bundle().seeds[h.seed].id().to_string())
        .collect()
}

const QUERIES: [&str; 5] = ["がん", "カテーテル 治療", "cancer", "", "免疫 -マウス"];

/// `got` ranks every one of [`QUERIES`] as `want` does.
fn assert_same_answers(got: &Engine, want: &Engine) {
    for query in QUERIES {
        assert_eq!(ranked_ids(got, query), ranked_ids(want, query), "{query:?}");
    }
}

#[test]
fn loading_in_steps_gives_the_same_results_as_loading_at_once() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    for per_step in [1, 7, 1000] {
        let (stepped, _) = load(&text, per_step).unwrap();
        assert_eq!(stepped.bundle(), whole.bundle(), "{per_step} per step");
        assert_same_answers(&stepped, &whole);
    }
}

#[test]
fn bytes_arriving_in_any_chunks_give_the_same_engine() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    // One byte at a time splits every character and every value somewhere.
    for chunk in [1, 3, 64, 1000, 65_536] {
        let (streamed, _) = load_chunked(&text, chunk, 5).unwrap();
        assert_eq!(streamed.bundle(), whole.bundle(), "chunks of {chunk}");
        assert_same_answers(&streamed, &whole);
    }
}

#[test]
fn seeds_indexed_while_the_download_pauses_give_the_same_engine() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    let mut loader = Loader::new();
    loader.expect_len(text.len());
    let mut chunks = text.as_bytes().chunks(2048);
    let mut indexed_while_waiting = 0;
    let engine = loop {
        match loader.step(3).unwrap() {
            Step::Ready(engine) => break engine,
            Step::Working(_) => {}
            Step::NeedInput(_) => {
                // A host whose download pauses before every chunk.
                while loader.index_waiting(2) {
                    indexed_while_waiting += 1;
                }
                match chunks.next() {
                    Some(c) => loader.push(c),
                    None => loader.end(),
                }
            }
        }
    };
    assert!(indexed_while_waiting > 1, "{indexed_while_waiting} steps of indexing while waiting");
    assert_eq!(engine.bundle(), whole.bundle());
    assert_same_answers(&engine, &whole);
}

#[test]
fn the_loader_holds_little_more_than_a_chunk_of_the_file_while_reading() {
    let text = synthetic(300);
    let chunk = 1000;
    let mut loader = Loader::new();
    let mut chunks = text.as_bytes().chunks(chunk);
    let mut most = 0;
    loop {
        match loader.step(4).unwrap() {
            Step::Ready(_) => break,
            Step::Working(_) => {}
            Step::NeedInput(_) => match chunks.next() {
                Some(c) => {
                    loader.push(c);
                    most = most.max(loader.buffered());
                }
                None => loader.end(),
            },
        }
    }
    // A seed of the fixture is a few kilobytes: the unread bytes are at most a chunk plus
    // the seed that was cut, and a few retries' worth, never the file.
    assert!(most < 8 * chunk + 20_000, "{most} bytes held of {}", text.len());
    assert!(text.len() > 10 * most, "the fixture is large enough to tell");
}

#[test]
fn progress_goes_from_reading_to_indexing_and_never_backwards() {
    let (engine, reports) = load_chunked(&fixture(), 4096, 5).unwrap();
    assert!(engine.bundle().seeds.len() > 5);
    assert_eq!(reports.first().map(|p| p.stage), Some(Stage::Reading));
    assert_eq!(reports.last().map(|p| p.stage), Some(Stage::Indexing));
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
fn a_bundle_in_another_key_order_is_refused_as_reading_it_whole_refuses_it() {
    // serde_json::Value writes keys sorted: the version comes after the seeds.
    let text = edited(|bundle| bundle["seeds"][1]["stage"] = 7.into());
    assert!(matches!(Bundle::from_json(&text), Err(BundleError::Malformed(_))));
    assert!(matches!(load(&text, 10), Err(BundleError::Malformed(_))));
    let fine = edited(|_| ());
    assert_eq!(load(&fine, 10).unwrap().0.bundle(), &Bundle::from_json(&fine).unwrap());
}

#[test]
fn wrong_format_and_future_versions_are_refused_before_reading_seeds() {
    let foreign = edited(|bundle| bundle["format"] = "something-else".into());
    assert!(matches!(load(&foreign, 10), Err(BundleError::WrongFormat { .. })));
    let future = edited(|bundle| bundle["version"] = "2.0".into());
    assert!(matches!(load(&future, 10), Err(BundleError::UnsupportedVersion { .. })));
    // Even when a seed cannot be read, the version is what a reader must hear about.
    let both = edited(|bundle| {
        bundle["version"] = "2.0".into();
        bundle["seeds"][0]["stage"] = 7.into();
    });
    assert_eq!(
        load(&both, 10).unwrap_err(),
        BundleError::UnsupportedVersion { found: "2.0".into() }
    );
}

#[test]
fn seeds_with_brackets_quotes_and_escapes_in_their_text_are_cut_correctly() {
    let bundle = Bundle::from_json(&fixture()).unwrap();
    let mut odd = bundle.clone();
    odd.seeds.truncate(3);
    let edit = |seed: &Seed, f: &dyn Fn(&mut SeedRecord)| {
        let mut r = SeedRecord::from(seed.clone());
        f(&mut r);
        Seed::from(r)
    };
    odd.seeds[0] =
        edit(&odd.seeds[0], &|r| r.title_ja = r#"括弧 ] } [ { と "引用" と \ と , を含む"#.into());
    odd.seeds[1] = edit(&odd.seeds[1], &|r| r.summary_ja = "改行\nタブ\t}],".into());
    let pretty = serde_json::to_string_pretty(&odd).unwrap();
    for text in [odd.to_json(), pretty] {
        for chunk in [1, 7, usize::MAX] {
            let (engine, _) = load_chunked(&text, chunk, 1).unwrap();
            assert_eq!(engine.bundle(), &odd);
        }
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
fn a_file_that_stops_early_is_damaged_wherever_it_stops() {
    let text = fixture();
    for cut in [0, 1, text.len() / 3, text.len() / 2, text.len() - 1] {
        let err = load_chunked(&text[..text.floor_char_boundary(cut)], 512, 3).unwrap_err();
        assert!(matches!(err, BundleError::Malformed(_)), "cut at {cut}: {err:?}");
    }
}

/// The v1.1 fixture as `seeds build` of 1.1 wrote it: with a precomputed search index whose
/// postings name seeds by their position in the list.
fn indexed_v1_1() -> serde_json::Value {
    let path = common::data_dir().join("../browser/fixtures/bundle-v1.1.json");
    let text = std::fs::read_to_string(path).expect("the v1.1 fixture");
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(bundle["index"]["data"].is_string(), "the v1.1 fixture carries an index");
    bundle
}

#[test]
fn reordered_or_edited_seeds_beside_an_old_index_get_their_own_answers() {
    let original = indexed_v1_1();
    let seeds = original["seeds"].as_array().unwrap();
    let (first, last) = (seeds[0]["id"].clone(), seeds[seeds.len() - 1]["id"].clone());
    // The seeds in reverse order, and the first one retitled, next to the untouched index.
    let mut edited = original.clone();
    edited["seeds"].as_array_mut().unwrap().reverse();
    let n = seeds.len();
    edited["seeds"][n - 1]["title_ja"] = "蛍光ゼブラフィッシュ試験系".into();
    let text = edited.to_string();
    let engines = [Engine::new(Bundle::from_json(&text).unwrap()), load(&text, 4).unwrap().0];
    for engine in &engines {
        let top = |q: &str| ranked_ids(engine, q).first().cloned();
        assert_eq!(top("ゼブラフィッシュ").as_deref(), first.as_str(), "the edited title is found");
        // Every seed is found by its own title, whatever its position.
        for seed in &engine.bundle().seeds {
            let hits = ranked_ids(engine, seed.title_ja());
            assert!(hits.iter().any(|h| h == seed.id()), "{} not found by its title", seed.id());
        }
        assert_eq!(engine.bundle().seeds[0].id(), last.as_str().unwrap());
    }
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

#[test]
fn a_small_catalogue_is_browsable_before_its_search_is_prepared_and_then_answers_in_full() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    let (early, _) = load(&text, 4).unwrap();
    assert!(!early.is_searchable(), "handed out before the index is finished");
    // Browsing (no query: facet filters and orders) does not wait for the index.
    let browse = |e: &Engine| e.search(&SearchRequest::default());
    assert_eq!(browse(&early), browse(&whole));
    assert!(!early.is_searchable(), "browsing prepared nothing");
    let mut shares = vec![early.search_prepared_fraction()];
    while !early.prepare_search(3) {
        shares.push(early.search_prepared_fraction());
    }
    assert!(shares.len() > 3, "prepared in steps: {shares:?}");
    assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
    assert_eq!(early.search_prepared_fraction(), 1.0);
    assert_same_answers(&early, &whole);
}

#[test]
fn a_search_before_the_index_is_finished_finishes_it_at_once() {
    let text = fixture();
    let whole = Engine::new(Bundle::from_json(&text).unwrap());
    let (early, _) = load(&text, 4).unwrap();
    early.prepare_search(2);
    assert!(!early.is_searchable());
    assert_eq!(ranked_ids(&early, "がん"), ranked_ids(&whole, "がん"));
    assert!(early.is_searchable());
    assert!(early.prepare_search(1), "nothing left to do");
}

#[test]
fn a_catalogue_above_the_early_start_size_is_handed_out_ready_to_search() {
    let (engine, reports) = load(&synthetic(EARLY_START_MAX_SEEDS + 1), 64).unwrap();
    assert!(engine.is_searchable());
    let fractions: Vec<f64> = reports.iter().map(LoadProgress::fraction).collect();
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "progress never goes back");
    let (small, _) = load(&synthetic(EARLY_START_MAX_SEEDS), 64).unwrap();
    assert!(!small.is_searchable(), "up to the limit, browsing comes first");
}
