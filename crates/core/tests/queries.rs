//! Data-driven search cases: every line of tests/data/queries*.tsv is a query with the seeds
//! it must (or must not) find. All failing lines are reported together.

mod common;

use std::collections::BTreeSet;

use common::{engine, ids, streamed_engine};
use seed_core::{Engine, Facet, Filters, SearchRequest, Sort};

fn request(query: &str, options: &str) -> SearchRequest {
    let mut req = SearchRequest {
        query: if query == "-" { String::new() } else { query.to_string() },
        ..Default::default()
    };
    let mut filters = Filters::default();
    if options != "-" {
        for opt in options.split(',') {
            let (k, v) = opt.split_once('=').unwrap_or_else(|| panic!("bad option {opt:?}"));
            if k == "sort" {
                req.sort = v.parse::<Sort>().expect("sort");
            } else {
                filters.insert(k.parse::<Facet>().expect("facet"), v);
            }
        }
    }
    req.filters = filters;
    req
}

fn check(engine: &Engine, line: &str) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let [behaviour, query, options, check, rest @ ..] = cols.as_slice() else {
        return Err(format!("malformed line {line:?}"));
    };
    let want: Vec<&str> = rest.first().map(|s| s.split_whitespace().collect()).unwrap_or_default();
    let resp = engine.search(&request(query, options));
    let got = ids(resp.matches());
    let similar = ids(&resp.hits[got.len()..]);
    let got_set: BTreeSet<&str> = got.iter().map(String::as_str).collect();
    let want_set: BTreeSet<&str> = want.iter().copied().collect();
    let ok = match *check {
        "set" => got_set == want_set && !resp.relaxed,
        "first" => got.len() >= want.len() && got.iter().zip(&want).all(|(g, w)| g == w),
        "has" => want_set.is_subset(&got_set),
        "not" => want_set.is_disjoint(&got_set),
        "before" => {
            let pos = |id: &str| got.iter().position(|g| g == id);
            let first = pos(want[0]);
            first.is_some() && want[1..].iter().all(|w| pos(w).is_none_or(|p| Some(p) > first))
        }
        "none" => got.is_empty() && !resp.relaxed,
        "relaxed" => resp.relaxed && want_set.is_subset(&got_set),
        "count" => got.len().to_string() == want.join(""),
        "similar" => want.iter().all(|w| similar.iter().any(|s| s == w)),
        "nosimilar" => similar.is_empty(),
        other => return Err(format!("unknown check {other:?} in {line:?}")),
    };
    if ok {
        Ok(())
    } else {
        let scores: Vec<String> = resp
            .hits
            .iter()
            .zip(got.iter().chain(&similar))
            .take(12)
            .map(|(h, id)| format!("{id}={:.2}", h.score))
            .collect();
        Err(format!(
            "{behaviour}\n    query {query:?} {options} {check} {want:?}\n    got (relaxed={}, similar={}) {}",
            resp.relaxed,
            resp.similar,
            scores.join(" ")
        ))
    }
}

#[test]
fn every_query_case_in_tests_data_finds_what_it_should() {
    run_cases(engine());
}

#[test]
fn every_query_case_finds_the_same_when_the_bundle_streams_in_chunks() {
    run_cases(streamed_engine());
}

fn run_cases(engine: &Engine) {
    let mut files: Vec<_> = std::fs::read_dir(common::data_dir())
        .expect("tests/data")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("queries") && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/data/queries*.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read cases");
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            cases += 1;
            if let Err(e) = check(engine, line) {
                failures.push(format!(
                    "{}:{}: {e}",
                    f.file_name().unwrap().to_string_lossy(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} query cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
