//! Which mode the app runs in — standard, kiosk (a touch screen at a booth) or embed (an
//! iframe on a member's website) — chosen by `?mode=` in the URL, else by `config.json`
//! (`kiosk.enabled`). The mode is fixed for the page's life (leaving kiosk mode reloads the
//! page): it is resolved once, when the config has loaded, and the views read it from the
//! shared context (`Ctx::mode`).

use seed_core::{Facet, Filters};

use crate::config::Config;
use crate::embed::{enforce_locks, EmbedSettings};
use crate::kiosk::KioskSettings;
use crate::leads::Place;
use crate::state::ViewState;
use crate::url_codec::{ModeParam, Params};

/// The two builds of the app (Cargo feature `booth`): the website build, which every visitor
/// downloads, and the booth build, which adds the kiosk shell and the booth-lead form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Standard and embed pages without booth leads (pkg/).
    Website,
    /// Kiosk pages, and pages that offer booth leads (booth/).
    Booth,
}

impl Build {
    /// The build this code was compiled as.
    pub const CURRENT: Build = if cfg!(feature = "booth") { Build::Booth } else { Build::Website };
}

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
    pub fn resolve(params: &Params, initial: &ViewState, config: &Config) -> Mode {
        let kiosk = || Mode::Kiosk(config.kiosk.resolve(&config.featured, params));
        match params.mode {
            Some(ModeParam::Kiosk) => kiosk(),
            Some(ModeParam::Embed) => Mode::Embed(config.embed.resolve(params, initial)),
            Some(ModeParam::Standard) => Mode::Standard,
            None if config.kiosk.enabled => kiosk(),
            None => Mode::Standard,
        }
    }

    /// Where booth leads would be offered.
    pub fn lead_place(&self) -> Place {
        match self {
            Mode::Kiosk(_) => Place::Kiosk,
            Mode::Embed(_) => Place::Embed,
            Mode::Standard => Place::Standard,
        }
    }

    /// The build this page needs: the booth build for a kiosk and wherever the config offers
    /// booth leads, the website build elsewhere.
    pub fn build(&self, config: &Config) -> Build {
        if self.is_kiosk() || config.leads.offered(self.lead_place()) {
            Build::Booth
        } else {
            Build::Website
        }
    }

    /// The embed settings, in embed mode.
    pub fn embed(&self) -> Option<&EmbedSettings> {
        match self {
            Mode::Embed(e) => Some(e),
            _ => None,
        }
    }

    /// True in kiosk mode.
    pub fn is_kiosk(&self) -> bool {
        matches!(self, Mode::Kiosk(_))
    }

    /// True when the facet `key` is locked by the embedding page (its values cannot be
    /// changed and the facet panel leaves it out).
    pub fn is_locked(&self, key: Facet) -> bool {
        self.embed().is_some_and(|e| e.is_locked(key))
    }

    /// The filters an embedding page locked (empty outside embed mode).
    pub fn locked_filters(&self) -> Filters {
        self.embed().map(|e| e.locked.clone()).unwrap_or_default()
    }

    /// The filters the visitor chose, in panel order: the state's without the locked ones
    /// (what the filter button counts and the chips list).
    pub fn visitor_filters(&self, state: &ViewState) -> Vec<(Facet, String)> {
        let mut all = state.active_filters();
        all.retain(|(k, _)| !self.is_locked(*k));
        all
    }

    /// True on the explorer's start page: no query and no filter of the visitor's own (where
    /// the featured seeds and a kiosk's keyword chips show).
    pub fn at_start(&self, state: &ViewState) -> bool {
        state.query.trim().is_empty() && self.visitor_filters(state).is_empty()
    }

    /// True when the filter panel leaves out values with no result instead of greying them
    /// out: `hide_empty` in the config, else on in embed mode (an iframe as tall as its
    /// content should not grow for values nobody can pick) and off elsewhere.
    pub fn hide_empty(&self, config: &Config) -> bool {
        config.hide_empty.unwrap_or(matches!(self, Mode::Embed(_)))
    }

    /// True when `state` has every locked filter exactly (always true outside embed mode): a
    /// suggestion or link that would drop a locked filter is not offered.
    pub fn keeps_locks(&self, state: &ViewState) -> bool {
        self.embed().is_none_or(|e| enforce_locks(state, &e.locked).is_none())
    }

    /// The `target` of a seed link that leaves the frame: an embed configured with
    /// `links=top` or `links=blank` opens seeds in the host's window or a new tab, at their
    /// public address. `None` everywhere else (the normal in-app link).
    pub fn seed_link_target(&self) -> Option<&'static str> {
        self.embed()?.links.attr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_codec;

    fn resolve(q: &str, c: &Config) -> Mode {
        let (s, p) = url_codec::decode(q);
        Mode::resolve(&p, &s, c)
    }

    #[test]
    fn the_url_chooses_the_mode_and_the_config_can_default_to_kiosk() {
        let config = Config::default();
        assert_eq!(resolve("", &config), Mode::Standard);
        assert!(matches!(resolve("?mode=kiosk", &config), Mode::Kiosk(_)));
        assert!(matches!(resolve("?mode=KIOSK", &config), Mode::Kiosk(_)));
        assert!(resolve("?mode=embed", &config).embed().is_some());
        assert_eq!(resolve("?mode=bogus", &config), Mode::Standard);
        let kiosk_site = Config {
            kiosk: KioskSettings { enabled: true, ..Default::default() },
            ..Config::default()
        };
        assert!(matches!(resolve("", &kiosk_site), Mode::Kiosk(k) if k.enabled));
        assert_eq!(resolve("?mode=standard", &kiosk_site), Mode::Standard);
        assert!(resolve("?mode=embed", &kiosk_site).embed().is_some());
    }

    #[test]
    fn the_mode_answers_for_kiosk_locks_and_links() {
        let embed =
            resolve("?mode=embed&institution=a&lock=institution&links=blank", &Config::default());
        let (s, _) = url_codec::decode("?mode=embed&institution=a&lock=institution");
        assert!(
            !embed.is_kiosk()
                && embed.is_locked(Facet::Institution)
                && !embed.is_locked(Facet::Stage)
        );
        assert!(embed.locked_filters().0.contains_key(&Facet::Institution));
        assert!(embed.keeps_locks(&s) && !embed.keeps_locks(&ViewState::default()));
        let mut chosen = s.clone();
        chosen.filters.insert(Facet::Stage, "basic");
        assert_eq!(embed.visitor_filters(&chosen), [(Facet::Stage, "basic".to_string())]);
        assert_eq!(Mode::Standard.visitor_filters(&chosen).len(), 2);
        assert_eq!(embed.seed_link_target(), Some("_blank"));
        let standard = Mode::Standard;
        assert!(!standard.is_locked(Facet::Institution) && standard.locked_filters().is_empty());
        assert!(standard.keeps_locks(&ViewState::default()));
        assert_eq!(standard.seed_link_target(), None);
        assert!(resolve("?mode=kiosk", &Config::default()).is_kiosk());
        assert_eq!(resolve("?mode=embed", &Config::default()).seed_link_target(), None);
    }

    #[test]
    fn kiosks_and_pages_that_offer_leads_need_the_booth_build() {
        let plain = Config::default();
        assert_eq!(resolve("", &plain).build(&plain), Build::Website);
        assert_eq!(resolve("?mode=embed", &plain).build(&plain), Build::Website);
        assert_eq!(resolve("?mode=kiosk", &plain).build(&plain), Build::Booth);
        let kiosk_site = Config {
            kiosk: KioskSettings { enabled: true, ..Default::default() },
            ..Config::default()
        };
        assert_eq!(resolve("", &kiosk_site).build(&kiosk_site), Build::Booth);
        assert_eq!(resolve("?mode=standard", &kiosk_site).build(&kiosk_site), Build::Website);
        let key = Some("B".repeat(88));
        let leads = |standard_site| Config {
            leads: crate::leads::LeadsConfig {
                public_key: key.clone(),
                standard_site,
                ..Default::default()
            },
            ..Config::default()
        };
        // A key alone offers leads on the kiosk only; `standard_site` on the normal site too.
        assert_eq!(resolve("", &leads(false)).build(&leads(false)), Build::Website);
        assert_eq!(resolve("", &leads(true)).build(&leads(true)), Build::Booth);
        assert_eq!(resolve("?mode=embed", &leads(true)).build(&leads(true)), Build::Website);
    }

    #[test]
    fn the_start_page_has_no_query_and_no_filter_of_the_visitors_own() {
        let (blank, _) = url_codec::decode("?q=%20%20");
        assert!(Mode::Standard.at_start(&blank));
        let (typed, _) = url_codec::decode("?q=がん");
        assert!(!Mode::Standard.at_start(&typed));
        let (filtered, _) = url_codec::decode("?institution=a");
        assert!(!Mode::Standard.at_start(&filtered));
        // An embedding page's lock is not the visitor's filter.
        let embed = resolve("?mode=embed&institution=a&lock=institution", &Config::default());
        assert!(embed.at_start(&filtered));
    }

    #[test]
    fn empty_facet_values_are_hidden_in_embeds_unless_the_config_says_otherwise() {
        let config = Config::default();
        assert!(resolve("?mode=embed", &config).hide_empty(&config));
        assert!(!Mode::Standard.hide_empty(&config));
        assert!(!resolve("?mode=kiosk", &config).hide_empty(&config));
        let off = Config { hide_empty: Some(false), ..Config::default() };
        assert!(!resolve("?mode=embed", &off).hide_empty(&off));
        let on = Config { hide_empty: Some(true), ..Config::default() };
        assert!(Mode::Standard.hide_empty(&on));
    }
}
