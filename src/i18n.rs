//! Every UI string in Japanese and English, in one place. Components ask [`Lang::t`] for the
//! table of the current language; a missing translation is a compile error, not a blank.

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// The BCP 47 code, as used in URLs and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Parses `ja` or `en`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// True for English.
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The other language, for the switch button.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The strings of this language.
    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

/// The UI's strings.
pub struct Strings {
    pub site_title: &'static str,
    pub switch_to: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub seeds_in_catalogue: &'static str,
    pub results: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub show_more: &'static str,
    pub back_to_results: &'static str,
    pub summary: &'static str,
    pub advantages: &'static str,
    pub applications: &'static str,
    pub researchers: &'static str,
    pub department: &'static str,
    pub stage: &'static str,
    pub fields: &'static str,
    pub ip_status: &'static str,
    pub patents: &'static str,
    pub collaboration: &'static str,
    pub keywords: &'static str,
    pub contact: &'static str,
    pub updated: &'static str,
    pub institution: &'static str,
    pub booth: &'static str,
    pub japanese_only: &'static str,
    pub seed_not_found: &'static str,
}

const JA: Strings = Strings {
    site_title: "研究シーズ・エクスプローラー",
    switch_to: "English",
    search_label: "シーズを検索",
    search_placeholder: "キーワード・技術・疾患名で検索（例: がん、カテーテル、AI）",
    seeds_in_catalogue: "件のシーズを掲載",
    results: "件",
    no_results: "該当するシーズはありません",
    no_results_hint: "キーワードを減らすか、別の言い方で検索してみてください。",
    show_more: "さらに表示",
    back_to_results: "← 検索結果に戻る",
    summary: "概要",
    advantages: "従来技術に対する優位性",
    applications: "想定用途",
    researchers: "研究者",
    department: "所属",
    stage: "開発段階",
    fields: "分野",
    ip_status: "知財",
    patents: "特許",
    collaboration: "連携形態",
    keywords: "キーワード",
    contact: "お問い合わせ",
    updated: "更新日",
    institution: "機関",
    booth: "小間番号",
    japanese_only: "日本語のみ",
    seed_not_found: "このシーズは見つかりませんでした。",
};

const EN: Strings = Strings {
    site_title: "Research Seed Explorer",
    switch_to: "日本語",
    search_label: "Search seeds",
    search_placeholder: "Search by keyword, technology or disease (e.g. cancer, catheter, AI)",
    seeds_in_catalogue: "seeds in the catalogue",
    results: "results",
    no_results: "No seeds match",
    no_results_hint: "Try fewer words or a different term.",
    show_more: "Show more",
    back_to_results: "← Back to results",
    summary: "Summary",
    advantages: "Advantages over current technology",
    applications: "Intended applications",
    researchers: "Researchers",
    department: "Department",
    stage: "Stage",
    fields: "Fields",
    ip_status: "IP status",
    patents: "Patents",
    collaboration: "Collaboration",
    keywords: "Keywords",
    contact: "Contact",
    updated: "Updated",
    institution: "Institution",
    booth: "Booth",
    japanese_only: "Japanese only",
    seed_not_found: "This seed could not be found.",
};
