// The automatic checks: quality on the labelled corpus (tests/unit/fixtures/checks), precision and
// recall overall and per check, and the time to run every check on the sample and on a synthetic
// issue 20× its size, in Node.

import { CHECKS, runChecks } from '../src/lib/checks/registry.ts';
import { parseText } from '../src/lib/issue/parse-text.ts';
import { loadCorpus, score, type Score } from '../tests/unit/fixtures/checks/corpus.ts';
import { round, measure, type Results } from './measure.ts';
import { sampleIssue, synthesizeIssueText } from './synthetic.ts';

export const targets = {
  'checks.precision': '≥ 0.9',
  'checks.recall': '≥ 0.9',
  'checks.sample.findings': '< 40',
  'checks.sample.ms': '≤ 150',
  'checks.x20.ms': '≤ 3000',
};

const perCheck = (scores: Map<string, Score>, pick: (s: Score) => number) =>
  [...scores].map(([id, s]) => `${id} ${pick(s).toFixed(2)}`).join(', ');

export default async function checksBenchmarks(results: Results): Promise<void> {
  const corpus = loadCorpus();
  const scored = score(
    corpus.map((c) => ({ corpus: c, findings: runChecks(c.issue) })),
    CHECKS.map((c) => c.id),
  );
  const labels = corpus.reduce((n, c) => n + c.labels.length, 0);
  const { overall } = scored;
  results['checks.precision'] = {
    value: round(overall.precision, 3),
    unit: '',
    note: `${overall.truePositives} of ${overall.truePositives + overall.falsePositives} findings right; by check: ${perCheck(scored.perCheck, (s) => s.precision)}`,
  };
  results['checks.recall'] = {
    value: round(overall.recall, 3),
    unit: '',
    note: `${labels - overall.falseNegatives} of ${labels} labels found in ${corpus.length} files; by check: ${perCheck(scored.perCheck, (s) => s.recall)}`,
  };

  // A fresh Issue object for every run: the shared index is cached per Issue, and the app checks each proof once.
  const sample = sampleIssue();
  const findings = runChecks(sample);
  results['checks.sample.findings'] = { value: findings.length, unit: 'findings', note: CHECKS.map((c) => [c.id, findings.filter((f) => f.check === c.id).length] as const).filter(([, n]) => n).map(([id, n]) => `${id} ${n}`).join(', ') };
  const sampleCopies = Array.from({ length: 30 }, () => structuredClone(sample));
  results['checks.sample.ms'] = measure(() => runChecks(sampleCopies.pop() ?? structuredClone(sample)), { runs: 20, warmup: 5 });

  const x20 = synthesizeIssueText(20);
  const parse = () => parseText(x20, { name: 'x20.txt', bytes: x20.length, encoding: 'utf-8', format: 'text' });
  const big = Array.from({ length: 6 }, parse);
  const articles = big[0]!.articles.length;
  results['checks.x20.ms'] = { ...measure(() => runChecks(big.pop() ?? parse()), { runs: 3, warmup: 1 }), note: `${(x20.length / 1e6).toFixed(1)}M chars, ${articles} articles` };
}
