//! Query syntax, as typed into the search box:
//!
//! - spaces (ASCII or full-width) separate terms, which are ANDed (with a ranked-OR fallback
//!   when nothing matches them all);
//! - `"quoted phrases"` (also `“…”`, `＂…＂`, `「…」`, `『…』`) must match as one contiguous run;
//! - `-term` or `-"phrase"` excludes (also with `－` or `−`);
//! - the last term, unless followed by a space or a closing quote, matches as a prefix
//!   (search as you type).
//!
//! Parsing never fails: unbalanced quotes run to the end, a lone `-` is ignored.

use serde::{Deserialize, Serialize};

/// Most clauses a query keeps (a pasted page is cut here; the rest is ignored).
pub const MAX_CLAUSES: usize = 32;
/// Longest query text considered, in bytes (cut at a character boundary).
pub const MAX_QUERY_BYTES: usize = 2048;

/// One term or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// The text as typed (without quotes or minus).
    pub text: String,
    /// `-term`: seeds matching it are excluded.
    pub negated: bool,
    /// A quoted phrase: must match contiguously, no prefix or typo expansion.
    pub phrase: bool,
    /// The last clause still being typed: matches as a prefix.
    pub prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedQuery {
    /// Clauses in typed order.
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    /// True when there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

fn closing_quote(c: char) -> Option<&'static [char]> {
    match c {
        '"' | '＂' => Some(&['"', '＂', '”', '“']),
        '“' | '”' => Some(&['”', '“', '"', '＂']),
        '「' => Some(&['」']),
        '『' => Some(&['』']),
        _ => None,
    }
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

/// Parses query text.
pub fn parse(text: &str) -> ParsedQuery {
    let mut end = text.len().min(MAX_QUERY_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut clauses: Vec<Clause> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut last_open = false; // the last clause reached the end of the text unterminated
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || c.is_control() {
            chars.next();
            last_open = false;
            continue;
        }
        let mut negated = false;
        let mut start = i;
        if is_minus(c) {
            chars.next();
            match chars.peek() {
                Some(&(j, d)) if !d.is_whitespace() && !d.is_control() && !is_minus(d) => {
                    negated = true;
                    start = j;
                }
                _ => continue,
            }
        }
        let first = text[start..].chars().next().unwrap_or(' ');
        if let Some(closers) = closing_quote(first) {
            chars.next();
            let body_start = start + first.len_utf8();
            let mut body_end = text.len();
            let mut closed = false;
            for (j, d) in chars.by_ref() {
                if closers.contains(&d) {
                    body_end = j;
                    closed = true;
                    break;
                }
            }
            last_open = !closed;
            push(&mut clauses, &text[body_start..body_end], negated, true);
        } else {
            let mut word_end = text.len();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || d.is_control() || closing_quote(d).is_some() {
                    word_end = j;
                    break;
                }
                chars.next();
            }
            last_open = word_end == text.len();
            push(&mut clauses, &text[start..word_end], negated, false);
        }
    }
    if last_open {
        if let Some(last) = clauses.last_mut() {
            last.prefix = !last.negated;
        }
    }
    clauses.truncate(MAX_CLAUSES);
    ParsedQuery { clauses }
}

fn push(clauses: &mut Vec<Clause>, text: &str, negated: bool, phrase: bool) {
    let text = text.trim();
    if text.chars().any(|c| !c.is_whitespace() && !c.is_control()) {
        clauses.push(Clause { text: text.to_string(), negated, phrase, prefix: false });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders clauses compactly: `-` negated, `"…"` phrase, `…*` prefix.
    fn show(q: &str) -> Vec<String> {
        parse(q)
            .clauses
            .iter()
            .map(|c| {
                let body = if c.phrase { format!("\"{}\"", c.text) } else { c.text.clone() };
                format!(
                    "{}{}{}",
                    if c.negated { "-" } else { "" },
                    body,
                    if c.prefix { "*" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn queries_split_into_terms_phrases_and_exclusions() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   ", &[]),
            ("がん", &["がん*"]),
            ("がん ", &["がん"]),
            ("がん　治療", &["がん", "治療*"]),
            ("drug delivery", &["drug", "delivery*"]),
            ("\"drug delivery\"", &["\"drug delivery\""]),
            ("\"drug deliv", &["\"drug deliv\"*"]),
            ("「薬物送達」 ラット", &["\"薬物送達\"", "ラット*"]),
            ("『がん』", &["\"がん\""]),
            ("“gene therapy” mouse", &["\"gene therapy\"", "mouse*"]),
            ("がん -マウス", &["がん", "-マウス"]),
            ("がん －マウス", &["がん", "-マウス"]),
            ("-\"animal model\" cell", &["-\"animal model\"", "cell*"]),
            ("- がん", &["がん*"]),
            ("--", &[]),
            ("IL-6", &["IL-6*"]),
            ("\"\"", &[]),
            ("a\u{0}b", &["a", "b*"]),
        ];
        for (q, want) in cases {
            assert_eq!(show(q), *want, "parse({q:?})");
        }
    }

    #[test]
    fn absurd_queries_are_cut_to_a_bounded_size() {
        let long = "あ ".repeat(10_000);
        let q = parse(&long);
        assert_eq!(q.clauses.len(), MAX_CLAUSES);
        let one = "😀".repeat(5_000);
        assert!(parse(&one).clauses.iter().all(|c| c.text.len() <= MAX_QUERY_BYTES));
    }
}
