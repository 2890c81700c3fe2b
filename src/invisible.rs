//! Characters that change how text looks without being seen: bidirectional overrides and
//! isolates (U+202E turns `moc.elpmaxe` into `example.com` on screen), zero-width spaces,
//! control characters. A catalogue is edited by hand and may carry them, by accident or to
//! mislead, so the app refuses links that contain them and shows them as visible markers
//! (`⟦U+202E⟧`) in text it displays: titles, names, contacts, summaries.

/// True for a character that is invisible or changes the display of the text around it:
/// the bidi controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), zero-width and
/// invisible spacing characters (U+200B, U+2060–U+2064, U+FEFF, U+180E, the Hangul fillers
/// U+115F, U+1160, U+3164, U+FFA0), tag characters (U+E0000–U+E007F) and the C0/C1 control
/// characters other than tab and line feed. Zero-width (non-)joiners (U+200C, U+200D) stay:
/// emoji and several scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{180E}'
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
        || (c.is_control() && c != '\t' && c != '\n')
}

/// True when `s` contains an [invisible](is_invisible) character.
pub fn contains_invisible(s: &str) -> bool {
    s.chars().any(is_invisible)
}

/// `s` with each invisible character replaced by a visible marker such as `⟦U+202E⟧`.
pub fn reveal(s: &str) -> String {
    if !contains_invisible(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&format!("⟦U+{:04X}⟧", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_overrides_and_zero_width_characters_become_visible() {
        assert_eq!(reveal("gnp.\u{202E}exe"), "gnp.⟦U+202E⟧exe");
        assert_eq!(reveal("a\u{200B}b\u{2067}c\u{FEFF}"), "a⟦U+200B⟧b⟦U+2067⟧c⟦U+FEFF⟧");
        assert_eq!(reveal("bell\u{7}\u{1b}[31m"), "bell⟦U+0007⟧⟦U+001B⟧[31m");
        assert_eq!(reveal("tag\u{E0041}"), "tag⟦U+E0041⟧");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in [
            "がん免疫療法",
            "line\nbreak\tand tab",
            "👨\u{200D}👩\u{200D}👧",
            "ｆｕｌｌ　ｗｉｄｔｈ",
            "",
        ] {
            assert_eq!(reveal(s), s);
            assert!(!contains_invisible(s));
        }
        assert!(contains_invisible("https://example.jp/\u{202E}gpj.exe"));
    }
}
