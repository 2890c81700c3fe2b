//! Seed Explorer's browser app: loads the catalogue bundle and lets visitors search, filter and
//! read research seeds, entirely client-side. The search itself lives in `seed-core`; this
//! crate is the shell around it (loading, URL state, views).

mod app;
mod i18n;
mod load;
mod state;
mod url;
mod views;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
