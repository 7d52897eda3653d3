// Stitch decisions in the review doc: written, shared between docs, read field by field, and a
// peer's garbage skipped or defaulted without hiding the good entries.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleStitches, stitchCounts } from '../../src/lib/issue/stitch-list.ts';
import type { Article, Issue } from '../../src/lib/issue/types.ts';
import { readStitches, restoreStitch, splitStitch, stitchesMap, stitchKey } from '../../src/lib/review/stitches.ts';

const me = { id: 'u1', name: '王敏', colour: '#0f766e' };

const article: Article = {
  id: 'a1',
  title: 'T',
  sectionId: null,
  tocEntryId: null,
  titleMismatch: false,
  blocks: [
    { id: 'a1.0', kind: 'title', text: 'T' },
    { id: 'a1.1', kind: 'paragraph', text: '第一段的前半截后半截在下一页。第二句', joins: [{ at: 15, kind: 'sentence' }, { at: 6, kind: 'sentence' }] },
    { id: 'a1.2', kind: 'paragraph', text: '没有拼接。' },
  ],
};

describe('stitch list', () => {
  it('lists the joins of an article in reading order with text each side', () => {
    const list = articleStitches(article, 3);
    expect(list.map((s) => s.at)).toEqual([6, 15]);
    expect(list[0]).toMatchObject({ blockId: 'a1.1', before: '的前半', after: '截后半', kind: 'sentence' });
    const issue = { articles: [article] } as unknown as Issue;
    expect(stitchCounts(issue).get('a1')).toBe(2);
  });
});

describe('stitch decisions', () => {
  it('a split travels to another doc and is restored there too', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u));
    const key = stitchKey('i1', 'a1.1', 6);
    expect(splitStitch(a, key, me, 5)).toBe(true);
    expect(readStitches(b).byKey.get(key)).toEqual({ status: 'split', by: me, at: 5, problems: [] });
    restoreStitch(b, key);
    expect(readStitches(a).byKey.size).toBe(0);
  });

  it('refuses to write a key it could not read back', () => {
    const doc = new Y.Doc();
    expect(splitStitch(doc, 'not a key', me)).toBe(false);
    expect(splitStitch(doc, stitchKey('i1', 'a1.1', 6), { ...me, name: '' })).toBe(false);
    expect(stitchesMap(doc).size).toBe(0);
  });

  it('reads a peer’s damaged fields as defaults and skips entries with no readable key or status', () => {
    const doc = new Y.Doc();
    const map = stitchesMap(doc);
    const good = stitchKey('i1', 'a1.1', 6);
    map.set(good, ['split', 'u2', '李雷', '#be123c', 7]);
    map.set(stitchKey('i1', 'a1.1', 18), ['split', 42, 'x'.repeat(500), 'red', -1]);
    map.set('i1:a1.1@oops', ['split', 'u2', '李雷', '#be123c', 7]);
    map.set(stitchKey('i1', 'a1.2', 1), ['joined-forever', 'u2', '李雷', '#be123c', 7]);
    map.set(stitchKey('i1', 'a1.2', 2), 'garbage');
    map.set(stitchKey('i1', 'a1.2', 3), new Y.Map());
    const read = readStitches(doc);
    expect(read.skipped).toBe(4);
    expect(read.byKey.get(good)?.by.name).toBe('李雷');
    const damaged = read.byKey.get(stitchKey('i1', 'a1.1', 18));
    expect(damaged).toEqual({ status: 'split', by: { id: '', name: '?', colour: '#6b7280' }, at: 0, problems: ['author', 'name', 'colour', 'at'] });
  });
});
