//! What `seeds build` and `seeds check` print, in the order a data maintainer reads it:
//!
//! 1. per sheet, a short report of its columns — which field each fills (and why), the list
//!    separator, the columns left out, the fields no column gives — each said once, with the
//!    number of rows concerned;
//! 2. the problems of the files themselves (unreadable, text above the headings, ...);
//! 3. the problems of rows, grouped by kind and column: a group of a few is printed in full,
//!    a larger one as a count and its first [`EXAMPLES`] (`--verbose` prints every one);
//! 4. the institutions the build created from the seeds, with what they lack;
//! 5. every rejected record, by `file:row:column`.
//!
//! Every printed problem reads `file:row:column: error|warning: seed "id": message`.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::sync::Arc;

use seed_ingest::inputs::{ColumnReport, ColumnSource, Kind, Located, SheetReport, Source};
use seed_ingest::record::Separator;
use seed_ingest::validate::{
    CreatedInstitution, Problem, ProblemKind, Severity, SEED_EXPECTED, SEED_REQUIRED,
};

/// Problems printed per group before the count of the rest.
pub const EXAMPLES: usize = 3;
/// Up to this many rejected records are listed one per line; more are listed as
/// `row:column` pairs, several per line.
pub const MAX_REJECTED_LINES: usize = 10;
/// Width at which the compact list of rejected records wraps.
pub const WRAP_WIDTH: usize = 100;
/// Created institutions listed one per line; more are summed up on one line.
pub const MAX_INSTITUTION_LINES: usize = 3;

/// The English fields whose absence the column report mentions.
const ENGLISH: &[&str] = &["title_en", "summary_en"];
/// The fields an institutions sheet needs.
const INSTITUTION_REQUIRED: &[&str] = &["id", "name_ja", "region"];

/// Problems of one kind in one column of one file.
struct Group {
    source: String,
    column: String,
    severity: Severity,
    kind: ProblemKind,
    entries: Vec<String>,
}

/// Collects the problems of a run and prints them grouped.
pub struct Printer {
    verbose: bool,
    groups: Vec<Group>,
    index: HashMap<(String, String, Severity, ProblemKind), usize>,
    /// Every problem line in record order, for `--verbose`.
    all: Vec<String>,
    rejected: Vec<(Arc<Source>, usize, String, String)>,
    unknown_columns: HashSet<(String, String)>,
    /// Fields whose absence from a sheet was counted (once per sheet).
    absent_fields: HashSet<(String, String)>,
}

impl Printer {
    /// A printer; `verbose` prints every problem instead of groups.
    pub fn new(verbose: bool) -> Self {
        Printer {
            verbose,
            groups: Vec::new(),
            index: HashMap::new(),
            all: Vec::new(),
            rejected: Vec::new(),
            unknown_columns: HashSet::new(),
            absent_fields: HashSet::new(),
        }
    }

    /// Records the problems of one record (`id` as the record is known: given or derived)
    /// and, if it was rejected, the record. Returns how many warnings count towards the
    /// summary: an unknown column counts once per file.
    pub fn record(
        &mut self,
        rec: &Located,
        id: Option<&str>,
        problems: &[Problem],
        accepted: bool,
        extra: impl Fn(&Problem) -> String,
    ) -> usize {
        let mut warnings = 0;
        for p in problems {
            let field = p.field.clone().unwrap_or_default();
            if p.kind == ProblemKind::UnknownField {
                if !self.unknown_columns.insert((rec.source.to_string(), field.clone())) {
                    continue;
                }
                warnings += 1;
                if rec.source.report.is_some() {
                    // Said once in the sheet's column report.
                    continue;
                }
                let row = rec.source.header_row.unwrap_or(rec.row);
                let column = rec.column(&field);
                let line = format!("{}:{row}:{column}: warning: unknown column {column:?}, ignored (reported once per file)", rec.source);
                self.push(rec, column, p, line);
                continue;
            }
            let line = located(rec, id, p) + &extra(p);
            // A field no column gives is said (and counted) once in the column report, not
            // on every row.
            if said_in_report(&rec.source, p) {
                let first = self.absent_fields.insert((rec.source.to_string(), field));
                warnings += usize::from(first && p.severity == Severity::Warning);
                self.all.push(line);
                continue;
            }
            warnings += usize::from(p.severity == Severity::Warning);
            let column = p.field.as_deref().map_or("-", |f| rec.column(f)).to_string();
            self.push(rec, &column, p, line);
        }
        if !accepted {
            let column = problems
                .iter()
                .find(|p| p.severity == Severity::Error)
                .and_then(|p| p.field.as_deref())
                .map_or("-", |f| rec.column(f))
                .to_string();
            self.rejected.push((rec.source.clone(), rec.row, column, describe(rec, id)));
        }
        warnings
    }

    fn push(&mut self, rec: &Located, column: &str, p: &Problem, line: String) {
        self.all.push(line.clone());
        let key = (rec.source.to_string(), column.to_string(), p.severity, p.kind);
        let at = *self.index.entry(key).or_insert_with(|| {
            self.groups.push(Group {
                source: rec.source.to_string(),
                column: column.to_string(),
                severity: p.severity,
                kind: p.kind,
                entries: Vec::new(),
            });
            self.groups.len() - 1
        });
        self.groups[at].entries.push(line);
    }

    /// Prints the row problems: every one with `--verbose`, else grouped, errors first.
    pub fn print_problems(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.verbose {
            for line in &self.all {
                writeln!(out, "{line}")?;
            }
            return Ok(());
        }
        for severity in [Severity::Error, Severity::Warning] {
            for g in self.groups.iter().filter(|g| g.severity == severity) {
                if g.entries.len() <= EXAMPLES {
                    for line in &g.entries {
                        writeln!(out, "{line}")?;
                    }
                    continue;
                }
                let what = if severity == Severity::Error { "error" } else { "warning" };
                writeln!(
                    out,
                    "{}:{}: {what}: {} in {} rows; the first {EXAMPLES}:",
                    g.source,
                    g.column,
                    kind_name(g.kind),
                    g.entries.len()
                )?;
                for line in g.entries.iter().take(EXAMPLES) {
                    writeln!(out, "  {line}")?;
                }
                writeln!(
                    out,
                    "  … and {} more (--verbose prints every one)",
                    g.entries.len() - EXAMPLES
                )?;
            }
        }
        Ok(())
    }

    /// Prints every rejected record by `file:row:column`: one per line when few (or with
    /// `--verbose`), else per file as `row:column` pairs.
    pub fn print_rejected(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.verbose || self.rejected.len() <= MAX_REJECTED_LINES {
            for (source, row, column, what) in &self.rejected {
                writeln!(out, "{source}:{row}:{column}: rejected {what}")?;
            }
            return Ok(());
        }
        let mut order: Vec<String> = Vec::new();
        let mut by_source: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
        for (source, row, column, _) in &self.rejected {
            let key = source.to_string();
            if !by_source.contains_key(&key) {
                order.push(key.clone());
            }
            by_source.entry(key).or_default().push((*row, column));
        }
        for source in order {
            let rows = &by_source[&source];
            let items = ranges(rows);
            let mut line = format!("{source}: rejected {} records (row:column):", rows.len());
            for (i, item) in items.iter().enumerate() {
                let piece =
                    if i + 1 < items.len() { format!(" {item},") } else { format!(" {item}") };
                if line.chars().count() + piece.chars().count() > WRAP_WIDTH {
                    writeln!(out, "{line}")?;
                    line = " ".to_string();
                }
                line.push_str(&piece);
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// `row:column` items, consecutive rows with the same column as one range (`2-151:機関`).
fn ranges(rows: &[(usize, &str)]) -> Vec<String> {
    let mut out: Vec<(usize, usize, &str)> = Vec::new();
    for &(row, column) in rows {
        match out.last_mut() {
            Some((_, end, c)) if *end + 1 == row && *c == column => *end = row,
            _ => out.push((row, row, column)),
        }
    }
    out.into_iter()
        .map(|(a, b, c)| if a == b { format!("{a}:{c}") } else { format!("{a}-{b}:{c}") })
        .collect()
}

/// True when a problem is about a field no column (or constant) of the record's sheet gives:
/// the column report says it once for all rows.
fn said_in_report(source: &Source, p: &Problem) -> bool {
    let Some(report) = &source.report else { return false };
    let about_absence = matches!(
        p.kind,
        ProblemKind::Missing | ProblemKind::NotGiven | ProblemKind::MissingEnglish
    );
    about_absence && p.field.as_deref().is_some_and(|f| !gives(report, f))
}

/// True when a column or a constant of the sheet gives `field`.
fn gives(report: &SheetReport, field: &str) -> bool {
    report.columns.iter().any(|c| c.field.as_deref() == Some(field))
        || report.constants.iter().any(|(f, _)| f == field)
}

/// `seed "id"` or `seed without an id`.
pub fn describe(rec: &Located, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{} {id:?}", rec.kind.name()),
        None => format!("{} without an id", rec.kind.name()),
    }
}

/// `file:row:column: error|warning: seed "id": message`.
fn located(rec: &Located, id: Option<&str>, p: &Problem) -> String {
    let kind = if p.severity == Severity::Error { "error" } else { "warning" };
    let column = p.field.as_deref().map_or("-", |f| rec.column(f));
    format!("{}:{}:{column}: {kind}: {}: {}", rec.source, rec.row, describe(rec, id), p.message)
}

/// A problem kind in a group's heading.
fn kind_name(kind: ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Missing => "required field missing",
        ProblemKind::UnknownInstitution => "unknown institution",
        ProblemKind::UnknownValue => "value not in the vocabulary",
        ProblemKind::DuplicateId => "duplicate id",
        ProblemKind::BadDate => "not a date",
        ProblemKind::BadUrl => "not a web address",
        ProblemKind::BadEmail => "not an e-mail address",
        ProblemKind::BadTrl => "not a TRL from 1 to 9",
        ProblemKind::TooLong => "cell over the length limit",
        ProblemKind::UnbrokenText => "a long run without spaces (search reads its start)",
        ProblemKind::UnknownField => "unknown column",
        ProblemKind::MissingEnglish => "no English text",
        ProblemKind::Taxonomy => "vocabulary missing from the taxonomy",
        ProblemKind::NotGiven => "not given (published, shown as 未設定 / not given)",
    }
}

/// The column report of one sheet: `kind` is what its rows hold.
pub fn column_report(out: &mut dyn Write, source: &Source, kind: Kind) -> io::Result<()> {
    let Some(report) = &source.report else { return Ok(()) };
    let rows = report.rows;
    let plural = |n: usize| if n == 1 { "row" } else { "rows" };
    let count = |n: usize| {
        if n == rows {
            format!("{n} {}", plural(n))
        } else {
            format!("{n} of {rows} {}", plural(rows))
        }
    };
    let header = source.header_row.unwrap_or(1);
    let mapping = report
        .mapping
        .as_ref()
        .map(|m| format!(", read with the mapping sheet {m}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{source}: {rows} {} of {}s, headings on row {header}{mapping}",
        plural(rows),
        kind.name()
    )?;
    let read: Vec<_> = report.columns.iter().filter(|c| c.field.is_some()).collect();
    let arrow =
        |c: &ColumnReport| format!("{} → {}", c.heading, c.field.as_deref().unwrap_or_default());
    let full: Vec<String> = read.iter().filter(|c| c.filled == rows).map(|c| arrow(c)).collect();
    wrapped(out, "  every row: ", &full)?;
    let partial: Vec<String> = read
        .iter()
        .filter(|c| c.filled < rows)
        .map(|c| format!("{} ({} of {rows})", arrow(c), c.filled))
        .collect();
    wrapped(out, "  some rows blank: ", &partial)?;
    for c in &read {
        let field = c.field.as_deref().unwrap_or_default();
        if let Some(sep) = &c.separator {
            let how = if c.detected { "detected" } else { "from the mapping sheet" };
            writeln!(
                out,
                "  {} → {field}: list separator {} ({how}, splits {})",
                c.heading,
                quoted(sep),
                count(c.split_cells)
            )?;
        }
        if c.values_mapped > 0 {
            writeln!(
                out,
                "  {} → {field}: {} values mapped by from/to rows",
                c.heading, c.values_mapped
            )?;
        }
    }
    for (field, value) in &report.constants {
        writeln!(out, "  {field} = {value:?} (constant, {})", count(rows))?;
    }
    let listed = |source: ColumnSource| -> Vec<String> {
        report
            .columns
            .iter()
            .filter(|c| c.source == source && c.field.is_none() && !c.heading.is_empty())
            .map(|c| format!("{} ({})", c.heading, c.filled))
            .collect()
    };
    for (source, what) in [
        (ColumnSource::Unknown, "  unknown columns, ignored (rows filled): "),
        (ColumnSource::Ignored, "  left out by the mapping sheet (rows filled): "),
        (ColumnSource::NotInMapping, "  not in the mapping sheet, ignored (rows filled): "),
    ] {
        wrapped(out, what, &listed(source))?;
    }
    let missing = |fields: &[&'static str]| -> Vec<&'static str> {
        fields.iter().copied().filter(|f| !gives(report, f)).collect()
    };
    match kind {
        Kind::Seed => {
            for field in missing(SEED_REQUIRED) {
                if field == "id" {
                    let line = "  id: no column; ids are derived from the institution and title_ja";
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(out, "  {field}: no column; every row is rejected ({})", count(rows))?;
                }
            }
            let absent = missing(SEED_EXPECTED);
            if !absent.is_empty() {
                writeln!(
                    out,
                    "  not given: {} — published, shown as 未設定 / not given ({})",
                    absent.join(", "),
                    count(rows)
                )?;
            }
            let absent = missing(ENGLISH);
            if !absent.is_empty() {
                writeln!(
                    out,
                    "  no English: {} — the app shows the Japanese to English readers ({})",
                    absent.join(", "),
                    count(rows)
                )?;
            }
        }
        Kind::Institution => {
            for field in missing(INSTITUTION_REQUIRED) {
                writeln!(out, "  {field}: no column; every row is rejected ({})", count(rows))?;
            }
        }
    }
    Ok(())
}

/// `items` after `prefix`, comma-separated, wrapped at [`WRAP_WIDTH`] with continuation lines
/// indented; nothing when there are none.
fn wrapped(out: &mut dyn Write, prefix: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut line = prefix.to_string();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() { format!("{item}, ") } else { item.clone() };
        let fresh = line.trim().is_empty() || line == prefix;
        if !fresh && line.chars().count() + piece.trim_end().chars().count() > WRAP_WIDTH {
            writeln!(out, "{}", line.trim_end())?;
            line = "    ".to_string();
        }
        line.push_str(&piece);
    }
    writeln!(out, "{}", line.trim_end())
}

fn quoted(sep: &Separator) -> String {
    match sep {
        Separator::Text(s) if s == "\n" => "newline".into(),
        other => format!("{:?}", other.label()),
    }
}

/// The institutions the build created from the seeds: one line each when few, else one line
/// for all. Returns the warnings they count for (one per missing detail).
pub fn created_institutions(
    out: &mut dyn Write,
    created: &[CreatedInstitution],
    seeds_of: impl Fn(&str) -> usize,
) -> io::Result<usize> {
    let detail = |d: &str| match d {
        "region" => "no region (shown as 未設定 / not given)",
        "name_en" => "no English name",
        _ => "no website",
    };
    let warnings = created.iter().map(|c| c.missing.len()).sum();
    let n = |id: &str| {
        let k = seeds_of(id);
        format!("{k} seed{}", if k == 1 { "" } else { "s" })
    };
    let advice =
        "give them in an institutions sheet (機関ID, 機関名, 英語名, 都道府県, ウェブサイト)";
    if created.len() <= MAX_INSTITUTION_LINES {
        for c in created {
            let missing: Vec<&str> = c.missing.iter().map(|d| detail(d)).collect();
            writeln!(
                out,
                "warning: institution {:?} ({}) is not in the inputs and was created from the seeds: {}; {advice}",
                c.id,
                n(&c.id),
                missing.join(", ")
            )?;
        }
    } else {
        let names: Vec<String> = created
            .iter()
            .take(MAX_INSTITUTION_LINES)
            .map(|c| format!("{} ({})", c.id, n(&c.id)))
            .collect();
        let without_region = created.iter().filter(|c| c.missing.contains(&"region")).count();
        writeln!(
            out,
            "warning: {} institutions are not in the inputs and were created from the seeds: {}, …; none has an English name or website, {without_region} no region; {advice}",
            created.len(),
            names.join(", ")
        )?;
    }
    Ok(warnings)
}
