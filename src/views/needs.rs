//! The needs view: a company pastes its needs statement and gets the seeds that match best,
//! each with the terms that matched. The statement lives in the URL like a query.

use leptos::prelude::*;

use seed_core::Filters;

use crate::views::card::Card;
use crate::views::widgets::{tr, ScopeLabel};
use crate::views::Ctx;

/// Seeds listed for a needs statement.
const LIMIT: usize = 30;

/// The needs page.
#[component]
pub fn Needs() -> impl IntoView {
    let ctx = Ctx::get();
    let text = Memo::new(move |_| ctx.state.with(|s| s.needs.clone()));
    let matches =
        Memo::new(move |_| text.with(|t| ctx.engine.match_needs(t, &Filters::default(), LIMIT)));
    let example = move |_| {
        ctx.state.update(|s| s.needs = ctx.lang.get_untracked().t().needs_example.to_string())
    };
    view! {
        <main class="needs" id="main">
            <h1 id="main-heading" tabindex="-1">{tr(ctx, |t| t.needs_heading)}</h1>
            <ScopeLabel />
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
                } else if matches.with(Vec::is_empty) {
                    t.needs_none.to_string()
                } else {
                    (t.needs_results)(matches.with(Vec::len))
                }
            }}</p>
            <ol class="results card-grid needs-results" aria-label=tr(ctx, |t| t.results_label)>
                <For each=move || matches.get() key=|m| (m.seed, m.matched_terms.clone()) let:m>
                    <li><Card index=m.seed terms=m.matched_terms /></li>
                </For>
            </ol>
        </main>
    }
}
