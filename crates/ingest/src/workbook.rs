//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS) read cell by cell with a bound on memory.
//!
//! A sheet's declared extent (its `<dimension>`) can lie, and one cell at the last address
//! (`XFD1048576`) makes the rectangle around the cells 17 billion cells large: reading it as
//! one dense range would exhaust memory. Instead the cells are streamed (calamine's cell
//! readers, for XLSX/XLSM and XLSB) and only the non-empty ones are kept, each row as wide
//! as its last filled cell. A sheet that would need more than [`MAX_SHEET_CELLS`] cells or
//! [`MAX_SHEET_TEXT_BYTES`] of text is refused at the cell that crossed the bound, which the
//! error names as `row:column`.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets};

use crate::record::trim_cell;

/// The most cells one sheet may need: each row counts from column A to its last non-empty
/// cell, so a stray cell far to the right costs its whole row. Two million is a thousand
/// times a large institution's sheet (2,000 seeds × 30 columns = 60,000) and about 50 MB of
/// row slots; a sheet beyond it is an error at the cell that crossed it.
pub const MAX_SHEET_CELLS: usize = 2_000_000;

/// The most text all cells of one sheet may hold, in bytes (UTF-8). A seed is a few KB; 256
/// MiB is tens of thousands of seeds with room to spare.
pub const MAX_SHEET_TEXT_BYTES: usize = 256 << 20;

/// A workbook opened from its bytes.
pub type Workbook<'b> = Sheets<Cursor<&'b [u8]>>;

/// A workbook from its bytes, of the kind its extension names (as
/// `calamine::open_workbook_auto` opens a file by its path), or of whichever kind it turns out
/// to be when the extension is not one of calamine's.
pub fn open<'b>(path: &Path, bytes: &'b [u8]) -> Result<Workbook<'b>, calamine::Error> {
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

/// Why a sheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// The reader gave up (calamine's message).
    #[error("cannot read the sheet: {0}")]
    Unreadable(String),
    /// The sheet needs more memory than allowed; `row` and `column` (0-based) are where the
    /// bound was crossed.
    #[error("{what}")]
    TooLarge {
        /// 0-based row of the cell that crossed the bound.
        row: u32,
        /// 0-based column of that cell.
        column: u32,
        /// What was too large.
        what: String,
    },
}

impl SheetError {
    /// `row:column` of the problem in the sheet's own terms (`1:-` when it concerns the sheet).
    pub fn location(&self) -> String {
        match self {
            SheetError::Unreadable(_) => "1:-".to_string(),
            SheetError::TooLarge { row, column, .. } => {
                format!("{}:{}", u64::from(*row) + 1, column_letter(*column as usize))
            }
        }
    }
}

/// The non-empty cells of one sheet, as text, within the bounds.
#[derive(Debug, Default)]
pub struct SheetCells {
    /// (row, column), 0-based → text.
    cells: BTreeMap<(u32, u32), String>,
    /// Row → one past its last non-empty column.
    width: HashMap<u32, u32>,
    /// Σ width: the cells the rows will take.
    slots: usize,
    /// Σ text length.
    text: usize,
}

impl SheetCells {
    /// Adds a cell; blank cells are dropped. Errs once the sheet is over a bound.
    pub fn add(&mut self, row: u32, column: u32, text: String) -> Result<(), SheetError> {
        if trim_cell(&text).is_empty() {
            return Ok(());
        }
        let width = self.width.entry(row).or_default();
        let needed = column.saturating_add(1);
        if needed > *width {
            self.slots += (needed - *width) as usize;
            *width = needed;
        }
        let replaced = self.cells.get(&(row, column)).map_or(0, String::len);
        self.text = self.text - replaced + text.len();
        let too_large = |what: String| Err(SheetError::TooLarge { row, column, what });
        if self.slots > MAX_SHEET_CELLS {
            return too_large(format!(
                "the sheet is too large to read: its rows span more than {MAX_SHEET_CELLS} cells \
                 (each row counted from column A to its last filled cell); delete stray cells \
                 far from the table, or split the sheet"
            ));
        }
        if self.text > MAX_SHEET_TEXT_BYTES {
            return too_large(format!(
                "the sheet is too large to read: its cells hold more than {} MiB of text; split \
                 the sheet",
                MAX_SHEET_TEXT_BYTES >> 20
            ));
        }
        self.cells.insert((row, column), text);
        Ok(())
    }

    /// The rows that have cells, in order, as (1-based row number, cells from the first
    /// filled column on), and that column (0-based).
    pub fn into_rows(self) -> (Vec<(usize, Vec<String>)>, usize) {
        let first = self.cells.keys().map(|&(_, c)| c).min().unwrap_or(0);
        let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
        for ((row, column), text) in self.cells {
            let number = row as usize + 1;
            if rows.last().is_none_or(|(n, _)| *n != number) {
                let width = (self.width[&row] - first) as usize;
                rows.push((number, vec![String::new(); width]));
            }
            let cells = &mut rows.last_mut().expect("pushed above").1;
            cells[(column - first) as usize] = text;
        }
        (rows, first as usize)
    }
}

/// Reads the non-empty cells of the sheet `name`, within the bounds; a chart sheet has none.
pub fn read_sheet(workbook: &mut Workbook<'_>, name: &str) -> Result<SheetCells, SheetError> {
    let unreadable = |e: &dyn std::error::Error| SheetError::Unreadable(chain(e));
    let mut cells = SheetCells::default();
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut reader = match xlsx.worksheet_cells_reader(name) {
                Ok(reader) => reader,
                Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(cells),
                Err(e) => return Err(unreadable(&e)),
            };
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                let (row, column) = cell.get_position();
                cells.add(row, column, ref_text(cell.get_value()))?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                let (row, column) = cell.get_position();
                cells.add(row, column, ref_text(cell.get_value()))?;
            }
        }
        // calamine reads these formats only a whole sheet at a time.
        other => {
            let range = other.worksheet_range(name).map_err(|e| unreadable(&e))?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, column, value) in range.used_cells() {
                cells.add(top + row as u32, left + column as u32, cell_text(value))?;
            }
        }
    }
    Ok(cells)
}

fn ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => s.to_string(),
        other => cell_text(&Data::from(other.clone())),
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

/// An error's message followed by those of its causes, `: `-separated.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(
            [0, 25, 26, 27, 51, 52, 701, 702, 16383].map(column_letter),
            ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
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
    fn a_cell_at_the_last_address_costs_one_row_not_the_rectangle() {
        let mut cells = SheetCells::default();
        cells.add(0, 0, "id".into()).unwrap();
        cells.add(0, 1, "タイトル".into()).unwrap();
        cells.add(1_048_575, 16_383, "x".into()).unwrap();
        cells.add(5, 3, " \u{3000}".into()).unwrap();
        let (rows, first) = cells.into_rows();
        assert_eq!(first, 0);
        let shape: Vec<(usize, usize)> = rows.iter().map(|(n, c)| (*n, c.len())).collect();
        assert_eq!(shape, [(1, 2), (1_048_576, 16_384)]);
        assert_eq!(rows[1].1[16_383], "x");
    }

    #[test]
    fn a_sheet_over_the_bound_is_an_error_at_the_cell_that_crossed_it() {
        let mut cells = SheetCells::default();
        let mut row = 0;
        let err = loop {
            match cells.add(row, 16_383, "x".into()) {
                Ok(()) => row += 1,
                Err(e) => break e,
            }
        };
        assert_eq!(row as usize, MAX_SHEET_CELLS / 16_384);
        assert_eq!(err.location(), format!("{}:XFD", row + 1));
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn text_over_the_bound_is_an_error_and_a_cell_written_twice_counts_once() {
        let mut cells = SheetCells::default();
        let half = "x".repeat(MAX_SHEET_TEXT_BYTES / 2 + 1);
        cells.add(0, 0, half.clone()).unwrap();
        cells.add(0, 0, half.clone()).unwrap();
        let err = cells.add(2, 1, half).unwrap_err();
        assert_eq!(err.location(), "3:B");
        assert!(err.to_string().contains("MiB of text"), "{err}");
    }
}
