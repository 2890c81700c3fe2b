//! Fetches the bundle and turns it into a ready engine as the bytes arrive, in slices of a few
//! dozen milliseconds, so the page keeps painting its progress bar even while 100,000 seeds
//! are read and indexed. The next chunk of the download is read only when the loader has used
//! the last one, so the file is never held whole in memory beside the seeds made from it.
//! Every way this can fail becomes a [`LoadError`] the error page explains; nothing panics.

use js_sys::{JsString, Promise, Reflect, Uint8Array};
use seed_core::loader::{LoadProgress, Loader, Stage, Step};
use seed_core::{BundleError, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, ReadableStreamDefaultReader, Response};

/// Why the catalogue could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The server answered with an error status (404 when the file is missing).
    Http { url: String, status: u16 },
    /// The request did not complete (offline, blocked, refused).
    Network { url: String, detail: String },
    /// The file arrived but is not a usable bundle.
    Bundle { url: String, error: BundleError },
}

/// How far loading has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading the bundle as it downloads (each seed indexed as it is read): bytes read so
    /// far and the file's length when the server says it.
    Downloading {
        /// Bytes read.
        received: u64,
        /// The file's length, if known.
        total: Option<u64>,
    },
    /// Finishing the index, facets and sort orders, in percent of the whole load.
    Preparing(u8),
}

impl Default for Progress {
    fn default() -> Self {
        Progress::Downloading { received: 0, total: None }
    }
}

/// Work done between two returns to the browser's event loop, in ms. The longest step of the
/// loader is a few milliseconds, so no task runs much longer than this.
const SLICE_MS: f64 = 30.0;
/// Seeds read or indexed per [`Loader::step`] call (a fraction of a millisecond each).
const SEEDS_PER_STEP: usize = 16;
/// UTF-16 code units of an inlined bundle handed to the loader at a time.
const INLINE_CHUNK: u32 = 1 << 18;
/// The global that `boot.js` fills with the bundle download it starts before the wasm.
const PREFETCH_GLOBAL: &str = "seedExplorerPrefetch";

/// The id of the `<script type="application/json">` element that carries the bundle in the
/// single-file (USB) build written by `seeds pack`.
pub const INLINE_BUNDLE_ID: &str = "seed-bundle";

/// Loads the bundle: the one inlined in the page when there is one (the `file://` build),
/// otherwise downloaded from `url`, calling `on_progress` as it goes.
pub async fn load(url: &str, on_progress: impl Fn(Progress)) -> Result<Engine, LoadError> {
    let mut source = match inline_bundle() {
        Some(text) => Source::Inline { text, at: 0 },
        None => download(url).await?,
    };
    let net = |e: JsValue| LoadError::Network { url: url.to_string(), detail: describe(&e) };
    let bad = |error| LoadError::Bundle { url: url.to_string(), error };
    let mut loader = Loader::new();
    if let Some(len) = source.length() {
        loader.expect_len(len as usize);
    }
    let total = source.length();
    loop {
        let slice_end = now() + SLICE_MS;
        let progress = loop {
            match loader.step(SEEDS_PER_STEP).map_err(bad)? {
                Step::Ready(engine) => return Ok(*engine),
                Step::Working(p) if now() >= slice_end => break p,
                Step::Working(_) => {}
                Step::NeedInput(p) => {
                    match source.next().await.map_err(net)? {
                        Some(bytes) => loader.push(&bytes),
                        None => loader.end(),
                    }
                    if now() >= slice_end {
                        break p;
                    }
                }
            }
        };
        on_progress(shown(progress, total));
        yield_to_browser().await;
    }
}

/// What the progress bar shows for the loader's progress.
fn shown(progress: LoadProgress, total: Option<u64>) -> Progress {
    match progress.stage {
        Stage::Reading => Progress::Downloading { received: progress.done as u64, total },
        Stage::Indexing => Progress::Preparing((progress.fraction() * 100.0) as u8),
    }
}

/// Where the bundle's bytes come from.
enum Source {
    /// A download, read chunk by chunk; `length` when the server gave the file's length.
    Stream { reader: ReadableStreamDefaultReader, length: Option<u64> },
    /// The text inlined in the page, handed over a slice at a time from `at`.
    Inline { text: JsString, at: u32 },
}

impl Source {
    fn length(&self) -> Option<u64> {
        match self {
            Source::Stream { length, .. } => *length,
            Source::Inline { .. } => None,
        }
    }

    /// The next bytes; `None` at the end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, JsValue> {
        match self {
            Source::Stream { reader, .. } => {
                let chunk = JsFuture::from(reader.read()).await?;
                if Reflect::get(&chunk, &"done".into())?.as_bool().unwrap_or(true) {
                    return Ok(None);
                }
                let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.unchecked_into();
                Ok(Some(value.to_vec()))
            }
            Source::Inline { text, at } => {
                let len = text.length();
                if *at >= len {
                    return Ok(None);
                }
                let mut end = at.saturating_add(INLINE_CHUNK).min(len);
                // Never split a surrogate pair: the half left behind would not be text.
                if end < len && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
                    end -= 1;
                }
                let piece = String::from(text.slice(*at, end));
                *at = end;
                Ok(Some(piece.into_bytes()))
            }
        }
    }
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

fn inline_bundle() -> Option<JsString> {
    let element = web_sys::window()?.document()?.get_element_by_id(INLINE_BUNDLE_ID)?;
    Reflect::get(&element, &"textContent".into()).ok()?.dyn_into::<JsString>().ok()
}

/// Starts the download (or takes the one boot.js started) and opens its body.
async fn download(url: &str) -> Result<Source, LoadError> {
    let net = |e: JsValue| LoadError::Network { url: url.to_string(), detail: describe(&e) };
    let window = web_sys::window().ok_or_else(|| net(JsValue::from_str("no window")))?;
    let request = prefetched(&window, url).unwrap_or_else(|| window.fetch_with_str(url));
    let response: Response = JsFuture::from(request).await.map_err(net)?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { url: url.to_string(), status: response.status() });
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    // A compressed transfer's Content-Length counts compressed bytes, not the bytes read.
    let identity = header("content-encoding").is_none_or(|e| e.eq_ignore_ascii_case("identity"));
    let length = header("content-length").and_then(|v| v.parse().ok()).filter(|_| identity);
    let body = response.body().ok_or_else(|| net(JsValue::from_str("the response has no body")))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    Ok(Source::Stream { reader, length })
}

/// The download of `url` that boot.js started before the wasm, taken so it is used only once.
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
