//! One result card: title, institution, stage badge, field tags and the start of the summary.
//! The title is a real link to the seed, so it can be opened in a new tab or shared.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use seed_core::Engine;

use crate::i18n::Lang;
use crate::state::ViewState;
use crate::views::labels::value_label;

/// Characters of summary shown on a card.
const SNIPPET_CHARS: usize = 110;

/// A seed in the result list.
#[component]
pub fn Card(engine: Arc<Engine>, index: usize, state: RwSignal<ViewState>, lang: Memo<Lang>) -> impl IntoView {
    let seed = engine.bundle().seeds[index].clone();
    let id = seed.id.clone();
    let href = format!("?seed={}", form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>());
    let open = move |e: ev::MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        state.update(|s| s.seed = Some(id.clone()));
    };
    let view_seed = seed.clone();
    let eng = engine.clone();
    move || {
        let l = lang.get();
        let en = l.is_en();
        let s = &view_seed;
        let snippet: String = s.summary(en).chars().take(SNIPPET_CHARS).collect();
        let ellipsis = if s.summary(en).chars().count() > SNIPPET_CHARS { "…" } else { "" };
        let fields = s.fields.iter().map(|f| view! { <li class="tag">{value_label(&eng, "fields", f, l)}</li> }).collect_view();
        let ja_only = en && s.title_en.is_none();
        view! {
            <article class="card" data-seed=s.id.clone()>
                <h2 class="card-title">
                    <a href=href.clone() on:click=open.clone()>{s.title(en).to_string()}</a>
                    {ja_only.then(|| view! { <span class="ja-only">{l.t().japanese_only}</span> })}
                </h2>
                <p class="card-meta">
                    <span class="institution">{value_label(&eng, "institution", &s.institution, l)}</span>
                    <span class=format!("stage stage-{}", s.stage)>{value_label(&eng, "stage", &s.stage, l)}</span>
                </p>
                <p class="card-summary">{snippet}{ellipsis}</p>
                <ul class="tags" aria-label=l.t().fields>{fields}</ul>
            </article>
        }
    }
}
