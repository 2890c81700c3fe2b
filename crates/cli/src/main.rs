//! `seeds`: the data maintainer's command. It reads the sheets institutions send, validates
//! them into a bundle, and inspects and queries bundles with exactly the engine the browser
//! runs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use seeds::{build, leads, map, pack, query, stats, synth, term};

#[derive(Parser)]
#[command(name = "seeds", version, about = "Build, check, inspect and query Seed Explorer bundles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate inputs and write a bundle; exits 1 if any record is rejected.
    ///
    /// Inputs are files or folders: seeds and institutions as JSON, CSV, TSV or XLSX (UTF-8,
    /// UTF-8 with BOM or Shift_JIS), taxonomy.json, synonyms*.tsv and en→ja glossaries
    /// (glossary/*.tsv, *glossary*.tsv, medutx*.tsv), which add to the built-in synonym groups
    /// and glossary. Every problem is printed as `file:row:column: message`.
    Build {
        #[command(flatten)]
        sheets: SheetArgs,
        /// Where to write the bundle.
        #[arg(short, long)]
        output: PathBuf,
        /// Catalogue title stored in the bundle.
        #[arg(long)]
        title: Option<String>,
        /// Write the bundle with the valid records even if some were rejected; the rejected
        /// ones are listed in `<bundle>.rejected.json` next to it.
        #[arg(long)]
        publish_anyway: bool,
        /// No effect: bundles carry no search index since format 1.2 (every reader indexes
        /// the seeds while loading); kept so that older scripts still run.
        #[arg(long, hide = true)]
        no_index: bool,
    },
    /// Validate inputs without writing anything; exits 1 if any record would be rejected.
    Check {
        #[command(flatten)]
        sheets: SheetArgs,
    },
    /// Write a mapping sheet for sheets as they were sent: which column is which field, and why.
    Map(map::MapArgs),
    /// Search a bundle with the app's engine.
    Query(query::QueryArgs),
    /// Rank seeds for a company's needs statement, with the terms each matched.
    Needs(query::NeedsArgs),
    /// Counts per facet value and institution, gaps and size figures of a bundle.
    Stats(stats::StatsArgs),
    /// Write deterministic synthetic seeds (canonical JSON input) for scale tests.
    Synth(synth::SynthArgs),
    /// Write the explorer as one self-contained HTML file for a USB stick (opens from file://).
    Pack(pack::PackArgs),
    /// Booth leads: make the exhibitor's key, decrypt the kiosk's exports (docs/leads.md).
    Leads {
        #[command(subcommand)]
        command: leads::LeadsCommand,
    },
}

/// What `build` and `check` read, and how.
#[derive(Args)]
struct SheetArgs {
    /// Input files or folders.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Leave out the built-in synonym groups and English–Japanese glossary; only the inputs'
    /// synonyms*.tsv and glossaries are used.
    #[arg(long)]
    no_default_synonyms: bool,
    /// Read the sheets with this mapping sheet (written by `seeds map`).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Print every problem on a line of its own instead of grouping them.
    #[arg(long)]
    verbose: bool,
}

impl SheetArgs {
    /// Build options for these inputs, writing nothing.
    fn options(self) -> build::Options {
        build::Options {
            inputs: self.inputs,
            no_default_synonyms: self.no_default_synonyms,
            mapping: self.mapping,
            verbose: self.verbose,
            ..build::Options::default()
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprint!("{}", term::escape_lines(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = term::line(&mut std::io::stderr(), format_args!("seeds: error: {e:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { sheets, output, title, publish_anyway, no_index: _ } => {
            build::run(&build::Options {
                output: Some(output),
                title,
                publish_anyway,
                ..sheets.options()
            })
        }
        Command::Check { sheets } => build::run(&sheets.options()),
        Command::Map(args) => map::run(&args),
        Command::Query(args) => query::run(&args),
        Command::Needs(args) => query::needs(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Pack(args) => pack::run(&args),
        Command::Leads { command } => leads::run(&command),
    }
}
