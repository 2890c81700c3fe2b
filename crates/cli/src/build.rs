//! `seeds build` and `seeds check`: validate every record, report each problem with its
//! location, state how many records were read, written and rejected, and write the bundle.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use seed_core::validate::{CatalogBuilder, Problem, Severity};

use crate::inputs::{Inputs, Kind, Located};

#[derive(Default)]
struct Tally {
    read: usize,
    written: usize,
}

/// Validates `inputs`; writes the bundle to `output` when given and nothing was rejected.
pub fn run(inputs: &[PathBuf], output: Option<&Path>, title: Option<String>) -> Result<ExitCode> {
    let inputs = Inputs::read(inputs)?;
    let mut builder = CatalogBuilder::new(inputs.taxonomy()?);
    let (mut institutions, mut seeds, mut warnings) = (Tally::default(), Tally::default(), 0);
    // Institutions first: seeds refer to them wherever they appear in the inputs.
    for kind in [Kind::Institution, Kind::Seed] {
        for rec in inputs.records.iter().filter(|r| r.kind == kind) {
            let outcome = match kind {
                Kind::Institution => builder.add_institution(&rec.record),
                Kind::Seed => builder.add_seed(&rec.record),
            };
            let tally = if kind == Kind::Seed { &mut seeds } else { &mut institutions };
            tally.read += 1;
            tally.written += usize::from(outcome.accepted);
            for p in &outcome.problems {
                warnings += usize::from(p.severity == Severity::Warning);
                eprintln!("{}", located(rec, p));
            }
            if !outcome.accepted {
                eprintln!("{}: rejected {}", where_(rec, None), describe(rec));
            }
        }
    }
    let rejected = (seeds.read - seeds.written) + (institutions.read - institutions.written);
    eprintln!(
        "seeds: read {}, written {}, rejected {}; institutions: read {}, written {}, rejected {}; {} warnings",
        seeds.read,
        seeds.written,
        seeds.read - seeds.written,
        institutions.read,
        institutions.written,
        institutions.read - institutions.written,
        warnings
    );
    if rejected > 0 {
        eprintln!("no bundle written: {rejected} record(s) rejected");
        return Ok(ExitCode::FAILURE);
    }
    if let Some(out) = output {
        let mut bundle = builder.finish(inputs.synonyms);
        bundle.title = title;
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        fs::write(out, bundle.to_json()).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {} ({} seeds)", out.display(), bundle.seeds.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn where_(rec: &Located, field: Option<&str>) -> String {
    format!("{}:{}:{}", rec.file.display(), rec.row, field.unwrap_or("-"))
}

fn describe(rec: &Located) -> String {
    let kind = if rec.kind == Kind::Seed { "seed" } else { "institution" };
    match rec.record.text("id") {
        Some(id) => format!("{kind} {id:?}"),
        None => format!("{kind} without an id"),
    }
}

fn located(rec: &Located, p: &Problem) -> String {
    let kind = if p.severity == Severity::Error { "error" } else { "warning" };
    format!("{}: {kind}: {}: {}", where_(rec, p.field.as_deref()), describe(rec), p.message)
}
