//! Every UI string in Japanese and English, in one place. Components ask [`Lang::t`] for the
//! table of the current language; a missing translation is a compile error, not a blank.
//! Strings with numbers or names in them are functions, so word order can differ per language.

use seed_core::Sort;

use crate::state::View;

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
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
    // Shell
    pub site_title: &'static str,
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub dismiss: &'static str,
    // Browse
    pub browse_heading: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub seeds_in_catalogue: fn(usize) -> String,
    pub result_count: fn(usize, usize) -> String,
    pub sort_label: &'static str,
    pub filters_heading: &'static str,
    pub filters_toggle: fn(usize) -> String,
    pub show_all_values: fn(usize) -> String,
    pub show_fewer_values: &'static str,
    pub active_filters: &'static str,
    pub remove_filter: fn(&str) -> String,
    pub clear_all: &'static str,
    pub relaxed_notice: &'static str,
    pub no_results_for: fn(&str) -> String,
    pub no_results_filters: &'static str,
    pub no_results_hint: &'static str,
    pub try_instead: &'static str,
    pub suggest_remove: fn(&str, usize) -> String,
    pub suggest_query: fn(&str, usize) -> String,
    pub suggest_clear_filters: fn(usize) -> String,
    pub start_over: &'static str,
    pub show_more: fn(usize) -> String,
    pub featured: &'static str,
    pub results_label: &'static str,
    // Cards and the seed page
    pub japanese_only: &'static str,
    pub shortlist_add: &'static str,
    pub shortlist_saved: &'static str,
    pub back_to: fn(View) -> &'static str,
    pub summary: &'static str,
    pub advantages: &'static str,
    pub applications: &'static str,
    pub researchers: &'static str,
    pub department: &'static str,
    pub stage: &'static str,
    /// The facet value of a seed that has none (no stage, no field, no region): 未設定.
    pub not_given: &'static str,
    pub trl: &'static str,
    pub trl_value: fn(u8) -> String,
    pub fields: &'static str,
    pub ip_status: &'static str,
    pub patents: &'static str,
    pub collaboration: &'static str,
    pub keywords: &'static str,
    pub contact: &'static str,
    pub contact_email: &'static str,
    pub contact_page: &'static str,
    pub links: &'static str,
    pub updated: &'static str,
    pub institution: &'static str,
    pub region: &'static str,
    pub booth: &'static str,
    pub seed_not_found: &'static str,
    pub print: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub qr_seed: &'static str,
    pub qr_label: &'static str,
    pub related: &'static str,
    pub key_facts: &'static str,
    pub people_and_contact: &'static str,
    // Shortlist
    pub shortlist_heading: &'static str,
    pub shared_heading: &'static str,
    pub shortlist_empty: &'static str,
    pub shortlist_empty_hint: &'static str,
    pub shortlist_count: fn(usize) -> String,
    pub print_all: &'static str,
    pub clear_shortlist: &'static str,
    pub qr_shortlist: &'static str,
    pub shared_intro: fn(usize) -> String,
    pub save_shared: &'static str,
    pub saved_shared: fn(usize) -> String,
    pub show_my_list: &'static str,
    pub missing_seeds: fn(usize) -> String,
    pub remove: &'static str,
    pub storage_reset: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_full: &'static str,
    // Needs
    pub needs_heading: &'static str,
    pub needs_label: &'static str,
    pub needs_hint: &'static str,
    pub needs_example_button: &'static str,
    pub needs_example: &'static str,
    pub needs_results: fn(usize) -> String,
    pub needs_none: &'static str,
    pub needs_start: &'static str,
    pub matched_terms: &'static str,
    // Overview
    pub overview_heading: &'static str,
    pub overview_intro: fn(usize, usize) -> String,
    pub overview_hint: &'static str,
    pub chart_fields: &'static str,
    pub chart_stage: &'static str,
    pub chart_institution: &'static str,
    // Kiosk mode (the countdown and attract screen show both languages at once)
    pub kiosk_still_there: &'static str,
    pub kiosk_countdown: fn(u32) -> String,
    pub kiosk_continue: &'static str,
    pub kiosk_touch_to_explore: &'static str,
    pub kiosk_open_seed: &'static str,
    pub kiosk_scan_title: &'static str,
    pub kiosk_scan_hint: &'static str,
    pub kiosk_close: &'static str,
    pub kiosk_pin_title: &'static str,
    pub kiosk_pin_entered: fn(usize) -> String,
    pub kiosk_pin_wrong: &'static str,
    pub kiosk_pin_ok: &'static str,
    pub kiosk_pin_delete: &'static str,
    pub kiosk_pin_cancel: &'static str,
}

impl Strings {
    /// The name of a view in the navigation.
    pub fn view_name(&self, view: View) -> &'static str {
        let ja = std::ptr::eq(self, &JA);
        match (view, ja) {
            (View::Browse, true) => "探す",
            (View::Browse, false) => "Search",
            (View::Overview, true) => "全体像",
            (View::Overview, false) => "Overview",
            (View::Needs, true) => "ニーズで探す",
            (View::Needs, false) => "Match needs",
            (View::Shortlist, true) => "保存リスト",
            (View::Shortlist, false) => "Shortlist",
        }
    }

    /// The name of a sort order in the sort menu.
    pub fn sort_name(&self, sort: Sort) -> &'static str {
        let ja = std::ptr::eq(self, &JA);
        match (sort, ja) {
            (Sort::Relevance, true) => "関連度順",
            (Sort::Relevance, false) => "Relevance",
            (Sort::Newest, true) => "更新日の新しい順",
            (Sort::Newest, false) => "Newest",
            (Sort::Title, true) => "タイトル順",
            (Sort::Title, false) => "Title",
            (Sort::Institution, true) => "機関順",
            (Sort::Institution, false) => "Institution",
        }
    }
}

const JA: Strings = Strings {
    site_title: "研究シーズ・エクスプローラー",
    switch_to: "English",
    switch_to_label: "Switch to English",
    skip_to_content: "本文へ移動",
    nav_label: "メインメニュー",
    dismiss: "閉じる",
    browse_heading: "研究シーズを探す",
    search_label: "シーズを検索",
    search_placeholder: "キーワード・技術・疾患名で検索（例: がん、カテーテル、AI）",
    seeds_in_catalogue: |n| format!("{n} 件のシーズを掲載"),
    result_count: |n, total| format!("{n} 件 / 全 {total} 件"),
    sort_label: "並び順",
    filters_heading: "絞り込み",
    filters_toggle: |n| if n == 0 { "絞り込み".into() } else { format!("絞り込み（{n}）") },
    show_all_values: |n| format!("すべて表示（{n}）"),
    show_fewer_values: "表示を減らす",
    active_filters: "選択中の条件",
    remove_filter: |label| format!("条件「{label}」を解除"),
    clear_all: "すべて解除",
    relaxed_notice: "すべての語を含むシーズがないため、いずれかの語を含むシーズを表示しています。",
    no_results_for: |q| format!("「{q}」に一致するシーズはありません"),
    no_results_filters: "この条件に一致するシーズはありません",
    no_results_hint: "キーワードを減らすか、別の言い方で検索してみてください。",
    try_instead: "次の条件なら見つかります:",
    suggest_remove: |label, n| format!("「{label}」を外す（{n} 件）"),
    suggest_query: |q, n| format!("「{q}」で検索（{n} 件）"),
    suggest_clear_filters: |n| format!("絞り込みをすべて解除（{n} 件）"),
    start_over: "最初から探す",
    show_more: |n| format!("さらに表示（残り {n} 件）"),
    featured: "注目のシーズ",
    results_label: "検索結果",
    japanese_only: "日本語のみ",
    shortlist_add: "保存",
    shortlist_saved: "保存済み",
    back_to: |v| match v {
        View::Browse => "← 検索結果に戻る",
        View::Shortlist => "← 保存リストに戻る",
        View::Needs => "← ニーズ検索に戻る",
        View::Overview => "← 全体像に戻る",
    },
    summary: "概要",
    advantages: "従来技術に対する優位性",
    applications: "想定用途",
    researchers: "研究者",
    department: "所属",
    stage: "開発段階",
    not_given: "未設定",
    trl: "技術成熟度（TRL）",
    trl_value: |n| format!("TRL {n} / 9"),
    fields: "分野",
    ip_status: "知財",
    patents: "特許・出願番号",
    collaboration: "連携形態",
    keywords: "キーワード",
    contact: "お問い合わせ",
    contact_email: "メール",
    contact_page: "問い合わせ窓口",
    links: "関連リンク",
    updated: "更新日",
    institution: "機関",
    region: "地域",
    booth: "小間番号",
    seed_not_found: "このシーズは見つかりませんでした。",
    print: "印刷",
    copy_link: "リンクをコピー",
    link_copied: "リンクをコピーしました",
    qr_seed: "スマートフォンで読み取ると、このシーズのページが開きます。",
    qr_label: "このページへのリンクの QR コード",
    related: "関連するシーズ",
    key_facts: "基本情報",
    people_and_contact: "研究者・お問い合わせ",
    shortlist_heading: "保存リスト",
    shared_heading: "共有された保存リスト",
    shortlist_empty: "まだ保存したシーズはありません。",
    shortlist_empty_hint: "シーズのカードや詳細ページの「保存」ボタンで、ここに集められます。",
    shortlist_count: |n| format!("{n} 件のシーズ"),
    print_all: "すべて印刷",
    clear_shortlist: "リストを空にする",
    qr_shortlist: "スマートフォンで読み取ると、このリストが開きます。",
    shared_intro: |n| format!("共有リンクの {n} 件のシーズを表示しています。"),
    save_shared: "自分の保存リストに追加",
    saved_shared: |n| format!("{n} 件を保存リストに追加しました。"),
    show_my_list: "自分の保存リストを見る",
    missing_seeds: |n| format!("{n} 件のシーズは現在のカタログにありません。"),
    remove: "削除",
    storage_reset: "保存リストのデータを読み込めなかったため、リストを空にしました。",
    storage_unavailable: "このブラウザでは保存リストを保存できません。ページを閉じると消えます。",
    storage_full: "ブラウザの保存領域がいっぱいのため、保存リストを保存できませんでした。このページを開いている間は使えますが、閉じると消えます。",
    needs_heading: "ニーズからシーズを探す",
    needs_label: "貴社のニーズ・解決したい課題",
    needs_hint: "求める技術や解決したい課題を文章で入力（貼り付け）してください。関連の深いシーズを順に並べ、一致した語を示します。",
    needs_example_button: "例文を入れる",
    needs_example: "当社は在宅医療向けの機器を開発しており、高齢者の転倒や心不全の悪化を早期に検知できるセンサーやAI解析技術を探しています。非侵襲で、ウェアラブル端末に組み込めるものが望ましいです。",
    needs_results: |n| format!("{n} 件のシーズが一致しました"),
    needs_none: "一致するシーズは見つかりませんでした。別の言葉や、より一般的な表現を試してください。",
    needs_start: "ニーズを入力すると、一致するシーズがここに表示されます。",
    matched_terms: "一致した語",
    overview_heading: "シーズの全体像",
    overview_intro: |n, m| format!("{m} 機関の {n} 件のシーズ"),
    overview_hint: "棒を選ぶと、そのシーズの一覧を表示します。",
    chart_fields: "分野別のシーズ数",
    chart_stage: "開発段階別のシーズ数",
    chart_institution: "機関別のシーズ数",
    kiosk_still_there: "まだご覧になりますか？",
    kiosk_countdown: |n| format!("あと {n} 秒で最初の画面に戻ります。画面にタッチすると続けられます。"),
    kiosk_continue: "続ける",
    kiosk_touch_to_explore: "画面にタッチして研究シーズを探す",
    kiosk_open_seed: "このシーズを見る",
    kiosk_scan_title: "スマートフォンで読み取ってください",
    kiosk_scan_hint: "この端末からは外部のページを開けません。QR コードを読み取ると、お手持ちのスマートフォンで開けます。",
    kiosk_close: "閉じる",
    kiosk_pin_title: "スタッフ用: 暗証番号を入力",
    kiosk_pin_entered: |n| format!("{n} 桁入力済み"),
    kiosk_pin_wrong: "暗証番号が違います",
    kiosk_pin_ok: "解除",
    kiosk_pin_delete: "1 桁消す",
    kiosk_pin_cancel: "キャンセル",
};

const EN: Strings = Strings {
    site_title: "Research Seed Explorer",
    switch_to: "日本語",
    switch_to_label: "日本語に切り替える",
    skip_to_content: "Skip to content",
    nav_label: "Main",
    dismiss: "Dismiss",
    browse_heading: "Find research seeds",
    search_label: "Search seeds",
    search_placeholder: "Search by keyword, technology or disease (e.g. cancer, catheter, AI)",
    seeds_in_catalogue: |n| format!("{n} seeds in the catalogue"),
    result_count: |n, total| format!("{n} of {total} seeds"),
    sort_label: "Sort by",
    filters_heading: "Filters",
    filters_toggle: |n| if n == 0 { "Filters".into() } else { format!("Filters ({n})") },
    show_all_values: |n| format!("Show all {n}"),
    show_fewer_values: "Show fewer",
    active_filters: "Active filters",
    remove_filter: |label| format!("Remove filter {label}"),
    clear_all: "Clear all",
    relaxed_notice: "No seed contains all of your words, so seeds containing any of them are shown.",
    no_results_for: |q| format!("No seeds match “{q}”"),
    no_results_filters: "No seeds match these filters",
    no_results_hint: "Try fewer words or a different term.",
    try_instead: "These would find seeds:",
    suggest_remove: |label, n| format!("Remove “{label}” ({n})"),
    suggest_query: |q, n| format!("Search for “{q}” ({n})"),
    suggest_clear_filters: |n| format!("Clear all filters ({n})"),
    start_over: "Start over",
    show_more: |n| format!("Show more ({n} left)"),
    featured: "Featured seeds",
    results_label: "Results",
    japanese_only: "Japanese only",
    shortlist_add: "Save",
    shortlist_saved: "Saved",
    back_to: |v| match v {
        View::Browse => "← Back to results",
        View::Shortlist => "← Back to shortlist",
        View::Needs => "← Back to needs matching",
        View::Overview => "← Back to overview",
    },
    summary: "Summary",
    advantages: "Advantages over current technology",
    applications: "Intended applications",
    researchers: "Researchers",
    department: "Department",
    stage: "Stage",
    not_given: "Not given",
    trl: "Technology readiness (TRL)",
    trl_value: |n| format!("TRL {n} of 9"),
    fields: "Fields",
    ip_status: "IP status",
    patents: "Patents and applications",
    collaboration: "Collaboration",
    keywords: "Keywords",
    contact: "Contact",
    contact_email: "E-mail",
    contact_page: "Contact page",
    links: "Links",
    updated: "Updated",
    institution: "Institution",
    region: "Region",
    booth: "Booth",
    seed_not_found: "This seed could not be found.",
    print: "Print",
    copy_link: "Copy link",
    link_copied: "Link copied",
    qr_seed: "Scan with a phone to open this seed.",
    qr_label: "QR code of the link to this page",
    related: "Related seeds",
    key_facts: "Key facts",
    people_and_contact: "Researchers and contact",
    shortlist_heading: "Shortlist",
    shared_heading: "Shared shortlist",
    shortlist_empty: "You have not saved any seeds yet.",
    shortlist_empty_hint: "Use the “Save” button on a seed card or seed page to collect seeds here.",
    shortlist_count: |n| if n == 1 { "1 seed".into() } else { format!("{n} seeds") },
    print_all: "Print all",
    clear_shortlist: "Clear shortlist",
    qr_shortlist: "Scan with a phone to open this list.",
    shared_intro: |n| format!("Showing {n} seeds from a shared link."),
    save_shared: "Add to my shortlist",
    saved_shared: |n| format!("Added {n} seeds to your shortlist."),
    show_my_list: "Show my shortlist",
    missing_seeds: |n| format!("{n} seeds are no longer in this catalogue."),
    remove: "Remove",
    storage_reset: "Your saved shortlist could not be read, so it has been reset.",
    storage_unavailable: "This browser cannot store the shortlist; it will be lost when the page is closed.",
    storage_full: "The browser's storage is full, so the shortlist could not be saved. It works while this page is open but will be lost when the page is closed.",
    needs_heading: "Match your needs",
    needs_label: "Your company's needs or problem to solve",
    needs_hint: "Type or paste the technology you are looking for or the problem you want to solve. The most relevant seeds are listed first, with the terms that matched.",
    needs_example_button: "Try an example",
    needs_example: "We develop devices for home care and are looking for sensors or AI analysis that detect falls or worsening heart failure in elderly patients early. Non-invasive technology that fits into a wearable device is preferred.",
    needs_results: |n| if n == 1 { "1 matching seed".into() } else { format!("{n} matching seeds") },
    needs_none: "No seeds matched. Try other words or a more general description.",
    needs_start: "Matching seeds appear here once you describe your needs.",
    matched_terms: "Matched terms",
    overview_heading: "Catalogue overview",
    overview_intro: |n, m| format!("{n} seeds from {m} institutions"),
    overview_hint: "Choose a bar to list those seeds.",
    chart_fields: "Seeds per field",
    chart_stage: "Seeds per stage",
    chart_institution: "Seeds per institution",
    kiosk_still_there: "Still there?",
    kiosk_countdown: |n| {
        format!("Returning to the start screen in {n} s. Touch the screen to continue.")
    },
    kiosk_continue: "Continue",
    kiosk_touch_to_explore: "Touch to explore research seeds",
    kiosk_open_seed: "View this seed",
    kiosk_scan_title: "Scan with your phone",
    kiosk_scan_hint: "Links cannot be opened on this kiosk. Scan the QR code to open this one on your phone.",
    kiosk_close: "Close",
    kiosk_pin_title: "Staff: enter the PIN",
    kiosk_pin_entered: |n| if n == 1 { "1 digit entered".into() } else { format!("{n} digits entered") },
    kiosk_pin_wrong: "Wrong PIN",
    kiosk_pin_ok: "Unlock",
    kiosk_pin_delete: "Delete a digit",
    kiosk_pin_cancel: "Cancel",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_every_view_and_sort_differently() {
        for v in View::ALL {
            assert_ne!(Lang::Ja.t().view_name(v), Lang::En.t().view_name(v));
            assert_ne!((Lang::Ja.t().back_to)(v), (Lang::En.t().back_to)(v));
        }
        for s in Sort::ALL {
            assert_ne!(Lang::Ja.t().sort_name(s), Lang::En.t().sort_name(s));
        }
    }

    #[test]
    fn numbers_appear_in_counted_strings() {
        for l in [Lang::Ja, Lang::En] {
            let t = l.t();
            assert!(
                (t.result_count)(12, 149).contains("12")
                    && (t.result_count)(12, 149).contains("149")
            );
            assert!((t.show_more)(7).contains('7'));
            assert!((t.suggest_remove)("X", 3).contains('X'));
        }
    }
}
