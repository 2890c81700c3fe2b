//! The page shown when the bundle cannot be used: what happened and what to do, in Japanese
//! and English side by side, with a reload button. Never a blank page.

use leptos::prelude::*;
use seed_core::BundleError;

use crate::load::LoadError;

/// Explains a [`LoadError`].
#[component]
pub fn ErrorPage(error: LoadError) -> impl IntoView {
    let (ja, en) = explain(&error);
    let detail = match &error {
        LoadError::Http { url, status } => format!("{url}: HTTP {status}"),
        LoadError::Network { url, detail } => format!("{url}: {detail}"),
        LoadError::Bundle { url, error } => format!("{url}: {error}"),
    };
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <main class="error-page" role="alert">
            <h1>"シーズデータを表示できません"<br /><span lang="en">"The seed catalogue cannot be shown"</span></h1>
            <p>{ja}</p>
            <p lang="en">{en}</p>
            <p class="error-detail"><code>{detail}</code></p>
            <button class="button" on:click=reload>"再読み込み / Reload"</button>
        </main>
    }
}

fn explain(error: &LoadError) -> (&'static str, &'static str) {
    match error {
        LoadError::Http { status: 404, .. } => (
            "シーズデータのファイルが見つかりません。公開作業が終わっていない可能性があります。管理者にお問い合わせください。",
            "The catalogue file was not found. It may not have been published yet; please contact the site's administrator.",
        ),
        LoadError::Http { .. } | LoadError::Network { .. } => (
            "シーズデータを読み込めませんでした。ネットワーク接続を確認して、再読み込みしてください。",
            "The catalogue could not be downloaded. Check the network connection and reload.",
        ),
        LoadError::Bundle { error: BundleError::UnsupportedVersion { .. }, .. } => (
            "このシーズデータは新しい形式で作られているため、このアプリでは読めません。アプリを更新してください。",
            "This catalogue was made in a newer format than this app can read. Please update the app.",
        ),
        LoadError::Bundle { error: BundleError::WrongFormat { .. }, .. } => (
            "指定されたファイルはシーズ・エクスプローラーのデータではありません。",
            "The file given is not a Seed Explorer catalogue.",
        ),
        LoadError::Bundle { .. } => (
            "シーズデータのファイルが壊れています。管理者にお問い合わせください。",
            "The catalogue file is damaged. Please contact the site's administrator.",
        ),
    }
}
