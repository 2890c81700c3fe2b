//! The mapping sheet: how the columns of a sheet an institution sent become seed fields, so a
//! sheet is read as it is, without renaming its headings. `seeds map` writes one from its
//! guesses (`guess.rs`); a person checks it in Excel; `seeds build --mapping`
//! reads it. Its columns, exactly (other columns are ignored, so a person may add notes):
//!
//! | column | meaning |
//! |---|---|
//! | `heading` | a heading as written in the sheet; empty for a constant |
//! | `field` | the seed field (`title_ja`) or its Japanese heading (`タイトル`); empty: ignore the column |
//! | `constant` | with an empty heading: this value for every row (`institution` = `北海道大学`) |
//! | `separator` | the list separator of the column (` / `, `・`, `|`, `newline`); empty: `;` `；` `、` |
//! | `from`, `to` | a value of the column (or field) and the vocabulary id or label it stands for |
//!
//! A row with only a field is a reminder that the sheet lacks it and maps nothing. Two headings
//! mapping to one field, a field given both a column and a constant, and anything that does
//! not read are errors naming the rows.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::record::{
    canonical_field, fold_heading, numbered_siblings, trim_cell, Separator, LIST_FIELDS,
};
use crate::table::{self, Rows};
use crate::validate::{INSTITUTION_FIELDS, SEED_FIELDS, SEED_INSTITUTION_FIELDS};

/// The columns of a mapping sheet, in the order `seeds map` writes them.
pub const COLUMNS: [&str; 6] = ["heading", "field", "constant", "separator", "from", "to"];

/// A column of the sheet and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRule {
    /// The mapping sheet's row.
    pub row: usize,
    /// The heading as written.
    pub heading: String,
    /// The field it fills; `None`: the column is ignored.
    pub field: Option<&'static str>,
    /// Its list separator, when not the default.
    pub separator: Option<Separator>,
}

/// A value every record of the sheet gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    /// The mapping sheet's row.
    pub row: usize,
    /// The field.
    pub field: &'static str,
    /// The value.
    pub value: String,
}

/// One value of a column (or of a field, whatever its column) and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRule {
    /// The mapping sheet's row.
    pub row: usize,
    /// The column whose values it maps, if named.
    pub heading: Option<String>,
    /// The field whose values it maps, when no heading is named.
    pub field: Option<&'static str>,
    /// The value as written in the sheet.
    pub from: String,
    /// What it becomes: a vocabulary id or label.
    pub to: String,
}

/// A mapping sheet, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The file it was read from, for reports.
    pub name: String,
    /// Columns, in sheet order.
    pub columns: Vec<ColumnRule>,
    /// Constants, in sheet order.
    pub constants: Vec<Constant>,
    /// Value mappings, in sheet order.
    pub values: Vec<ValueRule>,
}

/// One problem with a mapping sheet, at its row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingError {
    /// The mapping sheet's row.
    pub row: usize,
    /// Its column (`heading`, `field`, ...), `-` for the whole row.
    pub column: &'static str,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: error: {}", self.row, self.column, self.message)
    }
}

/// Every problem found in a mapping sheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the mapping sheet has {} error(s)", .0.len())]
pub struct MappingErrors(pub Vec<MappingError>);

impl Mapping {
    /// Reads a mapping sheet (CSV, TSV or a workbook's first sheet) named `path` from its bytes.
    pub fn read(path: &Path, bytes: &[u8]) -> Result<Mapping, MappingErrors> {
        let unreadable =
            |message: String| MappingErrors(vec![MappingError { row: 1, column: "-", message }]);
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
        let rows = match ext.as_str() {
            "csv" | "tsv" | "tab" | "txt" => {
                let delimiter = if ext == "csv" { b',' } else { b'\t' };
                table::delimited(bytes, delimiter)
                    .map_err(|e| unreadable(format!("cannot read the CSV: {e}")))?
                    .0
            }
            _ => table::workbook(path, bytes)
                .map_err(|e| unreadable(format!("cannot open the workbook: {e}")))?
                .into_iter()
                .next()
                .ok_or_else(|| unreadable("the workbook has no sheet".into()))?
                .rows
                .map_err(|e| unreadable(format!("{}: {e}", e.location())))?,
        };
        let mut mapping = Mapping::from_rows(&rows)?;
        mapping.name = path.display().to_string();
        Ok(mapping)
    }

    /// Reads a mapping sheet from its rows.
    pub fn from_rows(rows: &Rows) -> Result<Mapping, MappingErrors> {
        let Some((heading_row, headings)) = rows.iter().find(|(_, cells)| !table::blank(cells))
        else {
            let message = format!(
                "the mapping sheet is empty; its first row names the columns {}",
                COLUMNS.join(",")
            );
            return Err(MappingErrors(vec![MappingError { row: 1, column: "-", message }]));
        };
        let position: HashMap<String, usize> =
            headings.iter().enumerate().map(|(i, h)| (trim_cell(h).to_lowercase(), i)).collect();
        let missing: Vec<&str> =
            COLUMNS.iter().copied().filter(|c| !position.contains_key(*c)).collect();
        if !missing.is_empty() {
            let message = format!(
                "the first row must name the columns {} (missing: {})",
                COLUMNS.join(","),
                missing.join(", ")
            );
            return Err(MappingErrors(vec![MappingError {
                row: *heading_row,
                column: "-",
                message,
            }]));
        }
        let mut reader = Reader { mapping: Mapping::default(), errors: Vec::new() };
        for (row, cells) in rows.iter().filter(|(r, _)| r > heading_row) {
            let cell = |name: &str| {
                position.get(name).and_then(|&i| cells.get(i)).map_or("", String::as_str)
            };
            let separator = cell("separator");
            let [heading, field, constant, from, to] =
                ["heading", "field", "constant", "from", "to"].map(|c| trim_cell(cell(c)));
            reader.row(*row, [heading, field, constant, separator, from, to]);
        }
        reader.check();
        if reader.errors.is_empty() {
            Ok(reader.mapping)
        } else {
            Err(MappingErrors(reader.errors))
        }
    }

    /// The rule for a sheet's column, by its heading (compared as headings are: width, case,
    /// spaces and required-marks do not matter).
    pub fn column(&self, heading: &str) -> Option<&ColumnRule> {
        let h = fold_heading(heading);
        (!h.is_empty())
            .then(|| self.columns.iter().find(|c| fold_heading(&c.heading) == h))
            .flatten()
    }

    /// The value rules for a column of `heading` mapped to `field`: those naming the heading,
    /// and those naming the field without a heading.
    pub fn value_rules<'a>(
        &'a self,
        heading: Option<&'a str>,
        field: &'a str,
    ) -> impl Iterator<Item = &'a ValueRule> + 'a {
        let h = heading.map(fold_heading);
        self.values.iter().filter(move |v| match &v.heading {
            Some(vh) => h.as_deref() == Some(fold_heading(vh).as_str()),
            None => v.field == Some(field),
        })
    }
}

/// A value as value mappings compare it: NFKC, lower case, trimmed.
pub fn fold_value(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    trim_cell(value).nfkc().flat_map(char::to_lowercase).collect()
}

/// A field as a mapping sheet may write it: a record field name or a heading the builder knows
/// for one.
pub fn resolve_field(written: &str) -> Option<&'static str> {
    let known = SEED_FIELDS.iter().chain(SEED_INSTITUTION_FIELDS).chain(INSTITUTION_FIELDS);
    if let Some(f) = known.clone().find(|f| **f == written) {
        return Some(f);
    }
    canonical_field(written).filter(|f| known.clone().any(|k| k == f))
}

struct Reader {
    mapping: Mapping,
    errors: Vec<MappingError>,
}

impl Reader {
    fn error(&mut self, row: usize, column: &'static str, message: String) {
        self.errors.push(MappingError { row, column, message });
    }

    fn row(&mut self, row: usize, cells: [&str; 6]) {
        let [heading, field_cell, constant, separator, from, to] = cells;
        if cells.iter().all(|c| trim_cell(c).is_empty()) {
            return;
        }
        let field = if field_cell.is_empty() {
            None
        } else {
            match resolve_field(field_cell) {
                Some(f) => Some(f),
                None => {
                    let message = format!("unknown field {field_cell:?}: write a seed field such as title_ja, or its Japanese heading such as タイトル");
                    return self.error(row, "field", message);
                }
            }
        };
        let separator = Separator::parse(separator);
        if from.is_empty() != to.is_empty() {
            let message =
                "`from` and `to` go together: a value of the column and what it stands for"
                    .to_string();
            return self.error(row, if from.is_empty() { "from" } else { "to" }, message);
        }
        if !from.is_empty() {
            if heading.is_empty() && field.is_none() {
                let message =
                    "a value mapping names its column in `heading` or its field in `field`"
                        .to_string();
                return self.error(row, "heading", message);
            }
            let heading = (!heading.is_empty()).then(|| heading.to_string());
            let (from, to) = (from.to_string(), to.to_string());
            self.mapping.values.push(ValueRule { row, heading, field, from, to });
            return;
        }
        if !heading.is_empty() {
            if !constant.is_empty() {
                let message =
                    "a row maps a column (heading) or gives a constant, not both".to_string();
                return self.error(row, "constant", message);
            }
            if let (Some(sep), Some(f)) = (&separator, field) {
                if !LIST_FIELDS.contains(&f) {
                    let message = format!(
                        "separator {:?} is for list columns, and {f} is not a list",
                        sep.label()
                    );
                    return self.error(row, "separator", message);
                }
            }
            let heading = heading.to_string();
            self.mapping.columns.push(ColumnRule { row, heading, field, separator });
            return;
        }
        match (field, constant.is_empty()) {
            (Some(field), false) => {
                let value = constant.to_string();
                self.mapping.constants.push(Constant { row, field, value });
            }
            (None, false) => {
                self.error(row, "field", "a constant needs the field it fills".to_string())
            }
            // A reminder of a field the sheet lacks: nothing to map.
            (_, true) if separator.is_none() => {}
            (_, true) => self.error(
                row,
                "heading",
                "a separator belongs to a column: name it in `heading`".to_string(),
            ),
        }
    }

    /// Two headings for one field, a repeated heading, a column and a constant for one field,
    /// value mappings for a column no row maps. A value mapping naming a heading and a field
    /// maps that column too when no other row does.
    fn check(&mut self) {
        let mut errors = Vec::new();
        for v in &self.mapping.values {
            let Some(heading) = &v.heading else { continue };
            let h = fold_heading(heading);
            if self.mapping.columns.iter().any(|c| fold_heading(&c.heading) == h) {
                continue;
            }
            match v.field {
                Some(field) => self.mapping.columns.push(ColumnRule {
                    row: v.row,
                    heading: heading.clone(),
                    field: Some(field),
                    separator: None,
                }),
                None => errors.push(MappingError {
                    row: v.row,
                    column: "field",
                    message: format!("no row maps the column {heading:?} to a field: give it one here or on a row of its own"),
                }),
            }
        }
        let columns = &self.mapping.columns;
        for (i, b) in columns.iter().enumerate() {
            for a in &columns[..i] {
                if fold_heading(&a.heading) == fold_heading(&b.heading) {
                    errors.push(MappingError {
                        row: b.row,
                        column: "heading",
                        message: format!(
                            "heading {:?} is already mapped on row {}",
                            b.heading, a.row
                        ),
                    });
                    break;
                }
                if let (Some(fa), Some(fb)) = (a.field, b.field) {
                    let siblings =
                        LIST_FIELDS.contains(&fa) && numbered_siblings(&a.heading, &b.heading);
                    if fa == fb && !siblings {
                        errors.push(MappingError {
                            row: b.row,
                            column: "field",
                            message: format!(
                                "{:?} (row {}) and {:?} (row {}) both map to {fa}; keep one and leave the other's field empty",
                                a.heading, a.row, b.heading, b.row
                            ),
                        });
                        break;
                    }
                }
            }
        }
        for (i, c) in self.mapping.constants.iter().enumerate() {
            if let Some(first) = self.mapping.constants[..i].iter().find(|o| o.field == c.field) {
                errors.push(MappingError {
                    row: c.row,
                    column: "constant",
                    message: format!("{} already has a constant on row {}", c.field, first.row),
                });
            } else if let Some(col) = columns.iter().find(|col| col.field == Some(c.field)) {
                errors.push(MappingError {
                    row: c.row,
                    column: "constant",
                    message: format!(
                        "{} has both a column ({:?}, row {}) and a constant; keep one",
                        c.field, col.heading, col.row
                    ),
                });
            }
        }
        self.errors.extend(errors);
        self.errors.sort_by_key(|e| e.row);
    }
}

/// One row of a mapping sheet as `seeds map` writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapRow {
    /// The heading as written in the sheet; empty for a constant or a missing field.
    pub heading: String,
    /// The field; empty to ignore the column.
    pub field: String,
    /// A value for every row.
    pub constant: String,
    /// The list separator.
    pub separator: String,
    /// A value of the column.
    pub from: String,
    /// The vocabulary id it stands for.
    pub to: String,
}

/// A mapping sheet as CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends.
pub fn write_csv(rows: &[MapRow]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let write = |w: &mut csv::Writer<Vec<u8>>, cells: [&str; 6]| {
        w.write_record(cells).expect("writing to memory cannot fail");
    };
    write(&mut writer, COLUMNS);
    for r in rows {
        let cells = [&r.heading, &r.field, &r.constant, &r.separator, &r.from, &r.to];
        write(&mut writer, cells.map(String::as_str));
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Mapping, MappingErrors> {
        Mapping::read(Path::new("m.csv"), text.as_bytes())
    }

    fn messages(text: &str) -> Vec<String> {
        read(text).unwrap_err().0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn columns_constants_separators_and_value_rules_are_read() {
        let m = read(
            "heading,field,constant,separator,from,to\n\
             研究課題名,title_ja,,,,\n\
             キーワード,キーワード,, / ,,\n\
             研究種目,,,,,\n\
             ,institution,北海道大学,,,\n\
             研究分野,fields,,,医用システム,device\n\
             ,stage,,,,\n",
        )
        .unwrap();
        assert_eq!(m.columns.len(), 4, "the value mapping with a field maps its column too");
        assert_eq!(m.column("研究分野").unwrap().field, Some("fields"));
        assert_eq!(m.column("研究課題名").unwrap().field, Some("title_ja"));
        assert_eq!(
            m.column(" キーワード ").unwrap().field,
            Some("keywords_ja"),
            "a Japanese heading names the field"
        );
        assert_eq!(m.column("キーワード").unwrap().separator, Some(Separator::Text(" / ".into())));
        assert_eq!(m.column("研究種目").unwrap().field, None, "an empty field ignores the column");
        assert_eq!(
            m.constants,
            [Constant { row: 5, field: "institution", value: "北海道大学".into() }]
        );
        assert_eq!(m.values[0].heading.as_deref(), Some("研究分野"));
        assert_eq!(
            (m.values[0].from.as_str(), m.values[0].to.as_str()),
            ("医用システム", "device")
        );
        assert_eq!(m.value_rules(Some("研究分野"), "fields").count(), 1);
        assert_eq!(m.value_rules(Some("キーワード"), "keywords_ja").count(), 0);
    }

    #[test]
    fn two_headings_for_one_field_are_an_error_naming_both() {
        assert_eq!(
            messages("heading,field,constant,separator,from,to\n分野,fields,,,,\n研究分野(KAKEN),fields,,,,\n"),
            ["3:field: error: \"分野\" (row 2) and \"研究分野(KAKEN)\" (row 3) both map to fields; keep one and leave the other's field empty"]
        );
        // Numbered columns of one list may share it.
        assert!(read("heading,field,constant,separator,from,to\nキーワード1,keywords_ja,,,,\nキーワード2,keywords_ja,,,,\n").is_ok());
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row_and_column() {
        assert_eq!(
            messages(
                "heading,field,constant,separator,from,to\n\
                 題,titel,,,,\n\
                 ,institution,,,x,\n\
                 概要,summary_ja,x,,,\n\
                 ,,北大,,,\n\
                 タイトル,title_ja,,;,,\n\
                 機関,institution,,,,\n\
                 ,institution,北大,,,\n"
            ),
            [
                "2:field: error: unknown field \"titel\": write a seed field such as title_ja, or its Japanese heading such as タイトル",
                "3:to: error: `from` and `to` go together: a value of the column and what it stands for",
                "4:constant: error: a row maps a column (heading) or gives a constant, not both",
                "5:field: error: a constant needs the field it fills",
                "6:separator: error: separator \";\" is for list columns, and title_ja is not a list",
                "8:constant: error: institution has both a column (\"機関\", row 7) and a constant; keep one",
            ]
        );
    }

    #[test]
    fn a_value_mapping_for_a_column_nothing_maps_is_an_error() {
        assert_eq!(
            messages("heading,field,constant,separator,from,to\n研究分野,,,,医用システム,device\n"),
            ["2:field: error: no row maps the column \"研究分野\" to a field: give it one here or on a row of its own"]
        );
    }

    #[test]
    fn a_sheet_without_the_columns_is_refused() {
        assert_eq!(
            messages("heading,field\nタイトル,title_ja\n"),
            ["1:-: error: the first row must name the columns heading,field,constant,separator,from,to (missing: constant, separator, from, to)"]
        );
    }

    #[test]
    fn what_seeds_map_writes_reads_back() {
        let rows = vec![
            MapRow {
                heading: "キーワード".into(),
                field: "keywords_ja".into(),
                separator: " / ".into(),
                ..MapRow::default()
            },
            MapRow {
                field: "institution".into(),
                constant: "北大, 本部".into(),
                ..MapRow::default()
            },
        ];
        let bytes = write_csv(&rows);
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a BOM so Excel reads UTF-8");
        assert!(String::from_utf8_lossy(&bytes).contains("\r\n"));
        let m = Mapping::read(Path::new("m.csv"), &bytes).unwrap();
        assert_eq!(m.column("キーワード").unwrap().separator, Some(Separator::Text(" / ".into())));
        assert_eq!(m.constants[0].value, "北大, 本部");
    }
}
