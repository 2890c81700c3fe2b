//! `seeds pack`: writes the whole explorer as ONE HTML file for a USB stick — the wasm as
//! base64, the JavaScript glue, the stylesheet, the bundle and the site configuration inlined —
//! so it opens from `file://` by double-click with no server, no install and no network.
//! A short bilingual README.txt for the stick is written next to it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
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
    let bundle = Bundle::from_json(&bundle_text)
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
        glue: &String::from_utf8(read(&args.site.join("pkg/seed_explorer.js"))?)?,
        wasm: &base64::engine::general_purpose::STANDARD
            .encode(read(&args.site.join("pkg/seed_explorer_bg.wasm"))?),
        bundle: &bundle_text,
        config: &config,
    };
    let html = page.render();
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    fs::write(&args.output, &html).with_context(|| format!("writing {}", args.output.display()))?;
    let readme = args.output.with_file_name("README.txt");
    let name = args.output.file_name().and_then(|n| n.to_str()).unwrap_or("seed-explorer.html");
    fs::write(&readme, stick_readme(name, bundle.seeds.len()))?;
    eprintln!(
        "wrote {} ({} KB, {} seeds) and {}",
        args.output.display(),
        html.len() / 1024,
        bundle.seeds.len(),
        readme.display()
    );
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
