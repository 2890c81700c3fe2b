//! Step 2: case folding. ASCII takes a fast path; other letters use Unicode lowercase
//! (which may expand one character into several: İ → i̇), through `rare.rs`.

use super::chars::NChar;
use super::rare;

/// Calls `f` with the lowercase form of `n` (one character, or several for a few letters).
#[inline(always)]
pub fn each(n: NChar, mut f: impl FnMut(NChar)) {
    if n.c.is_ascii() {
        f(NChar { c: n.c.to_ascii_lowercase(), ..n });
    } else if ('\u{3000}'..'\u{A000}').contains(&n.c) {
        f(n); // kana and CJK ideographs have no case
    } else {
        rare::lowercase(n.c, &mut |c| f(NChar { c, ..n }));
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::chars_of;
    use super::*;
    use crate::normalize::testing::table_test;

    fn apply(s: &str) -> Vec<NChar> {
        let mut v = Vec::new();
        chars_of(s).for_each(|n| each(n, |m| v.push(m)));
        v
    }

    fn fold(s: &str) -> String {
        apply(s).iter().map(|n| n.c).collect()
    }

    table_test! {
        case_folding_lowercases_every_script_with_case: fold,
        "" => "",
        "DDS" => "dds",
        "iPS" => "ips",
        "Immunotherapy" => "immunotherapy",
        "ÉCOLE" => "école",
        "ΑΒΓ" => "αβγ",
        "ДНК" => "днк",
        "İ" => "i\u{307}",
        "ǅ" => "ǆ",
        "カテーテル" => "カテーテル",
        "123" => "123",
    }

    #[test]
    fn case_folding_keeps_offsets_when_a_letter_expands() {
        let got: Vec<(char, u32, u32)> =
            apply("aİ").iter().map(|n| (n.c, n.start, n.end)).collect();
        assert_eq!(got, vec![('a', 0, 1), ('i', 1, 3), ('\u{307}', 1, 3)]);
    }
}
