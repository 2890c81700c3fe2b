//! Step 6: katakana spelling variants folded to one spelling. Loanwords are written several
//! ways (ヴァイオリン / バイオリン, スマートフォン / スマートホン, ウィルス / ウイルス,
//! ウェアラブル / ウエアラブル, 3ヶ月 / 3ヵ月 / 3か月): each is read as the plainer spelling,
//! so a visitor finds a seed whichever way either of them wrote the word.
//!
//! - ヴ with a small vowel is the B-row letter (ヴァ → バ, ヴィ → ビ, ヴェ → ベ, ヴォ → ボ), a
//!   lone ヴ is ブ;
//! - フォ is ホ (フォン / ホン, フォルダ / ホルダ);
//! - a small vowel after another katakana letter is the full-size vowel (ウィ → ウイ,
//!   フィ → フイ, ティ → テイ);
//! - the counters ヵ and ヶ are カ.
//!
//! Runs after kana folding, so hiragana spellings fold the same way. A merged pair keeps the
//! byte range of both characters.

use super::chars::NChar;

/// The B-row letter for ヴ followed by a small vowel.
fn vu_with(vowel: char) -> Option<char> {
    Some(match vowel {
        'ァ' => 'バ',
        'ィ' => 'ビ',
        'ゥ' => 'ブ',
        'ェ' => 'ベ',
        'ォ' => 'ボ',
        _ => return None,
    })
}

/// The full-size vowel for a small one.
fn full_vowel(c: char) -> Option<char> {
    Some(match c {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        _ => return None,
    })
}

/// A katakana letter a small vowel can follow as part of one sound.
fn takes_small_vowel(c: char) -> bool {
    ('ア'..='ヺ').contains(&c) && c != 'ッ' && c != 'ン' && full_vowel(c).is_none()
}

/// Folds katakana variants: feed every character to [`KanaVariants::step`], then call
/// [`KanaVariants::finish`].
#[derive(Debug, Clone, Copy, Default)]
pub struct KanaVariants {
    /// A ヴ or フ waiting for the next character.
    pending: Option<NChar>,
    /// The last character passed on: a small vowel after it becomes full size.
    previous: Option<char>,
}

impl KanaVariants {
    /// Passes on `n`, or holds it back until the next character says what it is.
    #[inline(always)]
    pub fn step(&mut self, n: NChar, mut f: impl FnMut(NChar)) {
        if let Some(p) = self.pending.take() {
            let merged = match (p.c, n.c) {
                ('ヴ', v) => vu_with(v),
                ('フ', 'ォ') => Some('ホ'),
                _ => None,
            };
            if let Some(c) = merged {
                self.emit(NChar { c, start: p.start, end: n.end }, &mut f);
                return;
            }
            let c = if p.c == 'ヴ' { 'ブ' } else { p.c };
            self.emit(NChar { c, ..p }, &mut f);
        }
        if n.c == 'ヴ' || n.c == 'フ' {
            self.pending = Some(n);
            return;
        }
        let c = match n.c {
            'ヵ' | 'ヶ' => 'カ',
            small if self.previous.is_some_and(takes_small_vowel) => {
                full_vowel(small).unwrap_or(small)
            }
            c => c,
        };
        self.emit(NChar { c, ..n }, &mut f);
    }

    #[inline(always)]
    fn emit(&mut self, n: NChar, f: &mut impl FnMut(NChar)) {
        self.previous = Some(n.c);
        f(n);
    }

    /// Ends the text or an ASCII run: passes on a held-back character.
    #[inline]
    pub fn finish(&mut self, mut f: impl FnMut(NChar)) {
        if let Some(p) = self.pending.take() {
            let c = if p.c == 'ヴ' { 'ブ' } else { p.c };
            f(NChar { c, ..p });
        }
        self.previous = None;
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::chars_of;
    use super::*;
    use crate::normalize::testing::table_test;

    fn apply(s: &str) -> Vec<NChar> {
        let mut k = KanaVariants::default();
        let mut v = Vec::new();
        chars_of(s).for_each(|n| k.step(n, |m| v.push(m)));
        k.finish(|m| v.push(m));
        v
    }

    fn fold(s: &str) -> String {
        apply(s).iter().map(|n| n.c).collect()
    }

    table_test! {
        katakana_variants_fold_to_the_plainer_spelling: fold,
        "" => "",
        "ヴァイオリン" => "バイオリン",
        "バイオリン" => "バイオリン",
        "ヴィタミン" => "ビタミン",
        "ヴェール" => "ベール",
        "ヴ" => "ブ",
        "ヴ線" => "ブ線",
        "スマートフォン" => "スマートホン",
        "スマートホン" => "スマートホン",
        "フォ" => "ホ",
        "フ" => "フ",
        "フィルム" => "フイルム",
        "ウィルス" => "ウイルス",
        "ウイルス" => "ウイルス",
        "ウェアラブル" => "ウエアラブル",
        "パーティ" => "パーテイ",
        "3ヶ月" => "3カ月",
        "3ヵ月" => "3カ月",
        "3カ月" => "3カ月",
        "ァ" => "ァ",
        "がん" => "がん",
        "キャッシュ" => "キャッシュ",
        "ッァ" => "ッァ",
    }

    #[test]
    fn a_merged_pair_covers_both_characters() {
        let out = apply("スマートフォン");
        let ho = out.iter().find(|n| n.c == 'ホ').unwrap();
        assert_eq!((ho.start, ho.end), (12, 18));
        let n = out.last().unwrap();
        assert_eq!((n.c, n.start, n.end), ('ン', 18, 21));
    }
}
