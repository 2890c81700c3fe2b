//! No sheet crashes `seeds`: a workbook is read by its actual cells, whatever extent it
//! declares (`<dimension>`) or reaches (one cell at the last address, XFD1048576), and a
//! sheet that would need more than the bound of cells is an error at `file[sheet]:row:column`
//! — never an allocation of the whole rectangle. The workbooks are written here as XML and
//! zipped, so the declared extent can lie.

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::Output;

use common::{fixtures, seeds, stderr};
use proptest::prelude::*;
use seed_ingest::workbook::{column_letter, MAX_SHEET_CELLS};

/// The columns of the table at A1, and one valid seed row (its id gets a number).
const HEADINGS: [&str; 7] =
    ["シーズID", "機関ID", "タイトル", "概要", "分野", "開発段階", "更新日"];
const ROW: [&str; 7] = [
    "s",
    "kita-med",
    "血液バイオマーカー",
    "膵臓がんを早く見つける。",
    "医薬品",
    "非臨床",
    "2025-06-01",
];

/// A worksheet: (0-based row, 0-based column, text) cells, written in row then column order,
/// and the `<dimension ref>` it declares, if any.
struct Sheet {
    cells: Vec<(u32, u32, String)>,
    dimension: Option<String>,
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Sheet {
    /// The table: headings in row 1 and `rows` valid seeds below.
    fn table(rows: u32) -> Sheet {
        let mut cells = Vec::new();
        for (c, h) in HEADINGS.iter().enumerate() {
            cells.push((0, c as u32, h.to_string()));
        }
        for r in 1..=rows {
            for (c, v) in ROW.iter().enumerate() {
                let v = if c == 0 { format!("{v}{r}") } else { v.to_string() };
                cells.push((r, c as u32, v));
            }
        }
        Sheet { cells, dimension: None }
    }

    /// The cells as written: in row then column order, the first of any two at one address.
    fn written(&self) -> Vec<(u32, u32, String)> {
        let mut cells = self.cells.clone();
        cells.sort_by_key(|&(r, c, _)| (r, c));
        cells.dedup_by_key(|&mut (r, c, _)| (r, c));
        cells
    }

    fn xml(&self) -> String {
        let cells = self.written();
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        );
        if let Some(d) = &self.dimension {
            write!(xml, r#"<dimension ref="{d}"/>"#).unwrap();
        }
        xml.push_str("<sheetData>");
        let mut open_row = None;
        for (r, c, text) in &cells {
            if open_row != Some(*r) {
                if open_row.is_some() {
                    xml.push_str("</row>");
                }
                write!(xml, r#"<row r="{}">"#, r + 1).unwrap();
                open_row = Some(*r);
            }
            let address = format!("{}{}", column_letter(*c as usize), r + 1);
            write!(
                xml,
                r#"<c r="{address}" t="inlineStr"><is><t>{}</t></is></c>"#,
                escape_xml(text)
            )
            .unwrap();
        }
        if open_row.is_some() {
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData></worksheet>");
        xml
    }

    /// Writes the workbook (one sheet, `Sheet1`) to `path`.
    fn write(&self, path: &Path) {
        const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
        const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let parts = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels",
                format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ),
            (
                "xl/workbook.xml",
                format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ),
            ("xl/worksheets/sheet1.xml", self.xml()),
        ];
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }

    /// Where reading crosses the bound, as the reader counts (each row from column A to its
    /// last cell), in the order the cells are written; `None` when it does not.
    fn crossing(&self) -> Option<(u32, u32)> {
        let (mut slots, mut row, mut width) = (0usize, u32::MAX, 0u32);
        for (r, c, _) in self.written().into_iter().filter(|(_, _, t)| !t.trim().is_empty()) {
            if r != row {
                (row, width) = (r, 0);
            }
            if c + 1 > width {
                slots += (c + 1 - width) as usize;
                width = c + 1;
            }
            if slots > MAX_SHEET_CELLS {
                return Some((r, c));
            }
        }
        None
    }
}

/// `seeds check` on the fixture institutions and the workbook.
fn check(xlsx: &Path) -> Output {
    let institutions = fixtures().join("formats/csv-utf8/institutions.csv");
    seeds(&[std::ffi::OsStr::new("check"), institutions.as_os_str(), xlsx.as_os_str()])
}

/// The "seeds: read N, written W" counts of a run.
fn seed_counts(o: &Output) -> (usize, usize) {
    let err = stderr(o);
    let line =
        err.lines().find(|l| l.starts_with("seeds: read ")).unwrap_or_else(|| panic!("{err}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(2)
        .map(|s| s.parse().unwrap())
        .collect();
    (numbers[0], numbers[1])
}

/// The run ended by itself with 0 (all valid) or 1 (problems reported), not by a signal or
/// a panic.
fn assert_no_crash(o: &Output) {
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "seeds crashed ({:?}): {}",
        o.status,
        stderr(o)
    );
}

#[test]
fn one_cell_at_the_last_address_is_read_as_one_more_row() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("far.xlsx");
    let mut sheet = Sheet::table(2);
    sheet.cells.push((1_048_575, 16_383, "stray".into()));
    sheet.write(&xlsx);
    let o = check(&xlsx);
    assert_no_crash(&o);
    assert_eq!(seed_counts(&o), (3, 2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("far.xlsx[Sheet1]:1048576:シーズID: rejected seed without an id"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_lying_dimension_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("lying.xlsx");
    let mut sheet = Sheet::table(3);
    sheet.dimension = Some("A1:XFD1048576".into());
    sheet.write(&xlsx);
    let o = check(&xlsx);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(seed_counts(&o), (3, 3));
}

#[test]
fn a_sheet_over_the_bound_is_an_error_at_the_cell_that_crossed_it() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("wide.xlsx");
    let mut sheet = Sheet::table(1);
    // One cell at column XFD in each of 200 rows: 200 rows of 16,384 cells each.
    for r in 10..210 {
        sheet.cells.push((r, 16_383, "x".into()));
    }
    sheet.write(&xlsx);
    let (row, column) = sheet.crossing().expect("over the bound");
    let o = check(&xlsx);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let location =
        format!("wide.xlsx[Sheet1]:{}:{}: error: ", row + 1, column_letter(column as usize));
    assert!(stderr(&o).contains(&location), "{location} in {}", stderr(&o));
    assert!(stderr(&o).contains("too large"), "{}", stderr(&o));
}

/// Stray cells anywhere below the table, and optionally a band of rows reaching far right
/// (so some workbooks cross the bound and some stay just under it).
fn strays() -> impl Strategy<Value = Vec<(u32, u32, String)>> {
    let anywhere = (5u32..1_048_576, 0u32..16_384, prop::sample::select(vec!["x", "値", " ", "0"]))
        .prop_map(|(r, c, t)| (r, c, t.to_string()));
    let band = (100u32..140, 15_000u32..16_384, 20u32..1_000_000).prop_map(|(rows, col, top)| {
        (top..top + rows).map(|r| (r, col, "far".to_string())).collect::<Vec<_>>()
    });
    (prop::collection::vec(anywhere, 0..6), prop::option::of(band)).prop_map(|(mut cells, band)| {
        cells.extend(band.unwrap_or_default());
        cells
    })
}

fn dimension() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        Just("A1:XFD1048576".to_string()),
        Just("A1".to_string()),
        (0usize..16_384, 1u32..=1_048_576).prop_map(|(c, r)| format!("A1:{}{r}", column_letter(c))),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn any_extent_is_read_by_its_cells_or_refused_at_the_bound(
        rows in 1u32..4,
        strays in strays(),
        dimension in dimension(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("book.xlsx");
        let mut sheet = Sheet::table(rows);
        sheet.cells.extend(strays);
        sheet.dimension = dimension;
        sheet.write(&xlsx);
        let o = check(&xlsx);
        assert_no_crash(&o);
        match sheet.crossing() {
            Some((r, c)) => {
                let location = format!("book.xlsx[Sheet1]:{}:{}: error: the sheet is too large", r + 1, column_letter(c as usize));
                prop_assert!(stderr(&o).contains(&location), "{} in {}", location, stderr(&o));
                prop_assert_eq!(o.status.code(), Some(1));
            }
            None => {
                // Every row with a non-blank stray cell is one more (rejected) record.
                let mut stray_rows: Vec<u32> = sheet.written().iter()
                    .filter(|(r, _, t)| *r > rows && !t.trim().is_empty())
                    .map(|(r, _, _)| *r)
                    .collect();
                stray_rows.sort_unstable();
                stray_rows.dedup();
                let expected = (rows as usize + stray_rows.len(), rows as usize);
                prop_assert_eq!(seed_counts(&o), expected, "{}", stderr(&o));
            }
        }
    }
}
