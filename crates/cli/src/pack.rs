//! `seeds pack`: writes the whole explorer as ONE HTML file for a USB stick — the wasm as
//! base64, the JavaScript glue, the stylesheet, the bundle and the site configuration inlined —
//! so it opens from `file://` by double-click with no server, no install and no network.
//! It takes the booth build (booth/), which also runs as a kiosk and offers booth leads.
//! A short bilingual README.txt for the stick is written next to it.
//!
//! It replaces only what it wrote itself (recognised by [`MARKER`] or, for pages from before
//! the marker, their layout): any other file at `-o` or README.txt beside it needs `--force`,
//! and the site's own files (anything under `--site`, the bundle) are never replaced.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use base64::Engine as _;
use clap::Args;
use seed_core::Bundle;

/// Arguments of `seeds pack`.
#[derive(Args)]
pub struct PackArgs {
    /// The built site (the output of `cargo xtask dist`).
    #[arg(long, default_value = "dist")]
    site: PathBuf,
    /// The bundle to pack; defaults to the site's bundle.json.
    #[arg(long)]
    bundle: Option<PathBuf>,
    /// The HTML file to write.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a file at OUTPUT (or README.txt beside it) that `seeds pack` did not write.
    /// The site's own files are never replaced.
    #[arg(long)]
    force: bool,
}

/// The tag in the head of every page `seeds pack` writes, by which it knows its own output.
pub const MARKER: &str = r#"<meta name="generator" content="seeds pack">"#;
/// Where pages written before [`MARKER`] carried the bundle (in their head, after the CSS).
const OLD_LAYOUT: &str = r#"<script type="application/json" id="seed-bundle">"#;
/// How the stick's README.txt starts.
const README_START: &str = "研究シーズ・エクスプローラー（オフライン版）";
/// Bytes read from the start of an existing file to recognise it (a page's head, CSS
/// included, is well within this).
const SNIFF_BYTES: u64 = 1 << 20;

/// Whether `pack` may write `target`: a new file, or its own earlier output; another file only
/// with `force`, and never one of the site's files (under `site`, or the `bundle`).
fn check_target(
    target: &Path,
    ours: impl Fn(&str) -> bool,
    site: &Path,
    bundle: &Path,
    force: bool,
) -> Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return Ok(());
    }
    let mut head = Vec::new();
    fs::File::open(target)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head))
        .with_context(|| format!("reading {}, which is in the way", target.display()))?;
    if ours(&String::from_utf8_lossy(&head)) {
        return Ok(());
    }
    let target_real = fs::canonicalize(target)?;
    let inside = |dir: &Path| fs::canonicalize(dir).is_ok_and(|d| target_real.starts_with(d));
    if inside(site) || fs::canonicalize(bundle).is_ok_and(|b| b == target_real) {
        bail!(
            "{} is one of the site's own files ({}): seeds pack never writes over them; choose \
             another output",
            target.display(),
            site.display()
        );
    }
    if !force {
        bail!(
            "{} exists and was not written by seeds pack: not overwriting it (use --force to \
             replace it)",
            target.display()
        );
    }
    Ok(())
}

fn is_our_page(head: &str) -> bool {
    head.starts_with("<!doctype html>") && (head.contains(MARKER) || head.contains(OLD_LAYOUT))
}

/// Writes the single-file explorer and the stick's README.txt.
pub fn run(args: &PackArgs) -> Result<ExitCode> {
    let read = |p: &Path| {
        fs::read(p).with_context(|| {
            format!("reading {} (build the site first: cargo xtask dist)", p.display())
        })
    };
    let bundle_path = args.bundle.clone().unwrap_or_else(|| args.site.join("bundle.json"));
    let bundle_text = String::from_utf8(read(&bundle_path)?).context("the bundle is not UTF-8")?;
    let bundle_text = seed_core::bundle::without_bom(&bundle_text);
    let bundle = Bundle::from_json(bundle_text)
        .with_context(|| format!("{} is not a usable bundle", bundle_path.display()))?;
    let config =
        fs::read_to_string(args.site.join("config.json")).unwrap_or_else(|_| "{}".to_string());
    serde_json::from_str::<serde_json::Value>(&config).context("config.json is not JSON")?;
    let page = Page {
        title: bundle
            .title
            .as_deref()
            .unwrap_or("研究シーズ・エクスプローラー / Research Seed Explorer"),
        css: &String::from_utf8(read(&args.site.join("style.css"))?)?,
        glue: &String::from_utf8(read(&args.site.join("booth/seed_explorer.js"))?)?,
        wasm: &base64::engine::general_purpose::STANDARD
            .encode(read(&args.site.join("booth/seed_explorer_bg.wasm"))?),
        bundle: bundle_text,
        config: &config,
    };
    let html = page.render();
    let readme = args.output.with_file_name("README.txt");
    check_target(&args.output, is_our_page, &args.site, &bundle_path, args.force)?;
    let our_readme = |head: &str| head.starts_with(README_START);
    check_target(&readme, our_readme, &args.site, &bundle_path, args.force)?;
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    fs::write(&args.output, &html).with_context(|| format!("writing {}", args.output.display()))?;
    let name = args.output.file_name().and_then(|n| n.to_str()).unwrap_or("seed-explorer.html");
    fs::write(&readme, stick_readme(name, bundle.seeds.len()))?;
    crate::term::line(
        &mut std::io::stderr(),
        format_args!(
            "wrote {} ({} KB, {} seeds) and {}",
            args.output.display(),
            html.len() / 1024,
            bundle.seeds.len(),
            readme.display()
        ),
    )?;
    Ok(ExitCode::SUCCESS)
}

struct Page<'a> {
    title: &'a str,
    css: &'a str,
    glue: &'a str,
    wasm: &'a str,
    bundle: &'a str,
    config: &'a str,
}

impl Page<'_> {
    fn render(&self) -> String {
        format!(
            r#"<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
{marker}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
<script type="application/json" id="seed-bundle">{bundle}</script>
<script type="application/json" id="seed-config">{config}</script>
</head>
<body>
<noscript><p>このページの表示には JavaScript が必要です。 / This page needs JavaScript.</p></noscript>
<script type="module">
{glue}
const wasmBase64 = "{wasm}";
const wasmBytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
__wbg_init({{ module_or_path: wasmBytes }}).catch((error) => {{
  console.error(error);
  document.body.textContent = 'アプリを起動できませんでした / The app could not start: ' + error;
}});
</script>
</body>
</html>
"#,
            title = escape_text(self.title),
            css = self.css.replace("</", "<\\/"),
            bundle = script_safe(self.bundle),
            config = script_safe(self.config),
            glue = self.glue.replace("</script", "<\\/script"),
            wasm = self.wasm,
            marker = MARKER,
        )
    }
}

/// JSON inside a `<script>` element: `</` could close the element, so it is written as `<\/`,
/// which JSON reads back as the same two characters.
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "<\\u0021--")
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn stick_readme(file: &str, seeds: usize) -> String {
    format!(
        "研究シーズ・エクスプローラー（オフライン版）\r\n\
         =====================================\r\n\
         {file} をダブルクリックすると、ブラウザ（Chrome、Edge、Firefox）で開きます。\r\n\
         インストールやインターネット接続は不要です。{seeds} 件のシーズを検索・絞り込み・閲覧でき、\r\n\
         気になるシーズはリストに保存できます（このパソコンのブラウザに保存されます）。\r\n\
         \r\n\
         Research Seed Explorer (offline edition)\r\n\
         ========================================\r\n\
         Double-click {file} to open it in your browser (Chrome, Edge or Firefox).\r\n\
         Nothing to install and no internet connection needed. Search, filter and read {seeds} seeds;\r\n\
         your shortlist is kept in this computer's browser.\r\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_its_script_element() {
        let s = script_safe(r#"{"t":"</script><script>alert(1)</script><!--"}"#);
        assert!(!s.contains("</"));
        assert!(!s.contains("<!--"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script><!--");
    }
}
