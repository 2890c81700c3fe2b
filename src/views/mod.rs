//! The app's views, one file each: loading, error page, the explorer shell, browse (with the
//! facet panel and seed cards), the seed page, shortlist, needs matching and overview. They
//! share one [`Ctx`] through Leptos context; the logic they call lives in plain modules.

use leptos::prelude::*;
use seed_core::{PreparedQuery, Scoped, SearchResponse};

use crate::config::Config;
use crate::i18n::{Lang, Strings};
use crate::mode::Mode;
use crate::platform;
use crate::share;
use crate::shortlist::Shortlist;
use crate::state::ViewState;
use crate::url_codec::{self, Params};

#[cfg(feature = "booth")]
pub mod attract;
pub mod booth;
pub mod browse;
pub mod card;
pub mod detail;
pub mod embed_shell;
pub mod error_page;
pub mod explorer;
pub mod facets;
#[cfg(feature = "booth")]
pub mod kiosk_shell;
pub mod labels;
#[cfg(feature = "booth")]
pub mod leads;
pub mod loading;
pub mod mode_shell;
pub mod needs;
pub mod overview;
#[cfg(feature = "booth")]
pub mod setup_check;
pub mod shortlist;
pub mod shown;
#[cfg(feature = "booth")]
pub mod staff;
pub mod widgets;

/// A signal that follows `f` and notifies its readers only when the value changes. A [`Memo`]
/// would compute the same, but a memo passes every change of its sources down to all its readers
/// to be re-checked: the language or a facet's selection read from the view state would wake
/// every card and checkbox on each keystroke. Here the change stops at one effect, which runs in
/// the same task as the change (before the next paint). Only that effect writes the signal (an
/// `RwSignal` because the app builds no other signal kind, which keeps the wasm smaller).
pub fn settled<T>(f: impl Fn() -> T + Send + Sync + 'static) -> RwSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let out = RwSignal::new(f());
    Effect::new(move |_| {
        let value = f();
        if out.with_untracked(|v| *v != value) {
            out.set(value);
        }
    });
    out
}

/// Counts kiosk resets. The app rebuilds the whole explorer when it changes, so a reset
/// leaves nothing of the previous visitor in memory (provided by the app, read by the kiosk).
#[derive(Debug, Clone, Copy)]
pub struct Restarts(pub RwSignal<u32>);

/// Creates the reset counter and provides it to the explorer below.
pub fn provide_restarts() -> RwSignal<u32> {
    let restarts = RwSignal::new(0);
    provide_context(Restarts(restarts));
    restarts
}

/// A message shown once at the top of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The stored shortlist was unreadable and was reset.
    StorageReset,
    /// The browser refuses storage: the shortlist lasts only as long as the page.
    StorageUnavailable,
    /// The browser's storage for the site is full: the last change to the shortlist was not
    /// saved and lasts only as long as the page.
    StorageFull,
    /// Seeds from a shared link were added to the shortlist.
    SavedShared(usize),
    /// The shortlist is full: a seed was not saved.
    ShortlistFull,
    /// A link was copied to the clipboard.
    LinkCopied,
}

impl Notice {
    /// The message in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            Notice::StorageReset => t.storage_reset.to_string(),
            Notice::StorageUnavailable => t.storage_unavailable.to_string(),
            Notice::StorageFull => t.storage_full.to_string(),
            Notice::SavedShared(n) => (t.saved_shared)(n),
            Notice::ShortlistFull => (t.shortlist_full)(crate::shortlist::MAX),
            Notice::LinkCopied => t.link_copied.to_string(),
        }
    }
}

/// Everything the views share. `Copy`, so closures take it freely: the catalogue, settings
/// and deployment parameters live as long as the page (see `app.rs`).
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The loaded catalogue, seen through the mode's scope (an embed's locked facets): every
    /// seed a view lists, counts or opens comes through it.
    pub engine: &'static Scoped<'static>,
    /// What is shown; kept in step with the URL.
    pub state: RwSignal<ViewState>,
    /// The UI language in force.
    pub lang: RwSignal<Lang>,
    /// Deployment settings.
    pub config: &'static Config,
    /// The mode (standard, kiosk or embed) and its settings, fixed for the page's life.
    pub mode: &'static Mode,
    /// URL parameters that are not view state (`bundle`, the mode, …).
    pub params: &'static Params,
    /// The visitor's saved seeds.
    pub shortlist: RwSignal<Shortlist>,
    /// A one-off message.
    pub notice: RwSignal<Option<Notice>>,
    /// The current search's answer.
    pub response: Memo<SearchResponse>,
    /// The query resolved once for highlighting every card.
    pub prepared: Memo<PreparedQuery>,
    /// Cards shown in the result list (grows with "show more"; a new search shows one page).
    pub shown: shown::Shown,
}

impl Ctx {
    /// The shared context (provided by the explorer shell).
    pub fn get() -> Ctx {
        expect_context::<Ctx>()
    }

    /// The strings of the current language (tracked).
    pub fn t(&self) -> &'static Strings {
        self.lang.get().t()
    }

    /// The public link of seed `id` (QR code, "copy link", a seed link that leaves an embed):
    /// the configured public address or this page's, with the language and the catalogue.
    pub fn public_seed_url(&self, id: &str) -> String {
        let base = share::base(self.config.public_base_url.as_deref(), &platform::location_href());
        let lang = self.state.with_untracked(|s| s.lang);
        share::seed_url(&base, id, lang, &share::shared_params(self.params))
    }

    /// The `href` of a state, for real links that open in a new tab too.
    pub fn href(&self, s: &ViewState) -> String {
        let q = url_codec::encode(s, self.params);
        if q.is_empty() {
            "?".to_string()
        } else {
            q
        }
    }
}
