//! The browser's address bar: reading the query string and writing it back with
//! `pushState`/`replaceState`, the only place the app touches `window.location`/`history`.

use wasm_bindgen::JsValue;

/// The current query string, including its leading `?` (empty when there is none).
pub fn current_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Puts `query` in the address bar; `push` adds a history entry (for back/forward).
pub fn write(query: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let target = format!("{path}{query}");
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&target))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
    };
}
