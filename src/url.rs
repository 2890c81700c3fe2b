//! The browser's address bar: reading the query string and writing it back with
//! `pushState`/`replaceState`, the only place the app touches `window.location`/`history`.
//! Writes in place (typing) wait for a pause: each one costs the page several milliseconds
//! (the browser recalculates style at once and fetches and decodes the favicon again), which
//! a keystroke's repaint should not wait for.

use wasm_bindgen::JsValue;

/// The current query string, including its leading `?` (empty when there is none).
pub fn current_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Puts `query` in the address bar now; `push` adds a history entry (for back/forward). A
/// write held back by [`write_later`] belongs to the entry shown until now: before a new
/// entry it is written first, otherwise `query` replaces it.
pub fn write(query: &str, push: bool) {
    let held = HELD.with_borrow_mut(Held::take);
    if push {
        if let Some(typed) = held {
            set(&typed, false);
        }
    }
    set(query, push);
}

/// Puts `query` in the address bar in place once [`PAUSE_MS`] have passed with no other write.
pub fn write_later(query: String) {
    let number = HELD.with_borrow_mut(|h| h.hold(query));
    crate::platform::after_ms(PAUSE_MS, move || {
        if let Some(query) = HELD.with_borrow_mut(|h| h.due(number)) {
            set(&query, false);
        }
    });
}

/// Drops a held write: back/forward has changed the entry it was for.
pub fn forget_held() {
    HELD.with_borrow_mut(Held::take);
}

thread_local! {
    static HELD: std::cell::RefCell<Held> = std::cell::RefCell::default();
}

/// Writes `query` unless the address bar shows it already.
fn set(query: &str, push: bool) {
    if query == current_query() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let target = format!("{path}{query}");
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&target))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
    };
}

/// How long the address bar waits after a write in place before it is made, in ms: longer
/// than the time between keystrokes, short enough that the address is right by the time a
/// visitor looks at it or copies it.
const PAUSE_MS: i32 = 300;

/// The write in place waiting for [`PAUSE_MS`] to pass, as a plain value. Each new one
/// replaces the last and gets a number; only the timer of the latest one writes it.
#[derive(Debug, Default)]
struct Held {
    query: Option<String>,
    number: u32,
}

impl Held {
    /// Holds `query` for a write in place; the number its timer presents to [`Held::due`].
    fn hold(&mut self, query: String) -> u32 {
        self.number = self.number.wrapping_add(1);
        self.query = Some(query);
        self.number
    }

    /// The timer of write `number` fired: the query to write, if no later one replaced it.
    fn due(&mut self, number: u32) -> Option<String> {
        if number == self.number {
            self.query.take()
        } else {
            None
        }
    }

    /// Before a new history entry (the held query belongs to the entry being left, so it is
    /// written first) or after back/forward (it is dropped): what was held.
    fn take(&mut self) -> Option<String> {
        self.number = self.number.wrapping_add(1);
        self.query.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_held_write_is_due() {
        let mut held = Held::default();
        let first = held.hold("?q=a".into());
        let second = held.hold("?q=ab".into());
        assert_eq!(held.due(first), None);
        assert_eq!(held.due(second).as_deref(), Some("?q=ab"));
        assert_eq!(held.due(second), None, "written once");
    }

    #[test]
    fn a_taken_write_is_no_longer_due() {
        let mut held = Held::default();
        let number = held.hold("?q=a".into());
        assert_eq!(held.take().as_deref(), Some("?q=a"));
        assert_eq!(held.due(number), None);
        assert_eq!(held.take(), None);
    }
}
