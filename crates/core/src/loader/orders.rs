//! The three sort orders of the seeds (newest first, by title, by institution), built by
//! merge sort a bounded number of merged elements per step, so sorting 100,000 titles does not
//! hold the page for one long task.

use std::cmp::Ordering;

use crate::model::Seed;

/// Which order: newest first, by title, by institution (then title).
const ORDERS: usize = 3;

/// The sort orders being built.
pub(super) struct SortOrders {
    /// Which order is being sorted (0..3); 3 when all are.
    which: usize,
    sorts: [MergeSort; ORDERS],
}

impl SortOrders {
    /// Orders of `n` seeds, not sorted yet.
    pub(super) fn new(n: usize) -> Self {
        SortOrders { which: 0, sorts: std::array::from_fn(|_| MergeSort::new(n)) }
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
        let current = self.sorts.get(self.which).map_or(0.0, MergeSort::fraction);
        (self.which as f64 + current) / ORDERS as f64
    }

    /// The dense rank of each seed's `updated` date (0 = newest) and the three orders.
    pub(super) fn into_orders(self, seeds: &[Seed]) -> (Vec<u32>, [Vec<u32>; 3]) {
        let [by_date, by_title, by_inst] = self.sorts.map(|s| s.order);
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

/// A bottom-up merge sort of `0..n` that can stop after any element and go on later (the last
/// merges of 100,000 seeds are 50,000 elements a side: one in a step held the page).
struct MergeSort {
    order: Vec<u32>,
    spare: Vec<u32>,
    /// Length of the sorted runs being merged in pairs.
    width: usize,
    /// Where the pair of runs being merged starts.
    at: usize,
    /// Elements taken so far from the pair's first run and from its second.
    taken: (usize, usize),
}

impl MergeSort {
    fn new(n: usize) -> Self {
        let order = (0..n as u32).collect();
        MergeSort { order, spare: vec![0; n], width: 1, at: 0, taken: (0, 0) }
    }

    /// Merges up to `work` elements (at least one): (sorted, elements merged).
    fn step(&mut self, work: usize, cmp: impl Fn(u32, u32) -> Ordering) -> (bool, usize) {
        let n = self.order.len();
        let work = work.max(1);
        let mut done = 0;
        while self.width < n {
            if done >= work {
                return (false, done);
            }
            let (lo, mid, hi) =
                (self.at, (self.at + self.width).min(n), (self.at + 2 * self.width).min(n));
            let (a, b) = (&self.order[lo..mid], &self.order[mid..hi]);
            done += merge(a, b, &mut self.spare[lo..hi], &mut self.taken, work - done, &cmp);
            if self.taken.0 + self.taken.1 < hi - lo {
                continue;
            }
            self.taken = (0, 0);
            self.at = hi;
            if self.at >= n {
                std::mem::swap(&mut self.order, &mut self.spare);
                self.width *= 2;
                self.at = 0;
            }
        }
        self.spare = Vec::new();
        (true, done)
    }

    fn fraction(&self) -> f64 {
        let n = self.order.len().max(2) as f64;
        let passes = n.log2().ceil().max(1.0);
        let pass = (self.width.max(1) as f64).log2();
        let at = (self.at + self.taken.0 + self.taken.1) as f64;
        ((pass + at / n) / passes).min(1.0)
    }
}

/// Merges up to `work` more elements of the sorted runs `a` and `b` into `out` (stable: `a`
/// first on ties), `taken` of each being merged already; returns how many it merged.
fn merge(
    a: &[u32],
    b: &[u32],
    out: &mut [u32],
    taken: &mut (usize, usize),
    work: usize,
    cmp: &impl Fn(u32, u32) -> Ordering,
) -> usize {
    let (mut i, mut j) = *taken;
    let from = i + j;
    let to = out.len().min(from.saturating_add(work));
    for slot in &mut out[from..to] {
        let take_a = j >= b.len() || (i < a.len() && cmp(b[j], a[i]) != Ordering::Less);
        if take_a {
            *slot = a[i];
            i += 1;
        } else {
            *slot = b[j];
            j += 1;
        }
    }
    *taken = (i, j);
    to - from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_in_small_steps_sorts_as_a_plain_sort_does() {
        let keys: Vec<u32> = (0..1000u32).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
        let cmp = |a: u32, b: u32| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b));
        let mut expected: Vec<u32> = (0..1000).collect();
        expected.sort_by(|&a, &b| cmp(a, b));
        for work in [1, 7, 100, usize::MAX] {
            let mut sort = MergeSort::new(1000);
            let mut steps = 0;
            let mut fraction = 0.0;
            loop {
                let (sorted, done) = sort.step(work, cmp);
                assert!(done <= work, "{done} merged of {work}");
                assert!(sort.fraction() >= fraction, "progress never goes back");
                fraction = sort.fraction();
                if sorted {
                    break;
                }
                steps += 1;
            }
            assert_eq!(sort.order, expected, "{work} per step");
            assert!(work < 1000 || steps <= 1);
        }
    }

    #[test]
    fn tiny_lists_are_sorted_in_one_step_of_their_length() {
        for n in [0, 1, 2] {
            let mut sort = MergeSort::new(n);
            assert!(sort.step(2, |a, b| b.cmp(&a)).0);
            assert_eq!(sort.order, (0..n as u32).rev().collect::<Vec<_>>());
        }
    }
}
