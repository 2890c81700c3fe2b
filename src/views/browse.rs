//! The browse view: facet panel, result count and sort, the active filters as removable
//! chips, notices (relaxed query, empty result with ways out) and the result cards in pages of
//! [`PAGE`] so thousands of results stay fast; after fewer than a page of matches, the seeds most
//! like them under a heading of their own.

use leptos::prelude::*;
use seed_core::Sort;

use crate::paging::PAGE;
use crate::state::ViewState;
use crate::suggest::{suggestions, Kind};
use crate::view::View;
use crate::views::card::Card;
use crate::views::facets::Facets;
use crate::views::labels::{facet_label, value_label};
use crate::views::widgets::{nav, tr, ScopeLabel};
use crate::views::Ctx;

/// Facets and results.
#[component]
pub fn Browse() -> impl IntoView {
    let ctx = Ctx::get();
    let total = ctx.engine.len();
    let response = ctx.response;
    let shown = ctx.shown;
    // The matches, then (when there are fewer than a page) the seeds most like them, in a list
    // of their own: they do not contain the words searched for.
    let hits = move || {
        let shown = shown.get();
        response.with(|r| r.first_matches(shown).iter().map(|h| h.seed).collect::<Vec<_>>())
    };
    let similar = move || {
        let shown = shown.get();
        response.with(|r| {
            r.similar_hits()
                .iter()
                .take(shown.saturating_sub(r.match_count()))
                .map(|h| h.seed)
                .collect::<Vec<_>>()
        })
    };
    let count = move || response.with(|r| r.match_count());
    let searching = move || ctx.state.with(|s| !ctx.mode.at_start(s));
    let sort_select = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ctx.state.update(|s| s.sort = v.parse().unwrap_or_default());
    };
    view! {
        <div class="browse-layout">
            <Facets />
            <main class="browse" id="main">
                <div class="result-bar">
                    <h1 id="main-heading" tabindex="-1" class="page-heading">{tr(ctx, |t| t.browse_heading)}</h1>
                    <ScopeLabel />
                    <p class="result-count" role="status" aria-live="polite">
                        {move || if searching() { (ctx.t().result_count)(count(), total) } else { (ctx.t().seeds_in_catalogue)(total) }}
                    </p>
                    <div class="sort">
                        <label for="sort">{tr(ctx, |t| t.sort_label)}</label>
                        <select id="sort" on:change=sort_select>
                            {Sort::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() prop:selected=move || ctx.state.with(|st| st.sort == s)>
                                    {move || ctx.t().sort_name(s)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <Chips />
                <Show when=move || response.with(|r| r.relaxed)>
                    <p class="notice relaxed" role="note">{tr(ctx, |t| t.relaxed_notice)}</p>
                </Show>
                <Show when=move || response.with(|r| r.needs)>
                    <p class="notice needs-switch" role="note">
                        {tr(ctx, |t| t.needs_switch_notice)}" "
                        <a href=move || ctx.state.with(|s| ctx.href(&needs_page(s)))
                            on:click=nav(&ctx, move || ctx.state.with_untracked(needs_page))>
                            {tr(ctx, |t| t.needs_switch_link)}
                        </a>
                    </p>
                </Show>
                <Show when=move || count() == 0>
                    <Empty />
                </Show>
                {crate::views::booth::kiosk_keywords()}
                <Featured />
                <ol class="results card-grid" aria-label=tr(ctx, |t| t.results_label)>
                    <For each=hits key=|i| *i let:index>
                        <li><Card index=index /></li>
                    </For>
                </ol>
                <Show when=move || !similar().is_empty()>
                    <section class="similar" aria-labelledby="similar-heading">
                        <h2 id="similar-heading" class="similar-heading">{tr(ctx, |t| t.similar_heading)}</h2>
                        <p class="similar-note">{tr(ctx, |t| t.similar_note)}</p>
                        <ol class="results card-grid similar-list">
                            <For each=similar key=|i| *i let:index>
                                <li><Card index=index /></li>
                            </For>
                        </ol>
                    </section>
                </Show>
                <Show when=move || { shown.get() >= PAGE && count() > shown.get() }>
                    <button type="button" class="button show-more" on:click=move |_| shown.more()>
                        {move || (ctx.t().show_more)(count().saturating_sub(shown.get()))}
                    </button>
                </Show>
            </main>
        </div>
    }
}

/// The needs page for the statement typed into the search box.
fn needs_page(s: &ViewState) -> ViewState {
    ViewState { view: View::Needs, needs: s.query.clone(), query: String::new(), ..s.clone() }
}

/// The active filters as chips that remove themselves, and "clear all".
#[component]
fn Chips() -> impl IntoView {
    let ctx = Ctx::get();
    // Filters locked by an embedding page are neither shown as removable nor cleared.
    let active = Memo::new(move |_| ctx.state.with(|s| ctx.mode.visitor_filters(s)));
    let clear = move |_| ctx.state.update(|s| s.filters = ctx.mode.locked_filters());
    view! {
        <Show when=move || active.with(|a| !a.is_empty())>
            <div class="chips" role="group" aria-label=tr(ctx, |t| t.active_filters)>
                <ul class="chip-list">
                    <For each=move || active.get() key=|kv| kv.clone() let:kv>
                        <li>{
                            let (key, value) = kv;
                            let label = {
                                let value = value.clone();
                                move || {
                                    let l = ctx.lang.get();
                                    format!("{}: {}", facet_label(ctx.engine, key, l), value_label(ctx.engine, key, &value, l))
                                }
                            };
                            let aria = {
                                let label = label.clone();
                                move || (ctx.t().remove_filter)(&label())
                            };
                            view! {
                                <button type="button" class="chip" data-facet=key.as_str() data-value=value.clone() aria-label=aria
                                    on:click=move |_| ctx.state.update(|s| s.remove_filter(key, &value))>
                                    <span>{label}</span><span class="chip-x" aria-hidden="true">"×"</span>
                                </button>
                            }
                        }</li>
                    </For>
                </ul>
                <button type="button" class="link-button clear-all" on:click=clear>{tr(ctx, |t| t.clear_all)}</button>
            </div>
        </Show>
    }
}

/// Nothing found: say what was searched and offer broader searches that do find something.
#[component]
fn Empty() -> impl IntoView {
    let ctx = Ctx::get();
    let list = Memo::new(move |_| {
        let all = ctx.state.with(|s| suggestions(ctx.engine, s, 4));
        all.into_iter().filter(|g| ctx.mode.keeps_locks(&g.state)).collect::<Vec<_>>()
    });
    view! {
        <div class="empty">
            <p class="empty-title">{move || {
                let q = ctx.state.with(|s| s.query.trim().to_string());
                if q.is_empty() { ctx.t().no_results_filters.to_string() } else { (ctx.t().no_results_for)(&q) }
            }}</p>
            {move || {
                let t = ctx.t();
                let l = ctx.lang.get();
                let items = list.get();
                if items.is_empty() {
                    return view! { <p>{t.no_results_hint}</p> }.into_any();
                }
                let links = items.into_iter().map(|sug| {
                    let label = match &sug.kind {
                        Kind::RemoveFilter { key, value } => (t.suggest_remove)(&value_label(ctx.engine, *key, value, l), sug.count),
                        Kind::Query(q) => (t.suggest_query)(q, sug.count),
                        Kind::ClearFilters => (t.suggest_clear_filters)(sug.count),
                    };
                    let href = ctx.href(&sug.state);
                    let next = sug.state.clone();
                    view! { <li><a class="suggestion" href=href on:click=nav(&ctx, move || next.clone())>{label}</a></li> }
                }).collect_view();
                view! { <p>{t.try_instead}</p><ul class="suggestions">{links}</ul> }.into_any()
            }}
            <button type="button" class="button" on:click=move |_| ctx.state.update(|s| *s = s.home())>{tr(ctx, |t| t.start_over)}</button>
        </div>
    }
}

/// The configured featured seeds, on the start page only.
#[component]
fn Featured() -> impl IntoView {
    let ctx = Ctx::get();
    let featured: Vec<usize> =
        ctx.config.featured.iter().filter_map(|id| ctx.engine.seed_index(id)).collect();
    if featured.is_empty() {
        return ().into_any();
    }
    let start = move || ctx.state.with(|s| ctx.mode.at_start(s));
    view! {
        <Show when=start>
            <section class="featured" aria-labelledby="featured-heading">
                <h2 id="featured-heading">{tr(ctx, |t| t.featured)}</h2>
                <ul class="card-grid featured-list">
                    {featured.iter().map(|i| view! { <li><Card index=*i level=3 /></li> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
    .into_any()
}
