// The notes' rough edges that are pure logic: what a suggestion shows (only the characters that
// change, where an insertion goes), and how a new note's composer starts (empty box, no category
// carried over, an empty comment asks first).
import { describe, expect, it } from 'vitest';
import { changeSpan, insertionPoint } from '../../src/lib/review/change-span.ts';
import { NoteComposer } from '../../src/lib/state/notes-composer.svelte.ts';
import type { Target } from '../../src/lib/anchor/target.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import type { Note } from '../../src/lib/review/types.ts';
import { stackCards } from '../../src/lib/ui/notes/stack-cards.ts';
import { pageOf, sortNotes } from '../../src/lib/state/note-order.ts';
import { en, zh } from '../../src/lib/i18n/dictionary.ts';

const target = (quote: string, prefix = '前面的一些文字', suffix = '后面的一些文字'): Target => ({
  articleId: 'a1',
  blockId: 'b1',
  start: 7,
  endBlockId: 'b1',
  end: 7 + quote.length,
  quote,
  prefix,
  suffix,
});
const place = { top: 0, bottom: 0, left: 0 };

describe('changeSpan', () => {
  it('keeps a short passage whole', () => {
    expect(changeSpan('高標準', '高标准')).toEqual({ before: '', cutBefore: false, removed: '高標準', added: '高标准', after: '', cutAfter: false });
  });

  it('shows only the characters that change in a long passage, with a little context', () => {
    const span = changeSpan('要把质量立校作为办学治校的根本要求，坚持高標準严要求', '要把质量立校作为办学治校的根本要求，坚持高标准严要求');
    expect(span.removed).toBe('標準');
    expect(span.added).toBe('标准');
    expect(span.before).toBe('，坚持高');
    expect(span.cutBefore).toBe(true);
    expect(span.after).toBe('严要求');
    expect(span.cutAfter).toBe(false);
  });

  it('handles a pure insertion or deletion inside a long passage', () => {
    const ins = changeSpan('全面从严治党风向标的作用', '全面从严治党风向标”的作用');
    expect(ins).toEqual({ before: '党风向标', cutBefore: true, removed: '', added: '”', after: '的作用', cutAfter: false });
    const del = changeSpan('各级党校要敢抓敢管严抓严管', '各级党校要敢抓严管');
    expect(del).toEqual({ before: '校要敢抓', cutBefore: true, removed: '敢管严抓', added: '', after: '严管', cutAfter: false });
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const span = changeSpan('前文前文前文𠀋甲乙丙丁后文后文', '前文前文前文𠀋乙乙丙丁后文后文');
    expect(span.removed).toBe('甲');
    expect(span.before.endsWith('𠀋')).toBe(true);
  });

  it('gives the whole passage when nothing changes', () => {
    expect(changeSpan('一二三四五六七八九十十一', '一二三四五六七八九十十一').removed).toBe('一二三四五六七八九十十一');
  });
});

describe('insertionPoint', () => {
  it('at a caret: the text either side, cut marks where more follows', () => {
    expect(insertionPoint(target('', '这是前面的话', '后面的话还很长'))).toEqual({ before: '前面的话', cutBefore: true, after: '后面的话', cutAfter: true });
  });
  it('with a passage selected: right after the passage', () => {
    expect(insertionPoint(target('风向标', '全面从严治党', '的作用'))).toEqual({ before: '风向标', cutBefore: false, after: '的作用', cutAfter: false });
  });
  it('stops at a paragraph break', () => {
    expect(insertionPoint(target('', '上一段\n本段', '末尾\n下一段'))).toEqual({ before: '本段', cutBefore: false, after: '末尾', cutAfter: false });
  });
});

describe('NoteComposer', () => {
  it('opens a replacement with an empty box, so typing does not append to the old text', () => {
    const c = new NoteComposer();
    c.start(target('高標準'), 'suggestion', place);
    expect(c.op).toBe('replace');
    expect(c.proposal).toBe('');
    c.proposal = '高标准';
    expect(c.draft()?.suggestion).toEqual({ op: 'replace', text: '高标准' });
  });

  it('starts every note with no category, not the one picked for the note before', () => {
    const c = new NoteComposer();
    c.start(target('甲'), 'comment', place);
    c.category = 'fact';
    c.cancel();
    c.start(target('乙'), 'comment', place);
    expect(c.category).toBe('');
    // Saved with none picked, a note is filed under 其他.
    c.body = '说明';
    expect(c.draft()?.category).toBe('other');
  });

  it('asks before saving a comment or question with nothing written; a highlight needs no words', () => {
    const c = new NoteComposer();
    c.start(target('甲'), 'comment', place);
    expect(c.emptyBody).toBe(true);
    c.body = '   ';
    expect(c.emptyBody).toBe(true);
    c.body = '有话';
    expect(c.emptyBody).toBe(false);
    c.start(target('甲'), 'question', place);
    expect(c.emptyBody).toBe(true);
    c.start(target('甲'), 'highlight', place);
    expect(c.emptyBody).toBe(false);
    c.start(target('甲'), 'suggestion', place);
    expect(c.emptyBody).toBe(false);
  });
});

describe('stackCards', () => {
  const gap = 8;
  it('puts each card level with its passage, or just below the card before', () => {
    const { out } = stackCards(['a', 'b', 'c'], new Map([['a', 0], ['b', 50], ['c', 500]]), { a: 100, b: 100, c: 100 }, null, gap);
    expect([...out.values()]).toEqual([0, 108, 500]);
  });

  it('holds the active card level with its passage and moves the cards before it up', () => {
    const wanted = new Map([['a', 300], ['b', 310], ['c', 320], ['d', 330]]);
    const { out } = stackCards(['a', 'b', 'c', 'd'], wanted, { a: 100, b: 100, c: 100, d: 100 }, 'd', gap);
    expect(out.get('d')).toBe(330);
    expect(out.get('c')).toBe(330 - 108);
    expect(out.get('a')).toBe(330 - 3 * 108);
  });

  it('never moves a card above the top: the active one then sits as high as there is room', () => {
    const wanted = new Map([['a', 0], ['b', 10], ['c', 20]]);
    const { out } = stackCards(['a', 'b', 'c'], wanted, { a: 100, b: 100, c: 100 }, 'c', gap);
    expect(out.get('a')).toBe(0);
    expect(out.get('c')).toBe(216);
  });

  it('pushes the cards after the active one below it', () => {
    const wanted = new Map([['a', 0], ['b', 20], ['c', 30]]);
    const { out, end } = stackCards(['a', 'b', 'c'], wanted, { a: 50, b: 50, c: 50 }, 'b', gap);
    expect(out.get('b')).toBe(58);
    expect(out.get('c')).toBe(116);
    expect(end).toBe(174);
  });
});

describe('note order and pages', () => {
  const issue = {
    articles: [
      { id: 'x', page: 3, blocks: [{ id: 'x1', kind: 'paragraph', text: '甲乙丙丁戊己庚辛' }] },
      { id: 'y', blocks: [{ id: 'y1', kind: 'paragraph', text: '子丑寅卯辰巳' }] },
      { id: 'z', page: 9, blocks: [{ id: 'z1', kind: 'paragraph', text: '天地玄黄' }] },
    ],
  } as unknown as Issue;
  const note = (id: string, articleId: string, blockId: string, start: number, created: number) =>
    ({ id, created, target: { articleId, blockId, start, endBlockId: blockId, end: start + 1, quote: '', prefix: '', suffix: '' } }) as unknown as Note;
  const notes = [note('late-first', 'x', 'x1', 5, 40), note('z', 'z', 'z1', 0, 10), note('early-first', 'x', 'x1', 1, 30), note('y', 'y', 'y1', 0, 20)];

  it('an article without a page is on the page of the one before it', () => {
    expect(pageOf(issue, 'x')).toBe(3);
    expect(pageOf(issue, 'y')).toBe(3);
    expect(pageOf(issue, 'z')).toBe(9);
    expect(pageOf(issue, 'gone')).toBe(null);
    expect(pageOf(null, 'x')).toBe(null);
  });

  it('sorts by place in the issue by default order, or by time', () => {
    expect(sortNotes(notes, issue, 'place').map((n) => n.id)).toEqual(['early-first', 'late-first', 'y', 'z']);
    expect(sortNotes(notes, issue, 'oldest').map((n) => n.id)).toEqual(['z', 'y', 'early-first', 'late-first']);
    expect(sortNotes(notes, issue, 'newest').map((n) => n.id)).toEqual(['late-first', 'early-first', 'y', 'z']);
  });
});

describe('wording', () => {
  it('a proofread mark is 已校对, never 签发; in English "proofread", never sign-off or approval', () => {
    for (const text of Object.values(zh)) expect(text).not.toContain('签发');
    expect(zh['notes.signOff']).toContain('已校对');
    for (const text of Object.values(en)) expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/sign[- ]?off|signed off|approv/i);
    expect(en['notes.signOff']).toMatch(/proofread/i);
  });
});
