//! What the CLI makes of a bundle's first bytes: a UTF-8 byte order mark (as Windows editors
//! write) is skipped by `query`, `stats` and `pack`, and a bundle whose `version` is missing or
//! not `MAJOR.MINOR` is damaged — not "of another version".

mod common;

use std::path::{Path, PathBuf};

use common::{build_valid, fake_site, seeds, seeds_ok, stderr};

/// The valid fixture catalogue, written again with a byte order mark in front.
fn bom_bundle(dir: &Path) -> PathBuf {
    let bundle = build_valid(dir, &[]);
    let text = std::fs::read_to_string(&bundle).unwrap();
    let bom = dir.join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{text}")).unwrap();
    bom
}

#[test]
fn query_stats_and_pack_accept_a_bundle_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let plain = build_valid(dir.path(), &[]);
    let bom = bom_bundle(dir.path());
    for command in [&["query", "--json"][..], &["stats"][..]] {
        let run = |bundle: &Path| {
            let mut args = vec![command[0], bundle.to_str().unwrap()];
            if command[0] == "query" {
                args.push("がん");
            }
            args.extend(&command[1..]);
            String::from_utf8(seeds_ok(&args).stdout).unwrap()
        };
        let (with, without) = (run(&bom), run(&plain));
        if command[0] == "stats" {
            // The file is 3 bytes longer; everything else is the same.
            let body = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
            assert_eq!(body(&with), body(&without));
        } else {
            assert_eq!(with, without);
        }
    }
    let site = fake_site(dir.path());
    let html = dir.path().join("usb/explorer.html");
    let o = seeds(&[
        "pack",
        "--site",
        site.to_str().unwrap(),
        "--bundle",
        bom.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains('\u{feff}'), "the mark is not carried into the page");
}

#[test]
fn a_missing_or_malformed_version_is_reported_as_damage_not_as_another_version() {
    let dir = tempfile::tempdir().unwrap();
    for (version, expected) in [
        ("", "the bundle is damaged: it has no version"),
        (
            r#""version":"v1","#,
            r#"the bundle is damaged: its version "v1" is not of the form MAJOR.MINOR"#,
        ),
        (
            r#""version":"1","#,
            r#"the bundle is damaged: its version "1" is not of the form MAJOR.MINOR"#,
        ),
    ] {
        let path = dir.path().join("b.json");
        let text = format!(
            r#"{{"format":"seed-explorer-bundle",{version}"taxonomy":{{"facets":[]}},"institutions":[],"seeds":[]}}"#
        );
        std::fs::write(&path, text).unwrap();
        for command in ["query", "stats"] {
            let mut args = vec![command, path.to_str().unwrap()];
            if command == "query" {
                args.push("x");
            }
            let o = seeds(&args);
            assert_eq!(o.status.code(), Some(2), "{command} {version}");
            let err = stderr(&o);
            assert!(err.contains(expected), "{command} {version}: {err}");
            assert!(!err.contains("not supported"), "{command} {version}: {err}");
        }
    }
}
