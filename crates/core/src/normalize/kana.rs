//! Step 5: kana folding by script. Hiragana become the katakana of the same sound letter
//! (が → ガ, ゝ → ヽ), so がん, ガン and ｶﾞﾝ are one spelling. Readings are never guessed:
//! 癌 stays 癌 (the synonym list connects it to がん).

/// The katakana for a hiragana letter; any other character unchanged.
#[inline(always)]
pub fn to_katakana(c: char) -> char {
    if super::chars::is_foldable_hiragana(c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::chars_of;
    use super::*;
    use crate::normalize::testing::table_test;

    fn fold(s: &str) -> String {
        chars_of(s).map(|n| to_katakana(n.c)).collect()
    }

    table_test! {
        hiragana_fold_to_katakana_and_nothing_else_changes: fold,
        "" => "",
        "がん" => "ガン",
        "ガン" => "ガン",
        "癌" => "癌",
        "ぁぃぅぇぉ" => "ァィゥェォ",
        "ゔ" => "ヴ",
        "ゕゖ" => "ヵヶ",
        "ゝゞ" => "ヽヾ",
        "らーめん" => "ラーメン",
        "せん妄" => "セン妄",
        "abc" => "abc",
        "ー" => "ー",
        "、。" => "、。",
    }
}
