//! Writes the committed spreadsheet files: the institutions' template (data/template.csv and
//! data/template.xlsx) and the XLSX form of the format fixtures (tests/cli/formats/xlsx/).
//! Run after changing them with
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-cli cargo test -p seeds --test generate -- --ignored
//! ```
//!
//! The files are read back by the real builder in formats.rs.

mod common;

use common::repo;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Note, Workbook,
    Worksheet, XlsxError,
};
use seed_core::Taxonomy;
use seed_ingest::validate::parse_date;

/// A template column: Japanese heading, field, required, example, note for the person filling it in.
struct Column {
    ja: &'static str,
    field: &'static str,
    required: bool,
    example: &'static str,
    note: &'static str,
}

const fn col(
    ja: &'static str,
    field: &'static str,
    required: bool,
    example: &'static str,
    note: &'static str,
) -> Column {
    Column { ja, field, required, example, note }
}

const SEED_COLUMNS: &[Column] = &[
    col("シーズID", "id", true, "example-001", "必須。機関内で一意で、変わらない番号（英数字とハイフン）。Required: a stable, unique id."),
    col("機関ID", "institution", true, "example-u", "必須。事務局が割り当てた機関ID（または機関名）。Required: your institution's id (or its name)."),
    col("タイトル", "title_ja", true, "血液1滴で膵臓がんを見つける検査キット", "必須。Required."),
    col("英語タイトル", "title_en", false, "A test kit that finds pancreatic cancer in a drop of blood", "任意（推奨）。Optional, recommended."),
    col(
        "概要",
        "summary_ja",
        true,
        "血液中のエクソソームに含まれるマイクロRNAを測定し、膵臓がんを従来の腫瘍マーカーより早い段階で検出する。採血だけで測定でき、健診での一次スクリーニングに使える。",
        "必須。200〜300字程度。Required; about 200–300 characters.",
    ),
    col(
        "英語概要",
        "summary_en",
        false,
        "Measures exosomal microRNA in blood to detect pancreatic cancer earlier than current tumour markers. A blood draw is all it needs, so it suits first-line screening at health check-ups.",
        "任意（推奨）。Optional, recommended.",
    ),
    col("研究者", "researchers", false, "見本 太郎 (教授)；見本 花子 (助教)", "「氏名 (役職)」。複数は ; ； 、 または改行で区切る。Name (position); separate several with ; or a line break."),
    col("所属", "department_ja", false, "大学院医学研究科 消化器内科学講座", "任意。Optional."),
    col("英語所属", "department_en", false, "Department of Gastroenterology, Graduate School of Medicine", "任意。Optional."),
    col("優位性", "advantages_ja", false, "採血だけで測定でき、従来の腫瘍マーカーより早期に検出できる。", "従来技術に対する優位性。Advantage over current technology."),
    col("英語優位性", "advantages_en", false, "Needs only a blood draw and detects the cancer earlier than current markers.", "任意。Optional."),
    col("想定用途", "applications_ja", false, "体外診断薬、健診", "任意。Optional."),
    col("英語想定用途", "applications_en", false, "In vitro diagnostics, health check-ups", "任意。Optional."),
    col("分野", "fields", true, "diagnostics; drug", "必須。語彙シートのIDまたは日本語名。複数可。Required: ids or labels from the vocabularies sheet; several allowed."),
    col("開発段階", "stage", true, "preclinical", "必須。basic, poc, preclinical, clinical, practical（または日本語名）。Required."),
    col("知財状況", "ip_status", false, "filed", "none, filed, granted, pct（または日本語名）。"),
    col("特許番号", "patents", false, "特願2025-012345", "複数は ; 区切り。Separate several with ;."),
    col("連携形態", "collaboration", false, "joint_research; license", "語彙シートのIDまたは日本語名。複数可。Ids or labels; several allowed."),
    col("キーワード", "keywords_ja", false, "膵臓がん；早期診断；バイオマーカー", "複数は ; ； 、 区切り。"),
    col("英語キーワード", "keywords_en", false, "pancreatic cancer; early diagnosis; biomarker", "Separate with ;."),
    col("連絡先メール", "contact_email", false, "tlo@example-u.example.jp", "問い合わせ先メールアドレス。Contact e-mail."),
    col("連絡先URL", "contact_url", false, "https://www.example-u.example.jp/seeds/example-001", "http(s) のURLのみ。http(s) only."),
    col("関連URL", "links", false, "https://www.example-u.example.jp/labs/gastro/", "http(s) または mailto。複数可。"),
    col("TRL", "trl", false, "4", "技術成熟度 1〜9。Technology readiness level 1–9."),
    col("小間番号", "booth", false, "B-51", "展示会の小間番号。Booth number."),
    col("イベント", "events", false, "biojapan2026", "出展イベントのタグ。Event tags."),
    col("画像URL", "image", false, "", "http(s) のURL。"),
    col("更新日", "updated", true, "2025-04-01", "必須。2025-04-01、2025/4/1、2025年4月1日 のいずれか。Required date."),
];

const INSTITUTION_COLUMNS: &[Column] = &[
    col("機関ID", "id", true, "example-u", "必須。事務局が割り当てる英数字のID。Required."),
    col("機関名", "name_ja", true, "見本大学", "必須。Required."),
    col("英語名", "name_en", false, "Example University", "任意（推奨）。"),
    col(
        "都道府県",
        "region",
        true,
        "東京都",
        "必須。都道府県名またはID（tokyo）。Required: prefecture.",
    ),
    col(
        "ウェブサイト",
        "url",
        false,
        "https://www.example-u.example.jp/",
        "産学連携窓口のページ。http(s)。",
    ),
    col("小間番号", "booth", false, "B-51", "任意。"),
];

fn heading(c: &Column) -> String {
    format!("{} ({})", c.ja, c.field)
}

#[test]
#[ignore = "writes data/template.csv and data/template.xlsx; run by hand"]
fn write_templates() -> Result<(), XlsxError> {
    // CSV: UTF-8 with a byte-order mark so Excel opens it as UTF-8; CRLF as Excel writes.
    let mut csv = String::from("\u{feff}");
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(SEED_COLUMNS.iter().map(heading)).unwrap();
    w.write_record(SEED_COLUMNS.iter().map(|c| c.example)).unwrap();
    csv.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    std::fs::write(repo().join("data/template.csv"), csv).unwrap();

    let taxonomy: Taxonomy =
        serde_json::from_str(&std::fs::read_to_string(repo().join("data/taxonomy.json")).unwrap())
            .unwrap();
    let mut wb = Workbook::new();
    write_template_sheet(wb.add_worksheet(), "シーズ (seeds)", SEED_COLUMNS, &taxonomy)?;
    write_template_sheet(
        wb.add_worksheet(),
        "機関 (institutions)",
        INSTITUTION_COLUMNS,
        &taxonomy,
    )?;
    let vocab = wb.add_worksheet();
    vocab.set_name("語彙 (vocabularies)")?;
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    for (c, h) in ["項目 (facet)", "ID", "日本語 (ja)", "English (en)"].iter().enumerate() {
        vocab.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 1;
    for v in &taxonomy.facets {
        for t in &v.values {
            vocab.write_string(row, 0, format!("{} / {} ({})", v.label_ja, v.label_en, v.key))?;
            vocab.write_string(row, 1, &t.id)?;
            vocab.write_string(row, 2, &t.ja)?;
            vocab.write_string(row, 3, &t.en)?;
            row += 1;
        }
    }
    for (c, w) in [36.0, 22.0, 24.0, 36.0].into_iter().enumerate() {
        vocab.set_column_width(c as u16, w)?;
    }
    vocab.set_freeze_panes(1, 0)?;
    let readme = wb.add_worksheet();
    readme.set_name("説明 (README)")?;
    for (r, line) in [
        "研究シーズ登録用テンプレート / Research seed template",
        "「シーズ (seeds)」シートに1行1シーズで記入してください。2行目は記入例です（上書きしてください）。",
        "Fill in one seed per row on the シーズ (seeds) sheet. Row 2 is an example: overwrite it.",
        "水色の列は必須です。Blue columns are required.",
        "分野・開発段階・知財状況・連携形態は「語彙 (vocabularies)」シートのIDまたは日本語名で記入します。",
        "Fields, stage, IP status and collaboration take an id or label from the vocabularies sheet.",
        "複数の値は ; ； 、 または改行で区切ります。Separate several values with ; or a line break.",
        "日付は 2025-04-01、2025/4/1、2025年4月1日、または日付セルで記入します。",
        "詳しくは docs/sending-seeds.md を参照してください。See docs/sending-seeds.md.",
    ]
    .iter()
    .enumerate()
    {
        readme.write_string(r as u32, 0, *line)?;
    }
    readme.set_column_width(0, 110)?;
    wb.save(repo().join("data/template.xlsx"))?;
    Ok(())
}

fn write_template_sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let required =
        Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xBDD7EE));
    let optional =
        Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xF2F2F2));
    let example = Format::new().set_text_wrap().set_font_color(Color::RGB(0x595959));
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(
            0,
            c,
            heading(col),
            if col.required { &required } else { &optional },
        )?;
        ws.insert_note(0, c, &Note::new(col.note).add_author_prefix(false).set_width(320))?;
        if col.field == "trl" || col.field == "updated" {
            match col.field {
                "trl" => ws.write_number_with_format(
                    1,
                    c,
                    col.example.parse::<f64>().unwrap(),
                    &example,
                )?,
                _ => {
                    let date = parse_date(col.example).unwrap();
                    let (y, m, d) = (
                        date[..4].parse().unwrap(),
                        date[5..7].parse().unwrap(),
                        date[8..].parse().unwrap(),
                    );
                    let format = example.clone().set_num_format("yyyy-mm-dd");
                    ws.write_datetime_with_format(1, c, ExcelDateTime::from_ymd(y, m, d)?, &format)?
                }
            };
        } else {
            ws.write_string_with_format(1, c, col.example, &example)?;
        }
        let wide =
            ["summary_ja", "summary_en", "advantages_ja", "advantages_en"].contains(&col.field);
        ws.set_column_width(c, if wide { 48.0 } else { 20.0 })?;
        if let Some(vocab) =
            taxonomy.vocabulary(col.field).filter(|_| ["stage", "ip_status"].contains(&col.field))
        {
            let ids: Vec<&str> = vocab.values.iter().map(|t| t.id.as_str()).collect();
            let dv = DataValidation::new()
                .allow_list_strings(&ids)?
                .set_error_style(DataValidationErrorStyle::Information)
                .set_input_title(vocab.label_ja.as_str())?
                .set_input_message("一覧から選ぶか、日本語名で入力 / pick an id or type a label")?;
            ws.add_data_validation(1, c, 1000, c, &dv)?;
        }
    }
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

#[test]
#[ignore = "writes tests/cli/formats/xlsx/catalog.xlsx; run by hand"]
fn write_format_fixture() -> Result<(), XlsxError> {
    let dir = repo().join("tests/cli/formats");
    let mut wb = Workbook::new();
    for (sheet, file) in [("機関", "institutions.csv"), ("シーズ", "seeds.csv")] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(dir.join("csv-utf8").join(file))
            .unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let date_format = Format::new().set_num_format("yyyy/m/d");
        let date_col = rows[0].iter().position(|h| h == "更新日");
        // Start one row down, under a title line, as many real sheets do.
        ws.write_string(0, 0, "研究シーズ一覧（テスト）")?;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                let ascii_date =
                    cell.contains('/') || (cell.len() == 10 && cell.as_bytes()[4] == b'-');
                if Some(c as usize) == date_col && ascii_date {
                    let date = parse_date(cell).unwrap();
                    let (y, m, d) = (
                        date[..4].parse().unwrap(),
                        date[5..7].parse().unwrap(),
                        date[8..].parse().unwrap(),
                    );
                    ws.write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(y, m, d)?,
                        &date_format,
                    )?;
                } else if !cell.is_empty()
                    && cell.len() < 6
                    && cell.bytes().all(|b| b.is_ascii_digit())
                {
                    ws.write_number(r, c, cell.parse::<f64>().unwrap())?;
                } else if !cell.is_empty() {
                    ws.write_string(r, c, cell)?;
                }
            }
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("説明")?;
    notes.write_string(0, 0, "このシートは読み込まれない。This sheet is not read.")?;
    wb.save(dir.join("xlsx/catalog.xlsx"))?;
    Ok(())
}
