//! The overview: the catalogue at a glance as horizontal bar charts (seeds per field, per stage,
//! per institution), drawn as SVG. Each bar is a link that lists its seeds in browse.

use leptos::prelude::*;
use seed_core::{Facet, SearchRequest};

use crate::chart::{bars, Bar, Order};
use crate::i18n::Strings;
use crate::views::labels::value_label;
use crate::views::widgets::{css_ident, nav, tr};
use crate::views::Ctx;

/// A chart's title in the current language.
type Title = fn(&Strings) -> &'static str;

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    let ctx = Ctx::get();
    let facets = ctx.engine.search(&SearchRequest::default()).facets;
    let counts = |key: Facet| {
        facets.iter().find(|f| f.key == key).map(|f| f.counts.clone()).unwrap_or_default()
    };
    let seeds = ctx.engine.bundle().seeds.len();
    let institutions = counts(Facet::Institution).iter().filter(|(_, n)| *n > 0).count();
    let charts: [(Facet, Title, Vec<Bar>); 3] = [
        (Facet::Fields, |t| t.chart_fields, bars(&counts(Facet::Fields), Order::Count)),
        (Facet::Stage, |t| t.chart_stage, bars(&counts(Facet::Stage), Order::Domain)),
        (
            Facet::Institution,
            |t| t.chart_institution,
            bars(&counts(Facet::Institution), Order::Count),
        ),
    ];
    view! {
        <main class="overview" id="main">
            <h1 id="main-heading" tabindex="-1">{tr(ctx, |t| t.overview_heading)}</h1>
            <p class="overview-intro">{move || (ctx.t().overview_intro)(seeds, institutions)}" — "{tr(ctx, |t| t.overview_hint)}</p>
            <div class="charts">
                {charts.into_iter().map(|(key, title, bars)| view! { <Chart key=key title=title bars=bars /> }).collect_view()}
            </div>
        </main>
    }
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
                move || ctx.state.with_untracked(|s| s.browse_only(key, &value))
            };
            let href = ctx.state.with_untracked(|s| ctx.href(&s.browse_only(key, &value)));
            let label = {
                let value = value.clone();
                move || value_label(ctx.engine, key, &value, ctx.lang.get())
            };
            let width = format!("{:.1}", bar.percent.max(0.5));
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
