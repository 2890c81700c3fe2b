use serde_json::json;

use super::*;
use seed_core::taxonomy::Vocabulary;

fn vocab(key: &str, ids: &[&str]) -> Vocabulary {
    Vocabulary {
        key: key.into(),
        label_ja: key.into(),
        label_en: key.into(),
        values: ids
            .iter()
            .map(|id| Term { id: (*id).into(), ja: (*id).into(), en: (*id).into() })
            .collect(),
    }
}

fn builder() -> CatalogBuilder {
    let tax = Taxonomy {
        facets: vec![
            Vocabulary {
                key: "stage".into(),
                label_ja: "開発段階".into(),
                label_en: "Stage".into(),
                values: [
                    ("basic", "基礎研究", "Basic research"),
                    ("preclinical", "非臨床", "Preclinical"),
                    ("clinical", "臨床試験", "Clinical trials"),
                ]
                .iter()
                .map(|(id, ja, en)| Term { id: (*id).into(), ja: (*ja).into(), en: (*en).into() })
                .collect(),
            },
            Vocabulary {
                key: "region".into(),
                label_ja: "地域".into(),
                label_en: "Region".into(),
                values: [("hokkaido", "北海道", "Hokkaido"), ("tokyo", "東京都", "Tokyo")]
                    .iter()
                    .map(|(id, ja, en)| Term {
                        id: (*id).into(),
                        ja: (*ja).into(),
                        en: (*en).into(),
                    })
                    .collect(),
            },
            vocab("fields", &["drug", "device"]),
            vocab("ip_status", &["none", "filed"]),
            vocab("collaboration", &["license", "joint_research"]),
        ],
    };
    let mut b = CatalogBuilder::new(tax);
    let inst = json!({"id": "u1", "name_ja": "第一大学", "region": "tokyo"});
    assert!(b.add_institution(&raw(inst)).accepted);
    b
}

fn raw(v: serde_json::Value) -> RawRecord {
    RawRecord::from_json(v.as_object().unwrap())
}

fn seed() -> serde_json::Value {
    json!({"id": "s1", "institution": "u1", "title_ja": "題", "title_en": "Title",
           "summary_ja": "概要", "summary_en": "Summary",
           "fields": ["drug"], "stage": "basic", "updated": "2024-04-01"})
}

fn messages(o: &Outcome) -> Vec<String> {
    o.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn a_complete_seed_is_accepted_without_problems() {
    let o = builder().add_seed(&raw(seed()));
    assert!(o.accepted);
    assert!(o.problems.is_empty(), "{:?}", messages(&o));
}

#[test]
fn each_missing_required_field_is_named() {
    for field in ["id", "institution", "title_ja"] {
        let mut s = seed();
        s.as_object_mut().unwrap().remove(field);
        let o = builder().add_seed(&raw(s));
        assert!(!o.accepted, "{field}");
        assert!(
            messages(&o).iter().any(|m| m.contains(&format!("{field}: required field is missing"))),
            "{field}: {:?}",
            messages(&o)
        );
    }
}

#[test]
fn a_seed_without_summary_stage_fields_or_date_is_published_with_warnings() {
    for field in ["summary_ja", "fields", "stage", "updated"] {
        let mut s = seed();
        s.as_object_mut().unwrap().remove(field);
        let mut b = builder();
        let o = b.add_seed(&raw(s));
        assert!(o.accepted, "{field}: {:?}", messages(&o));
        assert_eq!(kinds(&o), [ProblemKind::NotGiven], "{field}");
        assert_eq!(o.problems[0].severity, Severity::Warning);
        assert_eq!(o.problems[0].field.as_deref(), Some(field));
        let seed = &b.seeds()[0];
        assert!(seed.summary_ja().is_empty() || field != "summary_ja");
        assert!(seed.stage().is_empty() || field != "stage");
        assert!(seed.fields().is_empty() || field != "fields");
        assert!(seed.updated().is_empty() || field != "updated");
    }
    let mut s = seed();
    s["stage"] = json!("basic");
    s.as_object_mut().unwrap().remove("fields");
    let o = builder().add_seed(&raw(s));
    assert_eq!(
        messages(&o),
        ["warning: record s1: fields: not given; the seed is published and shown as 未設定 / not given"]
    );
}

#[test]
fn a_sheet_without_ids_derives_them_stably_from_institution_and_title() {
    let derive = SeedOptions { derive_id: true };
    let mut s = seed();
    s.as_object_mut().unwrap().remove("id");
    let mut b = builder();
    let o = b.add_seed_with(&raw(s.clone()), derive);
    assert!(o.accepted, "{:?}", messages(&o));
    let id = o.derived_id.clone().unwrap();
    assert_eq!(id, derived_id("u1", "題"));
    assert!(id.starts_with("u1-") && id.len() == 3 + DERIVED_ID_HEX, "{id}");
    assert_eq!(b.seeds()[0].id(), id);
    assert_eq!(derived_id("u1", " 題 "), id, "spaces around the title do not change the id");
    assert_ne!(derived_id("u1", "題2"), id);
    // The same title again is a duplicate, named by the derived id.
    let o = b.add_seed_with(&raw(s), derive);
    assert_eq!(messages(&o), [format!("error: record {id}: id: duplicate seed id {id:?}")]);
    // Without the option a missing id is still an error; with one, a given id is kept.
    let mut s = seed();
    s.as_object_mut().unwrap().remove("id");
    assert!(!builder().add_seed(&raw(s)).accepted);
    let o = builder().add_seed_with(&raw(seed()), derive);
    assert_eq!(o.derived_id, None);
}

#[test]
fn institutions_named_by_seeds_are_created_when_none_are_given() {
    let mut b = CatalogBuilder::new(builder().finish(Vec::new()).taxonomy);
    b.create_missing_institutions(true);
    let mut s = seed();
    s["institution"] = json!("第二大学");
    s["region"] = json!("01(北海道)");
    let o = b.add_seed(&raw(s));
    assert!(o.accepted, "{:?}", messages(&o));
    let mut s = seed();
    s["id"] = json!("s2");
    s["institution"] = json!("第三大学");
    assert!(b.add_seed(&raw(s)).accepted);
    let mut s = seed();
    s["id"] = json!("s3");
    s["institution"] = json!("第二大学");
    assert!(b.add_seed(&raw(s)).accepted, "the second seed finds the created institution");
    assert_eq!(
        b.created_institutions(),
        [
            CreatedInstitution { id: "第二大学".into(), missing: vec!["name_en", "url"] },
            CreatedInstitution {
                id: "第三大学".into(), missing: vec!["region", "name_en", "url"]
            },
        ]
    );
    let bundle = b.finish(Vec::new());
    assert_eq!(bundle.institutions[0].region, "hokkaido");
    assert_eq!(bundle.institutions[1].region, "", "no region: shown as not given");
    assert_eq!(bundle.institutions[1].name_ja, "第三大学");
}

#[test]
fn a_duplicate_id_rejects_the_second_record() {
    let mut b = builder();
    assert!(b.add_seed(&raw(seed())).accepted);
    let o = b.add_seed(&raw(seed()));
    assert!(!o.accepted);
    assert_eq!(messages(&o), ["error: record s1: id: duplicate seed id \"s1\""]);
}

#[test]
fn an_unknown_vocabulary_value_suggests_the_closest() {
    let mut s = seed();
    s["stage"] = json!("preclinica");
    let o = builder().add_seed(&raw(s));
    assert_eq!(
        messages(&o),
        ["error: record s1: stage: unknown value \"preclinica\" (did you mean \"preclinical\": 非臨床 / Preclinical?)"]
    );
}

#[test]
fn an_unknown_institution_is_an_error() {
    let mut s = seed();
    s["institution"] = json!("nowhere");
    let o = builder().add_seed(&raw(s));
    assert_eq!(messages(&o), ["error: record s1: institution: unknown institution \"nowhere\""]);
}

#[test]
fn script_urls_are_rejected() {
    let mut s = seed();
    s["contact_url"] = json!("javascript:alert(1)");
    s["links"] = json!(["data:text/html,x", "https://ok.example.jp/", "mailto:a@b.jp"]);
    let o = builder().add_seed(&raw(s));
    assert_eq!(
        messages(&o),
        [
            "error: record s1: contact_url: \"javascript:alert(1)\" is not an http(s) URL",
            "error: record s1: links: \"data:text/html,x\" is not an http(s) or mailto URL",
        ]
    );
}

#[test]
fn trl_must_be_between_one_and_nine() {
    for (v, ok) in [("1", true), ("9", true), ("0", false), ("10", false), ("x", false)] {
        let mut s = seed();
        s["trl"] = json!(v);
        assert_eq!(builder().add_seed(&raw(s)).accepted, ok, "{v}");
    }
}

#[test]
fn unknown_fields_only_warn() {
    let mut s = seed();
    s["remarks"] = json!("備考");
    let o = builder().add_seed(&raw(s));
    assert!(o.accepted);
    assert_eq!(messages(&o), ["warning: record s1: remarks: unknown field, ignored"]);
}

#[test]
fn dates_are_read_in_the_forms_japanese_sheets_use() {
    for (input, want) in [
        ("2024-04-01", Some("2024-04-01")),
        ("2024/4/1", Some("2024-04-01")),
        ("２０２４年４月１日", Some("2024-04-01")),
        ("2024.12.31", Some("2024-12-31")),
        ("2024-02-29", Some("2024-02-29")),
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("yesterday", None),
        ("", None),
    ] {
        assert_eq!(parse_date(input).as_deref(), want, "{input}");
    }
}

#[test]
fn did_you_mean_reads_labels_in_both_languages_and_longer_forms() {
    let b = builder();
    let stage = b.taxonomy().vocabulary("stage").unwrap();
    for (written, id) in [
        ("preclinica", "preclinical"),
        ("非臨", "preclinical"),
        ("臨床試験段階", "clinical"),
        ("Basic", "basic"),
    ] {
        assert_eq!(closest(written, stage).map(|t| t.id.as_str()), Some(id), "{written}");
    }
    assert_eq!(closest("医用システム", stage), None);
}

#[test]
fn a_prefecture_reads_in_the_ministries_forms() {
    for region in ["01(北海道)", "01", "Hokkaidō", "北海道"] {
        let inst = json!({"id": "u2", "name_ja": "第二大学", "region": region});
        let mut b = builder();
        let o = b.add_institution(&raw(inst));
        assert!(o.accepted, "{region}: {:?}", messages(&o));
        assert_eq!(b.finish(Vec::new()).institutions[1].region, "hokkaido", "{region}");
    }
}

#[test]
fn edit_distance_counts_single_edits() {
    for (a, b, d) in [
        ("", "", 0),
        ("drug", "drug", 0),
        ("drug", "drugs", 1),
        ("kitten", "sitting", 3),
        ("がん", "ガン", 2),
    ] {
        assert_eq!(edit_distance(a, b), d, "{a} {b}");
    }
}

fn kinds(o: &Outcome) -> Vec<ProblemKind> {
    o.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn missing_english_title_and_summary_only_warn() {
    let mut s = seed();
    s.as_object_mut().unwrap().remove("title_en");
    s.as_object_mut().unwrap().remove("summary_en");
    let o = builder().add_seed(&raw(s));
    assert!(o.accepted);
    assert_eq!(kinds(&o), [ProblemKind::MissingEnglish, ProblemKind::MissingEnglish]);
    assert_eq!(
        messages(&o),
        [
            "warning: record s1: title_en: no English title; the app shows the Japanese one to English readers",
            "warning: record s1: summary_en: no English summary; the app shows the Japanese one to English readers",
        ]
    );
}

#[test]
fn vocabulary_values_may_be_written_as_labels_or_in_another_case() {
    for (written, id) in [
        ("非臨床", "preclinical"),
        ("Preclinical", "preclinical"),
        ("ＣＬＩＮＩＣＡＬ", "clinical"),
        (" basic ", "basic"),
    ] {
        let mut s = seed();
        s["stage"] = json!(written);
        s["fields"] = json!(["DRUG", "drug", "device"]);
        let mut b = builder();
        let o = b.add_seed(&raw(s));
        assert!(o.accepted, "{written}: {:?}", messages(&o));
        let bundle = b.finish(Vec::new());
        assert_eq!(bundle.seeds[0].stage(), id);
        assert_eq!(
            bundle.seeds[0].fields().collect::<Vec<_>>(),
            ["drug", "device"],
            "ids, once each"
        );
    }
}

#[test]
fn a_prefecture_may_omit_its_suffix_and_an_institution_may_be_named() {
    let mut b = builder();
    let o = b.add_institution(&raw(json!({"id": "u2", "name_ja": "第二大学", "name_en": "Second University", "region": "東京"})));
    assert!(o.accepted, "{:?}", messages(&o));
    for name in ["第二大学", "second university"] {
        let mut s = seed();
        s["id"] = json!(format!("s-{name}"));
        s["institution"] = json!(name);
        let o = b.add_seed(&raw(s));
        assert!(o.accepted, "{name}: {:?}", messages(&o));
    }
    let bundle = b.finish(Vec::new());
    assert_eq!(bundle.institutions[1].region, "tokyo");
    assert!(bundle.seeds.iter().all(|s| s.institution() == "u2"));
}

#[test]
fn a_seed_of_a_rejected_institution_says_so() {
    let mut b = builder();
    assert!(
        !b.add_institution(&raw(json!({"id": "u3", "name_ja": "第三大学", "region": "atlantis"})))
            .accepted
    );
    let mut s = seed();
    s["institution"] = json!("u3");
    let o = b.add_seed(&raw(s));
    assert_eq!(kinds(&o), [ProblemKind::UnknownInstitution]);
    assert_eq!(
        messages(&o),
        ["error: record s1: institution: institution \"u3\" was rejected (see its errors above)"]
    );
}

#[test]
fn an_id_is_a_duplicate_even_when_its_first_record_was_rejected() {
    let mut b = builder();
    let mut first = seed();
    first["stage"] = json!("nonsense");
    assert!(!b.add_seed(&raw(first)).accepted);
    let o = b.add_seed(&raw(seed()));
    assert_eq!(kinds(&o), [ProblemKind::DuplicateId]);
}

#[test]
fn every_problem_names_its_class() {
    let long = "あ".repeat(MAX_CELL_CHARS + 1);
    for (field, value, kind) in [
        ("updated", json!("someday"), ProblemKind::BadDate),
        ("trl", json!("12"), ProblemKind::BadTrl),
        ("contact_url", json!("ftp://x.example.jp/"), ProblemKind::BadUrl),
        ("contact_email", json!("tlo at example"), ProblemKind::BadEmail),
        ("fields", json!("drugz; device"), ProblemKind::UnknownValue),
        ("summary_ja", json!(long), ProblemKind::TooLong),
        ("title_ja", json!(" \u{3000} "), ProblemKind::Missing),
    ] {
        let mut s = seed();
        s[field] = value;
        let o = builder().add_seed(&raw(s));
        assert!(!o.accepted, "{field}");
        assert_eq!(kinds(&o), [kind], "{field}: {:?}", messages(&o));
        assert_eq!(o.problems[0].field.as_deref(), Some(field));
    }
}

#[test]
fn trl_accepts_full_width_digits_and_a_prefix() {
    for (v, want) in [
        ("３", Some(3)),
        ("TRL4", Some(4)),
        ("trl 5", Some(5)),
        ("Ｔ Ｒ Ｌ 6", None),
        ("4.5", None),
    ] {
        let mut s = seed();
        s["trl"] = json!(v);
        let mut b = builder();
        let accepted = b.add_seed(&raw(s)).accepted;
        assert_eq!(accepted, want.is_some(), "{v}");
        if accepted {
            assert_eq!(b.finish(Vec::new()).seeds[0].trl(), want, "{v}");
        }
    }
}

#[test]
fn an_excel_serial_number_in_the_date_column_is_a_date() {
    for (serial, want) in [
        ("45383", Some("2024-04-01")),
        ("45383.75", Some("2024-04-01")),
        ("36526", Some("2000-01-01")),
        ("４５３８３", Some("2024-04-01")),
        ("12", None),
        ("999999", None),
    ] {
        assert_eq!(excel_serial_date(serial).as_deref(), want, "{serial}");
    }
    let mut s = seed();
    s["updated"] = json!(45383);
    let mut b = builder();
    assert!(b.add_seed(&raw(s)).accepted);
    assert_eq!(b.finish(Vec::new()).seeds[0].updated(), "2024-04-01");
}

#[test]
fn era_dates_and_dates_with_times_are_read() {
    for (input, want) in [
        ("令和6年4月1日", Some("2024-04-01")),
        ("令和元年5月1日", Some("2019-05-01")),
        ("R6.4.1", Some("2024-04-01")),
        ("平成31年4月30日", Some("2019-04-30")),
        ("H30/2/28", Some("2018-02-28")),
        ("2024/4/1 0:00:00", Some("2024-04-01")),
        ("2024-04-01T09:30:00", Some("2024-04-01")),
        ("令和0年1月1日", None),
    ] {
        assert_eq!(parse_date(input).as_deref(), want, "{input}");
    }
}
