//! The `seeds` command as a library: reading the sheets institutions send (JSON, CSV, TSV,
//! XLSX in UTF-8 or Shift_JIS), validating them into a bundle, and inspecting and querying
//! bundles. `main.rs` only parses the command line; tests call these modules directly too.

pub mod build;
pub mod inputs;
pub mod leads;
pub mod pack;
pub mod query;
pub mod stats;
pub mod synth;
pub mod text;
