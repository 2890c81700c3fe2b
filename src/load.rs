//! Fetches the bundle from this site only and turns it into a ready engine as the bytes
//! arrive, in slices of a few dozen milliseconds, so the page keeps painting its progress bar
//! even while 100,000 seeds are read and indexed. A chunk the browser holds already is read at
//! once (a small catalogue then shows before its text is indexed); the seeds read are indexed
//! while the download pauses. The next chunk of the download is read only when the loader has
//! used the last one, so the file is never held whole in memory beside the
//! seeds made from it; a file larger than the configured limit is refused before it is read
//! (by its declared length) or as soon as it grows past it. Every way this can fail becomes a
//! [`LoadError`] the error page explains; nothing panics.

use js_sys::{Array, JsString, Promise, Reflect, Uint8Array};
use seed_core::loader::{LoadProgress, Loader, Stage, Step};
use seed_core::{BundleError, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, ReadableStreamDefaultReader, Response};

use crate::download::{self, Budget};
use crate::pace::Pace;
use crate::platform::{self, now_ms as now};

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
    /// Reading the bundle as it downloads (the seeds read are indexed while the download
    /// pauses): bytes read so far and the file's length when the server says it.
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

/// Work done between two returns to the browser's event loop, in ms. Each step is sized to
/// take a few milliseconds ([`Pace`]), so no task runs much longer than this.
const SLICE_MS: f64 = 20.0;
/// UTF-16 code units of an inlined bundle handed to the loader at a time.
const INLINE_CHUNK: u32 = 1 << 18;
/// The global that `boot.js` fills with the bundle download it starts before the wasm.
const PREFETCH_GLOBAL: &str = "seedExplorerPrefetch";

/// The id of the `<script type="application/json">` element that carries the bundle in the
/// single-file (USB) build written by `seeds pack`.
pub const INLINE_BUNDLE_ID: &str = "seed-bundle";

/// Where the catalogue comes from, decided before the configuration has loaded so that the
/// download runs meanwhile.
pub enum Origin {
    /// Inlined in the page (the `file://` build).
    Inline(JsString),
    /// Being downloaded from this site.
    Download(Promise),
}

/// Starts getting the bundle: the one inlined in the page when there is one, otherwise the
/// download of `path` (on this site; `None` when `bundle=` was refused) that boot.js started
/// or a new one.
pub fn start(path: Option<&str>) -> Result<Origin, LoadError> {
    if let Some(text) = inline_bundle() {
        return Ok(Origin::Inline(text));
    }
    let path = path.ok_or(LoadError::Foreign)?;
    let window = web_sys::window().ok_or_else(|| net(JsValue::from_str("no window")))?;
    if !same_origin(&window, path) {
        return Err(LoadError::Foreign);
    }
    Ok(Origin::Download(prefetched(path).unwrap_or_else(|| window.fetch_with_str(path))))
}

/// Turns the bundle into an engine (ready to browse; to search, see [`finish_search`]),
/// refusing one of more than `limit` bytes and calling `on_progress` as bytes arrive and seeds
/// are read and indexed.
pub async fn load(
    origin: Origin,
    limit: u64,
    on_progress: impl Fn(Progress),
) -> Result<Engine, LoadError> {
    let mut source = match origin {
        Origin::Inline(text) => Source::Inline { text, at: 0 },
        Origin::Download(request) => download(request, limit).await?,
    };
    let bad = |error| LoadError::Bundle { error };
    let mut budget = Budget::new(limit);
    let mut loader = Loader::new();
    let mut pace = Pace::default();
    let total = source.length();
    // Never more than the limit: a lying Content-Length must not allocate gigabytes.
    if total.is_some() {
        loader.expect_len(budget.initial_capacity(total));
    }
    loop {
        let slice_end = now() + SLICE_MS;
        let progress = loop {
            let started = now();
            // Only steps that did a pace's work are timed for it.
            let (progress, paced) = match loader.step(pace.seeds()).map_err(bad)? {
                Step::Ready(engine) => {
                    // The first results are rendered in a task of their own, not on top of
                    // this slice's loading work.
                    yield_to_browser().await;
                    return Ok(*engine);
                }
                Step::Working(p) => (p, true),
                Step::NeedInput(p) => match source.arrived().await.map_err(net)? {
                    // The download pauses: index what was read meanwhile.
                    Arrival::Later if loader.index_waiting(pace.seeds()) => (p, true),
                    arrival => {
                        let next = match arrival {
                            Arrival::Now(next) => next,
                            Arrival::Later => source.next().await.map_err(net)?,
                        };
                        match next {
                            Some(bytes) => {
                                if budget.take(bytes.len() as u64).is_err() {
                                    source.cancel();
                                    return Err(LoadError::TooLarge { limit });
                                }
                                loader.push(&bytes);
                            }
                            None => loader.end(),
                        }
                        (p, false)
                    }
                },
            };
            let ended = now();
            if paced {
                pace.took(ended - started);
            }
            if ended >= slice_end {
                break progress;
            }
        };
        on_progress(shown(progress, total));
        yield_to_browser().await;
    }
}

/// Finishes what searching text needs for an engine [`load`] handed out before it (a small
/// catalogue shows its start page first), in slices like the loading's, after letting the
/// browser paint that page. A search before the end finishes it at once.
pub async fn finish_search(engine: &Engine) {
    let mut pace = Pace::default();
    while !engine.is_searchable() {
        yield_to_browser().await;
        let slice_end = now() + SLICE_MS;
        loop {
            let started = now();
            if started >= slice_end {
                break;
            }
            let done = engine.prepare_search(pace.seeds());
            pace.took(now() - started);
            if done {
                return;
            }
        }
    }
}

/// True when `path`, resolved against the page, is on the page's own origin: the check
/// behind [`crate::bundle_path`]'s rules, with the browser's own URL parser.
fn same_origin(window: &web_sys::Window, path: &str) -> bool {
    let location = window.location();
    let (Ok(here), Ok(origin)) = (location.href(), location.origin()) else { return false };
    web_sys::Url::new_with_base(path, &here).is_ok_and(|u| u.origin() == origin)
}

fn net(e: JsValue) -> LoadError {
    LoadError::Network { detail: describe(&e) }
}

/// What the progress bar shows for the loader's progress.
fn shown(progress: LoadProgress, total: Option<u64>) -> Progress {
    match progress.stage {
        Stage::Reading => {
            let received = progress.done as u64;
            Progress::Downloading { received, total: download::shown_total(received, total) }
        }
        Stage::Indexing => Progress::Preparing((progress.fraction() * 100.0) as u8),
    }
}

/// Where the bundle's bytes come from.
enum Source {
    /// A download, read chunk by chunk; `length` when the server gave the file's length;
    /// `pending` a read that had not settled when last looked at.
    Stream { reader: ReadableStreamDefaultReader, length: Option<u64>, pending: Option<Promise> },
    /// The text inlined in the page, handed over a slice at a time from `at`.
    Inline { text: JsString, at: u32 },
}

impl Source {
    /// Stops a download that will not be used.
    fn cancel(&self) {
        if let Source::Stream { reader, .. } = self {
            let _ = reader.cancel();
        }
    }

    fn length(&self) -> Option<u64> {
        match self {
            Source::Stream { length, .. } => *length,
            Source::Inline { .. } => None,
        }
    }

    /// The next bytes if they have arrived, without waiting for more.
    async fn arrived(&mut self) -> Result<Arrival, JsValue> {
        let Source::Stream { reader, pending, .. } = self else {
            return Ok(Arrival::Now(self.next().await?));
        };
        let read = pending.get_or_insert_with(|| reader.read());
        // A read the stream answers from bytes it holds has settled already, and the race
        // lists it before the value that settles the race when it has not.
        let first = JsFuture::from(Promise::race(&Array::of2(read, &JsValue::UNDEFINED))).await?;
        if first.is_undefined() {
            return Ok(Arrival::Later);
        }
        *pending = None;
        Ok(Arrival::Now(chunk_bytes(&first)?))
    }

    /// The next bytes; `None` at the end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, JsValue> {
        match self {
            Source::Stream { reader, pending, .. } => {
                let read = pending.take().unwrap_or_else(|| reader.read());
                chunk_bytes(&JsFuture::from(read).await?)
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

/// What [`Source::arrived`] found.
enum Arrival {
    /// The next bytes (`None` at the end).
    Now(Option<Vec<u8>>),
    /// Nothing yet: the download is still under way.
    Later,
}

/// The bytes of a stream reader's chunk; `None` when the stream is done.
fn chunk_bytes(chunk: &JsValue) -> Result<Option<Vec<u8>>, JsValue> {
    if Reflect::get(chunk, &"done".into())?.as_bool().unwrap_or(true) {
        return Ok(None);
    }
    let value: Uint8Array = Reflect::get(chunk, &"value".into())?.unchecked_into();
    Ok(Some(value.to_vec()))
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

fn inline_bundle() -> Option<JsString> {
    let element = web_sys::window()?.document()?.get_element_by_id(INLINE_BUNDLE_ID)?;
    Reflect::get(&element, &"textContent".into()).ok()?.dyn_into::<JsString>().ok()
}

/// Opens the body of the download, refusing one whose declared length is over `limit`.
async fn download(request: Promise, limit: u64) -> Result<Source, LoadError> {
    let response: Response = JsFuture::from(request).await.map_err(net)?.unchecked_into();
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
    let length = download::expected_total(length.as_deref(), encoding.as_deref());
    let body = response.body().ok_or_else(|| net(JsValue::from_str("the response has no body")))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    Ok(Source::Stream { reader, length, pending: None })
}

/// The download of `url` that boot.js started before the wasm, taken so it is used only once.
/// (boot.js starts none for a `bundle=` it refuses.)
fn prefetched(url: &str) -> Option<Promise> {
    let prefetch = platform::take_boot_global(PREFETCH_GLOBAL)?;
    let same_url = Reflect::get(&prefetch, &"url".into()).ok()?.as_string()? == url;
    let response = Reflect::get(&prefetch, &"response".into()).ok()?.dyn_into::<Promise>().ok()?;
    same_url.then_some(response)
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}
