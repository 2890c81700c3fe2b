//! The explorer's state as a plain value: view, query, filters, sort, language, open seed, a
//! shared shortlist and a needs statement. It round-trips through the URL's query string
//! (`url_codec.rs`), so every view can be shared as a link and back/forward restore it.
//! No Leptos here: components hold it in a signal.

use seed_core::{Facet, Filters, Sort};

use crate::i18n::Lang;
use crate::view::View;

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

/// How a state change is recorded in the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new history entry: back returns to the previous state.
    Push,
    /// The current entry is updated in place (switching language).
    Replace,
    /// The current entry is updated in place once typing pauses (the query or the needs
    /// statement changed; nothing else did).
    Typed,
}

impl ViewState {
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
        } else if self.lang == prev.lang {
            Entry::Typed
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

    /// What a seed's link opens (in a new tab, or copied): the seed over the same view,
    /// filters, sort and language, without the typed text. Typing then changes no card's
    /// address, and a pasted paragraph is not copied into every card's (50 of them held a
    /// 40 KB address each, megabytes of wasm memory that never shrinks).
    pub fn seed_page(&self, id: &str) -> ViewState {
        ViewState {
            seed: Some(id.into()),
            query: String::new(),
            needs: String::new(),
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

    /// The state that lists a chart bar's seeds in browse: the overview charts the current
    /// search, so the query and the other facets' filters are kept and `key` is narrowed to
    /// `value` alone — the list then has exactly the bar's count.
    pub fn browse_with(&self, key: Facet, value: &str) -> ViewState {
        let mut next = self.go(View::Browse);
        next.filters.0.remove(&key);
        next.filters.insert(key, value);
        next
    }
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
    fn navigation_pushes_switching_language_replaces_and_typing_replaces_once_it_pauses() {
        let base = ViewState::default();
        let typed = ViewState { query: "がん".into(), ..base.clone() };
        assert_eq!(typed.entry_from(&base), Entry::Typed);
        let lang = ViewState { lang: Some(Lang::En), ..base.clone() };
        assert_eq!(lang.entry_from(&base), Entry::Replace);
        let needs = ViewState { needs: "x".into(), ..base.clone() };
        assert_eq!(needs.entry_from(&base), Entry::Typed);
        let both = ViewState { query: "がん".into(), ..lang.clone() };
        assert_eq!(both.entry_from(&base), Entry::Replace);
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
    fn a_seed_link_keeps_the_view_filters_and_language_but_not_the_typed_text() {
        let s = ViewState { needs: "細胞を使った治療法".into(), ..full_state() };
        let linked = s.seed_page("kita-001");
        assert_eq!(linked.seed.as_deref(), Some("kita-001"));
        assert_eq!(
            (linked.view, &linked.filters, linked.sort, linked.lang),
            (s.view, &s.filters, s.sort, s.lang)
        );
        assert_eq!((linked.query.as_str(), linked.needs.as_str()), ("", ""));
        let typed = ViewState { query: format!("{} 抗体", s.query), ..s.clone() };
        assert_eq!(typed.seed_page("kita-001"), linked, "typing changes no seed link");
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
    fn a_chart_bar_browses_the_current_search_narrowed_to_its_value() {
        let s = full_state();
        let b = s.browse_with(Facet::Fields, "device");
        assert_eq!(b.view, View::Browse);
        assert_eq!(
            b.active_filters(),
            vec![
                (Facet::Fields, "device".into()),
                (Facet::Stage, "basic".into()),
                (Facet::Stage, "clinical".into()),
                (Facet::Region, "kyoto".into())
            ]
        );
        assert_eq!((b.lang, &b.query, b.sort), (s.lang, &s.query, s.sort));
        assert!(b.seed.is_none() && b.ids.is_empty());
        let one = s.browse_with(Facet::Stage, "basic");
        assert_eq!(one.filters.0[&Facet::Stage].len(), 1, "the bar's value alone");
    }
}
