//! The same records in every input format build the same bundle: JSON, CSV (UTF-8, UTF-8 with
//! BOM, Shift_JIS), TSV and XLSX (tests/cli/formats/), JSON converted to CSV, and the
//! institutions' templates.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, read_json, repo, seeds, seeds_ok, stderr};
use serde_json::Value;

/// Builds `inputs` into `dir/name` and returns the bundle's bytes and the build's stderr.
fn build(dir: &Path, name: &str, inputs: &[PathBuf]) -> (Vec<u8>, String) {
    let out = dir.join(name);
    let mut args = vec!["build".to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".to_string(), out.display().to_string()]);
    let o = seeds(&args);
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    (std::fs::read(out).unwrap(), stderr(&o))
}

#[test]
fn every_format_builds_the_same_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let formats = fixtures().join("formats");
    let (reference, _) = build(dir.path(), "json.json", &[formats.join("catalog.json")]);
    let bundle: Value = serde_json::from_slice(&reference).unwrap();
    assert_eq!(bundle["seeds"].as_array().unwrap().len(), 5);
    assert_eq!(bundle["institutions"].as_array().unwrap().len(), 3);
    for variant in ["csv-utf8", "csv-bom", "csv-sjis", "tsv", "xlsx"] {
        let (bytes, err) = build(dir.path(), &format!("{variant}.json"), &[formats.join(variant)]);
        assert!(
            bytes == reference,
            "{variant} differs from catalog.json:\n{}\n{}\n{err}",
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&reference)
        );
        assert!(
            err.contains(
                "seeds: read 5, written 5, rejected 0; institutions: read 3, written 3, rejected 0"
            ),
            "{err}"
        );
    }
}

#[test]
fn the_fixture_files_really_are_in_their_encodings() {
    let formats = fixtures().join("formats");
    let bom = std::fs::read(formats.join("csv-bom/seeds.csv")).unwrap();
    assert!(bom.starts_with(b"\xEF\xBB\xBF"));
    let sjis = std::fs::read(formats.join("csv-sjis/seeds.csv")).unwrap();
    assert!(std::str::from_utf8(&sjis).is_err(), "Shift_JIS bytes are not UTF-8");
    assert!(sjis.starts_with(&[0x83, 0x56, 0x81, 0x5B, 0x83, 0x59]), "シーズ in Shift_JIS");
}

#[test]
fn rows_and_columns_in_messages_are_the_sheets_own() {
    // kita-002 lacks an English summary: row 3 of the CSV (the header is row 1, kita-001 spans
    // two lines but is one row), row 4 of the XLSX sheet (a title line sits above the headings).
    let formats = fixtures().join("formats");
    for (input, line) in [
        (
            formats.join("csv-sjis/seeds.csv"),
            "csv-sjis/seeds.csv:3:概要(英): warning: seed \"kita-002\": no English summary",
        ),
        (
            formats.join("xlsx/catalog.xlsx"),
            "xlsx/catalog.xlsx[シーズ]:4:概要(英): warning: seed \"kita-002\": no English summary",
        ),
        (
            formats.join("catalog.json"),
            "catalog.json:2:summary_en: warning: seed \"kita-002\": no English summary",
        ),
    ] {
        let o = seeds(&[
            "check",
            formats.join("csv-utf8/institutions.csv").to_str().unwrap(),
            input.to_str().unwrap(),
        ]);
        assert!(stderr(&o).contains(line), "missing {line:?} in\n{}", stderr(&o));
    }
}

#[test]
fn the_templates_build_without_problems() {
    let dir = tempfile::tempdir().unwrap();
    let data = repo().join("data");
    let (csv, err) = build(
        dir.path(),
        "csv.json",
        &[data.join("template.csv"), fixtures().join("template/institutions.csv")],
    );
    assert!(err.contains("seeds: read 1, written 1, rejected 0; institutions: read 1, written 1, rejected 0; 0 warnings"), "{err}");
    let (xlsx, err) = build(dir.path(), "xlsx.json", &[data.join("template.xlsx")]);
    assert!(err.contains("seeds: read 1, written 1, rejected 0; institutions: read 1, written 1, rejected 0; 0 warnings"), "{err}");
    let bundle: Value = serde_json::from_slice(&csv).unwrap();
    let from_xlsx: Value = serde_json::from_slice(&xlsx).unwrap();
    assert!(
        bundle["seeds"] == from_xlsx["seeds"],
        "the CSV and XLSX templates hold the same example"
    );
    let seed = &bundle["seeds"][0];
    assert_eq!(seed["id"], "example-001");
    assert_eq!(seed["fields"], serde_json::json!(["diagnostics", "drug"]));
    assert_eq!(seed["updated"], "2025-04-01");
    assert_eq!(seed["trl"], 4);
    let csv_bytes = std::fs::read(data.join("template.csv")).unwrap();
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM so Excel opens it correctly");
}

#[test]
fn template_headings_name_every_seed_field() {
    let text = std::fs::read_to_string(repo().join("data/template.csv")).unwrap();
    let headings = text.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    for field in seed_ingest::validate::SEED_FIELDS {
        assert!(headings.contains(&format!("({field})")), "{field} missing from {headings}");
    }
}

/// Writes a canonical JSON catalogue as CSV files the way an institution would: Japanese
/// headings, lists joined with separators, numbers as text.
fn json_to_csv(catalogue: &Value, dir: &Path) {
    let seed_columns: &[(&str, &str)] = &[
        ("id", "シーズID"),
        ("institution", "機関ID"),
        ("title_ja", "タイトル"),
        ("title_en", "英語タイトル"),
        ("summary_ja", "概要"),
        ("summary_en", "英語概要"),
        ("researchers", "研究者"),
        ("department_ja", "所属"),
        ("department_en", "所属(英)"),
        ("advantages_ja", "優位性"),
        ("advantages_en", "優位性(英)"),
        ("applications_ja", "想定用途"),
        ("applications_en", "想定用途(英)"),
        ("fields", "分野"),
        ("stage", "開発段階"),
        ("ip_status", "知財状況"),
        ("patents", "特許番号"),
        ("collaboration", "連携形態"),
        ("keywords_ja", "キーワード"),
        ("keywords_en", "キーワード(英)"),
        ("contact_email", "連絡先"),
        ("contact_url", "連絡先URL"),
        ("links", "関連URL"),
        ("trl", "TRL"),
        ("booth", "小間番号"),
        ("events", "イベント"),
        ("image", "画像"),
        ("updated", "更新日"),
    ];
    let institution_columns: &[(&str, &str)] = &[
        ("id", "機関ID"),
        ("name_ja", "機関名"),
        ("name_en", "英語名"),
        ("region", "都道府県"),
        ("url", "url"),
        ("booth", "ブース"),
    ];
    for (key, columns, file) in [
        ("seeds", seed_columns, "seeds.csv"),
        ("institutions", institution_columns, "institutions.csv"),
    ] {
        let mut w = csv::Writer::from_path(dir.join(file)).unwrap();
        w.write_record(columns.iter().map(|(_, h)| *h)).unwrap();
        for rec in catalogue[key].as_array().unwrap() {
            let row = columns.iter().map(|(field, _)| match &rec[*field] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(items) => {
                    let sep = if *field == "keywords_ja" { "、" } else { "; " };
                    items.iter().map(|i| i.as_str().unwrap()).collect::<Vec<_>>().join(sep)
                }
                other => other.to_string(),
            });
            w.write_record(row).unwrap();
        }
        w.flush().unwrap();
    }
}

#[test]
fn json_converted_to_csv_builds_the_same_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("catalog.json");
    seeds_ok(&["synth", "--count", "400", "--rng-seed", "11", "-o", json.to_str().unwrap()]);
    let csv_dir = dir.path().join("csv");
    std::fs::create_dir(&csv_dir).unwrap();
    let catalogue = read_json(&json);
    json_to_csv(&catalogue, &csv_dir);
    let (from_json, _) = build(dir.path(), "a.json", &[json]);
    let (from_csv, err) = build(dir.path(), "b.json", &[csv_dir]);
    assert!(err.contains("seeds: read 400, written 400, rejected 0"), "{err}");
    assert!(from_json == from_csv, "JSON → CSV → bundle differs from JSON → bundle");
}
