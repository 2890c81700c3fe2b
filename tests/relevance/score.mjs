// Measured relevance: runs every judged query of a set through our engine (the real `seeds query
// --json` CLI) and through the peer (MiniSearch 7.2.0 with Intl.Segmenter), and scores both with
// nDCG@10 and MRR against the graded judgments in the set's TSV. Started by `cargo xtask
// relevance` (xtask/src/relevance.rs), which builds the release CLI and the bundles first; see
// tests/relevance/README.md for the judging guidelines and the metrics.
//
// node tests/relevance/score.mjs --seeds BIN --set NAME=TSV@BUNDLE [--set ...]
//      [--json] [--explain] [--pool N] [--baseline FILE (--check | --update-baseline)]
//
//   --set NAME=TSV@BUNDLE  a judged query set and the bundle its seed ids refer to (repeatable)
//   --json                 print every figure (per set, kind and query) as JSON instead of the table
//   --explain              for each query where ours scores below the peer, both top-5 lists with grades
//   --pool N               for judging: per query, the seeds in our top N or the peer's top N that
//                          have no judgment yet (judge them by reading them, then add them to the TSV)
//   --baseline FILE        the committed baseline (our overall and per-kind nDCG@10 per set)
//   --check                exit 1 if our overall nDCG@10 on any set is more than TOLERANCE below it
//   --update-baseline      rewrite FILE with the figures just measured
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';

/** Results scored per query (nDCG@K, and MRR within the first K). */
const K = 10;
/** Results listed per engine by --explain. */
const EXPLAIN_DEPTH = 5;
/** The lowest grade counted as a hit by MRR ("clearly relevant"). */
const MRR_MIN_GRADE = 2;
/** How far our overall nDCG@10 may fall below the baseline before --check fails. */
const TOLERANCE = 0.02;
/** The kinds of query every set is written in, in table order. */
const KINDS = ['term', 'variant', 'english', 'prefix', 'typo', 'multi', 'compound', 'sentence'];

// --- arguments -------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { sets: [], json: false, explain: false, pool: 0, check: false, update: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seeds') args.seeds = value();
    else if (a === '--set') {
      const m = /^([^=]+)=(.+)@(.+)$/.exec(value());
      if (!m) throw new Error('--set expects NAME=TSV@BUNDLE');
      args.sets.push({ name: m[1], tsv: m[2], bundle: m[3] });
    } else if (a === '--json') args.json = true;
    else if (a === '--explain') args.explain = true;
    else if (a === '--pool') args.pool = Number(value());
    else if (a === '--baseline') args.baseline = value();
    else if (a === '--check') args.check = true;
    else if (a === '--update-baseline') args.update = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.seeds) throw new Error('--seeds BIN is required');
  if (!args.sets.length) throw new Error('at least one --set is required');
  if ((args.check || args.update) && !args.baseline) throw new Error('--check and --update-baseline need --baseline FILE');
  return args;
}

// --- the judged set --------------------------------------------------------------------------

/**
 * Reads a judged set: TAB-separated `kind, query, judgments`, judgments as space-separated
 * `seed-id:grade` (grade 1-3). Lines starting with # and blank lines are skipped. While pooling
 * candidates for judging (`allowUnjudged`), a query may have no judgments yet.
 */
export function readSet(path, seedIds, { allowUnjudged = false } = {}) {
  const queries = [];
  const problems = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, n) => {
    if (!line.trim() || line.startsWith('#')) return;
    const where = `${path}:${n + 1}`;
    const cols = line.split('\t');
    if (allowUnjudged && cols.length === 2) cols.push('');
    if (cols.length !== 3) return problems.push(`${where}: expected 3 TAB-separated columns, found ${cols.length}`);
    const [kind, query, judged] = cols;
    if (!KINDS.includes(kind)) problems.push(`${where}: unknown kind ${JSON.stringify(kind)}`);
    if (!query.trim()) problems.push(`${where}: empty query`);
    const grades = new Map();
    for (const item of judged.trim().split(/\s+/).filter(Boolean)) {
      const m = /^(.+):([123])$/.exec(item);
      if (!m) { problems.push(`${where}: judgment ${JSON.stringify(item)} is not seed-id:grade (1-3)`); continue; }
      if (!seedIds.has(m[1])) problems.push(`${where}: no seed ${JSON.stringify(m[1])} in the bundle`);
      if (grades.has(m[1])) problems.push(`${where}: ${m[1]} judged twice`);
      grades.set(m[1], Number(m[2]));
    }
    if (!grades.size && !allowUnjudged) problems.push(`${where}: a query needs at least one judged seed`);
    if (queries.some((q) => q.query === query)) problems.push(`${where}: query ${JSON.stringify(query)} listed twice`);
    queries.push({ kind, query, grades });
  });
  if (problems.length) throw new Error(`${path} is not a valid judged set:\n  ${problems.join('\n  ')}`);
  return queries;
}

// --- metrics ---------------------------------------------------------------------------------

/** DCG of a list of gains (linear gain = grade, log2(rank + 1) discount). */
function dcg(gains) {
  return gains.slice(0, K).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
}

/** nDCG@K of a ranked list of ids; the ideal ranking is built from every judgment of the query. */
export function ndcg(ranked, grades) {
  const ideal = dcg([...grades.values()].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => grades.get(id) ?? 0)) / ideal;
}

/** Reciprocal rank of the first result within K with grade >= MRR_MIN_GRADE (0 if none). */
export function reciprocalRank(ranked, grades) {
  const i = ranked.slice(0, K).findIndex((id) => (grades.get(id) ?? 0) >= MRR_MIN_GRADE);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Whether MRR is defined for a query: some seed is at least clearly relevant. */
const hasMrr = (grades) => [...grades.values()].some((g) => g >= MRR_MIN_GRADE);

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

// --- the engines -----------------------------------------------------------------------------

/** Ours: the real CLI, exactly what `seeds query` does, top `depth` ids in rank order. */
function ours(bin, bundle, query, depth) {
  const out = execFileSync(bin, ['query', '--json', '--limit', String(depth), '--', bundle, query], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out).map((row) => row.id);
}

/**
 * The peer: MiniSearch 7.2.0 over the same fields as the benchmark's peer (tests/bench/peers.js):
 * title, summary and keywords in Japanese and English; words from Intl.Segmenter (ICU's
 * Japanese word breaker), lowercased; titles boosted 3, keywords 2; prefix matching on the last
 * term; fuzzy 0.2 for Latin words of 5+ letters. Unlike the benchmark (which uses AND to match
 * our engine's result counts), terms combine with MiniSearch's default OR, whose scores are
 * multiplied by the number of query terms a document matches, so documents matching every term
 * rank first: the stronger configuration for relevance.
 */
function peer(bundle) {
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  const words = (text) => {
    const out = [];
    for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out;
  };
  const fields = ['title_ja', 'title_en', 'summary_ja', 'summary_en', 'keywords_ja', 'keywords_en'];
  const index = new MiniSearch({ fields, tokenize: words, processTerm: (t) => t.toLowerCase() });
  index.addAll(
    bundle.seeds.map((s) => ({
      id: s.id,
      title_ja: s.title_ja ?? '',
      title_en: s.title_en ?? '',
      summary_ja: s.summary_ja ?? '',
      summary_en: s.summary_en ?? '',
      keywords_ja: (s.keywords_ja ?? []).join(' '),
      keywords_en: (s.keywords_en ?? []).join(' '),
    })),
  );
  return (query, depth) => {
    const open = !/\s$/.test(query);
    return index
      .search(query, {
        combineWith: 'OR',
        prefix: (_term, i, terms) => open && i === terms.length - 1,
        fuzzy: (term) => (/^[a-z]{5,}$/.test(term) ? 0.2 : false),
        boost: { title_ja: 3, title_en: 3, keywords_ja: 2, keywords_en: 2 },
      })
      .slice(0, depth)
      .map((r) => r.id);
  };
}

// --- one set ---------------------------------------------------------------------------------

function runSet(args, set) {
  const bundle = JSON.parse(readFileSync(set.bundle, 'utf8'));
  const titles = new Map(bundle.seeds.map((s) => [s.id, s.title_ja]));
  const queries = readSet(set.tsv, new Set(titles.keys()), { allowUnjudged: args.pool > 0 });
  const depth = Math.max(K, args.pool);
  const peerSearch = peer(bundle);
  const rows = queries.map((q) => {
    const o = ours(args.seeds, set.bundle, q.query, depth);
    const p = peerSearch(q.query, depth);
    return {
      kind: q.kind,
      query: q.query,
      grades: q.grades,
      ours: o,
      peer: p,
      ndcg: { ours: ndcg(o, q.grades), peer: ndcg(p, q.grades) },
      rr: hasMrr(q.grades) ? { ours: reciprocalRank(o, q.grades), peer: reciprocalRank(p, q.grades) } : null,
    };
  });
  return { name: set.name, seeds: bundle.seeds.length, titles, rows, summary: summarise(rows) };
}

/** Mean nDCG@10 and MRR per kind and overall, for both engines. */
function summarise(rows) {
  const group = (rs) => {
    const withRr = rs.filter((r) => r.rr);
    return {
      queries: rs.length,
      ndcg: { ours: mean(rs.map((r) => r.ndcg.ours)), peer: mean(rs.map((r) => r.ndcg.peer)) },
      mrr: { ours: mean(withRr.map((r) => r.rr.ours)), peer: mean(withRr.map((r) => r.rr.peer)) },
    };
  };
  const kinds = {};
  for (const kind of KINDS) {
    const rs = rows.filter((r) => r.kind === kind);
    if (rs.length) kinds[kind] = group(rs);
  }
  return { kinds, overall: group(rows) };
}

// --- output ----------------------------------------------------------------------------------

const f3 = (x) => (x == null ? '-' : x.toFixed(3));

function table(result) {
  const head = ['kind', 'queries', 'ours nDCG@10', 'peer nDCG@10', 'ours MRR', 'peer MRR'];
  const line = (name, g) => [name, String(g.queries), f3(g.ndcg.ours), f3(g.ndcg.peer), f3(g.mrr.ours), f3(g.mrr.peer)];
  const body = [
    ...Object.entries(result.summary.kinds).map(([k, g]) => line(k, g)),
    line('**overall**', result.summary.overall),
  ];
  const out = [`${result.name} (${result.seeds} seeds)`, `| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 1 ? '---' : '---:')).join('|')}|`];
  for (const r of body) out.push(`| ${r.join(' | ')} |`);
  return out.join('\n');
}

function explain(result) {
  const out = [];
  const list = (ids, grades) =>
    ids.length
      ? ids.slice(0, EXPLAIN_DEPTH).map((id, i) => `      ${i + 1}. [${grades.get(id) ?? 0}] ${id}  ${result.titles.get(id) ?? ''}`)
      : ['      (no results)'];
  for (const r of result.rows) {
    if (!(r.ndcg.ours < r.ndcg.peer)) continue;
    out.push(`  ${r.kind}  ${JSON.stringify(r.query)}  ours ${f3(r.ndcg.ours)} < peer ${f3(r.ndcg.peer)}`);
    out.push('    ours:', ...list(r.ours, r.grades));
    out.push('    peer:', ...list(r.peer, r.grades));
  }
  return out.length
    ? `${result.name}: queries where ours scores below the peer (grade in brackets)\n${out.join('\n')}`
    : `${result.name}: no query where ours scores below the peer`;
}

function pool(result, n) {
  const out = [];
  for (const r of result.rows) {
    const ids = [...new Set([...r.ours.slice(0, n), ...r.peer.slice(0, n)])].filter((id) => !r.grades.has(id));
    if (!ids.length) continue;
    out.push(`${r.kind}\t${r.query}`);
    for (const id of ids) out.push(`    ${id}  ${result.titles.get(id) ?? ''}`);
  }
  return `${result.name}: unjudged seeds in either engine's top ${n}\n${out.join('\n')}`;
}

function asJson(results) {
  return results.map((res) => ({
    set: res.name,
    seeds: res.seeds,
    summary: res.summary,
    queries: res.rows.map((r) => ({
      kind: r.kind,
      query: r.query,
      ndcg: r.ndcg,
      rr: r.rr,
      ours: r.ours.slice(0, K),
      peer: r.peer.slice(0, K),
    })),
  }));
}

// --- baseline --------------------------------------------------------------------------------

function baselineOf(results) {
  const sets = {};
  for (const res of results) {
    const kinds = {};
    for (const [k, g] of Object.entries(res.summary.kinds)) kinds[k] = round(g.ndcg.ours);
    sets[res.name] = { queries: res.rows.length, ndcg10: round(res.summary.overall.ndcg.ours), kinds };
  }
  return sets;
}

const round = (x) => Math.round(x * 1e4) / 1e4;

/** Problems of our engine against the baseline: one line per set whose overall fell too far. */
export function regressions(results, baseline) {
  const problems = [];
  for (const res of results) {
    const base = baseline.sets?.[res.name];
    if (!base) { problems.push(`${res.name}: no baseline (run cargo xtask relevance --update-baseline)`); continue; }
    const now = res.summary.overall.ndcg.ours;
    if (now < base.ndcg10 - TOLERANCE) {
      problems.push(`${res.name}: overall nDCG@10 ${f3(now)} is more than ${TOLERANCE} below the baseline ${f3(base.ndcg10)}`);
    }
  }
  return problems;
}

// --- main ------------------------------------------------------------------------------------

function main() {
  const args = parseArgs(process.argv.slice(2));
  const results = args.sets.map((set) => runSet(args, set));
  if (args.json) console.log(JSON.stringify(asJson(results), null, 2));
  else for (const res of results) console.log(`${table(res)}\n`);
  if (args.explain) for (const res of results) console.log(`${explain(res)}\n`);
  if (args.pool) for (const res of results) console.log(`${pool(res, args.pool)}\n`);
  if (args.update) {
    let previous = {};
    try { previous = JSON.parse(readFileSync(args.baseline, 'utf8')); } catch { /* a new file */ }
    const sets = { ...(previous.sets ?? {}), ...baselineOf(results) };
    const doc = {
      about: 'Our engine\'s nDCG@10 per judged set (overall and per kind), measured by `cargo xtask relevance`. ' +
        `\`cargo xtask test\` fails if the overall figure of any set drops more than ${TOLERANCE} below it. ` +
        'Rewrite with `cargo xtask relevance --update-baseline` after a change that is meant to move it.',
      tolerance: TOLERANCE,
      sets,
    };
    writeFileSync(args.baseline, `${JSON.stringify(doc, null, 2)}\n`);
    console.error(`relevance: wrote ${args.baseline}`);
  }
  if (args.check) {
    const baseline = JSON.parse(readFileSync(args.baseline, 'utf8'));
    const problems = regressions(results, baseline);
    if (problems.length) {
      console.error(`relevance: FAILED\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    for (const res of results) {
      console.error(`relevance: ${res.name} overall nDCG@10 ${f3(res.summary.overall.ndcg.ours)} (baseline ${f3(baseline.sets[res.name].ndcg10)}, tolerance ${TOLERANCE}): ok`);
    }
  }
}

// Run as a script (not when imported by metrics.test.mjs).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    console.error(`relevance: ${e.message}`);
    process.exit(2);
  }
}
