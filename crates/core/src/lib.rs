//! The Seed Explorer core: the catalogue's data model, the versioned bundle format and the
//! search engine — what the browser runs, and nothing else. It does no IO and knows nothing of
//! the browser or the terminal: the `seeds` CLI and the wasm app both call it, so they rank
//! identically. Reading and validating institutions' sheets is `seed-ingest`'s job.

pub mod bundle;
pub mod model;
pub mod search;
pub mod seed;
pub mod segment;
pub mod sort;
pub mod stem;
pub mod taxonomy;
pub mod types;

pub use bundle::{Bundle, BundleError};
pub use engine::Engine;
pub use model::{Institution, Seed};
pub use taxonomy::{Taxonomy, Term, Vocabulary};
pub use types::{
    Facet, FacetCounts, Filters, Hit, Hits, SearchRequest, SearchResponse, Sort, UNSET,
};
pub mod bitset;
mod building;
pub mod engine;
pub mod explain;
pub mod facets;
pub mod highlight;
pub mod index;
pub mod kept;
pub mod links;
pub mod loader;
pub mod needs;
pub mod normalize;
mod plan;
pub mod postings;
pub mod query;
pub mod rank;
pub mod related;
pub mod scope;
pub mod synonyms;
pub mod tokenize;
pub mod typo;
pub mod vocab;
pub use explain::Explanation;
pub use highlight::Highlight;
pub use needs::{NeedsHit, NeedsResult};
pub use query::ParsedQuery;
pub use rank::PreparedQuery;
pub use scope::Scoped;
pub use search::QueryInput;
