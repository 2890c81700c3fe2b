//! Deterministic synthetic catalogues for scale tests and benchmarks.
//!
//! [`synth`] writes `count` research seeds (and the institutions offering them) that look like
//! the sheets real networks collect: Japanese titles and summaries composed from medical term
//! lists (many of its Japanese terms also appear in the MEDUTX glossary, so glossary selection has work to do),
//! English on about 85% of seeds, and facet distributions taken from a real booklet (more drug
//! and device seeds than biomaterials; joint research and licensing as the usual offers; the
//! TRL following the stage). Every value is valid under the default taxonomy
//! (`data/taxonomy.json`), so a synthetic catalogue builds without a single rejection.
//!
//! Each summary goes on with detail sentences and general prose whose terms — coined medical
//! words, drug names, gene symbols, companies, people, general technical nouns — come from an
//! open vocabulary with Zipf-like frequencies (`lexicon.rs`), so the number of distinct words
//! grows with the catalogue as it does in real text (Heaps' law, β about 0.5–0.7) and an index
//! of 10,000 or 100,000 synthetic seeds is as large as one of real seeds would be.
//!
//! The same `count` and `seed` always give the same catalogue, byte for byte: the generator is
//! a SplitMix64 stream and touches no clock, hash map or floating point.

use serde::Serialize;

use seed_core::model::{Institution, SeedRecord};

mod lexicon;
mod rng;
use lexicon::Term;
use rng::{capitalize, Rng};

/// A synthetic catalogue, in the canonical JSON input shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synthetic {
    /// The institutions offering the seeds.
    pub institutions: Vec<Institution>,
    /// The seeds, grouped by institution as a network's files are.
    pub seeds: Vec<SeedRecord>,
}

impl Synthetic {
    /// The catalogue as canonical JSON input, one record per line so a 100k file stays
    /// readable with line tools.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.seeds.len() * 2600 + 4096);
        out.push_str("{\"institutions\": [\n");
        push_lines(&mut out, &self.institutions);
        out.push_str("],\n\"seeds\": [\n");
        push_lines(&mut out, &self.seeds);
        out.push_str("]}\n");
        out
    }
}

fn push_lines<T: Serialize>(out: &mut String, items: &[T]) {
    for (i, item) in items.iter().enumerate() {
        out.push_str(&serde_json::to_string(item).expect("records serialize"));
        out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
    }
}

/// `count` synthetic seeds from the random stream `seed`.
pub fn synth(count: usize, seed: u64) -> Synthetic {
    let mut rng = Rng::new(seed);
    let institutions =
        make_institutions(&mut rng, (count / 25).clamp(3, STEMS.len() * KINDS.len()));
    let weights: Vec<u64> = (0..institutions.len()).map(|i| 1_000_000 / (i as u64 + 3)).collect();
    let per_institution = apportion(count, &weights);
    let mut seeds = Vec::with_capacity(count);
    for (inst, n) in institutions.iter().zip(per_institution) {
        for k in 1..=n {
            seeds.push(make_seed(&mut rng, inst, k));
        }
    }
    Synthetic { institutions, seeds }
}

/// Splits `total` in proportion to `weights` (largest remainder), deterministically.
fn apportion(total: usize, weights: &[u64]) -> Vec<usize> {
    let sum: u64 = weights.iter().sum();
    let total64 = total as u64;
    let mut parts: Vec<usize> = weights.iter().map(|w| (total64 * w / sum) as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((total64 * weights[i]) % sum));
    let missing = total - parts.iter().sum::<usize>();
    for &i in order.iter().take(missing) {
        parts[i] += 1;
    }
    parts
}

type Pair = (&'static str, &'static str);

/// Place-name stems of fictitious institutions: Japanese, romanized, prefecture id.
const STEMS: &[(&str, &str, &str)] = &[
    ("北斗", "hokuto", "hokkaido"),
    ("大雪", "taisetsu", "hokkaido"),
    ("十和田", "towada", "aomori"),
    ("早池峰", "hayachine", "iwate"),
    ("青葉", "aoba", "miyagi"),
    ("鳥海", "chokai", "akita"),
    ("月山", "gassan", "yamagata"),
    ("阿武隈", "abukuma", "fukushima"),
    ("筑波嶺", "tsukubane", "ibaraki"),
    ("日光", "nikko", "tochigi"),
    ("赤城", "akagi", "gunma"),
    ("秩父", "chichibu", "saitama"),
    ("房総", "boso", "chiba"),
    ("武蔵野", "musashino", "tokyo"),
    ("隅田", "sumida", "tokyo"),
    ("白金台", "shirokanedai", "tokyo"),
    ("湘南", "shonan", "kanagawa"),
    ("越後", "echigo", "niigata"),
    ("立山", "tateyama", "toyama"),
    ("白山", "hakusan", "ishikawa"),
    ("若狭", "wakasa", "fukui"),
    ("甲斐", "kai", "yamanashi"),
    ("信濃", "shinano", "nagano"),
    ("飛騨", "hida", "gifu"),
    ("駿河", "suruga", "shizuoka"),
    ("尾張", "owari", "aichi"),
    ("伊勢", "ise", "mie"),
    ("近江", "omi", "shiga"),
    ("洛北", "rakuhoku", "kyoto"),
    ("浪速", "naniwa", "osaka"),
    ("千里", "senri", "osaka"),
    ("六甲", "rokko", "hyogo"),
    ("大和", "yamato", "nara"),
    ("紀伊", "kii", "wakayama"),
    ("因幡", "inaba", "tottori"),
    ("出雲", "izumo", "shimane"),
    ("吉備", "kibi", "okayama"),
    ("安芸", "aki", "hiroshima"),
    ("長門", "nagato", "yamaguchi"),
    ("阿波", "awa", "tokushima"),
    ("讃岐", "sanuki", "kagawa"),
    ("伊予", "iyo", "ehime"),
    ("土佐", "tosa", "kochi"),
    ("筑紫", "tsukushi", "fukuoka"),
    ("玄海", "genkai", "fukuoka"),
    ("有明", "ariake", "saga"),
    ("出島", "dejima", "nagasaki"),
    ("阿蘇", "aso", "kumamoto"),
    ("豊後", "bungo", "oita"),
    ("日向", "hyuga", "miyazaki"),
    ("薩摩", "satsuma", "kagoshima"),
    ("琉球", "ryukyu", "okinawa"),
    ("若葉", "wakaba", "chiba"),
    ("港北", "kohoku", "kanagawa"),
    ("桜台", "sakuradai", "tokyo"),
    ("緑ヶ丘", "midorigaoka", "aichi"),
    ("朝霧", "asagiri", "hyogo"),
    ("瀬戸", "seto", "okayama"),
    ("磐梯", "bandai", "fukushima"),
    ("宍道", "shinji", "shimane"),
];

/// Kinds of institution: Japanese suffix, English pattern (`{}` = stem), id suffix.
const KINDS: &[(&str, &str, &str)] = &[
    ("医科大学", "{} Medical University", "med"),
    ("大学", "{} University", "u"),
    ("薬科大学", "{} University of Pharmacy", "pharm"),
    ("大学病院", "{} University Hospital", "hosp"),
    ("先端医療研究所", "{} Institute for Advanced Medicine", "inst"),
    ("医療センター", "{} Medical Center", "mc"),
    ("歯科大学", "{} Dental University", "dent"),
    ("工業大学", "{} Institute of Technology", "tech"),
    ("看護大学", "{} College of Nursing", "nurs"),
    ("保健医療大学", "{} University of Health Sciences", "hs"),
];

fn make_institutions(rng: &mut Rng, n: usize) -> Vec<Institution> {
    // Mostly medical universities and hospitals first, as in a medical network.
    let kind_weights = [30, 22, 8, 10, 8, 8, 4, 5, 3, 2];
    let mut used = vec![false; STEMS.len() * KINDS.len()];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (s, k) = (rng.below(STEMS.len()), rng.weighted(&kind_weights));
        let slot = s * KINDS.len() + k;
        if used[slot] {
            // Fall back to the next free slot so large counts terminate quickly.
            let Some(free) = (0..used.len()).map(|d| (slot + d) % used.len()).find(|&i| !used[i])
            else {
                break;
            };
            used[free] = true;
            out.push(institution(rng, free / KINDS.len(), free % KINDS.len(), out.len()));
        } else {
            used[slot] = true;
            out.push(institution(rng, s, k, out.len()));
        }
    }
    out
}

fn institution(rng: &mut Rng, stem: usize, kind: usize, position: usize) -> Institution {
    let (ja, romaji, region) = STEMS[stem];
    let (suffix_ja, pattern_en, suffix_id) = KINDS[kind];
    let id = format!("{romaji}-{suffix_id}");
    Institution {
        name_ja: format!("{ja}{suffix_ja}"),
        name_en: rng.percent(92).then(|| pattern_en.replace("{}", &capitalize(romaji))),
        region: region.to_string(),
        url: Some(format!("https://www.{id}.example.jp/")),
        booth: rng
            .percent(40)
            .then(|| format!("{}-{}", ["A", "B", "C"][position % 3], 10 + position % 90)),
        id,
    }
}

const FIELDS: &[&str] = &[
    "drug",
    "device",
    "digital",
    "diagnostics",
    "research_tool",
    "healthcare",
    "clinical_support",
    "dds",
    "regenerative",
    "biomaterial",
];
const FIELD_WEIGHTS: &[usize] = &[40, 31, 27, 26, 19, 17, 13, 13, 11, 10];
const STAGES: &[&str] = &["basic", "poc", "preclinical", "clinical", "practical"];
const STAGE_WEIGHTS: &[usize] = &[17, 25, 35, 39, 33];
const IP: &[&str] = &["none", "filed", "granted", "pct"];
const IP_WEIGHTS: &[usize] = &[27, 49, 42, 31];
const COLLABORATION: &[(&str, &str, &str)] = &[
    ("joint_research", "共同研究", "joint research"),
    ("license", "ライセンス", "licensing"),
    ("sponsored_research", "受託研究", "sponsored research"),
    ("consulting", "技術指導", "technical consulting"),
    ("mta", "試料提供", "material transfer"),
    ("startup", "起業・出資", "a start-up"),
];
const COLLABORATION_WEIGHTS: &[usize] = &[125, 100, 35, 21, 13, 6];

const DISEASES: &[Pair] = &[
    ("膵臓がん", "pancreatic cancer"),
    ("肺癌", "lung cancer"),
    ("胃癌", "gastric cancer"),
    ("大腸がん", "colorectal cancer"),
    ("乳がん", "breast cancer"),
    ("肝細胞癌", "hepatocellular carcinoma"),
    ("前立腺癌", "prostate cancer"),
    ("心不全", "heart failure"),
    ("心筋梗塞", "myocardial infarction"),
    ("心房細動", "atrial fibrillation"),
    ("高血圧", "hypertension"),
    ("2型糖尿病", "type 2 diabetes"),
    ("慢性腎臓病", "chronic kidney disease"),
    ("アルツハイマー病", "Alzheimer's disease"),
    ("パーキンソン病", "Parkinson's disease"),
    ("脳梗塞", "cerebral infarction"),
    ("関節リウマチ", "rheumatoid arthritis"),
    ("変形性関節症", "osteoarthritis"),
    ("骨粗鬆症", "osteoporosis"),
    ("喘息", "asthma"),
    ("肺線維症", "pulmonary fibrosis"),
    ("敗血症", "sepsis"),
    ("アトピー性皮膚炎", "atopic dermatitis"),
    ("乾癬", "psoriasis"),
    ("緑内障", "glaucoma"),
    ("加齢黄斑変性", "age-related macular degeneration"),
    ("うつ病", "depression"),
    ("統合失調症", "schizophrenia"),
    ("肥満症", "obesity"),
    ("サルコペニア", "sarcopenia"),
    ("認知症", "dementia"),
    ("てんかん", "epilepsy"),
    ("脊髄損傷", "spinal cord injury"),
    ("肝線維症", "liver fibrosis"),
    ("非アルコール性脂肪肝炎", "non-alcoholic steatohepatitis"),
    ("潰瘍性大腸炎", "ulcerative colitis"),
    ("クローン病", "Crohn's disease"),
    ("多発性硬化症", "multiple sclerosis"),
    ("白血病", "leukaemia"),
    ("リンパ腫", "lymphoma"),
    ("多発性骨髄腫", "multiple myeloma"),
    ("膠芽腫", "glioblastoma"),
    ("黒色腫", "melanoma"),
    ("インフルエンザ", "influenza"),
    ("結核", "tuberculosis"),
    ("歯周病", "periodontal disease"),
    ("動脈硬化", "atherosclerosis"),
    ("大動脈瘤", "aortic aneurysm"),
    ("睡眠時無呼吸症候群", "sleep apnoea syndrome"),
    ("慢性閉塞性肺疾患", "chronic obstructive pulmonary disease"),
    ("急性腎障害", "acute kidney injury"),
    ("難聴", "hearing loss"),
    ("不妊症", "infertility"),
    ("早産", "preterm birth"),
    ("慢性腎不全", "chronic renal failure"),
    ("卵巣がん", "ovarian cancer"),
    ("食道がん", "oesophageal cancer"),
    ("筋萎縮性側索硬化症", "amyotrophic lateral sclerosis"),
    ("全身性エリテマトーデス", "systemic lupus erythematosus"),
    ("尿路感染症", "urinary tract infection"),
];

const TARGETS: &[Pair] = &[
    ("KRAS", "KRAS"),
    ("EGFR", "EGFR"),
    ("PD-L1", "PD-L1"),
    ("HER2", "HER2"),
    ("IL-6", "IL-6"),
    ("TNF-α", "TNF-α"),
    ("PCSK9", "PCSK9"),
    ("GLP-1受容体", "the GLP-1 receptor"),
    ("Wntシグナル", "Wnt signalling"),
    ("mTOR", "mTOR"),
    ("BCL-2", "BCL-2"),
    ("TGF-β", "TGF-β"),
    ("VEGF", "VEGF"),
    ("CD47", "CD47"),
    ("STING経路", "the STING pathway"),
    ("NLRP3インフラマソーム", "the NLRP3 inflammasome"),
    ("オートファジー", "autophagy"),
    ("ミトコンドリア", "mitochondria"),
    ("腸内細菌叢", "the gut microbiota"),
    ("線維芽細胞", "fibroblasts"),
    ("制御性T細胞", "regulatory T cells"),
    ("マクロファージ", "macrophages"),
    ("血管新生", "angiogenesis"),
    ("炎症", "inflammation"),
    ("がん幹細胞", "cancer stem cells"),
    ("エピゲノム", "the epigenome"),
    ("タウタンパク質", "tau protein"),
    ("αシヌクレイン", "α-synuclein"),
];

const MODALITIES: &[Pair] = &[
    ("低分子化合物", "small-molecule compound"),
    ("抗体医薬", "therapeutic antibody"),
    ("核酸医薬", "nucleic acid drug"),
    ("siRNA", "siRNA"),
    ("アンチセンスオリゴ", "antisense oligonucleotide"),
    ("mRNAワクチン", "mRNA vaccine"),
    ("ペプチド医薬", "peptide drug"),
    ("二重特異性抗体", "bispecific antibody"),
    ("抗体薬物複合体", "antibody–drug conjugate"),
    ("天然物由来化合物", "natural-product compound"),
    ("遺伝子治療ベクター", "gene therapy vector"),
    ("腫瘍溶解性ウイルス", "oncolytic virus"),
    ("CAR-T細胞", "CAR-T cell"),
    ("ワクチン", "vaccine"),
];

const DEVICES: &[Pair] = &[
    ("カテーテル", "catheter"),
    ("ステント", "stent"),
    ("内視鏡", "endoscope"),
    ("手術支援ロボット", "surgical robot"),
    ("ウェアラブルセンサ", "wearable sensor"),
    ("人工関節", "artificial joint"),
    ("超音波プローブ", "ultrasound probe"),
    ("補助人工心臓", "ventricular assist device"),
    ("縫合デバイス", "suturing device"),
    ("眼内レンズ", "intraocular lens"),
    ("刺激電極", "stimulation electrode"),
    ("穿刺針", "puncture needle"),
    ("手術ナビゲーション", "surgical navigation system"),
    ("人工呼吸器", "ventilator"),
    ("止血デバイス", "haemostatic device"),
    ("脳波計", "EEG headset"),
];

const PROCEDURES: &[Pair] = &[
    ("腹腔鏡手術", "laparoscopic surgery"),
    ("血管内治療", "endovascular treatment"),
    ("内視鏡的粘膜下層剥離術", "endoscopic submucosal dissection"),
    ("経皮的冠動脈形成術", "percutaneous coronary intervention"),
    ("人工関節置換術", "joint replacement"),
    ("脳神経外科手術", "neurosurgery"),
    ("リハビリテーション", "rehabilitation"),
    ("在宅モニタリング", "home monitoring"),
    ("透析", "dialysis"),
    ("集中治療", "intensive care"),
    ("心臓カテーテル検査", "cardiac catheterisation"),
    ("白内障手術", "cataract surgery"),
];

const BIOMARKERS: &[Pair] = &[
    ("血中マイクロRNA", "circulating microRNA"),
    ("エクソソーム", "exosomes"),
    ("糖鎖", "glycans"),
    ("血漿代謝物", "plasma metabolites"),
    ("自己抗体", "autoantibodies"),
    ("循環腫瘍DNA", "circulating tumour DNA"),
    ("呼気ガス", "exhaled breath"),
    ("尿中タンパク質", "urinary proteins"),
    ("血清タンパク質", "serum proteins"),
    ("腸内細菌", "gut bacteria"),
    ("血小板", "platelets"),
];

const SAMPLES: &[Pair] = &[
    ("血液", "blood"),
    ("尿", "urine"),
    ("唾液", "saliva"),
    ("呼気", "breath"),
    ("涙液", "tears"),
    ("便", "stool"),
];

const IMAGES: &[Pair] = &[
    ("胸部X線画像", "chest X-rays"),
    ("CT画像", "CT images"),
    ("MRI画像", "MRI scans"),
    ("病理画像", "pathology slides"),
    ("眼底写真", "fundus photographs"),
    ("内視鏡画像", "endoscopy images"),
    ("心電図", "ECGs"),
    ("超音波画像", "ultrasound images"),
    ("皮膚画像", "skin photographs"),
];

const HEALTH_DATA: &[Pair] = &[
    ("電子カルテ", "electronic health records"),
    ("ウェアラブル端末のデータ", "wearable-device data"),
    ("健診データ", "health check-up data"),
    ("音声", "voice recordings"),
    ("歩行データ", "gait data"),
    ("睡眠データ", "sleep data"),
    ("レセプトデータ", "insurance claims data"),
];

const CELLS: &[Pair] = &[
    ("心筋細胞", "cardiomyocytes"),
    ("神経前駆細胞", "neural progenitor cells"),
    ("軟骨細胞", "chondrocytes"),
    ("網膜色素上皮細胞", "retinal pigment epithelial cells"),
    ("肝細胞", "hepatocytes"),
    ("間葉系幹細胞", "mesenchymal stem cells"),
    ("膵β細胞", "pancreatic beta cells"),
    ("角膜内皮細胞", "corneal endothelial cells"),
    ("造血幹細胞", "haematopoietic stem cells"),
    ("骨格筋細胞", "skeletal muscle cells"),
];

const CARRIERS: &[Pair] = &[
    ("リポソーム", "liposomes"),
    ("脂質ナノ粒子", "lipid nanoparticles"),
    ("高分子ミセル", "polymeric micelles"),
    ("エクソソーム", "exosomes"),
    ("金ナノ粒子", "gold nanoparticles"),
    ("マイクロニードル", "microneedles"),
    ("ハイドロゲル", "a hydrogel"),
    ("細胞膜被覆ナノ粒子", "cell-membrane-coated nanoparticles"),
];

const PAYLOADS: &[Pair] = &[
    ("抗がん剤", "anticancer drugs"),
    ("核酸医薬", "nucleic acid drugs"),
    ("mRNA", "mRNA"),
    ("タンパク質製剤", "protein drugs"),
    ("ペプチド", "peptides"),
    ("抗菌薬", "antibiotics"),
    ("インスリン", "insulin"),
];

const ORGANS: &[Pair] = &[
    ("腫瘍", "tumours"),
    ("脳", "the brain"),
    ("肝臓", "the liver"),
    ("肺", "the lungs"),
    ("腎臓", "the kidneys"),
    ("骨", "bone"),
    ("皮膚", "the skin"),
    ("眼", "the eye"),
    ("リンパ節", "lymph nodes"),
    ("骨髄", "bone marrow"),
];

const MATERIALS: &[Pair] = &[
    ("生体吸収性ポリマー", "a bioresorbable polymer"),
    ("ハイドロキシアパタイト", "hydroxyapatite"),
    ("シルクフィブロイン", "silk fibroin"),
    ("コラーゲンスキャフォールド", "a collagen scaffold"),
    ("抗菌性コーティング", "an antibacterial coating"),
    ("自己組織化ペプチド", "a self-assembling peptide"),
    ("チタン合金", "a titanium alloy"),
    ("キトサン", "chitosan"),
    ("ゼラチンハイドロゲル", "a gelatin hydrogel"),
];

const MATERIAL_USES: &[Pair] = &[
    ("骨再生", "bone regeneration"),
    ("創傷治癒", "wound healing"),
    ("止血", "haemostasis"),
    ("術後癒着の防止", "preventing post-operative adhesions"),
    ("人工血管", "vascular grafts"),
    ("歯科インプラント", "dental implants"),
    ("軟骨修復", "cartilage repair"),
    ("神経再生", "nerve regeneration"),
];

const ANIMALS: &[Pair] = &[
    ("マウス", "mouse"),
    ("ラット", "rat"),
    ("ゼブラフィッシュ", "zebrafish"),
    ("ミニブタ", "minipig"),
    ("オルガノイド", "organoid"),
];

const TOOLS: &[Pair] = &[
    ("ゲノム編集", "genome editing"),
    ("シングルセル解析", "single-cell analysis"),
    ("質量分析", "mass spectrometry"),
    ("抗体作製", "antibody generation"),
    ("薬剤スクリーニング", "drug screening"),
    ("三次元細胞培養", "3D cell culture"),
    ("ライブイメージング", "live imaging"),
    ("空間トランスクリプトーム解析", "spatial transcriptomics"),
];

const FOODS: &[Pair] = &[
    ("発酵大豆", "fermented soybeans"),
    ("緑茶", "green tea"),
    ("海藻", "seaweed"),
    ("米ぬか", "rice bran"),
    ("乳酸菌", "lactic acid bacteria"),
    ("ショウガ", "ginger"),
    ("柑橘果皮", "citrus peel"),
    ("麹", "koji"),
];

const CONDITIONS: &[Pair] = &[
    ("フレイル", "frailty"),
    ("睡眠の質の低下", "poor sleep"),
    ("食後血糖値の上昇", "post-meal blood glucose spikes"),
    ("認知機能の低下", "cognitive decline"),
    ("疲労", "fatigue"),
    ("肥満", "obesity"),
    ("便秘", "constipation"),
    ("口腔機能の低下", "oral frailty"),
    ("転倒", "falls"),
    ("骨量の減少", "bone loss"),
];

const SERVICES: &[Pair] = &[
    ("運動プログラム", "An exercise programme"),
    ("見守りシステム", "A monitoring system"),
    ("食事指導アプリ", "A dietary coaching app"),
    ("セルフチェックキット", "A self-check kit"),
];

const REGISTRIES: &[Pair] = &[
    ("臨床データベース", "clinical database"),
    ("バイオバンク", "biobank"),
    ("患者レジストリ", "patient registry"),
    ("検体ライブラリー", "specimen library"),
];

const TRIAL_TASKS: &[Pair] = &[
    ("治験の症例登録", "patient enrolment in clinical trials"),
    ("医師主導治験", "investigator-initiated trials"),
    ("臨床研究のデータ管理", "clinical research data management"),
    ("多施設共同研究", "multicentre studies"),
];

const TRIAL_SYSTEMS: &[Pair] = &[
    ("電子症例報告システム", "An electronic case report system"),
    ("遠隔モニタリング", "Remote monitoring"),
    ("患者報告アウトカム収集アプリ", "A patient-reported outcome app"),
    ("症例検索AI", "A case-finding AI"),
];

const BACKGROUNDS: &[Pair] = &[
    ("早期発見が難しく予後が悪いこと", "it is rarely found early and the prognosis is poor"),
    ("既存治療の効果が限られていること", "existing treatments help only some patients"),
    (
        "患者数が増えているにもかかわらず有効な治療法が少ないこと",
        "patient numbers are rising while effective treatments remain few",
    ),
    ("診断に時間と費用がかかること", "diagnosis is slow and costly"),
    (
        "副作用のため治療を続けられない患者が多いこと",
        "many patients stop treatment because of side effects",
    ),
    (
        "専門医が不足し地域で適切な医療を受けにくいこと",
        "a shortage of specialists makes good care hard to reach outside cities",
    ),
    ("再発率が高く長期の管理が必要なこと", "it often recurs and needs long-term management"),
];

const MODELS: &[Pair] = &[
    ("疾患モデルマウス", "a mouse disease model"),
    ("患者由来オルガノイド", "patient-derived organoids"),
    ("臨床検体", "clinical samples"),
    ("前向き臨床研究", "a prospective clinical study"),
    ("大型動物モデル", "a large-animal model"),
    ("後ろ向きコホート", "a retrospective cohort"),
    ("ヒト培養細胞", "cultured human cells"),
];

const METRICS: &[Pair] = &[
    ("治療効果", "efficacy"),
    ("検出感度", "detection sensitivity"),
    ("生存期間", "survival"),
    ("処置時間", "procedure time"),
    ("副作用の頻度", "the rate of side effects"),
    ("診断精度", "diagnostic accuracy"),
    ("費用", "cost"),
    ("作業時間", "hands-on time"),
];

const ADVANTAGES: &[Pair] = &[
    ("低侵襲", "minimally invasive"),
    ("短時間で結果が得られる", "results in minutes"),
    ("既存設備で導入できる", "works with existing equipment"),
    ("安価に製造できる", "cheap to manufacture"),
    ("副作用が少ない", "fewer side effects"),
    ("高い特異性", "high specificity"),
    ("長期保存が可能", "long shelf life"),
    ("専門医でなくても使える", "usable by non-specialists"),
    ("少量の検体で測定できる", "needs only a small sample"),
    ("投与回数を減らせる", "less frequent dosing"),
    ("動物を使わない", "no animals needed"),
    ("操作が簡単", "easy to operate"),
];

const APPLICATIONS: &[Pair] = &[
    ("治療薬", "therapeutics"),
    ("体外診断薬", "in vitro diagnostics"),
    ("検診", "screening programmes"),
    ("術中支援", "intraoperative support"),
    ("在宅医療", "home care"),
    ("創薬研究", "drug discovery research"),
    ("機能性表示食品", "foods with function claims"),
    ("医療機器", "medical devices"),
    ("研究用試薬", "research reagents"),
    ("遠隔医療", "telemedicine"),
    ("介護", "nursing care"),
    ("動物医療", "veterinary medicine"),
];

const DEPARTMENTS: &[Pair] = &[
    ("消化器内科学", "Gastroenterology"),
    ("循環器内科学", "Cardiovascular Medicine"),
    ("脳神経外科学", "Neurosurgery"),
    ("薬理学", "Pharmacology"),
    ("病理学", "Pathology"),
    ("放射線医学", "Radiology"),
    ("医療情報学", "Medical Informatics"),
    ("生体材料工学", "Biomaterials Engineering"),
    ("再生医学", "Regenerative Medicine"),
    ("薬剤学", "Pharmaceutics"),
    ("眼科学", "Ophthalmology"),
    ("整形外科学", "Orthopaedic Surgery"),
    ("皮膚科学", "Dermatology"),
    ("精神医学", "Psychiatry"),
    ("呼吸器内科学", "Respiratory Medicine"),
    ("腎臓内科学", "Nephrology"),
    ("小児科学", "Paediatrics"),
    ("免疫学", "Immunology"),
    ("公衆衛生学", "Public Health"),
    ("歯周病学", "Periodontology"),
    ("看護学", "Nursing"),
    ("腫瘍内科学", "Medical Oncology"),
    ("臨床検査医学", "Laboratory Medicine"),
    ("生化学", "Biochemistry"),
];

const SURNAMES: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "前田",
    "藤田",
    "小川",
    "岡田",
    "長谷川",
    "村上",
    "近藤",
    "坂本",
    "遠藤",
    "青木",
    "藤井",
    "西村",
    "福田",
    "太田",
];
const GIVEN_NAMES: &[&str] = &[
    "健一",
    "浩",
    "誠",
    "直樹",
    "大輔",
    "拓也",
    "翔太",
    "亮",
    "隆",
    "修",
    "陽子",
    "恵子",
    "真由美",
    "由美",
    "美穂",
    "彩",
    "智子",
    "裕子",
    "麻衣",
    "千尋",
    "和也",
    "剛",
    "聡",
    "悠人",
    "結衣",
    "香織",
    "理恵",
    "葵",
];
const FOREIGN_NAMES: &[&str] =
    &["Thomas Berger", "Maria Santos", "Wei Zhang", "Anna Kowalska", "David Kim", "Priya Nair"];
const POSITIONS: &[&str] =
    &["教授", "准教授", "講師", "助教", "特任教授", "特任准教授", "主任研究員", "研究員"];

/// Per field (in [`FIELDS`] order): the metrics, advantages and applications that fit it.
const FIELD_METRICS: &[&[usize]] = &[
    &[0, 2, 4],
    &[3, 4, 6],
    &[1, 5, 6],
    &[5, 1, 7],
    &[0, 2],
    &[0, 4],
    &[0, 3],
    &[7, 6, 1],
    &[0],
    &[7, 6],
];
const FIELD_ADVANTAGES: &[&[usize]] = &[
    &[3, 4, 5, 9, 6],
    &[0, 2, 3, 7, 11],
    &[1, 2, 5, 8, 3],
    &[1, 2, 7, 3],
    &[4, 5, 3],
    &[4, 9, 5, 6],
    &[0, 3, 6, 4],
    &[1, 2, 10, 3, 11],
    &[3, 4, 11, 6],
    &[1, 2, 7, 11],
];
const FIELD_APPLICATIONS: &[&[usize]] = &[
    &[0, 5],
    &[3, 7, 4],
    &[1, 2],
    &[9, 2, 4],
    &[0, 5],
    &[0, 5],
    &[7, 11],
    &[8, 5],
    &[6, 10, 4],
    &[5, 9],
];

/// Up to `n` distinct entries of `table` among the indices `allowed`.
fn some_of(rng: &mut Rng, table: &[Pair], allowed: &[usize], n: usize) -> Vec<Pair> {
    rng.weighted_distinct(&vec![1; allowed.len()], n)
        .into_iter()
        .map(|i| table[allowed[i]])
        .collect()
}

/// A seed's subject matter: title and approach in both languages, plus keywords.
struct Content {
    title: (String, String),
    approach: (String, String),
    keywords: Vec<Pair>,
}

fn content(rng: &mut Rng, field: &str, disease: Pair) -> Content {
    let (d_ja, d_en) = disease;
    match field {
        "drug" => {
            let (t, m) = (*rng.pick(TARGETS), *rng.pick(MODALITIES));
            let title = match rng.below(3) {
                0 => (
                    format!("{}を標的とした{}による{}治療", t.0, m.0, d_ja),
                    format!("A {} targeting {} for {}", m.1, t.1, d_en),
                ),
                1 => (
                    format!("{}に対する新規{}の開発", d_ja, m.0),
                    format!("A new {} for {}", m.1, d_en),
                ),
                _ => (
                    format!("{}の制御による{}の進行抑制", t.0, d_ja),
                    format!("Slowing {} by controlling {}", d_en, t.1),
                ),
            };
            let approach = (
                format!("{}に選択的に作用する{}を独自の設計手法で創製した", t.0, m.0),
                format!(
                    "we designed a {} that acts selectively on {} with our own method",
                    m.1, t.1
                ),
            );
            Content { title, approach, keywords: vec![t, m, ("創薬", "drug discovery")] }
        }
        "device" => {
            let (dv, p) = (*rng.pick(DEVICES), *rng.pick(PROCEDURES));
            let title = match rng.below(2) {
                0 => (
                    format!("{}を支援する{}", p.0, dv.0),
                    format!("A {} that assists {}", dv.1, p.1),
                ),
                _ => (
                    format!("{}治療のための低侵襲{}", d_ja, dv.0),
                    format!("A minimally invasive {} for treating {}", dv.1, d_en),
                ),
            };
            let approach = (
                format!("{}の形状と素材を見直し、{}の操作性と安全性を高めた", dv.0, p.0),
                format!(
                    "we redesigned the shape and materials of the {} to make {} easier and safer",
                    dv.1, p.1
                ),
            );
            Content { title, approach, keywords: vec![dv, p, ("医療機器", "medical device")] }
        }
        "diagnostics" => {
            let (b, s) = (*rng.pick(BIOMARKERS), *rng.pick(SAMPLES));
            let title = match rng.below(2) {
                0 => (
                    format!("{}を用いた{}の早期診断法", b.0, d_ja),
                    format!("Early diagnosis of {} using {}", d_en, b.1),
                ),
                _ => (
                    format!("{}から{}を検出する迅速検査キット", s.0, d_ja),
                    format!("A rapid test kit that detects {} in {}", d_en, s.1),
                ),
            };
            let approach = (
                format!("{}に含まれる{}を高感度に測定する系を確立した", s.0, b.0),
                format!("we built a highly sensitive assay for {} in {}", b.1, s.1),
            );
            Content {
                title, approach, keywords: vec![b, s, ("バイオマーカー", "biomarker")]
            }
        }
        "digital" => {
            let (img, data) = (*rng.pick(IMAGES), *rng.pick(HEALTH_DATA));
            let title = match rng.below(2) {
                0 => (
                    format!("AIによる{}からの{}の自動診断", img.0, d_ja),
                    format!("AI diagnosis of {} from {}", d_en, img.1),
                ),
                _ => (
                    format!("{}を活用した{}の発症予測モデル", data.0, d_ja),
                    format!("Predicting the onset of {} from {}", d_en, data.1),
                ),
            };
            let approach = (
                format!("{}と{}を深層学習で解析するモデルを開発した", img.0, data.0),
                format!("we trained a deep-learning model on {} and {}", img.1, data.1),
            );
            Content {
                title,
                approach,
                keywords: vec![img, data, ("人工知能", "artificial intelligence")],
            }
        }
        "regenerative" => {
            let c = *rng.pick(CELLS);
            let title = match rng.below(2) {
                0 => (
                    format!("iPS細胞由来{}を用いた{}の再生医療", c.0, d_ja),
                    format!("Regenerative therapy for {} with iPS cell-derived {}", d_en, c.1),
                ),
                _ => (
                    format!("{}の高効率な分化誘導法", c.0),
                    format!("Efficient differentiation of {}", c.1),
                ),
            };
            let approach = (
                format!("iPS細胞から{}を高純度かつ大量に作製する培養法を確立した", c.0),
                format!(
                    "we established a culture method that makes pure {} from iPS cells at scale",
                    c.1
                ),
            );
            Content {
                title,
                approach,
                keywords: vec![c, ("iPS細胞", "iPS cells"), ("再生医療", "regenerative medicine")],
            }
        }
        "dds" => {
            let (c, p, o) = (*rng.pick(CARRIERS), *rng.pick(PAYLOADS), *rng.pick(ORGANS));
            let title = (
                format!("{}による{}の{}選択的送達", c.0, p.0, o.0),
                format!("{} that deliver {} selectively to {}", capitalize(c.1), p.1, o.1),
            );
            let approach = (
                format!("{}の表面を修飾し、{}を{}に効率よく届けることに成功した", c.0, p.0, o.0),
                format!(
                    "we modified the surface of {} to carry {} efficiently to {}",
                    c.1, p.1, o.1
                ),
            );
            Content {
                title,
                approach,
                keywords: vec![c, p, ("ドラッグデリバリー", "drug delivery")],
            }
        }
        "biomaterial" => {
            let (m, u) = (*rng.pick(MATERIALS), *rng.pick(MATERIAL_USES));
            let title =
                (format!("{}を用いた{}材料", m.0, u.0), format!("{} for {}", capitalize(m.1), u.1));
            let approach = (
                format!("{}の構造を制御し、生体適合性と強度を両立させた", m.0),
                format!(
                    "we controlled the structure of {} to combine biocompatibility with strength",
                    m.1
                ),
            );
            Content {
                title, approach, keywords: vec![m, u, ("バイオマテリアル", "biomaterial")]
            }
        }
        "research_tool" => {
            let (t, a, tool) = (*rng.pick(TARGETS), *rng.pick(ANIMALS), *rng.pick(TOOLS));
            let title = match rng.below(3) {
                0 => (
                    format!("{}を可視化する蛍光プローブ", t.0),
                    format!("A fluorescent probe that visualises {}", t.1),
                ),
                1 => (format!("{}モデル{}", d_ja, a.0), format!("A {} model of {}", a.1, d_en)),
                _ => (
                    format!("{}を効率化する{}技術", tool.0, a.0),
                    format!("{} technology that speeds up {}", capitalize(a.1), tool.1),
                ),
            };
            let approach = (
                format!("{}と{}を組み合わせた独自の評価系を構築した", tool.0, a.0),
                format!("we built our own assay combining {} with {} models", tool.1, a.1),
            );
            Content {
                title, approach, keywords: vec![tool, a, ("研究ツール", "research tool")]
            }
        }
        "healthcare" => {
            let (f, c, s) = (*rng.pick(FOODS), *rng.pick(CONDITIONS), *rng.pick(SERVICES));
            let title = match rng.below(2) {
                0 => (
                    format!("{}由来成分による{}の改善", f.0, c.0),
                    format!("Easing {} with a compound from {}", c.1, f.1),
                ),
                _ => {
                    (format!("{}を予防する{}", c.0, s.0), format!("{} that prevents {}", s.1, c.1))
                }
            };
            let approach = (
                format!("{}に含まれる成分の作用を解析し、{}への効果を確かめた", f.0, c.0),
                format!(
                    "we analysed how a component of {} acts and tested its effect on {}",
                    f.1, c.1
                ),
            );
            Content { title, approach, keywords: vec![f, c, ("ヘルスケア", "healthcare")] }
        }
        _ => {
            let (r, t, s) =
                (*rng.pick(REGISTRIES), *rng.pick(TRIAL_TASKS), *rng.pick(TRIAL_SYSTEMS));
            let title = match rng.below(2) {
                0 => (
                    format!("{}患者の{}", d_ja, r.0),
                    format!("A {} of patients with {}", r.1, d_en),
                ),
                _ => (
                    format!("{}を効率化する{}", t.0, s.0),
                    format!("{} that streamlines {}", s.1, t.1),
                ),
            };
            let approach = (
                format!("{}を構築し、{}に利用できる体制を整えた", r.0, t.0),
                format!("we built a {} that supports {}", r.1, t.1),
            );
            Content { title, approach, keywords: vec![r, t, ("臨床研究", "clinical research")] }
        }
    }
}

fn make_seed(rng: &mut Rng, inst: &Institution, k: usize) -> SeedRecord {
    let id = format!("{}-{k:03}", inst.id);
    let primary = rng.weighted(FIELD_WEIGHTS);
    let mut fields = vec![FIELDS[primary].to_string()];
    if rng.percent(30) {
        let second = rng.weighted(FIELD_WEIGHTS);
        if second != primary {
            fields.push(FIELDS[second].to_string());
        }
    }
    let stage_i = rng.weighted(STAGE_WEIGHTS);
    let stage = STAGES[stage_i];
    let trl_range = [(1, 3), (2, 4), (4, 6), (5, 7), (7, 9)][stage_i];
    let trl = rng.percent(85).then(|| rng.range(trl_range.0, trl_range.1) as u8);
    let ip_i = rng.weighted(if stage_i == 0 { &[50, 30, 10, 10] } else { IP_WEIGHTS });
    let n_collab = [1, 2, 2, 3][rng.below(4)];
    let collab: Vec<usize> = rng.weighted_distinct(COLLABORATION_WEIGHTS, n_collab);

    let disease = *rng.pick(DISEASES);
    let c = content(rng, FIELDS[primary], disease);
    let background = *rng.pick(BACKGROUNDS);
    let model = *rng.pick(MODELS);
    let metric = METRICS[*rng.pick(FIELD_METRICS[primary])];
    let gain = rng.range(15, 80);
    let adv = some_of(rng, ADVANTAGES, FIELD_ADVANTAGES[primary], 2);
    let n_app = rng.range(1, 2);
    let app = some_of(rng, APPLICATIONS, FIELD_APPLICATIONS[primary], n_app);
    let offer_ja = collab.iter().map(|&i| COLLABORATION[i].1).collect::<Vec<_>>().join("・");
    let offer_en = join_en(&collab.iter().map(|&i| COLLABORATION[i].2).collect::<Vec<_>>());

    let summary_ja = format!(
        "{d}は{bg}が課題である。本技術では{ap}。{mo}において、{me}を従来法と比べて{gain}%改善することを確認した。\
         {a0}、{a1}という点が特長であり、{apps}への応用が期待される。{offer}を希望する企業との連携を求めている。",
        d = disease.0, bg = background.0, ap = c.approach.0, mo = model.0, me = metric.0,
        a0 = adv[0].0, a1 = adv[1].0, apps = app.iter().map(|a| a.0).collect::<Vec<_>>().join("や"), offer = offer_ja,
    );
    let summary_en = format!(
        "{D} remains a challenge because {bg}. In this work {ap}. In {mo}, it improved {me} by {gain}% compared with current methods. \
         Its strengths: {a0}, and {a1}. We expect applications in {apps}. \
         We are looking for companies interested in {offer}.",
        D = capitalize(disease.1), bg = background.1, ap = c.approach.1, mo = model.1, me = metric.1,
        a0 = adv[0].1, a1 = adv[1].1, apps = join_en(&app.iter().map(|a| a.1).collect::<Vec<_>>()), offer = offer_en,
    );
    let detail = details(rng);
    let summary_ja = format!("{summary_ja}{}", detail.ja);
    let summary_en = format!("{summary_en}{}", detail.en);
    let english = rng.percent(85);
    let department = if rng.percent(DEPARTMENT_COINED_PERCENT) {
        let t = rng.coined();
        (format!("{}学", t.ja), capitalize(&t.en))
    } else {
        let (ja, en) = *rng.pick(DEPARTMENTS);
        (ja.to_string(), en.to_string())
    };
    let (mut title_ja, mut title_en) = c.title;
    if rng.percent(TITLE_TERM_PERCENT) {
        let t = rng.coined();
        if title_ja.chars().count() + t.ja.chars().count() + 4 <= 60 {
            title_ja = format!("{}に着目した{title_ja}", t.ja);
            title_en = format!("{title_en}, focusing on {}", t.en);
        }
    }
    let mut keywords: Vec<(String, String)> =
        [disease].iter().chain(&c.keywords).map(|&(j, e)| (j.to_string(), e.to_string())).collect();
    if rng.percent(60) {
        keywords.push((app[0].0.to_string(), app[0].1.to_string()));
    }
    keywords.extend(detail.keywords.into_iter().map(|t| (t.ja, t.en)));
    let mut seen = Vec::new();
    keywords.retain(|k| {
        let fresh = !seen.contains(&k.0);
        seen.push(k.0.clone());
        fresh
    });
    let researchers = (0..[1, 2, 2, 2, 3][rng.below(5)])
        .map(|_| {
            let name = if rng.percent(4) {
                (*rng.pick(FOREIGN_NAMES)).to_string()
            } else {
                rng.person(SURNAMES, GIVEN_NAMES)
            };
            format!("{name} ({})", rng.pick(POSITIONS))
        })
        .collect();
    let year = 2021 + rng.weighted(&[5, 10, 15, 25, 30, 15]);
    let updated = format!("{year}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
    let patents = match IP[ip_i] {
        "filed" => {
            vec![format!("特願{}-{:06}", year.min(2025) - rng.below(3), rng.below(1_000_000))]
        }
        "granted" => vec![format!("特許第{}号", 6_500_000 + rng.below(1_200_000))],
        "pct" if rng.percent(50) => {
            vec![format!("PCT/JP{}/{:06}", year.min(2025) - rng.below(3), rng.below(60_000))]
        }
        "pct" => vec![format!("WO{}/{:06}", year.min(2025) - rng.below(3), rng.below(300_000))],
        _ => Vec::new(),
    };
    let domain = format!("{}.example.jp", inst.id);
    let event = rng.percent(50);
    SeedRecord {
        institution: inst.id.clone(),
        title_ja,
        title_en: english.then_some(title_en),
        summary_ja,
        summary_en: english.then_some(summary_en),
        researchers,
        department_ja: Some(format!("大学院医学研究科 {}講座", department.0)),
        department_en: english
            .then(|| format!("Department of {}, Graduate School of Medicine", department.1)),
        advantages_ja: rng.percent(90).then(|| format!("{}、{}。", adv[0].0, adv[1].0)),
        advantages_en: english.then(|| format!("{}; {}.", capitalize(adv[0].1), adv[1].1)),
        applications_ja: rng
            .percent(90)
            .then(|| app.iter().map(|a| a.0).collect::<Vec<_>>().join("、")),
        applications_en: english
            .then(|| capitalize(&app.iter().map(|a| a.1).collect::<Vec<_>>().join(", "))),
        fields,
        stage: stage.to_string(),
        ip_status: rng.percent(95).then(|| IP[ip_i].to_string()),
        patents,
        collaboration: collab.iter().map(|&i| COLLABORATION[i].0.to_string()).collect(),
        keywords_ja: keywords.iter().map(|k| k.0.clone()).collect(),
        keywords_en: if english {
            keywords.iter().map(|k| k.1.clone()).collect()
        } else {
            Vec::new()
        },
        contact_email: rng.percent(95).then(|| {
            format!("{}@{domain}", ["tlo", "sangaku", "ip-office", "innovation"][rng.below(4)])
        }),
        contact_url: rng.percent(70).then(|| format!("https://www.{domain}/seeds/{id}")),
        links: if rng.percent(30) {
            vec![format!("https://www.{domain}/research/{id}.html")]
        } else {
            Vec::new()
        },
        trl,
        booth: inst.booth.clone().filter(|_| event),
        events: if event { vec!["biojapan2026".to_string()] } else { Vec::new() },
        image: rng.percent(5).then(|| format!("https://www.{domain}/images/{id}.jpg")),
        updated,
        id,
    }
}

/// Seeds whose title names a coined term too, in percent.
const TITLE_TERM_PERCENT: usize = 30;
/// Seeds whose department is named after a coined term, in percent.
const DEPARTMENT_COINED_PERCENT: usize = 25;
/// Weights of 0, 1, 2 and 3 detail sentences after the summary.
const DETAIL_SENTENCES: &[usize] = &[20, 40, 30, 10];

/// Detail sentences that follow a summary, in both languages, and the rarer terms they name
/// that also become keywords.
struct Details {
    ja: String,
    en: String,
    keywords: Vec<Term>,
}

/// Sentences about the work's particulars — genes, candidate compounds, drugs, companies,
/// sample sizes and measurements — whose terms come from the open vocabulary
/// ([`lexicon`]), so the catalogue's vocabulary grows with its size.
fn details(rng: &mut Rng) -> Details {
    let mut d = Details { ja: String::new(), en: String::new(), keywords: Vec::new() };
    for _ in 0..rng.weighted(DETAIL_SENTENCES) {
        let (c1, c2, g) = (rng.coined(), rng.coined(), rng.gene());
        let (p1, p2) = (rng.range(60, 99), rng.range(60, 99));
        let n = rng.range(12, 2400);
        let (ja, en) = match rng.below(12) {
            0 => (
                format!("{}に関与する{g}の発現を解析し、{}との関連を明らかにした。", c1.ja, c2.ja),
                format!(" We analysed the expression of {g}, which is involved in {}, and showed its link with {}.", c1.en, c2.en),
            ),
            1 => {
                let k = rng.compound_code();
                let x = decimal(rng);
                (
                    format!("候補化合物{k}は{g}を阻害し、IC50は{x} nMであった。"),
                    format!(" The candidate compound {k} inhibits {g} with an IC50 of {x} nM."),
                )
            }
            2 => (
                format!("{n}例の検体を用いた検証で、感度{p1}%、特異度{p2}%を示した。"),
                format!(" In a validation on {n} samples it showed {p1}% sensitivity and {p2}% specificity."),
            ),
            3 => {
                let drug = rng.drug();
                let f = rng.range(2, 20);
                let out = (
                    format!("既存薬{}との併用で{}が{f}倍抑制された。", drug.ja, c1.ja),
                    format!(" Combined with {}, it suppressed {} {f}-fold.", drug.en, c1.en),
                );
                d.keywords.push(drug);
                out
            }
            4 => {
                let m = rng.company();
                (
                    format!("{}と共同で{}評価用の試作機を製作した。", m.ja, c1.ja),
                    format!(" With {} we built a prototype for assessing {}.", m.en, c1.en),
                )
            }
            5 => (
                format!("{n}名のコホートで{}と{}の関連を解析した。", c1.ja, c2.ja),
                format!(" In a cohort of {n} people we studied how {} relates to {}.", c1.en, c2.en),
            ),
            6 => (
                format!("{g}欠損マウスでは{}が{p1}%軽減した。", c1.ja),
                format!(" In {g}-deficient mice, {} was reduced by {p1}%.", c1.en),
            ),
            7 => {
                let g2 = rng.gene();
                (
                    format!("{}の指標として{g}と{g2}の比を用いる点が新しい。", c1.ja),
                    format!(" Using the ratio of {g} to {g2} as a measure of {} is new.", c1.en),
                )
            }
            8 => {
                let drug = rng.drug();
                let x = decimal(rng);
                let out = (
                    format!("{}の投与量を{x} mg/kgまで減らしても効果が保たれた。", drug.ja),
                    format!(" The effect held even when the dose of {} was cut to {x} mg/kg.", drug.en),
                );
                d.keywords.push(drug);
                out
            }
            9 => {
                let (t, t2) = (rng.range(30, 240), rng.range(3, 29));
                (
                    format!("{}の検出までの時間を{t}分から{t2}分に短縮した。", c1.ja),
                    format!(" It shortened the time to detect {} from {t} to {t2} minutes.", c1.en),
                )
            }
            10 => {
                let m = rng.company();
                let y = rng.range(2015, 2024);
                (
                    format!("{y}年から{}と実用化に向けた共同研究を行っている。", m.ja),
                    format!(" Since {y} we have been working with {} towards a product.", m.en),
                )
            }
            _ => (
                format!("{}の新たな治療標的として{g}を同定した。", c1.ja),
                format!(" We identified {g} as a new treatment target for {}.", c1.en),
            ),
        };
        d.ja.push_str(&ja);
        d.en.push_str(&en);
        for _ in 0..rng.weighted(PROSE_SENTENCES) {
            let (ja, en) = prose(rng, &c1);
            d.ja.push_str(&ja);
            d.en.push_str(&en);
        }
        if rng.percent(50) {
            d.keywords.push(c1);
        }
        if rng.percent(30) {
            d.keywords.push(Term { ja: g.clone(), en: g });
        }
    }
    d
}

/// Weights of 0, 1 and 2 general sentences after each detail sentence.
const PROSE_SENTENCES: &[usize] = &[20, 45, 35];
/// General nouns that are loanwords (katakana in Japanese), in percent.
const LOANWORD_PERCENT: usize = 35;

/// A sentence of general technical prose about `topic`.
fn prose(rng: &mut Rng, topic: &Term) -> (String, String) {
    let (w1, w2) = (rng.general(), rng.general());
    let w3 = if rng.percent(LOANWORD_PERCENT) { rng.loanword() } else { rng.general() };
    match rng.below(6) {
        0 => (
            format!("{}の{}に着目し、{}を評価した。", w1.ja, w2.ja, w3.ja),
            format!(" We focused on the {} of {} and assessed its {}.", w2.en, w1.en, w3.en),
        ),
        1 => (
            format!("{}と{}を組み合わせた{}手法を開発した。", w1.ja, w2.ja, w3.ja),
            format!(" We developed a {} method combining {} with {}.", w3.en, w1.en, w2.en),
        ),
        2 => (
            format!("従来の{}では{}の{}が困難であった。", w1.ja, w2.ja, w3.ja),
            format!(" Conventional {} made the {} of {} difficult.", w1.en, w3.en, w2.en),
        ),
        3 => (
            format!("{}における{}の{}を定量的に示した。", topic.ja, w1.ja, w2.ja),
            format!(" We quantified the {} of {} in {}.", w2.en, w1.en, topic.en),
        ),
        4 => (
            format!("{}の{}により{}が向上した。", w1.ja, w2.ja, w3.ja),
            format!(" {} {} improved the {}.", capitalize(&w1.en), w2.en, w3.en),
        ),
        _ => (
            format!("本手法は{}や{}への展開も可能である。", w1.ja, w2.ja),
            format!(" The method can also be applied to {} and {}.", w1.en, w2.en),
        ),
    }
}

/// A measurement with one decimal, 0.1–99.9.
fn decimal(rng: &mut Rng) -> String {
    let tenths = rng.range(1, 999);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// `a`, `a and b`, `a, b and c`.
fn join_en(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seed_core::taxonomy::Taxonomy;
    use seed_ingest::record::RawRecord;
    use seed_ingest::validate::{CatalogBuilder, Severity};

    fn default_taxonomy() -> Taxonomy {
        serde_json::from_str(include_str!("../../../data/taxonomy.json")).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(synth(300, 7).to_json(), synth(300, 7).to_json());
        assert_ne!(synth(300, 7).to_json(), synth(300, 8).to_json());
    }

    #[test]
    fn counts_ids_and_institutions_are_as_asked() {
        for n in [0, 1, 10, 999] {
            let s = synth(n, 1);
            assert_eq!(s.seeds.len(), n);
            assert!(s.institutions.len() >= 3);
            let ids: std::collections::HashSet<_> = s.seeds.iter().map(|x| &x.id).collect();
            assert_eq!(ids.len(), n, "unique seed ids");
            let insts: std::collections::HashSet<_> =
                s.institutions.iter().map(|x| &x.id).collect();
            assert_eq!(insts.len(), s.institutions.len(), "unique institution ids");
        }
        assert_eq!(synth(100_000, 1).institutions.len(), STEMS.len() * KINDS.len());
    }

    #[test]
    fn every_record_validates_under_the_default_taxonomy() {
        let s = synth(2000, 42);
        let value: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        let mut b = CatalogBuilder::new(default_taxonomy());
        for inst in value["institutions"].as_array().unwrap() {
            let o = b.add_institution(&RawRecord::from_json(inst.as_object().unwrap()));
            assert!(o.accepted, "{:?}", o.problems);
        }
        for seed in value["seeds"].as_array().unwrap() {
            let o = b.add_seed(&RawRecord::from_json(seed.as_object().unwrap()));
            assert!(o.accepted, "{:?}", o.problems);
            assert!(o.problems.iter().all(|p| p.severity == Severity::Warning));
        }
        let bundle = b.finish(Vec::new());
        let records: Vec<SeedRecord> = bundle.seeds.into_iter().map(SeedRecord::from).collect();
        assert_eq!(records, s.seeds, "validation changes nothing");
    }

    /// Distinct English words of the summaries of the first `n` seeds.
    fn vocabulary(s: &Synthetic, n: usize) -> usize {
        let words: std::collections::HashSet<String> = (s.seeds[..n].iter())
            .filter_map(|x| x.summary_en.as_deref())
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.len()
    }

    #[test]
    fn the_vocabulary_keeps_growing_with_the_catalogue_as_in_real_text() {
        // Heaps' law: distinct words ~ K · text^β with β about 0.4–0.7 in real text; a fixed
        // vocabulary (β → 0) stops growing once every list entry has been used.
        let s = synth(8000, 5);
        let (small, large) = (vocabulary(&s, 1000), vocabulary(&s, 8000));
        let beta = (large as f64 / small as f64).ln() / 8f64.ln();
        assert!((0.4..=0.9).contains(&beta), "β = {beta:.2} ({small} → {large} words)");
    }

    #[test]
    fn distributions_look_like_a_real_booklet() {
        let s = synth(5000, 3);
        let share = |f: &dyn Fn(&SeedRecord) -> bool| {
            s.seeds.iter().filter(|x| f(x)).count() * 100 / s.seeds.len()
        };
        let english = share(&|x| x.title_en.is_some());
        assert!((80..=90).contains(&english), "English on {english}%");
        let drug = share(&|x| x.fields[0] == "drug");
        let biomaterial = share(&|x| x.fields[0] == "biomaterial");
        assert!(drug > 2 * biomaterial, "drug {drug}% vs biomaterial {biomaterial}%");
        assert!(share(&|x| x.collaboration.iter().any(|c| c == "joint_research")) > 50);
        let mean_summary =
            s.seeds.iter().map(|x| x.summary_ja.chars().count()).sum::<usize>() / s.seeds.len();
        assert!((200..=450).contains(&mean_summary), "summary_ja mean {mean_summary} characters");
        for x in &s.seeds {
            let title = x.title_ja.chars().count();
            assert!((6..=60).contains(&title), "{}", x.title_ja);
            if let (Some(trl), "basic") = (x.trl, x.stage.as_str()) {
                assert!(trl <= 3);
            }
        }
    }
}
