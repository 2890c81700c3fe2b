//! The explorer's state as a plain value: query, filters, sort, language and open seed. It
//! round-trips through the URL's query string, so every view can be shared as a link and
//! back/forward restore it. No Leptos here: components hold it in a signal.

use std::collections::BTreeMap;

use seed_core::search::FACET_KEYS;
use seed_core::{Filters, Sort};

use crate::i18n::Lang;

/// Everything that identifies what the visitor sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The search text as typed.
    pub query: String,
    /// Facet selections.
    pub filters: Filters,
    /// Result order.
    pub sort: Sort,
    /// UI language; `None` means the site's default.
    pub lang: Option<Lang>,
    /// The open seed's id, if a detail view is showing.
    pub seed: Option<String>,
}

/// URL parameters that are not part of the view (deployment options such as `bundle`).
pub type Extra = BTreeMap<String, String>;

impl ViewState {
    /// Reads a query string (with or without the leading `?`). Unknown keys go to `extra` so
    /// they survive a round trip; unknown facet keys and sorts are ignored.
    pub fn from_query(query: &str) -> (ViewState, Extra) {
        let mut state = ViewState::default();
        let mut extra = Extra::new();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "q" => state.query = value.into_owned(),
                "sort" => state.sort = value.parse().unwrap_or_default(),
                "lang" => state.lang = Lang::from_code(&value),
                "seed" if !value.is_empty() => state.seed = Some(value.into_owned()),
                k if FACET_KEYS.contains(&k) => {
                    for v in value.split(',').filter(|v| !v.is_empty()) {
                        state.filters.insert(k, v);
                    }
                }
                _ => {
                    extra.insert(key.into_owned(), value.into_owned());
                }
            }
        }
        (state, extra)
    }

    /// Writes the state (and the extra parameters) as a query string with a leading `?`, or an
    /// empty string when there is nothing to say. Facets come in panel order; values sorted.
    pub fn to_query(&self, extra: &Extra) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in extra {
            out.append_pair(k, v);
        }
        if let Some(lang) = self.lang {
            out.append_pair("lang", lang.code());
        }
        if !self.query.is_empty() {
            out.append_pair("q", &self.query);
        }
        for key in FACET_KEYS {
            if let Some(values) = self.filters.0.get(key).filter(|v| !v.is_empty()) {
                out.append_pair(key, &values.iter().cloned().collect::<Vec<_>>().join(","));
            }
        }
        if self.sort != Sort::Relevance {
            out.append_pair("sort", self.sort.as_str());
        }
        if let Some(seed) = &self.seed {
            out.append_pair("seed", seed);
        }
        let s = out.finish();
        if s.is_empty() {
            s
        } else {
            format!("?{s}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_state_is_an_empty_query_string() {
        assert_eq!(ViewState::default().to_query(&Extra::new()), "");
    }

    #[test]
    fn every_part_of_the_state_survives_the_url() {
        let mut s = ViewState { query: "がん 免疫".into(), sort: Sort::Newest, lang: Some(Lang::En), ..Default::default() };
        s.filters.insert("stage", "clinical");
        s.filters.insert("stage", "basic");
        s.filters.insert("fields", "drug");
        s.seed = Some("hokuto-med-001".into());
        let extra = Extra::from([("bundle".to_string(), "big.json".to_string())]);
        let q = s.to_query(&extra);
        assert_eq!(ViewState::from_query(&q), (s, extra));
    }

    #[test]
    fn unknown_sorts_and_facets_are_ignored_not_fatal() {
        let (s, extra) = ViewState::from_query("?sort=sideways&colour=red&q=x");
        assert_eq!(s.sort, Sort::Relevance);
        assert_eq!(s.query, "x");
        assert_eq!(extra.get("colour").map(String::as_str), Some("red"));
    }
}
