//! What the app adds to the page outside Leptos' own rendering, written so that it is removed
//! again when the component that added it unmounts (a kiosk left running all day must not pile
//! up listeners), and moving keyboard focus.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Event, EventTarget};

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

/// Moves keyboard focus to the current view's main heading.
pub fn focus_heading() {
    if let Some(h) = document()
        .get_element_by_id("main-heading")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h.focus();
    }
}
