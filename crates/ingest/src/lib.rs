//! Seed Explorer ingest: from the sheets institutions send to a validated bundle. [`inputs`]
//! reads JSON, CSV, TSV and spreadsheets (in any of the encodings Japanese offices use, via
//! [`text`]) into [`record::RawRecord`]s that remember their file, row and column headings;
//! [`validate`] turns them into seeds and institutions, collecting every problem; [`glossary`]
//! keeps the en→ja glossary pairs the catalogue can use, and [`dictionaries`] joins the built-in
//! dictionaries (embedded in the binary) and the maintainer's. It does no file IO (the `seeds`
//! command reads the files and hands over their bytes) and the browser never links it.

pub mod dictionaries;
pub mod glossary;
pub mod guess;
pub mod inputs;
pub mod mapping;
pub mod prefecture;
pub mod record;
pub mod table;
pub mod text;
pub mod validate;
pub mod workbook;
