//! Installs what the build and the tests need, once: the wasm target, the pinned npm tools
//! (wasm-opt from binaryen, playwright-core, axe-core) and Debian's Chromium with a Japanese
//! font. Each step checks first and does nothing when the tool is already there.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The wasm-opt major version the build accepts (npm `binaryen`, pinned in package.json).
/// Debian's wasm-opt 108 produces a wasm that renders nothing, so any other version is refused.
pub const WASM_OPT_VERSION: &str = "version 132";

/// The repository root (the parent of xtask/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` or target/ under the root.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// Runs a command, failing with its name when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Adds the wasm32 target to the active toolchain if it is missing.
pub fn wasm_target() -> Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output()?;
    if !String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// Installs the npm tools from package-lock.json when node_modules is missing or stale.
pub fn node_modules(root: &Path) -> Result<()> {
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (stamp.metadata(), lock.metadata()) {
        (Ok(s), Ok(l)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if !fresh {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(root))?;
    }
    Ok(())
}

/// The pinned wasm-opt, checked to be the expected version.
pub fn wasm_opt(root: &Path) -> Result<PathBuf> {
    let path = root.join("node_modules/.bin/wasm-opt");
    let out = Command::new(&path)
        .arg("--version")
        .output()
        .context("running wasm-opt from node_modules")?;
    let version = String::from_utf8_lossy(&out.stdout);
    if !version.contains(WASM_OPT_VERSION) {
        bail!("{} is {version:?}; expected {WASM_OPT_VERSION}", path.display());
    }
    Ok(path)
}

/// Installs Debian's Chromium and a Japanese font when either is missing.
pub fn chromium() -> Result<()> {
    let font = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if Path::new("/usr/bin/chromium").exists() && font.exists() {
        return Ok(());
    }
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["apt-get", "update", "-q"])?;
    apt(&[
        "apt-get",
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        "chromium",
        "fonts-noto-cjk",
    ])
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false)
}
