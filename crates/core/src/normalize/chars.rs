//! The normalized character ([`NChar`]) and the character classes every step and the
//! tokenizer share (kana, katakana, CJK, word characters). A leaf: the pipeline's steps use it
//! without importing the pipeline ([`super`]) that runs them.

/// One normalized character and the byte range `start..end` of the original text it came from.
/// Several normalized characters may share one range (㍻ → 平成), and one range may be dropped
/// entirely (a trailing ー).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NChar {
    /// The normalized character.
    pub c: char,
    /// Start byte offset in the original text.
    pub start: u32,
    /// End byte offset (exclusive) in the original text.
    pub end: u32,
}

/// The characters of `text` with their own offsets: the input of a single step in tests.
pub fn chars_of(text: &str) -> impl Iterator<Item = NChar> + '_ {
    text.char_indices().map(|(i, c)| NChar { c, start: i as u32, end: (i + c.len_utf8()) as u32 })
}

/// Character classes of the U+3000–U+30FF block (CJK punctuation, hiragana, katakana), as
/// flags in one table so the hot path does one lookup instead of a chain of range tests.
mod block30 {
    pub const STABLE: u8 = 1;
    pub const KANA: u8 = 2;
    pub const KATAKANA: u8 = 4;
    pub const CJK: u8 = 8;
    pub const HIRAGANA_FOLD: u8 = 16;

    const fn flags(c: u32) -> u8 {
        let mut f = 0;
        if matches!(c, 0x3001..=0x3003 | 0x3005..=0x3007 | 0x3008..=0x3011 | 0x3041..=0x3096 | 0x30A1..=0x30FE)
        {
            f |= STABLE;
        }
        if matches!(c, 0x3041..=0x3096 | 0x309D..=0x309E | 0x30A1..=0x30FA | 0x30FC..=0x30FE) {
            f |= KANA;
        }
        if matches!(c, 0x30A1..=0x30FA | 0x30FC..=0x30FE) {
            f |= KATAKANA;
        }
        if matches!(c, 0x3005..=0x3007 | 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF)
        {
            f |= CJK;
        }
        if matches!(c, 0x3041..=0x3096 | 0x309D..=0x309E) {
            f |= HIRAGANA_FOLD;
        }
        f
    }

    pub static TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = flags(0x3000 + i as u32);
            i += 1;
        }
        t
    };

    /// The flags of `c`, or 0 outside the block.
    #[inline(always)]
    pub fn of(c: char) -> u8 {
        let c = c as u32;
        if c >> 8 == 0x30 {
            TABLE[(c & 0xFF) as usize]
        } else {
            0
        }
    }
}

pub(crate) use block30::{of as block30_flags, STABLE as BLOCK30_STABLE};

/// Hiragana, katakana (including ヽヾ and the long-vowel mark ー): the "kana context" in which
/// a dash is a long-vowel mark.
#[inline(always)]
pub fn is_kana(c: char) -> bool {
    block30::of(c) & block30::KANA != 0
}

/// Katakana script characters that make up a katakana word, ー included.
#[inline(always)]
pub fn is_katakana(c: char) -> bool {
    block30::of(c) & block30::KATAKANA != 0
}

/// Hiragana letters that fold to katakana.
#[inline(always)]
pub fn is_foldable_hiragana(c: char) -> bool {
    block30::of(c) & block30::HIRAGANA_FOLD != 0
}

/// Characters written without spaces between words (Han ideographs, kana, 々 〆 ヶ): the
/// engine indexes them as character bigrams.
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    if (0x4E00..=0x9FFF).contains(&u) {
        return true;
    }
    if u >> 8 == 0x30 {
        return block30::TABLE[(u & 0xFF) as usize] & block30::CJK != 0;
    }
    matches!(u, 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
}

/// Letters and digits of space-separated scripts (Latin, Greek, Cyrillic, Hangul, ...): the
/// engine indexes runs of them as words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{30FB}') {
        false // Japanese punctuation and brackets, without a table lookup
    } else {
        !is_cjk(c) && c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kana_block_table_matches_the_ranges() {
        for u in 0x3000u32..0x3100 {
            let c = char::from_u32(u).unwrap();
            let r = |ranges: &[(u32, u32)]| ranges.iter().any(|&(a, b)| (a..=b).contains(&u));
            assert_eq!(
                is_kana(c),
                r(&[(0x3041, 0x3096), (0x309D, 0x309E), (0x30A1, 0x30FA), (0x30FC, 0x30FE)]),
                "{c}"
            );
            assert_eq!(is_katakana(c), r(&[(0x30A1, 0x30FA), (0x30FC, 0x30FE)]), "{c}");
            assert_eq!(is_foldable_hiragana(c), r(&[(0x3041, 0x3096), (0x309D, 0x309E)]), "{c}");
            let cjk = r(&[
                (0x3005, 0x3007),
                (0x3041, 0x3096),
                (0x309D, 0x309F),
                (0x30A1, 0x30FA),
                (0x30FC, 0x30FF),
            ]);
            assert_eq!(is_cjk(c), cjk, "{c}");
        }
    }

    #[test]
    fn character_classes_cover_the_scripts_in_use() {
        assert!(is_cjk('癌') && is_cjk('が') && is_cjk('カ') && is_cjk('ー') && is_cjk('々'));
        assert!(!is_cjk('a') && !is_cjk('、') && !is_cjk('・'));
        assert!(is_word_char('a') && is_word_char('7') && is_word_char('é') && is_word_char('д'));
        assert!(!is_word_char('癌') && !is_word_char('-') && !is_word_char(' '));
        for c in ('\u{3000}'..='\u{3004}').chain('\u{3008}'..='\u{3020}').chain(['\u{30FB}']) {
            assert!(!c.is_alphanumeric(), "{c:?} is punctuation");
        }
    }
}
