//! The loading screen: a progress bar in bytes of the bundle, in both languages because the
//! language preference is not known to be honoured until the app is up.

use leptos::prelude::*;

use crate::load::Progress;

/// Progress of the bundle download.
#[component]
pub fn Loading(progress: RwSignal<Progress>) -> impl IntoView {
    let kb = move || progress.get().received / 1024;
    let percent = move || {
        let p = progress.get();
        p.total.filter(|t| *t > 0).map(|t| (p.received * 100 / t).min(100))
    };
    view! {
        <main class="loading" aria-busy="true">
            <p class="loading-title">"シーズデータを読み込んでいます / Loading the seed catalogue"</p>
            <progress max="100" value=move || percent().map(|p| p.to_string()) aria-label="読み込み状況 / Loading progress"></progress>
            <p class="loading-bytes" role="status">
                {move || match (percent(), progress.get().total) {
                    (Some(p), Some(t)) => format!("{} / {} KB ({p}%)", kb(), t / 1024),
                    _ => format!("{} KB", kb()),
                }}
            </p>
        </main>
    }
}
