//! Display labels for vocabulary values, facets and institutions in the current language.

use seed_core::{Engine, Facet, UNSET};

use crate::i18n::Lang;

/// The label of a facet value (`stage` → `preclinical` → 非臨床 / Preclinical); institutions
/// by name; a value not given (an empty one, or the facet value [`UNSET`]) as 未設定 / Not
/// given. Unknown values show their id.
pub fn value_label(engine: &Engine, key: Facet, id: &str, lang: Lang) -> String {
    if id.is_empty() || id == UNSET {
        return lang.t().not_given.to_string();
    }
    let bundle = engine.bundle();
    if key == Facet::Institution {
        return bundle.institution(id).map_or(id, |i| i.name(lang.is_en())).to_string();
    }
    bundle.taxonomy.vocabulary(key.as_str()).map_or(id, |v| v.label(id, lang.is_en())).to_string()
}

/// The heading of a facet: the taxonomy's label, or the UI's word for it.
pub fn facet_label(engine: &Engine, key: Facet, lang: Lang) -> String {
    if let Some(v) = engine.bundle().taxonomy.vocabulary(key.as_str()) {
        return if lang.is_en() { v.label_en.clone() } else { v.label_ja.clone() };
    }
    let t = lang.t();
    match key {
        Facet::Institution => t.institution,
        Facet::Region => t.region,
        Facet::Fields => t.fields,
        Facet::Stage => t.stage,
        Facet::IpStatus => t.ip_status,
        Facet::Collaboration => t.collaboration,
    }
    .to_string()
}
