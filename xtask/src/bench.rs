//! `cargo xtask bench`: the one benchmark command (docs/benchmarks.md). Builds the release site
//! and the release `seeds`, writes synthetic catalogues of 1k, 10k and 100k seeds with
//! `seeds synth` and bundles them with `seeds build` (with the sample taxonomy and the built-in
//! dictionaries, as any catalogue),
//! records `seeds stats` of each (and of the sample data and the real-text KAKEN excerpt),
//! serves the site with the corpora and the peer engines' scripts under `/fixtures/`, and runs
//! tests/bench/bench.mjs, which drives headless Chromium once over every corpus: our app, then
//! MiniSearch and FlexSearch in the same page on the same data and the same typed queries.
//! Prints the tables; all figures go to `<target>/bench/results.json`. Generated data stays
//! under the target directory.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{dist, serve, setup};

/// Synthetic catalogue sizes, unless `BENCH_SCALES` lists others (comma-separated).
const SCALES: &str = "1000,10000,100000";
/// The random stream of every synthetic catalogue: the same seed gives the same corpus.
const RNG_SEED: &str = "1";
/// The peer engines' browser builds and the benchmark's script that drives them, copied next
/// to the corpora so the app's page can load them from its own origin.
const PEER_SCRIPTS: [(&str, &str); 3] = [
    ("node_modules/minisearch/dist/umd/index.js", "minisearch.js"),
    ("node_modules/flexsearch/dist/flexsearch.bundle.min.js", "flexsearch.js"),
    ("tests/bench/peers.js", "peers.js"),
];

/// Builds everything, runs the benchmark and reports.
pub fn run(root: &Path) -> Result<()> {
    setup::chromium()?;
    let dist = dist::build(root)?;
    let seeds = dist::seeds_binary(root)?;
    let out = setup::target_dir(root).join("bench");
    let corpus = out.join("corpus");
    if corpus.exists() {
        fs::remove_dir_all(&corpus)?;
    }
    fs::create_dir_all(&corpus)?;
    let scales = std::env::var("BENCH_SCALES").unwrap_or_else(|_| SCALES.to_string());
    for n in scales.split(',').filter(|s| !s.is_empty()) {
        let n: usize =
            n.trim().parse().with_context(|| format!("BENCH_SCALES: {n:?} is not a number"))?;
        synthetic(root, &seeds, &corpus, n)?;
    }
    stats(&seeds, &dist.join("bundle.json"), &corpus.join("sample.stats.json"))?;
    let heldout = corpus.join("heldout.json");
    quiet(
        Command::new(&seeds)
            .arg("build")
            .arg(root.join("tests/relevance/heldout"))
            .arg("-o")
            .arg(&heldout),
    )?;
    stats(&seeds, &heldout, &corpus.join("heldout.stats.json"))?;
    for (from, to) in PEER_SCRIPTS {
        fs::copy(root.join(from), corpus.join(to))?;
    }
    let base = serve::spawn(dist.clone(), corpus.clone())?;
    println!("\n==> benchmark against {base} (this takes a while; progress on stderr)");
    let tmp = out.join("tmp");
    fs::create_dir_all(&tmp)?;
    setup::run(
        Command::new("node")
            .arg("tests/bench/bench.mjs")
            .env("BASE_URL", &base)
            .env("DIST_DIR", &dist)
            .env("BENCH_CORPUS_DIR", &corpus)
            .env("BENCH_SCALES", &scales)
            .env("BENCH_OUT", out.join("results.json"))
            .env("TMPDIR", &tmp),
    )
}

/// Writes `corpus/synth-N.json`: `seeds synth` input, bundled by `seeds build` together with the
/// sample taxonomy and the built-in dictionaries (synonym groups and the glossary pairs the
/// seeds use), so synonym expansion costs what it costs in a deployment.
fn synthetic(root: &Path, seeds: &Path, corpus: &Path, n: usize) -> Result<()> {
    let input = corpus.join(format!("synth-{n}-input"));
    let records = input.join("seeds.json");
    quiet(
        Command::new(seeds)
            .args(["synth", "--count", &n.to_string(), "--rng-seed", RNG_SEED])
            .arg("-o")
            .arg(&records),
    )?;
    let bundle = corpus.join(format!("synth-{n}.json"));
    quiet(
        Command::new(seeds)
            .arg("build")
            .arg(&input)
            .arg(root.join("data/taxonomy.json"))
            .arg("-o")
            .arg(&bundle),
    )?;
    fs::remove_dir_all(&input)?;
    stats(seeds, &bundle, &corpus.join(format!("synth-{n}.stats.json")))?;
    println!("xtask: {} ({n} seeds, {} MB)", bundle.display(), size_mb(&bundle));
    Ok(())
}

/// Writes `seeds stats --json` of `bundle` to `out` (the index's terms and bytes per seed, the
/// vocabulary's growth).
fn stats(seeds: &Path, bundle: &Path, out: &Path) -> Result<()> {
    let shown = format!("seeds stats {}", bundle.display());
    let output = Command::new(seeds).arg("stats").arg(bundle).arg("--json").output()?;
    if !output.status.success() {
        bail!("{shown} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    fs::write(out, output.stdout).with_context(|| format!("writing {}", out.display()))
}

/// Runs a command, showing its output only when it fails (`seeds build` warns about every
/// synthetic seed without an English title, by design).
fn quiet(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let output = cmd.output().with_context(|| format!("starting {shown}"))?;
    if !output.status.success() {
        eprintln!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        bail!("{shown} failed with {}", output.status);
    }
    Ok(())
}

fn size_mb(path: &Path) -> String {
    fs::metadata(path)
        .map(|m| format!("{:.1}", m.len() as f64 / 1e6))
        .unwrap_or_else(|_| "?".into())
}
