//! The versioned bundle: one JSON file holding taxonomy, institutions, seeds and synonyms,
//! produced by `seeds build` and loaded by the app. Readers check the format name and major
//! version before anything else, so a bundle from another major version fails with a clear
//! error instead of a confusing field-level one.

use serde::{Deserialize, Serialize};

use crate::model::{Institution, Seed};
use crate::taxonomy::Taxonomy;

/// The value of the bundle's `format` field.
pub const FORMAT: &str = "seed-explorer-bundle";
/// The major version this build reads and writes. A change that old readers cannot read bumps it.
pub const MAJOR: u32 = 1;
/// The minor version this build writes. Additions that old readers can ignore bump it. 1.2:
/// bundles carry no search index (1.1 could); a reader ignores an `index` member and
/// indexes the seeds itself, so no answer ever comes from an index of other seeds.
pub const MINOR: u32 = 2;

/// A complete catalogue, ready for the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// `"MAJOR.MINOR"`.
    pub version: String,
    /// Catalogue title shown by the app, e.g. the network's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Facet vocabularies with labels.
    pub taxonomy: Taxonomy,
    /// Institutions, in source order.
    pub institutions: Vec<Institution>,
    /// Seeds, in source order.
    pub seeds: Vec<Seed>,
    /// Groups of equivalent terms (variant spellings and ja↔en pairs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// Why a bundle could not be loaded.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum BundleError {
    /// The text is not JSON or does not have the bundle's shape.
    #[error("the bundle is not valid JSON: {0}")]
    Malformed(String),
    /// The JSON is not a Seed Explorer bundle.
    #[error("this file is not a Seed Explorer bundle (format {found:?})")]
    WrongFormat {
        /// The `format` field found, if any.
        found: Option<String>,
    },
    /// The bundle was written by a different major version.
    #[error("bundle version {found} is not supported; this app reads version {MAJOR}.x")]
    UnsupportedVersion {
        /// The `version` field found.
        found: String,
    },
}

/// The two members checked before anything else is read; the others are skipped unread (no
/// `flatten`, which would buffer the whole bundle).
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<String>,
}

impl Bundle {
    /// A new, empty bundle of the current version.
    pub fn new(taxonomy: Taxonomy) -> Self {
        Bundle {
            format: FORMAT.to_string(),
            version: format!("{MAJOR}.{MINOR}"),
            title: None,
            taxonomy,
            institutions: Vec::new(),
            seeds: Vec::new(),
            synonyms: Vec::new(),
        }
    }

    /// Parses a bundle, checking format name and major version first.
    pub fn from_json(text: &str) -> Result<Bundle, BundleError> {
        Bundle::check_header(text)?;
        serde_json::from_str(text).map_err(|e| BundleError::Malformed(e.to_string()))
    }

    /// Checks that `text` is JSON of this format and major version, before reading the rest.
    pub fn check_header(text: &str) -> Result<(), BundleError> {
        let header: Header =
            serde_json::from_str(text).map_err(|e| BundleError::Malformed(e.to_string()))?;
        Bundle::check_version(header.format.as_deref(), header.version.as_deref())
    }

    /// Checks a bundle's `format` and `version` members (either may be missing).
    pub fn check_version(format: Option<&str>, version: Option<&str>) -> Result<(), BundleError> {
        if format != Some(FORMAT) {
            return Err(BundleError::WrongFormat { found: format.map(String::from) });
        }
        let version = version.unwrap_or_default();
        if major_of(version) != Some(MAJOR) {
            return Err(BundleError::UnsupportedVersion { found: version.to_string() });
        }
        Ok(())
    }

    /// Serializes the bundle compactly, as it is shipped.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a bundle always serializes")
    }

    /// The institution with this id.
    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.id == id)
    }

    /// The position of the seed with this id.
    pub fn seed_index(&self, id: &str) -> Option<usize> {
        self.seeds.iter().position(|s| s.id == id)
    }
}

fn major_of(version: &str) -> Option<u32> {
    version.split('.').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(version: &str) -> String {
        format!(
            r#"{{"format":"{FORMAT}","version":"{version}","taxonomy":{{"facets":[]}},"institutions":[],"seeds":[]}}"#
        )
    }

    #[test]
    fn a_current_bundle_round_trips() {
        let b = Bundle::new(Taxonomy::default());
        assert_eq!(Bundle::from_json(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn a_newer_minor_version_still_loads() {
        assert!(Bundle::from_json(&minimal("1.7")).is_ok());
    }

    #[test]
    fn another_major_version_is_refused_by_name() {
        let err = Bundle::from_json(&minimal("2.0")).unwrap_err();
        assert_eq!(err, BundleError::UnsupportedVersion { found: "2.0".into() });
    }

    #[test]
    fn a_foreign_json_file_is_not_a_bundle() {
        let err = Bundle::from_json(r#"{"seeds":[]}"#).unwrap_err();
        assert_eq!(err, BundleError::WrongFormat { found: None });
    }

    #[test]
    fn truncated_text_is_malformed() {
        let text = minimal("1.0");
        let err = Bundle::from_json(&text[..text.len() / 2]).unwrap_err();
        assert!(matches!(err, BundleError::Malformed(_)));
    }
}
