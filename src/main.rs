//! Seed Explorer's browser app: loads the catalogue bundle and lets visitors search, filter and
//! read research seeds, entirely client-side. The search itself lives in `seed-core`; this
//! crate is the shell around it (loading, URL state, views); the views' logic lives in plain
//! modules (state, shortlist, config, share, qr, highlight, suggest, chart) with
//! native unit tests.

mod app;
mod bench;
mod chart;
mod config;
mod dom;
mod embed;
mod highlight;
mod i18n;
mod kiosk;
mod leads;
mod leads_store;
mod load;
mod mode;
mod platform;
mod qr;
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
