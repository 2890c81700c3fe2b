//! Step 1: Unicode NFKC, applied per cluster (a character and the combining characters that
//! follow it), so every output character keeps the byte range of the cluster it came from.
//!
//! Common characters take a fast path: ASCII, kana and CJK ideographs are NFKC-stable, and
//! full-width ASCII (Ｕ+FF01–FF5E) maps to ASCII by subtraction. Everything else goes through
//! `rare.rs` (Unicode tables natively, the browser's own normalizer in wasm). Composition
//! across two starters (conjoining Hangul jamo) is not performed; index and query share this
//! function, so they still agree.

use super::chars::NChar;
use super::rare;

/// Characters that NFKC leaves alone and that never combine with a neighbour.
#[inline(always)]
fn is_stable(c: char) -> bool {
    let u = c as u32;
    u < 0x80
        || (0x4E00..=0x9FFF).contains(&u)
        || super::chars::block30_flags(c) & super::chars::BLOCK30_STABLE != 0
}

/// True when `c` attaches to the previous character under NFKC (a combining mark, or a
/// character whose compatibility decomposition starts with one, like half-width ﾞ and ﾟ).
#[inline(always)]
fn joins_previous(c: char) -> bool {
    if is_stable(c) || rare::never_joins(c) {
        return false;
    }
    rare::joins_previous(c)
}

/// Calls `f` with the NFKC form of `text`, character by character, each with the byte range
/// of the original cluster it came from.
#[inline]
pub fn each(text: &str, mut f: impl FnMut(NChar)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII followed by ASCII (or the end) is already NFKC: no decoding needed.
        if b < 0x80 && bytes.get(i + 1).is_none_or(|&n| n < 0x80) {
            f(NChar { c: b as char, start: i as u32, end: i as u32 + 1 });
            i += 1;
        } else {
            i = cluster(text, i, &mut f);
        }
    }
}

/// NFKC of the cluster starting at byte `i` (a character and the characters that attach to
/// it); returns where the next cluster starts.
#[inline(always)]
pub fn cluster(text: &str, i: usize, mut f: impl FnMut(NChar)) -> usize {
    let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { return text.len() };
    let end = i + c.len_utf8();
    // Whether the next character attaches: ASCII and CJK ideographs (lead bytes E4–E9) never do.
    let next_joins = match text.as_bytes().get(end) {
        None => false,
        Some(&b) if b < 0x80 || (0xE4..=0xE9).contains(&b) => false,
        Some(_) => text[end..].chars().next().is_some_and(joins_previous),
    };
    if !next_joins {
        if is_stable(c) {
            f(NChar { c, start: i as u32, end: end as u32 });
            return end;
        }
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            let c = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            f(NChar { c, start: i as u32, end: end as u32 });
            return end;
        }
    }
    slow_cluster(text, i, end, &mut f)
}

#[inline(never)]
fn slow_cluster(text: &str, i: usize, end: usize, f: &mut impl FnMut(NChar)) -> usize {
    let mut cend = end;
    for d in text[end..].chars() {
        if !joins_previous(d) {
            break;
        }
        cend += d.len_utf8();
    }
    rare::nfkc(&text[i..cend], &mut |c| f(NChar { c, start: i as u32, end: cend as u32 }));
    cend
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::table_test;
    use unicode_normalization::UnicodeNormalization;

    fn collect(s: &str) -> Vec<NChar> {
        let mut v = Vec::new();
        each(s, |n| v.push(n));
        v
    }

    fn nfkc(s: &str) -> String {
        collect(s).iter().map(|n| n.c).collect()
    }

    table_test! {
        nfkc_folds_width_and_compatibility_forms: nfkc,
        "" => "",
        "abc" => "abc",
        "ＡＩ" => "AI",
        "ｉＰＳ細胞" => "iPS細胞",
        "１２３" => "123",
        "ｶﾃｰﾃﾙ" => "カテーテル",
        "ｶﾞﾝ" => "ガン",
        "ﾊﾟﾝ" => "パン",
        "か\u{3099}" => "が",
        "e\u{301}" => "é",
        "①" => "1",
        "㍻" => "平成",
        "㎜" => "mm",
        "\u{3000}" => " ",
        "（株）" => "(株)",
        "ﬁ" => "fi",
        "がん" => "がん",
        "癌" => "癌",
    }

    #[test]
    fn nfkc_matches_the_reference_on_ordinary_text() {
        for s in [
            "カテーテル治療用ガイドワイヤー",
            "ＡＩによる画像診断（ＣＴ）",
            "Ｘ線 ｶﾞｲﾄﾞﾜｲﾔｰ ①②",
            "naïve café",
        ] {
            assert_eq!(nfkc(s), s.nfkc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn nfkc_keeps_the_original_range_of_each_cluster() {
        let text = "aｶﾞ㍻";
        let got: Vec<(char, &str)> =
            collect(text).iter().map(|n| (n.c, &text[n.start as usize..n.end as usize])).collect();
        assert_eq!(got, vec![('a', "a"), ('ガ', "ｶﾞ"), ('平', "㍻"), ('成', "㍻")]);
    }
}
