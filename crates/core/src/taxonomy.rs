//! Facet vocabularies (fields, stage, IP status, collaboration, region) with Japanese and
//! English labels in display order. A network may replace the default medical taxonomy.

use serde::{Deserialize, Serialize};

/// The set of controlled vocabularies a catalogue uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Taxonomy {
    /// Vocabularies in display order.
    pub facets: Vec<Vocabulary>,
}

/// One controlled vocabulary, e.g. `stage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// The seed field (or `region` for the institution's prefecture) it constrains.
    pub key: String,
    /// Japanese heading.
    pub label_ja: String,
    /// English heading.
    pub label_en: String,
    /// Allowed values in display order.
    pub values: Vec<Term>,
}

/// One allowed value with its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Identifier stored in records.
    pub id: String,
    /// Japanese label.
    pub ja: String,
    /// English label.
    pub en: String,
}

impl Taxonomy {
    /// The vocabulary for `key`, if the taxonomy defines one.
    pub fn vocabulary(&self, key: &str) -> Option<&Vocabulary> {
        self.facets.iter().find(|v| v.key == key)
    }
}

impl Vocabulary {
    /// The term with this id.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.values.iter().find(|t| t.id == id)
    }

    /// The label of `id` in the chosen language, or the id itself when unknown.
    pub fn label<'a>(&'a self, id: &'a str, english: bool) -> &'a str {
        match self.term(id) {
            Some(t) if english => &t.en,
            Some(t) => &t.ja,
            None => id,
        }
    }
}
