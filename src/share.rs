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

/// Only http(s) links are worth a QR code: a phone cannot open the `file://` address of a
/// catalogue on a USB stick.
pub fn scannable(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
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
    fn file_urls_are_not_scannable() {
        assert!(scannable("https://x.example/?seed=1"));
        assert!(!scannable("file:///media/usb/seed-explorer.html?seed=1"));
    }
}
