//! The kiosk's set-up check as a section any staff screen can host: one line per finding of
//! [`crate::setup_check`] — where the QR codes lead, featured seeds, idle time, the catalogue,
//! storage left, the PIN — each with its status and, when something needs doing, the fix; then
//! a preview of what the QR codes on seed pages and shortlists encode (drawn only when a phone
//! could open it).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Strings;
use crate::kiosk::{KioskSettings, ATTRACT_NEWEST};
use crate::pin::DEFAULT_PIN;
use crate::platform;
use crate::setup_check::{check, Finding, Inputs, PublicUrl, Status};
use crate::share::{self, reach, Reach};
use crate::views::widgets::{tr, QrCode};
use crate::views::Ctx;

/// Bytes in the megabytes the storage line shows.
const MB: f64 = 1e6;

/// The set-up check of a kiosk with these settings.
#[component]
pub fn SetupCheck(settings: KioskSettings) -> impl IntoView {
    let ctx = Ctx::get();
    let featured = settings.featured.clone();
    let free: RwSignal<Option<f64>> = RwSignal::new(None);
    spawn_local(async move { free.set(platform::storage_free().await) });
    let findings = move || {
        let engine = ctx.engine;
        let known = |id: &str| engine.seed_index(id).is_some();
        let seeds = engine.bundle().seeds.iter().enumerate();
        let newest = seeds.filter(|(i, _)| engine.contains(*i)).map(|(_, s)| s.updated()).max();
        let page = platform::location_href();
        check(&Inputs {
            public_base_url: ctx.config.public_base_url.as_deref(),
            page_url: &page,
            featured: &settings.featured,
            known: &known,
            idle: (
                settings.clock.idle_after_ms / 1000,
                settings.clock.warn_for_ms / 1000,
                settings.idle_from_url,
            ),
            seeds: engine.len(),
            newest: newest.map(str::to_string),
            free_storage: free.get(),
            default_pin: settings.pin.as_deref() == Ok(DEFAULT_PIN),
        })
    };
    let lines = move || {
        let t = ctx.t();
        findings()
            .into_iter()
            .map(|f| {
                let status = f.status();
                let (title, detail, fix) = describe(&f, t);
                let mark = match status {
                    Status::Warn => "!",
                    Status::Info => "i",
                    Status::Ok => "✓",
                };
                view! {
                    <li class=format!("check check-{}", status.code()) data-check=f.code() data-status=status.code()>
                        <span class="check-mark" aria-hidden="true">{mark}</span>
                        <div class="check-body">
                            <p class="check-title">{title}</p>
                            <p class="check-detail">{detail}</p>
                            {fix.map(|x| view! { <p class="check-fix"><strong>{t.setup_fix}</strong>{x}</p> })}
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="staff-section setup-check" aria-labelledby="setup-check-title">
            <h3 id="setup-check-title">{tr(ctx, |t| t.setup_title)}</h3>
            <ul class="checks">{lines}</ul>
            <QrPreview featured=featured />
        </section>
    }
}

/// Title, detail and fix of a finding in the current language.
fn describe(f: &Finding, t: &'static Strings) -> (&'static str, String, Option<&'static str>) {
    match f {
        Finding::PublicUrl(url) => {
            let (detail, fix) = match url {
                PublicUrl::Set(u) => ((t.check_qr_public)(u), None),
                PublicUrl::SetLocal(u) => ((t.check_qr_set_local)(u), Some(t.fix_public_url)),
                PublicUrl::FromPage(u) => ((t.check_qr_page)(u), Some(t.fix_public_url_confirm)),
                PublicUrl::Local(u) => ((t.check_qr_local)(u), Some(t.fix_public_url)),
                PublicUrl::File => (t.check_qr_file.to_string(), Some(t.fix_public_url)),
            };
            (t.check_public_url, detail, fix)
        }
        Finding::Featured { configured, missing } => {
            let (detail, fix) = if !missing.is_empty() {
                ((t.check_featured_missing)(&missing.join(", ")), Some(t.fix_featured))
            } else if *configured == 0 {
                ((t.check_featured_none)(ATTRACT_NEWEST), Some(t.fix_featured_none))
            } else {
                ((t.check_featured_ok)(*configured), None)
            };
            (t.check_featured, detail, fix)
        }
        Finding::Idle { seconds, countdown, from_url } => {
            let mut detail = (t.check_idle)(*seconds, *countdown);
            if *from_url {
                detail.push_str(t.check_idle_url);
            }
            let fix = (f.status() == Status::Warn).then_some(t.fix_idle);
            (t.check_idle_title, detail, fix)
        }
        Finding::Catalogue { seeds, newest } => {
            let detail = (t.check_catalogue)(*seeds, newest.as_deref().unwrap_or("—"));
            (t.check_catalogue_title, detail, (*seeds == 0).then_some(t.fix_catalogue))
        }
        Finding::Storage { free } => {
            let detail = match free {
                Some(b) => (t.check_storage)((b / MB).floor() as u64),
                None => t.check_storage_unknown.to_string(),
            };
            (t.check_storage_title, detail, (f.status() == Status::Warn).then_some(t.fix_storage))
        }
        Finding::DefaultPin => (t.check_pin, t.check_pin_default.to_string(), Some(t.fix_pin)),
    }
}

/// What the QR codes encode: the link of a seed page (drawn as the code itself when a phone
/// could open it) and of a shortlist.
#[component]
fn QrPreview(featured: Vec<String>) -> impl IntoView {
    let ctx = Ctx::get();
    let example = featured
        .iter()
        .find_map(|id| ctx.engine.seed_index(id))
        .or_else(|| (0..ctx.engine.bundle().seeds.len()).find(|&i| ctx.engine.contains(i)));
    let Some(index) = example else { return ().into_any() };
    let id = ctx.engine.bundle().seeds[index].id().to_string();
    let seed_url = ctx.public_seed_url(&id);
    let base = share::base(ctx.config.public_base_url.as_deref(), &platform::location_href());
    let list_url = share::shortlist_url(&base, &[id], None, &share::shared_params(ctx.params));
    let reachable = reach(&seed_url) == Reach::Public;
    view! {
        <section class="qr-preview" aria-labelledby="qr-preview-title">
            <h3 id="qr-preview-title">{tr(ctx, |t| t.qr_preview_title)}</h3>
            <dl class="qr-preview-links">
                <dt>{tr(ctx, |t| t.qr_preview_seed)}</dt>
                <dd class="qr-preview-url" data-kind="seed">{seed_url.clone()}</dd>
                <dt>{tr(ctx, |t| t.qr_preview_list)}</dt>
                <dd class="qr-preview-url" data-kind="shortlist">{list_url}</dd>
            </dl>
            {if reachable {
                view! { <QrCode url=seed_url caption=ctx.t().qr_seed label=ctx.t().qr_label /> }.into_any()
            } else {
                view! { <p class="qr-preview-none">{tr(ctx, |t| t.qr_preview_none)}</p> }.into_any()
            }}
        </section>
    }
    .into_any()
}
