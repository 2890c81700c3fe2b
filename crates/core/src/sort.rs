//! Sorting for cold paths (lists of a few hundred items per query, page or load): one compiled
//! sort for the whole program; and [`StepSort`], a sort done a bounded slice at a time.
//!
//! Every `slice::sort_by` call site compiles its own copy of the standard sort, 2–4 KB of wasm
//! each. These helpers sort the items' positions with a comparator called through `dyn` — the
//! same code for every caller — and then move the items into that order. Hot paths (index
//! building, ordering thousands of results per keystroke) keep the standard sorts.

use std::cmp::Ordering;

/// The stable order of `0..n` under `cmp`; the one sort every helper shares.
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` by `cmp`, stably (equal items keep their order).
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order.into_iter().filter_map(|i| slots[i].take()).collect();
}

/// Sorts `v` by the key `key` gives each item, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// A bottom-up merge sort of `0..n` that can stop after any element and go on later, for the
/// loader's long sorts (the last merges of 100,000 seeds are 50,000 elements a side: one in a
/// step held the page). Stable: ties keep the lower index first.
pub struct StepSort {
    order: Vec<u32>,
    spare: Vec<u32>,
    /// Length of the sorted runs being merged in pairs.
    width: usize,
    /// Where the pair of runs being merged starts.
    at: usize,
    /// Elements taken so far from the pair's first run and from its second.
    taken: (usize, usize),
}

impl StepSort {
    /// `0..n`, not sorted yet.
    pub fn new(n: usize) -> Self {
        let order = (0..n as u32).collect();
        StepSort { order, spare: vec![0; n], width: 1, at: 0, taken: (0, 0) }
    }

    /// Merges up to `work` elements (at least one): (sorted, elements merged).
    pub fn step(&mut self, work: usize, cmp: impl Fn(u32, u32) -> Ordering) -> (bool, usize) {
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

    /// The share of the merging done, 0.0–1.0.
    pub fn fraction(&self) -> f64 {
        let n = self.order.len().max(2) as f64;
        let passes = n.log2().ceil().max(1.0);
        let pass = (self.width.max(1) as f64).log2();
        let at = (self.at + self.taken.0 + self.taken.1) as f64;
        ((pass + at / n) / passes).min(1.0)
    }

    /// The indices, in sorted order once [`StepSort::step`] said sorted.
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// The indices in sorted order (once [`StepSort::step`] said sorted).
    pub fn into_order(self) -> Vec<u32> {
        self.order
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
    fn sorting_matches_the_standard_stable_sort() {
        let items: Vec<(u8, usize)> =
            [3u8, 1, 2, 3, 1, 0, 2, 2].iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = items.clone();
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std);
        let mut reversed = items;
        sort_by_key(&mut reversed, |x| std::cmp::Reverse(x.0));
        assert_eq!(reversed.first(), Some(&(3, 0)), "ties keep their order");
        assert_eq!(reversed.last(), Some(&(0, 5)));
    }

    #[test]
    fn sorting_moves_owned_items_without_losing_any() {
        let mut words: Vec<String> = ["b", "a", "c", "a"].map(String::from).to_vec();
        sort_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["a", "a", "b", "c"]);
        let mut empty: Vec<String> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    #[test]
    fn merging_in_small_steps_sorts_as_a_plain_sort_does() {
        let keys: Vec<u32> = (0..1000u32).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
        let cmp = |a: u32, b: u32| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b));
        let mut expected: Vec<u32> = (0..1000).collect();
        expected.sort_by(|&a, &b| cmp(a, b));
        for work in [1, 7, 100, usize::MAX] {
            let mut sort = StepSort::new(1000);
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
            let mut sort = StepSort::new(n);
            assert!(sort.step(2, |a, b| b.cmp(&a)).0);
            assert_eq!(sort.order, (0..n as u32).rev().collect::<Vec<_>>());
        }
    }
}
