//! No cell content crashes the CSV reader, the mapping sheet, the guesses of `seeds map` or the
//! validator, and every record read is either written or rejected, whatever the bytes.

use std::path::Path;

use proptest::prelude::*;
use seed_ingest::guess::{guess, SheetSample};
use seed_ingest::inputs::{default_taxonomy, Inputs};
use seed_ingest::mapping::Mapping;
use seeds::build::validate;

/// Headings an institution might write, known and unknown, plus arbitrary text.
fn heading() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "シーズID",
            "機関ID",
            "institution",
            "タイトル",
            "title_en",
            "概要",
            "summary_en",
            "分野",
            "開発段階",
            "stage",
            "知財状況",
            "連携形態",
            "キーワード",
            "キーワード2",
            "TRL",
            "更新日",
            "updated",
            "関連URL",
            "連絡先",
            "連絡先URL",
            "画像",
            "機関名",
            "都道府県",
            "region",
            "name_ja",
            "備考",
            "",
            "タイトル (title_ja)",
            "※概要【必須】",
            "研究課題名",
            "研究課題名 (英文)",
            "研究分野",
            "研究分野(KAKEN)",
            "研究代表者",
            "研究機関",
        ])
        .prop_map(str::to_string),
        ".{0,12}",
    ]
}

/// Cell contents: plausible values, separators, dates, numbers, and arbitrary Unicode.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "\u{3000}",
            "drug",
            "drug; device",
            "診断・検査、医薬品",
            "非臨床",
            "preclinica",
            "2024/4/1",
            "２０２４年４月１日",
            "45383",
            "2023-02-29",
            "３",
            "10",
            "TRL 4",
            "javascript:alert(1)",
            "https://x.example.jp/",
            "mailto:a@b.jp",
            "u1",
            "第一大学",
            "\"",
            ";；、\n\r",
            "\u{feff}",
            "\u{0}",
            "𠮷野家",
            "🙂",
            "\u{202e}abc",
            "がん / 免疫 / AI",
            "01(北海道)",
            "Hokkaidō",
            "48",
            "a|b｜c・d",
        ])
        .prop_map(str::to_string),
        any::<String>(),
        ".{0,200}",
    ]
}

fn sheet() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..12).prop_flat_map(|width| {
        (
            prop::collection::vec(heading(), width),
            prop::collection::vec(prop::collection::vec(cell(), 0..width + 2), 0..8),
        )
    })
}

fn check(inputs: &Inputs) {
    for verbose in [false, true] {
        check_once(inputs, verbose);
    }
}

fn check_once(inputs: &Inputs, verbose: bool) {
    let v =
        validate(inputs, &mut std::io::sink(), verbose).expect("validation never fails on content");
    assert_eq!(v.seeds.read, v.seeds.written + v.seeds.rejected);
    assert_eq!(v.institutions.read, v.institutions.written + v.institutions.rejected);
    assert_eq!(v.seeds.read + v.institutions.read, inputs.records.len());
}

/// Cases per test: 300 in `cargo test` (each case writes and validates a whole sheet), or
/// `PROPTEST_CASES` when set — `cargo xtask fuzz` sets it for its long runs.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_cells_never_panic((headings, rows) in sheet(), tab in any::<bool>(), bom in any::<bool>(), sjis in any::<bool>()) {
        let mut w = csv::WriterBuilder::new().delimiter(if tab { b'\t' } else { b',' }).flexible(true).from_writer(Vec::new());
        w.write_record(&headings).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut bytes = if sjis { encoding_rs::SHIFT_JIS.encode(&text).0.into_owned() } else { text.into_bytes() };
        if bom {
            bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
        }
        check(&Inputs::from_delimited_bytes("fuzz.csv", &bytes, tab));
    }

    #[test]
    fn arbitrary_mapping_sheets_and_guesses_never_panic(
        (headings, rows) in sheet(),
        mapping_rows in prop::collection::vec(prop::collection::vec(prop_oneof![heading(), cell()], 0..7), 0..8),
    ) {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(["heading", "field", "constant", "separator", "from", "to"]).unwrap();
        for r in &mapping_rows {
            w.write_record(r).unwrap();
        }
        let mapping_bytes = w.into_inner().unwrap();
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(&headings).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let sheet_bytes = w.into_inner().unwrap();
        let sample = SheetSample { headings: &headings, rows: rows.iter().map(Vec::as_slice).collect() };
        let guesses = guess(&[sample], &default_taxonomy().unwrap());
        prop_assert!(guesses.iter().all(|g| !g.reason.is_empty()), "every guess says why");
        if let Ok(mapping) = Mapping::read(Path::new("m.csv"), &mapping_bytes) {
            let mut inputs = Inputs::default();
            inputs.set_mapping(mapping);
            inputs.add_file(Path::new("fuzz.csv"), &sheet_bytes).unwrap();
            check(&inputs);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000), tab in any::<bool>()) {
        check(&Inputs::from_delimited_bytes("fuzz.csv", &bytes, tab));
    }

    #[test]
    fn known_headings_with_arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut bytes = "シーズID,機関ID,タイトル,概要,分野,開発段階,更新日,TRL\n".as_bytes().to_vec();
        bytes.extend(body);
        check(&Inputs::from_delimited_bytes("fuzz.csv", &bytes, false));
    }
}
