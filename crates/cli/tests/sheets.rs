//! Real sheets in without hand-editing: `seeds map` writes a mapping sheet for a sheet as it
//! was sent, and `seeds check` / `seeds build --mapping` read the sheet with it
//! (tests/cli/sheets/: real public data, each with its mapping sheet).

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, read_json, seeds, seeds_ok, stderr};

/// The KAKEN export fixture: the sheet and its mapping sheet.
fn kaken() -> (PathBuf, PathBuf) {
    let dir = fixtures().join("sheets/kaken");
    (dir.join("kaken-export.csv"), dir.join("kaken-export.mapping.csv"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The rows of a mapping sheet as text.
fn rows(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.trim_start_matches('\u{feff}').lines().map(str::to_string).collect()
}

/// Lines of a check's stderr before its summary line.
fn before_summary(err: &str) -> Vec<&str> {
    err.lines().take_while(|l| !l.starts_with("seeds: read")).collect()
}

#[test]
fn seeds_map_writes_the_committed_mapping_sheet_but_for_the_constants_a_person_typed() {
    let (sheet, mapping) = kaken();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mapping.csv");
    let o = seeds_ok(&["map", s(&sheet), "-o", s(&out)]);
    let err = stderr(&o);
    assert!(err.contains("  キーワード → keywords_ja: the heading is one the builder reads as keywords_ja; \" / \" separates the values in 149 of 150 rows"), "{err}");
    assert!(
        err.contains(
            "  (institution): no column: write your institution's id or name in `constant`"
        ),
        "{err}"
    );
    let (written, committed) = (rows(&out), rows(&mapping));
    assert_eq!(written.len(), committed.len());
    let edited: Vec<(&String, &String)> =
        written.iter().zip(&committed).filter(|(w, c)| w != c).collect();
    assert_eq!(
        edited,
        [
            (&",institution,,,,".to_string(), &",institution,科研費採択課題,,,".to_string()),
            (&",stage,,,,".to_string(), &",stage,基礎研究,,,".to_string()),
        ],
        "a person filled in two constants"
    );
    // An existing mapping sheet may hold edits: it is not overwritten without --force.
    let o = seeds(&["map", s(&sheet), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("exists and may hold your edits"), "{}", stderr(&o));
}

#[test]
fn a_kaken_export_builds_with_its_mapping_sheet_into_seeds_with_split_keywords() {
    let (sheet, mapping) = kaken();
    let filled = rows(&mapping)
        .iter()
        .skip(1)
        .filter(|r| {
            let cells: Vec<&str> = r.split(',').collect();
            !cells[1].is_empty() && cells.iter().enumerate().any(|(i, c)| i != 1 && !c.is_empty())
        })
        .count();
    assert!(filled <= 12, "{filled} filled rows");
    let check = seeds_ok(&["check", "--mapping", s(&mapping), s(&sheet)]);
    let err = stderr(&check);
    assert!(before_summary(&err).len() <= 40, "{err}");
    assert!(
        err.lines().any(|l| l == "seeds: read 150, written 150, rejected 0; institutions: read 0, written 0, rejected 0, created 1 from the seeds; 8 warnings"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kaken.json");
    seeds_ok(&["build", "--mapping", s(&mapping), s(&sheet), "-o", s(&out)]);
    let bundle = read_json(&out);
    let seeds = bundle["seeds"].as_array().unwrap();
    assert_eq!(seeds.len(), 150);
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for (row, seed) in reader.records().map(Result::unwrap).zip(seeds) {
        assert_eq!(seed["id"], row[1], "the grant number is the id");
        assert_eq!(seed["title_ja"], row[0]);
        let keywords: Vec<&str> = row[2].split(" / ").collect();
        assert_eq!(seed["keywords_ja"], serde_json::json!(keywords), "keywords split on \" / \"");
        assert_eq!(seed["stage"], "basic", "the constant 基礎研究, read as its id");
        assert_eq!(seed["fields"], serde_json::json!([]), "not given");
        assert_eq!(seed["institution"], "科研費採択課題");
    }
    assert_eq!(bundle["institutions"][0]["name_ja"], "科研費採択課題");
    assert_eq!(bundle["institutions"][0]["region"], "");
}

#[test]
fn a_bad_mapping_sheet_stops_the_run_naming_its_rows() {
    let (sheet, _) = kaken();
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.csv");
    std::fs::write(
        &mapping,
        "heading,field,constant,separator,from,to\n研究課題名,title_ja,,,,\nキーワード,title_ja,,,,\n",
    )
    .unwrap();
    let o = seeds(&["check", "--mapping", s(&mapping), s(&sheet)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().collect::<Vec<_>>(),
        [
            format!("{}:3:field: error: \"研究課題名\" (row 2) and \"キーワード\" (row 3) both map to title_ja; keep one and leave the other's field empty", mapping.display()).as_str(),
            "check failed: the mapping sheet has 1 error(s) (nothing else was read)",
        ]
    );
}

/// A CSV of seeds in `dir`, one row per stage value, with the usual columns.
fn sheet_with_stages(dir: &Path, stages: &[&str]) -> PathBuf {
    let mut csv = String::from("シーズID,機関ID,タイトル,概要,分野,開発段階,更新日\n");
    for (i, stage) in stages.iter().enumerate() {
        csv.push_str(&format!("s{i},u1,題{i},概要,drug,{stage},2025-04-01\n"));
    }
    let path = dir.join("seeds.csv");
    std::fs::write(&path, csv).unwrap();
    std::fs::write(
        dir.join("institutions.csv"),
        "機関ID,機関名,都道府県\nu1,第一大学,13(東京都)\n",
    )
    .unwrap();
    path
}

#[test]
fn many_problems_of_one_kind_are_counted_shown_by_example_and_every_rejected_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut stages = vec!["非臨"; 12];
    stages[5] = "basic";
    let sheet = sheet_with_stages(dir.path(), &stages);
    let file = sheet.display().to_string();
    let o = seeds(&["check", s(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let grouped: Vec<&str> =
        err.lines().skip_while(|l| !l.ends_with("the first 3:")).take(5).collect();
    assert_eq!(
        grouped,
        [
            format!("{file}:開発段階: error: value not in the vocabulary in 11 rows; the first 3:").as_str(),
            &format!("  {file}:2:開発段階: error: seed \"s0\": unknown value \"非臨\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"),
            &format!("  {file}:3:開発段階: error: seed \"s1\": unknown value \"非臨\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"),
            &format!("  {file}:4:開発段階: error: seed \"s2\": unknown value \"非臨\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"),
            "  … and 8 more (--verbose prints every one)",
        ]
    );
    assert!(
        err.contains(&format!(
            "{file}:開発段階: error: value not in the vocabulary in 11 rows; the first 3:"
        )),
        "{err}"
    );
    assert!(err.contains("  … and 8 more (--verbose prints every one)"), "{err}");
    assert!(
        err.contains(&format!(
            "{file}: rejected 11 records (row:column): 2-6:開発段階, 8-13:開発段階"
        )),
        "{err}"
    );
    let verbose = stderr(&seeds(&["check", "--verbose", s(dir.path())]));
    let unknown = verbose.lines().filter(|l| l.contains("unknown value \"非臨\"")).count();
    assert_eq!(unknown, 11, "--verbose prints every one");
    let rejected = verbose.lines().filter(|l| l.contains(": rejected seed \"")).count();
    assert_eq!(rejected, 11, "--verbose names every rejected record on its own line");
}

#[test]
fn one_sheet_is_enough_its_institutions_are_created_with_the_regions_it_gives() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("seeds.csv");
    std::fs::write(
        &sheet,
        "タイトル,研究機関,都道府県,キーワード\n\
         がんの研究,北海道大学,01(北海道),がん / 免疫\n\
         免疫の研究,東京大学,Tokyo,免疫 / T細胞\n\
         創薬の研究,北海道大学,01(北海道),創薬\n",
    )
    .unwrap();
    let out = dir.path().join("b.json");
    let o = seeds_ok(&["build", s(&sheet), "-o", s(&out)]);
    let err = stderr(&o);
    assert!(
        err.contains("  id: no column; ids are derived from the institution and title_ja"),
        "{err}"
    );
    assert!(
        err.contains(
            "  キーワード → keywords_ja: list separator \" / \" (detected, splits 2 of 3 rows)"
        ),
        "{err}"
    );
    assert!(err.contains("warning: institution \"北海道大学\" (2 seeds) is not in the inputs and was created from the seeds: no English name, no website;"), "{err}");
    assert!(
        err.contains("institutions: read 0, written 0, rejected 0, created 2 from the seeds;"),
        "{err}"
    );
    let bundle = read_json(&out);
    let regions: Vec<(&str, &str)> = bundle["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["region"].as_str().unwrap()))
        .collect();
    assert_eq!(regions, [("北海道大学", "hokkaido"), ("東京大学", "tokyo")]);
    let ids: Vec<&str> =
        bundle["seeds"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(
        ids.iter().all(|id| id.starts_with("北海道大学-") || id.starts_with("東京大学-")),
        "{ids:?}"
    );
    // Derived ids are stable: a second build gives the same.
    let again = dir.path().join("again.json");
    seeds_ok(&["build", s(&sheet), "-o", s(&again)]);
    assert_eq!(read_json(&again)["seeds"], bundle["seeds"]);
}

#[test]
fn seeds_stats_lists_the_gaps_per_institution() {
    let (sheet, mapping) = kaken();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kaken.json");
    seeds_ok(&["build", "--mapping", s(&mapping), s(&sheet), "-o", s(&out)]);
    let o = seeds_ok(&["stats", s(&out), "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        stats["gaps_by_institution"],
        serde_json::json!([{"id": "科研費採択課題", "seeds": 150, "missing": {"fields": 150, "summary_ja": 150, "updated": 150}, "no_region": true}])
    );
    let fields = stats["facets"].as_array().unwrap().iter().find(|f| f["key"] == "fields").unwrap();
    assert_eq!(fields["unspecified"], 150, "not given counts as unspecified");
    let report = String::from_utf8(seeds_ok(&["stats", s(&out)]).stdout).unwrap();
    assert!(report.contains("Gaps per institution (seeds without)"), "{report}");
    assert!(
        report.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["科研費採択課題", "150", "150", "0", "150", "150", "未設定", "/", "not", "given"]),
        "{report}"
    );
}

/// A sheet shaped like the one of the issue that asked for all this: KAKEN headings, two
/// research-field columns, researchers with their affiliations, ` / ` keywords, multi-line
/// summaries, the ministries' prefecture form, no institution, stage or date.
const KAKEN_SHAPED: &str = "研究課題/領域番号,研究課題名,研究代表者,キーワード,研究分野,研究分野(KAKEN),研究内容,研究内容 (英文),都道府県\n\
    22K00001,がん免疫の研究,\"北海 太郎  A大学, 医学部, 教授 (10000001)\",がん / 免疫 / T細胞,医用システム,小区分90110:生体医工学関連,\"一行目。\n二行目。\",Line one.,01(北海道)\n\
    22K00002,創薬基盤の研究,\"札幌 花子  A大学, 薬学部, 准教授 (10000002)\",創薬 / 化合物,生体医工学,小区分90120:生体材料学関連,概要。,,01(北海道)\n";

#[test]
fn a_sheet_shaped_like_a_kaken_export_is_refused_as_is_and_reads_after_seeds_map_and_one_edit() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("kaken.csv");
    std::fs::write(&sheet, KAKEN_SHAPED).unwrap();
    // As it is, the two research-field columns would be merged: an error naming both.
    let o = seeds(&["check", s(&sheet)]);
    assert_eq!(o.status.code(), Some(1));
    let line = format!("{}:1:研究分野(KAKEN): error: \"研究分野(KAKEN)\" and \"研究分野\" both map to fields; keep one, or say which to read in a mapping sheet (seeds map writes one)", sheet.display());
    assert!(stderr(&o).lines().any(|l| l == line), "{}", stderr(&o));
    assert!(stderr(&o).lines().last().unwrap().starts_with(
        "hint: for a sheet that does not follow the template, `seeds map SHEET -o mapping.csv`"
    ));
    let mapping = dir.path().join("m.csv");
    let o = seeds_ok(&["map", s(&sheet), "-o", s(&mapping)]);
    assert!(stderr(&o).contains("  研究分野(KAKEN) → (left out): the heading is one the builder reads as fields, but only 0 of its 2 distinct values are in the fields vocabulary"), "{}", stderr(&o));
    // The one edit: the institution, for every row.
    let text = std::fs::read_to_string(&mapping)
        .unwrap()
        .replace(",institution,,,,", ",institution,A大学,,,");
    std::fs::write(&mapping, text).unwrap();
    let out = dir.path().join("b.json");
    let o = seeds_ok(&["build", "--mapping", s(&mapping), s(&sheet), "-o", s(&out)]);
    assert!(stderr(&o).contains("seeds: read 2, written 2, rejected 0;"), "{}", stderr(&o));
    let bundle = read_json(&out);
    let seed = &bundle["seeds"][0];
    assert_eq!(seed["id"], "22K00001");
    assert_eq!(seed["keywords_ja"], serde_json::json!(["がん", "免疫", "T細胞"]));
    assert_eq!(seed["summary_ja"], "一行目。\n二行目。", "a multi-line cell stays one summary");
    assert_eq!(seed["summary_en"], "Line one.");
    assert_eq!(
        seed["researchers"],
        serde_json::json!(["北海 太郎  A大学, 医学部, 教授 (10000001)"]),
        "commas do not split"
    );
    assert_eq!(seed["fields"], serde_json::json!([]), "neither research-field column was read");
    assert_eq!(bundle["institutions"][0]["region"], "hokkaido", "01(北海道)");
}
