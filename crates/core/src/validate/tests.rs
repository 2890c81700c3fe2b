use serde_json::json;

use super::*;
use crate::taxonomy::{Term, Vocabulary};

fn vocab(key: &str, ids: &[&str]) -> Vocabulary {
    Vocabulary {
        key: key.into(),
        label_ja: key.into(),
        label_en: key.into(),
        values: ids.iter().map(|id| Term { id: (*id).into(), ja: (*id).into(), en: (*id).into() }).collect(),
    }
}

fn builder() -> CatalogBuilder {
    let tax = Taxonomy {
        facets: vec![
            vocab("fields", &["drug", "device"]),
            vocab("stage", &["basic", "preclinical", "clinical"]),
            vocab("ip_status", &["none", "filed"]),
            vocab("collaboration", &["license", "joint_research"]),
            vocab("region", &["hokkaido", "tokyo"]),
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
    json!({"id": "s1", "institution": "u1", "title_ja": "題", "summary_ja": "概要",
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
    for field in ["id", "institution", "title_ja", "summary_ja", "fields", "stage", "updated"] {
        let mut s = seed();
        s.as_object_mut().unwrap().remove(field);
        let o = builder().add_seed(&raw(s));
        assert!(!o.accepted, "{field}");
        assert!(messages(&o).iter().any(|m| m.contains(&format!("{field}: required field is missing"))), "{field}: {:?}", messages(&o));
    }
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
    assert_eq!(messages(&o), ["error: record s1: stage: unknown value \"preclinica\" (did you mean \"preclinical\"?)"]);
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
fn edit_distance_counts_single_edits() {
    for (a, b, d) in [("", "", 0), ("drug", "drug", 0), ("drug", "drugs", 1), ("kitten", "sitting", 3), ("がん", "ガン", 2)] {
        assert_eq!(edit_distance(a, b), d, "{a} {b}");
    }
}
