// The notes views' pure model: notes anchored in reading order with orphans apart, the all-notes
// filters, stepping through notes, relative times; and the composer's drafts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeRange } from '../../src/lib/anchor/index.ts';
import type { Article } from '../../src/lib/issue/types.ts';
import { createNote, readNotes, type Author, type Note } from '../../src/lib/review/index.ts';
import { filterNotes, NO_FILTER, placeNotes, stepNote } from '../../src/lib/review/place.ts';
import { relativeTime } from '../../src/lib/ui/notes/relative-time.ts';
import { NoteComposer } from '../../src/lib/state/notes-composer.svelte.ts';

const article: Article = {
  id: 'a1',
  title: '春天的故事',
  blocks: [
    { id: 'a1.0', kind: 'title', text: '春天的故事' },
    { id: 'a1.1', kind: 'paragraph', text: '一九七九年，那是一个春天。有一位老人在中国的南海边画了一个圈。' },
    { id: 'a1.2', kind: 'paragraph', text: 'The harbour was quiet; the boats came home at dusk.' },
  ],
} as Article;

const ann: Author = { id: 'ann', name: '安', colour: '#c2410c' };
const bo: Author = { id: 'bo', name: 'Bo', colour: '#0f766e' };

function notesOn(a: Article, specs: Array<[blockId: string, phrase: string, Author, string, number]>): Note[] {
  const doc = new Y.Doc();
  for (const [blockId, phrase, author, body, created] of specs) {
    const text = a.blocks.find((b) => b.id === blockId)!.text;
    const start = text.indexOf(phrase);
    const target = describeRange(a, { blockId, start, endBlockId: blockId, end: start + phrase.length })!;
    const r = createNote(doc, { target, kind: body.endsWith('?') ? 'question' : 'comment', category: 'typo', body }, author, created);
    expect(r.ok).toBe(true);
  }
  return readNotes(doc).notes;
}

describe('placeNotes', () => {
  it('orders anchored notes by their place in the text, not by age', () => {
    const notes = notesOn(article, [
      ['a1.2', 'boats', bo, 'ships?', 1],
      ['a1.1', '画了一个圈', ann, '圈字', 2],
      ['a1.1', '春天', ann, '季节', 3],
    ]);
    const { placed, orphans } = placeNotes(article, notes);
    expect(placed.map((p) => p.note.body)).toEqual(['季节', '圈字', 'ships?']);
    expect(placed.every((p) => p.strategy === 'exact')).toBe(true);
    expect(orphans).toEqual([]);
  });

  it('finds a moved passage and lists a vanished one as an orphan with its quote', () => {
    const notes = notesOn(article, [
      ['a1.1', '老人', ann, '称谓', 1],
      ['a1.2', 'quiet', bo, 'calm?', 2],
    ]);
    const revised = {
      ...article,
      blocks: [article.blocks[0]!, { ...article.blocks[1]!, text: '那是一个春天，一九七九年。有一位老人在南海边画了一个圈。' }, { ...article.blocks[2]!, text: 'Nothing of that remains.' }],
    } as Article;
    const { placed, orphans } = placeNotes(revised, notes);
    expect(placed).toHaveLength(1);
    expect(placed[0]!.note.body).toBe('称谓');
    const r = placed[0]!.range;
    expect(revised.blocks[1]!.text.slice(r.start, r.end)).toBe('老人');
    expect(orphans.map((n) => n.target.quote)).toEqual(['quiet']);
  });
});

describe('filterNotes', () => {
  const notes = notesOn(article, [
    ['a1.1', '春天', ann, '季节', 1],
    ['a1.2', 'harbour', bo, 'Harbor in US style?', 2],
  ]);

  it('keeps everything with no filter', () => {
    expect(filterNotes(notes, NO_FILTER)).toHaveLength(2);
  });
  it('filters by author, kind, status and text (quote or body, spaces and case ignored)', () => {
    expect(filterNotes(notes, { ...NO_FILTER, author: 'bo' }).map((n) => n.body)).toEqual(['Harbor in US style?']);
    expect(filterNotes(notes, { ...NO_FILTER, kind: 'question' })).toHaveLength(1);
    expect(filterNotes(notes, { ...NO_FILTER, status: 'resolved' })).toHaveLength(0);
    expect(filterNotes(notes, { ...NO_FILTER, text: 'HAR BOUR' })).toHaveLength(1);
    expect(filterNotes(notes, { ...NO_FILTER, text: '春 天' }).map((n) => n.body)).toEqual(['季节']);
    expect(filterNotes(notes, { ...NO_FILTER, category: 'fact' })).toHaveLength(0);
  });
});

describe('stepNote', () => {
  const placed = placeNotes(article, notesOn(article, [
    ['a1.1', '春天', ann, 'one', 1],
    ['a1.1', '老人', ann, 'two', 2],
  ])).placed;
  it('walks forward and back, wrapping at the ends, starting from nothing active', () => {
    expect(stepNote(placed, null, 1)?.note.body).toBe('one');
    expect(stepNote(placed, null, -1)?.note.body).toBe('two');
    expect(stepNote(placed, placed[0]!.note.id, 1)?.note.body).toBe('two');
    expect(stepNote(placed, placed[1]!.note.id, 1)?.note.body).toBe('one');
    expect(stepNote([], null, 1)).toBeNull();
  });
});

describe('relativeTime', () => {
  it('picks the largest unit that fits', () => {
    const now = 1_700_000_000_000;
    expect(relativeTime(now - 5_000, now)).toEqual({ value: -5, unit: 'second' });
    expect(relativeTime(now - 3 * 60_000, now)).toEqual({ value: -3, unit: 'minute' });
    expect(relativeTime(now - 2 * 3_600_000, now)).toEqual({ value: -2, unit: 'hour' });
    expect(relativeTime(now - 3 * 86_400_000, now)).toEqual({ value: -3, unit: 'day' });
  });
});

describe('NoteComposer', () => {
  const target = describeRange(article, { blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 5 })!;
  const place = { top: 0, bottom: 0, left: 0 };

  it('drafts a suggestion with the proposed text, and a deletion with none', () => {
    const c = new NoteComposer();
    c.start(target, 'suggestion', place);
    // The box starts empty (issue 10: pre-filled, typing appended to the old text); the passage is shown apart.
    expect(c.proposal).toBe('');
    c.copyOriginal();
    expect(c.proposal).toBe('一九七九年');
    c.proposal = '1979年';
    c.body = '  统一用阿拉伯数字  ';
    expect(c.draft()).toMatchObject({ kind: 'suggestion', body: '统一用阿拉伯数字', suggestion: { op: 'replace', text: '1979年' } });
    c.op = 'delete';
    expect(c.draft()?.suggestion).toEqual({ op: 'delete', text: '' });
  });

  it('closes when the write succeeds and keeps the text with the reason when it fails', () => {
    const c = new NoteComposer();
    c.start(target, 'comment', place);
    c.body = 'x'.repeat(10_001);
    const doc = new Y.Doc();
    const session = { createNote: (d: Parameters<typeof createNote>[1]) => createNote(doc, d, ann) };
    expect(c.save(session as never)?.ok).toBe(false);
    expect(c.open).toBe(true);
    expect(c.error).toBeTruthy();
    c.body = '好';
    expect(c.save(session as never)?.ok).toBe(true);
    expect(c.open).toBe(false);
    expect(readNotes(doc).notes.map((n) => n.body)).toEqual(['好']);
  });
});
