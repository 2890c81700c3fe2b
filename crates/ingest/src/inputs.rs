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

use calamine::Reader;
use seed_core::Taxonomy;
use serde_json::Value;

use crate::glossary;
use crate::record::{canonical_field, trim_cell, RawRecord, RawValue, LIST_FIELDS};
use crate::text;
use crate::validate::Severity;
use crate::workbook::{self, chain, column_letter};

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
        let decoded = text::decode(bytes);
        if let Some((line, message)) = decoded.damaged {
            self.note(format!("{}:{line}:-", path.display()), Severity::Warning, message);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(decoded.text.as_bytes());
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        // Spreadsheet rows: a line break inside a quoted cell does not start a new row.
        let bytes = decoded.text.as_bytes();
        let (mut inner_breaks, mut counted_to, mut line) = (0usize, 0usize, 1usize);
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    // The record starts after any blank lines csv skipped; count lines up to it.
                    let mut start = record.position().map_or(0, |p| p.byte() as usize);
                    while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                        start += 1;
                    }
                    line += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count();
                    counted_to = start;
                    let row = line - inner_breaks;
                    inner_breaks += record.iter().map(|c| c.matches('\n').count()).sum::<usize>();
                    rows.push((row, record.iter().map(str::to_string).collect()));
                }
                Err(e) => return Err(FileError::Csv(e)),
            }
        }
        self.read_table(path, None, None, rows);
        Ok(())
    }

    fn read_workbook(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        let mut book = workbook::open(path, bytes).map_err(FileError::Workbook)?;
        for name in book.sheet_names() {
            let role = sheet_role(&name);
            if role == SheetRole::Reference {
                continue;
            }
            // Only the filled cells are kept, within bounds: a sheet reaching too far is an
            // error at the cell that crossed the bound.
            let cells = match workbook::read_sheet(&mut book, &name) {
                Ok(cells) => cells,
                Err(e) => {
                    let location = format!("{}[{name}]:{}", path.display(), e.location());
                    self.unreadable(location, e.to_string());
                    continue;
                }
            };
            let (rows, first_col) = cells.into_rows();
            let forced = (role == SheetRole::Institutions).then_some(Kind::Institution);
            self.read_table_at(path, Some(name), forced, rows, first_col);
        }
        Ok(())
    }

    fn read_table(
        &mut self,
        path: &Path,
        sheet: Option<String>,
        forced: Option<Kind>,
        rows: Vec<(usize, Vec<String>)>,
    ) {
        self.read_table_at(path, sheet, forced, rows, 0);
    }

    /// Turns the rows of one sheet (spreadsheet row number, cells) into records. The heading
    /// row is the first of the first ten non-blank rows naming at least two known columns;
    /// blank rows are not records.
    fn read_table_at(
        &mut self,
        path: &Path,
        sheet: Option<String>,
        forced: Option<Kind>,
        rows: Vec<(usize, Vec<String>)>,
        first_col: usize,
    ) {
        let display = match &sheet {
            Some(s) => format!("{}[{s}]", path.display()),
            None => path.display().to_string(),
        };
        let blank = |cells: &[String]| cells.iter().all(|c| trim_cell(c).is_empty());
        let non_blank: Vec<usize> = (0..rows.len()).filter(|&i| !blank(&rows[i].1)).collect();
        let Some(&first) = non_blank.first() else {
            if sheet.is_none() {
                self.note(format!("{display}:1:-"), Severity::Warning, "the file is empty".into());
            }
            return;
        };
        let known =
            |cells: &[String]| cells.iter().filter(|c| canonical_field(c).is_some()).count();
        let Some(&header) = non_blank.iter().take(10).find(|&&i| known(&rows[i].1) >= 2) else {
            let message = "no heading row found: the first rows should name the columns (id, title_ja or タイトル, ...)";
            self.unreadable(format!("{display}:{}:-", rows[first].0), message.into());
            return;
        };
        let header_row = rows[header].0;
        for &i in non_blank.iter().take_while(|&&i| i < header) {
            let message = "text above the heading row, ignored".to_string();
            self.note(format!("{display}:{}:-", rows[i].0), Severity::Warning, message);
        }
        let headings = &rows[header].1;
        let data = &rows[header + 1..];
        // Column index → the field name its cells go under (None: ignored).
        let mut keys: Vec<Option<String>> = Vec::with_capacity(headings.len());
        let mut columns: HashMap<String, String> = HashMap::new();
        for (j, heading) in headings.iter().enumerate() {
            let h = trim_cell(heading);
            let key = if h.is_empty() {
                let used = data
                    .iter()
                    .any(|(_, cells)| cells.get(j).is_some_and(|c| !trim_cell(c).is_empty()));
                used.then(|| {
                    let name = format!("(column {})", column_letter(first_col + j));
                    columns.insert(name.clone(), name.clone());
                    name
                })
            } else {
                match canonical_field(h) {
                    Some(field) if columns.contains_key(field) && !LIST_FIELDS.contains(&field) => {
                        let message = format!(
                            "this column repeats \"{}\" ({field}); only the first is read",
                            columns[field]
                        );
                        self.note(
                            format!("{display}:{header_row}:{h}"),
                            Severity::Warning,
                            message,
                        );
                        None
                    }
                    Some(field) => {
                        columns.entry(field.to_string()).or_insert_with(|| h.to_string());
                        Some(field.to_string())
                    }
                    None => Some(h.to_string()),
                }
            };
            keys.push(key);
        }
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
                columns.insert(to.to_string(), written);
            }
        }
        let source = Arc::new(Source {
            path: path.to_path_buf(),
            sheet,
            header_row: Some(header_row),
            columns,
        });
        for (row, cells) in data {
            if blank(cells) {
                continue;
            }
            let mut fields: BTreeMap<String, RawValue> = BTreeMap::new();
            for (cell, key) in cells.iter().zip(&keys) {
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
                match fields.get_mut(key) {
                    Some(RawValue::Text(existing)) => {
                        existing.push('\n');
                        existing.push_str(&cell);
                    }
                    _ => {
                        fields.insert(key.clone(), RawValue::Text(cell));
                    }
                }
            }
            let record = RawRecord { fields };
            self.records.push(Located {
                source: source.clone(),
                row: *row,
                kind,
                record,
                aliases: None,
            });
        }
    }
}

/// The built-in taxonomy.
pub fn default_taxonomy() -> Result<Taxonomy, serde_json::Error> {
    serde_json::from_str(DEFAULT_TAXONOMY)
}

#[derive(Debug, PartialEq, Eq)]
enum SheetRole {
    Institutions,
    Records,
    Reference,
}

/// What a workbook sheet holds, by its name: `institutions` or `機関` (also as in
/// `機関 (institutions)`) hold institutions; `説明`, `語彙`, `README`, `vocabularies` and `notes`
/// are for people and are not read; any other sheet holds seeds, or institutions when its
/// headings say so.
fn sheet_role(name: &str) -> SheetRole {
    let folded: String = glossary::normalize(name).chars().filter(|c| !c.is_whitespace()).collect();
    let mut parts = vec![folded.as_str()];
    if let Some(open) = folded.rfind('(').filter(|_| folded.ends_with(')')) {
        parts.push(&folded[..open]);
        parts.push(&folded[open + 1..folded.len() - 1]);
    }
    let any = |names: &[&str]| parts.iter().any(|p| names.contains(p));
    if any(&["institutions", "institution", "機関", "機関一覧", "機関情報"]) {
        SheetRole::Institutions
    } else if any(&[
        "説明",
        "語彙",
        "readme",
        "vocabularies",
        "vocabulary",
        "notes",
        "記入方法",
        "選択肢",
    ]) {
        SheetRole::Reference
    } else {
        SheetRole::Records
    }
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
    fn sheet_names_say_what_they_hold() {
        assert_eq!(sheet_role("機関"), SheetRole::Institutions);
        assert_eq!(sheet_role("Institutions"), SheetRole::Institutions);
        assert_eq!(sheet_role("機関 (institutions)"), SheetRole::Institutions);
        assert_eq!(sheet_role("語彙 (vocabularies)"), SheetRole::Reference);
        assert_eq!(sheet_role("README"), SheetRole::Reference);
        assert_eq!(sheet_role("シーズ (seeds)"), SheetRole::Records);
        assert_eq!(sheet_role("Sheet1"), SheetRole::Records);
    }

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
    fn numbered_list_columns_are_joined_and_repeated_columns_warn() {
        let csv = "id,キーワード1,キーワード2,タイトル,シーズ名\na,がん,免疫,t,u\n";
        let inputs = Inputs::from_delimited_bytes("t.csv", csv.as_bytes(), false);
        let r = &inputs.records[0].record;
        assert_eq!(r.list("keywords_ja"), ["がん", "免疫"]);
        assert_eq!(r.text("title_ja").as_deref(), Some("t"));
        assert_eq!(
            inputs.notes[0].to_string(),
            "t.csv:1:シーズ名: warning: this column repeats \"タイトル\" (title_ja); only the first is read"
        );
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
