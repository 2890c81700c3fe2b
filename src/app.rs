//! The top-level component: starts the bundle download, shows progress, then either the
//! explorer or a bilingual error page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use seed_core::Engine;

use crate::load::{self, LoadError, Progress};
use crate::state::ViewState;
use crate::url;
use crate::views::{error_page::ErrorPage, explorer::Explorer, loading::Loading};

/// Where the bundle is fetched from unless `?bundle=` says otherwise.
const DEFAULT_BUNDLE: &str = "bundle.json";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (initial, extra) = ViewState::from_query(&url::current_query());
    let bundle_url = extra.get("bundle").cloned().unwrap_or_else(|| DEFAULT_BUNDLE.to_string());
    let progress = RwSignal::new(Progress::default());
    let loaded: RwSignal<Option<Result<Arc<Engine>, LoadError>>> = RwSignal::new(None);
    spawn_local(async move {
        let result = load::load(&bundle_url, move |p| progress.set(p)).await;
        loaded.set(Some(result.map(Arc::new)));
    });
    move || match loaded.get() {
        None => view! { <Loading progress=progress /> }.into_any(),
        Some(Err(error)) => view! { <ErrorPage error=error /> }.into_any(),
        Some(Ok(engine)) => {
            view! { <Explorer engine=engine initial=initial.clone() extra=extra.clone() /> }.into_any()
        }
    }
}
