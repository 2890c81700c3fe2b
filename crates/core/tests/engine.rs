//! Behaviour of the engine beyond ranked ids: facet counts, the OR fallback flag, highlights,
//! needs matching, related seeds and score explanations, over tests/data/search_fixture.json.

mod common;

use std::sync::OnceLock;

use common::{engine, ids, idx};
use seed_core::model::SeedRecord;
use seed_core::{Engine, Facet, Filters, SearchRequest, Sort};

fn search(query: &str, filters: &[(Facet, &str)]) -> seed_core::SearchResponse {
    let mut f = Filters::default();
    for &(k, v) in filters {
        f.insert(k, v);
    }
    engine().search(&SearchRequest { query: query.into(), filters: f, sort: Sort::Relevance })
}

fn count(resp: &seed_core::SearchResponse, key: Facet, value: &str) -> usize {
    let facet =
        resp.facets.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no facet {key}"));
    facet.get(value).unwrap_or_else(|| panic!("no value {value}"))
}

#[test]
fn facet_counts_list_every_facet_in_panel_order_with_every_value() {
    let resp = search("", &[]);
    let keys: Vec<Facet> = resp.facets.iter().map(|f| f.key).collect();
    assert_eq!(keys, Facet::ALL);
    let stage = resp.facets.iter().find(|f| f.key == Facet::Stage).unwrap();
    assert_eq!(stage.values[..], ["basic", "poc", "preclinical", "clinical", "practical"]);
    assert_eq!(stage.counts.iter().sum::<usize>(), 29);
}

#[test]
fn a_facets_own_selection_does_not_zero_its_other_values() {
    let all = search("", &[]);
    let picked = search("", &[(Facet::Stage, "clinical")]);
    assert_eq!(picked.hits.len(), count(&all, Facet::Stage, "clinical"));
    for v in ["basic", "poc", "preclinical", "practical"] {
        assert_eq!(
            count(&picked, Facet::Stage, v),
            count(&all, Facet::Stage, v),
            "stage={v} after picking clinical"
        );
    }
}

#[test]
fn other_facets_are_counted_under_the_selection() {
    let picked = search("", &[(Facet::Stage, "clinical")]);
    let clinical_devices =
        search("", &[(Facet::Stage, "clinical"), (Facet::Fields, "device")]).hits.len();
    assert_eq!(count(&picked, Facet::Fields, "device"), clinical_devices);
    assert_eq!(
        count(&picked, Facet::Fields, "dds"),
        0,
        "no clinical DDS seed: shown as a disabled zero"
    );
}

#[test]
fn facet_counts_follow_the_query() {
    let resp = search("サーバ", &[]);
    assert_eq!(count(&resp, Facet::Fields, "digital"), 2);
    assert_eq!(count(&resp, Facet::Institution, "naniwa-tech"), 1);
    assert_eq!(count(&resp, Facet::Region, "hokkaido"), 1);
    assert_eq!(count(&resp, Facet::Fields, "drug"), 0);
}

#[test]
fn the_or_fallback_is_flagged_and_ranks_seeds_matching_more_terms_first() {
    let resp = search("カテーテル 認知症 ロボット", &[]);
    assert!(resp.relaxed);
    let got = ids(&resp.hits);
    // fx-29 has カテーテル and ロボット: two of three terms.
    assert_eq!(got[0], "fx-29", "{got:?}");
    let strict = search("カテーテル", &[]);
    assert!(!strict.relaxed);
}

#[test]
fn relevance_scores_never_increase_down_the_list() {
    for q in
        ["がん", "カテーテル 治療", "drug delivery", "immun", "糖尿病 -マウス", "カテーテル 認知症"]
    {
        let hits = search(q, &[]).hits;
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "{q}");
    }
}

#[test]
fn a_prepared_query_searches_exactly_like_the_text() {
    let e = engine();
    for q in ["がん 抗体", "\"gene therapy\"", "immun", ""] {
        let prepared = e.prepare(q);
        let a = e.search_prepared(&prepared, &Filters::default(), Sort::Relevance);
        let b = search(q, &[]);
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn a_query_typed_key_by_key_resolves_as_it_would_in_a_fresh_engine() {
    // The engine keeps the words it resolved for the next keystroke; what it keeps must never
    // change a plan. Each step is compared with the same text in an engine that kept nothing.
    let text = std::fs::read_to_string(common::data_dir().join("search_fixture.json")).unwrap();
    let typed = engine();
    let sequences = [
        "lung cancer antibody",
        "drug delivery system",
        "がん 免疫療法 -マウス",
        "\"gene therapy\" demntia",
        "腸内細菌叢 iPS細胞",
    ];
    for sequence in sequences {
        let chars: Vec<char> = sequence.chars().collect();
        for end in 1..=chars.len() {
            let q: String = chars[..end].iter().collect();
            let fresh = Engine::new(seed_core::Bundle::from_json(&text).unwrap());
            assert_eq!(typed.prepare(&q), fresh.prepare(&q), "{q:?}");
        }
    }
}

#[test]
fn the_title_highlight_marks_half_width_text_for_a_full_width_query() {
    let h = engine().highlight(idx("fx-04"), "カテーテル", false);
    let (title, ranges) = &h.title;
    assert_eq!(ranges.iter().map(|r| &title[r.clone()]).collect::<Vec<_>>(), ["ｶﾃｰﾃﾙ"]);
}

#[test]
fn the_synonym_that_matched_is_highlighted() {
    let h = engine().highlight(idx("fx-01"), "がん", false);
    let (title, ranges) = &h.title;
    assert_eq!(ranges.iter().map(|r| &title[r.clone()]).collect::<Vec<_>>(), ["癌"]);
    let en = engine().highlight(idx("fx-10"), "drug delivery", false);
    let marked: Vec<&str> = en.title.1.iter().map(|r| &en.title.0[r.clone()]).collect();
    assert_eq!(marked, ["薬物送達"]);
}

#[test]
fn a_prefix_highlights_the_words_it_completes() {
    let h = engine().highlight(idx("fx-12"), "immun", true);
    let (title, ranges) = &h.title;
    assert_eq!(title, "Adoptive immunotherapy with tumour-infiltrating lymphocytes");
    assert_eq!(ranges.iter().map(|r| &title[r.clone()]).collect::<Vec<_>>(), ["immunotherapy"]);
}

#[test]
fn bigrams_of_a_longer_word_are_not_highlighted_alone() {
    let e = engine();
    let text = "ホテルでカテーテル";
    let marked: Vec<&str> =
        e.highlight_text(text, "カテーテル").into_iter().map(|r| &text[r]).collect();
    assert_eq!(marked, ["カテーテル"]);
}

#[test]
fn a_one_character_query_highlights_only_that_character() {
    let e = engine();
    let text = "脳波と脳";
    let marked: Vec<&str> = e.highlight_text(text, "脳").into_iter().map(|r| &text[r]).collect();
    assert_eq!(marked, ["脳", "脳"]);
}

#[test]
fn the_snippet_comes_from_the_summary_with_ranges_on_char_boundaries() {
    let e = engine();
    for (seed, q, english) in
        [("fx-08", "カテーテル", false), ("fx-08", "catheter", true), ("fx-02", "がん 抗体", false)]
    {
        let h = e.highlight(idx(seed), q, english);
        let (s, ranges) = &h.snippet;
        assert!(!ranges.is_empty(), "{seed} {q}: {s}");
        for r in ranges {
            assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.start < r.end);
        }
        assert!(s.chars().count() <= seed_core::highlight::SNIPPET_CHARS + 2);
    }
}

#[test]
fn highlighting_an_unknown_seed_or_an_empty_query_gives_no_marks() {
    let e = engine();
    assert_eq!(e.highlight(10_000, "がん", false), seed_core::Highlight::default());
    let h = e.highlight(idx("fx-01"), "", false);
    assert!(h.title.1.is_empty() && h.snippet.1.is_empty());
    assert_eq!(h.title.0, "膵癌の早期診断バイオマーカー");
}

#[test]
fn english_highlights_fall_back_to_japanese_text() {
    let h = engine().highlight(idx("fx-01"), "膵癌", true);
    assert_eq!(h.title.0, "膵癌の早期診断バイオマーカー");
    assert!(!h.title.1.is_empty());
}

#[test]
fn a_japanese_needs_statement_ranks_matching_seeds_and_says_which_terms_matched() {
    let e = engine();
    let needs =
        "カテーテル治療に使える小型の圧力センサーを探しています。血管内で連続測定できると良い。";
    let hits = e.match_needs(needs, &Filters::default(), 5);
    assert_eq!(e.bundle().seeds[hits[0].seed].id(), "fx-04", "{hits:?}");
    let terms = &hits[0].matched_terms;
    assert!(terms.iter().any(|t| t.contains("カテーテル")), "{terms:?}");
    assert!(terms.iter().any(|t| t == "圧力センサ"), "a catalogue term whole: {terms:?}");
    assert!(
        terms.iter().any(|t| t == "連続") && terms.iter().any(|t| t == "測定"),
        "partial chains: {terms:?}"
    );
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn an_english_needs_statement_finds_japanese_seeds_through_synonyms() {
    let e = engine();
    let hits =
        e.match_needs("We are looking for drug delivery technologies.", &Filters::default(), 5);
    let got: Vec<&str> = hits.iter().map(|h| e.bundle().seeds[h.seed].id()).collect();
    for id in ["fx-09", "fx-10", "fx-11"] {
        assert!(got.contains(&id), "{got:?}");
    }
    let fx10 = hits.iter().find(|h| e.bundle().seeds[h.seed].id() == "fx-10").unwrap();
    assert!(
        fx10.matched_terms.iter().any(|t| t == "drug delivery (薬物送達)"),
        "{:?}",
        fx10.matched_terms
    );
}

/// The search fixture plus a seed with 探 inside a word (探索), as real catalogues have, so
/// that the 探 of 「探しています」 has something to match.
fn needs_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut bundle = engine().bundle().clone();
        let mut seed = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
        seed.id = "fx-explore".into();
        seed.title_ja = "創薬標的を探索するスクリーニング系".into();
        seed.summary_ja = "化合物ライブラリから新しい創薬標的を探索する細胞アッセイ。".into();
        seed.keywords_ja = vec!["創薬標的".into(), "スクリーニング".into()];
        (seed.title_en, seed.summary_en, seed.keywords_en) = (None, None, Vec::new());
        bundle.seeds.push(seed.into());
        Engine::new(bundle)
    })
}

#[test]
fn needs_matching_reports_words_not_the_stems_of_verbs_and_adjectives() {
    // (statement, a seed among the hits, terms it must report, terms no hit may report)
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        ("創薬標的の探索技術を探しています。", "fx-explore", &["創薬標的", "探索"], &["探"]),
        (
            "カテーテル治療に使える小型の圧力センサーを探しています。血管内で連続測定できると良い。",
            "fx-04",
            &["カテーテル", "圧力センサ", "連続", "測定"],
            &["探", "使", "良"],
        ),
        // A one-kanji noun before a particle is still a term.
        ("骨の強さを画像で調べる技術を探しています。", "fx-15", &["骨", "画像"], &["探", "調"]),
        ("癌の診断法を求めています", "fx-01", &["癌", "診断"], &["求"]),
        // One katakana is no word (a stray keystroke).
        ("サルコペニアを防ぐ食品 ペ", "fx-26", &["サルコペニア", "食品"], &["ペ", "防"]),
    ];
    let e = needs_engine();
    let mut failures = Vec::new();
    for (needs, id, want, never) in cases {
        let hits = e.match_needs(needs, &Filters::default(), 30);
        let reported = |h: &seed_core::NeedsHit| {
            (e.bundle().seeds[h.seed].id().to_string(), h.matched_terms.clone())
        };
        match hits.iter().find(|h| e.bundle().seeds[h.seed].id() == *id) {
            Some(h) if want.iter().all(|w| h.matched_terms.iter().any(|t| t == w)) => {}
            found => failures.push(format!(
                "{needs}: {id} should report {want:?}, got {:?}",
                found.map(reported)
            )),
        }
        for h in &hits {
            if let Some(t) = h.matched_terms.iter().find(|t| never.contains(&t.as_str())) {
                failures.push(format!("{needs}: {t:?} reported: {:?}", reported(h)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Asserts that `statement` ranks the seed titled `subject` above the one titled `verb` (which
/// only shares the statement's verb), in a catalogue where a third seed, `care`, makes the
/// subject the commoner word. The titles are Japanese, or English with `english`.
fn assert_subject_before_verb(statement: &str, [subject, verb, care]: [&str; 3], english: bool) {
    let mut bundle = engine().bundle().clone();
    let template = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
    for (id, title) in [("fx-subject", subject), ("fx-verb", verb), ("fx-care", care)] {
        let mut seed = template.clone();
        seed.id = id.into();
        seed.keywords_ja = Vec::new();
        (seed.title_en, seed.summary_en, seed.keywords_en) = (None, None, Vec::new());
        if english {
            (seed.title_ja, seed.summary_ja) = ("x".into(), "x".into());
            (seed.title_en, seed.summary_en) = (Some(title.into()), Some(title.into()));
        } else {
            (seed.title_ja, seed.summary_ja) = (title.into(), title.into());
        }
        bundle.seeds.push(seed.into());
    }
    let e = Engine::new(bundle);
    let hits = e.match_needs(statement, &Filters::default(), 10);
    let rank = |id: &str| hits.iter().position(|h| e.bundle().seeds[h.seed].id() == id);
    let (subject, verb) = (rank("fx-subject"), rank("fx-verb"));
    assert!(
        subject.is_some() && (verb.is_none() || subject < verb),
        "{statement}: {subject:?} {verb:?} {hits:?}"
    );
}

#[test]
fn a_needs_statement_ranks_seeds_on_its_subject_before_its_verb() {
    // The seed about dementia (the subject) must outrank the one that only shares the verb 発見
    // and 早期, though dementia is the commoner word in the catalogue.
    assert_subject_before_verb(
        "認知症を早期に発見したい",
        [
            "認知症の早期スクリーニング検査",
            "配管の亀裂を早期に発見するロボット",
            "認知症の介護記録アプリ",
        ],
        false,
    );
}

#[test]
fn an_english_needs_statement_ranks_seeds_on_its_subject_before_its_verb() {
    // The same in English: the verb after `that` weighs less than the subject.
    assert_subject_before_verb(
        "we are looking for a tool that quantifies dementia",
        [
            "Dementia screening in primary care",
            "A camera that quantifies crop growth",
            "Care records for dementia wards",
        ],
        true,
    );
}

#[test]
fn an_english_term_finds_the_known_part_of_its_japanese_compound_after_the_compound() {
    // gut microbiota = 腸内細菌叢; a seed on 腸内細菌 (a keyword of the catalogue) is found
    // too, as 腸内細菌叢 typed would find it, but below the seed with the whole compound.
    let mut bundle = engine().bundle().clone();
    bundle.synonyms.push(vec!["腸内細菌叢".into(), "gut microbiota".into()]);
    let template = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
    for (id, title, keyword) in [
        ("fx-flora", "腸内細菌叢の多様性と肥満の関係", "腸内細菌叢"),
        ("fx-bacteria", "腸内細菌の代謝物による炎症の抑制", "腸内細菌"),
    ] {
        let mut seed = template.clone();
        seed.id = id.into();
        seed.title_ja = title.into();
        seed.summary_ja = title.into();
        seed.keywords_ja = vec![keyword.into()];
        (seed.title_en, seed.summary_en, seed.keywords_en) = (None, None, Vec::new());
        bundle.seeds.push(seed.into());
    }
    let e = Engine::new(bundle);
    let req = SearchRequest { query: "gut microbiota".into(), ..Default::default() };
    let ids: Vec<&str> =
        e.search(&req).hits.iter().map(|h| e.bundle().seeds[h.seed].id()).collect();
    assert_eq!(ids, ["fx-flora", "fx-bacteria"]);
}

#[test]
fn needs_matching_respects_filters_and_limit() {
    let e = engine();
    let mut f = Filters::default();
    f.insert(Facet::Stage, "clinical");
    let hits = e.match_needs("カテーテル 認知症 糖尿病", &f, 2);
    assert!(hits.len() <= 2);
    assert!(hits.iter().all(|h| e.bundle().seeds[h.seed].stage() == "clinical"));
    assert!(e.match_needs("", &Filters::default(), 5).is_empty());
    assert!(e.match_needs("の は が を", &Filters::default(), 5).is_empty());
}

#[test]
fn related_seeds_share_content_and_never_include_the_seed_itself() {
    let e = engine();
    let me = idx("fx-06");
    let rel = e.related(me, 5);
    assert!(!rel.contains(&me));
    assert!(rel.len() <= 5);
    assert_eq!(rel[0], idx("fx-07"), "the other サーバ seed: {:?}", ids_of(&rel));
    let diabetes = e.related(idx("fx-16"), 3);
    assert_eq!(diabetes[0], idx("fx-17"), "{:?}", ids_of(&diabetes));
    assert!(e.related(10_000, 5).is_empty());
    assert!(e.related(me, 0).is_empty());
}

fn ids_of(v: &[usize]) -> Vec<&str> {
    v.iter().map(|&i| engine().bundle().seeds[i].id()).collect()
}

#[test]
fn an_explanation_adds_up_to_the_hit_score() {
    let e = engine();
    for q in [
        "カテーテル",
        "がん 抗体",
        "drug delivery",
        "immun",
        "demntia",
        "gene therapy",
        "カテーテル 認知症",
        "脳",
        "\"gene therapy\" 認知症",
    ] {
        let req = SearchRequest { query: q.into(), ..Default::default() };
        let resp = e.search(&req);
        for &hit in &resp.hits[resp.matches().len()..] {
            // A seed like the matches: its likeness is its score.
            let ex = e.explain(&req, hit.seed);
            assert!(ex.similar && !ex.matched && ex.similarity.is_some(), "{q} {ex:?}");
            assert_eq!(ex.score, hit.score, "{q} {}", ex.id);
        }
        for &hit in resp.matches() {
            let ex = e.explain(&req, hit.seed);
            assert!(ex.matched && !ex.similar);
            assert_eq!(ex.score, hit.score, "{q} {}", ex.id);
            let sum: f32 = ex.terms.iter().map(|t| t.score).sum();
            assert!((sum - ex.base).abs() < 1e-4, "{q}");
            let tier =
                seed_core::rank::tier_score(ex.base + ex.run_bonus, ex.covered, ex.every_term);
            let expected = ex.similarity.map_or(tier, |s| seed_core::rank::feedback_score(tier, s));
            assert!((expected - ex.score).abs() < 1e-3 * ex.score.max(1.0), "{q} {ex:?}");
            for t in &ex.terms {
                let tokens: f32 = t.tokens.iter().map(|k| k.score).sum();
                assert!((tokens - t.score).abs() < 1e-4, "{q} {t:?}");
            }
        }
    }
}

#[test]
fn an_explanation_names_synonyms_prefixes_and_typos() {
    let e = engine();
    let ex = |q: &str, id: &str| {
        e.explain(&SearchRequest { query: q.into(), ..Default::default() }, idx(id))
    };
    let syn = ex("cancer", "fx-01");
    assert!(syn.terms[0].synonym && syn.terms[0].discount < 1.0, "{syn:?}");
    let pre = ex("immun", "fx-12");
    assert_eq!(pre.terms[0].tokens[0].kind, Some(seed_core::rank::MatchKind::Prefix));
    assert_eq!(pre.terms[0].tokens[0].matched.as_deref(), Some("immunotherapy"));
    let typo = ex("demntia", "fx-14");
    assert_eq!(typo.terms[0].tokens[0].kind, Some(seed_core::rank::MatchKind::Typo));
    let fields: Vec<&str> =
        typo.terms[0].tokens[0].fields.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"title"), "{fields:?}");
    let json = serde_json::to_string(&pre).unwrap();
    assert!(json.contains("\"kind\":\"prefix\""), "{json}");
    let miss = ex("カテーテル", "fx-01");
    assert!(!miss.matched && miss.score == 0.0 && miss.terms[0].matched_as.is_none());
    let excluded = ex("糖尿病 -マウス", "fx-16");
    assert!(!excluded.matched);
    assert_eq!(excluded.excluded_by, ["マウス"]);
}

#[test]
fn the_contiguous_run_bonus_is_reported() {
    let e = engine();
    let req = SearchRequest { query: "gene therapy".into(), ..Default::default() };
    let ex = e.explain(&req, idx("fx-18"));
    assert!(ex.run_bonus > 0.0, "{ex:?}");
    assert_eq!(ex.run_bonus_field.as_deref(), Some("title"));
    let apart = e.explain(&req, idx("fx-19"));
    assert_eq!(apart.run_bonus, 0.0);
}

#[test]
fn index_statistics_describe_the_index() {
    let s = engine().index_stats();
    assert_eq!(s.seeds, 29);
    assert!(s.terms > 500 && s.postings > s.terms && s.words > 50 && s.bytes > 0, "{s:?}");
}

#[test]
fn the_engine_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<seed_core::Engine>();
    shared::<seed_core::PreparedQuery>();
}

#[test]
fn an_empty_catalogue_answers_every_request_with_nothing() {
    let e = seed_core::Engine::new(seed_core::Bundle::new(seed_core::Taxonomy::default()));
    for q in ["", "がん", "immun", "\"drug delivery\" -x"] {
        let r = e.search(&SearchRequest { query: q.into(), ..Default::default() });
        assert!(r.hits.is_empty() && !r.relaxed);
    }
    assert!(e.match_needs("カテーテル", &Filters::default(), 5).is_empty());
    assert!(e.related(0, 5).is_empty());
    assert_eq!(e.highlight(0, "がん", false), seed_core::Highlight::default());
    assert!(!e.explain(&SearchRequest::default(), 0).matched);
}

#[test]
fn a_seed_without_stage_fields_or_region_is_listed_searchable_and_counted_as_unset() {
    let mut bundle = engine().bundle().clone();
    let lonely = bundle.seeds.len();
    let mut seed = SeedRecord::from(bundle.seeds[0].clone());
    seed.id = "no-facets".into();
    seed.title_ja = "未分類の研究シーズ".into();
    seed.stage = String::new();
    seed.fields.clear();
    seed.updated = String::new();
    seed.institution = "new-u".into();
    bundle.seeds.push(seed.into());
    let mut inst = bundle.institutions[0].clone();
    inst.id = "new-u".into();
    inst.region = String::new();
    bundle.institutions.push(inst);
    let engine = Engine::new(bundle);
    let all = engine.search(&SearchRequest::default());
    assert!(all.hits.iter().any(|h| h.seed == lonely), "listed with no query");
    let found =
        engine.search(&SearchRequest { query: "未分類".into(), ..SearchRequest::default() });
    assert_eq!(found.hits.first().map(|h| h.seed), Some(lonely), "searchable");
    for key in [Facet::Stage, Facet::Fields, Facet::Region] {
        let counts = all.facets.iter().find(|f| f.key == key).unwrap();
        assert_eq!(counts.iter().last(), Some((seed_core::UNSET, 1)), "{key}: unset comes last");
    }
    let mut filters = Filters::default();
    filters.insert(Facet::Stage, seed_core::UNSET);
    let only = engine.search(&SearchRequest { filters, ..SearchRequest::default() });
    assert_eq!(only.hits.iter().map(|h| h.seed).collect::<Vec<_>>(), [lonely], "unset filters");
    // A catalogue where every seed has them shows no unset value.
    let full = search("", &[]);
    let stage = full.facets.iter().find(|f| f.key == Facet::Stage).unwrap();
    assert!(stage.values.iter().all(|v| v != seed_core::UNSET));
}

#[test]
fn an_english_term_whose_japanese_the_catalogue_lacks_finds_what_its_head_kanji_specifies() {
    // hearing aid = 補聴器; the catalogue only says 補聴 (hearing assistance): found, as
    // 補聴器 typed would find it; in a needs statement too.
    let mut bundle = engine().bundle().clone();
    bundle.synonyms.push(vec!["補聴器".into(), "hearing aid".into()]);
    let mut seed = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
    seed.id = "fx-hearing".into();
    (seed.title_ja, seed.summary_ja) = ("次世代補聴システムの構築".into(), "雑音下の補聴".into());
    seed.keywords_ja = vec!["補聴".into()];
    (seed.title_en, seed.summary_en, seed.keywords_en) = (None, None, Vec::new());
    bundle.seeds.push(seed.into());
    let e = Engine::new(bundle);
    for query in ["hearing aid", "補聴器"] {
        let req = SearchRequest { query: query.into(), ..Default::default() };
        let resp = e.search(&req);
        let ids: Vec<&str> = resp.matches().iter().map(|h| e.bundle().seeds[h.seed].id()).collect();
        assert_eq!(ids, ["fx-hearing"], "{query}");
    }
    let needs = e.match_needs("補聴器の聞こえを良くしたい", &Filters::default(), 10);
    assert_eq!(needs.first().map(|h| e.bundle().seeds[h.seed].id()), Some("fx-hearing"));
}

#[test]
fn seeds_like_the_matches_follow_fewer_than_a_page_below_every_match_within_the_filters() {
    let cases: &[(&str, &[(Facet, &str)])] =
        &[("drug delivery", &[]), ("epilepsy", &[]), ("カテーテル", &[(Facet::Fields, "device")])];
    let e = engine();
    for &(q, filters) in cases {
        let resp = search(q, filters);
        let matches = resp.matches();
        assert!(resp.similar > 0 && !matches.is_empty(), "{q}: similar seeds follow");
        assert!(resp.hits.len() <= seed_core::search::SIMILAR_BELOW, "{q}: up to a page");
        let lowest = matches.iter().map(|h| h.score).fold(f32::INFINITY, f32::min);
        for h in &resp.hits[matches.len()..] {
            let seed = &e.bundle().seeds[h.seed];
            assert!(h.score < lowest, "{q}: {} ranks below every match", seed.id());
            assert!(!matches.iter().any(|m| m.seed == h.seed), "{q}: {} only once", seed.id());
            for &(facet, value) in filters {
                assert!(
                    e.facet_values(seed, facet).contains(&value),
                    "{q}: {} in {value}",
                    seed.id()
                );
            }
        }
    }
}

/// `base` with another id and only these Japanese title, summary and keywords.
fn japanese_seed(
    base: &SeedRecord,
    id: &str,
    title: &str,
    summary: &str,
    keywords: &[&str],
) -> SeedRecord {
    let mut s = base.clone();
    s.id = id.into();
    (s.title_ja, s.summary_ja) = (title.into(), summary.into());
    s.keywords_ja = keywords.iter().map(|k| k.to_string()).collect();
    (s.title_en, s.summary_en, s.keywords_en) = (None, None, Vec::new());
    s
}

#[test]
fn with_few_seeds_having_every_word_those_with_some_rank_by_their_likeness_to_them() {
    // 口腔乾燥症 電気刺激: one seed has both. Of the seeds with one word, the one about dry
    // mouth (like the seed with both) ranks above the one that says 電気刺激 most.
    let mut bundle = engine().bundle().clone();
    let base = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
    let seed = |id: &str, title: &str, summary: &str, keywords: &[&str]| {
        seed_core::Seed::from(japanese_seed(&base, id, title, summary, keywords))
    };
    bundle.seeds.push(seed(
        "fx-both",
        "口腔乾燥症の唾液分泌を促す装置",
        "唾液腺を電気刺激して唾液分泌を促し、ドライマウスの口腔乾燥を和らげる。",
        &["口腔乾燥症", "唾液分泌", "ドライマウス"],
    ));
    bundle.seeds.push(seed(
        "fx-like",
        "唾液腺オルガノイドによる口腔乾燥症の治療",
        "唾液分泌が低下したドライマウスの唾液腺を再生し、口腔乾燥を改善する。",
        &["口腔乾燥症", "唾液腺", "ドライマウス"],
    ));
    bundle.seeds.push(seed(
        "fx-word",
        "電気刺激による筋力トレーニング",
        "電気刺激で大腿の筋を収縮させる。電気刺激の強さを自動で調整する。",
        &["電気刺激", "筋力"],
    ));
    let e = Engine::new(bundle);
    let req = SearchRequest { query: "口腔乾燥症 電気刺激".into(), ..Default::default() };
    let ids: Vec<&str> =
        e.search(&req).hits.iter().map(|h| e.bundle().seeds[h.seed].id()).collect();
    let pos = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert_eq!(ids.first(), Some(&"fx-both"), "{ids:?}");
    assert!(pos("fx-like") < pos("fx-word"), "{ids:?}");
}

#[test]
fn the_seeds_like_the_matches_are_like_the_query_too() {
    // xerostomia = 口腔乾燥症; one seed says xerostomia. A seed on 口腔 and 乾燥 that shares
    // no other word with it still follows it: the query's own words count in the likeness.
    let mut bundle = engine().bundle().clone();
    bundle.synonyms.push(vec!["口腔乾燥症".into(), "xerostomia".into()]);
    let base = SeedRecord::from(bundle.seeds[idx("fx-18")].clone());
    let seed = |id: &str, title: &str, summary: &str, keywords: &[&str]| {
        japanese_seed(&base, id, title, summary, keywords)
    };
    let mut a = seed("fx-a", "唾液分泌を測る装置", "唾液腺の分泌量を光で測定する。", &["唾液"]);
    a.keywords_en = vec!["xerostomia".into()];
    bundle.seeds.push(a.into());
    bundle
        .seeds
        .push(seed("fx-mouth", "口腔ケアで皮膚の乾燥を防ぐ", "高齢者の口腔と乾燥。", &[]).into());
    bundle.seeds.push(seed("fx-dry", "乾燥肌と口腔の衛生", "口腔と肌の乾燥。", &[]).into());
    let e = Engine::new(bundle);
    let resp = e.search(&SearchRequest { query: "xerostomia".into(), ..Default::default() });
    let ids: Vec<&str> = resp.hits.iter().map(|h| e.bundle().seeds[h.seed].id()).collect();
    assert_eq!(ids.first(), Some(&"fx-a"), "{ids:?}");
    assert_eq!(resp.matches().len(), 1, "{ids:?}");
    assert!(ids.contains(&"fx-mouth") && ids.contains(&"fx-dry"), "{ids:?}");
}

#[test]
fn with_no_seed_having_every_word_the_matches_rank_by_their_likeness_to_the_best_ones() {
    let e = engine();
    let req = SearchRequest { query: "カテーテル 認知症".into(), ..Default::default() };
    let resp = e.search(&req);
    assert!(resp.relaxed && resp.matches().len() > seed_core::search::SIMILAR_SOURCES);
    for (rank, hit) in resp.matches().iter().enumerate() {
        let ex = e.explain(&req, hit.seed);
        let like = ex.similarity.unwrap_or_else(|| panic!("{} has no likeness", ex.id));
        // The best matches are the sources: as like themselves as can be.
        if rank < seed_core::search::SIMILAR_SOURCES {
            assert_eq!(like, 1.0, "{}", ex.id);
        } else {
            assert!(like < 1.0, "{}", ex.id);
        }
    }
}

#[test]
fn a_search_with_hundreds_of_matches_lists_them_as_a_full_sort_would() {
    let e = Engine::new(seed_core::Bundle::from_json(&common::synthetic(2000)).unwrap());
    // Ties are broken by the newest-first order.
    let newest = e.search(&SearchRequest { sort: Sort::Newest, ..SearchRequest::default() });
    let mut position = vec![0; e.bundle().seeds.len()];
    newest.hits.iter().enumerate().for_each(|(i, h)| position[h.seed] = i);
    for query in ["c", "drug d", "細胞 a", "医療"] {
        let r = e.search(&SearchRequest { query: query.into(), ..SearchRequest::default() });
        let first = seed_core::Hits::ORDERED_FIRST;
        assert!(
            r.hits.len() > 2 * first,
            "{query}: {} hits, too few to leave some unordered",
            r.hits.len()
        );
        let sizes = [1, 50, first, first + 1, 2 * first + 1];
        let pages: [Vec<usize>; 5] =
            sizes.map(|n| r.hits.first_n(n).iter().map(|h| h.seed).collect());
        let mut unordered: Vec<usize> = r.hits.seeds().collect();
        let all = &r.hits[..];
        for w in all.windows(2) {
            let key = |h: &seed_core::Hit| (std::cmp::Reverse(h.score.to_bits()), position[h.seed]);
            assert!(key(&w[0]) < key(&w[1]), "{query}: {:?} listed before {:?}", w[0], w[1]);
        }
        let seeds: Vec<usize> = all.iter().map(|h| h.seed).collect();
        for page in &pages {
            assert_eq!(page[..], seeds[..page.len()], "{query}: a first page is the list's start");
        }
        assert_eq!(pages.each_ref().map(Vec::len), sizes);
        unordered.sort_unstable();
        let mut sorted = seeds.clone();
        sorted.sort_unstable();
        assert_eq!(unordered, sorted, "{query}: the unordered seeds are the listed ones");
        assert_eq!(r.match_seeds().count(), r.match_count());
    }
}
