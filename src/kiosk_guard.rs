//! Which keys and clicks a kiosk refuses, as plain functions (the kiosk shell calls them from
//! its window listeners). A kiosk may have a keyboard within a visitor's reach: the browser's
//! shortcuts that print, save, open, find, zoom or navigate must not work, and neither may a
//! modified or middle click that would open a link in a new tab or window or download it.
//! Typing and editing in the search box keep working.

/// A key press as the kiosk sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: `"p"`, `"F5"`, `"ArrowLeft"`…
    pub key: &'a str,
    /// Ctrl held.
    pub ctrl: bool,
    /// ⌘ / Windows key held.
    pub meta: bool,
    /// Alt / Option held.
    pub alt: bool,
    /// AltGr held (on Windows it also sets Ctrl and Alt; it types characters, not commands).
    pub alt_graph: bool,
    /// The focus is in a text field (the search box, the needs box).
    pub in_text_field: bool,
}

/// Keys that act on the browser whatever the modifiers: the function keys (help, find again,
/// reload, address bar, caret browsing, full screen, developer tools) and the dedicated
/// browser and application keys of some keyboards.
const BROWSER_KEYS: [&str; 13] = [
    "BrowserBack",
    "BrowserForward",
    "BrowserRefresh",
    "BrowserHome",
    "BrowserSearch",
    "BrowserFavorites",
    "BrowserStop",
    "Print",
    "Save",
    "Open",
    "Find",
    "Help",
    "New",
];

/// Modifier keys pressed on their own.
const MODIFIERS: [&str; 7] = ["Control", "Meta", "Alt", "AltGraph", "Shift", "OS", "Hyper"];

/// Editing shortcuts kept in a text field with Ctrl or ⌘: select all, copy, cut, paste, undo,
/// redo.
const EDITING_LETTERS: [&str; 6] = ["a", "c", "x", "v", "z", "y"];

/// Keys that move or delete by word or line with Ctrl or ⌘ in a text field.
const EDITING_KEYS: [&str; 6] = ["ArrowLeft", "ArrowRight", "Backspace", "Delete", "Home", "End"];

/// True when the kiosk cancels this key press.
pub fn blocks_key(k: &KeyPress) -> bool {
    if is_function_key(k.key) || BROWSER_KEYS.contains(&k.key) {
        return true;
    }
    let command = (k.ctrl || k.meta || k.alt) && !k.alt_graph;
    if !command || MODIFIERS.contains(&k.key) {
        return false;
    }
    let editing = k.in_text_field
        && !k.alt
        && (EDITING_LETTERS.iter().any(|l| l.eq_ignore_ascii_case(k.key))
            || EDITING_KEYS.contains(&k.key));
    !editing
}

/// True when the kiosk cancels this click: any click with Ctrl, Shift, ⌘ or Alt held, and any
/// button but the main one (a middle click opens a new tab; Alt-click downloads).
pub fn blocks_click(ctrl: bool, shift: bool, meta: bool, alt: bool, button: i16) -> bool {
    ctrl || shift || meta || alt || button != 0
}

fn is_function_key(key: &str) -> bool {
    key.strip_prefix('F').is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Ctrl+Alt+x`: modifiers, then the key (`Plus` for `+`).
    fn press(combo: &str, in_text_field: bool) -> KeyPress<'_> {
        let (mods, key) = combo.rsplit_once('+').unwrap_or(("", combo));
        KeyPress {
            key: if key == "Plus" { "+" } else { key },
            ctrl: mods.contains("Ctrl"),
            meta: mods.contains("Meta"),
            alt: mods.split('+').any(|m| m == "Alt"),
            alt_graph: mods.contains("AltGr"),
            in_text_field,
        }
    }

    #[test]
    fn print_save_open_find_zoom_and_navigation_shortcuts_are_blocked() {
        for combo in [
            "Ctrl+p",
            "Meta+p",
            "Ctrl+P",
            "Ctrl+s",
            "Meta+s",
            "Ctrl+o",
            "Ctrl+n",
            "Ctrl+N",
            "Ctrl+t",
            "Ctrl+w",
            "Ctrl+f",
            "Meta+f",
            "Ctrl+g",
            "Ctrl+h",
            "Ctrl+j",
            "Ctrl+d",
            "Ctrl+u",
            "Ctrl+l",
            "Meta+l",
            "Ctrl+r",
            "Meta+r",
            "Ctrl+I",
            "Ctrl+Plus",
            "Ctrl+-",
            "Ctrl+0",
            "Meta+[",
            "Meta+]",
            "Alt+ArrowLeft",
            "Alt+ArrowRight",
            "Alt+Home",
            "Alt+d",
            "Alt+f",
            "Alt+e",
            "Ctrl+Tab",
            "F1",
            "F3",
            "F5",
            "F6",
            "F7",
            "F11",
            "F12",
            "BrowserBack",
            "BrowserRefresh",
            "Print",
            "Ctrl+F5",
        ] {
            assert!(blocks_key(&press(combo, false)), "{combo}");
            assert!(blocks_key(&press(combo, true)), "{combo} in a text field");
        }
        assert!(blocks_key(&press("Meta+ArrowLeft", false)), "⌘← is Back outside a text field");
    }

    #[test]
    fn typing_and_editing_keep_working() {
        for (combo, in_field) in [
            ("a", true),
            ("A", true),
            ("Enter", true),
            ("Backspace", true),
            ("ArrowLeft", false),
            ("Tab", false),
            ("Escape", false),
            ("Ctrl+Control", false),
            ("Alt+Alt", false),
            ("Meta+ArrowLeft", true),
            ("Ctrl+a", true),
            ("Ctrl+c", true),
            ("Meta+v", true),
            ("Ctrl+x", true),
            ("Ctrl+z", true),
            ("Ctrl+Backspace", true),
            ("Ctrl+ArrowLeft", true),
            ("Ctrl+Alt+AltGr+q", true),
            ("F", true),
            ("Fn", false),
        ] {
            assert!(!blocks_key(&press(combo, in_field)), "{combo}");
        }
        assert!(blocks_key(&press("Ctrl+a", false)), "select all outside a text field");
        assert!(blocks_key(&press("Alt+c", true)));
    }

    #[test]
    fn modified_and_middle_clicks_are_blocked_plain_ones_are_not() {
        assert!(!blocks_click(false, false, false, false, 0));
        assert!(blocks_click(true, false, false, false, 0));
        assert!(blocks_click(false, true, false, false, 0));
        assert!(blocks_click(false, false, true, false, 0));
        assert!(blocks_click(false, false, false, true, 0));
        assert!(blocks_click(false, false, false, false, 1));
        assert!(blocks_click(false, false, false, false, 2));
    }
}
