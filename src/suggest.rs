//! Ways out of an empty result list: each active filter removed, each word of the query
//! dropped, all filters cleared — offered only when they would find something, most
//! results first. A facet of the engine's scope (an embed's locked institution) is never
//! offered for removal and survives "clear all".

use seed_core::{sort, Facet, Scoped, SearchRequest};

use crate::state::ViewState;

/// Longest query, in words, whose words are each tried dropped: each try is a search of its
/// own with a copy of the text, and a pasted paragraph that found nothing took one per word
/// (300 words: 78 ms natively on the 149-seed sample, more in the browser and with more seeds).
pub const MAX_WORDS_DROPPED: usize = 8;
/// Most selected filters tried removed, in the panel's order: each try is a search of its own
/// with the other filters, and a link can select thousands (8.5 s for 7,000 unknown values).
pub const MAX_FILTERS_REMOVED: usize = 8;

/// One way to broaden a search that found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What to do.
    pub kind: Kind,
    /// Seeds the broader search finds.
    pub count: usize,
    /// The state to go to.
    pub state: ViewState,
}

/// The kind of broadening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Remove one selected facet value.
    RemoveFilter { key: Facet, value: String },
    /// Search with fewer words.
    Query(String),
    /// Keep the query, drop every filter.
    ClearFilters,
}

/// At most `max` suggestions for `state`, best first.
pub fn suggestions(engine: &Scoped, state: &ViewState, max: usize) -> Vec<Suggestion> {
    let count = |s: &ViewState| {
        engine
            .search(&SearchRequest {
                query: s.query.clone(),
                filters: s.filters.clone(),
                sort: s.sort,
            })
            .match_count()
    };
    broaden(state, max, |key| engine.scope().0.contains_key(key), count)
}

/// [`suggestions`] with the scope's facets and the search given; each `count` is a search.
fn broaden(
    state: &ViewState,
    max: usize,
    scoped: impl Fn(&Facet) -> bool,
    count: impl Fn(&ViewState) -> usize,
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let active: Vec<(Facet, String)> =
        state.active_filters().into_iter().filter(|(k, _)| !scoped(k)).collect();
    for (key, value) in active.iter().take(MAX_FILTERS_REMOVED) {
        let mut s = state.clone();
        s.remove_filter(*key, value);
        out.push(Suggestion {
            kind: Kind::RemoveFilter { key: *key, value: value.clone() },
            count: count(&s),
            state: s,
        });
    }
    let words: Vec<&str> = state.query.split_whitespace().collect();
    if words.len() > 1 && words.len() <= MAX_WORDS_DROPPED {
        for skip in 0..words.len() {
            let q: Vec<&str> =
                words.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, w)| *w).collect();
            let s = ViewState { query: q.join(" "), ..state.clone() };
            out.push(Suggestion { kind: Kind::Query(s.query.clone()), count: count(&s), state: s });
        }
    }
    if active.len() > 1 {
        let mut s = state.clone();
        s.filters.0.retain(|k, _| scoped(k));
        out.push(Suggestion { kind: Kind::ClearFilters, count: count(&s), state: s });
    }
    out.retain(|s| s.count > 0);
    sort::sort_by_key(&mut out, |s| std::cmp::Reverse(s.count));
    let mut seen = Vec::new();
    out.retain(|s| {
        let fresh = !seen.contains(&s.state);
        seen.push(s.state.clone());
        fresh
    });
    out.truncate(max);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::engine;
    use seed_core::Filters;

    #[test]
    fn a_filter_that_empties_the_list_is_offered_for_removal() {
        let e = engine();
        let mut s = ViewState { query: "がん".into(), ..Default::default() };
        s.filters.insert(Facet::Stage, "clinical");
        s.filters.insert(Facet::Fields, "device");
        let got = suggestions(&e.scoped(Filters::default()), &s, 4);
        assert!(!got.is_empty());
        assert!(got.iter().all(|g| g.count > 0));
        assert!(got
            .iter()
            .any(|g| g.kind == Kind::RemoveFilter { key: Facet::Fields, value: "device".into() }));
        assert!(got.windows(2).all(|w| w[0].count >= w[1].count));
    }

    #[test]
    fn dropping_a_word_is_offered_when_all_words_find_nothing() {
        let e = engine();
        let s = ViewState { query: "抗体 ウェアラブル".into(), ..Default::default() };
        let got = suggestions(&e.scoped(Filters::default()), &s, 4);
        let queries: Vec<&Kind> = got.iter().map(|g| &g.kind).collect();
        assert!(queries.contains(&&Kind::Query("抗体".into())));
        assert!(queries.contains(&&Kind::Query("ウェアラブル".into())));
    }

    #[test]
    fn a_scoped_facet_is_neither_removed_nor_cleared() {
        let e = engine();
        let mut scope = Filters::default();
        scope.insert(Facet::Institution, "u1");
        let mut s = ViewState { query: "がん".into(), ..Default::default() };
        s.filters.insert(Facet::Institution, "u1");
        s.filters.insert(Facet::Stage, "clinical");
        s.filters.insert(Facet::Fields, "device");
        let got = suggestions(&e.scoped(scope), &s, 8);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().any(|g| g.kind == Kind::ClearFilters && g.count == 2), "{got:?}");
        assert!(got.iter().all(|g| g.state.has_filter(Facet::Institution, "u1")), "{got:?}");
        assert!(!got.iter().any(
            |g| matches!(&g.kind, Kind::RemoveFilter { key, .. } if *key == Facet::Institution)
        ));
    }

    #[test]
    fn words_are_not_tried_dropped_from_a_query_longer_than_the_bound() {
        let e = engine();
        let words = |n| {
            let mut w = vec!["抗体"; n - 1];
            w.push("ウェアラブル");
            ViewState { query: w.join(" "), ..Default::default() }
        };
        let dropped = |s: &ViewState| {
            let got = suggestions(&e.scoped(Filters::default()), s, 4);
            got.iter().any(|g| matches!(&g.kind, Kind::Query(q) if !q.contains("ウェアラブル")))
        };
        assert!(dropped(&words(MAX_WORDS_DROPPED)));
        assert!(!dropped(&words(MAX_WORDS_DROPPED + 1)));
    }

    #[test]
    fn a_link_selecting_thousands_of_values_costs_a_few_searches() {
        let mut s = ViewState { query: "がん 抗体".into(), ..Default::default() };
        for i in 0..5000 {
            s.filters.insert(Facet::Stage, &format!("x-{i}"));
        }
        let searches = std::cell::Cell::new(0);
        broaden(
            &s,
            4,
            |_| false,
            |_| {
                searches.set(searches.get() + 1);
                0
            },
        );
        // The first filters, each of the two words, and all filters at once.
        assert_eq!(searches.get(), MAX_FILTERS_REMOVED + 2 + 1);
    }

    #[test]
    fn nothing_is_suggested_when_nothing_would_help() {
        let e = engine();
        let s = ViewState { query: "存在しない語".into(), ..Default::default() };
        assert!(suggestions(&e.scoped(Filters::default()), &s, 4).is_empty());
    }
}
