//! The built-in dictionaries on a catalogue built from an institution's own sheets
//! (tests/cli/dictionaries/: Japanese only, no synonyms file, no glossary): what the bundle gets,
//! what an English query then finds through `seeds query --json`, and how a maintainer's files
//! and `--no-default-synonyms` change that.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::{fixtures, read_json, repo, seeds, seeds_ok, stderr};
use serde_json::Value;

/// The Japanese-only catalogue, tests/cli/dictionaries/.
fn sheets() -> PathBuf {
    fixtures().join("dictionaries")
}

/// Builds `inputs` into `dir/bundle.json` with `extra` arguments; returns the bundle's path and
/// what the build printed.
fn build(dir: &Path, inputs: &[&Path], extra: &[&str]) -> (PathBuf, String) {
    let out = dir.join("bundle.json");
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|a| a.to_string()));
    let o = seeds_ok(&args);
    (out, stderr(&o))
}

/// The ids `seeds query BUNDLE TEXT --json` returns, in rank order.
fn query(bundle: &Path, text: &str) -> Vec<String> {
    let o = seeds_ok(&["query", bundle.to_str().unwrap(), text, "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

/// The bundle's synonym groups (a bundle without any leaves the field out).
fn groups(bundle: &Path) -> Vec<Vec<String>> {
    match read_json(bundle).get("synonyms") {
        Some(g) => serde_json::from_value(g.clone()).unwrap(),
        None => Vec::new(),
    }
}

fn group(terms: &[&str]) -> Vec<String> {
    terms.iter().map(|t| t.to_string()).collect()
}

/// `(English, Japanese)` pairs of a TSV in the built-in dictionaries' folder, lower-cased.
fn builtin_pairs(file: &str) -> Vec<(String, String)> {
    let path = repo().join("crates/ingest/data").join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (en, ja) = l.split_once('\t').unwrap();
            (en.to_lowercase(), ja.to_lowercase())
        })
        .collect()
}

#[test]
fn a_catalogue_without_a_synonyms_file_gets_the_built_in_dictionaries() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, err) = build(dir.path(), &[&sheets()], &[]);
    // English queries, and the Japanese-only seed each of them is about.
    for (english, id) in [
        ("pancreatic cancer", "d-003"), // a built-in synonym group
        ("periodontitis", "d-001"),     // a built-in addition
        ("endoscopy", "d-002"),         // a built-in addition
        ("saliva", "d-001"),            // a MEDUTX pair
    ] {
        assert_eq!(query(&bundle, english).first().map(String::as_str), Some(id), "{english}");
    }
    let builtin = err.lines().find(|l| l.starts_with("synonyms: ")).unwrap();
    assert!(builtin.ends_with("built-in groups, 0 from synonyms*.tsv"), "{err}");
    let glossary = err.lines().find(|l| l.starts_with("glossary: ")).unwrap();
    assert!(glossary.contains("built-in additions") && glossary.contains("0 from glossary files"));
    let n: usize = builtin["synonyms: ".len()..].split(' ').next().unwrap().parse().unwrap();
    assert!(groups(&bundle).len() > n, "the groups and the kept glossary pairs");
}

#[test]
fn the_built_in_groups_join_kana_and_kanji_spellings_and_lay_and_medical_words() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, _) = build(dir.path(), &[&sheets()], &[]);
    let plain_dir = dir.path().join("plain");
    std::fs::create_dir_all(&plain_dir).unwrap();
    let (plain, _) = build(&plain_dir, &[&sheets()], &["--no-default-synonyms"]);
    let table = repo().join("tests/cli/builtin-synonyms.tsv");
    let text = std::fs::read_to_string(&table).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 10, "{} rows in {}", rows.len(), table.display());
    for row in rows {
        let [behaviour, text, ids] = row.as_slice() else { panic!("not 3 columns: {row:?}") };
        let want: Vec<String> = ids.split(' ').map(str::to_string).collect();
        let got = query(&bundle, text);
        assert!(got.starts_with(&want), "{behaviour}: {text} found {got:?}");
        let without = query(&plain, text);
        assert!(
            !want.iter().any(|id| without.contains(id)),
            "{text} finds {without:?} without the built-in groups: the test proves nothing"
        );
    }
}

#[test]
fn no_default_synonyms_leaves_the_built_in_dictionaries_out() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, err) = build(dir.path(), &[&sheets()], &["--no-default-synonyms"]);
    assert_eq!(groups(&bundle), Vec::<Vec<String>>::new());
    for english in ["pancreatic cancer", "periodontitis", "endoscopy"] {
        assert_eq!(query(&bundle, english), Vec::<String>::new(), "{english}");
    }
    assert!(err.lines().any(|l| l == "synonyms: 0 built-in groups, 0 from synonyms*.tsv"), "{err}");
    let o = seeds(&["check", sheets().to_str().unwrap(), "--no-default-synonyms"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_maintainers_synonyms_and_glossary_add_to_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own");
    std::fs::create_dir_all(own.join("glossary")).unwrap();
    std::fs::write(own.join("synonyms.tsv"), "ノビレチン\tnobiletin\n").unwrap();
    std::fs::write(own.join("glossary/citrus.tsv"), "en\tja\nshiikuwasa\tシークヮーサー\n")
        .unwrap();
    let (bundle, err) = build(dir.path(), &[&sheets(), &own], &[]);
    assert_eq!(query(&bundle, "nobiletin"), ["d-005"], "the maintainer's group");
    assert_eq!(query(&bundle, "shiikuwasa"), ["d-005"], "the maintainer's glossary");
    assert_eq!(query(&bundle, "periodontitis").first().map(String::as_str), Some("d-001"));
    let all = groups(&bundle);
    assert_eq!(all[0], group(&["ノビレチン", "nobiletin"]), "the maintainer's groups come first");
    assert!(all.contains(&group(&[
        "膵がん",
        "膵癌",
        "膵臓がん",
        "膵臓癌",
        "すい臓がん",
        "pancreatic cancer"
    ])));
    assert!(all.contains(&group(&["シークヮーサー", "shiikuwasa"])));
    assert!(err.contains(", 1 from synonyms*.tsv"), "{err}");
    assert!(err.contains(", 1 from glossary files)"), "{err}");
}

#[test]
fn an_excluded_pair_is_never_in_a_bundle_even_from_a_maintainers_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("glossary");
    std::fs::create_dir_all(&own).unwrap();
    // Two excluded MEDUTX pairs offered again by the maintainer.
    std::fs::write(own.join("mine.tsv"), "alveolar abscess\t歯周炎\ndepression\t低下\n").unwrap();
    let (bundle, _) = build(dir.path(), &[&sheets(), &own], &[]);
    let excluded: HashSet<(String, String)> =
        builtin_pairs("glossary-exclusions.tsv").into_iter().collect();
    assert!(excluded.contains(&("alveolar abscess".into(), "歯周炎".into())));
    let all = groups(&bundle);
    for g in &all {
        let [ja, en] = g.as_slice() else { continue };
        let pair = (en.to_lowercase(), ja.to_lowercase());
        assert!(!excluded.contains(&pair), "excluded pair {pair:?} in the bundle");
    }
    // The seeds do contain 歯周炎 and 低下: their correct pairs are there.
    assert!(all.contains(&group(&["歯周炎", "periodontitis"])));
    assert!(all.contains(&group(&["低下", "decline"])));
    assert_eq!(query(&bundle, "depression"), Vec::<String>::new());
    assert_eq!(query(&bundle, "alveolar abscess"), Vec::<String>::new());
}

#[test]
fn the_added_pairs_whose_japanese_occurs_are_in_the_bundle_and_the_others_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, _) = build(dir.path(), &[&sheets()], &[]);
    let all: HashSet<(String, String)> = groups(&bundle)
        .into_iter()
        .filter(|g| g.len() == 2)
        .map(|g| (g[1].to_lowercase(), g[0].to_lowercase()))
        .collect();
    let added = builtin_pairs("glossary-additions.tsv");
    for pair in [
        ("periodontitis", "歯周炎"),
        ("periodontitis", "歯周病"),
        ("endoscopy", "内視鏡"),
        ("colonoscopy", "大腸内視鏡"),
        ("urine test", "尿検査"),
        ("blood sugar", "血糖"),
        ("walking", "歩行"),
    ] {
        let pair = (pair.0.to_string(), pair.1.to_string());
        assert!(added.contains(&pair), "{pair:?} is not an addition any more");
        assert!(all.contains(&pair), "{pair:?} missing from the bundle");
    }
    for pair in [("heart", "心臓"), ("wheelchair", "車椅子"), ("pressure ulcer", "褥瘡")] {
        let pair = (pair.0.to_string(), pair.1.to_string());
        assert!(added.contains(&pair), "{pair:?} is not an addition any more");
        assert!(!all.contains(&pair), "{pair:?}: its Japanese term is not in these seeds");
    }
}
