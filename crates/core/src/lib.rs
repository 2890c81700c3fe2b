//! The Seed Explorer core: the catalogue's data model, the versioned bundle format, record
//! validation and the search engine. It does no IO and knows nothing of the browser or the
//! terminal: the `seeds` CLI and the wasm app both call it, so they rank identically.

pub mod bundle;
pub mod glossary;
pub mod model;
pub mod record;
pub mod search;
pub mod segment;
pub mod stem;
pub mod synth;
pub mod taxonomy;
pub mod validate;

pub use bundle::{Bundle, BundleError};
pub use model::{Institution, Seed};
pub use search::{Engine, Filters, Hit, SearchRequest, SearchResponse, Sort};
pub use taxonomy::{Taxonomy, Term, Vocabulary};
pub mod bitset;
pub mod explain;
pub mod facets;
pub mod highlight;
pub mod index;
pub mod loader;
pub mod needs;
pub mod normalize;
pub mod query;
pub mod rank;
pub mod related;
pub mod synonyms;
pub mod tokenize;
pub mod typo;
pub use explain::Explanation;
pub use highlight::Highlight;
pub use needs::{NeedsHit, NeedsResult};
pub use query::ParsedQuery;
pub use rank::PreparedQuery;
pub use search::{FacetCounts, QueryInput};
