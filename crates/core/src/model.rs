//! The validated records a bundle carries: institutions and research seeds. Field names are
//! the ones the institutions' template uses as its headings (`title_ja`, `summary_en`, `stage`,
//! ...), so a bundle reads like the sheets it was built from.

use serde::{Deserialize, Serialize};

pub use crate::seed::{pick, Seed, SeedRecord, Texts};

/// A member institution (university, hospital, research institute) that offers seeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// Stable identifier referenced by seeds, e.g. `hokuto-med`.
    pub id: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name; the UI falls back to `name_ja` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Prefecture id from the `region` vocabulary.
    pub region: String,
    /// Public web page of the institution's industry-collaboration office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Booth number at the current trade show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booth: Option<String>,
}

impl Institution {
    /// The English name when present, else the Japanese one.
    pub fn name(&self, english: bool) -> &str {
        pick(english, &self.name_ja, self.name_en.as_deref())
    }
}
