//! `cargo xtask`: everything needed to build, serve and test Seed Explorer on a fresh machine,
//! with every tool pinned and installed from the package registries only.
//!
//! - `cargo xtask serve [--port N]`: build the site from data/ and serve it on 127.0.0.1.
//! - `cargo xtask dist`: build the deployable static site into dist/.
//! - `cargo xtask test`: run every test: lint, clippy (native and wasm), rustdoc, unit, CLI, browser.
//! - `cargo xtask lint`: no import circles between files; no ingest code in the wasm app.
//! - `cargo xtask browser [FILE...]`: only build the site and run the browser tests.
//! - `cargo xtask fuzz [--seconds N]`: property tests of hostile input, many cases, for N seconds.
//! - `cargo xtask usb`: build the single-file offline explorer into usb/ (for a USB stick).
//! - `cargo xtask bench`: time the app against MiniSearch and FlexSearch (docs/benchmarks.md).
//! - `cargo xtask template`: write the institutions' template and the XLSX format fixture.
//! - `cargo xtask relevance [--set sample|heldout|all] [--json] [--explain] [--pool N] [--check]
//!   [--update-baseline]`: nDCG@10 and MRR on the judged query sets, ours beside MiniSearch
//!   (tests/relevance/README.md).

mod bench;
mod dist;
mod fuzz;
mod lint;
mod relevance;
mod serve;
mod setup;
mod template;
mod test;

use std::process::ExitCode;

use anyhow::{bail, Result};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = setup::root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("dist") => dist::build(&root).map(|_| ()),
        Some("serve") => serve::run(&root, port(&args)?),
        Some("test") => test::run(&root),
        Some("lint") => lint::run(&root),
        Some("browser") => test::browser(&root, &args[1..]),
        Some("usb") => dist::usb(&root),
        Some("bench") => bench::run(&root),
        Some("relevance") => relevance::run(&root, &args[1..]),
        Some("fuzz") => fuzz::run(flag(&args, "--seconds")?.unwrap_or(300)),
        Some("template") => template::run(&root),
        _ => bail!("usage: cargo xtask <serve [--port N] | dist | usb | bench | fuzz [--seconds N] | template | test | lint | browser [FILE...] | relevance [--set sample|heldout|all] [--json] [--explain] [--pool N] [--check] [--update-baseline]>"),
    }
}

fn port(args: &[String]) -> Result<u16> {
    Ok(flag(args, "--port")?.unwrap_or(8080))
}

/// The number after `name`, if the flag is given.
fn flag<T: std::str::FromStr>(args: &[String], name: &str) -> Result<Option<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(Some(
            args.get(i + 1).ok_or_else(|| anyhow::anyhow!("{name} needs a value"))?.parse()?,
        )),
        None => Ok(None),
    }
}
