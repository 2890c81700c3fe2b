//! Step 3: long-vowel and dash variants. After a kana, any dash-like character (ー ｰ — – ‐ ‑ ‒
//! ― - − ─ ━ ﹣) is the long-vowel mark ー; a run of several long-vowel marks collapses into
//! one. Dashes elsewhere (between digits, in Latin words) are left alone.

use super::chars::{is_kana, NChar};

/// Characters written in place of ー.
#[inline]
pub fn is_dash_variant(c: char) -> bool {
    if c.is_ascii() {
        return c == '-';
    }
    if c == 'ー' {
        return true;
    }
    let u = c as u32;
    if !(0x2010..=0x2501).contains(&u) && u < 0xFE63 {
        return false; // kana, kanji and most scripts: no dash variants there
    }
    matches!(
        c,
        '\u{30FC}' // ー
            | '\u{FF70}' // ｰ
            | '\u{2010}'
            ..='\u{2015}' // ‐ ‑ ‒ – — ―
            | '-'
            | '\u{2212}' // −
            | '\u{2500}' // ─
            | '\u{2501}' // ━
            | '\u{FE63}' // ﹣
            | '\u{FF0D}' // －
    )
}

/// Unifies long-vowel marks in a character stream: feed every character to [`LongVowels::step`].
#[derive(Debug, Clone, Copy)]
pub struct LongVowels {
    prev: char,
}

impl Default for LongVowels {
    fn default() -> Self {
        LongVowels { prev: ' ' }
    }
}

impl LongVowels {
    /// Records `c` as the previous character without stepping it (it is known not to be a dash
    /// after kana: the ASCII fast path).
    #[inline(always)]
    pub fn note(&mut self, c: char) {
        self.prev = c;
    }

    /// The character to pass on, or `None` for a repeated long-vowel mark.
    #[inline(always)]
    pub fn step(&mut self, mut n: NChar) -> Option<NChar> {
        if is_dash_variant(n.c) && is_kana(self.prev) {
            if self.prev == 'ー' {
                return None; // ーー → ー
            }
            n.c = 'ー';
        }
        self.prev = n.c;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::chars_of;
    use super::*;
    use crate::normalize::testing::table_test;

    fn apply(s: &str) -> Vec<NChar> {
        let mut lv = LongVowels::default();
        chars_of(s).filter_map(|n| lv.step(n)).collect()
    }

    fn unify(s: &str) -> String {
        apply(s).iter().map(|n| n.c).collect()
    }

    table_test! {
        dashes_after_kana_become_the_long_vowel_mark: unify,
        "" => "",
        "サーバー" => "サーバー",
        "サ-バ-" => "サーバー",
        "サ—バ–" => "サーバー",
        "サ‐バ―" => "サーバー",
        "サ−バ─" => "サーバー",
        "サｰバｰ" => "サーバー",
        "ら-めん" => "らーめん",
        "カーーー" => "カー",
        "カ--" => "カー",
        "IL-6" => "IL-6",
        "2024-01-01" => "2024-01-01",
        "癌-治療" => "癌-治療",
        "-カ" => "-カ",
        "ー" => "ー",
    }

    #[test]
    fn a_collapsed_run_keeps_the_first_marks_offsets() {
        let got: Vec<(char, u32)> = apply("カーー").iter().map(|n| (n.c, n.start)).collect();
        assert_eq!(got, vec![('カ', 0), ('ー', 3)]);
    }
}
