//! The bundle download's arithmetic as plain values: the size limit (checked against the
//! declared length before anything is allocated, then against the bytes as they arrive) and
//! the total the progress bar may count towards. `load.rs` does the fetching.

/// The largest catalogue the app accepts when `config.json` sets no `max_bundle_mb`, in bytes
/// of JSON as the app reads it (decompressed): 512 MB.
pub const DEFAULT_MAX_BUNDLE_BYTES: u64 = 512 * MB;

/// One megabyte as `max_bundle_mb` counts it (2^20 bytes).
pub const MB: u64 = 1 << 20;

/// True when the server declares a body longer than `limit`. A compressed body's
/// Content-Length is smaller than what it expands to, so a declared length over the limit is
/// always too much; one under it is checked again as the bytes arrive.
pub fn declared_too_large(content_length: Option<&str>, limit: u64) -> bool {
    parse_length(content_length).is_some_and(|n| n > limit)
}

/// The number of bytes the app will receive, for the progress bar: the Content-Length when
/// the body is sent as it is, `None` when it is compressed (Content-Length then counts
/// compressed bytes, while the app counts what the browser has decompressed) or undeclared.
pub fn expected_total(content_length: Option<&str>, content_encoding: Option<&str>) -> Option<u64> {
    let identity = content_encoding.is_none_or(|e| {
        e.split(',').map(str::trim).all(|e| e.is_empty() || e.eq_ignore_ascii_case("identity"))
    });
    parse_length(content_length).filter(|_| identity)
}

/// What the progress bar shows: bytes received, and the total only while it is a true upper
/// bound (a server whose length does not match its body shows no total rather than
/// "252997 / 109275 KB").
pub fn shown_total(received: u64, total: Option<u64>) -> Option<u64> {
    total.filter(|t| *t > 0 && received <= *t)
}

/// `bytes` in MB (2^20 bytes) to two decimals at most, as the size limit is shown: "512",
/// "0.25", "1.5". Integer arithmetic, so the wasm needs no float formatting.
pub fn megabytes(bytes: u64) -> String {
    let hundredths = (u128::from(bytes) * 100 + u128::from(MB) / 2) / u128::from(MB);
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

fn parse_length(value: Option<&str>) -> Option<u64> {
    value?.trim().parse().ok()
}

/// The bytes of a body counted against the size limit as they arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    limit: u64,
    received: u64,
}

/// The body grew past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl Budget {
    /// An empty budget of `limit` bytes.
    pub fn new(limit: u64) -> Budget {
        Budget { limit, received: 0 }
    }

    /// Counts a chunk of `n` bytes; the total so far, or [`TooLarge`] once it passes the limit.
    pub fn take(&mut self, n: u64) -> Result<u64, TooLarge> {
        let next = self.received.saturating_add(n);
        if next > self.limit {
            return Err(TooLarge);
        }
        self.received = next;
        Ok(next)
    }

    /// The capacity to reserve up front: the declared length of an uncompressed body, never
    /// more than the limit (a lying Content-Length must not allocate gigabytes).
    pub fn initial_capacity(&self, total: Option<u64>) -> usize {
        usize::try_from(total.unwrap_or(0).min(self.limit)).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_limit_is_shown_in_megabytes_to_two_decimals_at_most() {
        for (bytes, shown) in [
            (512 * MB, "512"),
            (MB / 4, "0.25"),
            (3 * MB / 2, "1.5"),
            (MB + 1, "1"),
            (0, "0"),
            (u64::MAX, "17592186044416"),
        ] {
            assert_eq!(megabytes(bytes), shown, "{bytes} bytes");
        }
    }

    #[test]
    fn a_declared_length_over_the_limit_is_refused_before_reading() {
        assert!(declared_too_large(Some("536870913"), DEFAULT_MAX_BUNDLE_BYTES));
        assert!(declared_too_large(Some(" 99999999999999 "), DEFAULT_MAX_BUNDLE_BYTES));
        assert!(!declared_too_large(Some("536870912"), DEFAULT_MAX_BUNDLE_BYTES));
        assert!(!declared_too_large(None, 1));
        assert!(!declared_too_large(Some("lots"), 1));
    }

    #[test]
    fn the_body_is_counted_against_the_limit_as_it_arrives() {
        let mut b = Budget::new(10);
        assert_eq!(b.take(4), Ok(4));
        assert_eq!(b.take(6), Ok(10));
        assert_eq!(b.take(1), Err(TooLarge));
        assert_eq!(Budget::new(10).take(u64::MAX), Err(TooLarge));
    }

    #[test]
    fn nothing_is_reserved_beyond_the_limit() {
        let b = Budget::new(100);
        assert_eq!(b.initial_capacity(Some(40)), 40);
        assert_eq!(b.initial_capacity(Some(u64::MAX)), 100);
        assert_eq!(b.initial_capacity(None), 0);
    }

    #[test]
    fn a_compressed_length_is_not_a_total_of_decompressed_bytes() {
        assert_eq!(expected_total(Some("111897600"), Some("gzip")), None);
        assert_eq!(expected_total(Some("111897600"), Some("br")), None);
        assert_eq!(expected_total(Some("1000"), None), Some(1000));
        assert_eq!(expected_total(Some("1000"), Some("identity")), Some(1000));
        assert_eq!(expected_total(None, None), None);
    }

    #[test]
    fn the_bar_never_counts_past_its_total() {
        assert_eq!(shown_total(252_997 * 1024, Some(109_275 * 1024)), None);
        assert_eq!(shown_total(10, Some(20)), Some(20));
        assert_eq!(shown_total(0, Some(0)), None);
    }
}
