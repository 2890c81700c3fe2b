//! `seeds build` writes the precomputed search index into the bundle (unless `--no-index`),
//! `seeds stats` says whether a bundle has one it can use, and the index changes no answer:
//! `seeds query` ranks the same with and without it.

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
fn build_writes_a_precomputed_index_that_stats_reports_usable() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let json = read_json(&bundle);
    assert_eq!(json["version"], "1.1");
    assert_eq!(json["index"]["scheme"], seed_core::index::packed::SCHEME);
    assert!(json["index"]["data"].as_str().is_some_and(|d| !d.is_empty()));
    assert_eq!(stats_line(&bundle), "search index: precomputed");
}

#[test]
fn no_index_leaves_it_out_and_queries_rank_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let with = build_valid(dir.path(), &[]);
    let without_dir = tempfile::tempdir().unwrap();
    let without = build_valid(without_dir.path(), &["--no-index"]);
    assert!(read_json(&without).get("index").is_none());
    assert_eq!(stats_line(&without), "search index: none (browsers index the seeds while loading)");
    for q in ["がん", "カテーテル", "iPS", "drug", "再生"] {
        assert_eq!(query(&with, q), query(&without, q), "query {q:?}");
    }
}

#[test]
fn a_stale_index_is_reported_and_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let mut json = read_json(&bundle);
    let seeds = json["seeds"].as_array_mut().unwrap();
    let removed = seeds.pop().unwrap();
    let n = seeds.len();
    std::fs::write(&bundle, json.to_string()).unwrap();
    assert_eq!(
        stats_line(&bundle),
        format!(
            "search index: not usable: the index is for {} seeds, the bundle has {n} \
             (browsers index the seeds while loading)",
            n + 1
        )
    );
    let id = removed["id"].as_str().unwrap();
    let hits = query(&bundle, removed["title_ja"].as_str().unwrap());
    assert!(hits.as_array().unwrap().iter().all(|h| h["id"] != id), "{hits}");
}
