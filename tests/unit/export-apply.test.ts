// Corrected text: the issue with accepted suggestions applied (or all not rejected), as plain text
// and as Proofroom Markdown; replace, insert, delete and changes across blocks; overlapping
// suggestions resolved in favour of the earlier one; what was left out told as warnings.
import { describe, expect, it } from 'vitest';
import { applySuggestions, formatById, type ExportInput } from '../../src/lib/export/index.ts';
import { parseMarkdown } from '../../src/lib/issue/markdown.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';
import { buildNotes, FIXTURE_NOTES, T0, type NoteSpec } from './fixtures/export/notes.ts';

const issue = handBuiltIssue();
const blockText = (i: Issue, articleId: string) => i.articles.find((a) => a.id === articleId)!.blocks.map((b) => b.text);
const input = (notes: ExportInput['notes'], over: Partial<ExportInput> = {}): ExportInput => ({
  issue, round: { index: 2, label: '二校' }, notes, lang: 'zh-CN', now: new Date(T0), ...over,
});
const suggest = (id: string, at: NoteSpec['at'], op: 'replace' | 'insert' | 'delete', text: string, minute: number, status: NoteSpec['status'] = 'accepted'): NoteSpec => ({
  id, at, kind: 'suggestion', suggestion: { op, text }, status, minute,
});

describe('applying suggestions', () => {
  it('applies accepted replacements, insertions and deletions, and nothing else by default', () => {
    const notes = buildNotes(issue, FIXTURE_NOTES);
    const r = applySuggestions(issue, notes);
    expect(r.applied).toEqual(['delete1', 'replace1']);
    expect(r.skipped).toEqual([]);
    expect(blockText(r.issue, 'a1')[4]).toBe('尊敬的各位政党领导者，女士们，朋友们：');
    // The open insertion and the rejected replacement stay out.
    expect(blockText(r.issue, 'a1')[5]).toBe('一、坚守人民至上理念');
    expect(blockText(r.issue, 'a1')[6]).toBe('#1 开头是井号的段落，@也要转义。');
    expect(issue.articles[0]!.blocks[4]!.text).toBe('尊敬的各位政党领导人，女士们，先生们，朋友们：');
  });

  it('with `all`, applies every suggestion that is not rejected', () => {
    const r = applySuggestions(issue, buildNotes(issue, FIXTURE_NOTES), 'all');
    expect(r.applied).toEqual(['delete1', 'insert1', 'replace1']);
    expect(blockText(r.issue, 'a1')[6]).toBe('#1 开头是井号的段落（示例），@也要转义。');
    expect(blockText(r.issue, 'a1')[5]).toBe('一、坚守人民至上理念');
  });

  it('inserts after a selected passage when the insertion has one', () => {
    const r = applySuggestions(issue, buildNotes(issue, [suggest('i', ['a1', 'a1.5', 2, 4], 'insert', '并', 1)]));
    expect(blockText(r.issue, 'a1')[5]).toBe('一、坚守并人民至上理念');
  });

  it('applies a suggestion across two blocks: the break goes unless the proposal keeps one', () => {
    // The end of a1.4 (朋友们：) and the start of a1.5 (一、).
    const merged = applySuggestions(issue, buildNotes(issue, [suggest('m', ['a1', 'a1.4', 19, 'a1.5', 2], 'replace', '朋友们！', 1)])).issue;
    const blocks = merged.articles[0]!.blocks;
    expect(blocks.map((b) => b.text).slice(4, 6)).toEqual(['尊敬的各位政党领导人，女士们，先生们，朋友们！坚守人民至上理念', '#1 开头是井号的段落，@也要转义。']);
    expect(blocks[4]!.kind).toBe('paragraph');
    expect(blocks.map((b) => b.id)).toEqual(blocks.map((_, i) => `a1.${i}`));
    const kept = applySuggestions(issue, buildNotes(issue, [suggest('k', ['a1', 'a1.4', 19, 'a1.5', 2], 'replace', '朋友们！\n二、', 1)])).issue;
    expect(kept.articles[0]!.blocks.slice(4, 6).map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', '尊敬的各位政党领导人，女士们，先生们，朋友们！'],
      ['heading', '二、坚守人民至上理念'],
    ]);
  });

  it('deletes across blocks, dropping a block left empty', () => {
    const r = applySuggestions(issue, buildNotes(issue, [suggest('d', ['a1', 'a1.6', 0, 'a1.7', 10], 'delete', '', 1)]));
    expect(blockText(r.issue, 'a1').slice(5)).toEqual(['一、坚守人民至上理念', '（来源：新华社北京3月15日电）']);
  });

  it('keeps the earlier of two overlapping suggestions and reports the other', () => {
    const notes = buildNotes(issue, [
      suggest('late', ['a1', 'a1.5', 2, 6], 'replace', '坚持人民', 9),
      suggest('early', ['a1', 'a1.5', 4, 8], 'replace', '群众至上', 1),
      suggest('apart', ['a1', 'a1.5', 0, 1], 'replace', '壹', 5),
      suggest('twin1', ['a1', 'a1.6', 11, 11], 'insert', 'A', 2),
      suggest('twin2', ['a1', 'a1.6', 11, 11], 'insert', 'B', 3),
    ]);
    const r = applySuggestions(issue, notes);
    expect(r.applied).toEqual(['early', 'twin1', 'apart']);
    expect(r.skipped).toEqual([
      { noteId: 'twin2', quote: '', reason: 'overlap', other: 'twin1' },
      { noteId: 'late', quote: '坚守人民', reason: 'overlap', other: 'early' },
    ]);
    expect(blockText(r.issue, 'a1')[5]).toBe('壹、坚守群众至上理念');
    const warnings = formatById('corrected-text')!.warnings!(input(notes));
    expect(warnings).toEqual([
      '建议 twin2（“”）与较早的建议 twin1 重叠，未应用。',
      '建议 late（“坚守人民”）与较早的建议 early 重叠，未应用。',
    ]);
  });

  it('skips a suggestion whose passage is not where it says', () => {
    const [note] = buildNotes(issue, [suggest('s', ['a3', 'a3.1', 0, 5], 'replace', 'Mingled', 1)]);
    const stale = { ...note!, target: { ...note!.target, quote: 'Mixer' } };
    const r = applySuggestions(issue, [stale]);
    expect(r.skipped).toEqual([{ noteId: 's', quote: 'Mixer', reason: 'not-found' }]);
    expect(formatById('corrected-md')!.warnings!(input([stale], { lang: 'en' }))).toEqual(['Suggestion s (“Mixer”) was not found in this proof; not applied.']);
  });

  it('writes the corrected issue as text: title, then each article\'s blocks a line each', () => {
    const text = formatById('corrected-text')!.produce(input(buildNotes(issue, FIXTURE_NOTES)));
    expect(text.split('\n\n')).toEqual([
      '工会工作 2023年第3期',
      '在高层对话会上\n携手同行现代化之路\n——主旨讲话\n□ 习近平\n尊敬的各位政党领导者，女士们，朋友们：\n一、坚守人民至上理念\n#1 开头是井号的段落，@也要转义。\n会议现场 王敬斋 摄\n（来源：新华社北京3月15日电）',
      '西宁市总工会持续推进专项工作\n@工会 is not a directive, and neither is \\this.',
      '编后记\nMixed text with English words.\n',
    ]);
  });

  it('writes the corrected issue as Markdown that reads back to the corrected text, a changed title included', () => {
    const notes = buildNotes(issue, [...FIXTURE_NOTES, suggest('t', ['a3', 'a3.0', 0, 3], 'replace', '编者按', 20)]);
    const md = formatById('corrected-md')!.produce(input(notes), { apply: 'all' });
    const back = parseMarkdown(md, { name: 'corrected.md', bytes: md.length, encoding: 'utf-8', format: 'markdown' });
    const corrected = applySuggestions(issue, notes, 'all').issue;
    expect(back.articles.map((a) => a.blocks.map((b) => [b.kind, b.text]))).toEqual(corrected.articles.map((a) => a.blocks.map((b) => [b.kind, b.text])));
    expect(back.articles[2]!.title).toBe('编者按');
    expect(md).toContain('#1 开头是井号的段落（示例），@也要转义。');
  });
});
