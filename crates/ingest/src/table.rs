//! Sheets as rows of text cells, before any heading is interpreted: the rows of a CSV or TSV
//! file (in any supported encoding, via [`text`](crate::text::decode)) or of each sheet of a workbook,
//! numbered as a spreadsheet numbers them, and the heading row among them. The record reader
//! ([`inputs`](crate::inputs)), the mapping sheet ([`mapping`](crate::mapping)) and the guesses of
//! `seeds map` ([`guess`](crate::guess)) all start from here.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets};

use crate::glossary;
use crate::record::trim_cell;
use crate::text;

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
    /// Its rows, or why they could not be read.
    pub rows: Result<Rows, String>,
    /// The 0-based index of its first column (a sheet need not start at column A).
    pub first_col: usize,
}

/// The sheets of a workbook (of the kind its extension names), except the reference sheets.
pub fn workbook(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>, calamine::Error> {
    let mut workbook = open_workbook(path, bytes)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let role = sheet_role(&name);
        if role == SheetRole::Reference {
            continue;
        }
        let (rows, first_col) = match workbook.worksheet_range(&name) {
            Ok(range) => {
                let (first_row, first_col) = range.start().unwrap_or((0, 0));
                let rows = range
                    .rows()
                    .enumerate()
                    .map(|(i, cells)| {
                        (first_row as usize + i + 1, cells.iter().map(cell_text).collect())
                    })
                    .collect();
                (Ok(rows), first_col as usize)
            }
            Err(e) => (Err(format!("cannot read the sheet: {e}")), 0),
        };
        sheets.push(Sheet { name, role, rows, first_col });
    }
    Ok(sheets)
}

/// A workbook from its bytes, of the kind its extension names (as
/// `calamine::open_workbook_auto` opens a file by its path), or of whichever kind it turns out
/// to be when the extension is not one of calamine's.
fn open_workbook<'b>(
    path: &Path,
    bytes: &'b [u8],
) -> Result<Sheets<Cursor<&'b [u8]>>, calamine::Error> {
    use calamine::{open_workbook_from_rs as open, Error};
    let data = Cursor::new(bytes);
    Ok(match path.extension().and_then(|e| e.to_str()) {
        Some("xls" | "xla") => Sheets::Xls(open(data).map_err(Error::Xls)?),
        Some("xlsx" | "xlsm" | "xlam") => Sheets::Xlsx(open(data).map_err(Error::Xlsx)?),
        Some("xlsb") => Sheets::Xlsb(open(data).map_err(Error::Xlsb)?),
        Some("ods") => Sheets::Ods(open(data).map_err(Error::Ods)?),
        _ => calamine::open_workbook_auto_from_rs(data)?,
    })
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

/// A spreadsheet cell as text. Date cells become `YYYY-MM-DD`; whole numbers lose their
/// `.0`; errors read as Excel shows them (`#N/A`).
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column index.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
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
    fn column_letters() {
        assert_eq!(
            [0, 25, 26, 27, 51, 52, 701, 702].map(column_letter),
            ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    #[test]
    fn numbers_and_dates_from_spreadsheet_cells() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        let date = ExcelDateTime::new(45383.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2024-04-01");
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
