// A peer damaged one field of a note: the note stays visible with the field's default, its author
// can mend it (and everyone then sees the same, with nothing reported), anyone can still resolve it,
// and no write can damage a field itself.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, editNote, readNote, readNotes, repairNote, setStatus, type Author } from '../../src/lib/review/index.ts';

const ann: Author = { id: 'uann', name: 'Ann', colour: '#112233' };
const bo: Author = { id: 'ubo', name: 'Bo', colour: '#445566' };
const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 3, quote: 'abc', prefix: '', suffix: 'def' };

/** Ann's note, then a peer (Bo's copy) writes `value` under `key` inside it; returns both docs in sync. */
function damagedNote(key: string, value: unknown, kind: 'comment' | 'suggestion' = 'comment') {
  const mine = new Y.Doc();
  const r = createNote(mine, { target, kind, category: 'typo', body: '原文有误', ...(kind === 'suggestion' ? { suggestion: { op: 'replace', text: 'xyz' } } : {}) }, ann);
  if (!r.ok) throw new Error('not written');
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  theirs.transact(() => (theirs.getMap('notes').get(r.id) as Y.Map<unknown>).set(key, value));
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
  const sync = () => {
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)));
  };
  return { mine, theirs, id: r.id, sync };
}

describe('a note with a damaged field', () => {
  it("status 'bogus' hides nothing: shown as open with its body, reported, and mended by its author", () => {
    const { mine, theirs, id, sync } = damagedNote('s', 'bogus');
    const note = readNote(mine, id)!;
    expect(note).toMatchObject({ status: 'open', body: '原文有误', category: 'typo' });
    expect(note.problems).toEqual([{ field: 'status', reason: 'unknown value "bogus"' }]);

    expect(repairNote(theirs, id, bo.id)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(repairNote(mine, id, ann.id).ok).toBe(true);
    sync();
    for (const doc of [mine, theirs]) {
      expect(readNote(doc, id)!.problems).toEqual([]);
      expect(readNotes(doc).damaged).toBe(0);
    }
  });

  it('anyone can still resolve it, which mends the status, and its author can edit it meanwhile', () => {
    const { mine, theirs, id } = damagedNote('c', { not: 'a category' });
    expect(readNote(mine, id)!.category).toBe('other');
    expect(editNote(mine, id, ann.id, { body: '改过了' }).ok).toBe(true);
    expect(readNote(mine, id)).toMatchObject({ body: '改过了', problems: [{ field: 'category' }] });
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    expect(setStatus(theirs, id, 'resolved').ok).toBe(true);
    expect(readNote(theirs, id)).toMatchObject({ status: 'resolved', problems: [{ field: 'category' }] });
    expect(editNote(mine, id, ann.id, { category: 'fact' }).ok).toBe(true);
    expect(readNote(mine, id)!.problems).toEqual([]);
  });

  it('a suggestion whose proposal is unreadable shows as a comment (nothing unreadable can be accepted) until mended', () => {
    const { mine, id } = damagedNote('x', 42, 'suggestion');
    expect(readNote(mine, id)).toMatchObject({ kind: 'comment', suggestion: null, problems: [{ field: 'proposal' }] });
    expect(setStatus(mine, id, 'accepted')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(repairNote(mine, id, ann.id).ok).toBe(true);
    expect(readNote(mine, id)).toMatchObject({ kind: 'comment', problems: [] });
  });

  it('no write damages a field: an edit to an unknown category is refused and changes nothing', () => {
    const doc = new Y.Doc();
    const r = createNote(doc, { target, kind: 'comment', category: 'typo', body: 'b' }, ann);
    if (!r.ok) throw new Error('not written');
    const before = Y.encodeStateVector(doc);
    expect(editNote(doc, r.id, ann.id, { category: 'gossip' as never })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
