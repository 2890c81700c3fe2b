//! The `seeds` command as a library: the commands and their file IO. Reading and validating
//! the sheets institutions send is `seed-ingest`; searching is `seed-core`; synthetic
//! catalogues are `seed-synth`. `main.rs` only parses the command line; tests call these
//! modules directly too.

pub mod build;
pub mod files;
pub mod leads;
pub mod map;
pub mod pack;
pub mod query;
pub mod report;
pub mod stats;
pub mod synth;
pub mod term;
