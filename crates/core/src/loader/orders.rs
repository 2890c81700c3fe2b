//! The three sort orders of the seeds (newest first, by title, by institution), built a
//! bounded number of merged elements per step ([`StepSort`]), so sorting 100,000 titles does
//! not hold the page for one long task.

use std::cmp::Ordering;

use crate::model::Seed;
use crate::sort::StepSort;

/// Which order: newest first, by title, by institution (then title).
const ORDERS: usize = 3;

/// The sort orders being built.
pub(super) struct SortOrders {
    /// Which order is being sorted (0..3); 3 when all are.
    which: usize,
    sorts: [StepSort; ORDERS],
    /// Once sorted: the dense rank of each seed's date (0 = newest), the positions of the
    /// newest-first order ranked so far, and the rank at the last of them. In steps: reading
    /// 100,000 dates in date order (the seeds' texts all over memory) took 50 ms in the page.
    date_key: Vec<u32>,
    ranked: usize,
    rank: u32,
}

impl SortOrders {
    /// Orders of `n` seeds, not sorted yet.
    pub(super) fn new(n: usize) -> Self {
        let sorts = std::array::from_fn(|_| StepSort::new(n));
        SortOrders { which: 0, sorts, date_key: vec![0; n], ranked: 0, rank: 0 }
    }

    /// Merges about `work` elements; true when every order is sorted.
    pub(super) fn step(&mut self, seeds: &[Seed], work: usize) -> bool {
        let mut left = work.max(1);
        while self.which < ORDERS {
            let which = self.which;
            let cmp = |a: u32, b: u32| compare(seeds, which, a, b);
            let (sorted, used) = self.sorts[which].step(left, cmp);
            if !sorted {
                return false;
            }
            self.which += 1;
            left = left.saturating_sub(used).max(1);
        }
        self.rank_dates(seeds, left)
    }

    /// Ranks the dates of up to `work` more seeds of the newest-first order; true when all are.
    fn rank_dates(&mut self, seeds: &[Seed], work: usize) -> bool {
        let by_date = self.sorts[0].order();
        let to = self.ranked.saturating_add(work).min(by_date.len());
        for w in self.ranked..to {
            let (s, before) = (by_date[w] as usize, w.checked_sub(1).map(|v| by_date[v] as usize));
            if before.is_some_and(|b| seeds[s].updated() != seeds[b].updated()) {
                self.rank += 1;
            }
            self.date_key[s] = self.rank;
        }
        self.ranked = to;
        to == by_date.len()
    }

    /// The share of the sorting done, 0.0–1.0.
    pub(super) fn fraction(&self) -> f64 {
        let current = self.sorts.get(self.which).map_or(0.0, StepSort::fraction);
        (self.which as f64 + current) / ORDERS as f64
    }

    /// The dense rank of each seed's `updated` date (0 = newest) and the three orders, once
    /// [`SortOrders::step`] said done.
    pub(super) fn into_orders(self) -> (Vec<u32>, [Vec<u32>; 3]) {
        (self.date_key, self.sorts.map(StepSort::into_order))
    }
}

/// Order `which` of seeds `a` and `b`; ties go to the lower index, so every order is total.
fn compare(seeds: &[Seed], which: usize, a: u32, b: u32) -> Ordering {
    let (x, y) = (&seeds[a as usize], &seeds[b as usize]);
    match which {
        0 => y.updated().cmp(x.updated()),
        1 => x.title_ja().cmp(y.title_ja()),
        _ => x.institution().cmp(y.institution()).then(x.title_ja().cmp(y.title_ja())),
    }
    .then(a.cmp(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::SeedRecord;

    #[test]
    fn dates_are_ranked_densely_newest_first_in_steps_of_any_size() {
        let dates = ["2024-05-01", "2025-01-10", "2024-05-01", "2023-12-31", "2025-01-10", ""];
        let seeds: Vec<Seed> = (dates.iter())
            .map(|d| SeedRecord { updated: d.to_string(), ..SeedRecord::default() }.into())
            .collect();
        for work in [1, 2, 5, usize::MAX] {
            let mut orders = SortOrders::new(seeds.len());
            while !orders.step(&seeds, work) {}
            let (date_key, [by_date, ..]) = orders.into_orders();
            assert_eq!(date_key, [1, 0, 1, 2, 0, 3], "{work} per step");
            assert_eq!(by_date, [1, 4, 0, 2, 3, 5], "ties keep bundle order");
        }
    }
}
