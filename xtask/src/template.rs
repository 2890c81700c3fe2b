//! `cargo xtask template`: writes the spreadsheets that are generated from code and committed,
//! all relative to the repository root:
//! - the institutions' template, `data/template.csv` and `data/template.xlsx`, from the column
//!   lists below and the vocabularies of `data/taxonomy.json`;
//! - `tests/cli/formats/xlsx/catalog.xlsx`, the XLSX twin of the hand-written CSV format
//!   fixture in `tests/cli/formats/csv-utf8/`, with real date and number cells.
//!
//! Run it after changing a column, the taxonomy or the fixture. The output is the same on every
//! run (each workbook carries a fixed creation date), and a unit test checks that the committed
//! files are exactly what it writes. That `seeds build` reads the templates without a problem is
//! a CLI test (crates/cli/tests/formats.rs).

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Note,
    Workbook, Worksheet,
};
use seed_core::Taxonomy;

/// The template as CSV.
const TEMPLATE_CSV: &str = "data/template.csv";
/// The template as an Excel workbook.
const TEMPLATE_XLSX: &str = "data/template.xlsx";
/// The taxonomy whose vocabularies the workbook lists.
const TAXONOMY: &str = "data/taxonomy.json";
/// The CSV format fixture the XLSX twin is written from.
const FIXTURE_CSV_DIR: &str = "tests/cli/formats/csv-utf8";
/// The XLSX twin of the format fixture.
const FIXTURE_XLSX: &str = "tests/cli/formats/xlsx/catalog.xlsx";
/// The creation date stored in every workbook (year, month, day): fixed, so that writing the
/// same content gives the same bytes.
const CREATED: (u16, u8, u8) = (2025, 4, 1);

/// Writes every generated file.
pub fn run(root: &Path) -> Result<()> {
    for (path, bytes) in generate(root)? {
        std::fs::write(root.join(path), bytes).with_context(|| format!("writing {path}"))?;
        println!("wrote {path}");
    }
    Ok(())
}

/// Every generated file: its path under the root and its bytes.
pub fn generate(root: &Path) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let text = std::fs::read_to_string(root.join(TAXONOMY)).context(TAXONOMY)?;
    let taxonomy: Taxonomy = serde_json::from_str(&text).context(TAXONOMY)?;
    Ok(vec![
        (TEMPLATE_CSV, template_csv()?),
        (TEMPLATE_XLSX, template_xlsx(&taxonomy)?),
        (FIXTURE_XLSX, fixture_xlsx(&root.join(FIXTURE_CSV_DIR))?),
    ])
}

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

/// The vocabularies the seeds sheet offers as drop-down lists (the short, single-value ones).
const DROP_DOWN_FIELDS: &[&str] = &["stage", "ip_status"];
/// Columns given a wide cell for their long text.
const WIDE_FIELDS: &[&str] = &["summary_ja", "summary_en", "advantages_ja", "advantages_en"];

/// The lines of the workbook's README sheet.
const README_LINES: &[&str] = &[
    "研究シーズ登録用テンプレート / Research seed template",
    "「シーズ (seeds)」シートに1行1シーズで記入してください。2行目は記入例です（上書きしてください）。",
    "Fill in one seed per row on the シーズ (seeds) sheet. Row 2 is an example: overwrite it.",
    "水色の列は必須です。Blue columns are required.",
    "分野・開発段階・知財状況・連携形態は「語彙 (vocabularies)」シートのIDまたは日本語名で記入します。",
    "Fields, stage, IP status and collaboration take an id or label from the vocabularies sheet.",
    "複数の値は ; ； 、 または改行で区切ります。Separate several values with ; or a line break.",
    "日付は 2025-04-01、2025/4/1、2025年4月1日、または日付セルで記入します。",
    "詳しくは docs/sending-seeds.md を参照してください。See docs/sending-seeds.md.",
];

/// A heading as the template writes it: `日本語 (field)`.
fn heading(c: &Column) -> String {
    format!("{} ({})", c.ja, c.field)
}

/// The seeds sheet as CSV: UTF-8 with a byte-order mark so Excel opens it as UTF-8, and CRLF
/// line ends as Excel writes them.
fn template_csv() -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(SEED_COLUMNS.iter().map(heading))?;
    w.write_record(SEED_COLUMNS.iter().map(|c| c.example))?;
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(w.into_inner()?);
    Ok(out)
}

/// A new workbook with the fixed creation date.
fn workbook() -> Result<Workbook> {
    let (y, m, d) = CREATED;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );
    Ok(wb)
}

/// The template workbook: seeds, institutions, vocabularies and a README sheet.
fn template_xlsx(taxonomy: &Taxonomy) -> Result<Vec<u8>> {
    let mut wb = workbook()?;
    write_template_sheet(wb.add_worksheet(), "シーズ (seeds)", SEED_COLUMNS, taxonomy)?;
    write_template_sheet(wb.add_worksheet(), "機関 (institutions)", INSTITUTION_COLUMNS, taxonomy)?;
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
    for (r, line) in README_LINES.iter().enumerate() {
        readme.write_string(r as u32, 0, *line)?;
    }
    readme.set_column_width(0, 110)?;
    Ok(wb.save_to_buffer()?)
}

/// One sheet of the template: headings coloured by whether they are required, a note on each,
/// the example row (TRL as a number, the date as a date cell) and drop-down lists.
fn write_template_sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Result<()> {
    ws.set_name(name)?;
    let required =
        Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xBDD7EE));
    let optional =
        Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xF2F2F2));
    let example = Format::new().set_text_wrap().set_font_color(Color::RGB(0x595959));
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        let format = if col.required { &required } else { &optional };
        ws.write_string_with_format(0, c, heading(col), format)?;
        ws.insert_note(0, c, &Note::new(col.note).add_author_prefix(false).set_width(320))?;
        match col.field {
            "trl" => {
                ws.write_number_with_format(1, c, col.example.parse::<f64>()?, &example)?;
            }
            "updated" => {
                let (y, m, d) = ascii_date(col.example).context("the example date")?;
                let format = example.clone().set_num_format("yyyy-mm-dd");
                ws.write_datetime_with_format(1, c, ExcelDateTime::from_ymd(y, m, d)?, &format)?;
            }
            _ => {
                ws.write_string_with_format(1, c, col.example, &example)?;
            }
        }
        let wide = WIDE_FIELDS.contains(&col.field);
        ws.set_column_width(c, if wide { 48.0 } else { 20.0 })?;
        if let Some(vocab) =
            taxonomy.vocabulary(col.field).filter(|_| DROP_DOWN_FIELDS.contains(&col.field))
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

/// The CSV fixture as a workbook: sheets `機関` and `シーズ` one row down under a title line (as
/// many real sheets are), ASCII dates as date cells, short digit strings as numbers, and a
/// `説明` sheet the builder must skip.
fn fixture_xlsx(csv_dir: &Path) -> Result<Vec<u8>> {
    let mut wb = workbook()?;
    for (sheet, file) in [("機関", "institutions.csv"), ("シーズ", "seeds.csv")] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        let path = csv_dir.join(file);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .with_context(|| path.display().to_string())?;
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        let date_format = Format::new().set_num_format("yyyy/m/d");
        let date_col = rows.first().and_then(|h| h.iter().position(|h| h == "更新日"));
        ws.write_string(0, 0, "研究シーズ一覧（テスト）")?;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match ascii_date(cell).filter(|_| Some(c as usize) == date_col) {
                    Some((y, m, d)) => {
                        let date = ExcelDateTime::from_ymd(y, m, d)?;
                        ws.write_datetime_with_format(r, c, date, &date_format)?;
                    }
                    None if !cell.is_empty()
                        && cell.len() < 6
                        && cell.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        ws.write_number(r, c, cell.parse::<f64>()?)?;
                    }
                    None if !cell.is_empty() => {
                        ws.write_string(r, c, cell)?;
                    }
                    None => {}
                }
            }
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("説明")?;
    notes.write_string(0, 0, "このシートは読み込まれない。This sheet is not read.")?;
    Ok(wb.save_to_buffer()?)
}

/// A date written in ASCII digits as `2025-04-01` or `2025/4/1`: (year, month, day).
fn ascii_date(cell: &str) -> Option<(u16, u8, u8)> {
    let mut parts = cell.split(['-', '/']);
    let mut next =
        || parts.next().filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let date = (next()?.parse().ok()?, next()?.parse().ok()?, next()?.parse().ok()?);
    parts.next().is_none().then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_templates_and_fixture_are_what_the_generator_writes() {
        let root = crate::setup::root();
        for (path, generated) in generate(&root).unwrap() {
            let committed = std::fs::read(root.join(path)).unwrap();
            assert!(
                committed == generated,
                "{path} differs from what `cargo xtask template` writes: run it and commit the result"
            );
        }
    }

    #[test]
    fn ascii_dates_are_read_and_anything_else_is_not() {
        assert_eq!(ascii_date("2025-04-01"), Some((2025, 4, 1)));
        assert_eq!(ascii_date("2025/6/1"), Some((2025, 6, 1)));
        assert_eq!(ascii_date("令和6年11月20日"), None);
        assert_eq!(ascii_date("45383"), None);
        assert_eq!(ascii_date("2025/6/1/2"), None);
        assert_eq!(ascii_date("2025//1"), None);
    }
}
