//! Public links for QR codes and "copy link": the configured public base URL (or the page's own
//! address without its query) followed by the state that reopens the same seed or shortlist.

use crate::i18n::Lang;
use crate::state::ViewState;
use crate::url_codec::{self, Params};
use crate::view::View;

/// The address shared links start from: `public_base_url` when configured, else the current
/// page's address without query or fragment.
pub fn base(public_base_url: Option<&str>, current_location: &str) -> String {
    let raw = public_base_url.unwrap_or(current_location);
    raw.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// The public link of a seed. `params` carries deployment parameters such as `bundle`, so a
/// catalogue served with `?bundle=` opens the same catalogue on the phone.
pub fn seed_url(base: &str, id: &str, lang: Option<Lang>, params: &Params) -> String {
    let state = ViewState { seed: Some(id.to_string()), lang, ..ViewState::default() };
    format!("{base}{}", url_codec::encode(&state, params))
}

/// The public link that reopens a shortlist of these ids on another device.
pub fn shortlist_url(base: &str, ids: &[String], lang: Option<Lang>, params: &Params) -> String {
    let state =
        ViewState { view: View::Shortlist, ids: ids.to_vec(), lang, ..ViewState::default() };
    format!("{base}{}", url_codec::encode(&state, params))
}

/// Who can open a link: only http(s) links are worth a QR code or "copy link" — a phone
/// cannot open the `file://` address of a catalogue on a USB stick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Anyone: an http(s) address of a real host.
    Public,
    /// Only this machine: http(s) on 127.0.0.1, localhost, `[::1]`, 0.0.0.0 (a kiosk without
    /// `public_base_url`). A QR code of it opens nothing on a visitor's phone.
    Local,
    /// No one else: a `file://` address (the USB file) or anything not http(s).
    Nobody,
}

/// Who can open `url`.
pub fn reach(url: &str) -> Reach {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return Reach::Nobody;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = if host.starts_with('[') {
        host.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default().to_string()
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    // 127.0.0.0/8 written as four numbers (not a name such as 127.example.jp).
    let loopback_v4 = host.starts_with("127.")
        && host.split('.').count() == 4
        && host.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let local = host.is_empty()
        || host == "localhost"
        || host.ends_with(".localhost")
        || loopback_v4
        || matches!(host.as_str(), "0.0.0.0" | "[::1]" | "[::]" | "[0:0:0:0:0:0:0:1]");
    if local {
        Reach::Local
    } else {
        Reach::Public
    }
}

/// The deployment parameters a shared link must carry (the catalogue), dropping ones that
/// only make sense on this screen (benchmarks, kiosk/embed modes).
pub fn shared_params(params: &Params) -> Params {
    Params { bundle: params.bundle.clone(), ..Params::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configured_base_wins_over_the_page_address() {
        assert_eq!(
            base(Some("https://seeds.example.jp/app/"), "http://127.0.0.1:8080/?q=x"),
            "https://seeds.example.jp/app/"
        );
        assert_eq!(
            base(None, "http://127.0.0.1:8080/index.html?q=x#top"),
            "http://127.0.0.1:8080/index.html"
        );
    }

    #[test]
    fn seed_and_shortlist_links_reopen_the_same_thing() {
        let b = "https://seeds.example.jp/";
        let url = seed_url(b, "hokuto-med-001", None, &Params::default());
        assert_eq!(url, "https://seeds.example.jp/?seed=hokuto-med-001");
        let ids = vec!["a-1".to_string(), "b-2".to_string()];
        let url = shortlist_url(b, &ids, Some(Lang::En), &Params::default());
        assert_eq!(url, "https://seeds.example.jp/?lang=en&view=shortlist&ids=a-1,b-2");
        let (state, _) = url_codec::decode(url.trim_start_matches(b));
        assert_eq!((state.view, state.ids), (View::Shortlist, ids));
    }

    #[test]
    fn only_the_catalogue_parameter_travels() {
        let (_, params) = url_codec::decode("?bundle=big.json&bench=1&mode=kiosk&idle=3");
        let url = seed_url("https://x.example/", "s", None, &shared_params(&params));
        assert_eq!(url, "https://x.example/?bundle=big.json&seed=s");
    }

    #[test]
    fn local_addresses_reach_only_this_machine() {
        for url in [
            "http://127.0.0.1:8080/?seed=1",
            "http://localhost/",
            "https://LOCALHOST:3000",
            "http://app.localhost/x",
            "http://[::1]:8080/",
            "http://0.0.0.0/",
            "http://127.1.2.3",
            "http://user@127.0.0.1/",
        ] {
            assert_eq!(reach(url), Reach::Local, "{url}");
        }
        for url in [
            "https://seeds.example.jp/?seed=1",
            "http://192.168.1.20:8080/",
            "https://127.example.jp/",
        ] {
            assert_eq!(reach(url), Reach::Public, "{url}");
        }
        for url in ["file:///media/usb/seed-explorer.html?seed=1", "", "mailto:x@y.jp", "ftp://x"] {
            assert_eq!(reach(url), Reach::Nobody, "{url}");
        }
    }
}
