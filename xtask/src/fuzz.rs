//! `cargo xtask fuzz [--seconds N]`: reruns every property test whose name contains
//! `never_panic` (ingestion, bundle loading, queries) with fresh random seeds and
//! `PROPTEST_CASES` cases per test, round after round until the time is up, then prints how many
//! inputs were tried. A failure stops the run and shows proptest's minimal failing input.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

/// Cases per property test per round.
const CASES: u64 = 5_000;

/// Fuzzes for `seconds`.
pub fn run(seconds: u64) -> Result<()> {
    let cargo = || {
        let mut c = Command::new("cargo");
        c.args(["test", "--release", "--workspace", "--quiet"]);
        c
    };
    crate::setup::run(cargo().arg("--no-run"))?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut rounds, mut executions) = (0u64, 0u64);
    while Instant::now() < deadline {
        let out = cargo()
            .args(["--", "never_panic"])
            .env("PROPTEST_CASES", CASES.to_string())
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            println!("{text}{}", String::from_utf8_lossy(&out.stderr));
            bail!("a property failed in round {}", rounds + 1);
        }
        let tests: u64 = text.lines().filter_map(passed).sum();
        rounds += 1;
        executions += tests * CASES;
        println!(
            "round {rounds}: {tests} property tests × {CASES} cases, {executions} inputs so far"
        );
    }
    println!("fuzz: {executions} inputs in {rounds} rounds over {seconds} s, no panic, no failed property");
    Ok(())
}

/// The count in a libtest summary line `test result: ok. N passed; …`.
fn passed(line: &str) -> Option<u64> {
    line.strip_prefix("test result: ok. ")?.split(' ').next()?.parse().ok()
}
