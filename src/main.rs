//! Seed Explorer's browser app: loads the catalogue bundle and lets visitors search, filter and
//! read research seeds, entirely client-side. The search itself lives in `seed-core`; this
//! crate is the shell around it (loading, URL state, views); the views' logic lives in plain
//! modules (state, paging, shortlist, config, share, qr, highlight, suggest, chart) with
//! native unit tests.

// The website build leaves the booth's views out (see Cargo.toml); what only they use is then
// unused by design. Dead code is checked on the booth build, which uses everything.
#![cfg_attr(not(feature = "booth"), allow(dead_code))]

mod app;
mod bench;
mod bundle_path;
mod chart;
mod config;
mod dom;
mod download;
mod embed;
mod highlight;
mod i18n;
mod invisible;
mod kiosk;
#[cfg(feature = "booth")]
mod kiosk_guard;
mod leads;
#[cfg(feature = "booth")]
mod leads_store;
mod load;
mod mode;
mod pace;
mod paging;
mod pin;
mod platform;
mod qr;
#[cfg(feature = "booth")]
mod setup_check;
mod share;
mod shortlist;
mod state;
mod suggest;
#[cfg(test)]
mod testdata;
mod url;
mod url_codec;
mod view;
mod views;

use std::sync::atomic::{AtomicBool, Ordering};

/// Talc instead of Rust's default wasm allocator (dlmalloc): loading the sample catalogue,
/// cold, spent about a sixth of its time in dlmalloc's `malloc`.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Set once the app is mounted: a panic before then (while mounting) shows the message boot.js
/// shows when the app cannot start, instead of an empty page.
static MOUNTED: AtomicBool = AtomicBool::new(false);

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if !MOUNTED.load(Ordering::Relaxed) {
            platform::show_start_failure();
        }
    }));
    // In a task of its own, not in the one that instantiated the module: the browser compiles
    // each wasm function on its first call, and the first render's share of that on top of the
    // instantiation made one task of 35–84 ms on a cold start (traces of the sample).
    platform::after_this_task(|| {
        leptos::mount::mount_to_body(app::App);
        MOUNTED.store(true, Ordering::Relaxed);
    });
}
