//! The overview's bar charts as numbers: one bar per facet value with its count and its length
//! relative to the longest bar. The view draws them as SVG.
use seed_core::{sort, FacetCounts};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The facet value id (what a click filters on).
    pub value: String,
    /// Seeds with this value.
    pub count: usize,
    /// Bar length in tenths of a percent of the longest bar (0–1000): integers, so the wasm
    /// needs no float formatting to draw it.
    pub permille: u32,
}

/// The shortest bar drawn, in tenths of a percent: a value with seeds never looks empty.
pub const MIN_PERMILLE: u32 = 5;

impl Bar {
    /// The bar's SVG width on a 0–100 scale, to one decimal ("33.3", "0.5").
    pub fn svg_width(&self) -> String {
        let p = self.permille.max(MIN_PERMILLE);
        format!("{}.{}", p / 10, p % 10)
    }
}

/// Order of the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the vocabulary lists them (meaningful for stages: basic → practical).
    Domain,
    /// Largest first, ties in vocabulary order.
    Count,
}

/// Bars for a facet's `counts` in vocabulary order; values with no seed are left out, as an
/// empty bar says nothing.
pub fn bars(counts: &FacetCounts, order: Order) -> Vec<Bar> {
    let max = counts.counts.iter().copied().max().unwrap_or(0).max(1);
    let mut out: Vec<Bar> = counts
        .iter()
        .filter(|&(_, n)| n > 0)
        .map(|(v, n)| Bar {
            value: v.to_string(),
            count: n,
            permille: ((n * 2000 / max).div_ceil(2)) as u32,
        })
        .collect();
    if order == Order::Count {
        sort::sort_by_key(&mut out, |b| std::cmp::Reverse(b.count));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts of stage-like values.
    fn facet(pairs: &[(&str, usize)]) -> FacetCounts {
        FacetCounts {
            key: seed_core::Facet::Stage,
            values: pairs.iter().map(|(v, _)| v.to_string()).collect(),
            counts: pairs.iter().map(|(_, n)| *n).collect(),
        }
    }

    fn counts() -> FacetCounts {
        facet(&[("basic", 3), ("poc", 0), ("clinical", 12), ("practical", 4)])
    }

    #[test]
    fn bars_scale_to_the_longest_and_skip_empty_values() {
        let b = bars(&counts(), Order::Domain);
        assert_eq!(
            b.iter().map(|b| b.value.as_str()).collect::<Vec<_>>(),
            ["basic", "clinical", "practical"]
        );
        assert_eq!(b.iter().map(|b| b.permille).collect::<Vec<_>>(), [250, 1000, 333]);
        assert_eq!(b.iter().map(Bar::svg_width).collect::<Vec<_>>(), ["25.0", "100.0", "33.3"]);
    }

    #[test]
    fn a_tiny_bar_is_still_drawn_and_halves_round_up() {
        let b = bars(&facet(&[("big", 2000), ("one", 1), ("third", 3)]), Order::Domain);
        assert_eq!(b[1].permille, 1, "1/2000 = 0.05 % rounds up to 0.1 %");
        assert_eq!(b[1].svg_width(), "0.5");
        assert_eq!(b[2].svg_width(), "0.5", "0.15 % is drawn as the shortest bar");
    }

    #[test]
    fn bars_can_be_ordered_by_count() {
        let b = bars(&counts(), Order::Count);
        assert_eq!(b.iter().map(|b| b.count).collect::<Vec<_>>(), [12, 4, 3]);
    }

    #[test]
    fn no_seeds_no_bars() {
        assert!(bars(&facet(&[]), Order::Count).is_empty());
        assert!(bars(&facet(&[("x", 0)]), Order::Domain).is_empty());
    }
}
