//! Unicode facts about the characters the fast paths of `nfkc.rs` and `case.rs` do not handle
//! (anything but ASCII, kana and CJK ideographs): their NFKC form, whether they attach to the
//! character before them, their lowercase form.
//!
//! Native builds (the CLI, tests) use the `unicode-normalization` tables and Rust's own
//! lowercase. The browser build asks the browser (`String.prototype.normalize`,
//! `toLowerCase`) instead, so the wasm carries no Unicode tables (about 40 KB brotli); answers
//! for single characters are remembered, so each distinct rare character crosses into
//! JavaScript once per page. Both follow the Unicode standard, so the index built in the browser
//! and the CLI's agree.

/// Characters that never attach to the previous one: everything below the combining
/// diacritical marks (U+0300), general punctuation through currency signs (up to the combining
/// marks for symbols at U+20D0), letterlike symbols through Coptic, and the half-width and
/// full-width forms apart from the half-width voicing marks ﾞ and ﾟ.
#[inline(always)]
pub fn never_joins(c: char) -> bool {
    let u = c as u32;
    u < 0x300
        || (0x2000..0x20D0).contains(&u)
        || (0x2100..0x2CEF).contains(&u)
        || ((0xFF00..=0xFFEF).contains(&u) && u != 0xFF9E && u != 0xFF9F)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
    use unicode_normalization::UnicodeNormalization;

    /// True when `c` attaches to the previous character under NFKC: a combining mark, or a
    /// character whose compatibility decomposition starts with one (half-width ﾞ and ﾟ).
    pub fn joins_previous(c: char) -> bool {
        if canonical_combining_class(c) != 0 {
            return true;
        }
        let mut first = None;
        decompose_compatible(c, |d| {
            if first.is_none() {
                first = Some(d);
            }
        });
        first.is_some_and(|d| canonical_combining_class(d) != 0)
    }

    /// Calls `f` with each character of the NFKC form of `cluster`.
    pub fn nfkc(cluster: &str, f: &mut dyn FnMut(char)) {
        cluster.nfkc().for_each(f);
    }

    /// Calls `f` with each character of the lowercase form of `c`.
    pub fn lowercase(c: char, f: &mut dyn FnMut(char)) {
        c.to_lowercase().for_each(f);
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{JsString, RegExp};
    use rustc_hash::FxHashMap;

    /// What the browser said about one character. The forms are shared, so a caller reads
    /// them after the cache is released (its callback may ask about another character).
    #[derive(Clone)]
    struct Answer {
        joins: bool,
        nfkc: Rc<str>,
        lowercase: Rc<str>,
    }

    thread_local! {
        static ANSWERS: RefCell<FxHashMap<char, Answer>> = RefCell::default();
        /// A mark at the start of a string (the browser's Unicode property tables).
        static MARK: RegExp = RegExp::new(r"^\p{M}", "u");
    }

    fn browser_nfkc(s: &str, form: &str) -> String {
        JsString::from(s).normalize(form).into()
    }

    fn answer(c: char) -> Answer {
        ANSWERS.with(|answers| {
            let mut answers = answers.borrow_mut();
            let answer = answers.entry(c).or_insert_with(|| {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                let decomposed = browser_nfkc(s, "NFKD");
                let lowercase: String = JsString::from(&*s).to_lower_case().into();
                Answer {
                    joins: MARK.with(|m| m.test(&decomposed)),
                    nfkc: browser_nfkc(s, "NFKC").into(),
                    lowercase: lowercase.into(),
                }
            });
            answer.clone()
        })
    }

    /// True when `c` attaches to the previous character under NFKC: its compatibility
    /// decomposition starts with a mark (combining marks, half-width ﾞ and ﾟ).
    pub fn joins_previous(c: char) -> bool {
        answer(c).joins
    }

    /// Calls `f` with each character of the NFKC form of `cluster`.
    pub fn nfkc(cluster: &str, f: &mut dyn FnMut(char)) {
        let mut chars = cluster.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => answer(c).nfkc.chars().for_each(f),
            _ => browser_nfkc(cluster, "NFKC").chars().for_each(f),
        }
    }

    /// Calls `f` with each character of the lowercase form of `c`.
    pub fn lowercase(c: char, f: &mut dyn FnMut(char)) {
        answer(c).lowercase.chars().for_each(f)
    }
}

pub use imp::{joins_previous, lowercase, nfkc};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_said_never_to_join_do_not_join() {
        for u in (0..0x300).chain(0x2000..0x20D0).chain(0x2100..0x2CEF).chain(0xFF00..=0xFFEF) {
            let Some(c) = char::from_u32(u) else { continue };
            if never_joins(c) {
                assert!(!joins_previous(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn half_width_voicing_marks_and_combining_marks_join() {
        for c in ['\u{FF9E}', '\u{FF9F}', '\u{3099}', '\u{0301}'] {
            assert!(!never_joins(c) && joins_previous(c), "{c:?}");
        }
    }
}
