//! `seeds leads keygen|open`: the exhibitor's side of booth leads (docs/leads.md).
//!
//! The kiosk encrypts every lead to the exhibitor's public key before it stores it, with ECIES
//! on P-256: a fresh ephemeral key pair per lead, ECDH with the exhibitor's key, HKDF-SHA256
//! and AES-256-GCM. `keygen` makes the key pair and keeps the private key as passphrase-
//! protected PKCS#8 (PBES2: scrypt + AES-256-CBC); `open` decrypts exported leads and writes
//! them as an Excel or CSV sheet. The format is documented in docs/leads.md; the primitives
//! are RustCrypto's (`p256`, `hkdf`, `sha2`, `aes-gcm`, `pkcs8`), the browser's are WebCrypto.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use anyhow::{bail, Context, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use clap::{Args, Subcommand};
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use p256::{PublicKey, SecretKey};
use rand_core::{OsRng, RngCore};
use seed_core::Bundle;
use sha2::{Digest, Sha256};

pub use seed_leads::{
    Envelope, Export, FollowUp, Lead, EXPORT_FORMAT, NONCE_BYTES, SALT_BYTES, VERSION,
};

/// The environment variable a script may give the passphrase in.
pub const PASSPHRASE_ENV: &str = "SEEDS_LEADS_PASSPHRASE";
/// The shortest passphrase `keygen` accepts.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// Excel's limit on the characters in one cell; longer texts continue on the "Long texts" sheet.
pub const XLSX_CELL_MAX: usize = 32_767;

/// Arguments of `seeds leads`.
#[derive(Subcommand)]
pub enum LeadsCommand {
    /// Make the exhibitor's key pair: the passphrase-protected private key goes into the
    /// file, the public key (for config.json) is printed.
    Keygen(KeygenArgs),
    /// Decrypt exported leads (one or more files from the kiosk's staff screen) into an
    /// Excel (.xlsx) or CSV (.csv) sheet, one row per lead, without duplicates.
    Open(OpenArgs),
}

/// Where the passphrase comes from when not typed.
#[derive(Args, Clone, Default)]
pub struct PassphraseArgs {
    /// Read the passphrase from the first line of this file instead of asking.
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

/// Arguments of `seeds leads keygen`.
#[derive(Args)]
pub struct KeygenArgs {
    /// Where to write the private key (never overwritten).
    #[arg(short, long)]
    output: PathBuf,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Arguments of `seeds leads open`.
#[derive(Args)]
pub struct OpenArgs {
    /// Export files from the kiosk (seed-explorer-leads-*.json).
    #[arg(required = true)]
    exports: Vec<PathBuf>,
    /// The private key file written by `seeds leads keygen`.
    #[arg(long)]
    key: PathBuf,
    /// The sheet to write: .xlsx (Excel) or .csv (UTF-8 with BOM).
    #[arg(short, long)]
    output: PathBuf,
    /// The catalogue, for the seeds' titles and institutions.
    #[arg(long)]
    bundle: Option<PathBuf>,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Runs a `seeds leads` command.
pub fn run(command: &LeadsCommand) -> Result<ExitCode> {
    match command {
        LeadsCommand::Keygen(args) => keygen(args),
        LeadsCommand::Open(args) => open(args),
    }
}

fn keygen(args: &KeygenArgs) -> Result<ExitCode> {
    if args.output.exists() {
        bail!(
            "{} already exists; a key is never overwritten (the leads encrypted to it could not be read any more)",
            args.output.display()
        );
    }
    let passphrase = passphrase(&args.passphrase, true)?;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        bail!("the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters");
    }
    let secret = SecretKey::random(&mut OsRng);
    let pem = secret
        .to_pkcs8_encrypted_pem(OsRng, passphrase.as_bytes(), LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot encrypt the key: {e}"))?;
    write_new(&args.output, pem.as_bytes())?;
    let public = public_key_text(&secret.public_key());
    println!("{public}");
    eprintln!(
        "seeds: wrote the private key to {} (key id {}). Put the public key above in config.json:\n  \"leads\": {{ \"public_key\": \"{public}\", \"exhibitor\": {{ \"ja\": \"…\", \"en\": \"…\" }} }}\nKeep the key file and its passphrase apart, and off the kiosk.",
        args.output.display(),
        key_id(&secret.public_key())
    );
    Ok(ExitCode::SUCCESS)
}

/// The public key as config.json holds it: base64 of the uncompressed SEC1 point (65 bytes),
/// which WebCrypto imports as a "raw" P-256 key.
pub fn public_key_text(public: &PublicKey) -> String {
    B64.encode(public.to_encoded_point(false).as_bytes())
}

/// The key id of a public key ([`seed_leads::key_id`] of its SHA-256).
pub fn key_id(public: &PublicKey) -> String {
    seed_leads::key_id(&Sha256::digest(public.to_encoded_point(false).as_bytes()))
}

/// Reads a private key file with its passphrase.
pub fn load_key(path: &Path, passphrase: &str) -> Result<SecretKey> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if !text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        bail!("{} is not a key written by `seeds leads keygen`", path.display());
    }
    SecretKey::from_pkcs8_encrypted_pem(&text, passphrase.as_bytes()).map_err(|_| {
        anyhow::anyhow!(
            "cannot unlock {}: wrong passphrase (or the key file is damaged)",
            path.display()
        )
    })
}

/// The passphrase: from `--passphrase-file`, else [`PASSPHRASE_ENV`], else asked on the
/// terminal (twice when `confirm`).
fn passphrase(args: &PassphraseArgs, confirm: bool) -> Result<String> {
    if let Some(file) = &args.passphrase_file {
        let text =
            fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        return Ok(text.lines().next().unwrap_or_default().to_string());
    }
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    let first = rpassword::prompt_password("Passphrase: ")
        .context("cannot read the passphrase (give --passphrase-file in scripts)")?;
    if confirm {
        let again = rpassword::prompt_password("Passphrase again: ")?;
        if again != first {
            bail!("the two passphrases differ");
        }
    }
    Ok(first)
}

/// Encrypts `plaintext` to `recipient` (what the kiosk does with WebCrypto; used by tests and
/// to check the two implementations agree).
pub fn seal(recipient: &PublicKey, id: &str, plaintext: &[u8]) -> Envelope {
    let ephemeral = p256::ecdh::EphemeralSecret::random(&mut OsRng);
    let epk = ephemeral.public_key().to_encoded_point(false);
    let shared = ephemeral.diffie_hellman(recipient);
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let key = derive(shared.raw_secret_bytes(), &salt, epk.as_bytes(), recipient);
    let ct = Aes256Gcm::new(&key.into())
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: id.as_bytes() })
        .expect("AES-GCM encrypts any message of a lead's size");
    Envelope::new(
        id,
        &key_id(recipient),
        B64.encode(epk.as_bytes()),
        B64.encode(salt),
        B64.encode(nonce),
        B64.encode(ct),
    )
}

fn derive(shared: &[u8], salt: &[u8], epk: &[u8], recipient: &PublicKey) -> [u8; 32] {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(salt), shared)
        .expand(&seed_leads::hkdf_info(epk, recipient.to_encoded_point(false).as_bytes()), &mut key)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    key
}

/// Why an envelope could not be opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    /// Not a lead of a format and version this build reads.
    #[error("not a lead this version of seeds reads (format {0:?}, version {1}, scheme {2:?})")]
    Format(String, u32, String),
    /// Encrypted to another key.
    #[error("it was encrypted to another key (key id {0}; this key is {1})")]
    OtherKey(String, String),
    /// A field is not base64 of the right length, or the key point is not on the curve.
    #[error("its {0} is damaged")]
    Damaged(&'static str),
    /// Authentication failed: changed after it was written.
    #[error(
        "it does not decrypt: the file was changed after the kiosk wrote it (tampered or damaged)"
    )]
    Tampered,
}

/// Decrypts an envelope with `secret`; any change to any field makes it fail.
pub fn unseal(secret: &SecretKey, e: &Envelope) -> Result<Vec<u8>, OpenError> {
    if !e.is_readable() {
        return Err(OpenError::Format(e.format.clone(), e.version, e.scheme.clone()));
    }
    let public = secret.public_key();
    let ours = key_id(&public);
    if e.key != ours {
        return Err(OpenError::OtherKey(e.key.clone(), ours));
    }
    let bytes = |field: &'static str, text: &str, len: Option<usize>| {
        B64.decode(text)
            .ok()
            .filter(|b| len.is_none_or(|n| b.len() == n))
            .ok_or(OpenError::Damaged(field))
    };
    let epk = bytes("ephemeral key", &e.epk, Some(65))?;
    let salt = bytes("salt", &e.salt, Some(SALT_BYTES))?;
    let nonce = bytes("nonce", &e.nonce, Some(NONCE_BYTES))?;
    let ct = bytes("ciphertext", &e.ct, None)?;
    let their =
        PublicKey::from_sec1_bytes(&epk).map_err(|_| OpenError::Damaged("ephemeral key"))?;
    let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), their.as_affine());
    let key = derive(shared.raw_secret_bytes(), &salt, &epk, &public);
    Aes256Gcm::new(&key.into())
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &ct, aad: e.id.as_bytes() })
        .map_err(|_| OpenError::Tampered)
}

/// Reads the export files and decrypts every lead: all of them or an error naming the file
/// and the lead. The same lead in several exports counts once; two different leads with one
/// id are an error.
pub fn open_all(secret: &SecretKey, files: &[PathBuf]) -> Result<Vec<Lead>> {
    let mut leads: BTreeMap<String, Lead> = BTreeMap::new();
    for file in files {
        let text =
            fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let export: Export = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!("{}: not a leads export from the kiosk ({e})", file.display())
        })?;
        if export.format != EXPORT_FORMAT || export.version != VERSION {
            bail!(
                "{}: not a leads export this version of seeds reads (format {:?}, version {})",
                file.display(),
                export.format,
                export.version
            );
        }
        for (n, envelope) in export.leads.iter().enumerate() {
            let place = || format!("{}: lead {} (id {})", file.display(), n + 1, envelope.id);
            let plain =
                unseal(secret, envelope).map_err(|e| anyhow::anyhow!("{}: {e}", place()))?;
            let lead: Lead = serde_json::from_slice(&plain)
                .map_err(|e| anyhow::anyhow!("{}: decrypted, but not a lead ({e})", place()))?;
            if lead.id != envelope.id {
                bail!("{}: the lead inside has another id ({})", place(), lead.id);
            }
            match leads.get(&lead.id) {
                Some(seen) if *seen != lead => {
                    bail!("{}: another lead with the same id was read before", place())
                }
                Some(_) => {}
                None => {
                    leads.insert(lead.id.clone(), lead);
                }
            }
        }
    }
    let mut out: Vec<Lead> = leads.into_values().collect();
    out.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
    Ok(out)
}

fn open(args: &OpenArgs) -> Result<ExitCode> {
    let kind = match args.output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Sheet::Xlsx,
        Some(e) if e.eq_ignore_ascii_case("csv") => Sheet::Csv,
        _ => bail!("{}: the output must end in .xlsx or .csv", args.output.display()),
    };
    let bundle = match &args.bundle {
        Some(path) => {
            let text =
                fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            Some(Bundle::from_json(&text).with_context(|| format!("reading {}", path.display()))?)
        }
        None => None,
    };
    let secret = load_key(&args.key, &passphrase(&args.passphrase, false)?)?;
    let leads = open_all(&secret, &args.exports)?;
    let rows: Vec<Vec<String>> = leads.iter().map(|l| row(l, bundle.as_ref())).collect();
    let bytes = match kind {
        Sheet::Csv => csv_bytes(&rows)?,
        Sheet::Xlsx => xlsx_bytes(&rows)?,
    };
    write_replacing(&args.output, &bytes)?;
    eprintln!(
        "seeds: {} leads from {} export file(s) written to {}",
        leads.len(),
        args.exports.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

enum Sheet {
    Xlsx,
    Csv,
}

/// The sheet's column headings.
pub const HEADINGS: [&str; 14] = [
    "Received",
    "Name",
    "Organisation",
    "Department / title",
    "E-mail",
    "Phone",
    "Follow-up",
    "Message",
    "Seed ids",
    "Seed titles",
    "Institutions",
    "Language",
    "Consent (notice shown)",
    "Lead id",
];

fn row(l: &Lead, bundle: Option<&Bundle>) -> Vec<String> {
    let seed = |id: &String| bundle.and_then(|b| b.seed_index(id).map(|i| &b.seeds[i]));
    let titles: Vec<String> = l
        .seeds
        .iter()
        .map(|id| seed(id).map_or("?".into(), |s| s.title_ja().to_string()))
        .collect();
    let mut institutions: Vec<String> = Vec::new();
    for id in &l.seeds {
        if let (Some(s), Some(b)) = (seed(id), bundle) {
            let name = b
                .institution(s.institution())
                .map_or(s.institution().to_string(), |i| i.name_ja.clone());
            if !institutions.contains(&name) {
                institutions.push(name);
            }
        }
    }
    let follow_up = match l.follow_up {
        FollowUp::Booth => "Meet at the booth / ブースで面談",
        FollowUp::Email => "E-mail later / 後日メール",
    };
    vec![
        l.created.clone(),
        l.name.clone(),
        l.organisation.clone(),
        l.title.clone(),
        l.email.clone(),
        l.phone.clone(),
        follow_up.to_string(),
        l.message.clone(),
        l.seeds.join("\n"),
        if bundle.is_some() { titles.join("\n") } else { String::new() },
        institutions.join("\n"),
        l.lang.clone(),
        l.consent.clone(),
        l.id.clone(),
    ]
    .into_iter()
    .map(|c| neutralise(&c))
    .collect()
}

/// A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, as OWASP recommends against CSV injection.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn csv_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(HEADINGS)?;
        for r in rows {
            w.write_record(r)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn xlsx_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut long: Vec<(String, &str, usize, String)> = Vec::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Leads")?;
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let parts = split_chars(cell, XLSX_CELL_MAX);
            sheet.write_string(r as u32 + 1, c as u16, &parts[0])?;
            if parts.len() > 1 {
                for (i, part) in parts.into_iter().enumerate() {
                    long.push((cells[13].clone(), HEADINGS[c], i + 1, part));
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !long.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Long texts")?;
        for (c, h) in ["Lead id", "Column", "Part", "Text"].iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, (id, column, part, text)) in long.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, id)?;
            sheet.write_string(r, 1, *column)?;
            sheet.write_number(r, 2, *part as f64)?;
            sheet.write_string(r, 3, text)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

/// `text` in pieces of at most `max` characters (one empty piece for empty text).
fn split_chars(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(max).map(|c| c.iter().collect()).collect()
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

/// Writes a file whole or not at all: into a temporary file beside it, then renamed.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("partial");
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_lead_opens_with_its_key_and_with_no_other() {
        let secret = SecretKey::random(&mut OsRng);
        let e = seal(&secret.public_key(), "id-1", "名前 🙂 مرحبا".as_bytes());
        assert_eq!(unseal(&secret, &e).unwrap(), "名前 🙂 مرحبا".as_bytes());
        let other = SecretKey::random(&mut OsRng);
        assert!(matches!(unseal(&other, &e), Err(OpenError::OtherKey(..))));
    }

    #[test]
    fn any_changed_field_makes_the_lead_refuse_to_open() {
        let secret = SecretKey::random(&mut OsRng);
        let e = seal(&secret.public_key(), "id-1", b"hello");
        let flip = |s: &str| {
            let mut b = B64.decode(s).unwrap();
            let mid = b.len() / 2;
            b[mid] ^= 1;
            B64.encode(b)
        };
        let changed = [
            Envelope { id: "id-2".into(), ..e.clone() },
            Envelope { salt: flip(&e.salt), ..e.clone() },
            Envelope { nonce: flip(&e.nonce), ..e.clone() },
            Envelope { ct: flip(&e.ct), ..e.clone() },
            Envelope { epk: flip(&e.epk), ..e.clone() },
        ];
        for c in changed {
            let err = unseal(&secret, &c).unwrap_err();
            assert!(matches!(err, OpenError::Tampered | OpenError::Damaged(_)), "{err:?}");
        }
        assert!(matches!(
            unseal(&secret, &Envelope { version: 2, ..e.clone() }),
            Err(OpenError::Format(..))
        ));
    }

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for f in ["=1+1", "+81 3", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(f), format!("'{f}"));
        }
        for ok in ["", "山田", "a=b", "x@example.jp", " =1"] {
            assert_eq!(neutralise(ok), ok);
        }
    }

    #[test]
    fn long_texts_split_on_characters() {
        assert_eq!(split_chars("", 3), [""]);
        assert_eq!(split_chars("あいうえお", 2), ["あい", "うえ", "お"]);
    }
}
