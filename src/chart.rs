//! The overview's bar charts as numbers: one bar per facet value with its count and its length
//! relative to the longest bar. The view draws them as SVG.
use seed_core::sort;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The facet value id (what a click filters on).
    pub value: String,
    /// Seeds with this value.
    pub count: usize,
    /// Bar length in percent of the longest bar (0–100).
    pub percent: f64,
}

/// Order of the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the vocabulary lists them (meaningful for stages: basic → practical).
    Domain,
    /// Largest first, ties in vocabulary order.
    Count,
}

/// Bars for facet `counts` (value, count) in vocabulary order; values with no seed are
/// left out, as an empty bar says nothing.
pub fn bars(counts: &[(String, usize)], order: Order) -> Vec<Bar> {
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let mut out: Vec<Bar> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| Bar {
            value: v.clone(),
            count: *n,
            percent: (*n as f64 * 100.0 / max * 10.0).round() / 10.0,
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

    fn counts() -> Vec<(String, usize)> {
        vec![
            ("basic".into(), 3),
            ("poc".into(), 0),
            ("clinical".into(), 12),
            ("practical".into(), 4),
        ]
    }

    #[test]
    fn bars_scale_to_the_longest_and_skip_empty_values() {
        let b = bars(&counts(), Order::Domain);
        assert_eq!(
            b.iter().map(|b| b.value.as_str()).collect::<Vec<_>>(),
            ["basic", "clinical", "practical"]
        );
        assert_eq!(b[1].percent, 100.0);
        assert_eq!(b[0].percent, 25.0);
        assert_eq!(b[2].percent, 33.3);
    }

    #[test]
    fn bars_can_be_ordered_by_count() {
        let b = bars(&counts(), Order::Count);
        assert_eq!(b.iter().map(|b| b.count).collect::<Vec<_>>(), [12, 4, 3]);
    }

    #[test]
    fn no_seeds_no_bars() {
        assert!(bars(&[], Order::Count).is_empty());
        assert!(bars(&[("x".into(), 0)], Order::Domain).is_empty());
    }
}
