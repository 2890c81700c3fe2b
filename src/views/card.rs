//! One result card: highlighted title, institution, stage badge, field tags, a snippet of the
//! summary around the first match and the shortlist toggle. The title is a real link to the
//! seed, so it can be opened in a new tab or shared.

use leptos::prelude::*;
use seed_core::Facet;

use crate::highlight::segments;
use crate::views::labels::value_label;
use crate::views::widgets::{highlighted, seed_link, stage_badge, ShortlistToggle};
use crate::views::Ctx;

/// A seed in a list. `terms` (needs matching) are shown as "matched terms" chips.
#[component]
pub fn Card(
    index: usize,
    #[prop(optional)] terms: Vec<String>,
    #[prop(default = 2)] level: u8,
) -> impl IntoView {
    let ctx = Ctx::get();
    let seed = &ctx.engine.bundle().seeds[index];
    let id = seed.id();
    let (open_href, open) = seed_link(&ctx, id);
    // The highlighted title and snippet. A keystroke recomputes them, but the card's text
    // changes only where they differ: a card kept from the previous results is not rebuilt.
    let marked = {
        let terms = terms.join(" ");
        Memo::new(move |_| {
            let en = ctx.lang.get().is_en();
            // Needs matches highlight the terms that matched; search results the query.
            let hl = if terms.is_empty() {
                ctx.prepared.with(|p| ctx.engine.engine().highlight(index, p, en))
            } else {
                ctx.engine.engine().highlight(index, terms.as_str(), en)
            };
            (segments(&hl.title.0, &hl.title.1), segments(&hl.snippet.0, &hl.snippet.1))
        })
    };
    let title = move || marked.with(|m| highlighted(m.0.clone()));
    let snippet = move || marked.with(|m| highlighted(m.1.clone()));
    let body = move || {
        let l = ctx.lang.get();
        let t = l.t();
        let en = l.is_en();
        let ja_only = en && seed.title_en().is_none();
        let text_lang = if en && !ja_only { "en" } else { "ja" };
        let matched = (!terms.is_empty()).then(|| {
            view! {
                <div class="matched">
                    <span class="matched-label">{t.matched_terms}</span>
                    <ul class="matched-terms">
                        {terms.iter().map(|m| view! { <li><mark>{m.clone()}</mark></li> }).collect_view()}
                    </ul>
                </div>
            }
        });
        let heading = view! {
            {match ctx.mode.seed_link_target() {
                // Embed with `links=top|blank`: the seed opens outside the iframe.
                Some(target) => view! { <a href=ctx.public_seed_url(id) target=target rel="noopener">{title}</a> }.into_any(),
                None => view! { <a href=open_href.clone() on:click=open.clone()>{title}</a> }.into_any(),
            }}
            {ja_only.then(|| view! { <span class="ja-only" lang=l.code()>{t.japanese_only}</span> })}
        };
        let heading = if level == 3 {
            view! { <h3 class="card-title" lang=text_lang>{heading}</h3> }.into_any()
        } else {
            view! { <h2 class="card-title" lang=text_lang>{heading}</h2> }.into_any()
        };
        view! {
            {heading}
            <p class="card-meta">
                <span class="institution">{value_label(ctx.engine, Facet::Institution, seed.institution(), l)}</span>
                {stage_badge(&ctx, seed.stage())}
            </p>
            <p class="card-summary" lang=if en && seed.summary_en().is_some() { "en" } else { "ja" }>{snippet}</p>
            {matched}
        }
    };
    let tags = move || {
        let l = ctx.lang.get();
        let fields = seed
            .fields()
            .map(|f| view! { <li class="tag">{value_label(ctx.engine, Facet::Fields, f, l)}</li> })
            .collect_view();
        view! { <ul class="tags" aria-label=l.t().fields>{fields}</ul> }
    };
    view! {
        <article class="card" data-seed=id>
            {body}
            <div class="card-foot">
                {tags}
                <ShortlistToggle id=id.to_string() label_for=seed.title_ja().to_string() />
            </div>
        </article>
    }
}
