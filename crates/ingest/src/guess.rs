//! The guesses of `seeds map`: which field each column of a sheet fills, judged from its
//! heading and from its values (dates, URLs, e-mail addresses, prefectures, vocabulary terms,
//! unique short codes, long text, list separators), each with the reason, written as a
//! mapping sheet ([`mapping`](crate::mapping)) for a person to check.
//!
//! The guesses are deliberately more generous than the build, which reads only headings it
//! knows: a guess is a suggestion a person sees and can change, never applied silently. Two
//! columns that would fill one field are resolved here — the better one keeps the field, the
//! other is left out with the reason — so the mapping sheet `seeds map` writes always reads.

use std::collections::{BTreeMap, HashSet};

use seed_core::links::{is_email, is_web_url};
use seed_core::taxonomy::Taxonomy;

use crate::mapping::MapRow;
use crate::prefecture;
use crate::record::{
    canonical_field, detect_separator, fold_heading, numbered_siblings, trim_cell, Separator,
    LIST_FIELDS,
};
use crate::validate::{
    closest, excel_serial_date, parse_date, term_id, SEED_EXPECTED, SEED_REQUIRED,
};

/// Share of a column's values that must look alike (dates, URLs, prefectures, ...) for the
/// values to say what the column is.
pub const VALUE_SHARE: f64 = 0.8;
/// Share of a vocabulary column's values that must be in the vocabulary for the column to be
/// mapped to it; below it the column is left out rather than every row rejected.
pub const VOCABULARY_SHARE: f64 = 0.5;
/// Mean length (characters) from which text in a column of unknown heading reads as a summary.
pub const SUMMARY_MIN_MEAN_CHARS: usize = 100;
/// Longest value of a column read as an id.
pub const ID_MAX_CHARS: usize = 40;
/// A column of whole numbers with at most this many digits reads as row numbers, not ids.
pub const ROW_NUMBER_DIGITS: usize = 4;
/// Most `from`/`to` rows written per column for values outside its vocabulary.
pub const MAX_VALUE_ROWS: usize = 12;

/// Parts of headings that hint at a field, tried in order after the exact headings the builder
/// knows. The heading is compared folded (NFKC, lower case, no spaces).
const HEADING_HINTS: &[(&str, &[&str])] = &[
    ("title_ja", &["タイトル", "課題名", "テーマ", "題目", "名称", "title"]),
    ("summary_ja", &["概要", "内容", "要旨", "説明", "abstract", "summary", "description"]),
    ("keywords_ja", &["キーワード", "keyword"]),
    (
        "researchers",
        &["研究者", "代表者", "分担者", "氏名", "教員", "発明者", "researcher", "investigator"],
    ),
    ("institution", &["機関", "大学", "institution", "university"]),
    ("department_ja", &["所属", "部局", "学部", "研究科", "department"]),
    ("advantages_ja", &["優位", "特長", "特徴", "advantage"]),
    ("applications_ja", &["用途", "応用", "application"]),
    ("fields", &["分野", "区分", "field"]),
    ("stage", &["段階", "ステージ", "stage", "phase"]),
    ("ip_status", &["知財", "特許状況", "出願状況"]),
    ("patents", &["特許", "patent"]),
    ("collaboration", &["連携"]),
    ("contact_email", &["メール", "mail"]),
    ("contact_url", &["問い合わせ", "問合せ", "contact"]),
    ("image", &["画像", "image", "写真"]),
    ("links", &["url", "リンク", "ホームページ", "link"]),
    ("updated", &["更新", "日付", "date", "updated"]),
    ("region", &["都道府県", "所在地", "prefecture"]),
    ("trl", &["trl"]),
    ("events", &["イベント", "展示会"]),
    ("booth", &["小間", "ブース", "booth"]),
    ("id", &["番号", "コード", "id"]),
];

/// Marks of an English column in a heading that is not one the builder knows.
const ENGLISH_HINTS: &[&str] = &["英", "english"];

/// Fields whose values are not text to read: numbers there are expected.
const NUMERIC_FIELDS: &[&str] = &["id", "trl", "booth", "updated", "patents"];

/// One sheet to guess from: where it is, its headings and its rows below them.
#[derive(Debug)]
pub struct SheetSample<'a> {
    /// The headings, as written.
    pub headings: &'a [String],
    /// The rows below the headings.
    pub rows: Vec<&'a [String]>,
}

/// A mapping sheet row and why `seeds map` wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// The row.
    pub row: MapRow,
    /// Why, for a person.
    pub reason: String,
}

/// How sure a guess is: exact headings beat hints, hints beat values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Values,
    Hint,
    Heading,
}

#[derive(Debug)]
struct Column {
    heading: String,
    values: Vec<String>,
    field: Option<&'static str>,
    strength: Strength,
    reason: String,
    separator: Option<Separator>,
    value_rows: Vec<Guess>,
}

/// The rows of a mapping sheet for `sheets` (one per distinct heading, in order of first
/// appearance, then value mappings, then a row for every field a seed needs or should have
/// that no column fills), each with the reason.
pub fn guess(sheets: &[SheetSample], taxonomy: &Taxonomy) -> Vec<Guess> {
    let mut order: Vec<String> = Vec::new();
    let mut by_heading: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for sheet in sheets {
        for (j, h) in sheet.headings.iter().enumerate() {
            let h = trim_cell(h);
            if h.is_empty() {
                continue;
            }
            let key = fold_heading(h);
            let entry = by_heading.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                (h.to_string(), Vec::new())
            });
            entry.1.extend(
                sheet
                    .rows
                    .iter()
                    .filter_map(|r| r.get(j))
                    .map(|c| trim_cell(c))
                    .filter(|c| !c.is_empty())
                    .map(|c| c.replace("\r\n", "\n")),
            );
        }
    }
    let rows = sheets.iter().map(|s| s.rows.len()).sum::<usize>();
    let mut columns: Vec<Column> = order
        .iter()
        .map(|k| {
            let (heading, values) = by_heading.remove(k).expect("every heading was collected");
            judge(heading, values, rows, taxonomy)
        })
        .collect();
    resolve_conflicts(&mut columns);
    let mut out = Vec::new();
    for c in &columns {
        let separator = c.separator.as_ref().map(Separator::label).unwrap_or_default();
        let separator = if separator == "newline" { "newline".into() } else { separator };
        out.push(Guess {
            row: MapRow {
                heading: c.heading.clone(),
                field: c.field.unwrap_or_default().to_string(),
                separator,
                ..MapRow::default()
            },
            reason: c.reason.clone(),
        });
    }
    for c in columns.iter().filter(|c| c.field.is_some()) {
        out.extend(c.value_rows.iter().cloned());
    }
    let filled: HashSet<&str> = columns.iter().filter_map(|c| c.field).collect();
    for field in SEED_REQUIRED.iter().chain(SEED_EXPECTED) {
        if filled.contains(field) {
            continue;
        }
        let reason = match *field {
            "id" => "no column: ids are derived from the title and institution; name a column of unique codes (a grant number) in `heading` to use it instead",
            "institution" => "no column: write your institution's id or name in `constant` (or name the column in `heading`)",
            "title_ja" => "no column: name the column holding the Japanese title in `heading`; without one every row is rejected",
            "summary_ja" => "no column: seeds are published without a summary (name a column in `heading`)",
            "updated" => "no column: seeds are published without an update date (name a column, or write a date in `constant`)",
            _ => "no column: shown as 未設定 / not given (name a column, or write one value for all rows in `constant`)",
        };
        out.push(Guess {
            row: MapRow { field: (*field).to_string(), ..MapRow::default() },
            reason: reason.to_string(),
        });
    }
    out
}

/// What one column looks like it holds.
fn judge(heading: String, values: Vec<String>, rows: usize, taxonomy: &Taxonomy) -> Column {
    let mut column = Column {
        heading,
        values,
        field: None,
        strength: Strength::Values,
        reason: String::new(),
        separator: None,
        value_rows: Vec::new(),
    };
    if column.values.is_empty() {
        column.reason = "every cell is blank: left out".into();
        return column;
    }
    let by_heading = canonical_field(&column.heading)
        .map(|f| (f, Strength::Heading, format!("the heading is one the builder reads as {f}")))
        .or_else(|| {
            hint(&column.heading)
                .map(|(f, part)| (f, Strength::Hint, format!("the heading contains 「{part}」")))
        });
    let by_values = values_say(&column, rows, taxonomy);
    match (by_heading, by_values) {
        (Some((field, strength, why)), values) => match refute(field, &column, taxonomy) {
            None => {
                column.field = Some(field);
                column.strength = strength;
                column.reason = why;
            }
            Some(against) => match values {
                Some((vf, vwhy)) if vf != field => {
                    column.field = Some(vf);
                    column.reason = format!("{why}, but {against}; {vwhy}");
                }
                _ => column.reason = format!("{why}, but {against}: left out"),
            },
        },
        (None, Some((field, why))) => {
            column.field = Some(field);
            column.reason = why;
        }
        (None, None) => {
            column.reason =
                "not a heading the builder knows, and its values do not say: left out".into();
        }
    }
    if let Some(field) = column.field {
        if LIST_FIELDS.contains(&field) {
            if let Some((sep, n)) =
                detect_separator(field, column.values.iter().map(String::as_str))
            {
                let shown = sep.label();
                column.reason.push_str(&format!(
                    "; {shown:?} separates the values in {n} of {} rows",
                    column.values.len()
                ));
                column.separator = Some(sep);
            }
        }
        column.value_rows = value_rows(&column, field, taxonomy);
    }
    column
}

/// The field a heading hints at and the part that hints.
fn hint(heading: &str) -> Option<(&'static str, &'static str)> {
    let h = fold_heading(heading);
    let english = ENGLISH_HINTS.iter().any(|m| h.contains(m));
    HEADING_HINTS.iter().find_map(|(field, parts)| {
        let part = parts.iter().find(|p| h.contains(*p))?;
        let field = if english { english_field(field).unwrap_or(field) } else { field };
        Some((field, *part))
    })
}

fn english_field(field: &str) -> Option<&'static str> {
    let base = field.strip_suffix("_ja")?;
    ["title_en", "summary_en", "department_en", "advantages_en", "applications_en", "keywords_en"]
        .into_iter()
        .find(|f| f.strip_suffix("_en") == Some(base))
}

/// The share of `values` for which `p` holds.
fn share(values: &[String], p: impl Fn(&str) -> bool) -> f64 {
    values.iter().filter(|v| p(v)).count() as f64 / values.len().max(1) as f64
}

/// A date, and only one: a period (`2022-04-01 – 2025-03-31`) is not an update date.
fn is_date(v: &str) -> bool {
    let period = v.contains(['–', '—', '~', '〜', '～']) || v.contains(" - ");
    !period && parse_date(v).or_else(|| excel_serial_date(v)).is_some()
}

fn is_number(v: &str) -> bool {
    v.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
}

/// The vocabulary of a facet field, if the taxonomy has one.
fn vocabulary<'t>(taxonomy: &'t Taxonomy, field: &str) -> Option<&'t seed_core::Vocabulary> {
    ["fields", "stage", "ip_status", "collaboration", "region"]
        .contains(&field)
        .then(|| taxonomy.vocabulary(field))
        .flatten()
}

/// The items of a column's cells, split as the build would.
fn items(field: &str, values: &[String]) -> Vec<String> {
    let sep = if LIST_FIELDS.contains(&field) {
        detect_separator(field, values.iter().map(String::as_str))
            .map(|(s, _)| s)
            .unwrap_or_default()
    } else {
        Separator::Text("\n".into())
    };
    values.iter().flat_map(|v| sep.split(v)).collect()
}

/// Why the values contradict a field the heading suggests, if they do.
fn refute(field: &str, column: &Column, taxonomy: &Taxonomy) -> Option<String> {
    let values = &column.values;
    if let Some(vocab) = vocabulary(taxonomy, field) {
        let items = items(field, values);
        let distinct: HashSet<&str> = items.iter().map(String::as_str).collect();
        let known = distinct.iter().filter(|v| term_id(vocab, v).is_some()).count();
        if (known as f64) < VOCABULARY_SHARE * distinct.len() as f64 {
            return Some(format!(
                "only {known} of its {} distinct values are in the {field} vocabulary (to use it, give it the field and map its values with from/to rows)",
                distinct.len()
            ));
        }
        return None;
    }
    let mostly = |p: fn(&str) -> bool| share(values, p) >= VOCABULARY_SHARE;
    match field {
        "updated" if !mostly(is_date) => Some("its values are not dates".into()),
        "contact_email" if !mostly(|v| is_email(v.trim_start_matches("mailto:"))) => {
            Some("its values are not e-mail addresses".into())
        }
        "contact_url" | "image" | "links" if !mostly(|v| v.contains("http")) => {
            Some("its values are not web addresses".into())
        }
        "id" => {
            let distinct: HashSet<&String> = values.iter().collect();
            (distinct.len() < values.len())
                .then(|| "its values repeat, so they cannot be ids".into())
        }
        f if !NUMERIC_FIELDS.contains(&f) && share(values, is_number) >= VALUE_SHARE => {
            Some("its values are numbers".into())
        }
        _ => None,
    }
}

/// The field the values alone suggest, and why.
fn values_say(column: &Column, rows: usize, taxonomy: &Taxonomy) -> Option<(&'static str, String)> {
    let values = &column.values;
    let pct = |s: f64| format!("{:.0}%", s * 100.0);
    // Bare numbers say nothing by themselves: `13` is a prefecture code or a row number,
    // `45383` an Excel date or a code. Under a heading that says so, they are read.
    let digits = |v: &str| v.chars().all(|c| c.is_ascii_digit());
    let checks: [(&'static str, &str, f64); 4] = [
        ("updated", "dates", share(values, |v| !digits(v) && is_date(v))),
        (
            "contact_email",
            "e-mail addresses",
            share(values, |v| is_email(v.trim_start_matches("mailto:"))),
        ),
        ("links", "web addresses", share(values, |v| v.split_whitespace().all(is_web_url))),
        ("region", "prefectures", share(values, |v| !digits(v) && prefecture::parse(v).is_some())),
    ];
    for (field, what, s) in checks {
        if s >= VALUE_SHARE {
            return Some((field, format!("{} of its values are {what}", pct(s))));
        }
    }
    for field in ["stage", "fields", "ip_status", "collaboration"] {
        let Some(vocab) = taxonomy.vocabulary(field) else { continue };
        let items = items(field, values);
        let s = share(&items, |v| term_id(vocab, v).is_some());
        if s >= VALUE_SHARE {
            return Some((
                vocab_field(field),
                format!("{} of its values are in the {field} vocabulary", pct(s)),
            ));
        }
    }
    let distinct: HashSet<&String> = values.iter().collect();
    let id_like = |v: &str| {
        v.chars().count() <= ID_MAX_CHARS
            && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    // Row numbers (1, 2, 3, ...) change between editions of a sheet: not ids.
    let row_number =
        |v: &str| v.len() <= ROW_NUMBER_DIGITS && v.chars().all(|c| c.is_ascii_digit());
    if values.len() == rows
        && distinct.len() == values.len()
        && values.iter().all(|v| id_like(v))
        && !values.iter().all(|v| row_number(v))
    {
        return Some(("id", "every row has a short code of its own".into()));
    }
    let mean = values.iter().map(|v| v.chars().count()).sum::<usize>() / values.len().max(1);
    if mean >= SUMMARY_MIN_MEAN_CHARS {
        return Some(("summary_ja", format!("long text (on average {mean} characters)")));
    }
    None
}

fn vocab_field(field: &str) -> &'static str {
    match field {
        "stage" => "stage",
        "fields" => "fields",
        "ip_status" => "ip_status",
        _ => "collaboration",
    }
}

/// `from`/`to` rows for a vocabulary column's values outside the vocabulary, with the
/// closest term (by id or either label) as the guess, or empty when none is close.
fn value_rows(column: &Column, field: &str, taxonomy: &Taxonomy) -> Vec<Guess> {
    let Some(vocab) = vocabulary(taxonomy, field) else { return Vec::new() };
    let mut seen = HashSet::new();
    items(field, &column.values)
        .into_iter()
        .filter(|v| term_id(vocab, v).is_none() && seen.insert(v.clone()))
        .take(MAX_VALUE_ROWS)
        .map(|v| {
            let near = closest(&v, vocab);
            let reason = match near {
                Some(t) => format!("{v:?} is not in the {field} vocabulary; the closest term is {} ({} / {})", t.id, t.ja, t.en),
                None => format!("{v:?} is not in the {field} vocabulary and no term is close: write one in `to`"),
            };
            Guess {
                row: MapRow {
                    heading: column.heading.clone(),
                    from: v,
                    to: near.map(|t| t.id.clone()).unwrap_or_default(),
                    ..MapRow::default()
                },
                reason,
            }
        })
        .collect()
}

/// One column per field: the strongest guess keeps it (then the one with more values, then the
/// first); numbered columns of one list share it.
fn resolve_conflicts(columns: &mut [Column]) {
    for i in 0..columns.len() {
        let Some(field) = columns[i].field else { continue };
        let rivals: Vec<usize> = (0..columns.len())
            .filter(|&j| j != i && columns[j].field == Some(field))
            .filter(|&j| {
                !(LIST_FIELDS.contains(&field)
                    && numbered_siblings(&columns[i].heading, &columns[j].heading))
            })
            .collect();
        let beats =
            |a: &Column, b: &Column| (a.strength, a.values.len()) > (b.strength, b.values.len());
        let loses = rivals.iter().any(|&j| {
            beats(&columns[j], &columns[i]) || (!beats(&columns[i], &columns[j]) && j < i)
        });
        if loses {
            let winner = rivals
                .iter()
                .copied()
                .find(|&j| beats(&columns[j], &columns[i]) || j < i)
                .map(|j| columns[j].heading.clone())
                .unwrap_or_default();
            let c = &mut columns[i];
            c.reason = format!(
                "also looks like {field} ({}), but {winner:?} was chosen: left out",
                c.reason
            );
            c.field = None;
            c.separator = None;
            c.value_rows.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::default_taxonomy;

    fn sample(headings: &[&str], rows: &[&[&str]]) -> Vec<Guess> {
        let headings: Vec<String> = headings.iter().map(|h| h.to_string()).collect();
        let rows: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let sheet =
            SheetSample { headings: &headings, rows: rows.iter().map(Vec::as_slice).collect() };
        guess(&[sheet], &default_taxonomy().unwrap())
    }

    fn field_of<'a>(guesses: &'a [Guess], heading: &str) -> &'a str {
        &guesses
            .iter()
            .find(|g| g.row.heading == heading && g.row.from.is_empty())
            .unwrap()
            .row
            .field
    }

    #[test]
    fn a_kaken_export_is_read_from_its_headings_and_values() {
        let g = sample(
            &[
                "研究課題/領域番号",
                "研究課題名",
                "研究課題名 (英文)",
                "研究代表者",
                "研究分担者",
                "キーワード",
                "研究分野",
                "研究概要",
                "研究成果の概要",
                "研究機関",
                "研究期間 (年度)",
            ],
            &[
                &[
                    "22K12759",
                    "がん診断の研究",
                    "Cancer diagnosis",
                    "北海 太郎  北海道大学, 医学研究院, 教授 (10000001)",
                    "",
                    "がん / 診断 / AI",
                    "医用システム",
                    "概要です。\n二行目。",
                    "",
                    "北海道大学",
                    "2022-04-01 – 2025-03-31",
                ],
                &[
                    "22K12760",
                    "創薬の研究",
                    "Drug discovery",
                    "札幌 花子  北海道大学, 薬学研究院, 准教授 (10000002)",
                    "旭川 一郎",
                    "創薬 / 化合物",
                    "生体医工学",
                    "別の概要。",
                    "成果。",
                    "北海道大学",
                    "2022-04-01 – 2024-03-31",
                ],
            ],
        );
        assert_eq!(field_of(&g, "研究課題/領域番号"), "id");
        assert_eq!(field_of(&g, "研究課題名"), "title_ja");
        assert_eq!(field_of(&g, "研究課題名 (英文)"), "title_en");
        assert_eq!(field_of(&g, "研究代表者"), "researchers");
        assert_eq!(
            field_of(&g, "研究分担者"),
            "",
            "a second researchers column is left out, not merged"
        );
        assert_eq!(field_of(&g, "キーワード"), "keywords_ja");
        let kw = g.iter().find(|x| x.row.heading == "キーワード").unwrap();
        assert_eq!(kw.row.separator, " / ");
        assert!(kw.reason.contains("\" / \" separates the values in 2 of 2 rows"), "{}", kw.reason);
        let field = g.iter().find(|x| x.row.heading == "研究分野").unwrap();
        assert_eq!(field.row.field, "", "KAKEN categories are not in the fields vocabulary");
        assert!(
            field.reason.contains("only 0 of its 2 distinct values are in the fields vocabulary"),
            "{}",
            field.reason
        );
        assert_eq!(field_of(&g, "研究概要"), "summary_ja");
        assert_eq!(field_of(&g, "研究成果の概要"), "");
        assert_eq!(field_of(&g, "研究機関"), "institution");
        assert_eq!(field_of(&g, "研究期間 (年度)"), "");
        let missing: Vec<&str> =
            g.iter().filter(|x| x.row.heading.is_empty()).map(|x| x.row.field.as_str()).collect();
        assert_eq!(missing, ["fields", "stage", "updated"]);
    }

    #[test]
    fn values_say_what_an_unknown_column_holds() {
        let g = sample(
            &["col1", "col2", "col3", "col4", "col5", "col6"],
            &[
                &[
                    "2024/4/1",
                    "a@example.jp",
                    "https://example.jp/1",
                    "01(北海道)",
                    "基礎研究",
                    "x1",
                ],
                &[
                    "令和6年5月1日",
                    "mailto:b@example.jp",
                    "https://example.jp/2",
                    "Tokyo",
                    "非臨床",
                    "x2",
                ],
            ],
        );
        assert_eq!(
            ["col1", "col2", "col3", "col4", "col5", "col6"].map(|h| field_of(&g, h)),
            ["updated", "contact_email", "links", "region", "stage", "id"]
        );
        assert!(g[0].reason.starts_with("100% of its values are dates"), "{}", g[0].reason);
    }

    #[test]
    fn row_numbers_are_not_taken_for_ids() {
        let g =
            sample(&["No.", "管理コード"], &[&["1", "A-001"], &["2", "A-002"], &["3", "A-003"]]);
        assert_eq!(field_of(&g, "No."), "");
        assert_eq!(field_of(&g, "管理コード"), "id");
    }

    #[test]
    fn values_outside_a_vocabulary_get_from_to_rows_with_the_closest_term() {
        let g = sample(&["開発段階"], &[&["基礎研究"], &["非臨"], &["臨床試験"]]);
        let rows: Vec<(&str, &str)> = g
            .iter()
            .filter(|x| !x.row.from.is_empty())
            .map(|x| (x.row.from.as_str(), x.row.to.as_str()))
            .collect();
        assert_eq!(rows, [("非臨", "preclinical")]);
    }

    #[test]
    fn a_missing_title_and_institution_get_rows_saying_what_to_write() {
        let g = sample(&["シーズID", "概要"], &[&["a1", "text"]]);
        let missing: Vec<&Guess> = g.iter().filter(|x| x.row.heading.is_empty()).collect();
        let fields: Vec<&str> = missing.iter().map(|x| x.row.field.as_str()).collect();
        assert_eq!(fields, ["institution", "title_ja", "fields", "stage", "updated"]);
        assert!(missing[0].reason.contains("`constant`"));
    }
}
