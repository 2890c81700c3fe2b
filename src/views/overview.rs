//! The overview: the current search at a glance as horizontal bar charts (seeds per field, per
//! stage, per institution), drawn as SVG. With no query or filter it charts the whole catalogue
//! (within an embed's scope); otherwise the seeds the search finds, and a scope line says which
//! search that is, with a way back to the whole. Each bar is a link that lists its seeds in
//! browse, with the bar's count.

use leptos::prelude::*;
use seed_core::{Facet, FacetCounts};

use crate::chart::{bars, Bar, Order};
use crate::i18n::Strings;
use crate::view::View;
use crate::views::labels::{facet_label, value_label};
use crate::views::widgets::{css_ident, nav, tr, ScopeLabel};
use crate::views::Ctx;

/// A chart's title in the current language.
type Title = fn(&Strings) -> &'static str;

/// The charts, in page order.
const CHARTS: [(Facet, Title, Order); 3] = [
    (Facet::Fields, |t| t.chart_fields, Order::Count),
    (Facet::Stage, |t| t.chart_stage, Order::Domain),
    (Facet::Institution, |t| t.chart_institution, Order::Count),
];

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    let ctx = Ctx::get();
    // The make-up of the current search's results (the whole catalogue when nothing is asked).
    let counts: Memo<Vec<FacetCounts>> =
        Memo::new(move |_| ctx.response.with(|r| ctx.engine.counts_among(r.match_seeds())));
    let seeds = move || ctx.response.with(|r| r.match_count());
    let searching = move || ctx.state.with(|s| !ctx.mode.at_start(s));
    let intro = move || {
        let t = ctx.t();
        if searching() {
            return view! {
                <span class="overview-matching">{(t.overview_matching)(seeds(), ctx.engine.len())}</span>
                <span class="overview-conditions">{conditions(&ctx)}</span>
                <a class="overview-all" href=ctx.href(&whole(&ctx)) on:click=nav(&ctx, move || whole(&ctx))>{t.overview_show_all}</a>
            }
            .into_any();
        }
        let institutions = counts.with(|c| {
            let f = c.iter().find(|f| f.key == Facet::Institution);
            f.map_or(0, |f| f.counts.iter().filter(|&&n| n > 0).count())
        });
        view! { <span>{(t.overview_intro)(seeds(), institutions)}</span>" — "<span>{t.overview_hint}</span> }
            .into_any()
    };
    let charts = move || {
        // A locked facet (an embed's institution) would chart one bar: it is left out.
        CHARTS
            .into_iter()
            .filter(|(key, _, _)| !ctx.mode.is_locked(*key))
            .map(|(key, title, order)| {
                let bars = counts
                    .with(|c| c.iter().find(|f| f.key == key).map(|f| bars(f, order)))
                    .unwrap_or_default();
                view! { <Chart key=key title=title bars=bars /> }
            })
            .collect_view()
    };
    view! {
        <main class="overview" id="main">
            <h1 id="main-heading" tabindex="-1">{tr(ctx, |t| t.overview_heading)}</h1>
            <ScopeLabel />
            <p class="overview-intro overview-scope" role="status">{intro}</p>
            <Show when=move || seeds() == 0>
                <p class="empty-title">{tr(ctx, |t| t.no_results_filters)}</p>
            </Show>
            <div class="charts">{charts}</div>
        </main>
    }
}

/// The overview of everything in scope: no query, no filter of the visitor's.
fn whole(ctx: &Ctx) -> crate::state::ViewState {
    ctx.state.with_untracked(|s| {
        let mut next = s.go(View::Overview);
        next.query.clear();
        next.filters.0.retain(|k, _| ctx.mode.is_locked(*k));
        next
    })
}

/// The current search in words: 「がん」 · 開発段階: 臨床, 非臨床.
fn conditions(ctx: &Ctx) -> String {
    let l = ctx.lang.get();
    ctx.state.with(|s| {
        let mut parts = Vec::new();
        let q = s.query.trim();
        if !q.is_empty() {
            parts.push((l.t().quoted)(q));
        }
        let chosen = ctx.mode.visitor_filters(s);
        for key in Facet::ALL {
            let values: Vec<String> = chosen
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| value_label(ctx.engine, key, v, l))
                .collect();
            if !values.is_empty() {
                parts.push(format!(
                    "{}: {}",
                    facet_label(ctx.engine, key, l),
                    values.join(l.t().list_separator)
                ));
            }
        }
        parts.join(" · ")
    })
}

/// One chart: a figure whose rows are links, each with its label, an SVG bar and the count.
#[component]
fn Chart(key: Facet, title: Title, bars: Vec<Bar>) -> impl IntoView {
    let ctx = Ctx::get();
    let heading_id = format!("chart-{key}");
    let rows = bars
        .into_iter()
        .map(|bar| {
            let value = bar.value.clone();
            let next = {
                let value = value.clone();
                move || ctx.state.with_untracked(|s| s.browse_with(key, &value))
            };
            let href = ctx.state.with_untracked(|s| ctx.href(&s.browse_with(key, &value)));
            let label = {
                let value = value.clone();
                move || value_label(ctx.engine, key, &value, ctx.lang.get())
            };
            let width = bar.svg_width();
            view! {
                <li>
                    <a class=format!("bar-row bar-{}", css_ident(&value)) href=href on:click=nav(&ctx, next) data-facet=key.as_str() data-value=value.clone()>
                        <span class="bar-label">{label}</span>
                        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                            <rect class="bar-track" x="0" y="0" width="100" height="10"></rect>
                            <rect class="bar-fill" x="0" y="0" width=width height="10"></rect>
                        </svg>
                        <span class="bar-count">{bar.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let labelled_by = heading_id.clone();
    view! {
        <figure class=format!("chart chart-{key}") aria-labelledby=labelled_by>
            <figcaption><h2 id=heading_id>{move || title(ctx.t())}</h2></figcaption>
            <ol class="bars">{rows}</ol>
        </figure>
    }
}
