//! `seeds`: the data maintainer's command. It reads the sheets institutions send, validates
//! them into a bundle, and queries bundles with exactly the engine the browser runs.

mod build;
mod inputs;
mod pack;
mod query;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "seeds", version, about = "Build, check and query Seed Explorer bundles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate inputs and write a bundle; exits non-zero if any record is rejected.
    Build {
        /// Input files or folders (JSON; taxonomy.json; synonyms*.tsv).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to write the bundle.
        #[arg(short, long)]
        output: PathBuf,
        /// Catalogue title stored in the bundle.
        #[arg(long)]
        title: Option<String>,
    },
    /// Validate inputs without writing anything.
    Check {
        /// Input files or folders.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Search a bundle with the app's engine.
    Query(query::QueryArgs),
    /// Write the explorer as one self-contained HTML file for a USB stick (opens from file://).
    Pack(pack::PackArgs),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("seeds: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { inputs, output, title } => build::run(&inputs, Some(&output), title),
        Command::Check { inputs } => build::run(&inputs, None, None),
        Command::Query(args) => query::run(&args),
        Command::Pack(args) => pack::run(&args),
    }
}
