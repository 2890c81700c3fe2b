//! Display labels for vocabulary values, facets and institutions in the current language.

use seed_core::Engine;

use crate::i18n::Lang;

/// The label of a facet value (`stage` → `preclinical` → 非臨床 / Preclinical); institutions
/// by name. Unknown values show their id.
pub fn value_label(engine: &Engine, key: &str, id: &str, lang: Lang) -> String {
    let bundle = engine.bundle();
    if key == "institution" {
        return bundle.institution(id).map_or(id, |i| i.name(lang.is_en())).to_string();
    }
    bundle.taxonomy.vocabulary(key).map_or(id, |v| v.label(id, lang.is_en())).to_string()
}

/// The heading of a facet: the taxonomy's label, or the UI's word for institution/region.
pub fn facet_label(engine: &Engine, key: &str, lang: Lang) -> String {
    if let Some(v) = engine.bundle().taxonomy.vocabulary(key) {
        return if lang.is_en() { v.label_en.clone() } else { v.label_ja.clone() };
    }
    let t = lang.t();
    match key {
        "institution" => t.institution,
        "region" => t.region,
        "fields" => t.fields,
        "stage" => t.stage,
        "ip_status" => t.ip_status,
        "collaboration" => t.collaboration,
        other => return other.to_string(),
    }
    .to_string()
}
