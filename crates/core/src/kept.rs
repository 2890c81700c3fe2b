//! What the engine derived from one seed's text for one keystroke, kept for the next: while a
//! query is typed, the best seeds change little from one key to the next, and re-reading their
//! text was the costliest part of a keystroke's search in the browser (normalizing fields for
//! the run bonus, tokenizing the best matches for relevance feedback). Leaf module: it imports
//! nothing of the crate.

use std::sync::Mutex;

/// A small direct-mapped cache: a value takes the place of whatever hashed to its slot, so it
/// never holds more than its slots and needs no bookkeeping.
#[derive(Debug)]
pub struct Kept<V> {
    slots: Mutex<Vec<Option<(u64, V)>>>,
    size: usize,
}

impl<V> Kept<V> {
    /// An empty cache of `size` slots (allocated on first use).
    pub fn new(size: usize) -> Self {
        Kept { slots: Mutex::new(Vec::new()), size: size.max(1) }
    }

    /// Calls `read` with the value kept for `key`, built by `build` when it is not kept.
    pub fn with<T>(&self, key: u64, build: impl FnOnce() -> V, read: impl FnOnce(&V) -> T) -> T {
        let Ok(mut slots) = self.slots.lock() else { return read(&build()) };
        if slots.is_empty() {
            slots.resize_with(self.size, || None);
        }
        // Fibonacci hashing: neighbouring keys (a seed's fields) land far apart.
        let at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % self.size;
        match &slots[at] {
            Some((k, v)) if *k == key => read(v),
            _ => {
                let v = build();
                let out = read(&v);
                slots[at] = Some((key, v));
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_built_once_until_another_takes_its_slot() {
        let kept: Kept<String> = Kept::new(8);
        let mut built = 0;
        for _ in 0..3 {
            let len = kept.with(
                7,
                || {
                    built += 1;
                    "abc".to_string()
                },
                |t| t.len(),
            );
            assert_eq!(len, 3);
        }
        assert_eq!(built, 1);
        // Some other key hashes to the same slot among 8 and replaces it.
        let slot = |k: u64| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % 8;
        let other = (0..).find(|&k| k != 7 && slot(k) == slot(7)).unwrap();
        kept.with(other, || "xy".to_string(), |t| assert_eq!(t, "xy"));
        kept.with(
            7,
            || {
                built += 1;
                "abc".to_string()
            },
            |t| assert_eq!(t, "abc"),
        );
        assert_eq!(built, 2);
    }
}
