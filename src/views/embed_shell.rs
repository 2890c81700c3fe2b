//! Embed mode on the page: marks `<html class="embed">` (no site header — see style.css),
//! applies the host's brand colour and font as CSS custom properties through the CSSOM (no
//! `style` attribute, so the strict CSP holds), keeps locked filters applied, and tells the
//! host page the content height on every size change
//! (`{type: "seed-explorer:height", height}` to `window.parent`; `public/embed-host.js`
//! resizes the iframe).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;

use crate::dom::{hold_root_class, keep_until_unmount};
use crate::embed::{enforce_locks, EmbedSettings, HEIGHT_MESSAGE, NAVIGATE_MESSAGE};
use crate::views::Ctx;

/// The embed layer over the explorer (it draws nothing itself).
#[component]
pub fn EmbedShell(settings: EmbedSettings) -> impl IntoView {
    let ctx = Ctx::get();
    hold_root_class("embed");
    apply_theme(&settings);
    if !settings.locked.is_empty() {
        let locked = settings.locked.clone();
        let state = ctx.state;
        // The safety net behind the panel (which hides locked facets) and "clear all" (which
        // keeps them): whatever path drops a locked filter, it comes straight back.
        Effect::new(move |_| {
            if let Some(next) = state.with(|s| enforce_locks(s, &locked)) {
                state.set(next);
            }
        });
    }
    report_height();
    // A new view or seed starts at its top: ask the host page to show the iframe's top.
    let place = Memo::new(move |_| ctx.state.with(|s| (s.view, s.seed.clone())));
    Effect::new(move |previous: Option<()>| {
        // Read, not just tracked: a memo that was never read has no sources to change.
        place.with(|_| ());
        if previous.is_some() {
            post_to_parent(NAVIGATE_MESSAGE, None);
        }
    });
}

/// Posts `{type, height?}` to the host page; nothing when the page is not framed.
fn post_to_parent(kind: &str, height: Option<f64>) {
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten() else { return };
    if JsValue::from(&parent) == JsValue::from(&window) {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    if let Some(h) = height {
        let _ = js_sys::Reflect::set(&message, &"height".into(), &h.into());
    }
    // Neither message is a secret, and the frame does not know the host's origin.
    let _ = parent.post_message(&message, "*");
}

/// Brand colour (`--brand`, `--brand-dark`, `--on-brand`) and font on `<html>`.
fn apply_theme(settings: &EmbedSettings) {
    let Some(root) =
        document().document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    let mut set = Vec::new();
    if let Some(rgb) = settings.theme {
        set.push(("--brand", rgb.css()));
        set.push(("--brand-dark", rgb.darker().css()));
        set.push(("--on-brand", rgb.on_colour().to_string()));
    }
    if let Some(font) = &settings.font {
        set.push(("font-family", font.clone()));
    }
    for (property, value) in &set {
        let _ = style.set_property(property, value);
    }
    let names: Vec<&'static str> = set.iter().map(|(p, _)| *p).collect();
    on_cleanup(move || {
        if let Some(root) =
            document().document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            for property in names {
                let _ = root.style().remove_property(property);
            }
        }
    });
}

/// Posts the content height to the host page now and on every change, when framed.
fn report_height() {
    let framed = web_sys::window()
        .and_then(|w| Some((w.parent().ok()??, w)))
        .is_some_and(|(parent, w)| JsValue::from(&parent) != JsValue::from(&w));
    if !framed {
        return;
    }
    let Some(root) = document().document_element() else { return };
    let last = std::cell::Cell::new(-1.0f64);
    let measured = root.clone();
    let post = move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last.replace(height) {
            post_to_parent(HEIGHT_MESSAGE, Some(height));
        }
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    let Ok(observer) = ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
    observer.observe(&root);
    let disconnect = observer.clone();
    keep_until_unmount((ObserverGuard(disconnect), callback));
}

struct ObserverGuard(ResizeObserver);

impl Drop for ObserverGuard {
    fn drop(&mut self) {
        self.0.disconnect();
    }
}
