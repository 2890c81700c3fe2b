//! Timing hooks for the benchmark (`cargo xtask bench`): with `bench=1` in the URL, each search
//! is recorded as a User Timing measure named [`SEARCH`], and the moment the catalogue is ready
//! as a mark named [`READY`]. Without the parameter nothing is recorded, so a kiosk running all
//! day accumulates no entries.

use std::sync::atomic::{AtomicBool, Ordering};

/// Measure name of the search work (query preparation, then filters, facet counts and sort:
/// two measures when the query text changed; the benchmark adds up a keystroke's measures).
pub const SEARCH: &str = "seed-explorer:search";
/// Mark set just before each search; the [`SEARCH`] measure runs from it.
const SEARCH_START: &str = "seed-explorer:search-start";
/// Mark set when the bundle is downloaded, parsed and indexed.
pub const READY: &str = "seed-explorer:ready";

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Turns recording on (called once at start when the URL asks for it).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f`, recording its duration as a [`SEARCH`] measure when enabled.
pub fn time_search<T>(f: impl FnOnce() -> T) -> T {
    let Some(perf) = performance() else { return f() };
    let _ = perf.mark(SEARCH_START);
    let out = f();
    let _ = perf.measure_with_start_mark(SEARCH, SEARCH_START);
    out
}

/// Sets the [`READY`] mark when enabled.
pub fn mark_ready() {
    if let Some(perf) = performance() {
        let _ = perf.mark(READY);
    }
}

fn performance() -> Option<web_sys::Performance> {
    ENABLED.load(Ordering::Relaxed).then(|| web_sys::window()?.performance()).flatten()
}
