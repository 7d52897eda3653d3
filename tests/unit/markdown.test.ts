// The Markdown format: a hand-written file reads as the structure it describes, export and re-import
// keep titles, blocks, pages, sections and contents, and mistakes are reported with their line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IssueError } from '../../src/lib/issue/errors.ts';
import { parseMarkdown, toMarkdown } from '../../src/lib/issue/markdown.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import type { Issue, IssueSource } from '../../src/lib/issue/types.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const source: IssueSource = { name: 'issue.md', bytes: 0, encoding: 'utf-8', format: 'markdown' };

/** What a reader sees: everything but ids, joins and where the file came from. */
function structure(issue: Issue) {
  return {
    title: issue.title,
    language: issue.language,
    masthead: issue.masthead,
    sections: issue.sections.map((s) => ({
      title: s.title,
      entries: s.entries.map((e) => ({ title: e.title, author: e.author, page: e.page, group: e.group, linked: e.articleId !== null })),
    })),
    articles: issue.articles.map((a) => ({
      title: a.title,
      section: issue.sections.find((s) => s.id === a.sectionId)?.title ?? null,
      group: a.group,
      tocTitle: a.tocTitle,
      page: a.page,
      titleMismatch: a.titleMismatch,
      blocks: a.blocks.map((b) => [b.kind, b.text]),
    })),
  };
}

const example = `---
title: 工会工作 2023年第3期
label: 2023年第3期
publisher: 青海省总工会
board.委员: 汪琦、吴有祯
other: 内部资料 免费交流
---

# 学习强会

## 携手同行现代化之路
@kicker 在高层对话会上
@subtitle ——主旨讲话
@byline □ 习近平
@page 5
@toc 在高层对话会上 携手同行现代化之路——主旨讲话
@author 习近平

尊敬的各位政党领导人，
女士们，先生们：

### 一、坚守人民至上理念

Workers of the
world.

@caption 会议现场 王敬斋 摄
@source （来源：新华社）

# 市州动态

## 西宁市总工会持续推进专项工作
@page 31
@group 西宁市总工会
@toc 西宁市总工会持续推动专项工作

\\@工会 第一段。

@entry 一篇没有正文的文章
@page 33
`;

describe('parseMarkdown', () => {
  const issue = parseMarkdown(example, source);

  it('reads the front matter into title, label and masthead', () => {
    expect(issue.title).toBe('工会工作 2023年第3期');
    expect(issue.masthead).toEqual({
      issueLabel: '2023年第3期',
      publisher: '青海省总工会',
      board: [{ role: '委员', names: ['汪琦', '吴有祯'] }],
      other: ['内部资料 免费交流'],
    });
    expect(issue.language).toBe('zh');
    expect(issue.source.format).toBe('markdown');
  });

  it('reads sections, articles and their contents entries', () => {
    expect(issue.sections.map((s) => s.title)).toEqual(['学习强会', '市州动态']);
    const [first, second] = issue.articles;
    expect(first).toMatchObject({ title: '携手同行现代化之路', page: 5, tocTitle: '在高层对话会上 携手同行现代化之路——主旨讲话', titleMismatch: false });
    expect(second).toMatchObject({ page: 31, group: '西宁市总工会', titleMismatch: true });
    expect(issue.sections[0]!.entries[0]).toMatchObject({ author: '习近平', page: 5, articleId: first!.id });
    expect(issue.sections[1]!.entries.map((e) => [e.title, e.page, e.articleId === null])).toEqual([
      ['西宁市总工会持续推动专项工作', 31, false],
      ['一篇没有正文的文章', 33, true],
    ]);
  });

  it('makes every block kind, kicker before the title, paragraph lines joined', () => {
    expect(issue.articles[0]!.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['kicker', '在高层对话会上'],
      ['title', '携手同行现代化之路'],
      ['subtitle', '——主旨讲话'],
      ['byline', '□ 习近平'],
      ['paragraph', '尊敬的各位政党领导人，女士们，先生们：'],
      ['heading', '一、坚守人民至上理念'],
      ['paragraph', 'Workers of the world.'],
      ['caption', '会议现场 王敬斋 摄'],
      ['source', '（来源：新华社）'],
    ]);
    expect(issue.articles[1]!.blocks[1]).toMatchObject({ kind: 'paragraph', text: '@工会 第一段。' });
  });

  it('gives deterministic ids: the same file twice, the same ids', () => {
    const again = parseMarkdown(example, source);
    expect(again.articles.flatMap((a) => a.blocks.map((b) => b.id))).toEqual(issue.articles.flatMap((a) => a.blocks.map((b) => b.id)));
    expect(issue.articles[0]!.blocks[1]!.id).toBe(`${issue.articles[0]!.id}.1`);
  });

  it('puts articles before the first section outside any section', () => {
    const loose = parseMarkdown('## Foreword\n\nHello.\n\n# Features\n\n## Story\n\nText.\n', source);
    expect(loose.articles.map((a) => [a.title, a.sectionId === null, a.tocEntryId === null])).toEqual([
      ['Foreword', true, true],
      ['Story', false, false],
    ]);
    expect(loose.language).toBe('en');
    expect(loose.title).toBe('issue');
  });
});

describe('parseMarkdown errors name the line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['text before any article', '# 学习强会\n\n孤立的段落。\n', /line 3: text before the first article/],
    ['unknown directive', '## 标题\n@pgae 3\n', /line 2: unknown directive @pgae/],
    ['page that is not a number', '## 标题\n@page three\n', /line 2: @page needs a page number/],
    ['unclosed front matter', '---\ntitle: x\n\n## 标题\n', /line 1: .*never closed/],
    ['unknown front matter key', '---\ntitel: x\n---\n## 标题\n', /line 2: unknown front matter key "titel"/],
    ['bad language', '---\nlanguage: fr\n---\n## 标题\n', /line 2: language must be zh, en or other/],
    ['entry outside a section', '@entry 目录条目\n', /must come after a `# Section` heading/],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => {
      const run = () => parseMarkdown(text, source);
      expect(run).toThrow(IssueError);
      expect(run).toThrow(message);
      try {
        run();
      } catch (err) {
        expect((err as IssueError).code).toBe('malformed');
      }
    });
  }
});

describe('toMarkdown → parseMarkdown round trip', () => {
  it('keeps the structure of a hand-built issue with every block kind', () => {
    const issue = handBuiltIssue();
    const md = toMarkdown(issue);
    expect(md).toContain('\n## 携手同行现代化之路\n@kicker 在高层对话会上\n');
    expect(md).toContain('\n\\#1 开头是井号的段落');
    expect(structure(parseMarkdown(md, source))).toEqual(structure(issue));
  });

  it('keeps the sample issue exactly, ids included (joins are not part of Markdown)', () => {
    const text = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
    const parsed = parseText(text, { name: 'sample-issue.txt', bytes: text.length, encoding: 'utf-8', format: 'text' });
    const md = toMarkdown(parsed);
    const back = parseMarkdown(md, source);
    const withoutJoins = (i: Issue) => i.articles.map((a) => ({ ...a, blocks: a.blocks.map(({ joins: _joins, ...b }) => b) }));
    expect(back.sections).toEqual(parsed.sections);
    expect(withoutJoins(back)).toEqual(withoutJoins(parsed));
    expect(back.masthead).toEqual(parsed.masthead);
    expect(back.title).toBe(parsed.title);
    expect(toMarkdown(back)).toBe(md);
    expect(md).toContain('\n# 市州动态\n');
  });
});
