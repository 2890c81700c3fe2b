//! Highlighting as data: the engine's byte ranges of matched text become plain/marked
//! segments the views render as text and `<mark>` elements (never as HTML strings).

use std::ops::Range;

use seed_core::highlight::merge;

/// A piece of text and whether it is a match.
pub type Segment = (String, bool);

/// Splits `text` at the (possibly overlapping, unsorted) byte `ranges`. Ranges are clamped to
/// the text and to character boundaries, so a bad range can never panic.
pub fn segments(text: &str, ranges: &[Range<usize>]) -> Vec<Segment> {
    let ranges = normalize(text, ranges);
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push((text[at..r.start].to_string(), false));
        }
        out.push((text[r.clone()].to_string(), true));
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push((text[at..].to_string(), false));
    }
    out
}

/// Sorted, merged, in-bounds ranges on character boundaries: the ranges clamped to the text
/// and widened to whole characters, then merged by the core's [`merge`].
pub fn normalize(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    merge(ranges.iter().map(|r| floor(r.start)..ceil(r.end)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segs: &[Segment]) -> String {
        segs.iter().map(|(t, m)| if *m { format!("[{t}]") } else { t.clone() }).collect()
    }

    #[test]
    fn ranges_become_marked_segments() {
        let text = "がん免疫療法とがん検診";
        let r = vec![0..6, 21..27];
        assert_eq!(marked(&segments(text, &r)), "[がん]免疫療法と[がん]検診");
        assert_eq!(marked(&segments(text, &[])), text);
        assert_eq!(segments("", &[]), vec![(String::new(), false)]);
    }

    #[test]
    fn overlapping_and_out_of_bounds_ranges_are_merged_and_clamped() {
        let text = "abcdef";
        assert_eq!(marked(&segments(text, &[3..5, 1..4, 10..20, 5..5])), "a[bcde]f");
        // 1..4 cuts through the 3-byte が: widened to whole characters, never a panic.
        assert_eq!(marked(&segments("がん", std::slice::from_ref(&(1..4)))), "[がん]");
    }
}
