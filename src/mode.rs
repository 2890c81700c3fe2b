//! Which mode the app runs in — standard, kiosk (a touch screen at a booth) or embed (an
//! iframe on a member's website) — chosen by `?mode=` in the URL, else by `config.json`
//! (`kiosk.enabled`). The mode is fixed for the page's life (leaving kiosk mode reloads the
//! page), so it is resolved once and then read from anywhere with [`current`].

use std::cell::RefCell;

use crate::config::Config;
use seed_core::{Facet, Filters};

use crate::embed::{enforce_locks, EmbedSettings};
use crate::kiosk::KioskSettings;
use crate::state::{Extra, ViewState};

/// The app's mode and its settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Mode {
    /// The normal explorer.
    #[default]
    Standard,
    /// Booth kiosk.
    Kiosk(KioskSettings),
    /// Inside a member website's iframe.
    Embed(EmbedSettings),
}

impl Mode {
    /// The mode for this URL and config: `mode=kiosk|embed|standard` in the URL wins, then
    /// `kiosk.enabled` in the config.
    pub fn resolve(extra: &Extra, initial: &ViewState, config: &Config) -> Mode {
        let kiosk = || {
            Mode::Kiosk(KioskSettings::resolve(
                config.kiosk_idle_seconds,
                &config.kiosk,
                &config.featured,
                extra,
            ))
        };
        match extra.get("mode").map(|m| m.trim().to_ascii_lowercase()).as_deref() {
            Some("kiosk") => kiosk(),
            Some("embed") => Mode::Embed(EmbedSettings::resolve(extra, initial, &config.embed)),
            Some("standard") => Mode::Standard,
            _ if config.kiosk.enabled => kiosk(),
            _ => Mode::Standard,
        }
    }

    /// The embed settings, in embed mode.
    pub fn embed(&self) -> Option<&EmbedSettings> {
        match self {
            Mode::Embed(e) => Some(e),
            _ => None,
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Mode> = const { RefCell::new(Mode::Standard) };
}

/// Sets the mode for the page's life (called once the config is loaded).
pub fn set(mode: Mode) {
    CURRENT.with(|m| *m.borrow_mut() = mode);
}

/// The mode in force.
pub fn current() -> Mode {
    CURRENT.with(|m| m.borrow().clone())
}

/// True in kiosk mode.
pub fn is_kiosk() -> bool {
    CURRENT.with(|m| matches!(*m.borrow(), Mode::Kiosk(_)))
}

/// True when the facet `key` is locked by the embedding page (its values cannot be changed
/// and the facet panel leaves it out).
pub fn is_locked(key: Facet) -> bool {
    CURRENT.with(|m| m.borrow().embed().is_some_and(|e| e.is_locked(key)))
}

/// The filters an embedding page locked (empty outside embed mode).
pub fn locked_filters() -> Filters {
    CURRENT.with(|m| m.borrow().embed().map(|e| e.locked.clone()).unwrap_or_default())
}

/// True when `state` has every locked filter exactly (always true outside embed mode): a
/// suggestion or link that would drop a locked filter is not offered.
pub fn keeps_locks(state: &ViewState) -> bool {
    CURRENT.with(|m| m.borrow().embed().is_none_or(|e| enforce_locks(state, &e.locked).is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kiosk::KioskConfig;

    #[test]
    fn the_url_chooses_the_mode_and_the_config_can_default_to_kiosk() {
        let config = Config::default();
        let resolve = |q: &str, c: &Config| {
            let (s, e) = ViewState::from_query(q);
            Mode::resolve(&e, &s, c)
        };
        assert_eq!(resolve("", &config), Mode::Standard);
        assert!(matches!(resolve("?mode=kiosk", &config), Mode::Kiosk(_)));
        assert!(matches!(resolve("?mode=KIOSK", &config), Mode::Kiosk(_)));
        assert!(resolve("?mode=embed", &config).embed().is_some());
        assert_eq!(resolve("?mode=bogus", &config), Mode::Standard);
        let kiosk_site = Config {
            kiosk: KioskConfig { enabled: true, ..Default::default() },
            ..Config::default()
        };
        assert!(matches!(resolve("", &kiosk_site), Mode::Kiosk(k) if k.from_config));
        assert_eq!(resolve("?mode=standard", &kiosk_site), Mode::Standard);
        assert!(resolve("?mode=embed", &kiosk_site).embed().is_some());
    }

    #[test]
    fn the_mode_is_readable_from_anywhere_once_set() {
        let (s, e) = ViewState::from_query("?mode=embed&institution=a&lock=institution");
        set(Mode::resolve(&e, &s, &Config::default()));
        assert!(!is_kiosk() && is_locked(Facet::Institution) && !is_locked(Facet::Stage));
        assert!(locked_filters().0.contains_key(&Facet::Institution));
        assert!(keeps_locks(&s) && !keeps_locks(&ViewState::default()));
        set(Mode::Standard);
        assert!(!is_locked(Facet::Institution) && locked_filters().is_empty());
        assert!(keeps_locks(&ViewState::default()));
    }
}
