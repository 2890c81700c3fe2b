//! The kiosk's set-up check as plain values: what booth staff should know before the doors
//! open — where the QR codes lead, whether the featured seeds exist, the idle time, how fresh
//! and how big the catalogue is, the storage left for the offline copy, the PIN — each a
//! [`Finding`] with a [`Status`]; the words (and each fix) are in `i18n.rs`, the component in
//! `views/setup_check.rs`. No Leptos and no browser here: the component gathers [`Inputs`].

use crate::share::{reach, Reach};

/// Idle times below this many seconds interrupt a visitor still reading a seed page.
pub const IDLE_TOO_SHORT_SECONDS: u64 = 30;
/// Idle times above this many seconds leave the previous visitor's search up for the next.
pub const IDLE_TOO_LONG_SECONDS: u64 = 300;
/// Free storage below this many bytes may not hold the offline copy of the site and the next
/// catalogue update (the sample site is about 3 MB; a 10,000-seed catalogue about 40 MB).
pub const MIN_FREE_BYTES: f64 = 100e6;

/// How a finding reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Needs fixing before visitors come.
    Warn,
    /// Worth knowing; nothing is wrong.
    Info,
    /// As it should be.
    Ok,
}

impl Status {
    /// The class suffix and test hook: `warn`, `info`, `ok`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Warn => "warn",
            Status::Info => "info",
            Status::Ok => "ok",
        }
    }
}

/// Where the QR codes (and shared links) lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicUrl {
    /// `public_base_url` is set to a public address.
    Set(String),
    /// `public_base_url` is set but names this machine (127.0.0.1, localhost).
    SetLocal(String),
    /// Not set; the page's own public address is used.
    FromPage(String),
    /// Not set, and the page's address is this machine's: QR codes are not shown.
    Local(String),
    /// Not set, and the page is a file (the USB stick): QR codes are not shown.
    File,
}

/// One line of the check.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// Where the QR codes lead.
    PublicUrl(PublicUrl),
    /// Featured seeds: how many are configured and which of them the catalogue lacks.
    Featured {
        /// Configured ids.
        configured: usize,
        /// Configured ids the catalogue does not have (or that are outside its scope).
        missing: Vec<String>,
    },
    /// The idle time before the countdown, in seconds, and whether the address set it.
    Idle {
        /// Seconds without a touch before "Still there?".
        seconds: u64,
        /// The countdown's length in seconds.
        countdown: u64,
        /// Set by `idle=` in the address rather than `config.json`.
        from_url: bool,
    },
    /// The catalogue: seeds and the newest update date.
    Catalogue {
        /// Seeds in the catalogue.
        seeds: usize,
        /// The newest `updated` date of any seed (`YYYY-MM-DD`), if any.
        newest: Option<String>,
    },
    /// Storage left for the offline copy; `None` when the browser does not say.
    Storage {
        /// Free bytes (quota − usage).
        free: Option<f64>,
    },
    /// The PIN is still the default one.
    DefaultPin,
}

impl Finding {
    /// How the finding reads at a glance.
    pub fn status(&self) -> Status {
        match self {
            Finding::PublicUrl(PublicUrl::Set(_)) => Status::Ok,
            Finding::PublicUrl(PublicUrl::FromPage(_)) => Status::Info,
            Finding::PublicUrl(_) => Status::Warn,
            Finding::Featured { missing, .. } if !missing.is_empty() => Status::Warn,
            Finding::Featured { configured: 0, .. } => Status::Info,
            Finding::Featured { .. } => Status::Ok,
            Finding::Idle { seconds, .. }
                if !(IDLE_TOO_SHORT_SECONDS..=IDLE_TOO_LONG_SECONDS).contains(seconds) =>
            {
                Status::Warn
            }
            Finding::Idle { from_url: true, .. } => Status::Info,
            Finding::Idle { .. } => Status::Ok,
            Finding::Catalogue { seeds: 0, .. } => Status::Warn,
            Finding::Catalogue { .. } => Status::Ok,
            Finding::Storage { free: None } => Status::Info,
            Finding::Storage { free: Some(f) } if *f < MIN_FREE_BYTES => Status::Warn,
            Finding::Storage { .. } => Status::Ok,
            Finding::DefaultPin => Status::Warn,
        }
    }

    /// The test hook and class of the line: `public-url`, `featured`, `idle`, `catalogue`,
    /// `storage`, `pin`.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::PublicUrl(_) => "public-url",
            Finding::Featured { .. } => "featured",
            Finding::Idle { .. } => "idle",
            Finding::Catalogue { .. } => "catalogue",
            Finding::Storage { .. } => "storage",
            Finding::DefaultPin => "pin",
        }
    }
}

/// What the check looks at, gathered by the component.
pub struct Inputs<'a> {
    /// `public_base_url` from `config.json`.
    pub public_base_url: Option<&'a str>,
    /// The page's own address.
    pub page_url: &'a str,
    /// The featured seed ids in force.
    pub featured: &'a [String],
    /// True for an id the catalogue (within its scope) has.
    pub known: &'a dyn Fn(&str) -> bool,
    /// Idle seconds, countdown seconds, and whether the address set them.
    pub idle: (u64, u64, bool),
    /// Seeds in the catalogue.
    pub seeds: usize,
    /// The newest `updated` date.
    pub newest: Option<String>,
    /// Free storage in bytes, when the browser says.
    pub free_storage: Option<f64>,
    /// The PIN is the built-in default.
    pub default_pin: bool,
}

/// Where QR codes lead for this configuration and page.
pub fn public_url(public_base_url: Option<&str>, page_url: &str) -> PublicUrl {
    match public_base_url {
        Some(url) if reach(url) == Reach::Public => PublicUrl::Set(url.to_string()),
        Some(url) => PublicUrl::SetLocal(url.to_string()),
        None => {
            let page = page_url.split(['?', '#']).next().unwrap_or_default().to_string();
            match reach(&page) {
                Reach::Public => PublicUrl::FromPage(page),
                Reach::Local => PublicUrl::Local(page),
                Reach::Nobody => PublicUrl::File,
            }
        }
    }
}

/// The findings, problems first (then in a fixed order within each status).
pub fn check(inputs: &Inputs) -> Vec<Finding> {
    let known = inputs.known;
    let (seconds, countdown, from_url) = inputs.idle;
    let mut out = vec![
        Finding::PublicUrl(public_url(inputs.public_base_url, inputs.page_url)),
        Finding::Featured {
            configured: inputs.featured.len(),
            missing: inputs.featured.iter().filter(|id| !known(id)).cloned().collect(),
        },
        Finding::Idle { seconds, countdown, from_url },
        Finding::Catalogue { seeds: inputs.seeds, newest: inputs.newest.clone() },
        Finding::Storage { free: inputs.free_storage },
    ];
    if inputs.default_pin {
        out.push(Finding::DefaultPin);
    }
    // Problems first, the order above kept within each status.
    [Status::Warn, Status::Info, Status::Ok]
        .into_iter()
        .flat_map(|s| out.iter().filter(move |f| f.status() == s).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs<'a>(known: &'a dyn Fn(&str) -> bool, featured: &'a [String]) -> Inputs<'a> {
        Inputs {
            public_base_url: Some("https://seeds.example.jp/"),
            page_url: "http://127.0.0.1:8080/?mode=kiosk",
            featured,
            known,
            idle: (90, 10, false),
            seeds: 149,
            newest: Some("2026-10-01".into()),
            free_storage: Some(2e9),
            default_pin: false,
        }
    }

    #[test]
    fn a_kiosk_set_up_well_has_nothing_to_fix() {
        let featured = vec!["a".to_string()];
        let known = |id: &str| id == "a";
        let findings = check(&inputs(&known, &featured));
        assert!(findings.iter().all(|f| f.status() == Status::Ok), "{findings:?}");
        let codes: Vec<&str> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, ["public-url", "featured", "idle", "catalogue", "storage"]);
    }

    #[test]
    fn qr_codes_that_lead_to_this_machine_or_a_file_are_a_problem() {
        let page = "http://127.0.0.1:8080/?mode=kiosk";
        assert_eq!(public_url(None, page), PublicUrl::Local("http://127.0.0.1:8080/".into()));
        assert_eq!(
            public_url(Some("http://localhost:8080/"), page),
            PublicUrl::SetLocal("http://localhost:8080/".into())
        );
        assert_eq!(public_url(None, "file:///media/usb/seeds.html?mode=kiosk"), PublicUrl::File);
        assert_eq!(
            public_url(None, "https://seeds.example.jp/booth/?mode=kiosk#x"),
            PublicUrl::FromPage("https://seeds.example.jp/booth/".into())
        );
        for url in
            [PublicUrl::Local(String::new()), PublicUrl::SetLocal(String::new()), PublicUrl::File]
        {
            assert_eq!(Finding::PublicUrl(url).status(), Status::Warn);
        }
        assert_eq!(Finding::PublicUrl(PublicUrl::FromPage(String::new())).status(), Status::Info);
    }

    #[test]
    fn missing_featured_seeds_are_named_and_listed_first() {
        let featured = vec!["a".to_string(), "gone-1".to_string()];
        let known = |id: &str| id == "a";
        let mut i = inputs(&known, &featured);
        i.public_base_url = None;
        let findings = check(&i);
        assert_eq!(
            findings[1],
            Finding::Featured { configured: 2, missing: vec!["gone-1".into()] },
            "{findings:?}"
        );
        assert_eq!(findings[0].code(), "public-url", "problems first, in the fixed order");
        assert!(findings[2..].iter().all(|f| f.status() != Status::Warn));
        let none: Vec<String> = Vec::new();
        assert_eq!(check(&inputs(&known, &none))[0].status(), Status::Info, "none configured");
    }

    #[test]
    fn idle_times_too_short_or_too_long_storage_low_and_the_default_pin_are_flagged() {
        let known = |_: &str| true;
        let featured = vec!["a".to_string()];
        let status = |f: &dyn Fn(&mut Inputs)| {
            let mut i = inputs(&known, &featured);
            f(&mut i);
            check(&i)[0].clone()
        };
        assert_eq!(status(&|i| i.idle = (10, 10, false)).status(), Status::Warn);
        assert_eq!(status(&|i| i.idle = (900, 10, false)).code(), "idle");
        assert_eq!(status(&|i| i.idle = (3, 3, true)).status(), Status::Warn);
        let set_by_url = status(&|i| i.idle = (60, 10, true));
        assert_eq!((set_by_url.code(), set_by_url.status()), ("idle", Status::Info));
        let low = status(&|i| i.free_storage = Some(MIN_FREE_BYTES - 1.0));
        assert_eq!((low.code(), low.status()), ("storage", Status::Warn));
        let unknown = status(&|i| i.free_storage = None);
        assert_eq!((unknown.code(), unknown.status()), ("storage", Status::Info));
        assert_eq!(status(&|i| i.default_pin = true), Finding::DefaultPin);
        assert_eq!(status(&|i| i.seeds = 0).code(), "catalogue");
    }
}
