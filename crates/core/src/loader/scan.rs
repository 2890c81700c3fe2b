//! Finds where JSON values begin and end without building them, so the loader can hand serde
//! one seed at a time. Nothing here decides what is valid: every piece cut out is parsed by
//! serde, and the punctuation between pieces is checked here, so together they accept the
//! JSON that serde accepts. The text is bytes, as they arrive: a piece is cut only once it is
//! complete, so a chunk boundary inside a character or a value is never a problem.

/// JSON bytes with a read position.
pub(super) struct Cursor<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Cursor<'t> {
    /// A cursor at the start of `text`.
    pub(super) fn new(text: &'t [u8]) -> Self {
        Cursor { text, at: 0 }
    }

    /// Bytes read so far.
    pub(super) fn position(&self) -> usize {
        self.at
    }

    /// Consumes `byte` after any whitespace; false (consuming only the whitespace) when
    /// something else comes next.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.text.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    /// Consumes `prefix` if the text goes on with it (no whitespace skipped); true if it did.
    pub(super) fn eat_prefix(&mut self, prefix: &[u8]) -> bool {
        let found = self.text[self.at..].starts_with(prefix);
        self.at += if found { prefix.len() } else { 0 };
        found
    }

    /// The next byte after any whitespace, not consumed; `None` at the end of the bytes.
    pub(super) fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.text.get(self.at).copied()
    }

    /// The next value after any whitespace, consumed; `None` when no value can start or end
    /// there. With `more` (more bytes may follow), a number or literal running to the end of
    /// the bytes is not cut, as it may go on.
    pub(super) fn value(&mut self, more: bool) -> Option<&'t [u8]> {
        self.skip_whitespace();
        let end = value_end(self.text, self.at)?;
        if more && end == self.text.len() && !matches!(self.text[self.at], b'"' | b'{' | b'[') {
            return None;
        }
        let value = &self.text[self.at..end];
        self.at = end;
        Some(value)
    }

    /// True when nothing but whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.at == self.text.len()
    }

    fn skip_whitespace(&mut self) {
        while self.text.get(self.at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }
}

/// The end of the value starting at `start`: after the closing quote of a string, after the
/// bracket closing an object or array, or at the first delimiter after a number, `true`,
/// `false` or `null`.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match *bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => i = string_end(bytes, i)? - 1,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let delimiter = |b: &u8| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r');
            let len = bytes[start..].iter().position(delimiter).unwrap_or(bytes.len() - start);
            (len > 0).then_some(start + len)
        }
    }
}

/// The position after the quote closing the string that opens at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, the values a cursor cuts from it one after another)
    const CASES: &[(&str, &[&str])] = &[
        (r#""a" "b""#, &[r#""a""#, r#""b""#]),
        (r#""quote \" and \\" 1"#, &[r#""quote \" and \\""#, "1"]),
        (r#"{"a":"}"} [1,[2]]"#, &[r#"{"a":"}"}"#, "[1,[2]]"]),
        ("  -1.5e3\ttrue\nnull", &["-1.5e3", "true", "null"]),
        (r#"{"括弧":"]}[{"}"#, &[r#"{"括弧":"]}[{"}"#]),
    ];

    #[test]
    fn values_are_cut_at_their_real_ends() {
        for (text, expected) in CASES {
            let mut cursor = Cursor::new(text.as_bytes());
            let got: Vec<&str> = std::iter::from_fn(|| cursor.value(false))
                .map(|v| std::str::from_utf8(v).unwrap())
                .collect();
            assert_eq!(&got, expected, "{text}");
            assert!(cursor.at_end(), "{text}");
        }
    }

    #[test]
    fn unfinished_values_are_not_cut() {
        for text in [r#""open"#, "{\"a\":1", "[[]", ",", "", r#""\"#] {
            assert_eq!(Cursor::new(text.as_bytes()).value(false), None, "{text}");
        }
    }

    #[test]
    fn a_number_at_the_end_of_what_has_arrived_waits_for_more() {
        assert_eq!(Cursor::new(b"12").value(true), None);
        assert_eq!(Cursor::new(b"12").value(false), Some(&b"12"[..]));
        assert_eq!(Cursor::new(b"12,").value(true), Some(&b"12"[..]));
        assert_eq!(Cursor::new(b"\"ab\"").value(true), Some(&b"\"ab\""[..]));
    }

    #[test]
    fn eat_consumes_only_the_expected_byte() {
        let mut cursor = Cursor::new(b"  , ]");
        assert!(!cursor.eat(b']'));
        assert!(cursor.eat(b','));
        assert!(cursor.eat(b']'));
        assert!(cursor.at_end());
    }
}
