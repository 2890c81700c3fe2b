//! The needs view: a company pastes its needs statement and gets the seeds that match best,
//! each with the terms that matched. The statement lives in the URL like a query.

use leptos::prelude::*;

use seed_core::{Facet, Filters};

use crate::state::ViewState;
use crate::view::View;
use crate::views::card::Card;
use crate::views::labels::value_label;
use crate::views::widgets::{nav, tr};
use crate::views::Ctx;

/// Seeds listed for a needs statement.
const LIMIT: usize = 30;

/// The needs page.
#[component]
pub fn Needs() -> impl IntoView {
    let ctx = Ctx::get();
    let text = Memo::new(move |_| ctx.state.with(|s| s.needs.clone()));
    let result = Memo::new(move |_| text.with(|t| ctx.engine.needs(t, &Filters::default(), LIMIT)));
    let matches = Memo::new(move |_| result.with(|r| r.hits.clone()));
    let nearest = Memo::new(move |_| result.with(|r| r.nearest_fields.clone()));
    let field_page = |field: &str| {
        let mut s = ViewState { view: View::Browse, ..ViewState::default() };
        s.filters.insert(Facet::Fields, field);
        s
    };
    let example = move |_| {
        ctx.state.update(|s| s.needs = ctx.lang.get_untracked().t().needs_example.to_string())
    };
    view! {
        <main class="needs" id="main">
            <h1 id="main-heading" tabindex="-1">{tr(ctx, |t| t.needs_heading)}</h1>
            <p class="needs-hint" id="needs-hint">{tr(ctx, |t| t.needs_hint)}</p>
            <div class="needs-form">
                <label for="needs-text" class="needs-label">{tr(ctx, |t| t.needs_label)}</label>
                <textarea id="needs-text" rows="6" aria-describedby="needs-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.state.update(|s| s.needs = v);
                    }></textarea>
                <button type="button" class="link-button needs-example" on:click=example>{tr(ctx, |t| t.needs_example_button)}</button>
            </div>
            <p class="result-count needs-count" role="status" aria-live="polite">{move || {
                let t = ctx.t();
                if text.with(|t| t.trim().is_empty()) {
                    t.needs_start.to_string()
                } else if matches.with(Vec::is_empty) && nearest.with(|n| !n.is_empty()) {
                    t.needs_close_none.to_string()
                } else if matches.with(Vec::is_empty) {
                    t.needs_none.to_string()
                } else {
                    (t.needs_results)(matches.with(Vec::len))
                }
            }}</p>
            <Show when=move || matches.with(Vec::is_empty) && nearest.with(|n| !n.is_empty())>
                <nav class="needs-nearest" aria-label=tr(ctx, |t| t.needs_nearest_fields)>
                    <ul class="chip-list">
                        <For each=move || nearest.get() key=|f| f.clone() let:field>
                            <li>{
                                let target = field_page(&field);
                                let href = ctx.href(&target);
                                let label = {
                                    let field = field.clone();
                                    move || value_label(ctx.engine, Facet::Fields, &field, ctx.lang.get())
                                };
                                view! {
                                    <a class="chip" href=href on:click=nav(&ctx, move || target.clone())>{label}</a>
                                }
                            }</li>
                        </For>
                    </ul>
                </nav>
            </Show>
            <ol class="results card-grid needs-results" aria-label=tr(ctx, |t| t.results_label)>
                <For each=move || matches.get() key=|m| (m.seed, m.matched_terms.clone()) let:m>
                    <li><Card index=m.seed terms=m.matched_terms /></li>
                </For>
            </ol>
        </main>
    }
}
