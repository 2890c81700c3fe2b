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
}

impl SortOrders {
    /// Orders of `n` seeds, not sorted yet.
    pub(super) fn new(n: usize) -> Self {
        SortOrders { which: 0, sorts: std::array::from_fn(|_| StepSort::new(n)) }
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
        true
    }

    /// The share of the sorting done, 0.0–1.0.
    pub(super) fn fraction(&self) -> f64 {
        let current = self.sorts.get(self.which).map_or(0.0, StepSort::fraction);
        (self.which as f64 + current) / ORDERS as f64
    }

    /// The dense rank of each seed's `updated` date (0 = newest) and the three orders.
    pub(super) fn into_orders(self, seeds: &[Seed]) -> (Vec<u32>, [Vec<u32>; 3]) {
        let [by_date, by_title, by_inst] = self.sorts.map(StepSort::into_order);
        let mut date_key = vec![0u32; seeds.len()];
        let mut k = 0u32;
        for w in 0..by_date.len() {
            let (s, before) = (by_date[w] as usize, w.checked_sub(1).map(|v| by_date[v] as usize));
            if before.is_some_and(|b| seeds[s].updated() != seeds[b].updated()) {
                k += 1;
            }
            date_key[s] = k;
        }
        (date_key, [by_date, by_title, by_inst])
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
