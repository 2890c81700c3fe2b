//! The kiosk's attract screen: shown when the kiosk starts and after every reset, it fills the
//! screen (a 1080 × 1920 portrait display included) with a large featured seed that changes
//! every few seconds (the configured ones, or the newest), tiles of the fields with most seeds
//! and chips of popular keywords, in Japanese and English, and invites a touch. Touching the
//! seed opens it, a tile lists that field's seeds, a chip searches for its word, anywhere else
//! starts browsing — no keyboard needed. The same chips lead the kiosk's empty search.

use gloo_timers::callback::Interval;
use leptos::prelude::*;
use seed_core::{Facet, Scoped, SearchRequest, Sort};

use crate::dom::keep_until_unmount;
use crate::i18n::Lang;
use crate::invisible::reveal;
use crate::kiosk::{
    popular_keywords, top_counts, ATTRACT_CYCLE_MS, ATTRACT_NEWEST, FIELD_TILES, KEYWORD_CHIPS,
};
use crate::mode::Mode;
use crate::state::ViewState;
use crate::views::labels::value_label;
use crate::views::widgets::{bilingual, css_ident};
use crate::views::Ctx;

/// Characters of summary shown per seed.
const SUMMARY_CHARS: usize = 110;

/// The seeds to show: the configured ones that exist, else the newest.
pub fn attract_seeds(engine: &Scoped, featured: &[String]) -> Vec<usize> {
    let configured: Vec<usize> = featured.iter().filter_map(|id| engine.seed_index(id)).collect();
    if !configured.is_empty() {
        return configured;
    }
    let newest = SearchRequest { sort: Sort::Newest, ..SearchRequest::default() };
    engine.search(&newest).hits.first_n(ATTRACT_NEWEST).iter().map(|h| h.seed).collect()
}

/// The full-screen attract layer; `shown` is set to false when a visitor touches it.
#[component]
pub fn Attract(featured: Vec<String>, shown: RwSignal<bool>) -> impl IntoView {
    let ctx = Ctx::get();
    let seeds = attract_seeds(ctx.engine, &featured);
    let count = seeds.len();
    let current = RwSignal::new(0usize);
    if count > 1 {
        keep_until_unmount(Interval::new(ATTRACT_CYCLE_MS, move || {
            current.update(|i| *i = (*i + 1) % count)
        }));
    }
    let explore = move |_| shown.set(false);
    let site = |l: Lang| ctx.config.site_title(l).unwrap_or(l.t().site_title).to_string();
    let (site_ja, site_en) = (site(Lang::Ja), site(Lang::En));
    let slide = {
        let seeds = seeds.clone();
        move || {
            let index = *seeds.get(current.get())?;
            let seed = ctx.engine.bundle().seeds[index].clone();
            let id = seed.id().to_string();
            let open = move |e: leptos::ev::MouseEvent| {
                e.stop_propagation();
                ctx.state.set(ViewState { seed: Some(id.clone()), ..ViewState::default() });
                shown.set(false);
            };
            let summary: String = seed.summary_ja().chars().take(SUMMARY_CHARS).collect();
            let more = seed.summary_ja().chars().count() > SUMMARY_CHARS;
            let stage = |l: Lang| value_label(ctx.engine, Facet::Stage, seed.stage(), l);
            let institution =
                |l: Lang| value_label(ctx.engine, Facet::Institution, seed.institution(), l);
            Some(view! {
                <button type="button" class="attract-seed" data-seed=seed.id().to_string() on:click=open>
                    <span class="attract-label">
                        <span lang="ja">{Lang::Ja.t().featured}</span>" / "<span lang="en">{Lang::En.t().featured}</span>
                    </span>
                    <span class="attract-institution">
                        <span lang="ja">{institution(Lang::Ja)}</span>
                        <span lang="en">{institution(Lang::En)}</span>
                    </span>
                    <span class="attract-title" lang="ja">{reveal(seed.title_ja())}</span>
                    {seed.title_en().map(|t| view! { <span class="attract-title-en" lang="en">{reveal(t)}</span> })}
                    <span class=format!("stage stage-{}", css_ident(seed.stage()))>
                        {stage(Lang::Ja)}" / "{stage(Lang::En)}
                    </span>
                    <span class="attract-summary" lang="ja">{reveal(&summary)}{more.then_some("…")}</span>
                    <span class="attract-open">
                        <span lang="ja">{Lang::Ja.t().kiosk_open_seed}</span>" / "<span lang="en">{Lang::En.t().kiosk_open_seed}</span>
                    </span>
                </button>
            })
        }
    };
    let dots = move || {
        (count > 1).then(|| {
            (0..count)
                .map(|i| view! { <span class="attract-dot" class:on=move || current.get() == i></span> })
                .collect_view()
        })
    };
    view! {
        <div class="attract" role="dialog" aria-modal="true" aria-labelledby="attract-title" on:click=explore>
            <div class="attract-inner">
                <h1 id="attract-title" class="attract-site">
                    <span lang="ja">{site_ja}</span>
                    <span lang="en" class="attract-site-en">{site_en}</span>
                </h1>
                {slide}
                <p class="attract-dots" aria-hidden="true">{dots}</p>
                <FieldTiles shown=shown />
                <section class="attract-keywords" aria-labelledby="attract-keywords-title">
                    <h2 id="attract-keywords-title" class="attract-heading">{bilingual(|t| t.kiosk_keywords)}</h2>
                    {keyword_chips(ctx, Some(shown))}
                </section>
                <button type="button" class="attract-cta" autofocus>
                    <span lang="ja">{Lang::Ja.t().kiosk_touch_to_explore}</span>
                    <span lang="en">{Lang::En.t().kiosk_touch_to_explore}</span>
                </button>
            </div>
        </div>
    }
}

/// The fields with most seeds as large tiles; a tap lists that field's seeds.
#[component]
fn FieldTiles(shown: RwSignal<bool>) -> impl IntoView {
    let ctx = Ctx::get();
    let facets = ctx.engine.search(&SearchRequest::default()).facets;
    let mut fields: Vec<(String, usize)> = facets
        .iter()
        .find(|f| f.key == Facet::Fields)
        .map(|f| f.iter().map(|(v, n)| (v.into(), n)).collect())
        .unwrap_or_default();
    // A tile of seeds with no field given (未設定) invites no one.
    fields.retain(|(v, n)| *n > 0 && v != seed_core::UNSET);
    // Most seeds first, the taxonomy's order among equals.
    let tiles = top_counts(fields, FIELD_TILES)
        .into_iter()
        .map(|(value, n)| {
            let label = |l: Lang| value_label(ctx.engine, Facet::Fields, &value, l);
            let (ja, en) = (label(Lang::Ja), label(Lang::En));
            let pick = {
                let value = value.clone();
                move |e: leptos::ev::MouseEvent| {
                    e.stop_propagation();
                    let mut next = ViewState::default();
                    next.filters.insert(Facet::Fields, &value);
                    ctx.state.set(next);
                    shown.set(false);
                }
            };
            view! {
                <li>
                    <button type="button" class="attract-tile" data-value=value on:click=pick>
                        <span class="tile-ja" lang="ja">{ja}</span>
                        <span class="tile-en" lang="en">{en}</span>
                        <span class="tile-count">{n}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="attract-fields" aria-labelledby="attract-fields-title">
            <h2 id="attract-fields-title" class="attract-heading">{bilingual(|t| t.kiosk_fields)}</h2>
            <ul class="attract-tiles">{tiles}</ul>
        </section>
    }
}

/// The kiosk's search words: `kiosk.keywords` from the config, else the keywords most seeds
/// in the catalogue carry.
pub fn kiosk_keywords(ctx: &Ctx) -> Vec<String> {
    let Mode::Kiosk(settings) = ctx.mode else { return Vec::new() };
    if !settings.keywords.is_empty() {
        return settings.keywords.iter().take(KEYWORD_CHIPS).cloned().collect();
    }
    let engine = ctx.engine;
    let seeds = engine.bundle().seeds.iter().enumerate();
    popular_keywords(seeds.filter(|(i, _)| engine.contains(*i)).map(|(_, s)| s), KEYWORD_CHIPS)
}

/// On a kiosk's empty search, the attract screen's keyword chips: a visitor without a
/// keyboard taps one to search.
#[component]
pub fn KioskKeywords() -> impl IntoView {
    let ctx = Ctx::get();
    if !ctx.mode.is_kiosk() {
        return ().into_any();
    }
    let start = move || ctx.state.with(|s| ctx.mode.at_start(s));
    view! {
        <Show when=start>
            <section class="kiosk-keywords" aria-labelledby="kiosk-keywords-heading">
                <h2 id="kiosk-keywords-heading">{crate::views::widgets::tr(ctx, |t| t.kiosk_keywords)}</h2>
                {keyword_chips(ctx, None)}
            </section>
        </Show>
    }
    .into_any()
}

/// The kiosk's search words as chips; a tap searches for the word (and closes the attract
/// screen, when `shown` is given).
pub fn keyword_chips(ctx: Ctx, shown: Option<RwSignal<bool>>) -> impl IntoView {
    let chips = kiosk_keywords(&ctx)
        .into_iter()
        .map(|word| {
            let pick = {
                let word = word.clone();
                move |e: leptos::ev::MouseEvent| {
                    e.stop_propagation();
                    let lang = ctx.state.with_untracked(|s| s.lang);
                    ctx.state.set(ViewState { query: word.clone(), lang, ..ViewState::default() });
                    if let Some(shown) = shown {
                        shown.set(false);
                    }
                }
            };
            let label = word.clone();
            view! {
                <li><button type="button" class="keyword-chip" data-keyword=word on:click=pick>{label}</button></li>
            }
        })
        .collect_view();
    view! { <ul class="keyword-chips">{chips}</ul> }
}
