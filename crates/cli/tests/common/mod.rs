//! Shared by the `seeds` integration tests: the repository's folders, running the real binary
//! and reading the JSON it writes.

#![allow(dead_code)] // each test binary uses its own subset

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The CLI fixtures, tests/cli/.
pub fn fixtures() -> PathBuf {
    repo().join("tests/cli")
}

/// Runs the real `seeds` binary.
pub fn seeds(args: &[impl AsRef<OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seeds")).args(args).output().expect("the seeds binary runs")
}

/// Runs `seeds` and fails the test, with its stderr, unless it exits 0.
pub fn seeds_ok(args: &[impl AsRef<OsStr>]) -> Output {
    let o = seeds(args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// What a run printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A JSON file, parsed.
pub fn read_json(path: impl AsRef<Path>) -> Value {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Builds the valid fixture catalogue (tests/cli/valid) into `dir/bundle.json`, with `extra`
/// arguments after the usual ones; returns the bundle's path.
pub fn build_valid(dir: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("bundle.json");
    let valid = fixtures().join("valid");
    let mut args = vec![OsStr::new("build"), valid.as_os_str(), OsStr::new("-o"), out.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    seeds_ok(&args);
    out
}

/// The lines of a run's stderr without the column reports of its sheets (a heading line
/// `file: N rows of seeds, headings on row R…` and the indented lines under it).
pub fn without_column_reports(err: &str) -> Vec<&str> {
    let mut in_report = false;
    err.lines()
        .filter(|l| {
            if l.contains(" of seeds, headings on row ")
                || l.contains(" of institutions, headings on row ")
            {
                in_report = true;
                return false;
            }
            if in_report && l.starts_with("  ") {
                return false;
            }
            in_report = false;
            true
        })
        .collect()
}

/// A stand-in for the built site (`cargo xtask dist`) in `dir/site`: the files `seeds pack`
/// inlines, with placeholder script and wasm, and the valid fixture catalogue as its bundle.
pub fn fake_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("booth")).unwrap();
    build_valid(&site, &[]);
    for (name, text) in [
        ("index.html", "<!doctype html><title>site</title>"),
        ("style.css", "body { margin: 0 }"),
        ("config.json", "{}"),
        ("booth/seed_explorer.js", "export default function __wbg_init() {}"),
        ("booth/seed_explorer_bg.wasm", "\0asm"),
    ] {
        std::fs::write(site.join(name), text).unwrap();
    }
    site
}
