//! The browser side of booth leads: encryption with WebCrypto and the IndexedDB store.
//!
//! Each lead is encrypted to the exhibitor's public key (ECIES: an ephemeral P-256 key pair,
//! ECDH, HKDF-SHA256, AES-256-GCM; see docs/leads.md) before anything is written, so the store
//! holds only ciphertext. Each lead is written in ONE IndexedDB transaction together with its
//! per-seed interest entries, committed with strict durability: a page closed mid-write
//! leaves the whole lead or nothing. The store outlives reloads, kiosk resets and closed tabs;
//! only "clear after export" on the staff screen deletes, and only what was exported.

use std::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use seed_leads::{hkdf_info, key_id, Envelope, NONCE_BYTES, SALT_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CryptoKey, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use crate::leads;

/// The IndexedDB database of leads.
const DB_NAME: &str = "seed-explorer-leads";
/// Its schema version.
const DB_VERSION: u32 = 1;
/// Encrypted leads: key = lead id, value = the envelope as JSON text.
const LEADS: &str = "leads";
/// Interest entries: key = [seed id, lead id], value = the seed id (not personal: it says
/// which seeds were asked about, never by whom).
const INTEREST: &str = "interest";

/// Why the store could not do something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage for the site is full.
    Full,
    /// No IndexedDB or WebCrypto (a private window, a policy), or another failure: the
    /// browser's own message.
    Failed(String),
}

impl StoreError {
    fn from_js(e: JsValue) -> StoreError {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .or_else(|| Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()))
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            return StoreError::Full;
        }
        let message = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".into());
        StoreError::Failed(format!("{name} {message}").trim().to_string())
    }
}

type Result<T> = std::result::Result<T, StoreError>;

/// The exhibitor's public key, imported.
#[derive(Clone)]
pub struct Recipient {
    key: CryptoKey,
    raw: Vec<u8>,
    /// The key id (as `seeds leads keygen` prints it).
    pub id: String,
}

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    static RECIPIENT: RefCell<Option<Recipient>> = const { RefCell::new(None) };
}

fn subtle() -> Result<web_sys::SubtleCrypto> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StoreError::Failed("no WebCrypto".into()))?;
    Ok(crypto.subtle())
}

async fn wait(p: std::result::Result<Promise, JsValue>) -> Result<JsValue> {
    JsFuture::from(p.map_err(StoreError::from_js)?).await.map_err(StoreError::from_js)
}

/// A plain JS object from key/value pairs (WebCrypto's algorithm parameters).
fn obj(pairs: &[(&str, &JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn bytes(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

fn array_of(items: &[&str]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// Standard base64 through the browser's `btoa`.
fn base64(data: &[u8]) -> String {
    let binary: String = data.iter().map(|&b| char::from(b)).collect();
    web_sys::window().and_then(|w| w.btoa(&binary).ok()).unwrap_or_default()
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
}

fn random(n: usize) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StoreError::Failed("no WebCrypto".into()))?;
    crypto.get_random_values_with_u8_array(&mut buf).map_err(StoreError::from_js)?;
    Ok(buf)
}

/// A new random lead id (a version 4 UUID).
pub fn new_id() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// The time now, ISO 8601 in UTC.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Imports the configured public key (once per page); an error when it is not a P-256 point.
pub async fn recipient(public_key: &str) -> Result<Recipient> {
    if let Some(r) = RECIPIENT.with(|r| r.borrow().clone()) {
        return Ok(r);
    }
    let raw = unbase64(public_key)
        .filter(|b| b.len() == 65)
        .ok_or_else(|| StoreError::Failed("the public key is not base64 of 65 bytes".into()))?;
    let subtle = subtle()?;
    let ecdh = obj(&[("name", &"ECDH".into()), ("namedCurve", &"P-256".into())]);
    let data = Uint8Array::from(raw.as_slice());
    let key: CryptoKey =
        wait(subtle.import_key_with_object("raw", &data, &ecdh, false, &Array::new()))
            .await?
            .unchecked_into();
    let digest = wait(subtle.digest_with_str_and_u8_array("SHA-256", &raw)).await?;
    let r = Recipient { key, id: key_id(&bytes(&digest)), raw };
    RECIPIENT.with(|slot| *slot.borrow_mut() = Some(r.clone()));
    Ok(r)
}

/// Encrypts `plaintext` to `to`: the envelope as JSON text (docs/leads.md).
pub async fn seal(to: &Recipient, id: &str, plaintext: &[u8]) -> Result<String> {
    let subtle = subtle()?;
    let ecdh = obj(&[("name", &"ECDH".into()), ("namedCurve", &"P-256".into())]);
    // The ephemeral private key never leaves WebCrypto (not extractable) and is dropped
    // after this lead.
    let pair =
        wait(subtle.generate_key_with_object(&ecdh, false, &array_of(&["deriveBits"]))).await?;
    let private: CryptoKey =
        Reflect::get(&pair, &"privateKey".into()).map_err(StoreError::from_js)?.unchecked_into();
    let public: CryptoKey =
        Reflect::get(&pair, &"publicKey".into()).map_err(StoreError::from_js)?.unchecked_into();
    let epk = bytes(&wait(subtle.export_key("raw", &public)).await?);
    let derive = obj(&[("name", &"ECDH".into()), ("public", &to.key)]);
    let shared = wait(subtle.derive_bits_with_object(&derive, &private, 256)).await?;
    let ikm: CryptoKey = wait(subtle.import_key_with_object(
        "raw",
        &Uint8Array::new(&shared),
        &obj(&[("name", &"HKDF".into())]),
        false,
        &array_of(&["deriveKey"]),
    ))
    .await?
    .unchecked_into();
    let salt = random(SALT_BYTES)?;
    let nonce = random(NONCE_BYTES)?;
    let info = hkdf_info(&epk, &to.raw);
    let hkdf = obj(&[
        ("name", &"HKDF".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(salt.as_slice())),
        ("info", &Uint8Array::from(info.as_slice())),
    ]);
    let aes = obj(&[("name", &"AES-GCM".into()), ("length", &256.into())]);
    let key: CryptoKey = wait(subtle.derive_key_with_object_and_object(
        &hkdf,
        &ikm,
        &aes,
        false,
        &array_of(&["encrypt"]),
    ))
    .await?
    .unchecked_into();
    let gcm = obj(&[
        ("name", &"AES-GCM".into()),
        ("iv", &Uint8Array::from(nonce.as_slice())),
        ("additionalData", &Uint8Array::from(id.as_bytes())),
    ]);
    let ct = bytes(&wait(subtle.encrypt_with_object_and_u8_array(&gcm, &key, plaintext)).await?);
    let (epk, salt, nonce, ct) = (base64(&epk), base64(&salt), base64(&nonce), base64(&ct));
    let envelope = Envelope::new(id, &to.id, epk, salt, nonce, ct);
    serde_json::to_string(&envelope).map_err(|e| StoreError::Failed(e.to_string()))
}

/// Resolves when `request` succeeds (its result) or fails (its error).
async fn request(request: IdbRequest) -> Result<JsValue> {
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    match JsFuture::from(done).await {
        Ok(_) => request.result().map_err(StoreError::from_js),
        Err(_) => Err(request.error().ok().flatten().map_or_else(
            || StoreError::Failed("request failed".into()),
            |e| StoreError::from_js(e.into()),
        )),
    }
}

/// Resolves when `tx` has committed; its error when it aborted.
async fn committed(tx: &IdbTransaction) -> Result<()> {
    let done = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
        tx.set_onerror(None);
    });
    match JsFuture::from(done).await {
        Ok(_) => Ok(()),
        Err(_) => Err(tx.error().map_or_else(
            || StoreError::Failed("the write was abandoned".into()),
            |e| StoreError::from_js(e.into()),
        )),
    }
}

async fn db() -> Result<IdbDatabase> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| StoreError::Failed("no IndexedDB in this browser".into()))?;
    let open = factory.open_with_u32(DB_NAME, DB_VERSION).map_err(StoreError::from_js)?;
    let target = open.clone();
    let upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(db) = target.result().map(JsCast::unchecked_into::<IdbDatabase>) {
            let names = db.object_store_names();
            for store in [LEADS, INTEREST] {
                if !names.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: IdbDatabase = request(open.unchecked_into()).await?.unchecked_into();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// A transaction over `stores`; read-write ones commit with strict durability (flushed to
/// disk before `complete`, so a power cut after the thank-you screen loses nothing).
fn transaction(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction> {
    let names = array_of(stores);
    if !write {
        return db
            .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readonly)
            .map_err(StoreError::from_js);
    }
    // `transaction(names, mode, {durability})` is not in web-sys' stable API: called by name.
    let method: js_sys::Function =
        Reflect::get(db, &"transaction".into()).map_err(StoreError::from_js)?.unchecked_into();
    let options = obj(&[("durability", &"strict".into())]);
    method
        .call3(db, &names, &"readwrite".into(), &options)
        .map(JsCast::unchecked_into)
        .map_err(StoreError::from_js)
}

fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore> {
    tx.object_store(name).map_err(StoreError::from_js)
}

/// Stores one encrypted lead and its interest entries in one transaction: all or nothing.
pub async fn save(id: &str, envelope: &str, seeds: &[String]) -> Result<()> {
    let db = db().await?;
    let tx = transaction(&db, &[LEADS, INTEREST], true)?;
    store(&tx, LEADS)?.add_with_key(&envelope.into(), &id.into()).map_err(StoreError::from_js)?;
    let interest = store(&tx, INTEREST)?;
    for seed in seeds {
        let key = array_of(&[seed, id]);
        interest.put_with_key(&seed.into(), &key).map_err(StoreError::from_js)?;
    }
    committed(&tx).await
}

/// What the staff screen shows: the number of stored leads and per-seed interest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Encrypted leads in the store.
    pub leads: usize,
    /// (seed id, leads that asked about it), most asked first.
    pub interest: Vec<(String, usize)>,
}

/// Counts the stored leads and interest.
pub async fn summary() -> Result<Summary> {
    let db = db().await?;
    let tx = transaction(&db, &[LEADS, INTEREST], false)?;
    let count = request(store(&tx, LEADS)?.count().map_err(StoreError::from_js)?).await?;
    let seeds = request(store(&tx, INTEREST)?.get_all().map_err(StoreError::from_js)?).await?;
    let seeds: Vec<String> = Array::from(&seeds).iter().filter_map(|v| v.as_string()).collect();
    Ok(Summary {
        leads: count.as_f64().unwrap_or(0.0) as usize,
        interest: leads::interest_counts(&seeds),
    })
}

/// Every stored lead: (ids, envelopes), read in one transaction.
pub async fn all() -> Result<(Vec<String>, Vec<String>)> {
    let db = db().await?;
    let tx = transaction(&db, &[LEADS], false)?;
    let leads = store(&tx, LEADS)?;
    let keys = request(leads.get_all_keys().map_err(StoreError::from_js)?).await?;
    let values = request(leads.get_all().map_err(StoreError::from_js)?).await?;
    let strings =
        |v: &JsValue| Array::from(v).iter().filter_map(|s| s.as_string()).collect::<Vec<_>>();
    let (ids, envelopes) = (strings(&keys), strings(&values));
    if ids.len() != envelopes.len() {
        return Err(StoreError::Failed("the store changed while it was read".into()));
    }
    Ok((ids, envelopes))
}

/// Deletes these leads (only these) in one transaction; their interest entries stay.
pub async fn delete(ids: &[String]) -> Result<()> {
    let db = db().await?;
    let tx = transaction(&db, &[LEADS], true)?;
    let leads = store(&tx, LEADS)?;
    for id in ids {
        leads.delete(&id.into()).map_err(StoreError::from_js)?;
    }
    committed(&tx).await
}

/// Asks the browser to keep the site's storage under storage pressure; whether it is kept.
pub async fn persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    JsFuture::from(storage.persist().ok()?).await.ok()?.as_bool()
}

/// Offers `text` as a download named `name` (a link that is never in the page, so the
/// kiosk's outbound-link guard does not see its click).
pub fn download(name: &str, text: &str) -> Result<()> {
    let parts = Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(StoreError::from_js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(StoreError::from_js)?;
    let link: web_sys::HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")
        .map_err(StoreError::from_js)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    crate::platform::after_this_task(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}
