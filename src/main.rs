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

/// Talc instead of Rust's default wasm allocator (dlmalloc): loading the sample catalogue,
/// cold, spent about a sixth of its time in dlmalloc's `malloc`.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
