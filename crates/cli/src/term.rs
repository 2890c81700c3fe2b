//! Everything `seeds` prints goes through here. Text from the inputs — file and sheet names,
//! column headings, cell values, titles, ids — can hold characters a terminal acts on instead
//! of showing: ESC and the other C0 and C1 controls (which recolour, move the cursor, retitle
//! the window or clear the screen), and bidi overrides and isolates (which make a line read
//! differently from what it holds). Each is written visibly as `\u{…}`, so a message always
//! shows what the file really contains.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};

/// True for a character that is written escaped: C0 and C1 controls and DEL, the bidi
/// embeddings, overrides, isolates and marks, and the Unicode line and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` with every hidden character, line breaks and tabs included, written as `\u{1b}`:
/// for one-line messages and for values inside a line.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_but(text, |_| false)
}

/// `text` with every hidden character but its line breaks escaped: for multi-line text that
/// this program laid out itself (each value in it already [`escape`]d).
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_but(text, |c| c == '\n')
}

fn escape_but(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `message` as one line, escaped.
pub fn line(out: &mut dyn Write, message: impl Display) -> io::Result<()> {
    writeln!(out, "{}", escape(&message.to_string()))
}

/// A writer that escapes every hidden character but line breaks in what passes through it:
/// reports laid out over several lines (column reports, grouped problems) stay readable while
/// the values inside them cannot act on the terminal.
pub struct Escaping<W: Write>(pub W);

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // `write!` hands over whole `str` pieces, so a piece is valid UTF-8 unless bytes
        // were written directly; those pass through unchanged.
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(escape_lines(text).as_bytes()),
            Err(_) => self.0.write_all(buf),
        }?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// JSON text made safe for a terminal: JSON may carry C1 controls, DEL, bidi controls and
/// the line separators raw inside strings (serde_json escapes only C0), so they are written
/// as `\uXXXX` escapes, which every JSON reader reads back as the same characters.
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        // Outside strings serde_json writes only newlines and spaces (pretty printing).
        if is_hidden(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escaping_writer_keeps_line_breaks_and_escapes_escape_sequences() {
        let mut out = Escaping(Vec::new());
        std::io::Write::write_all(&mut out, "a\u{1b}[2J\nb\u{202e}c\n".as_bytes()).unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "a\\u{1b}[2J\nb\\u{202e}c\n");
    }

    #[test]
    fn control_and_bidi_characters_are_shown_escaped() {
        assert_eq!(escape("plain 日本語 text"), "plain 日本語 text");
        assert_eq!(escape("\u{1b}[2J\u{1b}]0;title\u{7}"), "\\u{1b}[2J\\u{1b}]0;title\\u{7}");
        assert_eq!(escape("a\nb\tc\rd"), "a\\u{a}b\\u{9}c\\u{d}d");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("abc\u{202e}fdp.exe"), "abc\\u{202e}fdp.exe");
        assert_eq!(escape("\u{2066}x\u{2069}\u{200f}"), "\\u{2066}x\\u{2069}\\u{200f}");
        assert_eq!(escape_lines("one\u{1b}\ntwo\n"), "one\\u{1b}\ntwo\n");
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_hidden_characters() {
        let value = serde_json::json!({"title": "x\u{1b}[31m\u{9b}\u{202e}\u{7f}y", "n": 1});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(|c| is_hidden(c) && c != '\n'), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
    }
}
