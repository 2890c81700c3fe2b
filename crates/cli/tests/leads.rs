//! `seeds leads keygen|open` on real files: a key made by the real binary, exports written the
//! way the kiosk writes them (the same envelope, sealed by the library), and the sheet the
//! exhibitor opens — decrypted, merged without duplicates, formulas neutralised; a wrong
//! passphrase or a changed file is refused with nothing written.

mod common;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use calamine::{open_workbook, Reader, Xlsx};
use common::{build_valid, read_json, seeds, seeds_ok, stderr};
use p256::PublicKey;
use seeds::leads::{seal, Envelope, FollowUp, Lead, EXPORT_FORMAT, PASSPHRASE_ENV};
use serde_json::json;

const PASSPHRASE: &str = "booth staff only 2026";

/// A key made by `seeds leads keygen` in `dir`: (key file, passphrase file, public key).
fn keygen(dir: &Path) -> (PathBuf, PathBuf, PublicKey) {
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let key = dir.join("staff.key");
    let o = seeds_ok(&[
        "leads",
        "keygen",
        "-o",
        key.to_str().unwrap(),
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    let printed = String::from_utf8(o.stdout).unwrap();
    let raw = base64::engine::general_purpose::STANDARD.decode(printed.trim()).unwrap();
    (key, pass, PublicKey::from_sec1_bytes(&raw).expect("the printed key is a P-256 point"))
}

fn lead(n: usize, seeds: &[&str]) -> Lead {
    Lead {
        id: format!("00000000-0000-4000-8000-{n:012}"),
        created: format!("2026-12-04T10:{:02}:00.000Z", n % 60),
        lang: "ja".into(),
        name: format!("来場者 {n}"),
        organisation: "株式会社サンプル".into(),
        title: "研究開発部".into(),
        email: format!("visitor{n}@example.com"),
        phone: String::new(),
        seeds: seeds.iter().map(|s| s.to_string()).collect(),
        message: "詳しく知りたい".into(),
        follow_up: FollowUp::Email,
        consent: "個人情報の取り扱いに同意します".into(),
    }
}

fn sealed(public: &PublicKey, l: &Lead) -> Envelope {
    seal(public, &l.id, &serde_json::to_vec(l).unwrap())
}

fn write_export(path: &Path, envelopes: &[Envelope]) -> PathBuf {
    let export = json!({"format": EXPORT_FORMAT, "version": 1, "exported": "2026-12-04T18:00:00Z", "leads": envelopes});
    std::fs::write(path, serde_json::to_string(&export).unwrap()).unwrap();
    path.to_path_buf()
}

fn open_args<'a>(
    exports: &'a [PathBuf],
    key: &'a Path,
    pass: &'a Path,
    out: &'a Path,
) -> Vec<&'a str> {
    let mut args = vec!["leads", "open"];
    args.extend(exports.iter().map(|p| p.to_str().unwrap()));
    args.extend([
        "--key",
        key.to_str().unwrap(),
        "--passphrase-file",
        pass.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    args
}

/// The CSV's records (BOM checked and removed).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with BOM, so Excel reads it as UTF-8");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
    r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

#[test]
fn keygen_writes_an_encrypted_pkcs8_key_and_prints_the_public_key() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pass, _) = keygen(dir.path());
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{text}");
    // Never overwritten, and a short passphrase is refused.
    let o = seeds(&[
        "leads",
        "keygen",
        "-o",
        key.to_str().unwrap(),
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), text);
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "1234").unwrap();
    let other = dir.path().join("other.key");
    let o = seeds(&[
        "leads",
        "keygen",
        "-o",
        other.to_str().unwrap(),
        "--passphrase-file",
        short.to_str().unwrap(),
    ]);
    assert!(!o.status.success() && stderr(&o).contains("at least"), "{}", stderr(&o));
    assert!(!other.exists());
}

#[test]
fn open_decrypts_every_lead_into_a_csv_with_titles_and_institutions_from_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pass, public) = keygen(dir.path());
    let bundle_path = build_valid(dir.path(), &[]);
    let bundle = read_json(&bundle_path);
    let first = bundle["seeds"][0].clone();
    let id = first["id"].as_str().unwrap();
    let leads: Vec<Lead> = (0..3).map(|n| lead(n, &[id])).collect();
    let export = write_export(
        &dir.path().join("e.json"),
        &leads.iter().map(|l| sealed(&public, l)).collect::<Vec<_>>(),
    );
    let out = dir.path().join("leads.csv");
    let mut args = open_args(std::slice::from_ref(&export), &key, &pass, &out);
    args.extend(["--bundle", bundle_path.to_str().unwrap()]);
    seeds_ok(&args);
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 4, "a heading and one row per lead");
    assert_eq!(rows[0][1], "Name");
    for (row, l) in rows[1..].iter().zip(&leads) {
        assert_eq!((&row[1], &row[4], &row[13]), (&l.name, &l.email, &l.id));
        assert_eq!(row[8], id);
        assert_eq!(row[9], first["title_ja"].as_str().unwrap());
        let institution = first["institution"].as_str().unwrap();
        let name = bundle["institutions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == institution)
            .unwrap()["name_ja"]
            .clone();
        assert_eq!(row[10], name.as_str().unwrap());
    }
}

#[test]
fn several_exports_merge_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pass, public) = keygen(dir.path());
    let all: Vec<Envelope> = (0..5).map(|n| sealed(&public, &lead(n, &[]))).collect();
    // Monday's export (0-2) and Tuesday's, taken without clearing (0-4): five leads in all.
    let monday = write_export(&dir.path().join("mon.json"), &all[..3]);
    let tuesday = write_export(&dir.path().join("tue.json"), &all);
    let out = dir.path().join("leads.csv");
    seeds_ok(&open_args(&[monday, tuesday.clone(), tuesday], &key, &pass, &out));
    let rows = csv_rows(&out);
    let mut ids: Vec<&str> = rows[1..].iter().map(|r| r[13].as_str()).collect();
    assert_eq!(ids.len(), 5);
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

#[test]
fn a_wrong_passphrase_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _, public) = keygen(dir.path());
    let export = write_export(&dir.path().join("e.json"), &[sealed(&public, &lead(1, &[]))]);
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "booth staff only 2025").unwrap();
    let out = dir.path().join("leads.xlsx");
    let o = seeds(&open_args(std::slice::from_ref(&export), &key, &wrong, &out));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    assert!(!out.exists());
    // The passphrase may also come from the environment (scripts).
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_seeds"))
        .args(["leads", "open", export.to_str().unwrap(), "--key", key.to_str().unwrap()])
        .args(["-o", out.to_str().unwrap()])
        .env(PASSPHRASE_ENV, PASSPHRASE)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn a_tampered_export_is_refused_naming_the_lead_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pass, public) = keygen(dir.path());
    let mut envelopes: Vec<Envelope> = (0..3).map(|n| sealed(&public, &lead(n, &[]))).collect();
    // One character of the second lead's ciphertext changed.
    let ct = &mut envelopes[1].ct;
    let c = if ct.starts_with('A') { "B" } else { "A" };
    ct.replace_range(0..1, c);
    let export = write_export(&dir.path().join("e.json"), &envelopes);
    let out = dir.path().join("leads.csv");
    let o = seeds(&open_args(&[export], &key, &pass, &out));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("lead 2") && err.contains("tampered"), "{err}");
    assert!(!out.exists());
    // Encrypted to another key: said so.
    let other = tempfile::tempdir().unwrap();
    let (_, _, other_public) = keygen(other.path());
    let export = write_export(&dir.path().join("o.json"), &[sealed(&other_public, &lead(9, &[]))]);
    let o = seeds(&open_args(&[export], &key, &pass, &out));
    assert!(stderr(&o).contains("another key"), "{}", stderr(&o));
    assert!(!out.exists());
    // Not an export at all.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"leads\": 3}").unwrap();
    let o = seeds(&open_args(&[junk], &key, &pass, &out));
    assert!(stderr(&o).contains("not a leads export"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn hostile_text_is_kept_as_text_and_formulas_are_neutralised_in_csv_and_excel() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pass, public) = keygen(dir.path());
    let long = "長".repeat(40_000);
    let mut l = lead(1, &[]);
    l.name = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    l.organisation = "@SUM(1+1)*cmd|' /C calc'!A0".into();
    l.title = "<script>alert(1)</script>".into();
    l.phone = "+81-3-1234-5678".into();
    l.message = format!("-1 🙂 مرحبا بالعالم {long}");
    let export = write_export(&dir.path().join("e.json"), &[sealed(&public, &l)]);
    let csv_out = dir.path().join("leads.csv");
    seeds_ok(&open_args(std::slice::from_ref(&export), &key, &pass, &csv_out));
    let row = &csv_rows(&csv_out)[1];
    assert_eq!(row[1], format!("'{}", l.name));
    assert_eq!(row[2], format!("'{}", l.organisation));
    assert_eq!(row[3], l.title);
    assert_eq!(row[5], format!("'{}", l.phone));
    assert_eq!(row[7], format!("'{}", l.message));

    let xlsx_out = dir.path().join("leads.xlsx");
    seeds_ok(&open_args(&[export], &key, &pass, &xlsx_out));
    let mut book: Xlsx<_> = open_workbook(&xlsx_out).unwrap();
    let sheet = book.worksheet_range("Leads").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(cell(1, 1), format!("'{}", l.name));
    assert_eq!(cell(1, 3), l.title);
    // Excel holds 32,767 characters a cell: the message continues on "Long texts", whole.
    let long_texts = book.worksheet_range("Long texts").unwrap();
    let parts: String =
        long_texts.rows().skip(1).filter(|r| r[1] == "Message").map(|r| r[3].to_string()).collect();
    assert_eq!(parts, format!("'{}", l.message));
    assert!(cell(1, 7).chars().count() <= 32_767);
}
