//! Runs the real `seeds` binary on the files under tests/cli/ and checks what a data maintainer
//! and a script would see: exit codes, messages and the bundle or JSON written.

mod common;

use common::{build_valid, fixtures, read_json, repo, seeds, seeds_ok, stderr};
use serde_json::Value;

#[test]
fn build_writes_a_versioned_bundle_with_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = read_json(build_valid(dir.path(), &[]));
    assert_eq!(bundle["format"], "seed-explorer-bundle");
    assert_eq!(bundle["version"], "1.2");
    assert_eq!(bundle["seeds"].as_array().unwrap().len(), 4);
    assert_eq!(bundle["institutions"].as_array().unwrap().len(), 3);
    assert_eq!(bundle["synonyms"][0], serde_json::json!(["がん", "癌", "ガン", "cancer"]));
}

#[test]
fn build_summarises_records_read_written_and_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    let o =
        seeds(&["build", fixtures().join("valid").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    // Two seeds lack English: three warnings (kita-002 has no English summary, hinata-001 neither).
    let summary = "seeds: read 4, written 4, rejected 0; institutions: read 3, written 3, rejected 0; 3 warnings";
    assert!(stderr(&o).lines().any(|l| l == summary), "{}", stderr(&o));
}

#[test]
fn build_names_every_rejected_record_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    let input = fixtures().join("invalid/catalog.json");
    let o = seeds(&["build", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let err = stderr(&o);
    let file = input.display().to_string();
    for line in [
        format!("{file}:2:stage: error: seed \"bad-stage\": unknown value \"preclinica\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"),
        format!("{file}:3:title_ja: error: seed \"no-title\": required field is missing"),
        format!("{file}:4:id: error: seed \"ok-001\": duplicate seed id \"ok-001\" (first used at {file}:1)"),
        format!("{file}:5:institution: error: seed \"bad-inst\": unknown institution \"nowhere\""),
        format!("{file}:6:contact_url: error: seed \"bad-link\": \"javascript:alert(1)\" is not an http(s) URL"),
        "seeds: read 6, written 1, rejected 5; institutions: read 1, written 1, rejected 0; 0 warnings".to_string(),
        format!("{file}:2:stage: rejected seed \"bad-stage\""),
        "no bundle written: 5 record(s) rejected (use --publish-anyway to write the valid records)".to_string(),
    ] {
        assert!(err.lines().any(|l| l == line), "missing {line:?} in:\n{err}");
    }
}

#[test]
fn check_validates_without_writing() {
    seeds_ok(&["check", fixtures().join("valid").to_str().unwrap()]);
    let o = seeds(&["check", fixtures().join("invalid").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn query_json_lists_ids_and_scores_in_rank_order() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), "カテーテル", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["id"], "kita-002");
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn query_marks_the_seeds_like_the_matches_that_follow_fewer_than_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.json");
    let data = repo().join("data");
    seeds_ok(&["build", data.to_str().unwrap(), "-o", bundle.to_str().unwrap()]);
    // One sample seed is about epilepsy; the rest of the page is seeds like it.
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), "epilepsy", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    let similar: Vec<bool> =
        rows.as_array().unwrap().iter().map(|r| r["similar"].as_bool().unwrap_or(false)).collect();
    assert!(similar.len() > 1 && !similar[0], "{similar:?}");
    assert!(similar[1..].iter().all(|&s| s), "the matches come first: {similar:?}");
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), "epilepsy"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("1 matching, then the seeds most like them"), "{text}");
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), "\"epilepsy\"", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1, "a phrase asks for exactly that");
}

#[test]
fn needs_ranks_seeds_for_a_statement_with_the_terms_each_matched() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let text = "カテーテルを使った新しい治療の技術を探しています";
    let o = seeds_ok(&["needs", bundle.to_str().unwrap(), text, "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["id"], "kita-002");
    for r in rows {
        let terms = r["matched_terms"].as_array().unwrap();
        assert!(!terms.is_empty(), "a match without a matched term: {r}");
    }
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let o = seeds_ok(&["needs", bundle.to_str().unwrap(), text]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.lines().any(|l| l.starts_with("terms: ") && l.contains("カテーテル")), "{out}");
}

#[test]
fn query_filters_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let o = seeds(&["query", bundle.to_str().unwrap(), "", "--filter", "stage=clinical", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> =
        rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["kita-002"]);
    let o = seeds(&["query", bundle.to_str().unwrap(), "", "--limit", "2", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
}

#[test]
fn query_names_an_unknown_filter_key_instead_of_matching_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = build_valid(dir.path(), &[]);
    let o = seeds(&["query", bundle.to_str().unwrap(), "", "--filter", "stages=clinical"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "no results are printed");
    let err = stderr(&o);
    assert!(
        err.contains("--filter \"stages=clinical\": unknown facet \"stages\" (fields, stage,"),
        "{err}"
    );
}

#[test]
fn query_refuses_a_bundle_of_another_major_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.json");
    std::fs::write(&path, r#"{"format":"seed-explorer-bundle","version":"2.0"}"#).unwrap();
    let o = seeds(&["query", path.to_str().unwrap(), "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bundle version 2.0 is not supported; this app reads version 1.x"),
        "{}",
        stderr(&o)
    );
}
