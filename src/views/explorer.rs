//! The explorer shell once the bundle is loaded: the header (title, navigation, search box,
//! language switch), the view state in a signal kept in step with the URL (back/forward
//! included), the shortlist kept in local storage, focus moved to the main heading on view
//! changes, and the current view.

use leptos::ev;
use leptos::prelude::*;
use seed_core::{Scoped, SearchRequest};
use wasm_bindgen::JsCast;

use crate::bench;
use crate::config::Config;
use crate::dom::focus_heading;
use crate::i18n::Lang;
use crate::invisible::reveal;
use crate::mode::Mode;
use crate::platform::{self, StorageError};
use crate::shortlist::{Loaded, Shortlist, STORAGE_KEY};
use crate::state::{Entry, ViewState};
use crate::url;
use crate::url_codec::{self, Params};
use crate::view::View;
use crate::views::browse::Browse;
use crate::views::detail::Detail;
use crate::views::needs::Needs;
use crate::views::overview::Overview;
use crate::views::shortlist::ShortlistView;
use crate::views::shown::Shown;
use crate::views::widgets::{nav, tr};
use crate::views::{settled, Ctx, Notice};

/// The loaded explorer.
#[component]
pub fn Explorer(
    engine: &'static Scoped<'static>,
    config: &'static Config,
    mode: &'static Mode,
    initial: ViewState,
    params: &'static Params,
) -> impl IntoView {
    let state = RwSignal::new(initial);
    // The URL's language, else the site's, else the browser's.
    let default_lang = config
        .default_lang
        .unwrap_or_else(|| Lang::from_preferences(&platform::preferred_languages()));
    let lang = settled(move || state.with(|s| s.lang.unwrap_or(default_lang)));
    let request = Memo::new(move |_| {
        state.with(|s| SearchRequest {
            query: s.query.clone(),
            filters: s.filters.clone(),
            sort: s.sort,
        })
    });
    // The query is resolved once per change of its text, for the search and for highlighting
    // every card; the benchmark times both steps.
    let query = Memo::new(move |_| state.with(|s| s.query.clone()));
    let prepared =
        Memo::new(move |_| query.with(|q| bench::time_search(|| engine.engine().prepare(q))));
    let response = Memo::new(move |_| {
        request.with(|r| {
            prepared.with(|p| bench::time_search(|| engine.search_prepared(p, &r.filters, r.sort)))
        })
    });
    let shown = Shown::new(request);
    let notice = RwSignal::new(None);
    let shortlist = RwSignal::new(load_shortlist(notice));
    let ctx = Ctx {
        engine,
        config,
        mode,
        params,
        state,
        lang,
        shortlist,
        notice,
        response,
        prepared,
        shown,
    };
    provide_context(ctx);

    sync_url(state, params, mode);
    sync_document(ctx);
    save_shortlist(shortlist, notice);
    move_focus(state);

    let open_seed =
        Memo::new(move |_| state.with(|s| s.seed.as_ref().map(|id| engine.seed_index(id))));
    let view_kind = Memo::new(move |_| state.with(|s| s.view));
    view! {
        <Header />
        {move || match open_seed.get() {
            Some(index) => view! { <Detail index=index /> }.into_any(),
            None => match view_kind.get() {
                View::Browse => view! { <Browse /> }.into_any(),
                View::Shortlist => view! { <ShortlistView /> }.into_any(),
                View::Needs => view! { <Needs /> }.into_any(),
                View::Overview => view! { <Overview /> }.into_any(),
            },
        }}
        <crate::views::mode_shell::ModeShell />
    }
}

/// Site title, navigation, search box, language switch, and the one-off notice.
#[component]
fn Header() -> impl IntoView {
    let ctx = Ctx::get();
    let state = ctx.state;
    let title = {
        let config = ctx.config;
        move || {
            config
                .site_title(ctx.lang.get())
                .map(String::from)
                .unwrap_or_else(|| ctx.t().site_title.to_string())
        }
    };
    let home = nav(&ctx, move || state.get_untracked().home());
    let home_href = ctx.href(&state.get_untracked().home());
    let switch_lang = move |_| state.update(|s| s.lang = Some(ctx.lang.get_untracked().other()));
    let skip = move |e: ev::MouseEvent| {
        e.prevent_default();
        focus_heading();
    };
    let on_search = move |ev: ev::Event| {
        let q = event_target_value(&ev);
        state.update(|s| {
            if s.view != View::Browse || s.seed.is_some() {
                *s = s.go(View::Browse);
            }
            s.query = q;
        });
    };
    let links = View::ALL
        .into_iter()
        .map(|v| {
            let href = move || state.with(|s| ctx.href(&s.go(v)));
            let current =
                move || state.with(|s| (s.view == v && s.seed.is_none()).then_some("page"));
            // Saved seeds; within a scope, those in it.
            let count = move || {
                (v == View::Shortlist)
                    .then(|| {
                        ctx.shortlist.with(|l| {
                            if l.is_empty() || ctx.engine.scope().is_empty() {
                                l.len()
                            } else {
                                l.ids()
                                    .iter()
                                    .filter(|id| ctx.engine.seed_index(id).is_some())
                                    .count()
                            }
                        })
                    })
                    .filter(|n| *n > 0)
            };
            view! {
                <li>
                    <a class=format!("nav-link nav-{}", v.code()) href=href aria-current=current
                        on:click=nav(&ctx, move || state.get_untracked().go(v))>
                        {move || ctx.t().view_name(v)}
                        {move || count().map(|n| view! { <span class="nav-count">{n}</span> })}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main" on:click=skip>{tr(ctx, |t| t.skip_to_content)}</a>
            <div class="header-row">
                <a class="site-title" href=home_href on:click=home>{title}</a>
                <button type="button" class="lang-switch" on:click=switch_lang
                    lang=move || ctx.lang.get().other().code()
                    aria-label=tr(ctx, |t| t.switch_to_label)>
                    {tr(ctx, |t| t.switch_to)}
                </button>
            </div>
            <div class="header-row header-tools">
                <nav class="site-nav" aria-label=tr(ctx, |t| t.nav_label)>
                    <ul>{links}</ul>
                </nav>
                <search class="site-search">
                    <label for="q" class="visually-hidden">{tr(ctx, |t| t.search_label)}</label>
                    <input id="q" type="search" autocomplete="off" enterkeyhint="search"
                        placeholder=tr(ctx, |t| t.search_placeholder)
                        prop:value=move || state.with(|s| s.query.clone())
                        on:input=on_search />
                </search>
            </div>
            <div class="notice-area" role="status" aria-live="polite">
                {move || ctx.notice.get().map(|n| view! {
                    <p class="toast">
                        <span>{n.text(ctx.lang.get())}</span>
                        <button type="button" class="link-button" on:click=move |_| ctx.notice.set(None)>{ctx.t().dismiss}</button>
                    </p>
                })}
            </div>
        </header>
    }
}

/// Reads the stored shortlist; an unreadable value is replaced by an empty list, with a notice.
fn load_shortlist(notice: RwSignal<Option<Notice>>) -> Shortlist {
    match platform::storage_get(STORAGE_KEY) {
        Err(()) => Shortlist::default(),
        Ok(stored) => match Shortlist::from_storage(stored.as_deref()) {
            Loaded::Empty => Shortlist::default(),
            Loaded::Ok(list) => list,
            Loaded::Reset(why) => {
                platform::warn(&format!("shortlist reset: {why}"));
                // If this fails too, saving the next change tells the visitor.
                let _ = platform::storage_set(STORAGE_KEY, &Shortlist::default().to_storage());
                notice.set(Some(Notice::StorageReset));
                Shortlist::default()
            }
        },
    }
}

/// Writes the shortlist on every change and follows changes made in other tabs. When the
/// browser refuses (no storage, or storage full) the list keeps working in memory for the
/// session and the visitor is told it will not be kept.
fn save_shortlist(shortlist: RwSignal<Shortlist>, notice: RwSignal<Option<Notice>>) {
    Effect::new(move |first: Option<()>| {
        let stored = shortlist.with(Shortlist::to_storage);
        if first.is_none() {
            return;
        }
        match platform::storage_set(STORAGE_KEY, &stored) {
            Ok(()) => {}
            Err(StorageError::Full) => notice.set(Some(Notice::StorageFull)),
            Err(StorageError::Unavailable) => notice.set(Some(Notice::StorageUnavailable)),
        }
    });
    let handle = window_event_listener(ev::storage, move |e| {
        if e.key().as_deref() == Some(STORAGE_KEY) {
            if let Loaded::Ok(list) = Shortlist::from_storage(e.new_value().as_deref()) {
                shortlist.set(list);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// Writes the state to the address bar (a new history entry for navigation, in place once
/// typing pauses) and reads it back on back/forward. The language is a preference, not a place:
/// back/forward keep the one in use. A kiosk keeps one history entry: "back" can never reach
/// the previous visitor's pages.
fn sync_url(state: RwSignal<ViewState>, params: &'static Params, mode: &'static Mode) {
    let popping = StoredValue::new(false);
    Effect::new(move |previous: Option<ViewState>| {
        let current = state.get();
        if let Some(prev) = &previous {
            let query = url_codec::encode(&current, params);
            match current.entry_from(prev) {
                _ if popping.get_value() => url::write(&query, false),
                Entry::Typed => url::write_later(query),
                Entry::Replace => url::write(&query, false),
                Entry::Push => url::write(&query, !mode.is_kiosk()),
            }
        }
        popping.set_value(false);
        current
    });
    let handle = window_event_listener(ev::popstate, move |_| {
        url::forget_held();
        let mut next = url_codec::decode(&url::current_query()).0;
        next.lang = state.with_untracked(|s| s.lang).or(next.lang);
        if state.with_untracked(|s| *s != next) {
            popping.set_value(true);
            state.set(next);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Keeps `<html lang>` and the document title in step with the language and what is shown.
fn sync_document(ctx: Ctx) {
    let lang = ctx.lang;
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    Effect::new(move |_| {
        let l: Lang = ctx.lang.get();
        let site = ctx.config.site_title(l).unwrap_or(l.t().site_title).to_string();
        let page = ctx.state.with(|s| match &s.seed {
            Some(id) => ctx
                .engine
                .seed_index(id)
                .map(|i| reveal(ctx.engine.bundle().seeds[i].title(l.is_en()))),
            None if s.view == View::Browse => None,
            None => Some(l.t().view_name(s.view).to_string()),
        });
        platform::set_document_title(&match page {
            Some(p) => format!("{p} – {site}"),
            None => site,
        });
    });
}

/// On a view change, moves keyboard focus to the new main heading — or, when a seed page is
/// closed, back to that seed's card so the visitor keeps their place in the list.
fn move_focus(state: RwSignal<ViewState>) {
    let place = Memo::new(move |_| state.with(|s| (s.view, s.seed.clone())));
    Effect::new(move |previous: Option<(View, Option<String>)>| {
        let current = place.get();
        if let Some(prev) = previous.filter(|p| *p != current) {
            let return_to = match (&prev.1, &current.1) {
                (Some(id), None) if prev.0 == current.0 => Some(id.clone()),
                _ => None,
            };
            platform::on_next_frame(move || {
                if !return_to.is_some_and(|id| focus_card(&id)) {
                    platform::scroll_to_top();
                    focus_heading();
                }
            });
        }
        current
    });
}

fn focus_card(id: &str) -> bool {
    let Ok(cards) = document().query_selector_all(".results [data-seed]") else { return false };
    for i in 0..cards.length() {
        let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        if card.get_attribute("data-seed").as_deref() == Some(id) {
            if let Some(link) = card
                .query_selector("a")
                .ok()
                .flatten()
                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
            {
                return link.focus().is_ok();
            }
        }
    }
    false
}
