// Decisions are never lost: two people who decide a suggestion apart (offline) differently both
// keep their decision; the note shows the conflict until someone decides on top of both.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, readNote, setStatus, type Author } from '../../src/lib/review/index.ts';

const wang: Author = { id: 'uwang', name: '王敏', colour: '#0f766e' };
const li: Author = { id: 'uli', name: '李雷', colour: '#1d4ed8' };
const han: Author = { id: 'uhan', name: '韩梅梅', colour: '#7c3aed' };
const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 3, quote: '高標準', prefix: '', suffix: '推进' };

function suggestion(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const r = createNote(doc, { target, kind: 'suggestion', category: 'typo', suggestion: { op: 'replace', text: '高标准' } }, wang);
  if (!r.ok) throw new Error('not written');
  return { doc, id: r.id };
}
const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};

describe('decisions', () => {
  it('an accept and a reject made apart are both kept and shown as a conflict, on both sides', () => {
    const { doc: a, id } = suggestion();
    const b = copy(a);
    expect(setStatus(a, id, 'accepted', { author: wang, now: 1000 }).ok).toBe(true);
    expect(setStatus(b, id, 'rejected', { author: li, now: 2000 }).ok).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      const note = readNote(doc, id)!;
      expect(note.decisions.map((d) => [d.author.name, d.status])).toEqual([
        ['王敏', 'accepted'],
        ['李雷', 'rejected'],
      ]);
      expect(note.conflict?.map((d) => d.status).sort()).toEqual(['accepted', 'rejected']);
    }
  });

  it('a later decision on top of both settles it, and the history keeps all three', () => {
    const { doc: a, id } = suggestion();
    const b = copy(a);
    setStatus(a, id, 'accepted', { author: wang, now: 1000 });
    setStatus(b, id, 'rejected', { author: li, now: 2000 });
    sync(a, b);
    setStatus(b, id, 'accepted', { author: han, now: 3000 });
    sync(a, b);
    for (const doc of [a, b]) {
      const note = readNote(doc, id)!;
      expect(note.status).toBe('accepted');
      expect(note.conflict).toBeNull();
      expect(note.decisions.map((d) => d.author.name)).toEqual(['王敏', '李雷', '韩梅梅']);
      expect(note.decisions[2]!.supersedes.sort()).toEqual(note.decisions.slice(0, 2).map((d) => d.id).sort());
    }
  });

  it('decisions made one after the other, seen by each, are no conflict', () => {
    const { doc: a, id } = suggestion();
    const b = copy(a);
    setStatus(a, id, 'accepted', { author: wang, now: 1000 });
    sync(a, b);
    setStatus(b, id, 'rejected', { author: li, now: 2000 });
    sync(a, b);
    const note = readNote(a, id)!;
    expect(note.status).toBe('rejected');
    expect(note.conflict).toBeNull();
  });

  it('agreeing decisions made apart are no conflict; the proof a decision was made in is kept', () => {
    const { doc: a, id } = suggestion();
    const b = copy(a);
    setStatus(a, id, 'accepted', { author: wang, now: 1000, proof: 'i2' });
    setStatus(b, id, 'accepted', { author: li, now: 2000 });
    sync(a, b);
    const note = readNote(a, id)!;
    expect(note.conflict).toBeNull();
    expect(note.decisions.map((d) => d.proof)).toEqual(['i2', null]);
  });

  it('a malformed decision from a peer is left out and reported; the others still count', () => {
    const { doc, id } = suggestion();
    setStatus(doc, id, 'accepted', { author: wang, now: 1000 });
    (doc.getMap('notes').get(id) as Y.Map<unknown>).set('d/evil', ['uli', '李雷', '#000000', 5, 'burn', '', []]);
    const note = readNote(doc, id)!;
    expect(note.status).toBe('accepted');
    expect(note.decisions).toHaveLength(1);
  });
});
