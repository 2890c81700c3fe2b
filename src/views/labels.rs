//! Display labels for vocabulary values, facets and institutions in the current language.

use seed_core::{Facet, Scoped, UNSET};

use crate::i18n::Lang;
use crate::invisible::reveal;

/// The label of a facet value (`stage` → `preclinical` → 非臨床 / Preclinical); institutions
/// by name; a value not given (an empty one, or the facet value [`UNSET`]) as 未設定 / Not
/// given. Unknown values show their id. Invisible characters are shown as markers.
pub fn value_label(engine: &Scoped, key: Facet, id: &str, lang: Lang) -> String {
    if id.is_empty() || id == UNSET {
        return lang.t().not_given.to_string();
    }
    let bundle = engine.bundle();
    if key == Facet::Institution {
        return reveal(bundle.institution(id).map_or(id, |i| i.name(lang.is_en())));
    }
    reveal(bundle.taxonomy.vocabulary(key.as_str()).map_or(id, |v| v.label(id, lang.is_en())))
}

/// The heading of a facet: the taxonomy's label, or the UI's word for it.
pub fn facet_label(engine: &Scoped, key: Facet, lang: Lang) -> String {
    if let Some(v) = engine.bundle().taxonomy.vocabulary(key.as_str()) {
        return reveal(if lang.is_en() { &v.label_en } else { &v.label_ja });
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
