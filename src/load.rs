//! Fetches the bundle from this site only, reporting bytes as they arrive and refusing one
//! larger than the configured limit before allocating it, and turns it into a ready engine in
//! slices of a few dozen milliseconds, so the page keeps painting its progress bar even while
//! 100,000 seeds are indexed. Every way this can fail becomes a [`LoadError`] the error page
//! explains; nothing panics.

use js_sys::{Promise, Reflect, Uint8Array};
use seed_core::loader::{Loader, Step};
use seed_core::{BundleError, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, ReadableStreamDefaultReader, Response};

use crate::download::{self, Budget};

/// Why the catalogue could not be shown. No variant carries the `bundle=` value: the error
/// page never repeats text a link put in the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// `bundle=` names a catalogue that is not on this site (see [`crate::bundle_path`]).
    Foreign,
    /// The server answered with an error status (404 when the file is missing).
    Http { status: u16 },
    /// The request did not complete (offline, blocked, refused).
    Network { detail: String },
    /// The file is larger than the site allows (`max_bundle_mb` in config.json), in bytes.
    TooLarge { limit: u64 },
    /// The file arrived but is not a usable bundle.
    Bundle { error: BundleError },
}

/// How far loading has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Downloading: bytes received so far and the expected total when the server says it.
    Downloading {
        /// Bytes received.
        received: u64,
        /// Content-Length, if known.
        total: Option<u64>,
    },
    /// Reading and indexing the seeds, in percent.
    Preparing(u8),
}

impl Default for Progress {
    fn default() -> Self {
        Progress::Downloading { received: 0, total: None }
    }
}

/// Work done between two returns to the browser's event loop while preparing, in ms.
const SLICE_MS: f64 = 40.0;
/// Seeds read or indexed per [`Loader::step`] call (a fraction of a millisecond each).
const SEEDS_PER_STEP: usize = 32;
/// The global that `boot.js` fills with the bundle download it starts before the wasm.
const PREFETCH_GLOBAL: &str = "seedExplorerPrefetch";

/// The id of the `<script type="application/json">` element that carries the bundle in the
/// single-file (USB) build written by `seeds pack`.
pub const INLINE_BUNDLE_ID: &str = "seed-bundle";

/// Where the catalogue comes from, decided before the configuration has loaded so that the
/// download runs meanwhile.
pub enum Source {
    /// Inlined in the page (the `file://` build).
    Inline(String),
    /// Being downloaded from this site.
    Download(Promise),
}

/// Starts getting the bundle: the one inlined in the page when there is one, otherwise the
/// download of `path` (on this site; `None` when `bundle=` was refused) that boot.js started
/// or a new one.
pub fn start(path: Option<&str>) -> Result<Source, LoadError> {
    if let Some(text) = inline_bundle() {
        return Ok(Source::Inline(text));
    }
    let path = path.ok_or(LoadError::Foreign)?;
    let window = web_sys::window().ok_or_else(|| net(&JsValue::from_str("no window")))?;
    if !same_origin(&window, path) {
        return Err(LoadError::Foreign);
    }
    Ok(Source::Download(prefetched(&window, path).unwrap_or_else(|| window.fetch_with_str(path))))
}

/// Turns the bundle into a ready engine, refusing a download of more than `limit` bytes and
/// calling `on_progress` as bytes arrive and seeds are indexed.
pub async fn load(
    source: Source,
    limit: u64,
    on_progress: impl Fn(Progress),
) -> Result<Engine, LoadError> {
    let text = match source {
        Source::Inline(text) => text,
        Source::Download(request) => download(request, limit, &on_progress).await?,
    };
    let bad = |error| LoadError::Bundle { error };
    let mut loader = Loader::new(&text).map_err(bad)?;
    loop {
        let slice_end = now() + SLICE_MS;
        let progress = loop {
            match loader.step(SEEDS_PER_STEP).map_err(bad)? {
                Step::Ready(engine) => return Ok(*engine),
                Step::Working(p) if now() >= slice_end => break p,
                Step::Working(_) => {}
            }
        };
        on_progress(Progress::Preparing((progress.fraction() * 100.0) as u8));
        yield_to_browser().await;
    }
}

/// True when `path`, resolved against the page, is on the page's own origin: the check
/// behind [`crate::bundle_path`]'s rules, with the browser's own URL parser.
fn same_origin(window: &web_sys::Window, path: &str) -> bool {
    let location = window.location();
    let (Ok(here), Ok(origin)) = (location.href(), location.origin()) else { return false };
    web_sys::Url::new_with_base(path, &here).is_ok_and(|u| u.origin() == origin)
}

fn net(e: &JsValue) -> LoadError {
    LoadError::Network { detail: describe(e) }
}

/// Lets the browser paint and handle input, then resumes at once: a message to ourselves,
/// not `setTimeout(0)`, which browsers delay by 4 ms once nested (every slice would lose it).
async fn yield_to_browser() {
    thread_local! {
        static CHANNEL: Option<MessageChannel> = MessageChannel::new().ok();
    }
    let resumed = Promise::new(&mut |resolve, _| {
        let posted = CHANNEL.with(|channel| {
            let Some(c) = channel else { return false };
            c.port1().set_onmessage(Some(resolve.unchecked_ref()));
            c.port2().post_message(&JsValue::NULL).is_ok()
        });
        if !posted {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        }
    });
    let _ = JsFuture::from(resumed).await;
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn inline_bundle() -> Option<String> {
    web_sys::window()?.document()?.get_element_by_id(INLINE_BUNDLE_ID)?.text_content()
}

async fn download(
    request: Promise,
    limit: u64,
    on_progress: &impl Fn(Progress),
) -> Result<String, LoadError> {
    let response: Response = JsFuture::from(request).await.map_err(|e| net(&e))?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { status: response.status() });
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let (length, encoding) = (header("content-length"), header("content-encoding"));
    if download::declared_too_large(length.as_deref(), limit) {
        if let Some(body) = response.body() {
            let _ = body.cancel();
        }
        return Err(LoadError::TooLarge { limit });
    }
    let total = download::expected_total(length.as_deref(), encoding.as_deref());
    let bytes = read_body(&response, total, limit, on_progress).await?;
    String::from_utf8(bytes)
        .map_err(|e| LoadError::Bundle { error: BundleError::Malformed(format!("not UTF-8: {e}")) })
}

async fn read_body(
    response: &Response,
    total: Option<u64>,
    limit: u64,
    on_progress: &impl Fn(Progress),
) -> Result<Vec<u8>, LoadError> {
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut budget = Budget::new(limit);
    let mut bytes = Vec::with_capacity(budget.initial_capacity(total));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| net(&e))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value: Uint8Array =
            Reflect::get(&chunk, &"value".into()).map_err(|e| net(&e))?.unchecked_into();
        let received = budget.take(u64::from(value.length())).map_err(|_| {
            let _ = reader.cancel();
            LoadError::TooLarge { limit }
        })?;
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        on_progress(Progress::Downloading { received, total });
    }
    Ok(bytes)
}

/// The download of `url` that boot.js started before the wasm, taken so it is used only once.
/// (boot.js starts none for a `bundle=` it refuses.)
fn prefetched(window: &web_sys::Window, url: &str) -> Option<Promise> {
    let prefetch = Reflect::get(window, &PREFETCH_GLOBAL.into()).ok()?;
    let same_url = Reflect::get(&prefetch, &"url".into()).ok()?.as_string()? == url;
    let response = Reflect::get(&prefetch, &"response".into()).ok()?.dyn_into::<Promise>().ok()?;
    let _ = Reflect::delete_property(window.as_ref(), &PREFETCH_GLOBAL.into());
    same_url.then_some(response)
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}
