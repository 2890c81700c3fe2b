//! Kiosk mode on the page: marks `<html class="kiosk">` (big touch targets, no text
//! selection, no zoom — see style.css), watches for touches, shows the "Still there?"
//! countdown and resets the kiosk for the next visitor, shows the attract screen, turns any
//! link that would leave the kiosk into a QR code, and opens the staff PIN pad on five quick
//! taps in the top-left corner. The timing rules are in [`crate::kiosk`]; this file only
//! wires events and timers, all removed again when the shell unmounts.

use gloo_timers::callback::Interval;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, KeyboardEvent, MouseEvent, WheelEvent};

use crate::dom::{hold_root_class, keep_until_unmount, Listener};
use crate::i18n::Lang;
use crate::kiosk::{self, CornerTaps, KioskSettings, Phase, PinEntry, PinResult};
use crate::platform::{self, now_ms};
use crate::qr::{Qr, QUIET};
use crate::shortlist::{Shortlist, STORAGE_KEY};
use crate::state::ViewState;
use crate::url;
use crate::views::attract::Attract;
use crate::views::staff::StaffScreen;
use crate::views::{Ctx, Restarts};

/// How often the idle clock is looked at, in milliseconds.
const TICK_MS: u32 = 250;

/// The kiosk layer over the explorer.
#[component]
pub fn KioskShell(settings: KioskSettings) -> impl IntoView {
    let ctx = Ctx::get();
    let clock = settings.clock;
    // A fresh kiosk (or one just reset) starts on the attract screen; a link to a seed or a
    // search opens that directly.
    let attract = RwSignal::new(ctx.state.with_untracked(|s| *s == ViewState::default()));
    let phase = RwSignal::new(Phase::Active);
    let pin_open = RwSignal::new(false);
    let staff_open = RwSignal::new(false);
    let qr_url: RwSignal<Option<String>> = RwSignal::new(None);
    let last_activity = StoredValue::new(now_ms());
    let taps = StoredValue::new(CornerTaps::default());
    let restarts = use_context::<Restarts>();
    hold_root_class("kiosk");

    let reset = move || reset_for_next_visitor(&ctx, restarts, attract, pin_open, qr_url);
    // The countdown dialog closes on its own click, not on the pointer-down before it, so
    // the touch that dismisses it never lands on what is underneath.
    let dialog = RwSignal::new(false);
    let tick = move || {
        let now = now_ms();
        if attract.get_untracked() {
            last_activity.set_value(now);
            dialog.set(false);
            phase.set(Phase::Active);
            return;
        }
        let next = clock.phase(now, last_activity.get_value());
        match next {
            Phase::Warning { .. } if !dialog.get_untracked() => dialog.set(true),
            Phase::Active if dialog.get_untracked() && now - last_activity.get_value() > 600.0 => {
                dialog.set(false)
            }
            _ => {}
        }
        if next != phase.get_untracked() {
            phase.set(next);
            if next == Phase::Expired {
                reset();
            }
        }
    };
    let seconds = Memo::new(move |previous: Option<&u32>| match phase.get() {
        Phase::Warning { seconds_left } => seconds_left,
        _ => previous.copied().unwrap_or(0),
    });
    let interval = Interval::new(TICK_MS, tick);
    let listeners = page_listeners(last_activity, taps, pin_open, qr_url);
    keep_until_unmount((interval, listeners));

    let keep_going = move |_| {
        last_activity.set_value(now_ms());
        phase.set(Phase::Active);
        dialog.set(false);
    };
    let featured = settings.featured.clone();
    let pin = settings.pin.clone();
    let leave: fn() = if settings.enabled { || leave_kiosk(true) } else { || leave_kiosk(false) };
    view! {
        <Show when=move || attract.get()>
            <Attract featured=featured.clone() shown=attract />
        </Show>
        <Show when=move || dialog.get() && !attract.get()>
            <div class="kiosk-backdrop" on:click=keep_going>
                <div class="kiosk-dialog kiosk-countdown" role="alertdialog" aria-modal="true"
                    aria-labelledby="kiosk-still-there" aria-describedby="kiosk-countdown-text">
                    <h2 id="kiosk-still-there">{bilingual(|t| t.kiosk_still_there)}</h2>
                    <p class="kiosk-countdown-number" aria-hidden="true">
                        {move || seconds.get()}
                    </p>
                    <p id="kiosk-countdown-text" class="kiosk-countdown-text">
                        {move || {
                            let n = seconds.get();
                            let (ja, en) = ((Lang::Ja.t().kiosk_countdown)(n), (Lang::En.t().kiosk_countdown)(n));
                            view! { <span lang="ja">{ja}</span><span lang="en">{en}</span> }
                        }}
                    </p>
                    <button type="button" class="button kiosk-continue">{bilingual(|t| t.kiosk_continue)}</button>
                </div>
            </div>
        </Show>
        {move || qr_url.get().map(|url| view! { <QrDialog url=url open=qr_url /> })}
        <Show when=move || pin_open.get()>
            <PinPad pin=pin.clone() open=pin_open staff=staff_open />
        </Show>
        <Show when=move || staff_open.get()>
            <StaffScreen open=staff_open leave=leave />
        </Show>
    }
}

/// A string in Japanese and in English, each marked with its language.
fn bilingual(pick: fn(&'static crate::i18n::Strings) -> &'static str) -> impl IntoView {
    view! {
        <span lang="ja" class="kiosk-ja">{pick(Lang::Ja.t())}</span>
        <span lang="en" class="kiosk-en">{pick(Lang::En.t())}</span>
    }
}

/// Everything the kiosk listens for on the window, in the capture phase so nothing in the
/// app can hide a touch from the idle clock.
fn page_listeners(
    last_activity: StoredValue<f64>,
    taps: StoredValue<CornerTaps>,
    pin_open: RwSignal<bool>,
    qr_url: RwSignal<Option<String>>,
) -> Vec<Listener> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let target: EventTarget = window.into();
    let touched = move || last_activity.set_value(now_ms());
    let mut out = Vec::new();
    let mut add = |name: &'static str, passive: bool, f: Box<dyn FnMut(Event)>| {
        out.extend(Listener::new(&target, name, true, passive, f));
    };
    add(
        "pointerdown",
        true,
        Box::new(move |e: Event| {
            touched();
            if let Some(p) = e.dyn_ref::<MouseEvent>() {
                let (x, y) = (f64::from(p.client_x()), f64::from(p.client_y()));
                if taps.try_update_value(|t| t.tap(x, y, now_ms())).unwrap_or(false) {
                    pin_open.set(true);
                }
            }
        }),
    );
    add("scroll", true, Box::new(move |_| touched()));
    add(
        "keydown",
        false,
        Box::new(move |e: Event| {
            touched();
            // Ctrl/⌘ with + - 0 zooms the page.
            if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                if (k.ctrl_key() || k.meta_key())
                    && matches!(k.key().as_str(), "+" | "-" | "=" | "0" | "_")
                {
                    e.prevent_default();
                }
            }
        }),
    );
    add(
        "wheel",
        false,
        Box::new(move |e: Event| {
            touched();
            // A trackpad pinch arrives as a wheel event with Ctrl held.
            if e.dyn_ref::<WheelEvent>().is_some_and(|w| w.ctrl_key()) {
                e.prevent_default();
            }
        }),
    );
    add("contextmenu", false, Box::new(|e: Event| e.prevent_default()));
    add("dragstart", false, Box::new(|e: Event| e.prevent_default()));
    // Safari's pinch gesture.
    add("gesturestart", false, Box::new(|e: Event| e.prevent_default()));
    for name in ["click", "auxclick"] {
        add(
            name,
            false,
            Box::new(move |e: Event| {
                if let Some(url) = outbound_url(&e) {
                    e.prevent_default();
                    e.stop_propagation();
                    qr_url.set(Some(url));
                }
            }),
        );
    }
    out
}

/// The address a click would leave the kiosk for: a link to another site, an e-mail address
/// or anything opening a new window. Links inside the app return `None`.
fn outbound_url(e: &Event) -> Option<String> {
    let element: Element = e.target()?.dyn_into().ok()?;
    let link = element.closest("a[href]").ok()??;
    let href = link.get_attribute("href")?;
    let location = web_sys::window()?.location();
    let here = location.href().ok()?;
    let url = web_sys::Url::new_with_base(&href, &here).ok()?;
    let new_window = link.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self");
    let elsewhere = url.origin() != location.origin().ok()?;
    let scheme_ok = matches!(url.protocol().as_str(), "http:" | "https:" | "file:");
    (elsewhere || new_window || !scheme_ok || link.has_attribute("download")).then(|| url.href())
}

/// The reset: the shortlist leaves storage, the address bar goes back to the kiosk's start
/// address, the page scrolls to the top and the explorer is rebuilt from scratch (query,
/// filters, open seed, language, shortlist in memory, every view's own state); the rebuilt
/// kiosk starts on the attract screen.
fn reset_for_next_visitor(
    ctx: &Ctx,
    restarts: Option<Restarts>,
    attract: RwSignal<bool>,
    pin_open: RwSignal<bool>,
    qr_url: RwSignal<Option<String>>,
) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(STORAGE_KEY);
    }
    url::write(&kiosk::reset_query(ctx.params), false);
    platform::scroll_to_top();
    if let Some(active) =
        document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
    match restarts {
        // Rebuilt after this timer callback returns, not inside it.
        Some(Restarts(n)) => platform::after_this_task(move || n.update(|n| *n += 1)),
        None => {
            ctx.shortlist.set(Shortlist::default());
            ctx.notice.set(None);
            ctx.state.set(ViewState::default());
            pin_open.set(false);
            qr_url.set(None);
            attract.set(true);
        }
    }
}

/// "Scan with your phone": the link as a QR code instead of leaving the kiosk.
#[component]
fn QrDialog(url: String, open: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = Ctx::get();
    let close = move |_| open.set(None);
    let shown = url.strip_prefix("mailto:").unwrap_or(&url).to_string();
    let code = Qr::encode(&url).map(|qr| {
        let side = (qr.width + 2 * QUIET).to_string();
        let origin = format!("-{QUIET}");
        let view_box = qr.view_box();
        view! {
            <svg class="qr-code" viewBox=view_box role="img" aria-label=move || ctx.t().kiosk_scan_title
                shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                <rect x=origin.clone() y=origin width=side.clone() height=side fill="#fff"></rect>
                <path d=qr.path fill="#000"></path>
            </svg>
        }
    });
    view! {
        <div class="kiosk-backdrop" on:click=close>
            <div class="kiosk-dialog kiosk-qr" role="dialog" aria-modal="true" aria-labelledby="kiosk-qr-title"
                data-url=url.clone() on:click=|e| e.stop_propagation()>
                <h2 id="kiosk-qr-title">{move || ctx.t().kiosk_scan_title}</h2>
                <p class="kiosk-qr-hint">{move || ctx.t().kiosk_scan_hint}</p>
                <figure class="qr">
                    {code}
                    <figcaption><span class="qr-url">{shown}</span></figcaption>
                </figure>
                <button type="button" class="button kiosk-close" on:click=close>{move || ctx.t().kiosk_close}</button>
            </div>
        </div>
    }
}

/// The staff PIN pad; the right PIN opens the staff screen.
#[component]
fn PinPad(pin: String, open: RwSignal<bool>, staff: RwSignal<bool>) -> impl IntoView {
    let ctx = Ctx::get();
    let entry = RwSignal::new(PinEntry::default());
    let wrong = RwSignal::new(false);
    let submit = move |_| match entry.try_update(|e| e.submit(&pin)) {
        // The pad closes in a task of its own: the entry was just cleared, and the effects
        // that show it must run before closing the pad disposes it.
        Some(PinResult::Unlocked) => platform::after_this_task(move || {
            let _ = open.try_set(false);
            let _ = staff.try_set(true);
        }),
        Some(PinResult::Wrong) => wrong.set(true),
        Some(PinResult::LockedOut) => open.set(false),
        _ => {}
    };
    let key = move |d: char| {
        move |_| {
            wrong.set(false);
            entry.update(|e| e.push(d));
        }
    };
    let digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    view! {
        <div class="kiosk-backdrop">
            <div class="kiosk-dialog kiosk-pin" role="dialog" aria-modal="true" aria-labelledby="kiosk-pin-title">
                <h2 id="kiosk-pin-title">{move || ctx.t().kiosk_pin_title}</h2>
                <p class="kiosk-pin-dots" aria-live="polite"
                    aria-label=move || (ctx.t().kiosk_pin_entered)(entry.with(PinEntry::len))>
                    {move || "●".repeat(entry.with(PinEntry::len))}
                    {move || "○".repeat(4usize.saturating_sub(entry.with(PinEntry::len)))}
                </p>
                <p class="kiosk-pin-error" role="alert">
                    {move || wrong.get().then(|| ctx.t().kiosk_pin_wrong)}
                </p>
                <div class="kiosk-pin-keys">
                    {digits.into_iter().map(|d| view! {
                        <button type="button" class="button pin-key" data-key=d.to_string() on:click=key(d)>{d.to_string()}</button>
                    }).collect_view()}
                    <button type="button" class="button pin-key pin-delete" aria-label=move || ctx.t().kiosk_pin_delete
                        on:click=move |_| entry.update(PinEntry::backspace)>"⌫"</button>
                    <button type="button" class="button pin-key" data-key="0" on:click=key('0')>"0"</button>
                    <button type="button" class="button pin-key pin-ok" on:click=submit
                        disabled=move || entry.with(PinEntry::is_empty)>{move || ctx.t().kiosk_pin_ok}</button>
                </div>
                <button type="button" class="button kiosk-close" on:click=move |_| open.set(false)>
                    {move || ctx.t().kiosk_pin_cancel}
                </button>
            </div>
        </div>
    }
}

/// Reloads the page at the same address without the kiosk parameters.
fn leave_kiosk(from_config: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let _ = location
        .replace(&format!("{path}{}", kiosk::exit_query(&url::current_query(), from_config)));
}
