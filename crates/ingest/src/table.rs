//! Sheets as rows of text cells, before any heading is interpreted: the rows of a CSV or TSV
//! file (in any supported encoding, via [`text`](crate::text::decode)) or of each sheet of a workbook,
//! numbered as a spreadsheet numbers them, and the heading row among them. The record reader
//! (`inputs.rs`), the mapping sheet (`mapping.rs`) and the guesses of
//! `seeds map` (`guess.rs`) all start from here.

use std::path::Path;

use calamine::Reader;

use crate::glossary;
use crate::record::trim_cell;
use crate::text;
use crate::workbook::{self, SheetError};

/// Rows as read: the spreadsheet row number (1-based, a line break inside a quoted cell does
/// not start a new row) and the cells.
pub type Rows = Vec<(usize, Vec<String>)>;

/// How many non-blank rows from the top are searched for the heading row.
pub const HEADING_SEARCH_ROWS: usize = 10;
/// How many known headings a row needs to be taken for the heading row.
pub const HEADING_MIN_KNOWN: usize = 2;

/// The rows of a delimited text file, and the line and message of the first undecodable byte
/// if the file was neither valid UTF-8 nor valid Shift_JIS.
pub fn delimited(
    bytes: &[u8],
    delimiter: u8,
) -> Result<(Rows, Option<(usize, String)>), csv::Error> {
    let decoded = text::decode(bytes);
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
    while reader.read_record(&mut record)? {
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
    Ok((rows, decoded.damaged))
}

/// What a workbook sheet holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetRole {
    /// Institutions.
    Institutions,
    /// Seeds, or institutions when its headings say so.
    Records,
    /// Notes for people: not read.
    Reference,
}

/// One sheet of a workbook.
#[derive(Debug)]
pub struct Sheet {
    /// Its name.
    pub name: String,
    /// What it holds, by its name.
    pub role: SheetRole,
    /// Its rows, or why they could not be read (and at which cell).
    pub rows: Result<Rows, SheetError>,
    /// The 0-based index of its first column (a sheet need not start at column A).
    pub first_col: usize,
}

/// The sheets of a workbook (of the kind its extension names), except the reference sheets,
/// each read within [`crate::workbook`]'s memory bounds.
pub fn workbook(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>, calamine::Error> {
    let mut book = workbook::open(path, bytes)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let role = sheet_role(&name);
        if role == SheetRole::Reference {
            continue;
        }
        let (rows, first_col) = match workbook::read_sheet(&mut book, &name) {
            Ok(cells) => {
                let (rows, first_col) = cells.into_rows();
                (Ok(rows), first_col)
            }
            Err(e) => (Err(e), 0),
        };
        sheets.push(Sheet { name, role, rows, first_col });
    }
    Ok(sheets)
}

/// True when every cell of a row is blank.
pub fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| trim_cell(c).is_empty())
}

/// Where the headings are: the index (into `rows`) of the first of the first
/// [`HEADING_SEARCH_ROWS`] non-blank rows with at least [`HEADING_MIN_KNOWN`] cells `known`
/// accepts. `Err` carries the index of the first non-blank row (no heading row), `Ok(None)`
/// means every row is blank.
pub fn heading_row(rows: &Rows, known: impl Fn(&str) -> bool) -> Result<Option<usize>, usize> {
    let non_blank: Vec<usize> = (0..rows.len()).filter(|&i| !blank(&rows[i].1)).collect();
    let Some(&first) = non_blank.first() else { return Ok(None) };
    let count = |cells: &[String]| cells.iter().filter(|c| known(c)).count();
    non_blank
        .iter()
        .take(HEADING_SEARCH_ROWS)
        .find(|&&i| count(&rows[i].1) >= HEADING_MIN_KNOWN)
        .map(|&i| Some(i))
        .ok_or(first)
}

/// What a workbook sheet holds, by its name: `institutions` or `機関` (also as in
/// `機関 (institutions)`) hold institutions; `説明`, `語彙`, `README`, `vocabularies` and `notes`
/// are for people and are not read; any other sheet holds seeds, or institutions when its
/// headings say so.
pub fn sheet_role(name: &str) -> SheetRole {
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
    fn a_line_break_inside_a_cell_does_not_start_a_row() {
        let (rows, damaged) = delimited("a,b\n\n\"x\ny\",z\nc,d\n".as_bytes(), b',').unwrap();
        assert_eq!(damaged, None);
        let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 3, 4]);
        assert_eq!(rows[1].1, ["x\ny", "z"]);
    }

    #[test]
    fn the_heading_row_is_the_first_naming_enough_known_columns() {
        let rows: Rows = vec![
            (1, vec!["一覧".into(), String::new()]),
            (2, vec![String::new(), String::new()]),
            (3, vec!["a".into(), "b".into()]),
            (4, vec!["1".into(), "2".into()]),
        ];
        assert_eq!(heading_row(&rows, |c| c == "a" || c == "b"), Ok(Some(2)));
        assert_eq!(heading_row(&rows, |_| false), Err(0));
        assert_eq!(heading_row(&vec![], |_| true), Ok(None));
    }
}
