//! The explorer shell once the bundle is loaded: header with language switch, the view state in
//! a signal kept in step with the URL (back/forward included), and either the result list or
//! the open seed.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use seed_core::{Engine, SearchRequest};

use crate::i18n::Lang;
use crate::state::{Extra, ViewState};
use crate::url;
use crate::views::{browse::Browse, detail::Detail};

/// The loaded explorer.
#[component]
pub fn Explorer(engine: Arc<Engine>, initial: ViewState, extra: Extra) -> impl IntoView {
    let state = RwSignal::new(initial);
    let lang = Memo::new(move |_| state.with(|s| s.lang.unwrap_or_default()));
    sync_url(state, extra);
    sync_document_lang(lang);

    let request = Memo::new(move |_| {
        state.with(|s| SearchRequest { query: s.query.clone(), filters: s.filters.clone(), sort: s.sort })
    });
    let search_engine = engine.clone();
    let response = Memo::new(move |_| request.with(|r| search_engine.search(r)));
    let open_seed = Memo::new({
        let engine = engine.clone();
        move |_| state.with(|s| s.seed.as_ref().map(|id| engine.bundle().seed_index(id)))
    });
    let switch_lang = move |_| state.update(|s| s.lang = Some(lang.get_untracked().other()));

    view! {
        <header class="site-header">
            <a class="site-title" href="?" on:click=move |e: ev::MouseEvent| {
                e.prevent_default();
                state.set(ViewState { lang: state.get_untracked().lang, ..Default::default() });
            }>{move || lang.get().t().site_title}</a>
            <button class="lang-switch" on:click=switch_lang lang=move || lang.get().other().code()>
                {move || lang.get().t().switch_to}
            </button>
        </header>
        {move || match open_seed.get() {
            None => view! { <Browse engine=engine.clone() state=state response=response lang=lang /> }.into_any(),
            Some(index) => view! { <Detail engine=engine.clone() state=state index=index lang=lang /> }.into_any(),
        }}
    }
}

/// Writes the state to the address bar (a new history entry when the open seed changes) and
/// reads it back on back/forward.
fn sync_url(state: RwSignal<ViewState>, extra: Extra) {
    Effect::new(move |previous: Option<ViewState>| {
        let current = state.get();
        if let Some(prev) = &previous {
            if *prev != current {
                url::write(&current.to_query(&extra), prev.seed != current.seed);
            }
        }
        current
    });
    let handle = window_event_listener(ev::popstate, move |_| {
        state.set(ViewState::from_query(&url::current_query()).0);
    });
    on_cleanup(move || handle.remove());
}

/// Keeps `<html lang>` in step with the UI language.
fn sync_document_lang(lang: Memo<Lang>) {
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
}
