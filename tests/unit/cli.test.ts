// The parse CLI as a user runs it: an outline of the sample, its JSON, and one clear error line
// (with a non-zero exit and nothing on stdout) for each kind of bad input.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';

const { dir, run: parse, file } = cli('scripts/parse.ts');

describe('npm run parse', { timeout: 60_000 }, () => {
  it('prints an outline of the sample: sections, articles with pages and counts, totals', () => {
    const { code, stdout, stderr } = parse('static/sample-issue.txt');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('2023年第3期');
    expect(stdout).toMatch(/^学习强会$/m);
    expect(stdout).toMatch(/^市州动态$/m);
    expect(stdout).toMatch(/p\.\s+3 {2}在第十四届全国人民代表大会第一次会议上的讲话/);
    expect(stdout).toMatch(/\d+ ¶ · \d+ headings · \d+ captions · \d+ source · \d+ joins/);
    expect(stdout).toMatch(/title mismatch: contents ".+" \/ printed ".+"/);
    expect(stdout).toMatch(/^Totals: \d+ sections, \d+ articles, \d+ paragraphs/m);
  });

  it('prints the parsed issue as JSON with --json', () => {
    const { code, stdout } = parse('static/sample-issue.txt', '--json');
    expect(code).toBe(0);
    const issue = JSON.parse(stdout);
    expect(issue.format).toBe('proofroom-issue');
    expect(issue.version).toBe(1);
    expect(issue.sections.map((s: { title: string }) => s.title)).toContain('学习强会');
  });

  it('prints Markdown with --markdown, which reads back to the same outline', () => {
    const md = parse('static/sample-issue.txt', '--markdown');
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('---\ntitle: 2023年第3期\n')).toBe(true);
    const again = parse(file('sample.md', md.stdout));
    const counts = (s: string) => s.split('\n').filter((l) => l.includes('¶') || l.startsWith('Totals')).map((l) => l.replace(/\d+ joins/, ''));
    expect(counts(again.stdout)).toEqual(counts(parse('static/sample-issue.txt').stdout));
  });

  const bad: Array<[string, () => string, RegExp]> = [
    ['an empty file', () => file('empty.txt', ''), /empty/],
    ['a PNG image', () => file('photo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /PNG image, not text/],
    ['a missing path', () => join(dir, 'nowhere.txt'), /cannot read .*nowhere\.txt: no such file/],
    ['malformed JSON', () => file('broken.json', '{"format": "proofroom-issue", "version": 1, "id": '), /Not valid JSON/],
  ];
  for (const [what, make, message] of bad) {
    it(`refuses ${what}: one line on stderr, nothing on stdout, exit 1`, () => {
      const { code, stdout, stderr } = parse(make());
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('shows usage and exits 2 on an unknown flag or no file', () => {
    for (const args of [['static/sample-issue.txt', '--yaml'], []]) {
      const { code, stdout, stderr } = parse(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage: npm run parse -- FILE');
    }
  });
});
