//! The staff screen, opened from the kiosk's PIN pad: one [`StaffSection`] per concern — the
//! set-up check (`views/setup_check.rs`), booth leads (how many are stored, interest per seed,
//! export, clear after export) and leaving kiosk mode. A new concern is one more section in
//! [`StaffScreen`]. The kiosk's idle clock does not run while it is open.

use leptos::prelude::*;
use leptos::task::spawn_local;
use seed_core::Facet;

use crate::i18n::Strings;
use crate::kiosk::KioskSettings;
use crate::leads;
use crate::leads_store::{self, StoreError, Summary};
use crate::platform;
use crate::views::labels::value_label;
use crate::views::setup_check::SetupCheck;
use crate::views::widgets::tr;
use crate::views::Ctx;

/// The staff screen over a kiosk with these settings; `open` closes it, `leave` leaves kiosk
/// mode.
#[component]
pub fn StaffScreen(settings: KioskSettings, open: RwSignal<bool>, leave: fn()) -> impl IntoView {
    let ctx = Ctx::get();
    let close = move |_| open.set(false);
    platform::on_next_frame(|| {
        if let Some(h) = document().get_element_by_id("staff-title") {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(h).focus();
        }
    });
    view! {
        <div class="kiosk-backdrop">
            <div class="kiosk-dialog staff" role="dialog" aria-modal="true" aria-labelledby="staff-title">
                <h2 id="staff-title" tabindex="-1">{tr(ctx, |t| t.staff_heading)}</h2>
                <SetupCheck settings=settings />
                <StaffSection class="staff-leads" heading=|t| t.staff_leads_heading>
                    <LeadsSection />
                </StaffSection>
                <StaffSection class="staff-kiosk" heading=|t| t.staff_leave_heading>
                    <button type="button" class="button staff-leave" on:click=move |_| leave()>
                        {tr(ctx, |t| t.staff_leave)}
                    </button>
                </StaffSection>
                <button type="button" class="button kiosk-close staff-close" on:click=close>
                    {tr(ctx, |t| t.staff_close)}
                </button>
            </div>
        </div>
    }
}

/// One section of the staff screen: a heading and its content.
#[component]
pub fn StaffSection(
    class: &'static str,
    heading: fn(&'static Strings) -> &'static str,
    children: Children,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = format!("{class}-heading");
    let labelled_by = id.clone();
    view! {
        <section class=format!("staff-section {class}") aria-labelledby=labelled_by>
            <h3 id=id>{tr(ctx, heading)}</h3>
            {children()}
        </section>
    }
}

/// What the last staff action did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Done {
    Exported(usize, String),
    Cleared(usize),
    Failed(String),
}

/// Leads: the count, interest per seed, export, clear after export; or why there are none.
#[component]
fn LeadsSection() -> impl IntoView {
    let ctx = Ctx::get();
    let Some(key) = ctx.config.leads.public_key.clone() else {
        return view! { <p class="staff-no-key">{tr(ctx, |t| t.staff_no_key)}</p> }.into_any();
    };
    let key_state: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let summary: RwSignal<Option<Result<Summary, String>>> = RwSignal::new(None);
    let persisted: RwSignal<Option<bool>> = RwSignal::new(None);
    let exported: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let done: RwSignal<Option<Done>> = RwSignal::new(None);
    let full_since = RwSignal::new(platform::storage_get(leads::FULL_FLAG_KEY).ok().flatten());
    let refresh = move || {
        spawn_local(async move {
            let s = leads_store::summary().await.map_err(describe);
            let _ = summary.try_set(Some(s));
        })
    };
    refresh();
    spawn_local(async move {
        let k = leads_store::recipient(&key).await.map(|r| r.id).map_err(describe);
        let _ = key_state.try_set(Some(k));
        let p = leads_store::persist().await;
        let _ = persisted.try_set(p);
    });
    let export = move |_| {
        spawn_local(async move {
            match leads_store::all().await {
                Ok((ids, envelopes)) => {
                    let now = leads_store::now_iso();
                    let name = leads::export_name(&now);
                    match leads_store::download(&name, &leads::export_file(&now, &envelopes)) {
                        Ok(()) => {
                            let _ = done.try_set(Some(Done::Exported(ids.len(), name)));
                            let _ = exported.try_set(ids);
                        }
                        Err(e) => {
                            let _ = done.try_set(Some(Done::Failed(describe(e))));
                        }
                    }
                }
                Err(e) => {
                    let _ = done.try_set(Some(Done::Failed(describe(e))));
                }
            }
        })
    };
    let clear = move |_| {
        let ids = exported.get_untracked();
        spawn_local(async move {
            match leads_store::delete(&ids).await {
                Ok(()) => {
                    if let Some(s) =
                        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
                    {
                        let _ = s.remove_item(leads::FULL_FLAG_KEY);
                    }
                    let _ = full_since.try_set(None);
                    let _ = exported.try_set(Vec::new());
                    let _ = done.try_set(Some(Done::Cleared(ids.len())));
                }
                Err(e) => {
                    let _ = done.try_set(Some(Done::Failed(describe(e))));
                }
            }
            refresh();
        });
    };
    let count = move || summary.with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).map(|s| s.leads));
    let interest = move || {
        let l = ctx.lang.get();
        summary.with(|s| match s {
            Some(Ok(s)) if s.interest.is_empty() => view! { <p class="staff-interest-none">{l.t().staff_interest_none}</p> }.into_any(),
            Some(Ok(s)) => {
                let items = s.interest.iter().map(|(id, n)| {
                    let bundle = ctx.engine.bundle();
                    let seed = bundle.seed_index(id).map(|i| &bundle.seeds[i]);
                    let title = seed.map_or_else(|| id.clone(), |s| s.title(l.is_en()).to_string());
                    let institution = seed.map(|s| value_label(ctx.engine, Facet::Institution, s.institution(), l));
                    view! {
                        <li data-seed=id.clone()>
                            <span class="staff-interest-count">{*n}</span>
                            <span class="staff-interest-title">{title}</span>
                            {institution.map(|i| view! { <span class="staff-interest-institution">{i}</span> })}
                        </li>
                    }
                }).collect_view();
                view! { <ol class="staff-interest">{items}</ol> }.into_any()
            }
            Some(Err(why)) => view! { <p class="staff-error">{(l.t().staff_store_failed)(why)}</p> }.into_any(),
            None => ().into_any(),
        })
    };
    view! {
        <p class="staff-key">
            {move || key_state.get().map(|k| match k {
                Ok(id) => (ctx.t().staff_key_id)(&id),
                Err(why) => (ctx.t().staff_bad_key)(&why),
            })}
        </p>
        {move || full_since.get().map(|when| view! { <p class="staff-full" role="alert">{(ctx.t().staff_full)(&when)}</p> })}
        <p class="staff-count">{move || count().map(|n| (ctx.t().staff_leads_count)(n))}</p>
        <p class="staff-persisted">
            {move || persisted.get().map(|p| if p { ctx.t().staff_persisted } else { ctx.t().staff_not_persisted })}
        </p>
        <div class="staff-actions">
            <button type="button" class="button primary staff-export" on:click=export
                disabled=move || count().is_none_or(|n| n == 0)>
                {tr(ctx, |t| t.staff_export)}
            </button>
            <Show when=move || exported.with(|e| !e.is_empty())>
                <button type="button" class="button staff-clear" on:click=clear>
                    {move || (ctx.t().staff_clear)(exported.with(Vec::len))}
                </button>
            </Show>
        </div>
        <p class="staff-done" role="status">
            {move || done.get().map(|d| match d {
                Done::Exported(n, file) => (ctx.t().staff_exported)(n, &file),
                Done::Cleared(n) => (ctx.t().staff_cleared)(n),
                Done::Failed(why) => (ctx.t().staff_store_failed)(&why),
            })}
        </p>
        <h4 class="staff-interest-heading">{tr(ctx, |t| t.staff_interest_heading)}</h4>
        {interest}
    }
    .into_any()
}

fn describe(e: StoreError) -> String {
    match e {
        StoreError::Full => "QuotaExceededError".into(),
        StoreError::Failed(why) => why,
    }
}
