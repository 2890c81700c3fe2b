//! An open vocabulary for synthetic seeds: terms composed from morphemes, so that the number
//! of distinct words keeps growing with the size of the catalogue the way it does in real text
//! (Heaps' law), instead of stopping at the size of a few fixed lists.
//!
//! Each family of terms is an endless list ranked from common to rare. A term's text depends
//! only on its family and rank (a fixed hash picks its morphemes), never on the random stream,
//! so rank 0 of a family is the same word in every catalogue; the random stream only decides
//! which ranks a seed uses, with Zipf-like frequencies ([`Zipf`]). Every term comes in Japanese
//! and English, built from parallel morphemes:
//!
//! - coined medical words: Greek/Latin combining forms and an ending, as one English word and
//!   one kanji compound (`osteochondrodysplasia` / 骨軟骨異形成);
//! - drug names: syllables and an INN stem, one English word and one katakana loanword
//!   (`koravimab` / コラビマブ);
//! - gene symbols (`KDM5A`), compound codes (`TK-2841`), company names and people's names.

use crate::rng::{capitalize, Rng};

/// A morpheme or term: (Japanese, English).
pub(crate) type Pair = (&'static str, &'static str);

/// How steeply a family's frequencies fall with rank: the chance, in thousandths, of moving on
/// to the next, twice as long, band of ranks (see [`Rng::zipf`]). 500 gives frequencies falling
/// as 1/rank²; values near 1000 flatten them towards 1/rank and make more distinct terms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Zipf(pub u32);

/// General technical nouns: the bulk of a text's vocabulary.
pub(crate) const GENERAL: Zipf = Zipf(960);
/// Coined medical words: few very common, a long tail.
pub(crate) const COINED: Zipf = Zipf(900);
/// Drug and compound names: most are mentioned by a single seed.
pub(crate) const DRUGS: Zipf = Zipf(900);
/// Gene and protein symbols.
pub(crate) const GENES: Zipf = Zipf(880);
/// Company names.
pub(crate) const COMPANIES: Zipf = Zipf(820);
/// Family and given names beyond the common ones.
pub(crate) const NAMES: Zipf = Zipf(800);

/// Kanji of general technical nouns; a noun is two of them.
const KANJI: &str = "生体内外化学物理分子細胞組織器官血液循環呼吸消神経運動感覚視聴代謝酵素蛋白質脂肪糖核酸遺伝\
    転写翻訳修飾結合受容達制御調節抑促進活性発現増殖移浸潤接着形成構造機能特評価解析測定検出診断治療予防回復改善\
    維持向上低下加減少変反応刺激答耐安強度精速密濃温圧力電位波長光線音響振磁場流信号画像映情報処計算習推最適設製\
    工抽離培養保存輸送放収透過拡散表面界粒繊薄膜材料装置路端末通記録操作支援介護看臨床査術麻酔投与服薬副全品規格\
    標準試験実証導入普及域社会家庭職校齢児妊婦患族師技歩行姿勢睡眠食事栄養腸内菌叢免疫炎症腫瘍転移浸出血管骨筋肉\
    関節皮膚毛髪歯周口腔眼球網膜聴覚嗅味触痛覚温冷湿乾燥酸化還元触媒重合高低微小巨大単複多層膜孔隙配向結晶非線型\
    固液気相転移熱電磁光量子統計確率模型仮説検証因果関係要素指標尺度基準範囲閾値誤差補正校正感度特異陽陰偽真値";
/// Latin prefixes, roots and suffixes of general English nouns.
const EN_PREFIXES: &[&str] = &[
    "", "", "", "re", "de", "in", "con", "pro", "ex", "sub", "trans", "inter", "pre", "dis", "per",
];
const EN_ROOTS: &[&str] = &[
    "struct", "duct", "port", "form", "miss", "pos", "spect", "tract", "vers", "fer", "ject",
    "press", "pend", "script", "sens", "cept", "mot", "plic", "tens", "cis", "fus", "flu", "grad",
    "gress", "junct", "lat", "loc", "mut", "nect", "pet", "puls", "quis", "rupt", "sect", "sist",
    "solut", "spir", "tent", "tort", "vis", "vol", "clus", "cur", "dict", "fect", "fract", "gen",
    "lig", "log", "man", "min", "nom", "opt", "pans", "ped", "phon", "plas", "sat", "serv", "sign",
    "sim", "sol", "son", "stat", "tact", "temp", "terr", "val", "vent", "vid", "viv", "cell",
    "cod", "mer", "morph", "path", "phys", "therm", "scal", "lumin", "magn", "medi", "migr",
    "nutr", "oxid", "reson", "rot", "sorb", "spher", "strat", "toler", "vect", "volt",
];
const EN_SUFFIXES: &[&str] = &[
    "ion", "ion", "ive", "ance", "ment", "ity", "al", "or", "ure", "ant", "ency", "ism", "ics",
    "ation", "ometry", "ivity", "ability", "ogram", "ate", "ide",
];

/// Greek and Latin combining forms: (kanji, English).
const COMBINING: &[Pair] = &[
    ("神経", "neuro"),
    ("心", "cardio"),
    ("肝", "hepato"),
    ("腎", "nephro"),
    ("骨", "osteo"),
    ("軟骨", "chondro"),
    ("筋", "myo"),
    ("血管", "angio"),
    ("皮膚", "dermato"),
    ("胃", "gastro"),
    ("腸", "entero"),
    ("肺", "pneumo"),
    ("血液", "hemato"),
    ("脂質", "lipo"),
    ("糖", "glyco"),
    ("免疫", "immuno"),
    ("腫瘍", "onco"),
    ("細胞", "cyto"),
    ("遺伝子", "geno"),
    ("蛋白", "proteo"),
    ("光", "photo"),
    ("電気", "electro"),
    ("熱", "thermo"),
    ("微小", "micro"),
    ("化学", "chemo"),
    ("放射線", "radio"),
    ("網膜", "retino"),
    ("耳", "oto"),
    ("鼻", "rhino"),
    ("口腔", "stomato"),
    ("歯", "odonto"),
    ("膵", "pancreato"),
    ("甲状腺", "thyro"),
    ("副腎", "adreno"),
    ("尿路", "uro"),
    ("精神", "psycho"),
    ("リンパ", "lympho"),
    ("骨髄", "myelo"),
    ("気管支", "broncho"),
    ("喉頭", "laryngo"),
    ("大腸", "colo"),
    ("脳", "cerebro"),
    ("脊髄", "spino"),
    ("関節", "arthro"),
    ("腱", "teno"),
    ("角膜", "kerato"),
    ("涙腺", "dacryo"),
    ("唾液腺", "sialo"),
    ("乳腺", "mammo"),
    ("子宮", "hystero"),
    ("膀胱", "cysto"),
    ("胆道", "cholango"),
    ("食道", "esophago"),
    ("血栓", "thrombo"),
    ("線維", "fibro"),
    ("上皮", "epithelio"),
    ("内皮", "endothelio"),
    ("汗腺", "hidro"),
    ("毛髪", "tricho"),
    ("脂肪", "adipo"),
];

/// Endings of coined words: (kanji, English).
const ENDINGS: &[Pair] = &[
    ("炎", "itis"),
    ("症", "pathy"),
    ("腫", "oma"),
    ("形成", "genesis"),
    ("形成術", "plasty"),
    ("内視鏡検査", "scopy"),
    ("造影", "graphy"),
    ("毒性", "toxicity"),
    ("保護", "protection"),
    ("栄養因子", "trophin"),
    ("調節", "regulation"),
    ("計測", "metry"),
    ("溶解", "lysis"),
    ("硬化症", "sclerosis"),
    ("線維症", "fibrosis"),
    ("異形成", "dysplasia"),
    ("変性", "degeneration"),
    ("再生", "regeneration"),
    ("刺激", "stimulation"),
    ("切除術", "ectomy"),
    ("吻合術", "anastomosis"),
    ("結石症", "lithiasis"),
    ("萎縮", "atrophy"),
    ("肥大", "hypertrophy"),
    ("過形成", "hyperplasia"),
    ("軟化症", "malacia"),
    ("痛", "algia"),
    ("移植", "transplantation"),
    ("調節因子", "modulin"),
    ("センサ", "sensor"),
    ("イメージング", "imaging"),
    ("マーカー", "marker"),
    ("転写因子", "transcriptin"),
    ("受容体", "receptor"),
    ("酵素", "zyme"),
    ("毒素", "toxin"),
    ("前駆細胞", "blast"),
    ("低形成", "hypoplasia"),
    ("出血", "rrhagia"),
    ("狭窄", "stenosis"),
];

/// Syllables of coined names: (katakana, romanized).
const SYLLABLES: &[Pair] = &[
    ("ア", "a"),
    ("イ", "i"),
    ("エ", "e"),
    ("オ", "o"),
    ("カ", "ka"),
    ("キ", "ki"),
    ("ク", "ku"),
    ("コ", "ko"),
    ("サ", "sa"),
    ("シ", "si"),
    ("セ", "se"),
    ("ソ", "so"),
    ("タ", "ta"),
    ("テ", "te"),
    ("ト", "to"),
    ("ナ", "na"),
    ("ニ", "ni"),
    ("ノ", "no"),
    ("マ", "ma"),
    ("ミ", "mi"),
    ("モ", "mo"),
    ("ラ", "ra"),
    ("リ", "ri"),
    ("ル", "ru"),
    ("レ", "re"),
    ("ロ", "ro"),
    ("バ", "ba"),
    ("ビ", "bi"),
    ("ベ", "be"),
    ("ボ", "bo"),
    ("ダ", "da"),
    ("デ", "de"),
    ("ド", "do"),
    ("ガ", "ga"),
    ("ギ", "gi"),
    ("ゴ", "go"),
    ("ザ", "za"),
    ("ゾ", "zo"),
    ("パ", "pa"),
    ("ピ", "pi"),
    ("ポ", "po"),
    ("ヴァ", "va"),
    ("ヴィ", "vi"),
    ("フェ", "fe"),
    ("フィ", "fi"),
    ("ティ", "ti"),
    ("トラ", "tra"),
    ("プロ", "pro"),
    ("クロ", "klo"),
    ("ブリ", "bri"),
    ("グラ", "gra"),
    ("ステ", "ste"),
    ("エル", "el"),
    ("アル", "al"),
    ("オル", "ol"),
    ("イン", "in"),
    ("エン", "en"),
    ("アン", "an"),
    ("ラン", "ran"),
    ("リン", "rin"),
    ("ベン", "ben"),
    ("ゼン", "zen"),
    ("モン", "mon"),
    ("ダン", "dan"),
];

/// Stems that end drug names (international nonproprietary names): (katakana, English).
const DRUG_STEMS: &[Pair] = &[
    ("マブ", "mab"),
    ("ズマブ", "zumab"),
    ("ニブ", "nib"),
    ("チド", "tide"),
    ("スタチン", "statin"),
    ("ビル", "vir"),
    ("シリン", "cillin"),
    ("ゾール", "zole"),
    ("プリル", "pril"),
    ("サルタン", "sartan"),
    ("グリプチン", "gliptin"),
    ("パリブ", "parib"),
    ("マイシン", "mycin"),
    ("ジピン", "dipine"),
    ("セトロン", "setron"),
    ("フロキサシン", "floxacin"),
    ("プラゾール", "prazole"),
    ("ロン", "lone"),
    ("セプト", "cept"),
    ("ミド", "mide"),
];

/// Endings of general loanwords: (katakana, English).
const LOAN_ENDINGS: &[Pair] = &[
    ("ション", "tion"),
    ("ター", "ter"),
    ("ング", "ng"),
    ("ル", "l"),
    ("ス", "s"),
    ("ム", "m"),
    ("ド", "de"),
    ("ト", "t"),
    ("クス", "x"),
    ("ティー", "ty"),
];

/// Kinds of company: (Japanese suffix, English suffix).
const COMPANY_KINDS: &[Pair] = &[
    ("製薬", "Pharma"),
    ("化学", "Chemical"),
    ("メディカル", "Medical"),
    ("工業", "Industries"),
    ("バイオ", "Bio"),
    ("テクノロジーズ", "Technologies"),
    ("ヘルスケア", "Healthcare"),
    ("精機", "Precision"),
    ("電子", "Electronics"),
    ("医療器", "Medical Devices"),
];

/// First and second characters of family names.
const FAMILY_FIRST: &[&str] = &[
    "佐", "鈴", "高", "田", "伊", "渡", "山", "中", "小", "加", "吉", "松", "井", "木", "林", "斎",
    "清", "森", "池", "橋", "石", "前", "藤", "岡", "長", "村", "坂", "青", "西", "福", "川", "野",
    "原", "宮", "大", "杉", "平", "今", "桜", "北", "南", "東", "上", "永", "水", "浅", "荒", "岩",
];
const FAMILY_SECOND: &[&str] = &[
    "藤", "木", "橋", "中", "村", "本", "田", "野", "川", "井", "口", "崎", "島", "山", "原", "沢",
    "谷", "岡", "部", "内", "瀬", "浦", "尾", "林", "森", "宮", "浜", "坂", "畑", "塚", "辺", "江",
    "見", "石", "倉", "松",
];
/// First and second characters of given names.
const GIVEN_FIRST: &[&str] = &[
    "健", "浩", "誠", "直", "大", "拓", "翔", "亮", "隆", "修", "陽", "恵", "真", "由", "美", "彩",
    "智", "裕", "麻", "千", "和", "剛", "聡", "悠", "結", "香", "理", "葵", "光", "一", "春", "秋",
];
const GIVEN_SECOND: &[&str] = &[
    "一", "太", "樹", "輔", "也", "子", "美", "恵", "穂", "衣", "尋", "人", "介", "平", "郎", "奈",
    "香", "菜", "彦", "志", "明", "夫",
];

/// Upper-case letters of gene symbols, common ones repeated so they come up more often.
const GENE_LETTERS: &[u8] = b"ABCDEFGHIKLMNPRSTVWXZACDEKLMNPRST";

/// A fixed 64-bit mix of a family and a rank: the same inputs give the same term everywhere.
fn mix(family: u64, rank: u64) -> u64 {
    let mut z =
        rank.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ family.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Takes a choice among `n` from the hash `h`, leaving the rest of it for later choices.
fn take(h: &mut u64, n: usize) -> usize {
    let i = (*h % n as u64) as usize;
    *h /= n as u64;
    i
}

/// A term in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub ja: String,
    pub en: String,
}

/// The general technical noun of rank `rank`: two kanji, and a Latinate English word.
pub(crate) fn general(rank: u64) -> Term {
    let mut h = mix(7, rank);
    let kanji: Vec<char> = KANJI.chars().collect();
    let ja = [kanji[take(&mut h, kanji.len())], kanji[take(&mut h, kanji.len())]].iter().collect();
    let en = [
        EN_PREFIXES[take(&mut h, EN_PREFIXES.len())],
        EN_ROOTS[take(&mut h, EN_ROOTS.len())],
        EN_SUFFIXES[take(&mut h, EN_SUFFIXES.len())],
    ]
    .concat();
    Term { ja, en }
}

/// The loanword of rank `rank`: syllables and an ending, in katakana and romanized.
pub(crate) fn loanword(rank: u64) -> Term {
    let mut h = mix(8, rank);
    let (mut ja, mut en) = syllables(&mut h);
    let (j, e) = LOAN_ENDINGS[take(&mut h, LOAN_ENDINGS.len())];
    ja.push_str(j);
    en.push_str(e);
    Term { ja, en }
}

/// The coined word of rank `rank`: one or two combining forms and an ending.
pub(crate) fn coined(rank: u64) -> Term {
    let mut h = mix(1, rank);
    let forms = 1 + usize::from(take(&mut h, 3) == 0);
    let mut ja = String::new();
    let mut en = String::new();
    for _ in 0..forms {
        let (j, e) = COMBINING[take(&mut h, COMBINING.len())];
        ja.push_str(j);
        en.push_str(e);
    }
    let (j, e) = ENDINGS[take(&mut h, ENDINGS.len())];
    ja.push_str(j);
    // A combining form's linking vowel drops before an ending that starts with a vowel.
    if e.starts_with(['a', 'e', 'i', 'o', 'u']) && en.ends_with('o') {
        en.pop();
    }
    en.push_str(e);
    Term { ja, en }
}

/// Two to four syllables, as katakana and romanized.
fn syllables(h: &mut u64) -> (String, String) {
    let n = 2 + take(h, 3);
    let (mut ja, mut en) = (String::new(), String::new());
    for _ in 0..n {
        let (j, e) = SYLLABLES[take(h, SYLLABLES.len())];
        ja.push_str(j);
        en.push_str(e);
    }
    (ja, en)
}

/// The drug name of rank `rank`.
pub(crate) fn drug(rank: u64) -> Term {
    let mut h = mix(2, rank);
    let (mut ja, mut en) = syllables(&mut h);
    let (j, e) = DRUG_STEMS[take(&mut h, DRUG_STEMS.len())];
    ja.push_str(j);
    en.push_str(e);
    Term { ja, en }
}

/// The gene or protein symbol of rank `rank` (the same in both languages).
pub(crate) fn gene(rank: u64) -> String {
    let mut h = mix(3, rank);
    let letters = 2 + take(&mut h, 3);
    let mut s: String =
        (0..letters).map(|_| char::from(GENE_LETTERS[take(&mut h, GENE_LETTERS.len())])).collect();
    s.push_str(&(1 + take(&mut h, 19)).to_string());
    if take(&mut h, 4) == 0 {
        s.push(char::from(b'A' + take(&mut h, 3) as u8));
    }
    s
}

/// The code of a candidate compound of rank `rank`, e.g. `TK-2841`.
pub(crate) fn compound_code(rank: u64) -> String {
    let mut h = mix(4, rank);
    let a = char::from(b'A' + take(&mut h, 26) as u8);
    let b = char::from(b'A' + take(&mut h, 26) as u8);
    format!("{a}{b}-{}", 100 + take(&mut h, 9900))
}

/// The company of rank `rank`.
pub(crate) fn company(rank: u64) -> Term {
    let mut h = mix(5, rank);
    let (ja, en) = syllables(&mut h);
    let (kj, ke) = COMPANY_KINDS[take(&mut h, COMPANY_KINDS.len())];
    Term { ja: format!("{ja}{kj}"), en: format!("{} {ke}", capitalize(&en)) }
}

/// The person's name of rank `rank`: family name, a space, given name.
pub(crate) fn person(rank: u64) -> String {
    let mut h = mix(6, rank);
    let pick = |h: &mut u64, list: &[&'static str]| list[take(h, list.len())];
    let family = [pick(&mut h, FAMILY_FIRST), pick(&mut h, FAMILY_SECOND)].concat();
    let given = if take(&mut h, 4) == 0 {
        pick(&mut h, GIVEN_FIRST).to_string()
    } else {
        [pick(&mut h, GIVEN_FIRST), pick(&mut h, GIVEN_SECOND)].concat()
    };
    format!("{family} {given}")
}

impl Rng {
    /// A rank drawn with frequencies falling as a power of the rank: ranks come in bands
    /// `[2^k − 1, 2^(k+1) − 1)`, band `k` is reached with chance `(z/1000)^k`, and ranks within
    /// a band are equally likely, so the chance of rank `r` falls as `r^(log2(z/1000) − 1)`.
    /// Integers only, so the stream is the same on every machine.
    pub(crate) fn zipf(&mut self, z: Zipf) -> u64 {
        let mut band = 0u32;
        while band < 40 && self.below(1000) < z.0 as usize {
            band += 1;
        }
        let start = (1u64 << band) - 1;
        start + (self.next() % (1u64 << band))
    }

    /// A general technical noun, with Zipf frequencies.
    pub(crate) fn general(&mut self) -> Term {
        general(self.zipf(GENERAL))
    }

    /// A general loanword, with Zipf frequencies.
    pub(crate) fn loanword(&mut self) -> Term {
        loanword(self.zipf(GENERAL))
    }

    /// A coined word, with Zipf frequencies.
    pub(crate) fn coined(&mut self) -> Term {
        coined(self.zipf(COINED))
    }

    /// A drug name, with Zipf frequencies.
    pub(crate) fn drug(&mut self) -> Term {
        drug(self.zipf(DRUGS))
    }

    /// A gene symbol, with Zipf frequencies.
    pub(crate) fn gene(&mut self) -> String {
        gene(self.zipf(GENES))
    }

    /// A compound code (most are used once).
    pub(crate) fn compound_code(&mut self) -> String {
        compound_code(self.zipf(DRUGS))
    }

    /// A company, with Zipf frequencies.
    pub(crate) fn company(&mut self) -> Term {
        company(self.zipf(COMPANIES))
    }

    /// A person's name: one of the `common` names for about half the people, else composed.
    pub(crate) fn person(&mut self, common: &[&str], given: &[&str]) -> String {
        if self.percent(50) {
            format!("{} {}", self.pick(common), self.pick(given))
        } else {
            person(self.zipf(NAMES))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_always_names_the_same_term() {
        assert_eq!(coined(12), coined(12));
        assert_eq!(drug(3), drug(3));
        assert_eq!(gene(7), gene(7));
        assert_ne!(coined(1), coined(2));
    }

    #[test]
    fn coined_words_drop_the_linking_vowel_before_a_vowel() {
        let words: Vec<Term> = (0..2000).map(coined).collect();
        assert!(words.iter().any(|t| t.en.ends_with("itis")));
        assert!(words.iter().all(|t| !t.en.contains("oitis") && !t.en.contains("ooma")));
        assert!(words.iter().all(|t| t.en.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn zipf_ranks_are_mostly_small_with_a_long_tail() {
        let mut rng = Rng::new(9);
        let ranks: Vec<u64> = (0..10_000).map(|_| rng.zipf(Zipf(800))).collect();
        let small = ranks.iter().filter(|&&r| r < 16).count();
        let large = ranks.iter().filter(|&&r| r >= 1024).count();
        assert!(small > 5_000, "{small} of 10,000 below 16");
        assert!(large > 100, "{large} of 10,000 at 1024 or above");
    }
}
