//! Fetches the bundle, reporting bytes as they arrive, and turns it into a ready engine. Every
//! way this can fail becomes a [`LoadError`] the error page explains; nothing panics.

use js_sys::{Reflect, Uint8Array};
use seed_core::{Bundle, BundleError, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response};

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

/// Bytes received so far and the expected total when the server says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: u64,
    /// Content-Length, if known.
    pub total: Option<u64>,
}

/// The id of the `<script type="application/json">` element that carries the bundle in the
/// single-file (USB) build written by `seeds pack`.
pub const INLINE_BUNDLE_ID: &str = "seed-bundle";

/// Loads the bundle: the one inlined in the page when there is one (the `file://` build),
/// otherwise downloaded from `url`, calling `on_progress` as bytes arrive.
pub async fn load(url: &str, on_progress: impl Fn(Progress)) -> Result<Engine, LoadError> {
    let text = match inline_bundle() {
        Some(text) => text,
        None => download(url, on_progress).await?,
    };
    let bundle = Bundle::from_json(&text)
        .map_err(|error| LoadError::Bundle { url: url.to_string(), error })?;
    Ok(Engine::new(bundle))
}

fn inline_bundle() -> Option<String> {
    web_sys::window()?.document()?.get_element_by_id(INLINE_BUNDLE_ID)?.text_content()
}

async fn download(url: &str, on_progress: impl Fn(Progress)) -> Result<String, LoadError> {
    let net = |e: JsValue| LoadError::Network { url: url.to_string(), detail: describe(&e) };
    let window = web_sys::window().ok_or_else(|| net(JsValue::from_str("no window")))?;
    let response: Response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(net)?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { url: url.to_string(), status: response.status() });
    }
    let total =
        response.headers().get("content-length").ok().flatten().and_then(|v| v.parse().ok());
    let bytes = read_body(&response, total, &on_progress).await.map_err(net)?;
    String::from_utf8(bytes).map_err(|e| LoadError::Bundle {
        url: url.to_string(),
        error: BundleError::Malformed(format!("not UTF-8: {e}")),
    })
}

async fn read_body(
    response: &Response,
    total: Option<u64>,
    on_progress: &impl Fn(Progress),
) -> Result<Vec<u8>, JsValue> {
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(total.unwrap_or(0) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.as_bool().unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        on_progress(Progress { received: bytes.len() as u64, total });
    }
    Ok(bytes)
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}
