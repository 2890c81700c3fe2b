//! Builds the deployable static site into dist/: the bundle from data/, the wasm app in its two
//! builds (pkg/: the website build every visitor downloads; booth/: with the kiosk and the
//! booth-lead form), each built with the size-tuned profile, bound with wasm-bindgen as a
//! library and shrunk with the pinned wasm-opt, then index.html and everything in public/ (the
//! stylesheet and boot.js minified).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::setup;

/// Builds dist/ (or `$SEED_DIST_DIR`) and returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    setup::wasm_target()?;
    setup::node_modules(root)?;
    let dist = std::env::var_os("SEED_DIST_DIR").map_or_else(|| root.join("dist"), PathBuf::from);
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    bundle(root, &dist)?;
    app(root, &dist.join("pkg"), Build::Website)?;
    app(root, &dist.join("booth"), Build::Booth)?;
    copy_dir(&root.join("public"), &dist)?;
    minify(&dist)?;
    fs::copy(root.join("index.html"), dist.join("index.html"))?;
    println!("xtask: built {}", dist.display());
    Ok(dist)
}

/// The `seeds` binary, built in release mode.
pub fn seeds_binary(root: &Path) -> Result<PathBuf> {
    setup::run(Command::new("cargo").args(["build", "--quiet", "--release", "-p", "seeds"]))?;
    Ok(setup::target_dir(root).join("release/seeds"))
}

fn bundle(root: &Path, dist: &Path) -> Result<()> {
    let seeds = seeds_binary(root)?;
    setup::run(
        Command::new(seeds)
            .arg("build")
            .arg(root.join("data"))
            .arg("-o")
            .arg(dist.join("bundle.json")),
    )
}

/// The two builds of the app (the root package's `booth` feature).
#[derive(Clone, Copy)]
enum Build {
    Website,
    Booth,
}

fn app(root: &Path, pkg: &Path, build: Build) -> Result<()> {
    fs::create_dir_all(pkg)?;
    let mut cargo = Command::new("cargo");
    cargo.args([
        "build",
        "--quiet",
        "-p",
        "seed-explorer",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]);
    if let Build::Website = build {
        cargo.arg("--no-default-features");
    }
    setup::run(&mut cargo)?;
    let wasm =
        setup::target_dir(root).join("wasm32-unknown-unknown/wasm-release/seed-explorer.wasm");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        .out_name("seed_explorer")
        .generate(pkg)
        .context("wasm-bindgen")?;
    let bound = pkg.join("seed_explorer_bg.wasm");
    let wasm_opt = setup::wasm_opt(root)?;
    setup::run(
        Command::new(wasm_opt)
            .arg(&bound)
            .args(["-Oz", "--converge", "--strip-debug", "--strip-producers"])
            // Lets wasm-opt fold constant offsets into loads and stores (2.5 KB brotli): sound
            // here, as it only assumes no address wraps around into the lowest 1 KB, which is
            // the far end of the 1 MB stack Rust lays out first.
            .arg("--low-memory-unused")
            .args([
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
            ])
            .args(["--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"])
            .arg("-o")
            .arg(&bound),
    )
}

/// Minifies the stylesheet and boot.js in place: their comments and layout are for
/// maintainers, and every visitor downloads both (1.6 KB brotli together).
fn minify(dist: &Path) -> Result<()> {
    type Minify = fn(&str) -> Result<String, &'static str>;
    let minifiers: [(&str, Minify); 2] = [
        ("style.css", |t| minifier::css::minify(t).map(|m| m.to_string())),
        ("boot.js", |t| minifier::js::minify(t).map(|m| m.to_string())),
    ];
    for (name, minify) in minifiers {
        let path = dist.join(name);
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let min =
            minify(&text).map_err(|e| anyhow::anyhow!("minifying {}: {e}", path.display()))?;
        fs::write(&path, min)?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Builds the site, then packs it into usb/seed-explorer.html with the stick's README.txt.
pub fn usb(root: &Path) -> Result<()> {
    let dist = build(root)?;
    let out = root.join("usb/seed-explorer.html");
    setup::run(
        Command::new(seeds_binary(root)?).arg("pack").arg("--site").arg(&dist).arg("-o").arg(&out),
    )
}
