//! Seed Explorer's browser app: loads the catalogue bundle and lets visitors search, filter and
//! read research seeds, entirely client-side. The search itself lives in `seed-core`; this
//! crate is the shell around it (loading, URL state, views); the views' logic lives in plain
//! modules (state, shortlist, config, share, qr, highlight, suggest, chart) with
//! native unit tests.

mod app;
mod bench;
mod chart;
mod config;
mod embed;
mod highlight;
mod i18n;
mod kiosk;
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
mod views;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
