// The report CLI as a user runs it: W3C JSON-LD or a review package in, each format out on stdout;
// bad input gets one clear line on stderr, nothing on stdout and a non-zero exit.
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';
import { formatById } from '../../src/lib/export/index.ts';
import { toIssueJson } from '../../src/lib/issue/issue-json.ts';
import { createNote, setIssue } from '../../src/lib/review/index.ts';
import { encodePackage } from '../../src/lib/sync/review-package.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';
import { ANNA, buildNotes, FIXTURE_NOTES, T0 } from './fixtures/export/notes.ts';

const { dir, run: report, file } = cli('scripts/report.ts');

const issue = handBuiltIssue();
const notes = buildNotes(issue, FIXTURE_NOTES);
const issueFile = file('issue.json', toIssueJson(issue));
const jsonld = file('notes.jsonld', formatById('w3c-jsonld')!.produce({ issue, round: { index: 2, label: '二校' }, notes, lang: 'zh-CN', now: new Date(T0) }));

/** A review package holding the issue and one accepted-to-be suggestion, as the app exports it. */
function packageOf(of: typeof issue): string {
  const doc = new Y.Doc();
  setIssue(doc, of);
  const target = buildNotes(of, [FIXTURE_NOTES[0]!])[0]!.target;
  createNote(doc, { id: 'pkg1', target, kind: 'suggestion', category: 'typo', suggestion: { op: 'replace', text: '领导者' } }, ANNA, T0);
  return file(`${of.id}.proofroom`, encodePackage(doc, ANNA, T0));
}

describe('npm run report', { timeout: 60_000 }, () => {
  it('writes the corrections list from W3C JSON-LD: BOM, header, a row per note that asks for something', () => {
    const { code, stdout, stderr } = report(issueFile, '--notes', jsonld, '--format', 'csv', '--round', '2');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.startsWith('\uFEFF序号,页码,文章,原文,改为,类别,提出人,状态,核红\r\n')).toBe(true);
    expect(stdout.split('\r\n').filter(Boolean)).toHaveLength(1 + 6);
    expect(stdout).toContain('1,5,携手同行现代化之路,…敬的各位政党【领导人】，女士们，先…,领导者,错别字,安娜,已采纳,\r\n');
  });

  it('gives back the same JSON-LD it was given', () => {
    const again = report(issueFile, '--notes', jsonld, '--format', 'jsonld', '--round', '2');
    expect(again.code).toBe(0);
    const strip = (s: string) => JSON.parse(s.replace(/"generated": "[^"]+"/g, '"generated": ""'));
    expect(strip(again.stdout)).toEqual(strip(formatById('w3c-jsonld')!.produce({ issue, round: { index: 2, label: '二校' }, notes, lang: 'zh-CN', now: new Date(T0) })));
  });

  it('writes the corrected text with --apply all', () => {
    const text = report(issueFile, '--notes', jsonld, '--format', 'text', '--apply', 'all');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('尊敬的各位政党领导者，女士们，朋友们：\n');
    expect(text.stdout).toContain('#1 开头是井号的段落（示例），@也要转义。\n');
  });

  it('reads a review package and writes the English report', () => {
    const { code, stdout, stderr } = report(issueFile, '--notes', packageOf(issue), '--format', 'md', '--lang', 'en', '--tz', 'UTC');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# 工会工作 2023年第3期, proof 1: review notes\n/);
    expect(stdout).toContain('### 1. suggestion · typo · open\n\n- Original: …敬的各位政党【领导人】，女士们，先…\n- Change to: 领导者\n- By: 安娜, 2023-03-15 02:00');
  });

  const bad: Array<[string, () => string[], RegExp]> = [
    ['a missing notes file', () => [issueFile, '--notes', join(dir, 'nowhere.jsonld'), '--format', 'csv'], /cannot read .*nowhere\.jsonld: no such file/],
    ['notes that are not JSON', () => [issueFile, '--notes', file('broken.jsonld', '{"type": "Annotation", '), '--format', 'md'], /broken\.jsonld: not valid JSON/],
    ['annotations none of which is in the issue', () => [issueFile, '--notes', file('elsewhere.jsonld', JSON.stringify({ type: 'Annotation', id: 'urn:a', target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: '不在本期' } } })), '--format', 'md'], /none of its 1 annotations is in .*: its quote is not in this issue/],
    ['a package of another issue', () => [issueFile, '--notes', packageOf({ ...handBuiltIssue(), id: 'iother', title: '另一期' }), '--format', 'csv'], /holds the review of “另一期”, with no notes on this proof/],
    ['a damaged package', () => [issueFile, '--notes', file('bad.proofroom', 'PROOFROOM\n{"format":"proofroom-review","version":1,"issueId":"ifixture","issueTitle":"x","exportedBy":{"id":"a","name":"a"}}\n\u0001\u0002\u0003'), '--format', 'csv'], /a damaged review package/],
    ['an issue file that is empty', () => [file('empty.txt', ''), '--notes', jsonld, '--format', 'csv'], /empty/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what}: one line on stderr, nothing on stdout, exit 1`, () => {
      const { code, stdout, stderr } = report(...args());
      expect(stderr).toMatch(message);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  const usage: Array<[string, string[]]> = [
    ['an unknown format', [issueFile, '--notes', jsonld, '--format', 'pdf']],
    ['a missing --notes', [issueFile, '--format', 'csv']],
    ['a bad --apply', [issueFile, '--notes', jsonld, '--format', 'text', '--apply', 'some']],
  ];
  for (const [what, args] of usage) {
    it(`shows usage and exits 2 on ${what}`, () => {
      const { code, stdout, stderr } = report(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage: npm run report -- ISSUE');
    });
  }
});
