//! Where the pages reach the booth's views. In the booth build (Cargo feature `booth`) these
//! render the lead form's button and the kiosk's keyword chips; the website build has neither
//! and renders nothing here, as it hands kiosks and pages that offer leads to the booth build
//! before anything is shown (`mode::Build`).

use leptos::prelude::*;

/// 「この技術について問い合わせる」 for `seeds`, where the config offers booth leads.
#[cfg(feature = "booth")]
pub fn ask_about(seeds: impl Into<Signal<Vec<String>>>) -> AnyView {
    view! { <crate::views::leads::AskAboutSeeds seeds=seeds.into() /> }.into_any()
}

/// On a kiosk's empty search, the attract screen's keyword chips.
#[cfg(feature = "booth")]
pub fn kiosk_keywords() -> AnyView {
    view! { <crate::views::attract::KioskKeywords /> }.into_any()
}

/// The website build's side of [`ask_about`]: nothing.
#[cfg(not(feature = "booth"))]
pub fn ask_about(_seeds: impl Into<Signal<Vec<String>>>) -> AnyView {
    ().into_any()
}

/// The website build's side of [`kiosk_keywords`]: nothing (it has no kiosk mode).
#[cfg(not(feature = "booth"))]
pub fn kiosk_keywords() -> AnyView {
    ().into_any()
}
