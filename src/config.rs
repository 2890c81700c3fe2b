//! The deployment settings in `config.json` next to the bundle: site title, the public base URL
//! used in QR codes and shared links, default language, kiosk settings and featured seeds. A web
//! team edits it without a rebuild, so reading it is forgiving: a missing or broken file, or a
//! field of the wrong type, gives the default for that part and a warning, never an error page.

use serde_json::Value;

use crate::embed::EmbedSettings;
use crate::i18n::Lang;
use crate::kiosk::KioskSettings;

/// The site's settings after defaults are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Site title per language; `None` keeps the built-in title.
    pub site_title_ja: Option<String>,
    /// English site title.
    pub site_title_en: Option<String>,
    /// Public address of the explorer (http or https), used for QR codes and shared links
    /// instead of the address the page was opened at.
    pub public_base_url: Option<String>,
    /// Language when the URL does not choose one.
    pub default_lang: Lang,
    /// Seed ids shown first on the start page.
    pub featured: Vec<String>,
    /// The `kiosk` object: `enabled`, `idle_seconds`, `pin`, `featured` (see docs/kiosk.md).
    pub kiosk: KioskSettings,
    /// Defaults for embeds: `theme`, `font`, `links` (see docs/embed.md).
    pub embed: EmbedSettings,
    /// Booth leads: `public_key`, `exhibitor`, `privacy_contact`, `standard_site` (see
    /// docs/leads.md).
    pub leads: crate::leads::LeadsConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site_title_ja: None,
            site_title_en: None,
            public_base_url: None,
            default_lang: Lang::Ja,
            featured: Vec::new(),
            kiosk: Default::default(),
            embed: Default::default(),
            leads: Default::default(),
        }
    }
}

impl Config {
    /// Reads `config.json`. Returns the settings and one warning per part that was ignored.
    pub fn parse(text: &str) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let root: Value = match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Value::Object(map),
            Ok(_) => {
                return (
                    config,
                    vec!["config.json is not a JSON object; using the defaults".into()],
                )
            }
            Err(e) => {
                return (
                    config,
                    vec![format!("config.json is not valid JSON ({e}); using the defaults")],
                )
            }
        };
        let mut warn =
            |field: &str, why: &str| warnings.push(format!("config.json: {field} {why}; ignored"));
        match root.get("site_title") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.trim().is_empty() => {
                config.site_title_ja = Some(s.trim().to_string());
                config.site_title_en = Some(s.trim().to_string());
            }
            Some(Value::Object(t)) => {
                let pick = |k: &str| {
                    t.get(k)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                };
                config.site_title_ja = pick("ja");
                config.site_title_en = pick("en");
            }
            Some(_) => warn("site_title", "must be {\"ja\": …, \"en\": …}"),
        }
        match root.get("public_base_url") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if is_http_url(s.trim()) => {
                config.public_base_url = Some(s.trim().to_string())
            }
            Some(_) => warn("public_base_url", "must be an http(s) URL or null"),
        }
        match root.get("default_lang") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_str().and_then(Lang::from_code) {
                Some(l) => config.default_lang = l,
                None => warn("default_lang", "must be \"ja\" or \"en\""),
            },
        }
        match root.get("featured") {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) => {
                config.featured = ids.iter().filter_map(Value::as_str).map(String::from).collect();
                if config.featured.len() != ids.len() {
                    warn("featured", "has entries that are not seed ids");
                }
            }
            Some(_) => warn("featured", "must be a list of seed ids"),
        }
        config.kiosk = KioskSettings::parse(root.get("kiosk"), &mut warnings);
        config.embed = EmbedSettings::parse(root.get("embed"), &mut warnings);
        config.leads = crate::leads::LeadsConfig::parse(root.get("leads"), &mut warnings);
        (config, warnings)
    }

    /// The configured site title in `lang` (falling back to the other language), if any.
    pub fn site_title(&self, lang: Lang) -> Option<&str> {
        let (first, second) = if lang.is_en() {
            (&self.site_title_en, &self.site_title_ja)
        } else {
            (&self.site_title_ja, &self.site_title_en)
        };
        first.as_deref().or(second.as_deref())
    }
}

/// True for an absolute http(s) URL with a host.
fn is_http_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && !r.starts_with('/') && !r.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_reads_without_warnings() {
        let text = include_str!("../public/config.json");
        let (c, warnings) = Config::parse(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(c.default_lang, Lang::Ja);
        assert_eq!(c.kiosk.clock.idle_after_ms, 90_000);
    }

    #[test]
    fn a_full_config_is_read() {
        let (c, w) = Config::parse(
            r#"{"site_title":{"ja":"medU-net シーズ","en":"medU-net seeds"},"public_base_url":"https://seeds.example.jp/explorer/",
                "default_lang":"en","kiosk":{"idle_seconds":120},"featured":["a","b"]}"#,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.site_title(Lang::Ja), Some("medU-net シーズ"));
        assert_eq!(c.site_title(Lang::En), Some("medU-net seeds"));
        assert_eq!(c.public_base_url.as_deref(), Some("https://seeds.example.jp/explorer/"));
        assert_eq!((c.default_lang, c.kiosk.clock.idle_after_ms), (Lang::En, 120_000));
        assert_eq!(c.featured, vec!["a", "b"]);
    }

    #[test]
    fn a_title_in_one_language_serves_both() {
        let (c, _) = Config::parse(r#"{"site_title":{"ja":"シーズ集","en":null}}"#);
        assert_eq!(c.site_title(Lang::En), Some("シーズ集"));
        let (c, _) = Config::parse(r#"{"site_title":{"ja":"","en":""}}"#);
        assert_eq!(c.site_title(Lang::Ja), None);
    }

    #[test]
    fn broken_or_foreign_files_give_the_defaults_and_a_warning() {
        for text in ["", "{", "[1,2]", "\"x\"", "null"] {
            let (c, w) = Config::parse(text);
            assert_eq!(c, Config::default(), "{text:?}");
            assert_eq!(w.len(), 1, "{text:?}");
        }
    }

    #[test]
    fn each_bad_field_falls_back_alone() {
        let (c, w) = Config::parse(
            r#"{"site_title":3,"public_base_url":"javascript:alert(1)","default_lang":"fr",
                "kiosk":{"idle_seconds":-5},"featured":"x"}"#,
        );
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 5, "{w:?}");
        let (c, w) = Config::parse(r#"{"default_lang":"en","public_base_url":"ftp://x"}"#);
        assert_eq!(c.default_lang, Lang::En);
        assert_eq!(c.public_base_url, None);
        assert_eq!(w.len(), 1);
    }
}
