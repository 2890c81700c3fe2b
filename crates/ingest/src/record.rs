//! Source records before validation: a map from field name to text or list, whatever format
//! the institution sent. JSON objects, CSV rows and spreadsheet rows all become a
//! [`RawRecord`], so one validator serves every input format.

use std::collections::BTreeMap;

use serde_json::Value;

/// One cell's content: a single text or an explicit list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// A single text; for list fields it is split on `;`, `；`, `、` and line breaks.
    Text(String),
    /// An explicit list (a JSON array).
    List(Vec<String>),
}

/// A record as read, keyed by canonical field name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRecord {
    /// Field name → value. Names are canonical (see [`canonical_field`]).
    pub fields: BTreeMap<String, RawValue>,
}

/// Japanese (and alternative English) column headings accepted for each canonical field.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "ID",
            "シーズID",
            "シーズ番号",
            "番号",
            "管理番号",
            "研究課題番号",
            "課題番号",
            "研究課題/領域番号",
        ],
    ),
    ("institution", &["機関", "機関ID", "大学", "所属機関", "機関コード", "研究機関"]),
    (
        "title_ja",
        &[
            "タイトル",
            "シーズ名",
            "題目",
            "名称",
            "研究テーマ",
            "シーズタイトル",
            "技術名称",
            "研究課題名",
            "課題名",
        ],
    ),
    ("title_en", &["タイトル(英)", "タイトル(英語)", "英語タイトル", "英文タイトル", "title"]),
    ("summary_ja", &["概要", "シーズ概要", "要約", "研究概要", "技術概要", "研究内容"]),
    ("summary_en", &["概要(英)", "概要(英語)", "英語概要", "英文概要", "summary"]),
    ("researchers", &["研究者", "研究者名", "氏名", "研究代表者", "発明者"]),
    ("department_ja", &["所属", "部局", "所属部局", "学部・研究科"]),
    ("department_en", &["所属(英)", "所属(英語)", "英語所属", "department"]),
    ("advantages_ja", &["優位性", "従来技術に対する優位性", "特長", "新規性・優位性"]),
    ("advantages_en", &["優位性(英)", "優位性(英語)", "英語優位性", "advantages"]),
    ("applications_ja", &["想定用途", "用途", "応用", "想定される用途"]),
    ("applications_en", &["想定用途(英)", "想定用途(英語)", "英語想定用途", "applications"]),
    ("fields", &["分野", "技術分野", "研究分野"]),
    ("stage", &["開発段階", "ステージ", "段階", "開発ステージ", "フェーズ"]),
    ("ip_status", &["知財", "知財状況", "特許状況", "知的財産", "出願状況"]),
    ("patents", &["特許", "特許番号", "出願番号", "関連特許"]),
    ("collaboration", &["連携形態", "希望する連携", "連携", "希望する連携形態"]),
    ("keywords_ja", &["キーワード"]),
    ("keywords_en", &["キーワード(英)", "キーワード(英語)", "英語キーワード", "keywords"]),
    ("contact_email", &["連絡先", "メール", "連絡先メール", "メールアドレス", "email", "e-mail"]),
    ("contact_url", &["連絡先URL", "問い合わせURL", "問い合わせ先URL", "問合せURL"]),
    ("links", &["リンク", "関連URL", "関連リンク", "参考URL"]),
    ("trl", &["TRL", "技術成熟度"]),
    ("booth", &["小間番号", "ブース", "ブース番号"]),
    ("events", &["イベント", "出展", "出展イベント"]),
    ("image", &["画像", "画像URL"]),
    ("updated", &["更新日", "最終更新日", "更新日付"]),
    ("name_ja", &["機関名", "名称(日)", "機関名(日本語)"]),
    ("name_en", &["機関名(英)", "機関名(英語)", "英語名", "英語機関名"]),
    ("region", &["地域", "都道府県", "所在地"]),
    ("url", &["ウェブサイト", "ホームページ"]),
];

/// Fields whose cells hold lists. A sheet may spread one over several numbered columns
/// (`キーワード1`, `キーワード2`, ...); their cells are joined.
pub const LIST_FIELDS: &[&str] = &[
    "researchers",
    "fields",
    "patents",
    "collaboration",
    "keywords_ja",
    "keywords_en",
    "links",
    "events",
];

/// The canonical field name for a column heading: the heading itself when it is canonical,
/// or the field a Japanese alias stands for. Headings are compared after trimming and
/// NFKC width folding, ignoring case, spaces and required-marks (`*`, `※`, `【必須】`), so
/// `ＴＲＬ` and ` TRL ` both mean `trl`. A combined heading such as `タイトル (title_ja)` or
/// `開発段階（stage）` is read by the part in parentheses, else the part before them, and a
/// numbered list column such as `キーワード2` by its name without the number.
pub fn canonical_field(heading: &str) -> Option<&'static str> {
    if let Some((field, _)) = ALIASES.iter().find(|(field, _)| *field == heading) {
        return Some(field);
    }
    let h = fold_heading(heading);
    if let Some(f) = lookup(&h) {
        return Some(f);
    }
    if let Some(open) = h.rfind('(').filter(|_| h.ends_with(')')) {
        let (before, inner) = (&h[..open], &h[open + 1..h.len() - 1]);
        if let Some(f) = lookup(inner) {
            return Some(f);
        }
        if let Some(f) = lookup(before) {
            // `研究課題名 (英文)`: the English field of a Japanese one.
            if ENGLISH_MARKS.contains(&inner) {
                return english_of(f).or(Some(f));
            }
            return Some(f);
        }
        return numbered_list(before);
    }
    numbered_list(&h)
}

/// What a parenthesized part of a heading says when the column is the English version of the
/// column it names: `研究課題名 (英文)`, `概要(英)`, `所属 (English)`.
const ENGLISH_MARKS: &[&str] = &["英", "英語", "英文", "english", "en", "英語表記"];

/// The English field of a Japanese one (`title_ja` → `title_en`), if there is one.
fn english_of(field: &str) -> Option<&'static str> {
    let base = field.strip_suffix("_ja")?;
    ALIASES.iter().map(|(f, _)| *f).find(|f| f.strip_suffix("_en") == Some(base))
}

/// True when two headings are numbered columns of one list (`キーワード1` and `キーワード2`, or
/// `キーワード` and `キーワード2`): they are read as one list. Any other two headings naming
/// one field are an error.
pub fn numbered_siblings(a: &str, b: &str) -> bool {
    let base = |h: &str| {
        let folded = fold_heading(h);
        folded
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches(['_', '-', '.', '#'])
            .to_string()
    };
    let (fa, fb) = (fold_heading(a), fold_heading(b));
    let numbered = |f: &str| f.ends_with(|c: char| c.is_ascii_digit());
    (numbered(&fa) || numbered(&fb)) && base(a) == base(b)
}

fn lookup(folded: &str) -> Option<&'static str> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for (field, _) in ALIASES {
            t.insert(field.to_string(), *field);
        }
        for (field, aliases) in ALIASES {
            for a in *aliases {
                t.entry(fold_heading(a)).or_insert(*field);
            }
        }
        t
    });
    table.get(folded).copied()
}

fn numbered_list(folded: &str) -> Option<&'static str> {
    let base = folded.trim_end_matches(|c: char| c.is_ascii_digit());
    if base.len() == folded.len() {
        return None;
    }
    let base = base.trim_end_matches(['_', '-', '.', '#']);
    lookup(base).filter(|f| LIST_FIELDS.contains(f))
}

/// A heading as compared: NFKC, lower case, without spaces and required-marks.
pub fn fold_heading(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut h: String =
        s.nfkc().flat_map(char::to_lowercase).filter(|c| !c.is_whitespace()).collect();
    for mark in ["【必須】", "[必須]", "(必須)", "【任意】", "[任意]", "(任意)", "*", "※"]
    {
        if h.contains(mark) {
            h = h.replace(mark, "");
        }
    }
    h
}

/// How the cells of a list column are split into items. Line breaks inside a cell always
/// separate items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Separator {
    /// `;`, `；`, `、` (and line breaks).
    #[default]
    Default,
    /// This text (and line breaks), instead of the default ones.
    Text(String),
}

/// Separators a sheet may use instead of the default ones, in the order they are tried. A
/// comma is not among them: it occurs inside names and affiliations.
pub const DETECTABLE_SEPARATORS: &[&str] = &[" / ", " ／ ", "|", "｜", "・"];

/// Share of a column's non-blank cells that must contain a separator for it to be taken as
/// the column's list separator (and it must occur in more cells than the default ones).
pub const DETECT_MIN_SHARE: f64 = 0.3;

/// The default separators inside a cell (line breaks count for every separator alike).
const DEFAULT_SEPARATORS: [char; 3] = [';', '；', '、'];

impl Separator {
    /// The items of a cell, trimmed, without empty ones.
    pub fn split(&self, cell: &str) -> Vec<String> {
        match self {
            Separator::Default => split_list(cell),
            Separator::Text(sep) => cell
                .split(sep.as_str())
                .flat_map(|part| part.split(['\n', '\r']))
                .map(trim_cell)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    /// A separator as a person writes it in a mapping sheet: the text itself (` / `, `・`,
    /// `|`), or `newline` / `改行` / `\n` for line breaks only. `None` for a blank cell (the
    /// default separators).
    pub fn parse(written: &str) -> Option<Separator> {
        if written.is_empty() {
            return None;
        }
        let word = trim_cell(written);
        let lower = word.to_lowercase();
        let words = ["newline", "改行", "\\n", "line break", "linebreak"];
        if words.contains(&lower.as_str()) || word.is_empty() && written.contains('\n') {
            return Some(Separator::Text("\n".into()));
        }
        if word.is_empty() {
            return None;
        }
        // A slash keeps the spaces written around it (` / ` leaves `HIV/AIDS` one item); other
        // separators are read without them.
        let slash = word == "/" || word == "／";
        Some(Separator::Text(if slash { written.to_string() } else { word.to_string() }))
    }

    /// How a report or a mapping sheet writes it.
    pub fn label(&self) -> String {
        match self {
            Separator::Default => "; ； 、".into(),
            Separator::Text(s) if s == "\n" => "newline".into(),
            Separator::Text(s) => s.clone(),
        }
    }
}

/// The separator a list column uses when it is not a default one: the first of
/// [`DETECTABLE_SEPARATORS`] found in at least [`DETECT_MIN_SHARE`] of the non-blank `cells`
/// and in more of them than the default separators, with the number of cells it occurs in.
/// `・` is not tried for vocabulary columns, whose labels contain it (`診断・検査`).
pub fn detect_separator<'a>(
    field: &str,
    cells: impl IntoIterator<Item = &'a str>,
) -> Option<(Separator, usize)> {
    let cells: Vec<&str> = cells.into_iter().filter(|c| !trim_cell(c).is_empty()).collect();
    if cells.is_empty() {
        return None;
    }
    let count = |p: &dyn Fn(&str) -> bool| cells.iter().filter(|c| p(c)).count();
    let default = count(&|c| c.contains(DEFAULT_SEPARATORS));
    let needed = ((cells.len() as f64) * DETECT_MIN_SHARE).ceil() as usize;
    let vocabulary = ["fields", "collaboration"].contains(&field);
    DETECTABLE_SEPARATORS
        .iter()
        .filter(|s| !(vocabulary && **s == "・"))
        .map(|s| (*s, count(&|c| c.contains(s))))
        .filter(|(_, n)| *n >= needed.max(1) && *n > default)
        .max_by_key(|(_, n)| *n)
        .map(|(s, n)| (Separator::Text(s.to_string()), n))
}

/// Splits a list cell on `;`, `；`, `、` and line breaks, trimming each item and dropping
/// empty ones.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', '；', '、', '\n', '\r'])
        .map(trim_cell)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Trims ASCII and full-width (U+3000) spaces.
pub fn trim_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

impl RawRecord {
    /// Converts a JSON object. Strings stay text, numbers and booleans become text, arrays
    /// become lists, `null` means absent. Keys are mapped through [`canonical_field`]; unknown
    /// keys are kept as they are so the validator can warn about them.
    pub fn from_json(object: &serde_json::Map<String, Value>) -> RawRecord {
        let mut fields = BTreeMap::new();
        for (key, value) in object {
            let name = canonical_field(key).map_or_else(|| key.clone(), str::to_string);
            let raw = match value {
                Value::Null => continue,
                Value::Array(items) => RawValue::List(items.iter().filter_map(scalar).collect()),
                other => RawValue::Text(scalar(other).unwrap_or_else(|| other.to_string())),
            };
            fields.insert(name, raw);
        }
        RawRecord { fields }
    }

    /// The trimmed text of a field, `None` when absent or blank.
    pub fn text(&self, field: &str) -> Option<String> {
        let t = match self.fields.get(field)? {
            RawValue::Text(t) => trim_cell(t).to_string(),
            RawValue::List(items) => items.join("; "),
        };
        (!t.is_empty()).then_some(t)
    }

    /// The items of a list field; a text cell is split with [`split_list`].
    pub fn list(&self, field: &str) -> Vec<String> {
        match self.fields.get(field) {
            None => Vec::new(),
            Some(RawValue::Text(t)) => split_list(t),
            Some(RawValue::List(items)) => items
                .iter()
                .map(|s| trim_cell(s))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_headings_map_to_canonical_fields() {
        for (heading, field) in [
            ("タイトル", "title_ja"),
            ("概要", "summary_ja"),
            ("機関", "institution"),
            ("分野", "fields"),
            ("開発段階", "stage"),
            ("キーワード", "keywords_ja"),
            ("更新日", "updated"),
            (" ＴＲＬ ", "trl"),
            ("title_en", "title_en"),
            ("url", "url"),
            ("links", "links"),
        ] {
            assert_eq!(canonical_field(heading), Some(field), "{heading}");
        }
        assert_eq!(canonical_field("備考"), None);
    }

    #[test]
    fn combined_and_marked_headings_are_read() {
        for (heading, field) in [
            ("タイトル (title_ja)", "title_ja"),
            ("開発段階（stage）", "stage"),
            ("英語タイトル (title_en)", "title_en"),
            ("所属(英) (department_en)", "department_en"),
            ("タイトル(英)", "title_en"),
            ("タイトル (題目)", "title_ja"),
            ("タイトル (something else)", "title_ja"),
            ("※タイトル【必須】", "title_ja"),
            ("シーズID*", "id"),
            ("キーワード2", "keywords_ja"),
            ("keywords_en_3", "keywords_en"),
            ("Title_JA", "title_ja"),
        ] {
            assert_eq!(canonical_field(heading), Some(field), "{heading}");
        }
        assert_eq!(canonical_field("タイトル2"), None, "numbered columns only for list fields");
        assert_eq!(canonical_field("(備考)"), None);
        assert_eq!(canonical_field(""), None);
    }

    #[test]
    fn a_heading_marked_english_names_the_english_field() {
        for (heading, field) in [
            ("研究課題名 (英文)", "title_en"),
            ("研究課題名", "title_ja"),
            ("研究概要（英文）", "summary_en"),
            ("キーワード (English)", "keywords_en"),
            ("研究課題/領域番号", "id"),
            ("研究機関", "institution"),
            ("研究内容", "summary_ja"),
        ] {
            assert_eq!(canonical_field(heading), Some(field), "{heading}");
        }
        assert_eq!(
            canonical_field("研究分野(KAKEN)"),
            Some("fields"),
            "reported, and an error beside 分野"
        );
    }

    #[test]
    fn numbered_columns_of_one_list_are_siblings() {
        assert!(numbered_siblings("キーワード1", "キーワード2"));
        assert!(numbered_siblings("キーワード", "キーワード 2"));
        assert!(!numbered_siblings("分野", "研究分野(KAKEN)"));
        assert!(!numbered_siblings("研究者", "発明者"));
    }

    #[test]
    fn a_separator_is_detected_only_where_most_cells_use_it() {
        let kaken = ["がん / 免疫", "AI / MRI / 画像", "診断"];
        assert_eq!(
            detect_separator("keywords_ja", kaken),
            Some((Separator::Text(" / ".into()), 2))
        );
        assert_eq!(
            detect_separator("researchers", ["山田・鈴木", "佐藤・田中"]),
            Some((Separator::Text("・".into()), 2))
        );
        assert_eq!(detect_separator("fields", ["診断・検査", "医薬品"]), None, "labels contain ・");
        assert_eq!(
            detect_separator("keywords_ja", ["a; b / c", "d; e"]),
            None,
            "the default ones win"
        );
        assert_eq!(detect_separator("keywords_ja", ["HIV/AIDS", "a"]), None);
        let rare = ["a / b", "c", "d", "e"];
        assert_eq!(
            detect_separator("keywords_ja", rare),
            None,
            "one cell in four is under the share"
        );
    }

    #[test]
    fn a_separator_splits_on_itself_and_line_breaks_only() {
        let sep = Separator::Text(" / ".into());
        assert_eq!(sep.split("がん / HIV/AIDS、免疫\n診断 / "), ["がん", "HIV/AIDS、免疫", "診断"]);
        assert_eq!(Separator::parse(" / "), Some(sep));
        assert_eq!(Separator::parse("・"), Some(Separator::Text("・".into())));
        assert_eq!(Separator::parse("改行"), Some(Separator::Text("\n".into())));
        assert_eq!(Separator::parse(""), None);
    }

    #[test]
    fn list_cells_split_on_every_separator() {
        assert_eq!(split_list("a; b；c、d\ne\r\n f "), ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(split_list(" ;、 "), Vec::<String>::new());
    }

    #[test]
    fn full_width_spaces_are_trimmed() {
        assert_eq!(trim_cell("\u{3000}がん\u{3000} "), "がん");
    }

    #[test]
    fn json_values_become_text_or_lists() {
        let v: Value = serde_json::json!({"trl": 3, "fields": ["drug", " dds "], "title_en": null, "タイトル": "題"});
        let r = RawRecord::from_json(v.as_object().unwrap());
        assert_eq!(r.text("trl").as_deref(), Some("3"));
        assert_eq!(r.list("fields"), ["drug", "dds"]);
        assert_eq!(r.text("title_en"), None);
        assert_eq!(r.text("title_ja").as_deref(), Some("題"));
    }
}
