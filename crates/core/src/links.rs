//! What counts as a link: the app checks a seed's links again when it renders them (a bundle
//! may be edited by hand), with exactly the rules `seeds build` validated them by.

/// True for an absolute http or https URL with a host.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !s.chars().any(char::is_whitespace))
}

/// True for a `mailto:` link with a plausible address.
pub fn is_mailto(s: &str) -> bool {
    s.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("mailto:")) && is_email(&s[7..])
}

/// True for a plausible e-mail address: one `@`, something before it, a dot after it, and no
/// space or `<`.
pub fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !s.chars().any(|c| c.is_whitespace() || c == '<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_need_http_or_https_and_a_host() {
        for ok in ["https://example.jp/", "HTTP://x.example.jp/a?b=c", "https://a"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://x.example.jp/",
            "https://",
            "https:///x",
            "https://a b",
            "example.jp",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn mailto_links_need_a_plausible_address() {
        assert!(is_mailto("mailto:tlo@example.ac.jp"));
        assert!(is_mailto("MAILTO:tlo@example.ac.jp"));
        for bad in [
            "mailto:",
            "mailto:tlo",
            "mailto:@example.jp",
            "mailto:a@b@c.jp",
            "mailto:<a@b.jp>",
            "tlo@example.ac.jp",
        ] {
            assert!(!is_mailto(bad), "{bad}");
        }
    }
}
