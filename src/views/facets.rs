//! The facet panel: one group of checkboxes per facet with live counts. A value with no
//! result under the current search is disabled (unless selected). Elements are keyed, so a
//! keyboard user's focus stays on the checkbox they toggled. On phones the panel folds away
//! behind a button.

use leptos::prelude::*;
use seed_core::{Facet, SearchRequest};

use crate::views::labels::{facet_label, value_label};
use crate::views::widgets::{css_ident, tr};
use crate::views::Ctx;

/// Values shown in a long facet before "show all".
const FOLDED: usize = 8;

/// The panel.
#[component]
pub fn Facets() -> impl IntoView {
    let ctx = Ctx::get();
    let open = RwSignal::new(false);
    let active = move || ctx.state.with(|s| s.active_filters().len());
    // Values no seed of the catalogue has (most prefectures) are never shown.
    let groups = move || {
        let everywhere = ctx.engine.search(&SearchRequest::default()).facets;
        Facet::ALL
            .into_iter()
            .map(|key| {
                let present: Vec<String> = everywhere
                    .iter()
                    .find(|f| f.key == key)
                    .map(|f| {
                        f.counts.iter().filter(|(_, n)| *n > 0).map(|(v, _)| v.clone()).collect()
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
            </div>
        </aside>
    }
}

/// One facet's values.
#[component]
fn FacetGroup(key: Facet, values: Vec<String>) -> impl IntoView {
    let ctx = Ctx::get();
    let expanded = RwSignal::new(false);
    let total = values.len();
    let counts = Memo::new(move |_| {
        ctx.response.with(|r| {
            r.facets.iter().find(|f| f.key == key).map(|f| f.counts.clone()).unwrap_or_default()
        })
    });
    let shown = {
        let values = values.clone();
        move || {
            if expanded.get() || values.len() <= FOLDED + 2 {
                return values.clone();
            }
            // Folded: the first values, plus any selected further down.
            ctx.state.with(|s| {
                values
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| *i < FOLDED || s.has_filter(key, v))
                    .map(|(_, v)| v.clone())
                    .collect()
            })
        }
    };
    // A facet locked by an embedding page is fixed, so it is not offered.
    if values.is_empty() || ctx.mode.is_locked(key) {
        return ().into_any();
    }
    let legend_id = format!("facet-{key}");
    let labelled_by = legend_id.clone();
    view! {
        <fieldset class="facet" data-facet=key.as_str() aria-labelledby=labelled_by>
            <legend id=legend_id>{move || facet_label(ctx.engine, key, ctx.lang.get())}</legend>
            <ul class="facet-values">
                <For each=shown key=|v| v.clone() let:value>
                    <FacetValue key=key value=value counts=counts />
                </For>
            </ul>
            {(total > FOLDED + 2).then(|| view! {
                <button type="button" class="link-button facet-more" aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { ctx.t().show_fewer_values.to_string() } else { (ctx.t().show_all_values)(total) }}
                </button>
            })}
        </fieldset>
    }
    .into_any()
}

#[component]
fn FacetValue(key: Facet, value: String, counts: Memo<Vec<(String, usize)>>) -> impl IntoView {
    let ctx = Ctx::get();
    let count = {
        let value = value.clone();
        move || counts.with(|c| c.iter().find(|(v, _)| *v == value).map_or(0, |(_, n)| *n))
    };
    let checked = {
        let value = value.clone();
        move || ctx.state.with(|s| s.has_filter(key, &value))
    };
    let disabled = {
        let (count, checked) = (count.clone(), checked.clone());
        move || count() == 0 && !checked()
    };
    let toggle = {
        let value = value.clone();
        move |_| ctx.state.update(|s| s.toggle_filter(key, &value))
    };
    let id = format!("f-{key}-{}", css_ident(&value));
    let label = {
        let value = value.clone();
        move || value_label(ctx.engine, key, &value, ctx.lang.get())
    };
    let zero = disabled.clone();
    view! {
        <li class="facet-value" class:zero=zero>
            <input type="checkbox" id=id.clone() value=value.clone() data-value=value.clone()
                prop:checked=checked disabled=disabled on:change=toggle />
            <label for=id>
                <span class="facet-label">{label}</span>
                <span class="facet-count">{count}</span>
            </label>
        </li>
    }
}
