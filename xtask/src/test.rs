//! `cargo xtask test`: every test the project has, in one command. The structure lint (no import
//! circles, no ingest code in the wasm app), clippy on the native and wasm32 targets, rustdoc
//! with warnings as errors, native unit and CLI tests, the relevance gate (our nDCG@10 on the
//! judged sets may not fall below the committed baseline), then the release site built and
//! served on 127.0.0.1 and driven in headless Chromium by the browser tests under
//! tests/browser/.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::{dist, lint, relevance, serve, setup};

/// Runs everything; fails on the first failing stage.
pub fn run(root: &Path) -> Result<()> {
    setup::wasm_target()?;
    setup::chromium()?;
    setup::node_modules(root)?;
    step("lint: import circles and the wasm app's dependencies");
    lint::run(root)?;
    step("clippy (native)");
    clippy(&["--workspace", "--all-targets"])?;
    step("clippy (wasm32)");
    clippy(&["-p", "seed-explorer", "-p", "seed-core", "--target", "wasm32-unknown-unknown"])?;
    step("clippy (wasm32, the website build without the booth's views)");
    clippy(&[
        "-p",
        "seed-explorer",
        "--no-default-features",
        "--target",
        "wasm32-unknown-unknown",
    ])?;
    step("rustdoc (a broken or private doc link is an error)");
    setup::run(
        Command::new("cargo")
            .args(["doc", "--quiet", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    step("unit and CLI tests");
    setup::run(Command::new("cargo").args(["test", "--workspace"]))?;
    step("relevance gate (nDCG@10 against tests/relevance/baseline.json)");
    relevance::check(root)?;
    browser(root, &[])?;
    step("cargo fmt --check");
    setup::run(Command::new("cargo").args(["fmt", "--all", "--check"]))
}

/// `cargo clippy` on `what`, with every warning an error.
fn clippy(what: &[&str]) -> Result<()> {
    setup::run(
        Command::new("cargo").args(["clippy", "--quiet"]).args(what).args(["--", "-D", "warnings"]),
    )
}

/// Builds the release site, serves it and runs the browser tests (all, or the files given).
pub fn browser(root: &Path, files: &[String]) -> Result<()> {
    setup::chromium()?;
    step("release site");
    let dist = dist::build(root)?;
    let base = serve::spawn(dist.clone(), root.join("tests/browser/fixtures"))?;
    step(&format!("browser tests against {base}"));
    let tmp = setup::target_dir(root).join("browser-tmp");
    std::fs::create_dir_all(&tmp)?;
    setup::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(if files.is_empty() {
                vec!["tests/browser/".to_string()]
            } else {
                files.to_vec()
            })
            .env("BASE_URL", &base)
            .env("DIST_DIR", &dist)
            .env("SEEDS_BIN", dist::seeds_binary(root)?)
            .env("TMPDIR", &tmp),
    )
}

fn step(name: &str) {
    println!("\n==> {name}");
}
