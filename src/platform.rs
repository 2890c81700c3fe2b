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

/// How long the configuration file may take to arrive, in milliseconds; after that the app
/// starts without it (a hung server must not keep the page on its loading screen).
pub const CONFIG_TIMEOUT_MS: i32 = 3_000;

/// Reads the site configuration: inlined in the page, or `config.json` beside it. Anything
/// wrong gives the defaults and a console warning, never an error; a file that exists but
/// cannot be read keeps any kiosk locked ([`Config::unreadable`]).
pub async fn load_config() -> Config {
    let text = match inline_config() {
        Some(text) => Ok(text),
        None => fetch_text(CONFIG_URL).await,
    };
    let text = match text {
        Ok(text) => text,
        Err(ConfigFetch::Missing) => {
            warn(&format!("{CONFIG_URL} was not found; using the default settings"));
            return Config::default();
        }
        Err(ConfigFetch::Failed(why)) => {
            warn(&format!("{CONFIG_URL} could not be loaded ({why}); using the default settings"));
            return Config::unreadable();
        }
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

/// Why the configuration file did not arrive.
enum ConfigFetch {
    /// The server says there is none (404 or 410).
    Missing,
    /// It may exist but did not arrive: no answer in time, a network or server error.
    Failed(String),
}

/// The global that `boot.js` fills with the request for `config.json` it starts before the
/// wasm: `{ response: Promise<Response>, abort: AbortController }`.
const CONFIG_PREFETCH_GLOBAL: &str = "seedExplorerConfig";

/// What boot.js left in the global `name` for the app (a request it started before the
/// wasm), taken so that it is used once.
pub fn take_boot_global(name: &str) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &name.into()).ok().filter(|v| !v.is_undefined())?;
    let _ = js_sys::Reflect::delete_property(window.as_ref(), &name.into());
    Some(value)
}

/// The request boot.js started for the configuration file, taken once.
fn prefetched_config() -> Option<(js_sys::Promise, web_sys::AbortController)> {
    use js_sys::Reflect;
    let prefetch = take_boot_global(CONFIG_PREFETCH_GLOBAL)?;
    let response = Reflect::get(&prefetch, &"response".into()).ok()?.dyn_into().ok()?;
    let abort = Reflect::get(&prefetch, &"abort".into()).ok()?.dyn_into().ok()?;
    Some((response, abort))
}

/// Fetches `url` as text (or takes boot.js's request for it), giving up (and aborting the
/// request) after [`CONFIG_TIMEOUT_MS`].
async fn fetch_text(url: &str) -> Result<String, ConfigFetch> {
    let failed = |why: &str| ConfigFetch::Failed(why.to_string());
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let (request, abort) = match prefetched_config() {
        Some(prefetched) => prefetched,
        None => {
            let abort =
                web_sys::AbortController::new().map_err(|_| failed("no AbortController"))?;
            let init = web_sys::RequestInit::new();
            init.set_signal(Some(&abort.signal()));
            (window.fetch_with_str_and_init(url, &init), abort)
        }
    };
    let timer = {
        let abort = abort.clone();
        let on_timeout = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                CONFIG_TIMEOUT_MS,
            )
            .ok()
    };
    let result = async {
        let timed_out = || failed(&format!("no answer within {} s", CONFIG_TIMEOUT_MS / 1000));
        let response: Response = JsFuture::from(request)
            .await
            .map_err(
                |_| if abort.signal().aborted() { timed_out() } else { failed("network error") },
            )?
            .dyn_into()
            .map_err(|_| failed("not a response"))?;
        match response.status() {
            404 | 410 => return Err(ConfigFetch::Missing),
            _ if !response.ok() => return Err(failed(&format!("HTTP {}", response.status()))),
            _ => {}
        }
        let text = response.text().map_err(|_| failed("unreadable body"))?;
        JsFuture::from(text)
            .await
            .map_err(
                |_| if abort.signal().aborted() { timed_out() } else { failed("network error") },
            )?
            .as_string()
            .ok_or_else(|| failed("not text"))
    }
    .await;
    if let Some(id) = timer {
        window.clear_timeout_with_handle(id);
    }
    result
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

/// The session-storage entry with which the website build asks boot.js for the booth build
/// (booth/) on the next load; boot.js reads the same key and value.
pub const BOOTH_BUILD_KEY: &str = "seed-explorer.build";
/// See [`BOOTH_BUILD_KEY`].
pub const BOOTH_BUILD_VALUE: &str = "booth";

/// Reloads the page in the booth build, for a page the website build cannot show (a kiosk
/// that `config.json` turned on). False when a reload would not help: the entry was already
/// there (boot.js could not start the booth build) or the browser refuses session storage.
pub fn reload_in_booth_build() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Some(session) = window.session_storage().ok().flatten() else { return false };
    if session.get_item(BOOTH_BUILD_KEY).ok().flatten().as_deref() == Some(BOOTH_BUILD_VALUE) {
        return false;
    }
    session.set_item(BOOTH_BUILD_KEY, BOOTH_BUILD_VALUE).is_ok()
        && window.location().reload().is_ok()
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

/// The browser's preferred languages, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Copies `text` to the clipboard; resolves to false when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Free storage for the site in bytes (`navigator.storage.estimate()`: quota − usage);
/// `None` where the browser does not say (no StorageManager, a file:// page, a refusal).
pub async fn storage_free() -> Option<f64> {
    use js_sys::Reflect;
    let navigator = web_sys::window()?.navigator();
    let storage = Reflect::get(&navigator, &"storage".into()).ok().filter(|s| s.is_object())?;
    let estimate: js_sys::Function =
        Reflect::get(&storage, &"estimate".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = estimate.call0(&storage).ok()?.dyn_into().ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    let quota = Reflect::get(&answer, &"quota".into()).ok()?.as_f64()?;
    let usage = Reflect::get(&answer, &"usage".into()).ok()?.as_f64().unwrap_or(0.0);
    Some((quota - usage).max(0.0))
}

/// Today's date on this computer's clock, `YYYY-MM-DD` (printouts).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Sets the document's title (the tab and the printout's header).
pub fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Replaces the page with the message boot.js shows when the app cannot start, in both
/// languages: for a failure while mounting, which runs after boot.js has handed over.
pub fn show_start_failure() {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        body.set_inner_html(
            "<main class=\"error-page\" role=\"alert\">\
             <h1>アプリを起動できませんでした / The app could not start</h1>\
             <p>最新のブラウザで再読み込みしてください。 / Please reload in an up-to-date browser.</p>\
             </main>",
        );
    }
}

/// Runs `f` once before the browser's next repaint. The browser owns the callback: nothing to
/// cancel and nothing kept once it has run. (Leptos 0.9's `request_animation_frame` ties the
/// callback to the reactive owner and cancels it with the id narrowed to 32 bits, which misses
/// timers whose ids are larger, such as those of a test's fake clock, and then calls a dropped
/// closure.)
pub fn on_next_frame(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(once(Box::new(f)).unchecked_ref());
    }
}

/// `f` as a JS function the browser owns. Boxed, so that every caller shares one closure
/// shim in the wasm instead of one per caller.
fn once(f: Box<dyn FnOnce()>) -> wasm_bindgen::JsValue {
    wasm_bindgen::closure::Closure::once_into_js(f)
}

/// Runs `f` once in a task of its own, after the current one has finished (for the same
/// reason as [`on_next_frame`], not Leptos' `set_timeout`; and not gloo's `Timeout::forget`,
/// which keeps every callback for the life of the page).
pub fn after_this_task(f: impl FnOnce() + 'static) {
    after_ms(0, f);
}

/// Runs `f` once, `ms` milliseconds from now (as [`after_this_task`]: nothing to cancel, and
/// nothing kept once it has run).
pub fn after_ms(ms: i32, f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let callback = once(Box::new(f));
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
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
