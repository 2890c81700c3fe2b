//! The browse list's card count as a signal: the rule is [`crate::paging::Paging`]; this
//! numbers the searches and fills the first page after each paint.

use leptos::prelude::*;
use seed_core::SearchRequest;

use crate::paging::Paging;
use crate::platform;

/// How many cards of the current search the list shows.
#[derive(Clone, Copy)]
pub struct Shown {
    /// Numbers the searches: changes exactly when the request does.
    search: Memo<u32>,
    paging: RwSignal<Paging>,
}

impl Shown {
    /// Follows `request`, with few cards until the first paint.
    pub fn new(request: Memo<SearchRequest>) -> Self {
        let search = Memo::new(move |n: Option<&u32>| {
            request.track();
            n.map_or(0, |n| n.wrapping_add(1))
        });
        let paging = RwSignal::new(Paging::start());
        fill_after_paint(paging);
        Shown { search, paging }
    }

    /// Cards shown (tracked).
    pub fn get(self) -> usize {
        let search = self.search.get();
        self.paging.with(|p| p.shown(search))
    }

    /// "Show more": one page more of the current search.
    pub fn more(self) {
        let search = self.search.get_untracked();
        self.paging.update(|p| *p = p.more(search));
    }
}

/// After the next paint, a few more cards of the first page, and again until it is full (the
/// explorer may be gone by then: a kiosk reset rebuilds it).
fn fill_after_paint(paging: RwSignal<Paging>) {
    platform::after_next_paint(move || {
        paging.try_update(|p| *p = p.painted());
        if paging.try_with_untracked(|p| p.filling()).unwrap_or(false) {
            fill_after_paint(paging);
        }
    });
}
