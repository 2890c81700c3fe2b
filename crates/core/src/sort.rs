//! Sorting for cold paths (lists of a few hundred items per query, page or load): one compiled
//! sort for the whole program.
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
}
