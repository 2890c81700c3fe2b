//! `seeds synth`: writes a deterministic synthetic catalogue (canonical JSON input) for scale
//! tests. The generator itself is the `seed-synth` crate, so benchmarks can call it directly.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

/// Arguments of `seeds synth`.
#[derive(Args)]
pub struct SynthArgs {
    /// How many seeds to write.
    #[arg(long)]
    count: usize,
    /// Seed of the random stream; the same seed always writes the same bytes.
    #[arg(long, default_value_t = 1)]
    rng_seed: u64,
    /// Where to write the catalogue (canonical JSON input for `seeds build`).
    #[arg(short, long)]
    output: PathBuf,
}

/// Runs `seeds synth`.
pub fn run(args: &SynthArgs) -> Result<ExitCode> {
    let catalogue = seed_synth::synth(args.count, args.rng_seed);
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let json = catalogue.to_json();
    fs::write(&args.output, &json).with_context(|| format!("writing {}", args.output.display()))?;
    crate::term::line(
        &mut std::io::stderr(),
        format_args!(
            "wrote {} ({} seeds, {} institutions, {} bytes)",
            args.output.display(),
            catalogue.seeds.len(),
            catalogue.institutions.len(),
            json.len()
        ),
    )?;
    Ok(ExitCode::SUCCESS)
}
