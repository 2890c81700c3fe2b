//! The browser services the app uses besides the address bar and the bundle download: the
//! site configuration file, local storage, printing, the clipboard, console warnings and
//! deferred callbacks. Each failure is absorbed here (a locked-down browser may refuse storage
//! or the clipboard).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::config::Config;

/// The id of the `<script type="application/json">` element carrying `config.json` in the
/// single-file (USB) build.
pub const INLINE_CONFIG_ID: &str = "seed-config";

/// Where the configuration file is, relative to the page.
pub const CONFIG_URL: &str = "config.json";

/// Reads the site configuration: inlined in the page, or `config.json` beside it. Anything
/// wrong gives the defaults and a console warning, never an error.
pub async fn load_config() -> Config {
    let text = match inline_config() {
        Some(text) => Some(text),
        None => fetch_text(CONFIG_URL).await,
    };
    let Some(text) = text else {
        warn(&format!("{CONFIG_URL} could not be loaded; using the default settings"));
        return Config::default();
    };
    let (config, warnings) = Config::parse(&text);
    for w in warnings {
        warn(&w);
    }
    config
}

fn inline_config() -> Option<String> {
    web_sys::window()?.document()?.get_element_by_id(INLINE_CONFIG_ID)?.text_content()
}

async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: Response =
        JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Writes a warning to the browser console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored value under `key`; `Err` when the browser offers no storage.
pub fn storage_get(key: &str) -> Result<Option<String>, ()> {
    storage().ok_or(())?.get_item(key).map_err(|_| ())
}

/// Why the browser did not store a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all, or storage refused (blocked by a policy or the privacy settings).
    Unavailable,
    /// The site's storage is full.
    Full,
}

impl StorageError {
    /// The failure behind a `DOMException` of this name thrown by `Storage.setItem`.
    pub fn from_exception_name(name: &str) -> StorageError {
        match name {
            // The standard name, and the one older Firefox versions used.
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
            _ => StorageError::Unavailable,
        }
    }
}

/// Stores `value` under `key`.
pub fn storage_set(key: &str, value: &str) -> Result<(), StorageError> {
    storage().ok_or(StorageError::Unavailable)?.set_item(key, value).map_err(|e| {
        e.dyn_ref::<web_sys::DomException>()
            .map_or(StorageError::Unavailable, |d| StorageError::from_exception_name(&d.name()))
    })
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The page's address (for shared links when no public base URL is configured).
pub fn location_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Copies `text` to the clipboard; resolves to false when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Sets the document's title (the tab and the printout's header).
pub fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Runs `f` once before the browser's next repaint. The browser owns the callback: nothing to
/// cancel and nothing kept once it has run. (Leptos 0.9's `request_animation_frame` ties the
/// callback to the reactive owner and cancels it with the id narrowed to 32 bits, which misses
/// timers whose ids are larger, such as those of a test's fake clock, and then calls a dropped
/// closure.)
pub fn on_next_frame(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let _ = w.request_animation_frame(callback.unchecked_ref());
    }
}

/// Runs `f` once in a task of its own, after the current one has finished (for the same
/// reason as [`on_next_frame`], not Leptos' `set_timeout`; and not gloo's `Timeout::forget`,
/// which keeps every callback for the life of the page).
pub fn after_this_task(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Runs `f` once in the first task after the browser has painted the current changes: what
/// the page shows now reaches the screen before the work `f` starts.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    on_next_frame(move || after_this_task(f));
}

/// Milliseconds on the page's monotonic clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Scrolls to the top of the page (after a view change).
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quota_exception_means_full_storage_and_anything_else_none() {
        assert_eq!(StorageError::from_exception_name("QuotaExceededError"), StorageError::Full);
        assert_eq!(
            StorageError::from_exception_name("NS_ERROR_DOM_QUOTA_REACHED"),
            StorageError::Full
        );
        for other in ["SecurityError", "InvalidStateError", ""] {
            assert_eq!(StorageError::from_exception_name(other), StorageError::Unavailable);
        }
    }
}
