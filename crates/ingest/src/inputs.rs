//! Reads the input files: records (institutions and seeds) from JSON, CSV, TSV and
//! spreadsheets; the taxonomy; synonym groups; and en→ja glossaries. Every record keeps where
//! it came from — file, sheet, row and the column headings as written — so problems can be
//! reported as `file:row:column`. The caller reads the files (and walks folders, keeping the
//! paths [`is_input`] and [`is_skipped_in_folder`] choose) and hands over each one's bytes.
//!
//! A file that cannot be read at all does not stop the others: it is reported as an error
//! with its location and counted, so one run shows every problem. Only a taxonomy that
//! cannot be used stops the run ([`TaxonomyError`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use seed_core::Taxonomy;
use serde_json::Value;

use crate::glossary;
use crate::mapping::{fold_value, Mapping, ValueRule};
use crate::record::{
    canonical_field, detect_separator, numbered_siblings, split_list, trim_cell, RawRecord,
    RawValue, Separator, LIST_FIELDS,
};
use crate::table::{self, Rows, SheetRole};
use crate::text;
use crate::validate::Severity;
use crate::workbook::{chain, column_letter};

/// The taxonomy used when the inputs bring none: the default medical vocabularies.
pub const DEFAULT_TAXONOMY: &str = include_str!("../../../data/taxonomy.json");

/// Which kind of record a source row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An institution.
    Institution,
    /// A research seed.
    Seed,
}

impl Kind {
    /// `seed` or `institution`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Institution => "institution",
            Kind::Seed => "seed",
        }
    }
}

/// A file, or one sheet of a workbook, that records were read from.
#[derive(Debug, Default)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    /// The spreadsheet row holding the column headings (sheets only).
    pub header_row: Option<usize>,
    /// Canonical field → column heading as written in the file (sheets only).
    pub columns: HashMap<String, String>,
    /// What the reader made of each column (sheets only).
    pub report: Option<SheetReport>,
}

impl Source {
    /// True when the sheet has no id column, so its seeds' ids are derived from title and
    /// institution.
    pub fn derives_ids(&self) -> bool {
        self.report.as_ref().is_some_and(|r| r.derive_id)
    }
}

/// What the reader made of one sheet's columns, for the report a data maintainer reads first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetReport {
    /// Rows read as records (blank rows are not counted).
    pub rows: usize,
    /// The mapping sheet the sheet was read with, if any.
    pub mapping: Option<String>,
    /// Every column with a heading or with cells, in sheet order.
    pub columns: Vec<ColumnReport>,
    /// The mapping sheet's constants: field and value.
    pub constants: Vec<(String, String)>,
    /// The sheet has no id column: seed ids are derived from title and institution.
    pub derive_id: bool,
}

/// Why a column fills the field it fills (or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnSource {
    /// Its heading is one the builder knows.
    Heading,
    /// The mapping sheet says so.
    Mapping,
    /// Its heading is not one the builder knows: ignored.
    Unknown,
    /// The mapping sheet does not name it: ignored.
    NotInMapping,
    /// The mapping sheet leaves its field empty: ignored.
    #[default]
    Ignored,
}

/// One column of a sheet, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnReport {
    /// The heading as written (`(column C)` for a column without one).
    pub heading: String,
    /// The field it fills; `None` when ignored.
    pub field: Option<String>,
    /// Why.
    pub source: ColumnSource,
    /// Its non-blank cells.
    pub filled: usize,
    /// The list separator, when not the default one.
    pub separator: Option<Separator>,
    /// The separator was found in the cells rather than given by the mapping sheet.
    pub detected: bool,
    /// Cells the separator splits.
    pub split_cells: usize,
    /// Values a mapping sheet's `from`/`to` rows changed.
    pub values_mapped: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, "[{sheet}]")?;
        }
        Ok(())
    }
}

/// A record and where it was read.
#[derive(Debug)]
pub struct Located {
    /// The file (and sheet) it came from.
    pub source: Arc<Source>,
    /// The spreadsheet row number (headings are row 1 in a plain sheet), or for JSON the
    /// record's 1-based position in its array.
    pub row: usize,
    /// Institution or seed.
    pub kind: Kind,
    /// The record's fields.
    pub record: RawRecord,
    /// For a JSON record written with alias keys: canonical field → key as written.
    pub aliases: Option<Box<HashMap<String, String>>>,
}

impl Located {
    /// The column (or JSON key) a field was written under, for messages; the field name
    /// itself when the record does not have it.
    pub fn column<'a>(&'a self, field: &'a str) -> &'a str {
        if let Some(written) = self.aliases.as_ref().and_then(|a| a.get(field)) {
            return written;
        }
        self.source.columns.get(field).map_or(field, String::as_str)
    }
}

/// A problem with a file rather than with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// `file:row:column`.
    pub location: String,
    /// Errors mean the file (or a sheet) could not be read.
    pub severity: Severity,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.severity == Severity::Error { "error" } else { "warning" };
        write!(f, "{}: {kind}: {}", self.location, self.message)
    }
}

/// An en→ja glossary file.
#[derive(Debug)]
pub struct GlossaryFile {
    /// Where it was read.
    pub path: PathBuf,
    /// Its pairs, in file order.
    pub pairs: Vec<glossary::Pair>,
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Taxonomy from the inputs, if one was given.
    pub taxonomy: Option<Taxonomy>,
    /// All records in input order.
    pub records: Vec<Located>,
    /// Curated synonym groups.
    pub synonyms: Vec<Vec<String>>,
    /// en→ja glossaries.
    pub glossaries: Vec<GlossaryFile>,
    /// Problems with whole files, sheets or columns, in the order found.
    pub notes: Vec<Note>,
    /// Files (or sheets) that could not be read, with the reason.
    pub unreadable: Vec<(String, String)>,
    /// The mapping sheet sheets are read with, if any.
    pub mapping: Option<Arc<Mapping>>,
}

/// A taxonomy that cannot be used: the whole run stops, as no record can be validated.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// A second file holding a taxonomy.
    #[error("a second taxonomy file; give exactly one")]
    Second,
    /// A file that looks like a taxonomy (it has `facets`) but does not read as one.
    #[error("not a usable taxonomy: {0}")]
    Unusable(serde_json::Error),
}

/// Why one file (or a workbook) could not be read. It is recorded in the `unreadable` list and
/// reading the other files goes on, except for a [`FileError::Taxonomy`], which stops the run.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Neither a record format nor a synonyms or glossary file.
    #[error("unsupported file type (expected .json, .csv, .tsv, .xlsx, synonyms*.tsv or a glossary .tsv)")]
    UnsupportedType,
    /// Text that is not JSON.
    #[error("invalid JSON: {0}")]
    Json(serde_json::Error),
    /// JSON that is not shaped like an input (the message says what was expected).
    #[error("{0}")]
    Shape(String),
    /// A delimited file the CSV reader gave up on.
    #[error("cannot read the CSV: {0}")]
    Csv(csv::Error),
    /// A workbook that cannot be opened (calamine's error with its causes).
    #[error("cannot open the workbook: {}", chain(.0))]
    Workbook(calamine::Error),
    /// An unusable taxonomy.
    #[error(transparent)]
    Taxonomy(#[from] TaxonomyError),
}

impl FileError {
    /// The line of the file the problem is on (1 when it concerns the whole file).
    pub fn line(&self) -> usize {
        let line = match self {
            FileError::Json(e) => e.line(),
            FileError::Csv(e) => e.position().map_or(1, |p| p.line()) as usize,
            _ => 1,
        };
        line.max(1)
    }
}

impl Inputs {
    /// Reads one input file from its bytes; `path` names it in messages, and its name and
    /// extension say what it holds. A file that cannot be used is recorded in the `unreadable`
    /// list (and [`Inputs::notes`]) and `Ok` is returned, so one run reports every file; only
    /// an unusable taxonomy is an error.
    pub fn add_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), TaxonomyError> {
        match self.read_file(path, bytes) {
            Ok(()) => Ok(()),
            Err(FileError::Taxonomy(e)) => Err(e),
            Err(e) => {
                self.failed(path, &e);
                Ok(())
            }
        }
    }

    /// Reads the sheets added from now on with a mapping sheet: a sheet naming any of its
    /// headings is read by it (see [`Mapping`]).
    pub fn set_mapping(&mut self, mapping: Mapping) {
        self.mapping = Some(Arc::new(mapping));
    }

    /// Records a file whose bytes could not be read at all (a permission, a vanished file).
    pub fn add_unreadable(&mut self, path: &Path, error: &dyn std::error::Error) {
        self.unreadable(format!("{}:1:-", path.display()), chain(error));
    }

    /// Reads the inputs from text already in memory as a CSV (or, with `tab`, TSV) file named
    /// `name`; for tests and tools.
    pub fn from_delimited_bytes(name: &str, bytes: &[u8], tab: bool) -> Inputs {
        let mut inputs = Inputs::default();
        if let Err(e) =
            inputs.read_delimited(Path::new(name), bytes, if tab { b'\t' } else { b',' })
        {
            inputs.failed(Path::new(name), &e);
        }
        inputs
    }

    /// The taxonomy to validate against: the inputs' own or the default.
    pub fn taxonomy(&self) -> Result<Taxonomy, serde_json::Error> {
        match &self.taxonomy {
            Some(t) => Ok(t.clone()),
            None => default_taxonomy(),
        }
    }

    fn note(&mut self, location: String, severity: Severity, message: String) {
        self.notes.push(Note { location, severity, message });
    }

    fn failed(&mut self, path: &Path, e: &FileError) {
        self.unreadable(format!("{}:{}:-", path.display(), e.line()), e.to_string());
    }

    fn unreadable(&mut self, location: String, message: String) {
        self.unreadable.push((location.clone(), message.clone()));
        self.note(location, Severity::Error, message);
    }

    fn read_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        let name = file_name(path);
        if name.starts_with("synonyms") {
            let text = self.read_text(path, bytes);
            self.synonyms.extend(parse_synonyms(&text));
            return Ok(());
        }
        if is_glossary(path) {
            let text = self.read_text(path, bytes);
            self.glossaries
                .push(GlossaryFile { path: path.to_path_buf(), pairs: glossary::parse(&text) });
            return Ok(());
        }
        match extension(path).as_str() {
            "json" => self.read_json(path, bytes),
            "csv" => self.read_delimited(path, bytes, b','),
            "tsv" | "tab" => self.read_delimited(path, bytes, b'\t'),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => self.read_workbook(path, bytes),
            _ => Err(FileError::UnsupportedType),
        }
    }

    /// Decodes a text file in any supported encoding, warning when bytes were undecodable.
    fn read_text(&mut self, path: &Path, bytes: &[u8]) -> String {
        let decoded = text::decode(bytes);
        if let Some((line, message)) = decoded.damaged {
            self.note(format!("{}:{line}:-", path.display()), Severity::Warning, message);
        }
        decoded.text
    }

    fn read_json(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        let text = self.read_text(path, bytes);
        let value: Value = serde_json::from_str(&text).map_err(FileError::Json)?;
        let top = match value {
            Value::Object(top) => top,
            Value::Array(items) => {
                let source = Arc::new(Source { path: path.to_path_buf(), ..Source::default() });
                self.push_json_records(&source, Kind::Seed, &items);
                return Ok(());
            }
            _ => {
                let expected = "expected a JSON object (or an array of seeds) at the top level";
                return Err(FileError::Shape(expected.into()));
            }
        };
        if top.get("format").and_then(Value::as_str) == Some(seed_core::bundle::FORMAT) {
            let message = "this is a built bundle, not an input; skipped".to_string();
            self.note(format!("{}:1:-", path.display()), Severity::Warning, message);
            return Ok(());
        }
        if top.contains_key("rejected") && top.contains_key("bundle") {
            let message = "this is a rejected-records report, not an input; skipped".to_string();
            self.note(format!("{}:1:-", path.display()), Severity::Warning, message);
            return Ok(());
        }
        if top.contains_key("facets") {
            if self.taxonomy.is_some() {
                return Err(TaxonomyError::Second.into());
            }
            let taxonomy =
                serde_json::from_value(Value::Object(top)).map_err(TaxonomyError::Unusable)?;
            self.taxonomy = Some(taxonomy);
            return Ok(());
        }
        let source = Arc::new(Source { path: path.to_path_buf(), ..Source::default() });
        let mut found = false;
        for (key, kind) in [("institutions", Kind::Institution), ("seeds", Kind::Seed)] {
            let Some(list) = top.get(key) else { continue };
            let Value::Array(items) = list else {
                return Err(FileError::Shape(format!("\"{key}\" must be an array")));
            };
            found = true;
            self.push_json_records(&source, kind, items);
        }
        if !found {
            let expected = "expected \"institutions\", \"seeds\" or \"facets\" at the top level";
            return Err(FileError::Shape(expected.into()));
        }
        Ok(())
    }

    fn push_json_records(&mut self, source: &Arc<Source>, kind: Kind, items: &[Value]) {
        for (i, item) in items.iter().enumerate() {
            let (record, aliases) = match item {
                Value::Object(o) => {
                    let aliases: HashMap<String, String> = o
                        .keys()
                        .filter_map(|k| {
                            canonical_field(k)
                                .filter(|c| c != k)
                                .map(|c| (c.to_string(), k.clone()))
                        })
                        .collect();
                    (RawRecord::from_json(o), (!aliases.is_empty()).then(|| Box::new(aliases)))
                }
                _ => (RawRecord::default(), None),
            };
            self.records.push(Located {
                source: source.clone(),
                row: i + 1,
                kind,
                record,
                aliases,
            });
        }
    }

    fn read_delimited(
        &mut self,
        path: &Path,
        bytes: &[u8],
        delimiter: u8,
    ) -> Result<(), FileError> {
        let (rows, damaged) = table::delimited(bytes, delimiter).map_err(FileError::Csv)?;
        if let Some((line, message)) = damaged {
            self.note(format!("{}:{line}:-", path.display()), Severity::Warning, message);
        }
        self.read_table(path, None, None, rows, 0);
        Ok(())
    }

    fn read_workbook(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        for sheet in table::workbook(path, bytes).map_err(FileError::Workbook)? {
            let rows = match sheet.rows {
                Ok(rows) => rows,
                Err(e) => {
                    let location = format!("{}[{}]:{}", path.display(), sheet.name, e.location());
                    self.unreadable(location, e.to_string());
                    continue;
                }
            };
            let forced = (sheet.role == SheetRole::Institutions).then_some(Kind::Institution);
            self.read_table(path, Some(sheet.name), forced, rows, sheet.first_col);
        }
        Ok(())
    }

    /// Turns the rows of one sheet (spreadsheet row number, cells) into records. The heading
    /// row is the first of the first ten non-blank rows naming at least two known columns
    /// (headings the builder knows, or the mapping sheet's); blank rows are not records. A
    /// sheet naming any heading of the mapping sheet is read by it: its other columns are
    /// ignored, and its constants, separators and value mappings apply.
    fn read_table(
        &mut self,
        path: &Path,
        sheet: Option<String>,
        forced: Option<Kind>,
        rows: Rows,
        first_col: usize,
    ) {
        let display = match &sheet {
            Some(s) => format!("{}[{s}]", path.display()),
            None => path.display().to_string(),
        };
        let mapping = self.mapping.clone();
        let in_mapping = |c: &str| mapping.as_ref().is_some_and(|m| m.column(c).is_some());
        let header = match table::heading_row(&rows, |c| {
            canonical_field(c).is_some() || in_mapping(c)
        }) {
            Ok(Some(header)) => header,
            Ok(None) => {
                if sheet.is_none() {
                    let message = "the file is empty".to_string();
                    self.note(format!("{display}:1:-"), Severity::Warning, message);
                }
                return;
            }
            Err(first) => {
                let message = "no heading row found: the first rows should name the columns (id, title_ja or タイトル, ...)";
                self.unreadable(format!("{display}:{}:-", rows[first].0), message.into());
                return;
            }
        };
        let header_row = rows[header].0;
        for (row, _) in rows[..header].iter().filter(|(_, c)| !table::blank(c)) {
            let message = "text above the heading row, ignored".to_string();
            self.note(format!("{display}:{row}:-"), Severity::Warning, message);
        }
        let headings = &rows[header].1;
        let data = &rows[header + 1..];
        let mapping = mapping.filter(|m| headings.iter().any(|h| m.column(trim_cell(h)).is_some()));
        let Some(plan) =
            self.plan_columns(&display, header_row, headings, data, mapping.as_deref(), first_col)
        else {
            return;
        };
        let ColumnPlan { mut keys, mut columns, mut report } = plan;
        let kind = forced.unwrap_or_else(|| {
            let has = |f: &str| columns.contains_key(f);
            if has("name_ja") && has("region") && !has("title_ja") && !has("title_en") {
                Kind::Institution
            } else {
                Kind::Seed
            }
        });
        // In a seeds sheet 機関名 (an institution's name) names the seed's institution; in an
        // institutions sheet 機関ID is the institution's own id.
        let (from, to) = match kind {
            Kind::Seed => ("name_ja", "institution"),
            Kind::Institution => ("institution", "id"),
        };
        if !columns.contains_key(to) {
            if let Some(written) = columns.remove(from) {
                for k in keys.iter_mut().filter(|k| k.as_deref() == Some(from)) {
                    *k = Some(to.to_string());
                }
                for c in report.columns.iter_mut().filter(|c| c.field.as_deref() == Some(from)) {
                    c.field = Some(to.to_string());
                }
                columns.insert(to.to_string(), written);
            }
        }
        let constants: Vec<(String, RawValue)> = mapping
            .as_deref()
            .map(|m| {
                m.constants
                    .iter()
                    .map(|c| {
                        let rules: Vec<&ValueRule> = m.value_rules(None, c.field).collect();
                        let value = map_value(&c.value, &rules).unwrap_or(&c.value).to_string();
                        (c.field.to_string(), RawValue::Text(value))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (field, value) in &constants {
            columns.insert(field.clone(), format!("{field} (constant)"));
            if let RawValue::Text(v) = value {
                report.constants.push((field.clone(), v.clone()));
            }
        }
        report.derive_id = kind == Kind::Seed && !columns.contains_key("id");
        let value_rules: Vec<Vec<ValueRule>> = keys
            .iter()
            .zip(headings)
            .map(|(key, h)| match (&mapping, key) {
                (Some(m), Some(field)) => {
                    m.value_rules(Some(trim_cell(h)), field).cloned().collect()
                }
                _ => Vec::new(),
            })
            .collect();
        let mut records = Vec::new();
        for (row, cells) in data {
            if table::blank(cells) {
                continue;
            }
            report.rows += 1;
            let mut fields: BTreeMap<String, RawValue> = BTreeMap::new();
            for (j, (cell, key)) in cells.iter().zip(&keys).enumerate() {
                let Some(key) = key else { continue };
                if trim_cell(cell).is_empty() {
                    continue;
                }
                // Line breaks inside a cell become \n, whatever the file's line ends are.
                let cell = if cell.contains('\r') {
                    cell.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    cell.clone()
                };
                let (value, mapped) =
                    cell_value(key, cell, &report.columns[j].separator, &value_rules[j]);
                report.columns[j].values_mapped += mapped;
                match fields.get_mut(key) {
                    Some(RawValue::Text(existing)) if matches!(value, RawValue::Text(_)) => {
                        let RawValue::Text(t) = value else { unreachable!() };
                        existing.push('\n');
                        existing.push_str(&t);
                    }
                    Some(existing) => {
                        let mut items = items_of(existing);
                        items.extend(items_of(&value));
                        *existing = RawValue::List(items);
                    }
                    None => {
                        fields.insert(key.clone(), value);
                    }
                }
            }
            for (field, value) in &constants {
                fields.insert(field.clone(), value.clone());
            }
            records.push((*row, RawRecord { fields }));
        }
        let source = Arc::new(Source {
            path: path.to_path_buf(),
            sheet,
            header_row: Some(header_row),
            columns,
            report: Some(report),
        });
        for (row, record) in records {
            self.records.push(Located { source: source.clone(), row, kind, record, aliases: None });
        }
    }

    /// Which field each column fills, and the report of it; `None` when two headings name one
    /// field, which is an error that stops reading the sheet.
    fn plan_columns(
        &mut self,
        display: &str,
        header_row: usize,
        headings: &[String],
        data: &[(usize, Vec<String>)],
        mapping: Option<&Mapping>,
        first_col: usize,
    ) -> Option<ColumnPlan> {
        let mut keys: Vec<Option<String>> = Vec::with_capacity(headings.len());
        let mut columns: HashMap<String, String> = HashMap::new();
        let mut report =
            SheetReport { mapping: mapping.map(|m| m.name.clone()), ..SheetReport::default() };
        for (j, heading) in headings.iter().enumerate() {
            let h = trim_cell(heading);
            let cells =
                || data.iter().filter_map(move |(_, cells)| cells.get(j).map(String::as_str));
            let filled = cells().filter(|c| !trim_cell(c).is_empty()).count();
            let (key, source) = if h.is_empty() {
                let name = format!("(column {})", column_letter(first_col + j));
                match (filled > 0, mapping) {
                    (false, _) => (None, None),
                    (true, Some(_)) => (None, Some((name, ColumnSource::NotInMapping))),
                    (true, None) => {
                        columns.insert(name.clone(), name.clone());
                        (Some(name.clone()), Some((name, ColumnSource::Unknown)))
                    }
                }
            } else {
                let (field, source) = match mapping {
                    Some(m) => match m.column(h) {
                        Some(rule) => match rule.field {
                            Some(f) => (Some(f), ColumnSource::Mapping),
                            None => (None, ColumnSource::Ignored),
                        },
                        None => (None, ColumnSource::NotInMapping),
                    },
                    None => match canonical_field(h) {
                        Some(f) => (Some(f), ColumnSource::Heading),
                        None => (None, ColumnSource::Unknown),
                    },
                };
                if let Some(field) = field {
                    if let Some(first) = columns.get(field) {
                        if !(LIST_FIELDS.contains(&field) && numbered_siblings(first, h)) {
                            let message = format!(
                                "\"{h}\" and \"{first}\" both map to {field}; keep one, or say which to read in a mapping sheet (seeds map writes one)"
                            );
                            self.unreadable(format!("{display}:{header_row}:{h}"), message);
                            return None;
                        }
                    }
                    columns.entry(field.to_string()).or_insert_with(|| h.to_string());
                }
                let key = match (field, source) {
                    (Some(f), _) => Some(f.to_string()),
                    // Without a mapping, an unknown column is kept so validation warns about it.
                    (None, ColumnSource::Unknown) => Some(h.to_string()),
                    (None, _) => None,
                };
                (key, Some((h.to_string(), source)))
            };
            let explicit = mapping.and_then(|m| m.column(h)).and_then(|r| r.separator.clone());
            let list = key.as_deref().filter(|k| LIST_FIELDS.contains(k));
            let (separator, detected, split_cells) = match (list, explicit) {
                (Some(_), Some(sep)) => {
                    let n = cells().filter(|c| sep.split(c).len() > 1).count();
                    (Some(sep), false, n)
                }
                (Some(field), None) => match detect_separator(field, cells()) {
                    Some((sep, n)) => (Some(sep), true, n),
                    None => (None, false, 0),
                },
                (None, _) => (None, false, 0),
            };
            keys.push(key.clone());
            report.columns.push(match source {
                Some((heading, source)) => ColumnReport {
                    heading,
                    field: key.filter(|_| source != ColumnSource::Unknown),
                    source,
                    filled,
                    separator,
                    detected,
                    split_cells,
                    values_mapped: 0,
                },
                None => ColumnReport { source: ColumnSource::Ignored, ..ColumnReport::default() },
            });
        }
        Some(ColumnPlan { keys, columns, report })
    }
}

/// The fields a sheet's columns fill and the report of them, before records are read.
struct ColumnPlan {
    /// Column index → the field its cells go under (`None`: ignored).
    keys: Vec<Option<String>>,
    /// Field → heading as written.
    columns: HashMap<String, String>,
    report: SheetReport,
}

/// A cell's value under `key`: a list split with the column's separator when that is not the
/// default one or when value mappings apply to items, else the text as written. Also says how
/// many values the mappings changed.
fn cell_value(
    key: &str,
    cell: String,
    separator: &Option<Separator>,
    rules: &[ValueRule],
) -> (RawValue, usize) {
    let rules: Vec<&ValueRule> = rules.iter().collect();
    if LIST_FIELDS.contains(&key) && (separator.is_some() || !rules.is_empty()) {
        let sep = separator.clone().unwrap_or_default();
        let mut mapped = 0;
        let items = sep
            .split(&cell)
            .into_iter()
            .map(|item| match map_value(&item, &rules) {
                Some(to) => {
                    mapped += 1;
                    to.to_string()
                }
                None => item,
            })
            .collect();
        return (RawValue::List(items), mapped);
    }
    match map_value(&cell, &rules) {
        Some(to) => (RawValue::Text(to.to_string()), 1),
        None => (RawValue::Text(cell), 0),
    }
}

/// What a value mapping makes of `value`, if one applies.
fn map_value<'r>(value: &str, rules: &[&'r ValueRule]) -> Option<&'r str> {
    let v = fold_value(value);
    rules.iter().find(|r| fold_value(&r.from) == v).map(|r| r.to.as_str())
}

/// The items of a value: a list's, or a text's split on the default separators.
fn items_of(value: &RawValue) -> Vec<String> {
    match value {
        RawValue::Text(t) => split_list(t),
        RawValue::List(items) => items.clone(),
    }
}

/// The built-in taxonomy.
pub fn default_taxonomy() -> Result<Taxonomy, serde_json::Error> {
    serde_json::from_str(DEFAULT_TAXONOMY)
}

/// One group of equivalent terms per line, separated by tabs; `#` starts a comment line.
pub fn parse_synonyms(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| {
            l.split('\t')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() >= 2)
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_lowercase()
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase()
}

/// A glossary: a .tsv/.txt/.csv file in a folder named `glossary`, or named `*glossary*` or
/// `medutx*`.
fn is_glossary(path: &Path) -> bool {
    let name = file_name(path);
    let in_folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("glossary"));
    ["tsv", "txt", "csv"].contains(&extension(path).as_str())
        && (in_folder || name.contains("glossary") || name.starts_with("medutx"))
}

/// True for a file that reads as an input: records (JSON, CSV, TSV, spreadsheets), a
/// taxonomy, synonyms or a glossary. A path named explicitly is read whatever its name.
pub fn is_input(path: &Path) -> bool {
    let name = file_name(path);
    name.starts_with("synonyms")
        || is_glossary(path)
        || ["json", "csv", "tsv", "tab", "xlsx", "xlsm", "xlsb", "xls", "ods"]
            .contains(&extension(path).as_str())
}

/// True for a file or folder that is passed over when walking a folder: hidden ones, Excel's
/// `~$` lock files, `template.*` (the blank forms for institutions) and `*.rejected.json`
/// reports of earlier builds.
pub fn is_skipped_in_folder(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || lower.starts_with("template")
        || lower.ends_with(".rejected.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_spreadsheet_rows() {
        let csv = "id,タイトル,概要\n\na,\"two\nlines\",x\nb,t,s\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        let rows: Vec<usize> = inputs.records.iter().map(|r| r.row).collect();
        assert_eq!(rows, [3, 4]);
        assert_eq!(inputs.records[0].column("title_ja"), "タイトル");
        assert_eq!(inputs.records[0].record.text("title_ja").as_deref(), Some("two\nlines"));
    }

    #[test]
    fn a_title_line_above_the_headings_is_skipped_with_a_warning() {
        let csv = "研究シーズ一覧 2025\nid,タイトル,概要\na,t,s\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        assert_eq!(inputs.records.len(), 1);
        assert_eq!(inputs.records[0].row, 3);
        assert_eq!(
            inputs.notes[0].to_string(),
            "t.csv:1:-: warning: text above the heading row, ignored"
        );
    }

    #[test]
    fn numbered_list_columns_are_joined() {
        let csv = "id,キーワード,キーワード2,タイトル\na,がん,免疫、T細胞,t\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        assert_eq!(inputs.records[0].record.list("keywords_ja"), ["がん", "免疫", "T細胞"]);
    }

    #[test]
    fn two_headings_naming_one_field_are_an_error_naming_both() {
        for (csv, heading, first, field) in [
            ("id,タイトル,シーズ名\na,t,u\n", "シーズ名", "タイトル", "title_ja"),
            ("id,タイトル,分野,研究分野(KAKEN)\na,t,drug,x\n", "研究分野(KAKEN)", "分野", "fields"),
        ] {
            let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
            assert!(inputs.records.is_empty(), "the sheet is not read: {csv}");
            assert_eq!(
                inputs.notes[0].to_string(),
                format!("t.csv:1:{heading}: error: \"{heading}\" and \"{first}\" both map to {field}; keep one, or say which to read in a mapping sheet (seeds map writes one)")
            );
        }
    }

    #[test]
    fn a_list_column_splits_on_the_separator_its_cells_use() {
        let csv = "id,タイトル,キーワード,研究者\na,t,がん / 免疫 / 診断・治療,山田 太郎\nb,u,\"AI / MRI\n画像\",鈴木 花子\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        assert_eq!(inputs.records[0].record.list("keywords_ja"), ["がん", "免疫", "診断・治療"]);
        assert_eq!(inputs.records[1].record.list("keywords_ja"), ["AI", "MRI", "画像"]);
        let report = inputs.records[0].source.report.as_ref().unwrap();
        let kw = &report.columns[2];
        assert_eq!(
            (kw.separator.clone(), kw.detected, kw.split_cells),
            (Some(Separator::Text(" / ".into())), true, 2)
        );
        assert_eq!(report.columns[3].separator, None, "no separator in the researchers column");
    }

    #[test]
    fn a_mapping_sheet_reads_a_sheet_as_it_is() {
        let mapping = Mapping::read(
            Path::new("m.csv"),
            "heading,field,constant,separator,from,to\n\
             研究課題名,title_ja,,,,\n\
             キーワード,keywords_ja,,・,,\n\
             研究分野,fields,,,医用システム,device\n\
             研究分野,,,,生体医工学,biomaterial\n\
             備考,,,,,\n\
             ,institution,北海道大学,,,\n"
                .as_bytes(),
        )
        .unwrap();
        let mut inputs = Inputs::default();
        inputs.set_mapping(mapping);
        let csv = "研究課題名,キーワード,研究分野,備考,その他\n題,がん・免疫,医用システム,メモ,x\n";
        inputs.add_file(Path::new("k.csv"), csv.as_bytes()).unwrap();
        let r = &inputs.records[0];
        assert_eq!(r.record.text("title_ja").as_deref(), Some("題"));
        assert_eq!(r.record.list("keywords_ja"), ["がん", "免疫"]);
        assert_eq!(r.record.list("fields"), ["device"]);
        assert_eq!(r.record.text("institution").as_deref(), Some("北海道大学"));
        assert_eq!(r.record.fields.len(), 4, "備考 and その他 are not read: {:?}", r.record.fields);
        assert_eq!(r.column("institution"), "institution (constant)");
        let report = r.source.report.as_ref().unwrap();
        assert_eq!(report.mapping.as_deref(), Some("m.csv"));
        assert!(report.derive_id, "no id column: ids are derived");
        let sources: Vec<ColumnSource> = report.columns.iter().map(|c| c.source).collect();
        assert_eq!(
            sources,
            [
                ColumnSource::Mapping,
                ColumnSource::Mapping,
                ColumnSource::Mapping,
                ColumnSource::Ignored,
                ColumnSource::NotInMapping
            ]
        );
        assert_eq!(report.columns[2].values_mapped, 1);
    }

    #[test]
    fn an_institutions_sheet_is_recognised_by_its_headings() {
        let csv = "機関ID,機関名,都道府県\nu1,第一大学,東京都\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        assert_eq!(inputs.records[0].kind, Kind::Institution);
        assert_eq!(inputs.records[0].record.text("id").as_deref(), Some("u1"));
        assert_eq!(inputs.records[0].column("id"), "機関ID");
        let csv = "シーズID,機関名,タイトル\ns1,第一大学,題\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        assert_eq!(inputs.records[0].kind, Kind::Seed);
        assert_eq!(inputs.records[0].record.text("institution").as_deref(), Some("第一大学"));
        assert_eq!(inputs.records[0].column("institution"), "機関名");
    }

    #[test]
    fn a_sheet_without_headings_is_unreadable() {
        let inputs = Inputs::from_delimited_bytes("t.csv", b"1,2,3\n4,5,6\n", false);
        assert!(inputs.records.is_empty());
        assert_eq!(inputs.unreadable.len(), 1);
        assert!(inputs.notes[0].to_string().starts_with("t.csv:1:-: error: no heading row found"));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_recorded_with_its_line_and_reading_goes_on() {
        let mut inputs = Inputs::default();
        let files: [(&str, &[u8]); 4] = [
            ("a.json", b"{\n  \"seeds\": [}\n"),
            ("b.xml", b"<seeds/>"),
            ("c.xlsx", b"not a workbook"),
            ("d.json", b"{\"seeds\": 3}"),
        ];
        for (name, bytes) in files {
            assert!(
                inputs.add_file(Path::new(name), bytes).is_ok(),
                "{name} does not stop the run"
            );
        }
        let locations: Vec<&str> = inputs.unreadable.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(locations, ["a.json:2:-", "b.xml:1:-", "c.xlsx:1:-", "d.json:1:-"]);
        let messages: Vec<&str> = inputs.unreadable.iter().map(|(_, m)| m.as_str()).collect();
        assert!(messages[0].starts_with("invalid JSON: "), "{}", messages[0]);
        assert!(messages[1].starts_with("unsupported file type"), "{}", messages[1]);
        assert!(
            messages[2].starts_with("cannot open the workbook: Xlsx error: "),
            "{}",
            messages[2]
        );
        assert_eq!(messages[3], "\"seeds\" must be an array");
    }

    #[test]
    fn only_an_unusable_or_second_taxonomy_stops_the_run() {
        let mut inputs = Inputs::default();
        let err = inputs.add_file(Path::new("t.json"), br#"{"facets": 3}"#).unwrap_err();
        assert!(matches!(err, TaxonomyError::Unusable(_)), "{err}");
        assert!(err.to_string().starts_with("not a usable taxonomy: "), "{err}");
        inputs.add_file(Path::new("t1.json"), DEFAULT_TAXONOMY.as_bytes()).unwrap();
        let err = inputs.add_file(Path::new("t2.json"), DEFAULT_TAXONOMY.as_bytes()).unwrap_err();
        assert!(matches!(err, TaxonomyError::Second), "{err}");
        assert!(inputs.unreadable.is_empty(), "a run-stopping error is not an unreadable file");
    }
}
