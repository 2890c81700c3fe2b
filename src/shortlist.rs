//! The visitor's shortlist: seed ids in the order they were added, kept in the browser's
//! storage as a small versioned JSON value. A stored value that is corrupt or not ours resets
//! the list with a notice instead of breaking the app.

use serde::{Deserialize, Serialize};

/// The storage key (localStorage) of the shortlist.
pub const STORAGE_KEY: &str = "seed-explorer.shortlist";

/// The `format` tag of the stored value.
const FORMAT: &str = "seed-explorer-shortlist";

/// Most seeds a shortlist keeps (a QR code of the shared link must stay scannable).
pub const MAX: usize = 100;

/// Saved seed ids, oldest first, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortlist {
    ids: Vec<String>,
}

/// What reading the stored value found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// A valid shortlist.
    Ok(Shortlist),
    /// Something unreadable was stored; the list starts empty and the visitor is told.
    Reset(String),
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    ids: Vec<String>,
}

impl Shortlist {
    /// A shortlist of these ids (duplicates and blanks dropped, at most [`MAX`]).
    pub fn from_ids<I: IntoIterator<Item = S>, S: Into<String>>(ids: I) -> Shortlist {
        let mut list = Shortlist::default();
        for id in ids {
            list.add(&id.into());
        }
        list
    }

    /// The ids, oldest first.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Number of saved seeds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing is saved.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// True when the list holds [`MAX`] seeds and takes no more.
    pub fn is_full(&self) -> bool {
        self.ids.len() >= MAX
    }

    /// True when `id` is saved.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Saves `id` at the end; false when it was already there, blank, or the list is full.
    pub fn add(&mut self, id: &str) -> bool {
        if id.trim().is_empty() || self.contains(id) || self.ids.len() >= MAX {
            return false;
        }
        self.ids.push(id.to_string());
        true
    }

    /// Removes `id`; false when it was not saved.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.ids.len();
        self.ids.retain(|i| i != id);
        before != self.ids.len()
    }

    /// Adds `id` when absent, removes it when present; returns whether it is now saved.
    pub fn toggle(&mut self, id: &str) -> bool {
        if self.remove(id) {
            false
        } else {
            self.add(id)
        }
    }

    /// Adds every id of `other` not yet saved; returns how many were added.
    pub fn merge(&mut self, other: &[String]) -> usize {
        other.iter().filter(|id| self.add(id)).count()
    }

    /// The stored form.
    pub fn to_storage(&self) -> String {
        serde_json::to_string(&Stored { format: FORMAT.into(), version: 1, ids: self.ids.clone() })
            .unwrap_or_default()
    }

    /// Reads the stored form; `None` means nothing was stored.
    pub fn from_storage(stored: Option<&str>) -> Loaded {
        let Some(text) = stored else { return Loaded::Empty };
        match serde_json::from_str::<Stored>(text) {
            Ok(s) if s.format == FORMAT && s.version == 1 => Loaded::Ok(Shortlist::from_ids(s.ids)),
            Ok(s) if s.format == FORMAT => {
                Loaded::Reset(format!("unsupported shortlist version {}", s.version))
            }
            Ok(s) => Loaded::Reset(format!("not a shortlist (format {:?})", s.format)),
            Err(e) => Loaded::Reset(format!("unreadable shortlist: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_remove_and_toggle_keep_order_without_duplicates() {
        let mut s = Shortlist::default();
        assert!(s.add("a") && s.add("b") && !s.add("a") && !s.add("  "));
        assert_eq!(s.ids(), ["a", "b"]);
        assert!(!s.toggle("a"));
        assert!(s.toggle("c"));
        assert_eq!(s.ids(), ["b", "c"]);
        assert!(s.remove("b") && !s.remove("b"));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn merging_a_shared_list_adds_only_new_ids() {
        let mut s = Shortlist::from_ids(["a", "b"]);
        assert_eq!(s.merge(&["b".into(), "c".into(), "d".into()]), 2);
        assert_eq!(s.ids(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn the_list_is_capped() {
        let mut s = Shortlist::from_ids((0..MAX + 10).map(|i| i.to_string()));
        assert_eq!(s.len(), MAX);
        assert!(s.is_full() && !s.toggle("new") && !s.contains("new"));
        assert!(!s.toggle("0") && !s.is_full(), "removing makes room");
    }

    #[test]
    fn the_stored_form_round_trips() {
        let s = Shortlist::from_ids(["x-1", "日本-2", "a,b"]);
        assert_eq!(Shortlist::from_storage(Some(&s.to_storage())), Loaded::Ok(s));
        assert_eq!(Shortlist::from_storage(None), Loaded::Empty);
    }

    #[test]
    fn corrupt_or_foreign_values_reset_with_a_reason() {
        for bad in [
            "",
            "{",
            "null",
            "[\"a\"]",
            "{\"ids\":[1,2]}",
            r#"{"format":"other","version":1,"ids":[]}"#,
            r#"{"format":"seed-explorer-shortlist","version":9,"ids":[]}"#,
            r#"{"format":"seed-explorer-shortlist","version":1,"ids":"a"}"#,
        ] {
            assert!(matches!(Shortlist::from_storage(Some(bad)), Loaded::Reset(_)), "{bad:?}");
        }
    }

    #[test]
    fn stored_duplicates_are_cleaned() {
        let text = r#"{"format":"seed-explorer-shortlist","version":1,"ids":["a","a","","b"]}"#;
        assert_eq!(
            Shortlist::from_storage(Some(text)),
            Loaded::Ok(Shortlist::from_ids(["a", "b"]))
        );
    }
}
