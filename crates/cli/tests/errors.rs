//! One fixture per class of problem (tests/cli/errors/), each with the exact message a data
//! maintainer sees, and what `--publish-anyway` writes.

mod common;

use std::path::PathBuf;

use common::{fixtures, read_json, seeds, seeds_ok, stderr, without_column_reports};

/// The error fixtures, tests/cli/errors/.
fn errors() -> PathBuf {
    fixtures().join("errors")
}

/// `seeds check` on the shared institutions file and one fixture; returns exit code, stderr
/// without the lines reporting the dictionaries (`synonyms: …`, `glossary: …`, tested in
/// dictionaries.rs) and the fixture's path.
fn check(fixture: &str) -> (Option<i32>, String, String) {
    let path = errors().join(fixture);
    let o = seeds(&[
        "check",
        errors().join("institutions.json").to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    let err: String = stderr(&o)
        .lines()
        .filter(|l| !l.starts_with("synonyms: ") && !l.starts_with("glossary: "))
        .flat_map(|l| [l, "\n"])
        .collect();
    (o.status.code(), err, path.display().to_string())
}

#[test]
fn each_class_of_error_has_its_exact_message() {
    for (fixture, expected) in [
        ("missing-field.csv", "2:タイトル: error: seed \"m-001\": required field is missing"),
        ("unknown-institution.csv", "2:機関ID: error: seed \"u-001\": unknown institution \"nowhere-u\""),
        ("unknown-value.csv", "2:開発段階: error: seed \"v-001\": unknown value \"非臨\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"),
        (
            "bad-date.csv",
            "2:更新日: error: seed \"b-001\": \"2025/2/30\" is not a date (write 2024-04-01, 2024/4/1 or 2024年4月1日)",
        ),
        ("bad-url.csv", "2:関連URL: error: seed \"l-001\": \"javascript:alert(1)\" is not an http(s) or mailto URL"),
        ("bad-trl.csv", "2:TRL: error: seed \"t-001\": \"１０\" is not a TRL between 1 and 9"),
        ("too-long.csv", "2:概要: error: seed \"x-001\": 10001 characters is over the limit of 10000"),
    ] {
        let (code, err, file) = check(fixture);
        assert_eq!(code, Some(1), "{fixture}: {err}");
        let line = format!("{file}:{expected}");
        let id = expected.split('"').nth(1).unwrap();
        let column = expected.split(':').nth(1).unwrap();
        let lines = without_column_reports(&err);
        assert_eq!(
            lines,
            [
                line.as_str(),
                &format!("{file}:2:{column}: rejected seed \"{id}\""),
                "seeds: read 1, written 0, rejected 1; institutions: read 1, written 1, rejected 0; 0 warnings",
                "check failed: 1 record(s) rejected",
            ],
            "{fixture}"
        );
    }
}

#[test]
fn a_duplicate_id_is_found_across_files_and_points_at_the_first() {
    let dir = errors().join("duplicate-id");
    let o = seeds(&[
        "check",
        errors().join("institutions.json").to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let (a, b) = (dir.join("a.csv"), dir.join("b.json"));
    let line = format!(
        "{}:1:id: error: seed \"d-001\": duplicate seed id \"d-001\" (first used at {}:2)",
        b.display(),
        a.display()
    );
    assert!(stderr(&o).lines().any(|l| l == line), "missing {line:?} in\n{}", stderr(&o));
    assert!(stderr(&o).contains("seeds: read 2, written 1, rejected 1;"));
}

#[test]
fn a_sheet_is_first_reported_column_by_column() {
    let (code, err, file) = check("unknown-column.csv");
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{file}: 3 rows of seeds, headings on row 1").as_str(),
            "  every row: シーズID → id, 機関ID → institution, タイトル → title_ja, タイトル(英) → title_en, 概要 → summary_ja,",
            "    概要(英) → summary_en, 分野 → fields, 開発段階 → stage, 更新日 → updated",
            "  unknown columns, ignored (rows filled): 備考 (2)",
            "seeds: read 3, written 3, rejected 0; institutions: read 1, written 1, rejected 0; 1 warnings",
        ]
    );
    let (_, err, _) = check("missing-english.csv");
    assert!(
        err.lines().any(|l| l == "  no English: title_en, summary_en — the app shows the Japanese to English readers (1 row)"),
        "a column no row has is said once, in the report: {err}"
    );
}

#[test]
fn warnings_do_not_reject() {
    for (fixture, expected, warnings) in [
        ("missing-english.csv", vec![], 2),
        ("unknown-column.csv", vec![], 1),
        (
            "damaged-sjis.csv",
            vec!["3:-: warning: not UTF-8, and not valid Shift_JIS (CP932) either; undecodable bytes were replaced with \u{FFFD} — save the file as UTF-8 (CSV UTF-8) and check this line"],
            1,
        ),
    ] {
        let (code, err, file) = check(fixture);
        assert_eq!(code, Some(0), "{fixture}: {err}");
        let mut lines: Vec<String> = expected.iter().map(|e| format!("{file}:{e}")).collect();
        let read = if fixture == "unknown-column.csv" { 3 } else if fixture == "damaged-sjis.csv" { 2 } else { 1 };
        lines.push(format!(
            "seeds: read {read}, written {read}, rejected 0; institutions: read 1, written 1, rejected 0; {warnings} warnings"
        ));
        assert_eq!(without_column_reports(&err), lines, "{fixture}");
    }
}

#[test]
fn an_unreadable_file_is_reported_and_fails_the_check() {
    let (code, err, file) = check("no-headings.csv");
    assert_eq!(code, Some(1));
    assert!(err.contains(&format!(
        "{file}:1:-: error: no heading row found: the first rows should name the columns (id, title_ja or タイトル, ...)"
    )));
    assert!(err.contains("check failed: 1 file(s) or sheet(s) could not be read"), "{err}");
}

#[test]
fn a_missing_input_is_a_usage_error() {
    let o = seeds(&["check", "/nonexistent/seeds.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("seeds: error: cannot read /nonexistent/seeds.csv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn publish_anyway_writes_the_valid_records_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.json");
    let report = dir.path().join("catalog.rejected.json");
    let inputs = [
        errors().join("institutions.json"),
        errors().join("missing-field.csv"),
        errors().join("unknown-column.csv"),
    ];
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.display().to_string()]);
    // Without the flag: exit 1, nothing written.
    let o = seeds(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists() && !report.exists());
    // With it: the bundle has the three valid seeds, the report the rejected one.
    args.push("--publish-anyway".into());
    let o = seeds_ok(&args);
    assert!(stderr(&o).contains("seeds: read 4, written 3, rejected 1; institutions: read 1, written 1, rejected 0; 1 warnings"));
    assert!(stderr(&o).contains(&format!(
        "published anyway: 1 record(s) rejected, listed in {}",
        report.display()
    )));
    let bundle = read_json(&out);
    let ids: Vec<&str> =
        bundle["seeds"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c-001", "c-002", "c-003"]);
    let r = read_json(&report);
    assert_eq!(r["seeds"], serde_json::json!({"read": 4, "written": 3, "rejected": 1}));
    let rejected = &r["rejected"][0];
    assert_eq!(rejected["kind"], "seed");
    assert_eq!(rejected["file"], errors().join("missing-field.csv").display().to_string());
    assert_eq!(rejected["row"], 2);
    assert_eq!(rejected["id"], "m-001");
    assert_eq!(
        rejected["reasons"],
        serde_json::json!([{"column": "タイトル", "field": "title_ja", "message": "required field is missing"}])
    );
    assert_eq!(rejected["record"]["summary_ja"], "概要の文。", "the record itself is kept");
    // A later clean build removes the stale report.
    seeds_ok(&[
        "build",
        errors().join("institutions.json").to_str().unwrap(),
        errors().join("unknown-column.csv").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!report.exists());
}

#[test]
fn a_built_bundle_in_the_input_folder_is_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(errors().join("institutions.json"), dir.path().join("institutions.json"))
        .unwrap();
    std::fs::copy(errors().join("unknown-column.csv"), dir.path().join("seeds.csv")).unwrap();
    let out = dir.path().join("bundle.json");
    for _ in 0..2 {
        let o = seeds_ok(&["build", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(stderr(&o).contains("seeds: read 3, written 3, rejected 0"), "{}", stderr(&o));
    }
}
