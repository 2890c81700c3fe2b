//! Bundles carry no search index (format 1.2): `seeds build` writes none, every reader indexes
//! the seeds itself, and an index an older version wrote into a bundle is reported by
//! `seeds stats` and never used — so seeds that were reordered or edited by hand next to it
//! still get their own answers.

mod common;

use common::{build_valid, read_json, seeds_ok};

fn stats_line(bundle: &std::path::Path) -> String {
    let o = seeds_ok(&["stats", bundle.to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    text.lines().find(|l| l.starts_with("search index:")).unwrap_or_default().to_string()
}

fn query(bundle: &std::path::Path, q: &str) -> serde_json::Value {
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), q, "--json"]);
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn build_writes_no_index_and_stats_says_readers_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let json = read_json(&bundle);
    assert_eq!(json["version"], "1.2");
    assert!(json.get("index").is_none());
    assert_eq!(stats_line(&bundle), "search index: built by each reader while loading");
    // The flag of older versions is still accepted, and changes nothing.
    let again = tempfile::tempdir().unwrap();
    let without = build_valid(again.path(), &["--no-index"]);
    assert_eq!(read_json(&without)["seeds"], json["seeds"]);
}

#[test]
fn an_old_index_next_to_reordered_and_edited_seeds_is_not_used() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/browser/fixtures/bundle-v1.1.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(json["index"]["data"].is_string(), "the 1.1 fixture carries an index");
    let seeds = json["seeds"].as_array_mut().unwrap();
    seeds.reverse();
    let last = seeds.len() - 1;
    seeds[last]["title_ja"] = "蛍光ゼブラフィッシュ試験系".into();
    let edited_id = seeds[last]["id"].clone();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("edited.json");
    std::fs::write(&bundle, json.to_string()).unwrap();
    assert_eq!(
        stats_line(&bundle),
        "search index: the file carries an index from an older version, not used: \
         built by each reader while loading"
    );
    let hits = query(&bundle, "ゼブラフィッシュ");
    assert_eq!(hits[0]["id"], edited_id, "{hits}");
    for seed in json["seeds"].as_array().unwrap() {
        let hits = query(&bundle, seed["title_ja"].as_str().unwrap());
        let found = hits.as_array().unwrap().iter().any(|h| h["id"] == seed["id"]);
        assert!(found, "{} not found by its own title: {hits}", seed["id"]);
    }
}
