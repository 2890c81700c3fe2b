//! The loading screen: a progress bar in bytes of the bundle as the app receives them
//! (decompressed; a total only when the server's length counts the same bytes), then in
//! percent of the seeds read and indexed, in both languages because the language preference
//! is not known to be honoured until the app is up.

use leptos::prelude::*;

use crate::download::shown_total;
use crate::load::Progress;

/// Progress of the bundle download and of preparing the search.
#[component]
pub fn Loading(progress: RwSignal<Progress>) -> impl IntoView {
    let percent = move || match progress.get() {
        Progress::Downloading { received, total } => {
            shown_total(received, total).map(|t| (received * 100 / t).min(100))
        }
        Progress::Preparing(p) => Some(u64::from(p)),
    };
    let status = move || match (progress.get(), percent()) {
        (Progress::Preparing(p), _) => format!("検索の準備をしています / Preparing search ({p}%)"),
        (Progress::Downloading { received, total }, Some(p)) => {
            let t = shown_total(received, total).unwrap_or(received);
            format!("{} / {} KB ({p}%)", received / 1024, t / 1024)
        }
        (Progress::Downloading { received, .. }, _) => format!("{} KB", received / 1024),
    };
    view! {
        <main class="loading" aria-busy="true">
            <p class="loading-title">"シーズデータを読み込んでいます / Loading the seed catalogue"</p>
            <progress max="100" value=move || percent().map(|p| p.to_string()) aria-label="読み込み状況 / Loading progress"></progress>
            <p class="loading-bytes" role="status">{status}</p>
        </main>
    }
}
