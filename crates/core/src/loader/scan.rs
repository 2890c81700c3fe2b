//! Finds where JSON values begin and end without building them, so the loader can hand serde
//! one seed at a time. Nothing here decides what is valid: every piece cut out is parsed by
//! serde, and the punctuation between pieces is checked here, so together they accept the
//! JSON that serde accepts.

/// JSON text with a read position.
pub(super) struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    /// A cursor at the start of `text`.
    pub(super) fn new(text: &'t str) -> Self {
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
        let found = self.text.as_bytes().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    /// The text of the next value after any whitespace, consumed; `None` when no value can
    /// start or end there.
    pub(super) fn value(&mut self) -> Option<&'t str> {
        self.skip_whitespace();
        let end = value_end(self.text.as_bytes(), self.at)?;
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
        let bytes = self.text.as_bytes();
        while bytes.get(self.at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
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
            let mut cursor = Cursor::new(text);
            let got: Vec<&str> = std::iter::from_fn(|| cursor.value()).collect();
            assert_eq!(&got, expected, "{text}");
            assert!(cursor.at_end(), "{text}");
        }
    }

    #[test]
    fn unfinished_values_are_not_cut() {
        for text in [r#""open"#, "{\"a\":1", "[[]", ",", "", r#""\"#] {
            assert_eq!(Cursor::new(text).value(), None, "{text}");
        }
    }

    #[test]
    fn eat_consumes_only_the_expected_byte() {
        let mut cursor = Cursor::new("  , ]");
        assert!(!cursor.eat(b']'));
        assert!(cursor.eat(b','));
        assert!(cursor.eat(b']'));
        assert!(cursor.at_end());
    }
}
