//! Text files as institutions send them: UTF-8 with or without a byte-order mark, UTF-16 with
//! one (Excel's "Unicode text"), or Shift_JIS/CP932 (what Excel in Japan writes as "CSV").

use encoding_rs::{Encoding, SHIFT_JIS, UTF_8};

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read as.
    pub encoding: &'static str,
    /// When some bytes could not be decoded: the 1-based line of the first one and what
    /// happened, for a warning.
    pub damaged: Option<(usize, String)>,
}

/// Detects the encoding and decodes. Strict UTF-8 is tried first (a file of plain ASCII is
/// UTF-8); anything else is read as Shift_JIS (CP932), and if even that meets bytes it cannot
/// decode they become U+FFFD and `damaged` says where.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = if encoding == UTF_8 { "UTF-8 (BOM)" } else { encoding.name() };
        let damaged = had_errors.then(|| {
            (line_of_replacement(&text), format!("the file starts with a {name} byte-order mark but is not valid {name}; undecodable bytes were replaced with \u{FFFD}"))
        });
        return Decoded { text: text.into_owned(), encoding: name, damaged };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), encoding: "UTF-8", damaged: None };
    }
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    let damaged = had_errors.then(|| {
        (line_of_replacement(&text), "not UTF-8, and not valid Shift_JIS (CP932) either; undecodable bytes were replaced with \u{FFFD} — save the file as UTF-8 (CSV UTF-8) and check this line".to_string())
    });
    Decoded { text: text.into_owned(), encoding: "Shift_JIS", damaged }
}

fn line_of_replacement(text: &str) -> usize {
    let at = text.find('\u{FFFD}').unwrap_or(0);
    text[..at].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("id,タイトル\n".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.damaged), ("id,タイトル\n", "UTF-8", None));
        let d = decode(b"\xEF\xBB\xBFid\n");
        assert_eq!((d.text.as_str(), d.encoding), ("id\n", "UTF-8 (BOM)"));
    }

    #[test]
    fn shift_jis_is_detected() {
        // 「がん」 in Shift_JIS.
        let d = decode(b"id,\x82\xaa\x82\xf1\n");
        assert_eq!((d.text.as_str(), d.encoding, d.damaged), ("id,がん\n", "Shift_JIS", None));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "id\tがん".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "id\tがん");
    }

    #[test]
    fn undecodable_bytes_are_reported_with_their_line() {
        let d = decode(b"id\nok\n\x82\xaa\xff\xfe\n");
        assert_eq!(d.encoding, "Shift_JIS");
        assert_eq!(d.damaged.map(|(line, _)| line), Some(3));
    }
}
