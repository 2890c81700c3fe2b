//! `seeds map SHEET... -o mapping.csv`: writes a mapping sheet for sheets as an institution
//! sent them — one row per heading with the field it looks like and a row for every field a
//! seed needs or should have that no column gives — and prints why, row by row. A person
//! checks it in Excel and hands it to `seeds check --mapping` and `seeds build --mapping`.

/// `eprintln!` with hidden characters (from headings and cells) escaped, line breaks kept.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", crate::term::escape_lines(&format!($($arg)*)))
    };
}

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use seed_core::Taxonomy;
use seed_ingest::guess::{guess, Guess, SheetSample};
use seed_ingest::inputs::default_taxonomy;
use seed_ingest::mapping::write_csv;
use seed_ingest::record::canonical_field;
use seed_ingest::table::{self, Rows, SheetRole};

/// Arguments of `seeds map`.
#[derive(Args)]
pub struct MapArgs {
    /// The sheets to map (CSV, TSV or a workbook; every seeds sheet of a workbook).
    #[arg(required = true)]
    sheets: Vec<PathBuf>,
    /// Where to write the mapping sheet (CSV, UTF-8 with a byte-order mark for Excel).
    #[arg(short, long)]
    output: PathBuf,
    /// A taxonomy.json whose vocabularies values are compared with (default: the built-in one).
    #[arg(long)]
    taxonomy: Option<PathBuf>,
    /// Overwrite the output if it exists (it may hold a person's edits).
    #[arg(long)]
    force: bool,
}

/// Runs `seeds map`.
pub fn run(args: &MapArgs) -> Result<ExitCode> {
    if args.output.exists() && !args.force {
        bail!(
            "{} exists and may hold your edits; give another -o, or --force to overwrite it",
            args.output.display()
        );
    }
    let taxonomy: Taxonomy = match &args.taxonomy {
        Some(p) => serde_json::from_slice(
            &fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        )
        .with_context(|| format!("{} is not a taxonomy", p.display()))?,
        None => default_taxonomy().context("the built-in taxonomy")?,
    };
    let mut tables: Vec<(String, Rows)> = Vec::new();
    for path in &args.sheets {
        tables.extend(read_tables(path)?);
    }
    let mut samples = Vec::new();
    for (name, rows) in &tables {
        let header = match table::heading_row(rows, |c| canonical_field(c).is_some()) {
            Ok(Some(h)) => h,
            Ok(None) => {
                say!("{name}: empty, skipped");
                continue;
            }
            // No heading the builder knows: the first non-blank row names the columns.
            Err(first) => first,
        };
        let data: Vec<&[String]> = rows[header + 1..]
            .iter()
            .filter(|(_, c)| !table::blank(c))
            .map(|(_, c)| c.as_slice())
            .collect();
        say!("{name}: {} rows, headings on row {}", data.len(), rows[header].0);
        samples.push(SheetSample { headings: &rows[header].1, rows: data });
    }
    if samples.is_empty() {
        bail!("no sheet with rows to map");
    }
    let guesses = guess(&samples, &taxonomy);
    for g in &guesses {
        say!("{}", explain(g));
    }
    let rows: Vec<_> = guesses.iter().map(|g| g.row.clone()).collect();
    fs::write(&args.output, write_csv(&rows))
        .with_context(|| format!("writing {}", args.output.display()))?;
    let mapped = rows
        .iter()
        .filter(|r| !r.heading.is_empty() && !r.field.is_empty() && r.from.is_empty())
        .count();
    let left = rows
        .iter()
        .filter(|r| !r.heading.is_empty() && r.field.is_empty() && r.from.is_empty())
        .count();
    let values = rows.iter().filter(|r| !r.from.is_empty()).count();
    let lacking = rows.iter().filter(|r| r.heading.is_empty() && r.from.is_empty()).count();
    let sheets: Vec<String> = args.sheets.iter().map(|p| p.display().to_string()).collect();
    say!(
        "wrote {}: {mapped} columns mapped, {left} left out, {values} value mappings, {lacking} fields no column gives.\n\
         Check it (in Excel), then run: seeds check --mapping {} {}",
        args.output.display(),
        args.output.display(),
        sheets.join(" ")
    );
    Ok(ExitCode::SUCCESS)
}

/// One line of why: `heading → field: reason`.
fn explain(g: &Guess) -> String {
    let r = &g.row;
    if !r.from.is_empty() {
        let to = if r.to.is_empty() { "?" } else { &r.to };
        format!("  {}: {:?} → {to}: {}", r.heading, r.from, g.reason)
    } else if r.heading.is_empty() {
        format!("  ({}): {}", r.field, g.reason)
    } else if r.field.is_empty() {
        format!("  {} → (left out): {}", r.heading, g.reason)
    } else {
        format!("  {} → {}: {}", r.heading, r.field, g.reason)
    }
}

/// The tables of a sheet file: a CSV or TSV, or the seeds sheets of a workbook.
fn read_tables(path: &Path) -> Result<Vec<(String, Rows)>> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    let name = path.display().to_string();
    match ext.as_str() {
        "csv" | "tsv" | "tab" | "txt" => {
            let delimiter = if ext == "csv" { b',' } else { b'\t' };
            let (rows, damaged) = table::delimited(&bytes, delimiter)
                .with_context(|| format!("cannot read {name} as CSV"))?;
            if let Some((line, message)) = damaged {
                say!("{name}:{line}:-: warning: {message}");
            }
            Ok(vec![(name, rows)])
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let sheets = table::workbook(path, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot open the workbook {name}: {e}"))?;
            Ok(sheets
                .into_iter()
                .filter(|s| s.role == SheetRole::Records)
                .filter_map(|s| s.rows.ok().map(|rows| (format!("{name}[{}]", s.name), rows)))
                .collect())
        }
        _ => bail!("{name}: seeds map reads sheets (.csv, .tsv, .xlsx); JSON inputs use the field names already"),
    }
}
