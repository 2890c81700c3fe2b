//! How many result cards the browse list shows, as a plain value: one page for each new
//! search, a page more with "show more", and when the explorer starts a few cards before the
//! rest, which follow a few at a time after each paint. The view keeps a [`Paging`] in a signal
//! (`views/shown.rs`).

/// Cards a new search shows, and cards added per "show more".
pub const PAGE: usize = 50;
// A new search's page and the next one are ordered by the search itself; only a list read
// further orders the rest of its hits ([`seed_core::Hits`]).
const _: () = assert!(2 * PAGE <= seed_core::Hits::ORDERED_FIRST);
/// Cards rendered before the first paint when the explorer starts (the first results show
/// sooner on load); the rest of the page follows [`PAINT_STEP`] at a time, one step after each
/// paint. A later search renders its whole page in one pass.
pub const FIRST_PAINT: usize = 6;
/// Cards added after each paint while the explorer's first page fills: the page's other 44
/// cards in one task could take over 50 ms on a cold load (code running for the first time).
pub const PAINT_STEP: usize = 12;

/// The card count and the search it was set for (searches are numbered as they change). A
/// count kept for an older search does not apply: a new search starts at one page in the same
/// pass that renders its results, with no reset a frame later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    search: u32,
    count: usize,
}

impl Paging {
    /// The explorer's start: [`FIRST_PAINT`] cards of the first search (number 0).
    pub fn start() -> Self {
        Paging { search: 0, count: FIRST_PAINT }
    }

    /// After a paint while the first page fills: [`PAINT_STEP`] more cards, up to a page.
    pub fn painted(self) -> Self {
        if self.count >= PAGE {
            return self;
        }
        Paging { count: (self.count + PAINT_STEP).min(PAGE), ..self }
    }

    /// True while the explorer's first page is still filling (more cards after the next paint).
    pub fn filling(self) -> bool {
        self.count < PAGE
    }

    /// Cards shown for `search`.
    pub fn shown(self, search: u32) -> usize {
        if self.search == search {
            self.count
        } else {
            PAGE
        }
    }

    /// "Show more" on `search`: a page more than it shows now.
    pub fn more(self, search: u32) -> Self {
        Paging { search, count: self.shown(search) + PAGE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explorer_starts_with_a_few_cards_and_fills_a_page_a_few_cards_per_paint() {
        let mut p = Paging::start();
        assert_eq!(p.shown(0), FIRST_PAINT);
        let mut paints = 0;
        while p.filling() {
            let next = p.painted();
            assert!(next.shown(0) > p.shown(0) && next.shown(0) - p.shown(0) <= PAINT_STEP);
            p = next;
            paints += 1;
        }
        assert_eq!(p.shown(0), PAGE);
        assert_eq!(paints, (PAGE - FIRST_PAINT).div_ceil(PAINT_STEP));
        assert_eq!(p.painted(), p, "a full page stays as it is");
    }

    #[test]
    fn show_more_adds_a_page_to_the_current_search_only() {
        let mut p = Paging::start();
        while p.filling() {
            p = p.painted();
        }
        let p = p.more(0).more(0);
        assert_eq!(p.shown(0), 3 * PAGE);
        // A new search starts at one page, whatever the last one showed.
        assert_eq!(p.shown(1), PAGE);
        assert_eq!(p.more(1).shown(1), 2 * PAGE);
        // The first paint never shrinks what "show more" added.
        assert_eq!(p.painted().shown(0), 3 * PAGE);
    }

    #[test]
    fn show_more_before_the_first_paint_counts_from_what_is_shown() {
        assert_eq!(Paging::start().more(0).shown(0), FIRST_PAINT + PAGE);
    }
}
