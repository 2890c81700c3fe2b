//! The facet panel: one group of checkboxes per facet with live counts. A value with no
//! result under the current search is disabled (unless selected), or left out where empty
//! values are hidden (embeds, `hide_empty`). Elements are keyed, so a keyboard user's focus
//! stays on the checkbox they toggled. On phones the panel folds away behind a button and,
//! open, ends in a sticky "Show N results" button that folds it again. A facet locked by an
//! embedding page is not in the panel and not counted as the visitor's filter.

use leptos::prelude::*;
use seed_core::{Facet, SearchRequest};

use crate::views::labels::{facet_label, value_label};
use crate::views::widgets::{css_ident, tr};
use crate::views::{settled, Ctx};

/// Values shown in a long facet before "show all".
const FOLDED: usize = 8;

/// The panel.
#[component]
pub fn Facets() -> impl IntoView {
    let ctx = Ctx::get();
    let open = RwSignal::new(false);
    let active = move || ctx.state.with(|s| ctx.mode.visitor_filters(s).len());
    // Values no seed of the catalogue has (most prefectures) are never shown.
    let groups = move || {
        let everywhere = ctx.engine.search(&SearchRequest::default()).facets;
        Facet::ALL
            .into_iter()
            .map(|key| {
                let present: Vec<(String, usize)> = everywhere
                    .iter()
                    .find(|f| f.key == key)
                    .map(|f| {
                        let counts = f.iter().enumerate();
                        counts
                            .filter(|(_, (_, n))| *n > 0)
                            .map(|(at, (v, _))| (v.into(), at))
                            .collect()
                    })
                    .unwrap_or_default();
                view! { <FacetGroup key=key values=present /> }
            })
            .collect_view()
    };
    // The groups follow one frame after the results, so the first cards paint sooner.
    let painted = RwSignal::new(false);
    crate::platform::after_next_paint(move || painted.set(true));
    view! {
        <aside class="facets" aria-label=tr(ctx, |t| t.filters_heading)>
            <button type="button" class="button facets-toggle" aria-controls="facet-groups"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || (ctx.t().filters_toggle)(active())}
            </button>
            <div id="facet-groups" class="facet-groups" class:open=move || open.get()>
                <h2 class="facets-heading">{tr(ctx, |t| t.filters_heading)}</h2>
                <Show when=move || painted.get()>{groups}</Show>
                <div class="facets-done-bar">
                    <button type="button" class="button primary facets-done" on:click=move |_| {
                        open.set(false);
                        crate::platform::on_next_frame(crate::dom::focus_heading);
                    }>
                        {move || (ctx.t().show_results)(ctx.response.with(|r| r.match_count()))}
                    </button>
                </div>
            </div>
        </aside>
    }
}

/// One facet's values, each with its place in the facet's counts.
#[component]
fn FacetGroup(key: Facet, values: Vec<(String, usize)>) -> impl IntoView {
    let ctx = Ctx::get();
    let expanded = RwSignal::new(false);
    // The facet's counts in domain order, numbers only: the values are fixed.
    let counts = Memo::new(move |_| {
        ctx.response.with(|r| {
            r.facets.iter().find(|f| f.key == key).map(|f| f.counts.clone()).unwrap_or_default()
        })
    });
    // This facet's selected values: a keystroke that leaves them alone touches no checkbox.
    let selected = settled(move || {
        ctx.state.with(|s| {
            s.filters.0.get(&key).map(|v| v.iter().cloned().collect::<Vec<_>>()).unwrap_or_default()
        })
    });
    let hide_empty = ctx.mode.hide_empty(ctx.config);
    // The values on offer: all, or (hiding empty ones) those with a result or selected.
    let offered = {
        let values = values.clone();
        Memo::new(move |_| {
            if !hide_empty {
                return values.clone();
            }
            counts.with(|c| {
                selected.with(|s| {
                    values
                        .iter()
                        .filter(|v| s.contains(&v.0) || c.get(v.1).is_some_and(|n| *n > 0))
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let total = move || offered.with(Vec::len);
    let shown = move || {
        offered.with(|values| {
            if expanded.get() || values.len() <= FOLDED + 2 {
                return values.clone();
            }
            // Folded: the first values, plus any selected further down.
            selected.with(|s| {
                values
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| *i < FOLDED || s.contains(&v.0))
                    .map(|(_, v)| v.clone())
                    .collect()
            })
        })
    };
    // A facet locked by an embedding page is fixed, so it is not offered.
    if values.is_empty() || ctx.mode.is_locked(key) {
        return ().into_any();
    }
    let legend_id = format!("facet-{key}");
    let labelled_by = legend_id.clone();
    view! {
        <fieldset class="facet" data-facet=key.as_str() aria-labelledby=labelled_by
            hidden=move || total() == 0>
            <legend id=legend_id>{move || facet_label(ctx.engine, key, ctx.lang.get())}</legend>
            <ul class="facet-values">
                <For each=shown key=|v| v.0.clone() let:value>
                    <FacetValue key=key value=value.0 at=value.1 counts=counts selected=selected />
                </For>
            </ul>
            {move || (total() > FOLDED + 2).then(|| view! {
                <button type="button" class="link-button facet-more" aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { ctx.t().show_fewer_values.to_string() } else { (ctx.t().show_all_values)(total()) }}
                </button>
            })}
        </fieldset>
    }
    .into_any()
}

#[component]
fn FacetValue(
    key: Facet,
    value: String,
    at: usize,
    counts: Memo<Vec<usize>>,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let ctx = Ctx::get();
    // Memos: a keystroke changes the value's count and checkbox only where they differ.
    let count = Memo::new(move |_| counts.with(|c| c.get(at).copied().unwrap_or(0)));
    let checked = {
        let value = value.clone();
        Memo::new(move |_| selected.with(|s| s.contains(&value)))
    };
    let disabled = Memo::new(move |_| count.get() == 0 && !checked.get());
    let toggle = {
        let value = value.clone();
        move |_| ctx.state.update(|s| s.toggle_filter(key, &value))
    };
    let id = format!("f-{key}-{}", css_ident(&value));
    let label = {
        let value = value.clone();
        move || value_label(ctx.engine, key, &value, ctx.lang.get())
    };
    view! {
        <li class="facet-value" class:zero=move || disabled.get()>
            <input type="checkbox" id=id.clone() value=value.clone() data-value=value.clone()
                prop:checked=move || checked.get() disabled=move || disabled.get() on:change=toggle />
            <label for=id>
                <span class="facet-label">{label}</span>
                <span class="facet-count">{move || count.get()}</span>
            </label>
        </li>
    }
}
