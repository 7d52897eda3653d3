// Quality gates of the automatic checks, measured rather than claimed: on the labelled corpus
// (tests/unit/fixtures/checks) precision and recall of 0.9 or better, with every check tried; on
// the real sample issue fewer than 40 findings in all — a checker that cries wolf gets switched
// off — among them the real errors the sample is known to have.
import { describe, expect, it } from 'vitest';
import { sampleIssue } from '../../bench/synthetic.ts';
import { CHECKS, runChecks } from '../../src/lib/checks/registry.ts';
import { loadCorpus, score } from './fixtures/checks/corpus.ts';

describe('the labelled corpus', () => {
  const corpus = loadCorpus();
  const scored = score(
    corpus.map((c) => ({ corpus: c, findings: runChecks(c.issue) })),
    CHECKS.map((c) => c.id),
  );

  it('labels errors of every kind the checks look for', () => {
    for (const check of CHECKS) expect(corpus.flatMap((c) => c.labels).filter((l) => l.check === check.id).length, check.id).toBeGreaterThanOrEqual(5);
  });

  it('scores precision and recall of 0.9 or better overall', () => {
    const show = [...scored.falsePositives.map((f) => `FP ${f.file} ${f.finding.check} ${f.finding.quote}`), ...scored.falseNegatives.map((l) => `FN ${l.file} ${l.check} ${l.text}`)];
    expect(scored.overall.precision, show.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(scored.overall.recall, show.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the sample issue', () => {
  const findings = runChecks(sampleIssue());

  it('gets fewer than 40 findings in all', () => {
    expect(findings.length).toBeLessThan(40);
  });

  it('gets the real errors it has: a traditional character, dropped characters, a set-twice column, title mismatches', () => {
    const quotes = findings.map((f) => `${f.check}:${f.quote}`);
    for (const expected of ['traditional:標準', 'term-variant:省总会', 'term-variant:高质量展', 'term-variant:六个现代新青海', 'term-variant:产业工人建设改革', 'stitch:带，', 'house-list:付诸于']) {
      expect(quotes).toContain(expected);
    }
    expect(findings.filter((f) => f.check === 'contents-title')).toHaveLength(3);
    expect(findings.some((f) => f.check === 'stitch' && f.quote.includes('添加至收卫体'))).toBe(true);
  });
});
