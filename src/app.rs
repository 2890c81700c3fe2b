//! The top-level component: starts the bundle and configuration downloads, shows progress,
//! then either the explorer or a bilingual error page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use seed_core::Engine;

use crate::bench;
use crate::config::Config;
use crate::load::{self, LoadError, Progress};
use crate::mode::Mode;
use crate::platform;
use crate::state::ViewState;
use crate::url;
use crate::url_codec::{self, Params};
use crate::views::{error_page::ErrorPage, explorer::Explorer, loading::Loading};

/// Where the bundle is fetched from unless `?bundle=` says otherwise.
const DEFAULT_BUNDLE: &str = "bundle.json";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (initial, params) = url_codec::decode(&url::current_query());
    // The catalogue, the settings and the deployment parameters live as long as the page:
    // they are leaked once here, so every view can hold them by plain reference.
    let params: &'static Params = Box::leak(Box::new(params));
    let bundle_url = params.bundle.clone().unwrap_or_else(|| DEFAULT_BUNDLE.to_string());
    let progress = RwSignal::new(Progress::default());
    let loaded: RwSignal<Option<Result<&'static Engine, LoadError>>> = RwSignal::new(None);
    if params.bench {
        bench::enable();
    }
    // The settings and the mode (which depends on them) are resolved once, when the config
    // has loaded, and fixed for the page's life (leaving kiosk mode reloads the page).
    let settings: RwSignal<Option<(&'static Config, &'static Mode)>> = RwSignal::new(None);
    {
        let initial = initial.clone();
        spawn_local(async move {
            let config = platform::load_config().await;
            let mode = Mode::resolve(params, &initial, &config);
            settings.set(Some((Box::leak(Box::new(config)), Box::leak(Box::new(mode)))));
        });
    }
    spawn_local(async move {
        let result = load::load(&bundle_url, move |p| progress.set(p)).await;
        bench::mark_ready();
        loaded.set(Some(result.map(|engine| &*Box::leak(Box::new(engine)))));
    });
    // Kiosk mode rebuilds the explorer from scratch for each visitor (see views/kiosk_shell.rs).
    let restarts = crate::views::provide_restarts();
    move || match (loaded.get(), settings.get()) {
        (Some(Err(error)), _) => view! { <ErrorPage error=error /> }.into_any(),
        (Some(Ok(engine)), Some((config, mode))) => {
            let initial = if restarts.get() == 0 { initial.clone() } else { ViewState::default() };
            view! { <Explorer engine=engine config=config mode=mode initial=initial params=params /> }
                .into_any()
        }
        _ => view! { <Loading progress=progress /> }.into_any(),
    }
}
