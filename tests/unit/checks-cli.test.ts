// The proofread CLI as a user runs it: the sample's findings by article, the JSON with each quote,
// a house list file of one's own, and one clear error line (non-zero exit, nothing on stdout) for
// bad input.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';

const { dir, run: proofread, file } = cli('scripts/proofread.ts');

const ISSUE = `本期目录

学习园地

职工书屋开放啦\t3

职工书屋开放啦

截止目前，全市已建成职工书屋二百家，每天开放十个小时，周末照常开放,欢迎职工前来阅读。
`;

describe('npm run proofread', { timeout: 60_000 }, () => {
  it('prints the sample’s findings article by article, with a count by check', () => {
    const { code, stdout, stderr } = proofread('static/sample-issue.txt');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^p\.7 {2}坚守党校初心/m);
    expect(stdout).toMatch(/^ {2}traditional +错别字 “標準” → “标准” {2}“標準”：繁体字或异体字，应作“标准”/m);
    expect(stdout).toMatch(/^\d+ findings: contents-title 3, /m);
  });

  it('prints {"findings":[…]} with --json, each with the exact text it points at', () => {
    const { code, stdout } = proofread('static/sample-issue.txt', '--json');
    expect(code).toBe(0);
    const { findings } = JSON.parse(stdout) as { findings: Array<Record<string, unknown>> };
    expect(findings.length).toBeGreaterThan(10);
    expect(findings.length).toBeLessThan(40);
    for (const f of findings) expect(Object.keys(f)).toEqual(['check', 'articleId', 'quote', 'suggestion', 'category', 'message']);
    expect(findings).toContainEqual({
      check: 'term-variant',
      articleId: expect.any(String),
      quote: '高质量展',
      suggestion: { op: 'replace', text: '高质量发展' },
      category: 'typo',
      message: expect.objectContaining({ zh: expect.stringContaining('少了“发”'), en: expect.any(String) }),
    });
    expect(findings.find((f) => f.check === 'contents-title')!.suggestion).toBeNull();
  });

  it('applies the starter list when no house list is given', () => {
    const { stdout } = proofread(file('starter.txt', ISSUE), '--json');
    expect(JSON.parse(stdout).findings.map((f: { quote: string }) => f.quote)).toEqual(['截止目前', ',']);
  });

  it('applies a house list file instead of the starter list, and runs no disabled check', () => {
    const house = file('house.txt', '# 本刊用字表\n职工书屋 → 职工之家 # 测试用\n');
    const { stdout } = proofread(file('own.txt', ISSUE), '--json', '--house', house, '--disable', 'half-width');
    expect(JSON.parse(stdout).findings.map((f: { quote: string }) => f.quote)).toEqual(['职工书屋', '职工书屋']);
  });

  it('speaks English with --lang en', () => {
    expect(proofread(file('en.txt', ISSUE), '--lang', 'en').stdout).toContain('“截止目前”: write “截至目前”');
  });

  const bad: Array<[string, () => string[], RegExp]> = [
    ['a missing file', () => [join(dir, 'nowhere.txt')], /^proofread: cannot read .*nowhere\.txt: no such file$/],
    ['an empty file', () => [file('empty.txt', '')], /^proofread: .*empty\.txt: .*empty/],
    ['a bad house list', () => [file('ok.txt', ISSUE), '--house', file('bad-house.txt', '好 → 对\n没有箭头\n 错 →\n')], /^proofread: .*bad-house\.txt: line 2: no “→” or tab; write “wrong → right” \(2 bad lines\)$/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what}: one line on stderr, nothing on stdout, exit 1`, () => {
      const { code, stdout, stderr } = proofread(...args());
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  for (const args of [['static/sample-issue.txt', '--yaml'], ['static/sample-issue.txt', '--disable', 'spelling'], []]) {
    it(`shows usage and exits 2 for: ${args.join(' ') || 'no file'}`, () => {
      const { code, stdout, stderr } = proofread(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage: npm run proofread -- FILE');
    });
  }
});
