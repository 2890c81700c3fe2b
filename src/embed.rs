//! Embed mode's logic as plain values: the parameters a member website puts in the iframe's
//! URL (`lock`, `theme`, `font`, `links`) and the `embed` defaults in `config.json`, checked
//! and made safe into one [`EmbedSettings`], and the rule that keeps locked filters applied. The browser side (CSS
//! custom properties, height messages to the host page) is in `views/embed_shell.rs`.

use seed_core::{Facet, Filters};
use serde_json::Value;

use crate::state::ViewState;
use crate::url_codec::Params;

/// The `type` of the message that tells the host page the content height.
pub const HEIGHT_MESSAGE: &str = "seed-explorer:height";

/// The `type` of the message sent when the visitor opens another view or seed, so the host
/// page can bring the top of the iframe into view (the new page starts at its top).
pub const NAVIGATE_MESSAGE: &str = "seed-explorer:navigate";

/// Where a seed link opens inside an embed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkTarget {
    /// In the iframe itself (the app's normal in-page navigation).
    #[default]
    Frame,
    /// In the host page's window (`target="_top"`), leaving the host page.
    Top,
    /// In a new tab (`target="_blank"`).
    Blank,
}

impl LinkTarget {
    /// Parses `frame`, `top` or `blank`.
    pub fn from_code(code: &str) -> Option<LinkTarget> {
        match code.trim() {
            "frame" | "self" => Some(LinkTarget::Frame),
            "top" | "parent" => Some(LinkTarget::Top),
            "blank" | "tab" | "new" => Some(LinkTarget::Blank),
            _ => None,
        }
    }

    /// The `target` attribute, if the link leaves the frame.
    pub fn attr(self) -> Option<&'static str> {
        match self {
            LinkTarget::Frame => None,
            LinkTarget::Top => Some("_top"),
            LinkTarget::Blank => Some("_blank"),
        }
    }
}

/// A brand colour, checked to be six hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `0b5cad`, `#0b5cad` or the short `08c`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let s = s.trim().trim_start_matches('#');
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let full: String = match s.len() {
            3 => s.chars().flat_map(|c| [c, c]).collect(),
            6 => s.to_string(),
            _ => return None,
        };
        let byte = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// A darker shade for hover and pressed states.
    pub fn darker(self) -> Rgb {
        let d = |c: u8| (u16::from(c) * 3 / 4) as u8;
        Rgb(d(self.0), d(self.1), d(self.2))
    }

    /// Black or white, whichever reads better on this colour (WCAG relative luminance).
    pub fn on_colour(self) -> &'static str {
        let lin = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                // x^2.4 through the f32 ln and exp the search already links (no powf in the wasm).
                (((c + 0.055) / 1.055).ln() * 2.4).exp()
            }
        };
        let l = 0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2);
        // Contrast against white (1.05 / (l + 0.05)) vs against black ((l + 0.05) / 0.05).
        if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
            "#ffffff"
        } else {
            "#000000"
        }
    }
}

/// Generic font families, written without quotes.
const GENERIC_FONTS: [&str; 9] = [
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-rounded",
];

/// Makes a `font=` value a safe CSS `font-family` list: family names of letters, digits,
/// spaces, `-` and `_` only (any script), at most 5 names of 60 characters, each quoted
/// unless it is a generic family, with `sans-serif` appended when no generic family ends the
/// list. `None` when nothing usable is left.
pub fn sanitize_font(raw: &str) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for part in raw.split(',').take(5) {
        let name: String = part
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .take(60)
            .collect();
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if GENERIC_FONTS.contains(&lower.as_str()) {
            names.push(lower);
        } else if !matches!(
            lower.as_str(),
            "inherit" | "initial" | "unset" | "revert" | "revert-layer" | "default"
        ) {
            names.push(format!("\"{name}\""));
        }
    }
    if names.is_empty() {
        return None;
    }
    if names.last().is_none_or(|n| n.starts_with('"')) {
        names.push("sans-serif".to_string());
    }
    Some(names.join(", "))
}

/// Embed mode's settings: the `embed` object of `config.json` (defaults for every embed of
/// this deployment), then put in force by [`EmbedSettings::resolve`] with the iframe's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedSettings {
    /// Brand colour.
    pub theme: Option<Rgb>,
    /// CSS font-family list (already sanitized).
    pub font: Option<String>,
    /// Where seed links open.
    pub links: LinkTarget,
    /// Facet selections the visitor cannot change (`lock=institution` with
    /// `institution=hokuto-med` in the URL; never set by the config).
    pub locked: Filters,
}

impl EmbedSettings {
    /// Reads the `embed` object of `config.json`; a wrong field is ignored with a warning.
    pub fn parse(embed: Option<&Value>, warnings: &mut Vec<String>) -> EmbedSettings {
        let mut out = EmbedSettings::default();
        let Some(Value::Object(e)) = embed else { return out };
        let mut warn = |field: &str, why: &str| {
            warnings.push(format!("config.json: embed.{field} {why}; ignored"))
        };
        let text = |k: &str| e.get(k).and_then(Value::as_str);
        if e.get("theme").is_some_and(|v| !v.is_null()) {
            out.theme = text("theme").and_then(Rgb::parse);
            if out.theme.is_none() {
                warn("theme", "must be a hex colour such as \"0b5cad\"");
            }
        }
        if e.get("font").is_some_and(|v| !v.is_null()) {
            out.font = text("font").and_then(sanitize_font);
            if out.font.is_none() {
                warn("font", "must be a list of font family names");
            }
        }
        if e.get("links").is_some_and(|v| !v.is_null()) {
            match text("links").and_then(LinkTarget::from_code) {
                Some(links) => out.links = links,
                None => warn("links", "must be \"frame\", \"top\" or \"blank\""),
            }
        }
        out
    }

    /// The settings in force: the iframe's URL (`theme`, `font`, `links`, `lock` in `params`,
    /// the preset filters in `initial`) over these (from the config). A locked facet with no
    /// preset value in the URL locks nothing.
    pub fn resolve(&self, params: &Params, initial: &ViewState) -> EmbedSettings {
        let mut locked = Filters::default();
        for key in &params.lock {
            for value in initial.filters.0.get(key).into_iter().flatten() {
                locked.insert(*key, value);
            }
        }
        EmbedSettings {
            theme: params.theme.as_deref().and_then(Rgb::parse).or(self.theme),
            font: params.font.as_deref().and_then(sanitize_font).or_else(|| self.font.clone()),
            links: params.links.as_deref().and_then(LinkTarget::from_code).unwrap_or(self.links),
            locked,
        }
    }

    /// True when the facet `key` is locked.
    pub fn is_locked(&self, key: Facet) -> bool {
        self.locked.0.contains_key(&key)
    }
}

/// The state with every locked facet set to exactly its locked values, or `None` when
/// `state` already has them (so "clear all", "start over" or a hand-edited URL cannot drop
/// or widen a locked filter).
pub fn enforce_locks(state: &ViewState, locked: &Filters) -> Option<ViewState> {
    let ok = locked.0.iter().all(|(k, v)| state.filters.0.get(k) == Some(v));
    if ok {
        return None;
    }
    let mut next = state.clone();
    for (k, v) in &locked.0 {
        next.filters.0.insert(*k, v.clone());
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_codec;

    #[test]
    fn colours_are_six_or_three_hex_digits() {
        assert_eq!(Rgb::parse("0b5cad"), Some(Rgb(0x0b, 0x5c, 0xad)));
        assert_eq!(Rgb::parse("#0B5CAD").map(Rgb::css).as_deref(), Some("#0b5cad"));
        assert_eq!(Rgb::parse("08c"), Some(Rgb(0, 0x88, 0xcc)));
        for bad in ["", "12345", "0b5cadd", "red", "0b5cax", "1;color:red", "#", "１２３"] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Rgb(200, 100, 40).darker(), Rgb(150, 75, 30));
    }

    #[test]
    fn text_on_the_brand_colour_stays_readable() {
        assert_eq!(Rgb(0x0b, 0x5c, 0xad).on_colour(), "#ffffff");
        assert_eq!(Rgb(0xff, 0xd7, 0x00).on_colour(), "#000000");
        assert_eq!(Rgb(0, 0, 0).on_colour(), "#ffffff");
        assert_eq!(Rgb(255, 255, 255).on_colour(), "#000000");
    }

    #[test]
    fn fonts_are_reduced_to_quoted_family_names() {
        assert_eq!(sanitize_font("Noto Sans JP").as_deref(), Some("\"Noto Sans JP\", sans-serif"));
        assert_eq!(
            sanitize_font("'Yu Gothic', Meiryo, sans-serif").as_deref(),
            Some("\"Yu Gothic\", \"Meiryo\", sans-serif")
        );
        assert_eq!(sanitize_font("游ゴシック,serif").as_deref(), Some("\"游ゴシック\", serif"));
        assert_eq!(
            sanitize_font("x\"; } body { background: url(https://evil) ; /*").as_deref(),
            Some("\"x body background urlhttpsevil\", sans-serif")
        );
        assert_eq!(sanitize_font("a,b,c,d,e,f,g").map(|f| f.matches('"').count()), Some(10));
        for bad in ["", " , ,", "inherit", "();{}", "\"\""] {
            assert_eq!(sanitize_font(bad), None, "{bad:?}");
        }
        assert!(sanitize_font(&"a".repeat(1000)).unwrap().len() < 80);
    }

    #[test]
    fn link_targets() {
        assert_eq!(LinkTarget::from_code("top").and_then(LinkTarget::attr), Some("_top"));
        assert_eq!(LinkTarget::from_code("blank").and_then(LinkTarget::attr), Some("_blank"));
        assert_eq!(LinkTarget::from_code("frame").map(LinkTarget::attr), Some(None));
        assert_eq!(LinkTarget::from_code("javascript:"), None);
    }

    #[test]
    fn embed_config_is_read_forgivingly() {
        let mut w = Vec::new();
        let v: Value =
            serde_json::from_str(r##"{"theme":"#0b5cad","font":"Meiryo","links":"top"}"##).unwrap();
        let e = EmbedSettings::parse(Some(&v), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            (e.theme, e.font.as_deref(), e.links),
            (Rgb::parse("0b5cad"), Some("\"Meiryo\", sans-serif"), LinkTarget::Top)
        );
        let v: Value =
            serde_json::from_str(r#"{"theme":"red","font":"();","links":"javascript:"}"#).unwrap();
        assert_eq!(EmbedSettings::parse(Some(&v), &mut w), EmbedSettings::default());
        assert_eq!(w.len(), 3, "{w:?}");
        assert_eq!(EmbedSettings::parse(None, &mut w), EmbedSettings::default());
    }

    #[test]
    fn url_parameters_win_over_config_defaults() {
        let config = EmbedSettings {
            theme: Rgb::parse("112233"),
            font: sanitize_font("Meiryo"),
            links: LinkTarget::Blank,
            ..EmbedSettings::default()
        };
        let (initial, ex) = url_codec::decode(
            "?mode=embed&theme=aa0000&links=top&institution=hokuto-med&lock=institution",
        );
        let s = config.resolve(&ex, &initial);
        assert_eq!(s.theme, Rgb::parse("aa0000"));
        assert_eq!(s.font, config.font);
        assert_eq!(s.links, LinkTarget::Top);
        assert!(s.is_locked(Facet::Institution) && !s.is_locked(Facet::Fields));
        let (_, nope) = url_codec::decode("?theme=nope");
        let s = config.resolve(&nope, &ViewState::default());
        assert_eq!((s.theme, s.links), (config.theme, LinkTarget::Blank));
        assert_eq!(
            EmbedSettings::default().resolve(&Params::default(), &ViewState::default()),
            EmbedSettings::default()
        );
    }

    #[test]
    fn only_known_facets_with_a_preset_value_are_locked() {
        let (initial, ex) =
            url_codec::decode("?institution=a,b&stage=basic&lock=institution,fields,bogus,,stage");
        let s = EmbedSettings::default().resolve(&ex, &initial);
        let locked: Vec<Facet> = s.locked.0.keys().copied().collect();
        assert_eq!(locked, [Facet::Stage, Facet::Institution], "in panel order");
        assert_eq!(s.locked.0[&Facet::Institution].len(), 2);
    }

    #[test]
    fn locked_filters_survive_clear_all_and_cannot_be_widened() {
        let (initial, ex) = url_codec::decode("?institution=hokuto-med&lock=institution");
        let locked = EmbedSettings::default().resolve(&ex, &initial).locked;
        assert_eq!(enforce_locks(&initial, &locked), None);
        let mut cleared = initial.clone();
        cleared.filters = Filters::default();
        cleared.query = "がん".into();
        let fixed = enforce_locks(&cleared, &locked).unwrap();
        assert!(fixed.has_filter(Facet::Institution, "hokuto-med"));
        assert_eq!(fixed.query, "がん");
        let mut widened = initial.clone();
        widened.filters.insert(Facet::Institution, "other");
        widened.filters.insert(Facet::Stage, "basic");
        let fixed = enforce_locks(&widened, &locked).unwrap();
        assert!(!fixed.has_filter(Facet::Institution, "other"));
        assert!(fixed.has_filter(Facet::Stage, "basic"), "other facets stay free");
        assert_eq!(enforce_locks(&ViewState::default(), &Filters::default()), None);
    }
}
