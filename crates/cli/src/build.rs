//! `seeds build` and `seeds check`: validate every record, report each problem as
//! `file:row:column: message`, state how many records were read, written and rejected, and
//! write the bundle.
//!
//! Nothing is lost: every record read is either written or rejected, and the summary line
//! says so. A rejected record stops the build (exit 1) unless `--publish-anyway` is given;
//! then the bundle holds the valid records and `<bundle>.rejected.json` beside it lists every
//! rejected record with its file, row, id, reasons and the record itself.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use seed_ingest::dictionaries::{self, Builtin, Chosen, Origin};
use seed_ingest::glossary;
use seed_ingest::inputs::{ColumnSource, Inputs, Kind, Located, Source};
use seed_ingest::record::RawValue;
use seed_ingest::validate::{CatalogBuilder, Problem, ProblemKind, SeedOptions, Severity};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::report::{self, Printer};
use crate::{files, term};

/// What `build` and `check` were asked to do.
#[derive(Debug, Default)]
pub struct Options {
    /// Input files and folders.
    pub inputs: Vec<PathBuf>,
    /// Where to write the bundle; `None` for `seeds check`.
    pub output: Option<PathBuf>,
    /// Catalogue title stored in the bundle.
    pub title: Option<String>,
    /// Write the bundle with the valid records even when some were rejected.
    pub publish_anyway: bool,
    /// Leave the built-in synonym groups and glossary pairs out (the exclusions still apply).
    pub no_default_synonyms: bool,
    /// A mapping sheet the sheets are read with.
    pub mapping: Option<PathBuf>,
    /// Print every problem instead of grouping them.
    pub verbose: bool,
}

/// Records of one kind: read = written + rejected.
#[derive(Debug, Default, Serialize, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Records read.
    pub read: usize,
    /// Records accepted into the bundle.
    pub written: usize,
    /// Records rejected.
    pub rejected: usize,
}

/// One rejected record in the report.
#[derive(Serialize)]
struct Rejected {
    kind: &'static str,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    row: usize,
    id: Option<String>,
    reasons: Vec<Reason>,
    record: Value,
}

#[derive(Serialize)]
struct Reason {
    column: String,
    field: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct Report<'a> {
    bundle: String,
    seeds: Tally,
    institutions: Tally,
    unreadable_files: Vec<UnreadableFile<'a>>,
    rejected: Vec<Rejected>,
}

#[derive(Serialize)]
struct UnreadableFile<'a> {
    location: &'a str,
    message: &'a str,
}

/// The outcome of validating every record.
pub struct Validation {
    /// The accepted records.
    pub builder: CatalogBuilder,
    /// Seeds read, written and rejected.
    pub seeds: Tally,
    /// Institutions read, written and rejected.
    pub institutions: Tally,
    /// Warnings printed (file notes included).
    pub warnings: usize,
    rejected: Vec<Rejected>,
}

/// Validates every record of `inputs` and prints what a data maintainer reads
/// ([`report`]): the column report of each sheet, the file notes, the row problems grouped
/// by kind (every one with `verbose`), the institutions created from the seeds and every
/// rejected record.
pub fn validate(inputs: &Inputs, err: &mut dyn Write, verbose: bool) -> Result<Validation> {
    let mut warnings = 0;
    let mut reported: HashSet<*const Source> = HashSet::new();
    for rec in &inputs.records {
        if reported.insert(Arc::as_ptr(&rec.source)) {
            report::column_report(err, &rec.source, rec.kind)?;
        }
    }
    for note in &inputs.notes {
        warnings += usize::from(note.severity == Severity::Warning);
        term::line(err, note)?;
    }
    let mut builder = CatalogBuilder::new(inputs.taxonomy().context("the built-in taxonomy")?);
    // One sheet is enough to publish: without institutions, the seeds' ones are created.
    let no_institutions = !inputs.records.iter().any(|r| r.kind == Kind::Institution);
    builder.create_missing_institutions(no_institutions);
    let (mut institutions, mut seeds) = (Tally::default(), Tally::default());
    let mut rejected = Vec::new();
    let mut printer = Printer::new(verbose);
    let mut first_seen: HashMap<(Kind, String), String> = HashMap::new();
    // Institutions first: seeds refer to them wherever they appear in the inputs.
    for kind in [Kind::Institution, Kind::Seed] {
        for rec in inputs.records.iter().filter(|r| r.kind == kind) {
            let outcome = match kind {
                Kind::Institution => builder.add_institution(&rec.record),
                Kind::Seed => {
                    let options = SeedOptions { derive_id: rec.source.derives_ids() };
                    builder.add_seed_with(&rec.record, options)
                }
            };
            let tally = if kind == Kind::Seed { &mut seeds } else { &mut institutions };
            tally.read += 1;
            tally.written += usize::from(outcome.accepted);
            tally.rejected += usize::from(!outcome.accepted);
            let id = outcome.derived_id.clone().or_else(|| rec.record.text("id"));
            let first = id.as_ref().and_then(|id| first_seen.get(&(kind, id.clone())));
            let extra = |p: &Problem| match (p.kind, first) {
                (ProblemKind::DuplicateId, Some(first)) => format!(" (first used at {first})"),
                _ => String::new(),
            };
            warnings +=
                printer.record(rec, id.as_deref(), &outcome.problems, outcome.accepted, extra);
            if let Some(id) = &id {
                first_seen
                    .entry((kind, id.clone()))
                    .or_insert_with(|| format!("{}:{}", rec.source, rec.row));
            }
            if !outcome.accepted {
                rejected.push(rejection(rec, id.as_deref(), &outcome.problems));
            }
        }
    }
    printer.print_problems(err)?;
    let seeds_of = |inst: &str| builder.seeds().iter().filter(|s| s.institution() == inst).count();
    warnings += report::created_institutions(err, builder.created_institutions(), seeds_of)?;
    printer.print_rejected(err)?;
    Ok(Validation { builder, seeds, institutions, warnings, rejected })
}

/// Validates the inputs; writes the bundle when asked and allowed.
pub fn run(opts: &Options) -> Result<ExitCode> {
    let started = Instant::now();
    let stderr = io::stderr();
    let mut err = term::Escaping(BufWriter::new(stderr.lock()));
    let mapping = match &opts.mapping {
        Some(path) => match files::read_mapping(path)? {
            Ok(mapping) => Some(mapping),
            Err(errors) => {
                for e in &errors.0 {
                    writeln!(err, "{}:{e}", path.display())?;
                }
                let what = if opts.output.is_some() { "no bundle written" } else { "check failed" };
                writeln!(err, "{what}: {errors} (nothing else was read)")?;
                return Ok(ExitCode::FAILURE);
            }
        },
        None => None,
    };
    let mut inputs = files::read_inputs_with(&opts.inputs, mapping)?;
    let Validation { builder, seeds, institutions, warnings, rejected } =
        validate(&inputs, &mut err, opts.verbose)?;
    // A sheet that does not follow the template: unknown headings, or no title or institution.
    let seed_sheets = inputs.records.iter().filter(|r| r.kind == Kind::Seed);
    let sheets_read = seed_sheets.filter_map(|r| r.source.report.as_ref()).any(|r| {
        let has = |f: &str| r.columns.iter().any(|c| c.field.as_deref() == Some(f));
        r.columns.iter().any(|c| c.source == ColumnSource::Unknown)
            || !has("title_ja")
            || !has("institution") && r.constants.is_empty()
    });
    let conflict = inputs.unreadable.iter().any(|(_, m)| m.contains("seeds map"));
    // The raw records are no longer needed: free them before the bundle is serialized.
    inputs.records = Vec::new();
    let chosen = choose_dictionaries(&inputs, &builder, opts.no_default_synonyms);
    report_dictionaries(&chosen, &mut err)?;
    let created = match builder.created_institutions().len() {
        0 => String::new(),
        n => format!(", created {n} from the seeds"),
    };
    writeln!(
        err,
        "seeds: read {}, written {}, rejected {}; institutions: read {}, written {}, rejected {}{created}; {} warnings",
        seeds.read, seeds.written, seeds.rejected, institutions.read, institutions.written, institutions.rejected, warnings
    )?;
    let rejected_count = seeds.rejected + institutions.rejected;
    let unreadable = inputs.unreadable.len();
    let failed = rejected_count > 0 || unreadable > 0;
    let hint = failed && opts.mapping.is_none() && (sheets_read || conflict);
    let hint = |err: &mut dyn Write| -> io::Result<()> {
        if hint {
            writeln!(err, "hint: for a sheet that does not follow the template, `seeds map SHEET -o mapping.csv` writes a mapping sheet to read it with (--mapping mapping.csv)")?;
        }
        Ok(())
    };
    let what = match (rejected_count, unreadable) {
        (r, 0) => format!("{r} record(s) rejected"),
        (0, u) => format!("{u} file(s) or sheet(s) could not be read"),
        (r, u) => format!("{r} record(s) rejected and {u} file(s) or sheet(s) could not be read"),
    };
    let Some(out) = &opts.output else {
        if failed {
            writeln!(err, "check failed: {what}")?;
            hint(&mut err)?;
            return Ok(ExitCode::FAILURE);
        }
        return Ok(ExitCode::SUCCESS);
    };
    if failed && !opts.publish_anyway {
        term::line(
            &mut err,
            format_args!(
                "no bundle written: {what} (use --publish-anyway to write the valid records)"
            ),
        )?;
        hint(&mut err)?;
        return Ok(ExitCode::FAILURE);
    }
    let mut bundle = builder.finish(chosen.groups);
    bundle.title = opts.title.clone();
    write_atomically(out, bundle.to_json().as_bytes())?;
    let report_path = report_path(out);
    let summary = format!(
        "wrote {} ({} seeds, {} institutions, {} synonym groups) in {:.2} s",
        out.display(),
        bundle.seeds.len(),
        bundle.institutions.len(),
        bundle.synonyms.len(),
        started.elapsed().as_secs_f64()
    );
    if failed {
        let report = Report {
            bundle: out.display().to_string(),
            seeds,
            institutions,
            unreadable_files: inputs
                .unreadable
                .iter()
                .map(|(location, message)| UnreadableFile { location, message })
                .collect(),
            rejected,
        };
        let text = serde_json::to_string_pretty(&report)? + "\n";
        write_atomically(&report_path, text.as_bytes())?;
        term::line(
            &mut err,
            format_args!(
                "{summary}; published anyway: {what}, listed in {}",
                report_path.display()
            ),
        )?;
    } else {
        if report_path.exists() {
            fs::remove_file(&report_path)
                .with_context(|| format!("removing the stale report {}", report_path.display()))?;
        }
        term::line(&mut err, summary)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the rejected-records report of a bundle goes: `catalog.json` → `catalog.rejected.json`.
pub fn report_path(bundle: &Path) -> PathBuf {
    bundle.with_extension("rejected.json")
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// The built-in dictionaries (unless `no_default` says otherwise) and the maintainer's, with
/// the glossary pairs cut down to the accepted seeds.
fn choose_dictionaries(inputs: &Inputs, builder: &CatalogBuilder, no_default: bool) -> Chosen {
    let builtin = if no_default { Builtin::exclusions_only() } else { Builtin::embedded() };
    let own_pairs: Vec<glossary::Pair> =
        inputs.glossaries.iter().flat_map(|g| g.pairs.iter().cloned()).collect();
    let corpus = builder.seeds().iter().flat_map(glossary::japanese_texts);
    dictionaries::choose(&builtin, &inputs.synonyms, &own_pairs, corpus)
}

/// Says which synonym groups and glossary pairs the bundle gets, each on a line of its own.
fn report_dictionaries(chosen: &Chosen, err: &mut dyn Write) -> Result<()> {
    let duplicates = match chosen.builtin_duplicates {
        0 => String::new(),
        n => format!(" ({n} more already in synonyms*.tsv)"),
    };
    writeln!(
        err,
        "synonyms: {} built-in groups{duplicates}, {} from synonyms*.tsv",
        chosen.builtin_groups, chosen.own_groups
    )?;
    let Some(sel) = &chosen.selection else { return Ok(()) };
    let from = |origin| chosen.kept_from(origin);
    writeln!(
        err,
        "glossary: read {} pairs, kept {} (Japanese term found in the seeds: {} built-in additions, {} built-in MEDUTX, \
         {} from glossary files); skipped {} not in the seeds, {} excluded as wrong, {} too short or stop words, \
         {} duplicates, {} already curated, {} that would join curated groups",
        sel.read,
        sel.kept(),
        from(Origin::Additions),
        from(Origin::Glossary),
        from(Origin::Maintainer),
        sel.not_in_corpus,
        sel.excluded,
        sel.unsuitable,
        sel.duplicate,
        sel.already_curated,
        sel.would_merge
    )?;
    Ok(())
}

fn rejection(rec: &Located, id: Option<&str>, problems: &[Problem]) -> Rejected {
    let reasons = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| Reason {
            column: p.field.as_deref().map_or("-", |f| rec.column(f)).to_string(),
            field: p.field.clone(),
            message: p.message.clone(),
        })
        .collect();
    let record: Map<String, Value> = rec
        .record
        .fields
        .iter()
        .map(|(k, v)| {
            let v = match v {
                RawValue::Text(t) => Value::String(t.clone()),
                RawValue::List(items) => {
                    Value::Array(items.iter().cloned().map(Value::String).collect())
                }
            };
            (k.clone(), v)
        })
        .collect();
    Rejected {
        kind: rec.kind.name(),
        file: rec.source.path.display().to_string(),
        sheet: rec.source.sheet.clone(),
        row: rec.row,
        id: id.map(str::to_string),
        reasons,
        record: Value::Object(record),
    }
}
