//! The mode layer mounted inside the explorer: nothing in standard mode, the kiosk shell
//! (idle reset, attract screen, QR codes for outbound links, staff exit) or the embed shell
//! (theme, locked filters, height reports to the host page). The DOM helpers the shells use
//! (listeners and root classes removed again on unmount) are in [`crate::dom`].

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::mode::Mode;
use crate::views::embed_shell::EmbedShell;
#[cfg(feature = "booth")]
use crate::views::kiosk_shell::KioskShell;
use crate::views::Ctx;

/// The shell of the current mode.
#[component]
pub fn ModeShell() -> impl IntoView {
    let mode = Ctx::get().mode;
    if *mode != Mode::Standard {
        adopt_mode_styles();
    }
    match mode {
        Mode::Standard => ().into_any(),
        #[cfg(feature = "booth")]
        Mode::Kiosk(settings) => view! { <KioskShell settings=settings.clone() /> }.into_any(),
        // Not reached: the website build hands kiosk mode to the booth build (app.rs).
        #[cfg(not(feature = "booth"))]
        Mode::Kiosk(_) => ().into_any(),
        Mode::Embed(settings) => view! { <EmbedShell settings=settings.clone() /> }.into_any(),
    }
}

/// The kiosk and embed stylesheet (every rule scoped by `html.kiosk` / `html.embed`):
/// `modes.css`, minified by build.rs.
const MODE_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/modes.css"));

thread_local! {
    static STYLES_ADOPTED: Cell<bool> = const { Cell::new(false) };
}

/// Adds [`MODE_CSS`] to the page once, as a constructed stylesheet (CSSOM, which the strict
/// CSP allows, unlike a `<style>` element), or rule by rule into the page's own stylesheet
/// where constructed stylesheets are not supported.
fn adopt_mode_styles() {
    if STYLES_ADOPTED.with(|d| d.replace(true)) {
        return;
    }
    let doc = document();
    if adopt(&doc).is_err() {
        insert_rules(&doc);
    }
}

fn adopt(doc: &web_sys::Document) -> Result<(), JsValue> {
    if !js_sys::Reflect::has(doc, &JsValue::from_str("adoptedStyleSheets"))? {
        return Err(JsValue::NULL);
    }
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(MODE_CSS)?;
    let sheets = doc.adopted_style_sheets();
    sheets.push(&sheet);
    doc.set_adopted_style_sheets(&sheets);
    Ok(())
}

fn insert_rules(doc: &web_sys::Document) {
    let sheets = doc.style_sheets();
    let Some(sheet) = sheets
        .item(sheets.length().saturating_sub(1))
        .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
    else {
        return;
    };
    for rule in split_rules(MODE_CSS) {
        let end = sheet.css_rules().map_or(0, |r| r.length());
        let _ = sheet.insert_rule_with_index(rule, end);
    }
}

/// The top-level rules of a stylesheet without comments (enough for [`MODE_CSS`]: no braces
/// inside strings).
fn split_rules(css: &str) -> Vec<&str> {
    let mut rules = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let mut i = 0;
    let bytes = css.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let end = css[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 2);
            if depth == 0 {
                start = end;
            }
            i = end;
            continue;
        }
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let rule = css[start..=i].trim();
                    if !rule.is_empty() {
                        rules.push(rule);
                    }
                    start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_stylesheet_splits_into_whole_rules() {
        let rules = split_rules(MODE_CSS);
        assert!(rules.len() > 40, "{}", rules.len());
        for rule in &rules {
            assert!(!rule.contains("/*"), "{rule}");
            assert_eq!(rule.matches('{').count(), rule.matches('}').count(), "{rule}");
            assert!(rule.ends_with('}'), "{rule}");
        }
        assert!(rules.iter().any(|r| r.starts_with("@media (prefers-reduced-motion")));
        assert!(rules.iter().any(|r| r.starts_with("@keyframes attract-pulse")));
        assert_eq!(
            split_rules("/* a { } */ b { c: d } /* e */ @m { f { g: h } }"),
            ["b { c: d }", "@m { f { g: h } }"]
        );
    }

    #[test]
    fn every_mode_rule_is_scoped_to_a_mode() {
        for rule in split_rules(MODE_CSS) {
            let selector = rule.split('{').next().unwrap_or_default();
            let scoped = selector.starts_with('@')
                || selector.split(',').all(|s| {
                    let s = s.trim();
                    s.starts_with("html.kiosk") || s.starts_with("html.embed") || s.starts_with('.')
                });
            assert!(scoped, "{selector}");
        }
    }
}
