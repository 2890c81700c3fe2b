//! `cargo xtask fuzz [--seconds N]`: reruns every property test whose name contains
//! `never_panic` (ingestion, bundle loading, queries) with fresh random seeds and
//! `PROPTEST_CASES` cases per test, round after round until the time is up, then prints how many
//! inputs were tried, in all and per property test. A failure stops the run and shows
//! proptest's minimal failing input.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

/// Cases per property test per round.
const CASES: u64 = 5_000;

/// Fuzzes for `seconds`.
pub fn run(seconds: u64) -> Result<()> {
    let cargo = || {
        let mut c = Command::new("cargo");
        c.args(["test", "--release", "--workspace"]);
        c
    };
    crate::setup::run(cargo().args(["--quiet", "--no-run"]))?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut rounds = 0u64;
    let mut per_test: BTreeMap<String, u64> = BTreeMap::new();
    while Instant::now() < deadline {
        // Without --quiet, libtest lists each test passed by name.
        let out = cargo()
            .args(["--", "never_panic"])
            .env("PROPTEST_CASES", CASES.to_string())
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            println!("{text}{}", String::from_utf8_lossy(&out.stderr));
            bail!("a property failed in round {}", rounds + 1);
        }
        let passed: Vec<&str> = text.lines().filter_map(passed).collect();
        for name in &passed {
            *per_test.entry((*name).to_string()).or_default() += CASES;
        }
        rounds += 1;
        println!(
            "round {rounds}: {} property tests × {CASES} cases, {} inputs so far",
            passed.len(),
            per_test.values().sum::<u64>()
        );
    }
    println!(
        "fuzz: {} inputs in {rounds} rounds over {} s, no panic, no failed property",
        per_test.values().sum::<u64>(),
        started.elapsed().as_secs()
    );
    for (name, inputs) in &per_test {
        println!("  {inputs:>9}  {name}");
    }
    Ok(())
}

/// The test's name in a libtest line `test NAME ... ok`.
fn passed(line: &str) -> Option<&str> {
    line.strip_prefix("test ")?.strip_suffix(" ... ok")
}

#[cfg(test)]
mod tests {
    use super::passed;

    #[test]
    fn passed_tests_are_read_from_libtest_lines() {
        assert_eq!(
            passed("test engine_never_panics_on_any_query_filter_or_sort ... ok"),
            Some("engine_never_panics_on_any_query_filter_or_sort")
        );
        assert_eq!(passed("test x ... FAILED"), None);
        assert_eq!(passed("test result: ok. 3 passed; 0 failed"), None);
    }
}
