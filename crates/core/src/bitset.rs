//! A fixed-size set of seed indices as 64-bit words: facet values, query matches and filters
//! combine with word-wise AND/OR, and counting is a popcount.

/// A set of indices below a fixed capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    /// The empty set over `0..len`.
    pub fn empty(len: usize) -> Self {
        Bitset { words: vec![0; len.div_ceil(64)], len }
    }

    /// The full set `0..len`.
    pub fn full(len: usize) -> Self {
        let mut b = Bitset { words: vec![!0; len.div_ceil(64)], len };
        b.trim();
        b
    }

    /// Capacity: indices are below this.
    pub fn capacity(&self) -> usize {
        self.len
    }

    fn trim(&mut self) {
        let rem = self.len % 64;
        if rem != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << rem) - 1;
            }
        }
    }

    /// Adds `i`.
    #[inline]
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// True when `i` is in the set.
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Number of members of `self ∩ other` without building it.
    pub fn count_and(&self, other: &Bitset) -> usize {
        // A plain loop: the facet counts' hot path (see [`Bitset::for_each`]).
        let (a, b) = (&self.words, &other.words[..self.words.len().min(other.words.len())]);
        let mut n = 0;
        for i in 0..b.len() {
            n += (a[i] & b[i]).count_ones() as usize;
        }
        n
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// `self ∩= other`.
    pub fn and_with(&mut self, other: &Bitset) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a &= b);
    }

    /// `self ∪= other`.
    pub fn or_with(&mut self, other: &Bitset) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a |= b);
    }

    /// `self −= other`.
    pub fn and_not_with(&mut self, other: &Bitset) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a &= !b);
    }

    /// Prefix counts per word, for [`Bitset::rank`].
    pub fn word_ranks(&self) -> Vec<u32> {
        let mut acc = 0u32;
        self.words
            .iter()
            .map(|w| {
                let r = acc;
                acc += w.count_ones();
                r
            })
            .collect()
    }

    /// Number of members below `i`, given [`Bitset::word_ranks`].
    #[inline]
    pub fn rank(&self, ranks: &[u32], i: usize) -> usize {
        let w = i / 64;
        ranks[w] as usize + (self.words[w] & ((1u64 << (i % 64)) - 1)).count_ones() as usize
    }

    /// Calls `f` with every member in increasing order: [`Bitset::iter`] as plain loops, for
    /// the search's hot paths (the size-tuned wasm build does not inline iterator chains).
    #[inline(always)]
    pub fn for_each(&self, mut f: impl FnMut(usize)) {
        for (wi, &w) in self.words.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                f(wi * 64 + w.trailing_zeros() as usize);
                w &= w - 1;
            }
        }
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }
}

impl FromIterator<usize> for Bitset {
    /// Not used for sizing: call [`Bitset::empty`] and [`Bitset::insert`] when the capacity matters.
    fn from_iter<T: IntoIterator<Item = usize>>(iter: T) -> Self {
        let items: Vec<usize> = iter.into_iter().collect();
        let mut b = Bitset::empty(items.iter().max().map_or(0, |m| m + 1));
        items.into_iter().for_each(|i| b.insert(i));
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_behave_like_sets() {
        let mut a = Bitset::empty(130);
        for i in [0, 5, 64, 129] {
            a.insert(i);
        }
        let mut b = Bitset::empty(130);
        for i in [5, 64, 100] {
            b.insert(i);
        }
        assert_eq!(a.count(), 4);
        assert_eq!(a.count_and(&b), 2);
        let mut and = a.clone();
        and.and_with(&b);
        assert_eq!(and.iter().collect::<Vec<_>>(), vec![5, 64]);
        let mut or = a.clone();
        or.or_with(&b);
        assert_eq!(or.iter().collect::<Vec<_>>(), vec![0, 5, 64, 100, 129]);
        let mut not = a.clone();
        not.and_not_with(&b);
        assert_eq!(not.iter().collect::<Vec<_>>(), vec![0, 129]);
        assert!(a.contains(129) && !a.contains(130) && !a.contains(10_000));
        let ranks = a.word_ranks();
        assert_eq!([0, 5, 64, 129].map(|i| a.rank(&ranks, i)), [0, 1, 2, 3]);
    }

    #[test]
    fn a_full_set_holds_exactly_its_capacity() {
        for n in [0, 1, 63, 64, 65, 1000] {
            let f = Bitset::full(n);
            assert_eq!(f.count(), n);
            assert_eq!(f.iter().last(), n.checked_sub(1));
        }
        assert!(Bitset::empty(10).is_empty());
    }
}
