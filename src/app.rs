//! The top-level component: starts the bundle and configuration downloads, shows progress,
//! then either the explorer or a bilingual error page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use seed_core::{Engine, Scoped};

use crate::bench;
use crate::config::Config;
use crate::load::{self, LoadError, Progress};
use crate::mode::{Build, Mode};
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
    // A refused `bundle=` (another site, a scheme…) is `None` here: an error page, not a fetch.
    let bundle_path = match &params.bundle {
        None => Some(DEFAULT_BUNDLE),
        Some(Ok(path)) => Some(path.as_str()),
        Some(Err(_)) => None,
    };
    let progress = RwSignal::new(Progress::default());
    let loaded: RwSignal<Option<Result<&'static Engine, LoadError>>> = RwSignal::new(None);
    if params.bench {
        bench::enable();
    }
    // The settings and the mode (which depends on them) are resolved once, when the config
    // has loaded, and fixed for the page's life (leaving kiosk mode reloads the page). The
    // bundle downloads meanwhile; its body is read once the config has set the size limit.
    let settings: RwSignal<Option<(&'static Config, &'static Mode)>> = RwSignal::new(None);
    {
        let initial = initial.clone();
        spawn_local(async move {
            let source = load::start(bundle_path);
            let config: &'static Config = Box::leak(Box::new(platform::load_config().await));
            let mut mode = Mode::resolve(params, &initial, config);
            // The website build has no kiosk and no lead form: it hands such a page to the
            // booth build (boot.js usually loads that one straight away, from the URL).
            if mode.build(config) == Build::Booth && Build::CURRENT == Build::Website {
                if platform::reload_in_booth_build() {
                    return;
                }
                platform::warn(
                    "the booth build (booth/) did not start: no kiosk mode, no booth leads",
                );
                if mode.is_kiosk() {
                    mode = Mode::Standard;
                }
            }
            settings.set(Some((config, Box::leak(Box::new(mode)))));
            let result = match source {
                Ok(source) => {
                    load::load(source, config.max_bundle_bytes, move |p| progress.set(p)).await
                }
                Err(error) => Err(error),
            };
            let result = result.map(|engine| &*Box::leak(Box::new(engine)));
            loaded.set(Some(result.clone()));
            // A small catalogue is shown before its search index is finished: finish it now.
            if let Ok(engine) = result {
                load::finish_search(engine).await;
            }
            bench::mark_ready();
        });
    }
    // Kiosk mode rebuilds the explorer from scratch for each visitor (see views/kiosk_shell.rs).
    let restarts = crate::views::provide_restarts();
    // The catalogue as the mode shows it (an embed's locked facets are its scope), made once.
    let scoped: StoredValue<Option<&'static Scoped<'static>>> = StoredValue::new(None);
    move || match (loaded.get(), settings.get()) {
        (Some(Err(error)), _) => view! { <ErrorPage error=error /> }.into_any(),
        (Some(Ok(engine)), Some((config, mode))) => {
            let engine = scoped.get_value().unwrap_or_else(|| {
                let s: &'static Scoped = Box::leak(Box::new(engine.scoped(mode.locked_filters())));
                scoped.set_value(Some(s));
                s
            });
            let initial = if restarts.get() == 0 { initial.clone() } else { ViewState::default() };
            view! { <Explorer engine=engine config=config mode=mode initial=initial params=params /> }
                .into_any()
        }
        _ => view! { <Loading progress=progress /> }.into_any(),
    }
}
