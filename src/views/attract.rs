//! The kiosk's attract screen: shown when the kiosk starts and after every reset, it cycles
//! through the featured seeds (or the newest ones) every few seconds, in Japanese and English,
//! and invites a touch. Touching a seed opens it; touching anywhere else starts browsing.

use gloo_timers::callback::Interval;
use leptos::prelude::*;
use seed_core::{Engine, Facet, SearchRequest, Sort};

use crate::dom::keep_until_unmount;
use crate::i18n::Lang;
use crate::kiosk::{ATTRACT_CYCLE_MS, ATTRACT_NEWEST};
use crate::state::ViewState;
use crate::views::labels::value_label;
use crate::views::widgets::css_ident;
use crate::views::Ctx;

/// Characters of summary shown per seed.
const SUMMARY_CHARS: usize = 110;

/// The seeds to show: the configured ones that exist, else the newest.
pub fn attract_seeds(engine: &Engine, featured: &[String]) -> Vec<usize> {
    let configured: Vec<usize> =
        featured.iter().filter_map(|id| engine.bundle().seed_index(id)).collect();
    if !configured.is_empty() {
        return configured;
    }
    let newest = SearchRequest { sort: Sort::Newest, ..SearchRequest::default() };
    engine.search(&newest).hits.iter().take(ATTRACT_NEWEST).map(|h| h.seed).collect()
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
            let id = seed.id.clone();
            let open = move |e: leptos::ev::MouseEvent| {
                e.stop_propagation();
                ctx.state.set(ViewState { seed: Some(id.clone()), ..ViewState::default() });
                shown.set(false);
            };
            let summary: String = seed.summary_ja.chars().take(SUMMARY_CHARS).collect();
            let more = seed.summary_ja.chars().count() > SUMMARY_CHARS;
            let stage = |l: Lang| value_label(ctx.engine, Facet::Stage, &seed.stage, l);
            let institution =
                |l: Lang| value_label(ctx.engine, Facet::Institution, &seed.institution, l);
            Some(view! {
                <button type="button" class="attract-seed" data-seed=seed.id.clone() on:click=open>
                    <span class="attract-label">
                        <span lang="ja">{Lang::Ja.t().featured}</span>" / "<span lang="en">{Lang::En.t().featured}</span>
                    </span>
                    <span class="attract-institution">
                        <span lang="ja">{institution(Lang::Ja)}</span>
                        <span lang="en">{institution(Lang::En)}</span>
                    </span>
                    <span class="attract-title" lang="ja">{seed.title_ja.clone()}</span>
                    {seed.title_en.clone().map(|t| view! { <span class="attract-title-en" lang="en">{t}</span> })}
                    <span class=format!("stage stage-{}", css_ident(&seed.stage))>
                        {stage(Lang::Ja)}" / "{stage(Lang::En)}
                    </span>
                    <span class="attract-summary" lang="ja">{summary}{more.then_some("…")}</span>
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
                <button type="button" class="attract-cta" autofocus>
                    <span lang="ja">{Lang::Ja.t().kiosk_touch_to_explore}</span>
                    <span lang="en">{Lang::En.t().kiosk_touch_to_explore}</span>
                </button>
            </div>
        </div>
    }
}
