//! `cargo xtask relevance`: measured search quality (tests/relevance/README.md). Builds the
//! release `seeds` CLI and the bundle of each judged set under `<target>/relevance/`, then runs
//! tests/relevance/score.mjs, which sends every judged query through `seeds query --json` and
//! through the MiniSearch peer and prints nDCG@10 and MRR per kind, ours beside the peer.
//!
//! - `--set sample|heldout|all` (default all)
//! - `--json`, `--explain`, `--pool N`: passed to the script (see its header)
//! - `--check`: run the metrics' own tests (tests/relevance/metrics.test.mjs), then fail if our
//!   overall nDCG@10 on a set fell more than the tolerance below tests/relevance/baseline.json
//!   (what `cargo xtask test` runs)
//! - `--update-baseline`: rewrite the baseline from this run

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{dist, setup};

/// The committed baseline of our engine's figures.
const BASELINE: &str = "tests/relevance/baseline.json";

/// One judged query set and the catalogue its seed ids refer to.
struct JudgedSet {
    name: &'static str,
    /// The TSV of judged queries.
    queries: &'static str,
    /// What `seeds build` reads to make the set's bundle.
    inputs: &'static [&'static str],
}

/// Every set, in table order. The sample is built as `cargo xtask dist` builds it; the held-out
/// catalogue from its own files only, as an institution's sheets would be. Both get the
/// built-in dictionaries, as every catalogue does.
const SETS: [JudgedSet; 2] = [
    JudgedSet { name: "sample", queries: "tests/relevance/sample.tsv", inputs: &["data"] },
    JudgedSet {
        name: "heldout",
        queries: "tests/relevance/heldout.tsv",
        inputs: &["tests/relevance/heldout"],
    },
];

/// Runs `cargo xtask relevance` with its arguments (everything after the subcommand).
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut which = "all".to_string();
    let mut pass: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        match arg {
            "--set" => {
                which = args.get(i + 1).context("--set needs sample, heldout or all")?.clone();
                i += 1;
            }
            "--json" | "--explain" | "--check" | "--update-baseline" => pass.push(arg.into()),
            "--pool" => {
                let n = args.get(i + 1).context("--pool needs a number")?;
                n.parse::<usize>().with_context(|| format!("--pool {n:?} is not a number"))?;
                pass.extend(["--pool".into(), n.clone()]);
                i += 1;
            }
            _ => bail!(
                "usage: cargo xtask relevance [--set sample|heldout|all] [--json] [--explain] \
                 [--pool N] [--check] [--update-baseline]"
            ),
        }
        i += 1;
    }
    let sets: Vec<&JudgedSet> = SETS.iter().filter(|s| which == "all" || s.name == which).collect();
    if sets.is_empty() {
        bail!("--set {which:?}: expected sample, heldout or all");
    }
    score(root, &sets, &pass)
}

/// The gate `cargo xtask test` runs: every set against the committed baseline.
pub fn check(root: &Path) -> Result<()> {
    score(root, &SETS.iter().collect::<Vec<_>>(), &["--check".into()])
}

fn score(root: &Path, sets: &[&JudgedSet], pass: &[String]) -> Result<()> {
    setup::node_modules(root)?;
    if pass.iter().any(|a| a == "--check") {
        // The metrics themselves first: a gate on a wrong nDCG would be no gate.
        setup::run(Command::new("node").args([
            "--test",
            "--test-reporter=spec",
            "tests/relevance/metrics.test.mjs",
        ]))?;
    }
    let seeds = dist::seeds_binary(root)?;
    let out = setup::target_dir(root).join("relevance");
    std::fs::create_dir_all(&out)?;
    let mut cmd = Command::new("node");
    cmd.arg("tests/relevance/score.mjs").arg("--seeds").arg(&seeds);
    for set in sets {
        let bundle = build_bundle(root, &seeds, &out, set)?;
        cmd.arg("--set").arg(format!("{}={}@{}", set.name, set.queries, bundle.display()));
    }
    if pass.iter().any(|a| a == "--check" || a == "--update-baseline") {
        cmd.args(["--baseline", BASELINE]);
    }
    cmd.args(pass);
    setup::run(&mut cmd)
}

/// Builds `<out>/<set>.json` from the set's inputs with the release CLI, quietly unless it fails.
fn build_bundle(root: &Path, seeds: &Path, out: &Path, set: &JudgedSet) -> Result<PathBuf> {
    let bundle = out.join(format!("{}.json", set.name));
    let mut cmd = Command::new(seeds);
    cmd.arg("build");
    for input in set.inputs {
        cmd.arg(root.join(input));
    }
    cmd.arg("-o").arg(&bundle);
    let output = cmd.output().with_context(|| format!("starting {cmd:?}"))?;
    if !output.status.success() {
        eprintln!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        bail!("building the {} bundle failed with {}", set.name, output.status);
    }
    Ok(bundle)
}
