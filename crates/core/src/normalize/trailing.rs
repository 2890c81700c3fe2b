//! Step 4: a trailing long-vowel mark is dropped on katakana words of four or more characters
//! (サーバー → サーバ, コンピューター → コンピュータ), the JIS Z 8301 / 外来語 convention that
//! makes both spellings one word. Short words keep it (カー, コピー). Hiragana and the
//! characters after the word do not count: this step runs before kana folding so that
//! サーバーの is the word サーバー followed by の.

use super::chars::{is_katakana, NChar};

/// Shortest katakana word (in characters, its ー included) that loses a trailing ー.
pub const MIN_WORD_CHARS: usize = 4;

/// Drops trailing ー from long katakana words: feed every character to [`Trailing::step`], then
/// call [`Trailing::finish`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Trailing {
    run: usize,
    /// A ー that ends the word unless a katakana character follows.
    pending: Option<NChar>,
}

impl Trailing {
    /// Passes on `n` (and a held-back ー when the word goes on).
    #[inline(always)]
    pub fn step(&mut self, n: NChar, mut f: impl FnMut(NChar)) {
        if !is_katakana(n.c) {
            self.pending = None; // the word ended on ー: drop it
            self.run = 0;
            f(n);
            return;
        }
        if let Some(p) = self.pending.take() {
            f(p);
        }
        self.run += 1;
        if n.c == 'ー' && self.run >= MIN_WORD_CHARS {
            self.pending = Some(n);
        } else {
            f(n);
        }
    }

    /// Ends the current word, as a non-katakana character or the end of the text does (a
    /// held-back ー is dropped).
    #[inline]
    pub fn finish(&mut self) {
        self.pending = None;
        self.run = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::chars_of;
    use super::*;
    use crate::normalize::testing::table_test;

    fn apply(s: &str) -> Vec<NChar> {
        let mut t = Trailing::default();
        let mut v = Vec::new();
        chars_of(s).for_each(|n| t.step(n, |m| v.push(m)));
        t.finish();
        v
    }

    fn drop_trailing(s: &str) -> String {
        apply(s).iter().map(|n| n.c).collect()
    }

    table_test! {
        long_katakana_words_lose_a_trailing_long_vowel: drop_trailing,
        "" => "",
        "サーバー" => "サーバ",
        "サーバ" => "サーバ",
        "コンピューター" => "コンピュータ",
        "ユーザー" => "ユーザ",
        "カー" => "カー",
        "コピー" => "コピー",
        "ー" => "ー",
        "サーバーの設定" => "サーバの設定",
        "サーバー管理" => "サーバ管理",
        "サーバー、センサー" => "サーバ、センサ",
        "ドラッグ・デリバリー" => "ドラッグ・デリバリ",
        "ガイドワイヤー治療" => "ガイドワイヤ治療",
        "メーカー名" => "メーカ名",
        "カーテン" => "カーテン",
        "さーばー" => "さーばー",
        "バイオマーカー" => "バイオマーカ",
    }

    #[test]
    fn the_character_after_a_dropped_mark_keeps_its_offsets() {
        let got: Vec<(char, u32)> = apply("サーバーの").iter().map(|n| (n.c, n.start)).collect();
        assert_eq!(got, vec![('サ', 0), ('ー', 3), ('バ', 6), ('の', 12)]);
    }
}
