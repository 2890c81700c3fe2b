//! The versioned bundle: one JSON file holding taxonomy, institutions, seeds and synonyms,
//! produced by `seeds build` and loaded by the app. Readers check the format name and major
//! version before anything else, so a bundle from another major version fails with a clear
//! error instead of a confusing field-level one. A bundle without a well-formed version is
//! damaged, not newer. A leading UTF-8 byte order mark (as Windows editors write) is skipped.

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
    /// The `version` is missing or not `MAJOR.MINOR`: the file is damaged, not newer.
    #[error("the bundle is damaged: {}", version_problem(.found.as_deref()))]
    BadVersion {
        /// The `version` field found, if any.
        found: Option<String>,
    },
}

fn version_problem(found: Option<&str>) -> String {
    match found {
        None => "it has no version".into(),
        Some(v) => format!("its version {v:?} is not of the form MAJOR.MINOR"),
    }
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
        let text = without_bom(text);
        Bundle::check_header(text)?;
        serde_json::from_str(text).map_err(|e| BundleError::Malformed(e.to_string()))
    }

    /// Checks that `text` is JSON of this format and major version, before reading the rest.
    /// A missing or malformed `version` makes the bundle damaged ([`BundleError::BadVersion`]);
    /// only a well-formed `MAJOR.MINOR` of another major is [`BundleError::UnsupportedVersion`].
    pub fn check_header(text: &str) -> Result<(), BundleError> {
        let header: Header = serde_json::from_str(without_bom(text))
            .map_err(|e| BundleError::Malformed(e.to_string()))?;
        Bundle::check_version(header.format.as_deref(), header.version.as_deref())
    }

    /// Checks a bundle's `format` and `version` members (either may be missing), as
    /// [`Bundle::check_header`] does.
    pub fn check_version(format: Option<&str>, version: Option<&str>) -> Result<(), BundleError> {
        if format != Some(FORMAT) {
            return Err(BundleError::WrongFormat { found: format.map(String::from) });
        }
        let Some(version) = version else {
            return Err(BundleError::BadVersion { found: None });
        };
        match major_of(version) {
            None => Err(BundleError::BadVersion { found: Some(version.to_string()) }),
            Some(MAJOR) => Ok(()),
            Some(_) => Err(BundleError::UnsupportedVersion { found: version.to_string() }),
        }
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
        self.seeds.iter().position(|s| s.id() == id)
    }
}

/// The text after a leading UTF-8 byte order mark, if there is one.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The major of a `MAJOR.MINOR` version (both ASCII digits); `None` for anything else. A
/// major too large for a `u32` is still a (very) different major.
fn major_of(version: &str) -> Option<u32> {
    let (major, minor) = version.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(major) && digits(minor)).then(|| major.parse().unwrap_or(u32::MAX))
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
    fn a_missing_or_malformed_version_is_damage_not_a_newer_format() {
        let no_version = format!(
            r#"{{"format":"{FORMAT}","taxonomy":{{"facets":[]}},"institutions":[],"seeds":[]}}"#
        );
        for text in [no_version, minimal(""), minimal("x"), minimal("1"), minimal("2.0beta")] {
            let err = Bundle::from_json(&text).unwrap_err();
            assert!(matches!(err, BundleError::BadVersion { .. }), "{text}: {err:?}");
        }
        let err = Bundle::from_json(&minimal("1")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the bundle is damaged: its version \"1\" is not of the form MAJOR.MINOR"
        );
        let err = Bundle::from_json(&minimal("99999999999.0")).unwrap_err();
        assert!(matches!(err, BundleError::UnsupportedVersion { .. }), "{err:?}");
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let text = format!("\u{feff}{}", minimal("1.1"));
        assert!(Bundle::from_json(&text).is_ok());
        assert!(Bundle::check_header(&text).is_ok());
    }

    #[test]
    fn truncated_text_is_malformed() {
        let text = minimal("1.0");
        let err = Bundle::from_json(&text[..text.len() / 2]).unwrap_err();
        assert!(matches!(err, BundleError::Malformed(_)));
    }
}
