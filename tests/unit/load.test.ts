// loadIssue: bytes of any supported format and encoding in, an Issue with its source recorded out;
// the format is told from the name and, failing that, from the content.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { IssueError } from '../../src/lib/issue/errors.ts';
import { toIssueJson } from '../../src/lib/issue/issue-json.ts';
import { detectFormat, loadIssue, type LoadProgress } from '../../src/lib/issue/load.ts';
import { toMarkdown } from '../../src/lib/issue/markdown.ts';

const sampleBytes = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof IssueError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('detectFormat', () => {
  it('trusts .json, .md and .markdown names', () => {
    expect(detectFormat('anything', 'issue.JSON')).toBe('json');
    expect(detectFormat('anything', 'issue.md')).toBe('markdown');
    expect(detectFormat('anything', 'a.b/issue.markdown')).toBe('markdown');
  });

  it('recognises our JSON and Markdown by content when the name does not say', () => {
    expect(detectFormat('\n{ "format": "proofroom-issue", "version": 1 }', 'issue.txt')).toBe('json');
    expect(detectFormat('---\ntitle: 第3期\n---\n# 学习强会\n', 'issue.txt')).toBe('markdown');
    expect(detectFormat('# 学习强会\n\n## 标题\n\n正文。\n', 'issue')).toBe('markdown');
  });

  it('reads everything else as extracted text', () => {
    expect(detectFormat(sampleBytes.toString('utf8'), 'sample-issue.txt')).toBe('text');
    expect(detectFormat('{ not ours }', 'notes.txt')).toBe('text');
    expect(detectFormat('---\t----\n目录\n', 'x.txt')).toBe('text');
  });
});

describe('loadIssue', () => {
  const sample = loadIssue(sampleBytes, 'sample-issue.txt');

  it('parses the sample text and records where it came from', () => {
    expect(sample.source).toEqual({ name: 'sample-issue.txt', bytes: sampleBytes.length, encoding: 'utf-8', format: 'text' });
    expect(sample.sections.map((s) => s.title)).toContain('市州动态');
    expect(sample.articles.length).toBeGreaterThan(20);
  });

  it('gives the same issue from the GB18030 bytes of the sample', () => {
    const gb = loadIssue(iconv.encode(sampleBytes.toString('utf8'), 'gb18030'), 'sample-gb.txt');
    expect(gb.source.encoding).toBe('gb18030');
    expect(gb.articles).toEqual(sample.articles);
    expect(gb.id).toBe(sample.id);
  });

  it('loads its own Markdown and JSON exports, by name and by content', () => {
    const fromMd = loadIssue(utf8(toMarkdown(sample)), 'export.md');
    expect(fromMd.source.format).toBe('markdown');
    expect(fromMd.articles.map((a) => a.id)).toEqual(sample.articles.map((a) => a.id));

    const json = utf8(toIssueJson(sample));
    const fromJson = loadIssue(json, 'saved.txt');
    expect(fromJson.source).toEqual({ name: 'saved.txt', bytes: json.length, encoding: 'utf-8', format: 'json' });
    expect(fromJson.articles).toEqual(sample.articles);
    expect(fromJson.id).toBe(sample.id);
  });

  it('reports decode then parse progress, ending complete', () => {
    const seen: LoadProgress[] = [];
    loadIssue(sampleBytes, 'sample-issue.txt', (p) => seen.push(p));
    expect(seen[0]).toEqual({ phase: 'decode', fraction: 0 });
    expect(seen.at(-1)).toEqual({ phase: 'parse', fraction: 1 });
    const phases = seen.map((p) => p.phase);
    expect(phases.lastIndexOf('decode')).toBeLessThan(phases.indexOf('parse'));
  });

  it('passes decoding and format errors through with their codes', () => {
    expect(codeOf(() => loadIssue(new Uint8Array(0), 'empty.txt'))).toBe('empty');
    expect(codeOf(() => loadIssue(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'photo.txt'))).toBe('binary');
    expect(codeOf(() => loadIssue(utf8('{"format": "proofroom-issue", "version": 9}'), 'future.json'))).toBe('unsupported-version');
    expect(codeOf(() => loadIssue(utf8('## 标题\n@oops\n'), 'bad.md'))).toBe('malformed');
  });

  it('says when a file holds no article', () => {
    expect(codeOf(() => loadIssue(utf8('---\ntitle: 空的一期\n---\n\n# 学习强会\n'), 'empty-issue.md'))).toBe('no-content');
    const noArticles = { ...JSON.parse(toIssueJson(sample)), articles: [], sections: [] };
    expect(codeOf(() => loadIssue(utf8(JSON.stringify(noArticles)), 'none.json'))).toBe('no-content');
  });
});
