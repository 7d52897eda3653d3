// runChecks over whole issues: every finding points at exactly the text it quotes, ids are stable
// and unique, findings come in reading order, two checks flagging the same span the same way make
// one finding, disabled checks do not run, and the module stays pure (nothing Node- or DOM-only).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleIssue } from '../../bench/synthetic.ts';
import { CHECKS, runChecks } from '../../src/lib/checks/registry.ts';
import type { Check, Finding } from '../../src/lib/checks/types.ts';
import { parseCorpus } from './fixtures/checks/corpus.ts';

const sample = sampleIssue();
const findings = runChecks(sample);

describe('runChecks', () => {
  it('quotes exactly the text each finding points at, with a message in both languages', () => {
    const blocks = new Map(sample.articles.flatMap((a) => a.blocks.map((b) => [b.id, { b, a }] as const)));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const at = blocks.get(f.blockId)!;
      expect(at.a.id).toBe(f.articleId);
      expect(at.b.text.slice(f.start, f.end)).toBe(f.quote);
      expect(f.end).toBeGreaterThan(f.start);
      expect(f.message.zh.length).toBeGreaterThan(0);
      expect(f.message.en.length).toBeGreaterThan(0);
      expect(['typo', 'punctuation', 'fact', 'layout', 'style', 'other']).toContain(f.category);
    }
  });

  it('gives the same findings with the same ids on every run, and no id twice', () => {
    const again = runChecks(sampleIssue());
    expect(again).toEqual(findings);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });

  it('lists findings in reading order: article, block, offset', () => {
    const order = new Map(sample.articles.flatMap((a, ai) => a.blocks.map((b, bi) => [b.id, ai * 10_000 + bi] as const)));
    const keys = findings.map((f) => order.get(f.blockId)! * 100_000 + f.start);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('keeps one finding when two checks flag the same span the same way', () => {
    const issue = parseCorpus('=== 标题\n会议强调，要抓好落实。\n', 't').issue;
    const block = issue.articles[0]!.blocks[1]!;
    const twin = (id: string): Check => ({
      id,
      label: { zh: id, en: id },
      run: (): Finding[] => [{ id: `f-${id}`, check: id, articleId: issue.articles[0]!.id, blockId: block.id, start: 0, end: 2, quote: '会议', suggestion: { op: 'replace', text: '会上' }, category: 'typo', message: { zh: id, en: id } }],
    });
    const registry = CHECKS as Check[];
    registry.push(twin('zz-one'), twin('zz-two'));
    try {
      const out = runChecks(issue).filter((f) => f.check.startsWith('zz-'));
      expect(out.map((f) => f.check)).toEqual(['zz-one']);
    } finally {
      registry.splice(registry.length - 2, 2);
    }
  });

  it('runs no disabled check', () => {
    const off = runChecks(sample, { disabled: ['half-width', 'punctuation'] });
    expect(off.some((f) => f.check === 'half-width' || f.check === 'punctuation')).toBe(false);
    expect(off.length).toBe(findings.filter((f) => f.check !== 'half-width' && f.check !== 'punctuation').length);
  });

  it('has distinct check ids, each with a label in both languages', () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) expect(c.label.zh && c.label.en).toBeTruthy();
  });

  it('finds nothing in an empty article and in plain clean text, Chinese or English', () => {
    const clean = parseCorpus('=== 空\n=== 职工书屋开放\n职工书屋每天开放十个小时，周末照常开放。\n=== Reading rooms\nThe rooms open on Saturdays, and members may borrow five books.\n', 't').issue;
    expect(runChecks(clean)).toEqual([]);
  });
});

describe('the checks module', () => {
  it('imports nothing from Node or the DOM, so the same code runs in a worker', () => {
    const dir = new URL('../../src/lib/checks/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const imports = [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gmu)].map((m) => m[1]!);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^(?:\.\.?\/|opencc-js\/dict\/)/u);
      expect(text, file).not.toMatch(/\b(?:document|window|process|require)\s*[.(]/u);
    }
  });
});
