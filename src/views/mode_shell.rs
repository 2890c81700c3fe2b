//! The mode layer mounted inside the explorer: nothing in standard mode, the kiosk shell
//! (idle reset, attract screen, QR codes for outbound links, staff exit) or the embed shell
//! (theme, locked filters, height reports to the host page). Also the few DOM helpers both
//! shells use, written so that everything they add to the page is removed again when they
//! unmount: a kiosk left running all day must not pile up listeners.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Event, EventTarget};

use crate::mode::{self, Mode};
use crate::views::embed_shell::EmbedShell;
use crate::views::kiosk_shell::KioskShell;

/// Counts kiosk resets. The app rebuilds the whole explorer when it changes, so a reset
/// leaves nothing of the previous visitor in memory (provided by the app, read by the kiosk).
#[derive(Debug, Clone, Copy)]
pub struct Restarts(pub RwSignal<u32>);

/// Creates the reset counter and provides it to the explorer below.
pub fn provide_restarts() -> RwSignal<u32> {
    let restarts = RwSignal::new(0);
    provide_context(Restarts(restarts));
    restarts
}

/// The shell of the current mode.
#[component]
pub fn ModeShell() -> impl IntoView {
    let mode = mode::current();
    if mode != Mode::Standard {
        adopt_mode_styles();
    }
    match mode {
        Mode::Standard => ().into_any(),
        Mode::Kiosk(settings) => view! { <KioskShell settings=settings /> }.into_any(),
        Mode::Embed(settings) => view! { <EmbedShell settings=settings /> }.into_any(),
    }
}

/// A DOM event listener that removes itself when dropped.
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `f` for `name` events on `target`; `passive: false` lets it cancel scrolling
    /// gestures (wheel, touch).
    pub fn new(
        target: &EventTarget,
        name: &'static str,
        capture: bool,
        passive: bool,
        f: impl FnMut(Event) + 'static,
    ) -> Option<Listener> {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        let options = AddEventListenerOptions::new();
        options.set_capture(capture);
        options.set_passive(passive);
        target
            .add_event_listener_with_callback_and_add_event_listener_options(
                name,
                callback.as_ref().unchecked_ref(),
                &options,
            )
            .ok()?;
        Some(Listener { target: target.clone(), name, capture, callback })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.name,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// Keeps `things` (listeners, timers, observers) alive exactly as long as the current
/// component: they are dropped — and so removed from the page — when it unmounts.
pub fn keep_until_unmount<T: 'static>(things: T) {
    let stored = StoredValue::new_local(Some(things));
    on_cleanup(move || {
        let _ = stored.try_update_value(|t| t.take());
    });
}

thread_local! {
    static ROOT_CLASS_HOLDS: Cell<[u32; 2]> = const { Cell::new([0, 0]) };
}

/// Puts `kiosk` or `embed` on `<html>` while the current component is mounted (counted, so
/// a rebuilt shell mounting before the old one unmounts keeps it).
pub fn hold_root_class(name: &'static str) {
    let slot = usize::from(name != "kiosk");
    let change = move |delta: i32| {
        let count = ROOT_CLASS_HOLDS.with(|h| {
            let mut v = h.get();
            v[slot] = v[slot].saturating_add_signed(delta);
            h.set(v);
            v[slot]
        });
        if let Some(root) = document().document_element() {
            let _ = if count > 0 {
                root.class_list().add_1(name)
            } else {
                root.class_list().remove_1(name)
            };
        }
    };
    change(1);
    on_cleanup(move || change(-1));
}

/// Milliseconds on the page's monotonic clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The kiosk and embed stylesheet (every rule scoped by `html.kiosk` / `html.embed`).
const MODE_CSS: &str = include_str!("modes.css");

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
