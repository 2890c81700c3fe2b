//! Absurdly long unbroken text: `seeds build` warns about it once per field, at
//! `file:row:column`, and the engine cuts such a run to its first
//! `seed_core::tokenize::MAX_TOKEN_CHARS` characters at index and at query time alike, so it
//! is one short term that a query of the same run still finds.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, seeds, seeds_ok, stderr};
use seed_core::tokenize::MAX_TOKEN_CHARS;

/// A seeds sheet with one seed whose title holds a 5,000-letter run and whose summary holds
/// two 100-letter runs; returns (institutions, seeds).
fn sheets(dir: &Path) -> (PathBuf, PathBuf) {
    let csv = dir.join("seeds.csv");
    let title = format!("長い{}題名", "x".repeat(5_000));
    let summary = format!("{} と {}", "y".repeat(100), "z".repeat(100));
    let text = format!(
        "シーズID,機関ID,タイトル,概要,キーワード,分野,開発段階,更新日\n\
         long-1,kita-med,{title},{summary},普通の語,医薬品,非臨床,2025-06-01\n\
         short-1,kita-med,短い題名,普通の概要,がん,医薬品,非臨床,2025-06-01\n"
    );
    std::fs::write(&csv, text).unwrap();
    (fixtures().join("formats/csv-utf8/institutions.csv"), csv)
}

#[test]
fn the_builder_warns_once_per_field_about_an_unbroken_run_longer_than_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let (institutions, csv) = sheets(dir.path());
    let o = seeds(&["check".as_ref(), institutions.as_os_str(), csv.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("without a break")).collect();
    let title = format!(
        "seeds.csv:2:タイトル: warning: seed \"long-1\": 5000 letters and digits without a break \
         (\"{}\"…); search reads only the first {MAX_TOKEN_CHARS}",
        "x".repeat(16)
    );
    let summary = format!(
        "seeds.csv:2:概要: warning: seed \"long-1\": 100 letters and digits without a break (\"{}\"…)",
        "y".repeat(16)
    );
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(warnings[0].contains(&title), "{err}");
    assert!(warnings[1].contains(&summary), "{err}");
}

#[test]
fn a_query_of_the_same_long_run_finds_the_seed_by_its_first_characters() {
    let dir = tempfile::tempdir().unwrap();
    let (institutions, csv) = sheets(dir.path());
    let bundle = dir.path().join("bundle.json");
    seeds_ok(&[
        "build".as_ref(),
        institutions.as_os_str(),
        csv.as_os_str(),
        "-o".as_ref(),
        bundle.as_os_str(),
    ]);
    // The same first 64 letters, then something else: both are cut to the same term.
    let query = format!("{}{}", "x".repeat(MAX_TOKEN_CHARS), "q".repeat(40));
    for extra in [&[][..], &["--json"][..]] {
        let mut args = vec!["query", bundle.to_str().unwrap(), &query];
        args.extend(extra);
        let o = seeds_ok(&args);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("long-1"), "{out}");
        assert!(!out.contains("short-1"), "{out}");
    }
}
