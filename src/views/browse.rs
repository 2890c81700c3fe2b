//! The browse view: search box, result count and the result cards, shown in pages of
//! [`PAGE`] so thousands of results stay fast.

use std::sync::Arc;

use leptos::prelude::*;
use seed_core::{Engine, SearchResponse};

use crate::i18n::Lang;
use crate::state::ViewState;
use crate::views::card::Card;

/// Cards added per "show more".
const PAGE: usize = 50;

/// Search box and results.
#[component]
pub fn Browse(engine: Arc<Engine>, state: RwSignal<ViewState>, response: Memo<SearchResponse>, lang: Memo<Lang>) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        response.track();
        shown.set(PAGE);
    });
    let total = engine.bundle().seeds.len();
    let hits = move || response.with(|r| r.hits.iter().take(shown.get()).map(|h| h.seed).collect::<Vec<_>>());
    let count = move || response.with(|r| r.hits.len());
    let t = move || lang.get().t();
    view! {
        <main class="browse" id="main">
            <search class="search-bar">
                <label for="q" class="visually-hidden">{move || t().search_label}</label>
                <input
                    id="q"
                    type="search"
                    autocomplete="off"
                    placeholder=move || t().search_placeholder
                    prop:value=move || state.with(|s| s.query.clone())
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        state.update(|s| s.query = q);
                    }
                />
            </search>
            <p class="result-count" role="status" aria-live="polite">
                {move || {
                    let has_query = state.with(|s| !s.query.trim().is_empty() || !s.filters.is_empty());
                    if has_query {
                        format!("{} {} / {total}", count(), t().results)
                    } else {
                        format!("{total} {}", t().seeds_in_catalogue)
                    }
                }}
            </p>
            <Show when=move || count() == 0>
                <div class="empty">
                    <p class="empty-title">{move || t().no_results}</p>
                    <p>{move || t().no_results_hint}</p>
                </div>
            </Show>
            <ol class="results">
                <For each=hits key=|i| *i let:index>
                    <li><Card engine=engine.clone() index=index state=state lang=lang /></li>
                </For>
            </ol>
            <Show when=move || { count() > shown.get() }>
                <button class="button show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || t().show_more}
                </button>
            </Show>
        </main>
    }
}
