//! The Seed Explorer core: the catalogue's data model, the versioned bundle format, record
//! validation and the search engine. It does no IO and knows nothing of the browser or the
//! terminal: the `seeds` CLI and the wasm app both call it, so they rank identically.

pub mod bundle;
pub mod model;
pub mod record;
pub mod search;
pub mod taxonomy;
pub mod validate;

pub use bundle::{Bundle, BundleError};
pub use model::{Institution, Seed};
pub use search::{Engine, Filters, Hit, SearchRequest, SearchResponse, Sort};
pub use taxonomy::{Taxonomy, Term, Vocabulary};
