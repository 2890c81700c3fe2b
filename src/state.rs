//! The explorer's state as a plain value: view, query, filters, sort, language, open seed, a
//! shared shortlist and a needs statement. It round-trips through the URL's query string, so
//! every view can be shared as a link and back/forward restore it. No Leptos here: components
//! hold it in a signal.

use std::collections::BTreeMap;

use seed_core::{Facet, Filters, Sort};

use crate::i18n::Lang;

/// The main views. A seed page (`seed=ID`) opens over any of them and "back" returns to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Search box, facets and result cards.
    #[default]
    Browse,
    /// The visitor's saved seeds (or a shortlist shared by link).
    Shortlist,
    /// A company's needs statement matched against the catalogue.
    Needs,
    /// Charts of the catalogue: seeds per field, stage and institution.
    Overview,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 4] = [View::Browse, View::Overview, View::Needs, View::Shortlist];

    /// The name used in URLs (`view=`).
    pub fn code(self) -> &'static str {
        match self {
            View::Browse => "browse",
            View::Shortlist => "shortlist",
            View::Needs => "needs",
            View::Overview => "overview",
        }
    }

    /// Parses a `view=` value.
    pub fn from_code(code: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Everything that identifies what the visitor sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The main view.
    pub view: View,
    /// The search text as typed.
    pub query: String,
    /// Facet selections.
    pub filters: Filters,
    /// Result order.
    pub sort: Sort,
    /// UI language; `None` means the site's default.
    pub lang: Option<Lang>,
    /// The open seed's id, if a seed page is showing.
    pub seed: Option<String>,
    /// Seed ids of a shortlist carried by a shared link (`view=shortlist&ids=a,b`); empty
    /// means "the visitor's own shortlist".
    pub ids: Vec<String>,
    /// The needs statement of the needs view.
    pub needs: String,
}

/// URL parameters that are not part of the view (deployment options such as `bundle`).
pub type Extra = BTreeMap<String, String>;

/// How a state change is recorded in the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new history entry: back returns to the previous state.
    Push,
    /// The current entry is updated in place (typing, switching language).
    Replace,
}

impl ViewState {
    /// Reads a query string (with or without the leading `?`). Unknown keys go to `extra` so
    /// they survive a round trip; unknown views, facet keys and sorts are ignored.
    pub fn from_query(query: &str) -> (ViewState, Extra) {
        let mut state = ViewState::default();
        let mut extra = Extra::new();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(raw_key);
            let list = || raw_value.split(',').map(decode).filter(|v| !v.is_empty());
            match key.as_str() {
                "q" => state.query = decode(raw_value),
                "needs" => state.needs = decode(raw_value),
                "sort" => state.sort = decode(raw_value).parse().unwrap_or_default(),
                "lang" => state.lang = Lang::from_code(&decode(raw_value)),
                "view" => state.view = View::from_code(&decode(raw_value)).unwrap_or_default(),
                "seed" => state.seed = Some(decode(raw_value)).filter(|s| !s.is_empty()),
                "ids" => {
                    for id in list() {
                        if !state.ids.contains(&id) {
                            state.ids.push(id);
                        }
                    }
                }
                k => match k.parse::<Facet>() {
                    // Values are ids without commas; an old-style `a%2Cb` is split too.
                    Ok(facet) => {
                        for v in list() {
                            for v in v.split(',').filter(|v| !v.is_empty()) {
                                state.filters.insert(facet, v);
                            }
                        }
                    }
                    Err(_) => {
                        extra.insert(key, decode(raw_value));
                    }
                },
            }
        }
        (state, extra)
    }

    /// Writes the state (and the extra parameters) as a query string with a leading `?`, or an
    /// empty string when there is nothing to say. Facets come in panel order, values sorted;
    /// list values are separated by literal commas (a comma inside a value is `%2C`).
    pub fn to_query(&self, extra: &Extra) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut pair = |k: &str, v: &str| out.push(format!("{}={}", encode(k), encode(v)));
        for (k, v) in extra {
            pair(k, v);
        }
        if let Some(lang) = self.lang {
            pair("lang", lang.code());
        }
        if self.view != View::Browse {
            pair("view", self.view.code());
        }
        if !self.query.is_empty() {
            pair("q", &self.query);
        }
        let mut list = |k: &str, values: &mut dyn Iterator<Item = &String>| {
            let joined: Vec<String> = values.map(|v| encode(v)).collect();
            if !joined.is_empty() {
                out.push(format!("{k}={}", joined.join(",")));
            }
        };
        for facet in Facet::ALL {
            if let Some(values) = self.filters.0.get(&facet) {
                list(facet.as_str(), &mut values.iter());
            }
        }
        list("ids", &mut self.ids.iter());
        let mut pair = |k: &str, v: &str| out.push(format!("{}={}", encode(k), encode(v)));
        if self.sort != Sort::Relevance {
            pair("sort", self.sort.as_str());
        }
        if !self.needs.is_empty() {
            pair("needs", &self.needs);
        }
        if let Some(seed) = &self.seed {
            pair("seed", seed);
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("?{}", out.join("&"))
        }
    }

    /// How going from `prev` to `self` is recorded: navigation (another view, seed, filter,
    /// sort or shared list) is a new history entry; typing and switching language are not.
    pub fn entry_from(&self, prev: &ViewState) -> Entry {
        let navigated = self.view != prev.view
            || self.seed != prev.seed
            || self.filters != prev.filters
            || self.sort != prev.sort
            || self.ids != prev.ids;
        if navigated {
            Entry::Push
        } else {
            Entry::Replace
        }
    }

    /// The state after opening `view` from here: the search (query, filters, sort) and the
    /// language are kept, the open seed is closed and a shared list is left behind.
    pub fn go(&self, view: View) -> ViewState {
        ViewState {
            view,
            seed: None,
            ids: if view == View::Shortlist && self.view == View::Shortlist {
                self.ids.clone()
            } else {
                Vec::new()
            },
            ..self.clone()
        }
    }

    /// The start page in the same language.
    pub fn home(&self) -> ViewState {
        ViewState { lang: self.lang, ..ViewState::default() }
    }

    /// True when `key=value` is selected.
    pub fn has_filter(&self, key: Facet, value: &str) -> bool {
        self.filters.0.get(&key).is_some_and(|v| v.contains(value))
    }

    /// Selects or deselects `key=value`.
    pub fn toggle_filter(&mut self, key: Facet, value: &str) {
        if self.has_filter(key, value) {
            self.remove_filter(key, value);
        } else {
            self.filters.insert(key, value);
        }
    }

    /// Deselects `key=value`, dropping the facet when it becomes empty.
    pub fn remove_filter(&mut self, key: Facet, value: &str) {
        if let Some(values) = self.filters.0.get_mut(&key) {
            values.remove(value);
            if values.is_empty() {
                self.filters.0.remove(&key);
            }
        }
    }

    /// Every selected `(key, value)` in panel order.
    pub fn active_filters(&self) -> Vec<(Facet, String)> {
        Facet::ALL
            .into_iter()
            .flat_map(|k| self.filters.0.get(&k).into_iter().flatten().map(move |v| (k, v.clone())))
            .collect()
    }

    /// The state that shows only `key=value` in browse (from a chart bar): query kept, other
    /// filters cleared so the count matches the bar.
    pub fn browse_only(&self, key: Facet, value: &str) -> ViewState {
        let mut next = ViewState { lang: self.lang, sort: self.sort, ..ViewState::default() };
        next.filters.insert(key, value);
        next
    }
}

/// Characters that need no escaping in a query component (RFC 3986 unreserved); a space is
/// written as `+`, everything else percent-encoded as UTF-8.
fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Decodes one query component (`+` is a space); invalid UTF-8 is replaced, never fatal.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && hex(bytes[i + 1]).is_some()
                && hex(bytes[i + 2]).is_some() =>
            {
                out.push(hex(bytes[i + 1]).unwrap_or(0) * 16 + hex(bytes[i + 2]).unwrap_or(0));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_state() -> ViewState {
        let mut s = ViewState {
            query: "がん 免疫 & more+".into(),
            sort: Sort::Newest,
            lang: Some(Lang::En),
            view: View::Shortlist,
            ids: vec!["a-1".into(), "b,2".into(), "c 3".into()],
            needs: "細胞を使った\n治療法".into(),
            ..Default::default()
        };
        s.filters.insert(Facet::Stage, "clinical");
        s.filters.insert(Facet::Stage, "basic");
        s.filters.insert(Facet::Fields, "drug");
        s.filters.insert(Facet::Region, "kyoto");
        s.seed = Some("hokuto-med-001".into());
        s
    }

    #[test]
    fn an_empty_state_is_an_empty_query_string() {
        assert_eq!(ViewState::default().to_query(&Extra::new()), "");
        assert_eq!(ViewState::from_query(""), (ViewState::default(), Extra::new()));
        assert_eq!(ViewState::from_query("?"), (ViewState::default(), Extra::new()));
    }

    #[test]
    fn every_part_of_the_state_survives_the_url() {
        let s = full_state();
        let extra = Extra::from([("bundle".to_string(), "big.json".to_string())]);
        let q = s.to_query(&extra);
        assert_eq!(ViewState::from_query(&q), (s, extra));
    }

    #[test]
    fn each_view_survives_the_url() {
        for view in View::ALL {
            let s = ViewState { view, ..Default::default() };
            assert_eq!(ViewState::from_query(&s.to_query(&Extra::new())).0, s);
        }
        assert_eq!(
            ViewState { view: View::Browse, ..Default::default() }.to_query(&Extra::new()),
            ""
        );
    }

    #[test]
    fn lists_are_readable_comma_separated() {
        let mut s = ViewState {
            view: View::Shortlist,
            ids: vec!["x-1".into(), "y-2".into()],
            ..Default::default()
        };
        s.filters.insert(Facet::Stage, "basic");
        s.filters.insert(Facet::Stage, "clinical");
        assert_eq!(s.to_query(&Extra::new()), "?view=shortlist&stage=basic,clinical&ids=x-1,y-2");
    }

    #[test]
    fn old_style_encoded_commas_still_select_several_values() {
        let (s, _) = ViewState::from_query("?stage=basic%2Cclinical");
        assert!(s.has_filter(Facet::Stage, "basic") && s.has_filter(Facet::Stage, "clinical"));
    }

    #[test]
    fn a_comma_inside_a_seed_id_is_kept() {
        let s = ViewState { ids: vec!["a,b".into(), "c".into()], ..Default::default() };
        assert_eq!(ViewState::from_query(&s.to_query(&Extra::new())).0.ids, vec!["a,b", "c"]);
    }

    #[test]
    fn unknown_sorts_views_and_facets_are_ignored_not_fatal() {
        let (s, extra) = ViewState::from_query("?sort=sideways&colour=red&q=x&view=attic");
        assert_eq!(s.sort, Sort::Relevance);
        assert_eq!(s.view, View::Browse);
        assert_eq!(s.query, "x");
        assert_eq!(extra.get("colour").map(String::as_str), Some("red"));
    }

    #[test]
    fn odd_encodings_decode_without_panicking() {
        for q in ["?q=%", "?q=%E3%81", "?q=%zz", "?=&&=x&q", "?q=a%2", "?ids=,,", "?seed="] {
            let _ = ViewState::from_query(q);
        }
        assert_eq!(ViewState::from_query("?q=a+b%20c").0.query, "a b c");
        assert_eq!(ViewState::from_query("?q=100%").0.query, "100%");
        assert!(ViewState::from_query("?ids=,,").0.ids.is_empty());
        assert_eq!(ViewState::from_query("?seed=").0.seed, None);
    }

    #[test]
    fn duplicate_shared_ids_are_kept_once() {
        assert_eq!(ViewState::from_query("?ids=a,b,a").0.ids, vec!["a", "b"]);
    }

    #[test]
    fn navigation_pushes_and_typing_replaces() {
        let base = ViewState::default();
        let typed = ViewState { query: "がん".into(), ..base.clone() };
        assert_eq!(typed.entry_from(&base), Entry::Replace);
        let lang = ViewState { lang: Some(Lang::En), ..base.clone() };
        assert_eq!(lang.entry_from(&base), Entry::Replace);
        let needs = ViewState { needs: "x".into(), ..base.clone() };
        assert_eq!(needs.entry_from(&base), Entry::Replace);
        let mut filtered = base.clone();
        filtered.toggle_filter(Facet::Stage, "basic");
        assert_eq!(filtered.entry_from(&base), Entry::Push);
        assert_eq!(base.go(View::Overview).entry_from(&base), Entry::Push);
        let seed = ViewState { seed: Some("x".into()), ..base.clone() };
        assert_eq!(seed.entry_from(&base), Entry::Push);
        let sorted = ViewState { sort: Sort::Title, ..base.clone() };
        assert_eq!(sorted.entry_from(&base), Entry::Push);
    }

    #[test]
    fn going_to_a_view_keeps_the_search_and_closes_the_seed() {
        let s = full_state();
        let b = s.go(View::Browse);
        assert_eq!(
            (b.view, b.seed.clone(), b.query.clone(), b.lang),
            (View::Browse, None, s.query.clone(), s.lang)
        );
        assert_eq!(b.filters, s.filters);
        assert!(b.ids.is_empty(), "a shared list is left behind");
        assert_eq!(s.go(View::Shortlist).ids, s.ids, "staying on the shortlist keeps it");
        assert_eq!(s.home(), ViewState { lang: Some(Lang::En), ..Default::default() });
    }

    #[test]
    fn filters_toggle_and_clear_cleanly() {
        let mut s = ViewState::default();
        s.toggle_filter(Facet::Stage, "basic");
        s.toggle_filter(Facet::Fields, "drug");
        assert_eq!(
            s.active_filters(),
            vec![(Facet::Fields, "drug".into()), (Facet::Stage, "basic".into())]
        );
        s.toggle_filter(Facet::Stage, "basic");
        assert!(!s.filters.0.contains_key(&Facet::Stage), "an emptied facet is dropped");
        s.remove_filter(Facet::Fields, "drug");
        assert!(s.filters.is_empty());
        assert_eq!(s, ViewState::default());
    }

    #[test]
    fn a_chart_bar_browses_only_its_value() {
        let s = full_state();
        let b = s.browse_only(Facet::Fields, "device");
        assert_eq!(b.view, View::Browse);
        assert_eq!(b.active_filters(), vec![(Facet::Fields, "device".into())]);
        assert_eq!(b.lang, s.lang);
        assert!(b.query.is_empty() && b.seed.is_none());
    }
}
