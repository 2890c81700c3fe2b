//! Property: any Unicode query — empty, 10,000 characters, emoji, control characters, RTL
//! marks, lone combining marks, quotes and minus signs — never panics the engine, and
//! relevance results come in non-increasing score order with finite scores.

mod common;

use common::engine;
use proptest::prelude::*;
use seed_core::{Facet, Filters, SearchRequest, Sort};

/// Characters that stress normalization and parsing, mixed with real query material.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            ' ', '\u{3000}', '"', '「', '」', '『', '』', '“', '”', '-', '－', '−', 'ー', 'ｰ', '—',
            '\u{0}', '\t', '\n', '\u{202E}', '\u{200F}', '\u{200B}', '\u{FEFF}', '\u{301}',
            '\u{3099}', 'ﾞ', 'ﾟ', '゛', '😀', '👩', '\u{200D}', 'ا', 'ש', 'İ', 'ß', '㍻', '①', 'ｶ',
            'ﾃ', 'が', 'ん', '癌', 'カ', 'テ', 'ル', 'a', 'i', 'm', 'u', 'n', '.',
        ]),
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::collection::vec(nasty_char(), 0..40).prop_map(|v| v.into_iter().collect()),
        "\\PC{0,30}",
        (nasty_char(), 9_000..11_000usize).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_query_returns_hits_in_score_order_without_panicking(q in query(), sort in 0..4usize, filtered in any::<bool>()) {
        let e = engine();
        let mut filters = Filters::default();
        if filtered {
            filters.insert(Facet::Fields, "device");
        }
        let req = SearchRequest { query: q.clone(), filters, sort: Sort::ALL[sort] };
        let resp = e.search(&req);
        prop_assert!(resp.hits.iter().all(|h| h.score.is_finite() && h.seed < e.bundle().seeds.len()));
        if req.sort == Sort::Relevance {
            prop_assert!(resp.hits.windows(2).all(|w| w[0].score >= w[1].score));
        }
        if let Some(h) = resp.hits.first() {
            let hl = e.highlight(h.seed, q.as_str(), false);
            for (text, ranges) in [&hl.title, &hl.snippet] {
                for r in ranges {
                    prop_assert!(r.start < r.end && r.end <= text.len());
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
            }
            let _ = e.explain(&req, h.seed);
            let _ = e.related(h.seed, 5);
        }
        let _ = e.match_needs(&q, &Filters::default(), 5);
    }
}
