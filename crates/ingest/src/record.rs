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
    ("id", &["ID", "シーズID", "シーズ番号", "番号", "管理番号"]),
    ("institution", &["機関", "機関ID", "大学", "所属機関", "機関コード"]),
    (
        "title_ja",
        &["タイトル", "シーズ名", "題目", "名称", "研究テーマ", "シーズタイトル", "技術名称"],
    ),
    ("title_en", &["タイトル(英)", "タイトル(英語)", "英語タイトル", "英文タイトル", "title"]),
    ("summary_ja", &["概要", "シーズ概要", "要約", "研究概要", "技術概要"]),
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
        if let Some(f) = lookup(inner).or_else(|| lookup(before)) {
            return Some(f);
        }
        return numbered_list(before);
    }
    numbered_list(&h)
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

fn fold_heading(s: &str) -> String {
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
