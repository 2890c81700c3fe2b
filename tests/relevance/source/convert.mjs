// Converts the KAKEN excerpt (source/kaken-excerpt.tsv: grant number, title, keywords as KAKEN
// lists them, joined by 、) into the held-out catalogue in our seeds JSON format
// (heldout/seeds.json, heldout/institutions.json). Only the grants' own text is used:
//   title_ja     the title (and title_en as well when the title is in English only)
//   summary_ja   the keyword line, as KAKEN shows it (grants carry no summary in the excerpt)
//   keywords_ja  the keywords with Japanese characters; keywords_en the Latin-only ones
//   fields       a facet guessed from the title and keywords (facets are not searched as text)
//   stage        basic (these are research grants); updated: 2022-04-01 (all started in FY2022)
// Run: node tests/relevance/source/convert.mjs (rewrites the two JSON files).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'heldout');
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

/** Facet rules, in priority order; a seed gets the first two that match (or the default). */
const FIELD_RULES = [
  ['dds', /DDS|ドラッグデリバリー|薬物送達|送達|デリバリー|マイクロニードル|経皮|delivery/i],
  ['regenerative', /再生|iPS|幹細胞|組織工学|オルガノイド|脱細胞|stem cell/i],
  ['biomaterial', /バイオマテリアル|インプラント|マグネシウム|コーティング|アパタイト|人工骨|グラフト|ナノ粒子/],
  ['digital', /AI|深層学習|機械学習|人工知能|ニューラルネットワーク|アプリ|ICT|IoT|ディープラーニング|deep learning/i],
  ['clinical_support', /臨床試験|リアルワールドデータ|薬事|レギュラトリー|研究データ管理|医薬品相互作用|薬物相互作用/],
  ['diagnostics', /診断|検出|スクリーニング|イメージング|画像|MRI|CT|PET|SPECT|超音波|バイオマーカー|検査|予測/],
  ['device', /装置|デバイス|ロボット|人工心臓|人工呼吸器|カテーテル|センサ|装具|義手|車椅子|ECMO|透析|手術支援|シミュレータ|器/],
  ['drug', /治療薬|医薬|ワクチン|薬剤|抗がん剤/],
  ['healthcare', /食品|栄養|食事|腸内細菌|サルコペニア|老化|健康|機能性|運動/],
];

function fields(text, fallback) {
  const hits = FIELD_RULES.filter(([, re]) => re.test(text)).map(([id]) => id);
  return hits.length ? hits.slice(0, 2) : [fallback];
}

const seeds = [];
for (const line of readFileSync(join(here, 'kaken-excerpt.tsv'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [grant, title, keywordLine] = line.split('\t');
  const keywords = [...new Set(keywordLine.split('、').map((k) => k.trim()).filter(Boolean))];
  const english = !CJK.test(title);
  // Grants numbered 22K11xxx are from the nutrition and health-science block, 22K12xxx from
  // biomedical and welfare engineering.
  const fallback = grant.startsWith('22K11') ? 'healthcare' : 'device';
  seeds.push({
    id: `kaken-${grant}`,
    institution: 'kaken',
    title_ja: title,
    ...(english ? { title_en: title } : {}),
    summary_ja: keywordLine,
    keywords_ja: keywords.filter((k) => CJK.test(k)),
    keywords_en: keywords.filter((k) => !CJK.test(k)),
    fields: fields(`${title} ${keywordLine}`, fallback),
    stage: 'basic',
    // The grants in the excerpt all started in fiscal year 2022.
    updated: '2022-04-01',
    links: [`https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-${grant}/`],
  });
}
const institutions = [
  {
    id: 'kaken',
    name_ja: '科研費採択課題',
    name_en: 'KAKEN grant projects',
    region: 'tokyo',
    url: 'https://kaken.nii.ac.jp/',
  },
];
writeFileSync(join(out, 'seeds.json'), `${JSON.stringify({ seeds }, null, 2)}\n`);
writeFileSync(join(out, 'institutions.json'), `${JSON.stringify({ institutions }, null, 2)}\n`);
console.log(`wrote ${seeds.length} seeds to ${out}`);
