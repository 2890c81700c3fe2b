//! The page shown when the bundle cannot be used: what happened and what to do, in Japanese
//! and English side by side, with a reload button. Never a blank page, and never the text of
//! the address (`bundle=`): a crafted link must not put its words on the site's own page.

use leptos::prelude::*;
use seed_core::BundleError;

use crate::download::megabytes;
use crate::i18n::{Lang, Strings};
use crate::load::LoadError;

/// Explains a [`LoadError`].
#[component]
pub fn ErrorPage(error: LoadError) -> impl IntoView {
    let (ja, en) = (explain(&error, Lang::Ja.t()), explain(&error, Lang::En.t()));
    let detail = match &error {
        LoadError::Foreign | LoadError::TooLarge { .. } => None,
        LoadError::Http { status } => Some(format!("HTTP {status}")),
        LoadError::Network { detail } => Some(detail.clone()),
        LoadError::Bundle { error } => Some(error.to_string()),
    };
    let both = |pick: fn(&'static Strings) -> &'static str| {
        format!("{} / {}", pick(Lang::Ja.t()), pick(Lang::En.t()))
    };
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    // The page's own address without any parameter: the site's default catalogue.
    let site = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let action = if error == LoadError::Foreign {
        view! { <a class="button" href=site>{both(|t| t.error_open_site)}</a> }.into_any()
    } else {
        view! { <button class="button" on:click=reload>{both(|t| t.error_reload)}</button> }
            .into_any()
    };
    view! {
        <main class="error-page" role="alert">
            <h1>{Lang::Ja.t().error_heading}<br /><span lang="en">{Lang::En.t().error_heading}</span></h1>
            <p>{ja}</p>
            <p lang="en">{en}</p>
            {detail.map(|d| view! { <p class="error-detail"><code>{d}</code></p> })}
            {action}
        </main>
    }
}

fn explain(error: &LoadError, t: &'static Strings) -> String {
    match error {
        LoadError::Foreign => t.error_foreign.into(),
        LoadError::Http { status: 404, .. } => t.error_missing.into(),
        LoadError::Http { .. } | LoadError::Network { .. } => t.error_network.into(),
        LoadError::TooLarge { limit } => (t.error_too_large)(&megabytes(*limit)),
        LoadError::Bundle { error: BundleError::UnsupportedVersion { .. } } => t.error_newer.into(),
        LoadError::Bundle { error: BundleError::WrongFormat { .. } } => t.error_not_bundle.into(),
        LoadError::Bundle { .. } => t.error_damaged.into(),
    }
}
