//! The index's words, sorted, in one string: a word costs its bytes and eight more (its end
//! and its term id), where a boxed string of its own cost a pointer, a length and an
//! allocation's overhead — megabytes at 100,000 seeds. Leaf module: it imports nothing of the
//! crate.

use std::ops::Range;

/// Sorted words, each with a term id.
#[derive(Debug, Default, PartialEq)]
pub struct Vocab {
    text: String,
    /// Where each word ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    ids: Vec<u32>,
}

impl Vocab {
    /// The vocabulary of `words` (in any order; a word given twice keeps its smallest id).
    pub fn new(mut words: Vec<(Box<str>, u32)>) -> Self {
        words.sort_unstable();
        Vocab::from_sorted(words)
    }

    /// [`Vocab::new`] of words already sorted.
    pub fn from_sorted(mut words: Vec<(Box<str>, u32)>) -> Self {
        words.dedup_by(|b, a| a.0 == b.0);
        let bytes = words.iter().map(|(w, _)| w.len()).sum();
        let mut v = Vocab {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(words.len()),
            ids: Vec::with_capacity(words.len()),
        };
        for (w, id) in words {
            v.text.push_str(&w);
            v.ends.push(v.text.len() as u32);
            v.ids.push(id);
        }
        v
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there is no word.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `i`-th word in sorted order.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The `i`-th word's term id.
    #[inline]
    pub fn id(&self, i: usize) -> u32 {
        self.ids[i]
    }

    /// The term id of `w`, by bisection.
    pub fn find(&self, w: &str) -> Option<u32> {
        let i = self.first_not_below(w);
        (i < self.len() && self.word(i) == w).then(|| self.ids[i])
    }

    /// The positions of the words starting with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let lo = self.first_not_below(prefix);
        let (mut a, mut b) = (lo, self.len());
        while a < b {
            let mid = (a + b) / 2;
            if self.word(mid).starts_with(prefix) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        lo..a
    }

    /// Every word with its id, in sorted order.
    pub fn all(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.iter(0..self.len())
    }

    /// Words and ids at `range`.
    pub fn iter(&self, range: Range<usize>) -> impl Iterator<Item = (&str, u32)> + '_ {
        range.map(|i| (self.word(i), self.ids[i]))
    }

    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        self.text.len() + self.ends.len() * 4 + self.ids.len() * 4
    }

    /// The first position whose word is not below `w`.
    fn first_not_below(&self, w: &str) -> usize {
        let (mut a, mut b) = (0, self.len());
        while a < b {
            let mid = (a + b) / 2;
            if self.word(mid) < w {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_by_prefix_in_sorted_order() {
        let words = ["cell", "cancer", "がん", "can", "cat", "cancer"];
        let v = Vocab::new(words.iter().zip(0..).map(|(w, i)| ((*w).into(), i)).collect());
        assert_eq!(v.len(), 5);
        assert_eq!(v.find("cancer"), Some(1));
        assert_eq!(v.find("がん"), Some(2));
        assert_eq!((v.find("ca"), v.find("cells"), v.find("")), (None, None, None));
        let ca: Vec<_> = v.iter(v.with_prefix("ca")).collect();
        assert_eq!(ca, [("can", 3), ("cancer", 1), ("cat", 4)]);
        assert!(v.with_prefix("x").is_empty() && v.with_prefix("がんx").is_empty());
        assert_eq!(v.with_prefix("").len(), 5);
        assert!(Vocab::new(Vec::new()).is_empty());
    }
}
