//! The kiosk's staff screen, opened by the staff PIN: the set-up check (a section of its own,
//! `views/setup_check.rs`, which a fuller staff screen can host too), then back to the kiosk or
//! out of kiosk mode. The kiosk's idle clock does not run while it is open.

use leptos::prelude::*;

use crate::kiosk::KioskSettings;
use crate::views::setup_check::SetupCheck;
use crate::views::widgets::tr;
use crate::views::Ctx;

/// The staff screen over the kiosk; `open` closes it, `leave` leaves kiosk mode.
#[component]
pub fn KioskStaff(
    settings: KioskSettings,
    open: RwSignal<bool>,
    leave: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let ctx = Ctx::get();
    view! {
        <div class="kiosk-backdrop kiosk-staff-backdrop">
            <div class="kiosk-dialog kiosk-staff" role="dialog" aria-modal="true" aria-labelledby="kiosk-staff-title">
                <h2 id="kiosk-staff-title">{tr(ctx, |t| t.staff_title)}</h2>
                <SetupCheck settings=settings />
                <div class="staff-actions">
                    <button type="button" class="button staff-back" on:click=move |_| open.set(false)>
                        {tr(ctx, |t| t.staff_back)}
                    </button>
                    <button type="button" class="button primary staff-leave" on:click=move |_| leave()>
                        {tr(ctx, |t| t.staff_leave)}
                    </button>
                </div>
            </div>
        </div>
    }
}
