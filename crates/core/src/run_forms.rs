//! The run forms ([`crate::normalize::run_form`]) of the seeds' fields that the contiguous-run
//! bonus read last, kept for the next keystroke: while a query is typed the best seeds change
//! little from one key to the next, and normalizing their summaries again was a quarter of a
//! keystroke's search time in the browser. Leaf module: it imports nothing of the crate.

use std::sync::Mutex;

/// Cached fields: enough for the best seeds of a few consecutive keystrokes (three fields
/// each). Direct-mapped: a field takes the place of whatever hashed to its slot.
pub const SLOTS: usize = 512;

/// A field group's run forms, its texts joined by newlines (never part of a run, and not a
/// word character, so a run can neither span two texts nor be mistaken for one word's part).
#[derive(Debug, Default)]
pub struct RunForms {
    slots: Mutex<Vec<Option<(u32, u8, String)>>>,
}

impl RunForms {
    /// Calls `check` with the run form of field group `field` of seed `seed`, built by `build`
    /// when it is not kept (`build` appends to the string it is given).
    pub fn with<T>(
        &self,
        seed: u32,
        field: u8,
        build: impl FnOnce(&mut String),
        check: impl FnOnce(&str) -> T,
    ) -> T {
        let Ok(mut slots) = self.slots.lock() else {
            let mut text = String::new();
            build(&mut text);
            return check(&text);
        };
        if slots.is_empty() {
            slots.resize_with(SLOTS, || None);
        }
        let at = (seed as usize).wrapping_mul(3).wrapping_add(usize::from(field)) % SLOTS;
        match &slots[at] {
            Some((s, f, text)) if *s == seed && *f == field => check(text),
            _ => {
                let mut text = String::new();
                build(&mut text);
                let out = check(&text);
                slots[at] = Some((seed, field, text));
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_built_once_until_another_takes_its_slot() {
        let forms = RunForms::default();
        let mut built = 0;
        for _ in 0..3 {
            let len = forms.with(
                7,
                1,
                |t| {
                    built += 1;
                    t.push_str("abc")
                },
                |t| t.len(),
            );
            assert_eq!(len, 3);
        }
        assert_eq!(built, 1);
        // Seed 7 + SLOTS / 3 … any seed hashing to the same slot replaces it.
        let other = (0..u32::MAX).find(|&s| s != 7 && (s as usize * 3 + 1) % SLOTS == 22).unwrap();
        forms.with(other, 1, |t| t.push_str("xy"), |t| assert_eq!(t, "xy"));
        forms.with(
            7,
            1,
            |t| {
                built += 1;
                t.push_str("abc")
            },
            |t| assert_eq!(t, "abc"),
        );
        assert_eq!(built, 2);
    }
}
