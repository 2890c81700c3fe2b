//! The validated records a bundle carries: institutions and research seeds. Field names are
//! the ones the institutions' template uses as its headings (`title_ja`, `summary_en`, `stage`,
//! ...), so a bundle reads like the sheets it was built from.

use serde::{Deserialize, Serialize};

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

/// One research seed, validated: required fields present, vocabulary values known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    /// Unique, stable identifier; it appears in URLs and QR codes.
    pub id: String,
    /// Id of the offering institution.
    pub institution: String,
    /// Japanese title.
    pub title_ja: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Japanese summary.
    pub summary_ja: String,
    /// English summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_en: Option<String>,
    /// Researchers as 「氏名 (役職)」.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub researchers: Vec<String>,
    /// Department (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_ja: Option<String>,
    /// Department (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_en: Option<String>,
    /// Advantage over current technology (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advantages_ja: Option<String>,
    /// Advantage over current technology (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advantages_en: Option<String>,
    /// Intended applications (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_ja: Option<String>,
    /// Intended applications (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_en: Option<String>,
    /// One or more `fields` vocabulary ids.
    pub fields: Vec<String>,
    /// A `stage` vocabulary id.
    pub stage: String,
    /// An `ip_status` vocabulary id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_status: Option<String>,
    /// Patent and application numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patents: Vec<String>,
    /// `collaboration` vocabulary ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collaboration: Vec<String>,
    /// Japanese keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords_ja: Vec<String>,
    /// English keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords_en: Vec<String>,
    /// Contact e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// Contact page (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_url: Option<String>,
    /// Further links (http or https).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Technology readiness level, 1–9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trl: Option<u8>,
    /// Booth number at the current trade show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booth: Option<String>,
    /// Event tags, e.g. `biojapan2026`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Last update, `YYYY-MM-DD`.
    pub updated: String,
}

impl Seed {
    /// The English title when present, else the Japanese one.
    pub fn title(&self, english: bool) -> &str {
        pick(english, &self.title_ja, &self.title_en)
    }

    /// The English summary when present, else the Japanese one.
    pub fn summary(&self, english: bool) -> &str {
        pick(english, &self.summary_ja, &self.summary_en)
    }
}

impl Institution {
    /// The English name when present, else the Japanese one.
    pub fn name(&self, english: bool) -> &str {
        pick(english, &self.name_ja, &self.name_en)
    }
}

/// Chooses the English variant when asked for and present; Japanese otherwise.
pub fn pick<'a>(english: bool, ja: &'a str, en: &'a Option<String>) -> &'a str {
    match en {
        Some(en) if english && !en.trim().is_empty() => en,
        _ => ja,
    }
}
