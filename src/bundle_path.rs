//! Where `?bundle=` may point: a catalogue on this site, never another one. A crafted link or
//! QR code must not show an attacker's catalogue (with fake contact details) under the site's
//! own address, and many static hosts cannot send the Content-Security-Policy that would stop
//! the download, so the app checks the value itself. `public/boot.js`, which starts the
//! download before the wasm, applies the same rules (keep the two in step).
//!
//! The rule is a short allow-list rather than a list of tricks: a path relative to the page
//! (`data/2025.json`, `../all.json`) or to the site root (`/seeds/bundle.json`), made only of
//! letters, digits and `- . _ ~ + /`, with no empty segment. That leaves out every scheme
//! (`https:`, `data:`, `blob:`, `javascript:` — no `:`), every host (`//host` — no empty
//! segment), backslash forms (`\\host`, `/\host` — no `\`), encoded tricks (`%2F%2F` read
//! once more — no `%`), and spaces, tabs, control and invisible characters, which the URL
//! parser drops or reinterprets.

/// The longest `bundle=` value accepted, in bytes.
pub const MAX_LEN: usize = 256;

/// A catalogue path on the site's own origin, checked by [`BundlePath::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundlePath(String);

/// Why a `bundle=` value was refused. The value itself is never shown (see the error page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Longer than [`MAX_LEN`].
    TooLong,
    /// A character outside the allowed set (`:`, `\`, `%`, a space, a control character…).
    Character,
    /// An empty segment: `//host`, `a//b` or a trailing `/`.
    EmptySegment,
}

impl BundlePath {
    /// Checks a decoded, non-empty `bundle=` value.
    pub fn parse(value: &str) -> Result<BundlePath, Refused> {
        if value.len() > MAX_LEN {
            return Err(Refused::TooLong);
        }
        if !value.chars().all(allowed) {
            return Err(Refused::Character);
        }
        let relative = value.strip_prefix('/').unwrap_or(value);
        if relative.split('/').any(str::is_empty) {
            return Err(Refused::EmptySegment);
        }
        Ok(BundlePath(value.to_string()))
    }

    /// The path, as written in the URL and fetched.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Letters and digits of any script (`BundlePath` never names a host, so they stay in the
/// path, percent-encoded by the browser), and `- . _ ~ + /`.
fn allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line of tests/data/bundle-params.tsv: `allow` or `refuse`, a tab, the value as
    /// JavaScript's `decodeURIComponent` would give it, with `\t`, `\n`, `\\` and `\u{…}` escapes.
    fn cases() -> Vec<(bool, String)> {
        include_str!("../tests/data/bundle-params.tsv")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (verdict, value) = l.split_once('\t').expect("verdict<TAB>value");
                (verdict == "allow", unescape(value))
            })
            .collect()
    }

    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('\\') {
            out.push_str(&rest[..i]);
            let tail = &rest[i + 1..];
            let (c, used) = match tail.chars().next() {
                Some('t') => ('\t', 1),
                Some('n') => ('\n', 1),
                Some('\\') => ('\\', 1),
                Some('u') => {
                    let end = tail.find('}').expect("\\u{…}");
                    let code = u32::from_str_radix(&tail[2..end], 16).expect("hex");
                    (char::from_u32(code).expect("a char"), end + 1)
                }
                other => panic!("unknown escape {other:?}"),
            };
            out.push(c);
            rest = &tail[used..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn only_paths_on_this_site_are_allowed() {
        let cases = cases();
        assert!(cases.len() > 20 && cases.iter().any(|(ok, _)| *ok));
        for (ok, value) in cases {
            assert_eq!(BundlePath::parse(&value).is_ok(), ok, "{value:?}");
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(BundlePath::parse("//evil.example/b.json"), Err(Refused::EmptySegment));
        assert_eq!(BundlePath::parse("https://evil.example/b.json"), Err(Refused::Character));
        assert_eq!(BundlePath::parse(&"a".repeat(MAX_LEN + 1)), Err(Refused::TooLong));
        assert_eq!(BundlePath::parse("data/big.json").map(|p| p.0), Ok("data/big.json".into()));
    }
}
