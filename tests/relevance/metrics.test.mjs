// The metrics and the judged-set reader of score.mjs, on hand-computed cases. Run by
// `cargo xtask relevance --check` (and so by `cargo xtask test`) before the gate.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { ndcg, readSet, reciprocalRank, regressions } from './score.mjs';

const grades = new Map([['a', 3], ['b', 2], ['c', 1]]);
const close = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

test('the ideal ranking scores an nDCG of 1', () => {
  close(ndcg(['a', 'b', 'c'], grades), 1);
});

test('nDCG uses linear gain and a log2(rank + 1) discount, the ideal built from every judgment', () => {
  // DCG of [c, x, a] = 1/1 + 0 + 3/2; ideal DCG = 3/1 + 2/log2(3) + 1/2.
  close(ndcg(['c', 'x', 'a'], grades), (1 + 3 / 2) / (3 + 2 / Math.log2(3) + 1 / 2));
});

test('a judged seed ranked below 10 counts for nothing', () => {
  const ranked = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', 'a'];
  close(ndcg(ranked, grades), 0);
  close(ndcg([], grades), 0);
});

test('MRR takes the first result of grade 2 or more, within the first 10', () => {
  close(reciprocalRank(['c', 'x', 'b', 'a'], grades), 1 / 3);
  close(reciprocalRank(['c'], grades), 0);
});

test('the gate fails a set whose overall nDCG@10 is more than 0.02 below its baseline', () => {
  const result = (name, value) => ({ name, summary: { overall: { ndcg: { ours: value } } } });
  const baseline = { sets: { s: { ndcg10: 0.8 } } };
  assert.deepEqual(regressions([result('s', 0.781)], baseline), []);
  assert.equal(regressions([result('s', 0.779)], baseline).length, 1);
  assert.equal(regressions([result('t', 0.9)], baseline).length, 1, 'a set without a baseline fails');
});

test('a judged set with an unknown seed, a bad grade or no judgment is refused with its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relevance-'));
  const file = join(dir, 'set.tsv');
  writeFileSync(file, '# comment\nterm\tがん\ta:3 b:2\nterm\tx\tzz:3\nmulti\ty\ta:4\nprefix\tz\t\n');
  assert.throws(() => readSet(file, new Set(['a', 'b'])), (e) => {
    assert.match(e.message, /set\.tsv:3: no seed "zz"/);
    assert.match(e.message, /set\.tsv:4: judgment "a:4"/);
    assert.match(e.message, /set\.tsv:5: a query needs at least one judged seed/);
    return true;
  });
  writeFileSync(file, 'term\tがん\ta:3 b:2\n');
  const [q] = readSet(file, new Set(['a', 'b']));
  assert.deepEqual([q.kind, q.query, [...q.grades]], ['term', 'がん', [['a', 3], ['b', 2]]]);
});
