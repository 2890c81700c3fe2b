//! Japanese prefectures in every form sheets write them: the name with or without 都/府/県
//! (`東京都`, `東京`), the JIS X 0401 code (`13`, `01`), the ministries' combined form
//! `01(北海道)` (also with full-width parentheses), and romaji with or without macrons and a
//! suffix (`Hokkaido`, `Hokkaidō`, `Tokyo-to`, `Osaka Prefecture`). Each reads as the region id
//! the default taxonomy uses (`hokkaido`, `tokyo`, ...).

use unicode_normalization::UnicodeNormalization;

/// The 47 prefectures in JIS X 0401 order (the code is the position + 1): region id and
/// Japanese name.
pub const PREFECTURES: [(&str, &str); 47] = [
    ("hokkaido", "北海道"),
    ("aomori", "青森県"),
    ("iwate", "岩手県"),
    ("miyagi", "宮城県"),
    ("akita", "秋田県"),
    ("yamagata", "山形県"),
    ("fukushima", "福島県"),
    ("ibaraki", "茨城県"),
    ("tochigi", "栃木県"),
    ("gunma", "群馬県"),
    ("saitama", "埼玉県"),
    ("chiba", "千葉県"),
    ("tokyo", "東京都"),
    ("kanagawa", "神奈川県"),
    ("niigata", "新潟県"),
    ("toyama", "富山県"),
    ("ishikawa", "石川県"),
    ("fukui", "福井県"),
    ("yamanashi", "山梨県"),
    ("nagano", "長野県"),
    ("gifu", "岐阜県"),
    ("shizuoka", "静岡県"),
    ("aichi", "愛知県"),
    ("mie", "三重県"),
    ("shiga", "滋賀県"),
    ("kyoto", "京都府"),
    ("osaka", "大阪府"),
    ("hyogo", "兵庫県"),
    ("nara", "奈良県"),
    ("wakayama", "和歌山県"),
    ("tottori", "鳥取県"),
    ("shimane", "島根県"),
    ("okayama", "岡山県"),
    ("hiroshima", "広島県"),
    ("yamaguchi", "山口県"),
    ("tokushima", "徳島県"),
    ("kagawa", "香川県"),
    ("ehime", "愛媛県"),
    ("kochi", "高知県"),
    ("fukuoka", "福岡県"),
    ("saga", "佐賀県"),
    ("nagasaki", "長崎県"),
    ("kumamoto", "熊本県"),
    ("oita", "大分県"),
    ("miyazaki", "宮崎県"),
    ("kagoshima", "鹿児島県"),
    ("okinawa", "沖縄県"),
];

/// The region id of a prefecture written in any of the accepted forms, `None` when the value
/// is none of them (or its code and name disagree, as in `01(青森県)`).
pub fn parse(value: &str) -> Option<&'static str> {
    let v: String = value.nfkc().collect::<String>().trim().to_string();
    if v.is_empty() {
        return None;
    }
    // `01(北海道)`, `01 北海道`, `01:北海道`: a code followed by a name, which must agree.
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let by_code = by_code(&digits)?;
        let rest = v[digits.len()..]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ':' | '-' | '.'));
        return match rest {
            "" => Some(by_code),
            name => (by_name(name)? == by_code).then_some(by_code),
        };
    }
    by_name(&v).or_else(|| by_romaji(&v))
}

fn by_code(digits: &str) -> Option<&'static str> {
    // A local-government code (`130001`, `13101`) starts with the prefecture's code too, but a
    // longer number is more likely something else: only one or two digits are read.
    if digits.len() > 2 {
        return None;
    }
    let n: usize = digits.parse().ok()?;
    (1..=47).contains(&n).then(|| PREFECTURES[n - 1].0)
}

fn by_name(name: &str) -> Option<&'static str> {
    PREFECTURES
        .iter()
        .find(|(_, ja)| {
            *ja == name || ja.strip_suffix(['都', '府', '県']).is_some_and(|s| s == name)
        })
        .map(|(id, _)| *id)
}

/// Romaji: case, macrons (ō, ū), a long `ou`/`uu` spelling and a suffix (`-ken`, `-fu`, `-to`,
/// ` prefecture`, ` metropolis`) do not matter.
fn by_romaji(value: &str) -> Option<&'static str> {
    let plain: String = value
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '-')
        .collect();
    let mut name = plain.trim();
    for suffix in [" prefecture", " metropolis", "-ken", "-fu", "-to", " ken", " fu", " to"] {
        if let Some(s) = name.strip_suffix(suffix) {
            name = s.trim();
            break;
        }
    }
    let name = name.replace("ou", "o").replace("uu", "u");
    PREFECTURES.iter().find(|(id, _)| *id == name).map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_prefecture_reads_as_its_id() {
        for (written, id) in [
            ("北海道", "hokkaido"),
            ("東京都", "tokyo"),
            ("東京", "tokyo"),
            ("京都府", "kyoto"),
            ("京都", "kyoto"),
            ("01", "hokkaido"),
            ("1", "hokkaido"),
            ("４７", "okinawa"),
            ("01(北海道)", "hokkaido"),
            ("13（東京都）", "tokyo"),
            ("26 京都府", "kyoto"),
            ("40:福岡県", "fukuoka"),
            ("Hokkaido", "hokkaido"),
            ("Hokkaidō", "hokkaido"),
            ("HOKKAIDOU", "hokkaido"),
            ("Tokyo-to", "tokyo"),
            ("Osaka Prefecture", "osaka"),
            ("Kōchi-ken", "kochi"),
            ("Hyōgo", "hyogo"),
            ("Ōita", "oita"),
        ] {
            assert_eq!(parse(written), Some(id), "{written}");
        }
    }

    #[test]
    fn a_code_and_name_that_disagree_or_a_non_prefecture_read_as_nothing() {
        for written in ["01(青森県)", "48", "00", "130001", "京", "Atlantis", "", "東京市"] {
            assert_eq!(parse(written), None, "{written}");
        }
    }

    #[test]
    fn the_table_is_in_jis_order() {
        assert_eq!(PREFECTURES[12], ("tokyo", "東京都"));
        assert_eq!(PREFECTURES[39], ("fukuoka", "福岡県"));
        assert_eq!(PREFECTURES[46], ("okinawa", "沖縄県"));
    }
}
