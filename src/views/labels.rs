//! Display labels for vocabulary values and institutions in the current language.

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
