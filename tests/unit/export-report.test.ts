// The Markdown report: every note with its replies, grouped by article in reading order, notes by
// position, each with kind, category, status, passage, change, author and time, 核红 and body;
// text from reviewers cannot add headings, lists or emphasis.
import { describe, expect, it } from 'vitest';
import { formatById, type ExportInput } from '../../src/lib/export/index.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';
import { buildNotes, FIXTURE_NOTES, T0 } from './fixtures/export/notes.ts';

const issue = handBuiltIssue();
const notes = buildNotes(issue, FIXTURE_NOTES);
const input = (over: Partial<ExportInput> = {}): ExportInput => ({
  issue,
  round: { index: 2, label: '二校' },
  notes,
  checks: new Map([['replace1', '已改']]),
  lang: 'zh-CN',
  now: new Date(T0 + 3_600_000),
  timeZone: 'Asia/Shanghai',
  ...over,
});
const report = formatById('report-md')!;
const headings = (md: string) => md.split('\n').filter((l) => /^#{1,3} /.test(l));

describe('Markdown report', () => {
  it('groups notes under their article in reading order, by position inside each', () => {
    const md = report.produce(input());
    expect(headings(md)).toEqual([
      '# 工会工作 2023年第3期 二校 审校意见',
      '## 携手同行现代化之路（第 5 页）',
      '### 1. 建议修改 · 错别字 · 已采纳',
      '### 2. 建议修改 · 标点 · 已采纳',
      '### 3. 建议修改 · 文风 · 未采纳',
      '### 4. 划线 · 错别字 · 未解决',
      '### 5. 建议修改 · 标点 · 未解决',
      '## 西宁市总工会持续推进专项工作（第 31 页）',
      '### 6. 批注 · 事实 · 未解决',
      '## 编后记',
      '### 7. 提问 · 文风 · 未解决',
    ]);
    expect(md).toContain('共 7 条意见，导出于 2023-03-15 11:00。');
    expect(report.extension).toBe('md');
  });

  it('gives each note its passage, change, author and time, 核红 and body', () => {
    const md = report.produce(input());
    const first = md.slice(md.indexOf('### 1.'), md.indexOf('### 2.'));
    expect(first).toContain('- 原文：…敬的各位政党【领导人】，女士们，先…\n- 改为：领导者\n- 提出人：安娜，2023-03-15 10:05\n- 核红：已改');
    const second = md.slice(md.indexOf('### 2.'), md.indexOf('### 3.'));
    expect(second).toContain('- 改为：删除');
    expect(second).toContain('> 重复的称呼');
    expect(md).toContain('- 改为：在“…是井号的段落”后插入“（示例）”');
    expect(md).toContain('> 英文要不要斜体？');
  });

  it('lists replies oldest first under their note, and escapes what reviewers wrote', () => {
    const md = report.produce(input());
    const comment = md.slice(md.indexOf('### 6.'), md.indexOf('## 编后记'));
    expect(comment).toContain('> Not a "directive", really.\\\n> \\# not a heading');
    expect(comment).toContain('回复：\n\n- **安娜**，2023-03-15 10:08：同意，保留原文。\n- **Bo "the typesetter", Jr.**，2023-03-15 10:09：OK — \\*done\\*.');
    expect(headings(md).some((h) => h.includes('not a heading'))).toBe(false);
  });

  it('says when a note was edited, and writes English when asked', () => {
    const edited = notes.map((n) => (n.id === 'question1' ? { ...n, edited: T0 + 30 * 60_000 } : n));
    const md = report.produce(input({ notes: edited, lang: 'en', timeZone: 'UTC' }));
    expect(headings(md)[0]).toBe('# 工会工作 2023年第3期, 二校: review notes');
    expect(md).toContain('## 携手同行现代化之路 (p. 5)');
    expect(md).toContain('### 7. question · style · open');
    expect(md).toContain('- By: 安娜, 2023-03-15 02:07 (edited 2023-03-15 02:30)');
    expect(md).toContain('Replies:\n\n- **安娜**, 2023-03-15 02:08: 同意，保留原文。');
  });

  it('puts notes whose article is not in this proof last, and says when there are none', () => {
    const stray = { ...notes[0]!, id: 'stray', target: { ...notes[0]!.target, articleId: 'gone' } };
    const md = report.produce(input({ notes: [stray, ...notes] }));
    expect(headings(md).at(-2)).toBe('## 不在本校样中的意见');
    expect(report.produce(input({ notes: [] }))).toContain('本校次没有意见。');
  });
});
