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
        let order = (0..words.len() as u32).collect();
        Packing::new(words, order).finish()
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

/// A [`Vocab`] packed a slice of words at a time, from the words and their sorted order (the
/// positions of `words`): freeing every word's own allocation is most of the work, tens of
/// milliseconds at 100,000 seeds.
pub struct Packing {
    words: Vec<(Box<str>, u32)>,
    order: Vec<u32>,
    /// Words of `order` packed so far.
    at: usize,
    vocab: Vocab,
}

impl Packing {
    /// Packing of `words` in `order` (each position once), nothing packed yet.
    pub fn new(words: Vec<(Box<str>, u32)>, order: Vec<u32>) -> Self {
        let bytes = words.iter().map(|(w, _)| w.len()).sum();
        let vocab = Vocab {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(words.len()),
            ids: Vec::with_capacity(words.len()),
        };
        Packing { words, order, at: 0, vocab }
    }

    /// Packs up to `count` more words (a word equal to the one before is left out); true when
    /// every word is.
    pub fn step(&mut self, count: usize) -> bool {
        let to = self.at.saturating_add(count).min(self.order.len());
        let v = &mut self.vocab;
        for &i in &self.order[self.at..to] {
            let (w, id) = std::mem::take(&mut self.words[i as usize]);
            if !v.is_empty() && v.word(v.len() - 1) == &*w {
                continue;
            }
            v.text.push_str(&w);
            v.ends.push(v.text.len() as u32);
            v.ids.push(id);
        }
        self.at = to;
        to == self.order.len()
    }

    /// The share of the words packed, 0.0–1.0.
    pub fn fraction(&self) -> f64 {
        self.at as f64 / self.order.len().max(1) as f64
    }

    /// The vocabulary, packing now what [`Packing::step`] has not.
    pub fn finish(mut self) -> Vocab {
        self.step(usize::MAX);
        self.vocab
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_packed_in_steps_in_a_given_sorted_order_make_the_same_vocabulary() {
        let words: Vec<(Box<str>, u32)> = ["mouse", "cell", "がん", "cancer", "cell"]
            .iter()
            .zip(0..)
            .map(|(w, i)| ((*w).into(), i))
            .collect();
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        let whole = Packing::new(words.clone(), order.clone()).finish();
        assert_eq!(whole, Vocab::new(words.clone()));
        assert_eq!(whole.len(), 4, "a word given twice is kept once");
        let mut packing = Packing::new(words, order);
        let mut fraction = 0.0;
        while !packing.step(2) {
            assert!(packing.fraction() > fraction, "each step packs more");
            fraction = packing.fraction();
        }
        assert_eq!(packing.finish(), whole, "packed two words a step");
    }

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
