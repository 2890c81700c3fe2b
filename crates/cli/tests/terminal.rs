//! Nothing `seeds` prints can drive the terminal: ESC sequences, other C0 and C1 controls and
//! bidi overrides in file names, headings, cells, titles and arguments are shown escaped
//! (`\u{1b}`) in every message and in the output of `query` and `stats`, tables and JSON.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{fixtures, seeds, stderr};

/// Characters a terminal acts on (what must never be printed raw); `\n` ends lines.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, text: &str) {
    let raw: Vec<String> =
        text.chars().filter(|&c| hidden(c)).map(|c| format!("{:?}", c)).collect();
    assert!(raw.is_empty(), "{what} printed {raw:?} raw:\n{text}");
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const TITLE: &str = "癌\u{1b}[2J\u{1b}]0;pwned\u{7}の\u{202e}txt.exe\u{9b}31m診断";

/// A seeds sheet whose name, an unknown heading and a title hold control characters.
fn hostile_sheet(dir: &Path) -> PathBuf {
    let csv = dir.join("seeds\u{1b}[31m.csv");
    let text = format!(
        "シーズID,機関ID,タイトル,概要,分野,開発段階,更新日,備考\u{1b}[8m\u{202e}\n\
         s-1,kita-med,\"{TITLE}\",概要\u{85}です,医薬品,非臨床,2025-06-01,x\n"
    );
    std::fs::write(&csv, text).unwrap();
    csv
}

#[test]
fn build_messages_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let csv = hostile_sheet(dir.path());
    let institutions = fixtures().join("formats/csv-utf8/institutions.csv");
    let bundle = dir.path().join("b\u{1b}[1m.json");
    let o = seeds(&[
        "build".as_ref(),
        institutions.as_os_str(),
        csv.as_os_str(),
        "-o".as_ref(),
        bundle.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_clean("build", &err);
    assert!(
        err.contains(r"seeds\u{1b}[31m.csv: 1 row of seeds")
            && err.contains(r"unknown columns, ignored (rows filled): 備考\u{1b}[8m\u{202e} (1)"),
        "{err}"
    );
    assert!(err.contains(r"wrote ") && err.contains(r"b\u{1b}[1m.json"), "{err}");
}

#[test]
fn query_and_stats_output_shows_control_characters_escaped_and_json_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let csv = hostile_sheet(dir.path());
    let institutions = fixtures().join("formats/csv-utf8/institutions.csv");
    let bundle = dir.path().join("bundle.json");
    let o = seeds(&[
        "build".as_ref(),
        institutions.as_os_str(),
        csv.as_os_str(),
        "-o".as_ref(),
        bundle.as_os_str(),
        "--title".as_ref(),
        "見本\u{1b}[5m".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b = bundle.to_str().unwrap();

    let table = seeds(&["query", b, "診断"]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert_clean("query", &out(&table));
    assert!(out(&table).contains(r"癌\u{1b}[2J\u{1b}]0;pwned\u{7}の\u{202e}txt.exe\u{9b}31m診断"));

    let json = seeds(&["query", b, "診断", "--json"]);
    assert_clean("query --json", &out(&json));
    let rows: serde_json::Value = serde_json::from_str(&out(&json)).unwrap();
    assert_eq!(rows[0]["title"], TITLE, "JSON readers get the text back exactly");

    let report = seeds(&["stats", b]);
    assert!(report.status.success(), "{}", stderr(&report));
    assert_clean("stats", &out(&report));
    assert!(out(&report).starts_with(r"見本\u{1b}[5m — bundle version"), "{}", out(&report));
    let stats = seeds(&["stats", b, "--json"]);
    assert_clean("stats --json", &out(&stats));
    let value: serde_json::Value = serde_json::from_str(&out(&stats)).unwrap();
    assert_eq!(value["title"], "見本\u{1b}[5m");
}

#[test]
fn error_messages_and_argument_errors_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone\u{1b}[2J\u{202e}.json");
    let o = seeds(&["query".as_ref(), missing.as_os_str(), "x".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    assert_clean("a missing bundle", &stderr(&o));
    assert!(stderr(&o).contains(r"gone\u{1b}[2J\u{202e}.json"), "{}", stderr(&o));

    let o = seeds(&["query", "b.json", "x", "--sort", "new\u{1b}[31mest"]);
    assert_eq!(o.status.code(), Some(2));
    assert_clean("a bad argument", &stderr(&o));
    assert!(stderr(&o).contains(r"new\u{1b}[31mest"), "{}", stderr(&o));
}
