//! `seeds pack` replaces only what it wrote itself: its own earlier page and README.txt are
//! rewritten, any other file in the way needs `--force`, and the site's own files (anything
//! under `--site`, and the bundle it packs) are never written over, `--force` or not.

mod common;

use std::path::Path;
use std::process::Output;

use common::{build_valid, fake_site, seeds, stderr};

fn pack(site: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["pack", "--site", site.to_str().unwrap(), "-o", output.to_str().unwrap()];
    args.extend(extra);
    seeds(&args)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn pack_rewrites_its_own_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = fake_site(dir.path());
    let html = dir.path().join("stick/seed-explorer.html");
    for _ in 0..2 {
        let o = pack(&site, &html, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(read(&html).contains("<meta name=\"generator\" content=\"seeds pack\">"));
    // A page written before the marker existed is recognised by its layout.
    let old = read(&html).replace("<meta name=\"generator\" content=\"seeds pack\">\n", "");
    std::fs::write(&html, &old).unwrap();
    let o = pack(&site, &html, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn another_file_in_the_way_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let site = fake_site(dir.path());
    let html = dir.path().join("notes.html");
    std::fs::write(&html, "<!doctype html><p>my notes</p>").unwrap();
    let o = pack(&site, &html, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("exists and was not written by seeds pack"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(read(&html), "<!doctype html><p>my notes</p>", "left as it was");
    assert!(!dir.path().join("README.txt").exists(), "nothing written");

    let o = pack(&site, &html, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&html).contains("seeds pack"));
}

#[test]
fn a_readme_that_is_not_the_sticks_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let site = fake_site(dir.path());
    let readme = dir.path().join("README.txt");
    std::fs::write(&readme, "my project's readme").unwrap();
    let html = dir.path().join("seed-explorer.html");
    let o = pack(&site, &html, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("README.txt exists and was not written by seeds pack"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&readme), "my project's readme");
    assert!(!html.exists(), "nothing written");
}

#[test]
fn the_sites_own_files_are_never_written_over_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let site = fake_site(dir.path());
    let other = build_valid(&dir.path().join("other"), &[]);
    let cases = [
        (site.join("index.html"), vec![]),
        (site.join("booth/seed_explorer.js"), vec![]),
        (site.join("bundle.json"), vec![]),
        (other.clone(), vec!["--bundle", other.to_str().unwrap()]),
    ];
    for (target, extra) in cases {
        let before = std::fs::read(&target).unwrap();
        for force in [&[][..], &["--force"][..]] {
            let mut args = extra.clone();
            args.extend(force);
            let o = pack(&site, &target, &args);
            assert_eq!(o.status.code(), Some(2), "{}: {}", target.display(), stderr(&o));
            assert!(stderr(&o).contains("never writes over"), "{}", stderr(&o));
            assert_eq!(std::fs::read(&target).unwrap(), before, "{} unchanged", target.display());
        }
    }
    // A new file inside the site is not one of its files.
    let o = pack(&site, &site.join("usb.html"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}
