//! How many result cards the browse list shows: one page for each new search, more with
//! "show more", and on the explorer's first paint a few cards before the rest.

use leptos::prelude::*;
use seed_core::SearchRequest;

use crate::platform;

/// Cards a new search shows, and cards added per "show more".
pub const PAGE: usize = 50;
/// Cards rendered before the first paint when the explorer starts (the first results show
/// sooner on load); the rest of the page follows in the first task after that paint. A later
/// search renders its whole page in one pass.
const FIRST_PAINT: usize = 12;

/// How many cards of the current search the list shows. The count is kept with the search it
/// was set for, so a new search starts at one page in the same pass that renders its results:
/// no reset a frame later, and no cards removed and added back.
#[derive(Clone, Copy)]
pub struct Shown {
    /// Numbers the searches: changes exactly when the request does.
    search: Memo<u32>,
    /// The search the count was set for, and the count.
    set: RwSignal<(u32, usize)>,
}

impl Shown {
    /// Follows `request`, starting with [`FIRST_PAINT`] cards until the first paint.
    pub fn new(request: Memo<SearchRequest>) -> Self {
        let search = Memo::new(move |n: Option<&u32>| {
            request.track();
            n.map_or(0, |n| n.wrapping_add(1))
        });
        let set = RwSignal::new((0, FIRST_PAINT));
        platform::after_next_paint(move || set.update(|(_, n)| *n = (*n).max(PAGE)));
        Shown { search, set }
    }

    /// Cards shown (tracked).
    pub fn get(self) -> usize {
        let search = self.search.get();
        self.set.with(|&(s, n)| if s == search { n } else { PAGE })
    }

    /// "Show more": one page more of the current search.
    pub fn more(self) {
        let search = self.search.get_untracked();
        self.set.update(|(s, n)| {
            if *s != search {
                *s = search;
                *n = PAGE;
            }
            *n += PAGE;
        });
    }
}
