//! A small catalogue for the unit tests of the app's logic.

use seed_core::{Bundle, Engine, Taxonomy};

/// A small catalogue for unit tests.
pub fn engine() -> Engine {
    let taxonomy: Taxonomy = serde_json::from_str(
        r#"{"facets":[
          {"key":"fields","label_ja":"分野","label_en":"Field","values":[
            {"id":"drug","ja":"医薬品","en":"Drugs"},{"id":"device","ja":"医療機器","en":"Devices"},{"id":"digital","ja":"デジタル","en":"Digital"}]},
          {"key":"stage","label_ja":"段階","label_en":"Stage","values":[
            {"id":"basic","ja":"基礎","en":"Basic"},{"id":"clinical","ja":"臨床","en":"Clinical"}]},
          {"key":"region","label_ja":"地域","label_en":"Region","values":[{"id":"kyoto","ja":"京都","en":"Kyoto"}]}
        ]}"#,
    )
    .unwrap();
    let mut b = Bundle::new(taxonomy);
    b.institutions = serde_json::from_str(
        r#"[{"id":"u1","name_ja":"甲大学","name_en":"Ko University","region":"kyoto"},
            {"id":"u2","name_ja":"乙大学","region":"kyoto"}]"#,
    )
    .unwrap();
    let seed = |id: &str, inst: &str, title: &str, fields: &str, stage: &str, kw: &str| {
        serde_json::from_value(serde_json::json!({
            "id": id, "institution": inst, "title_ja": title, "summary_ja": format!("{title}の概要"),
            "fields": fields.split(',').collect::<Vec<_>>(), "stage": stage, "updated": "2026-01-01",
            "keywords_ja": kw.split(',').filter(|k| !k.is_empty()).collect::<Vec<_>>()
        }))
        .unwrap()
    };
    b.seeds = vec![
        seed("s1", "u1", "がん免疫療法の新規抗体", "drug", "clinical", "がん,抗体,免疫"),
        seed("s2", "u1", "がん診断のAI画像解析", "digital,device", "basic", "がん,AI,画像"),
        seed(
            "s3",
            "u2",
            "心不全を検知するウェアラブルセンサー",
            "device,digital",
            "clinical",
            "心不全,センサー,ウェアラブル",
        ),
        seed("s4", "u2", "抗体医薬の製造法", "drug", "basic", "抗体,製造"),
        seed("s5", "u2", "転倒を検知するAI", "digital", "basic", "転倒,AI"),
    ];
    Engine::new(b)
}
