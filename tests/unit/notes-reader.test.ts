// NotesReader must always give what readNotes gives, while re-validating only changed notes and
// keeping the objects of the others.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  NotesReader,
  addReply,
  createNote,
  deleteNote,
  editNote,
  readNotes,
  setStatus,
  type Author,
} from '../../src/lib/review/index.ts';
import { notesMap } from '../../src/lib/review/doc.ts';

const me: Author = { id: 'me', name: '我', colour: '#111111' };
const peer: Author = { id: 'peer', name: '同事', colour: '#222222' };
const target = (i: number) => ({
  articleId: `a${i % 3}`,
  blockId: `a${i % 3}.1`,
  start: i % 10,
  endBlockId: `a${i % 3}.1`,
  end: (i % 10) + 2,
  quote: '中国',
  prefix: '',
  suffix: '',
});

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('NotesReader', () => {
  it('agrees with readNotes after every step of a random session, own and remote, garbage included', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = rng(seed);
      const doc = new Y.Doc();
      const remote = new Y.Doc();
      const reader = new NotesReader(doc);
      const ids: string[] = [];
      for (let step = 0; step < 300; step++) {
        const r = random();
        const pick = () => ids[Math.floor(random() * ids.length)];
        if (r < 0.3 || ids.length === 0) {
          const res = createNote(doc, { target: target(step), kind: 'comment', category: 'typo', body: `n${step}` }, me, step);
          if (res.ok && res.id) ids.push(res.id);
        } else if (r < 0.45) {
          editNote(doc, pick()!, me.id, { body: `edited ${step}` });
        } else if (r < 0.55) {
          setStatus(doc, pick()!, random() < 0.5 ? 'resolved' : 'open');
        } else if (r < 0.65) {
          deleteNote(doc, pick()!, me.id);
        } else if (r < 0.8) {
          // A colleague replies, from another doc, delivered as an update.
          Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
          addReply(remote, pick()!, `reply ${step}`, peer);
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'peer');
        } else if (r < 0.9) {
          // Garbage: a bad top-level entry, a bad field inside a real note, a nested Y type.
          const id = pick()!;
          doc.transact(() => {
            if (random() < 0.3) notesMap(doc).set(`junk${step}`, 'not a note');
            const note = notesMap(doc).get(id);
            if (note instanceof Y.Map) {
              if (random() < 0.5) note.set('c', 'no such category');
              else note.set(`r/x${step}`, new Y.Map());
            }
          });
        } else {
          // Several changes in one transaction.
          doc.transact(() => {
            for (let k = 0; k < 3; k++) {
              const res = createNote(doc, { target: target(step + k), kind: 'question', category: 'fact', body: `q${step}.${k}` }, me, step);
              if (res.ok && res.id) ids.push(res.id);
            }
          });
        }
        expect(reader.read(), `seed ${seed}, step ${step}`).toEqual(readNotes(doc));
      }
      reader.destroy();
    }
  });

  it('keeps the objects of unchanged notes and re-validates only the changed one', () => {
    const doc = new Y.Doc();
    const reader = new NotesReader(doc);
    const a = createNote(doc, { target: target(1), kind: 'comment', category: 'typo', body: 'a' }, me, 1);
    const b = createNote(doc, { target: target(2), kind: 'comment', category: 'typo', body: 'b' }, me, 2);
    const first = reader.read();
    editNote(doc, b.ok ? b.id! : '', me.id, { body: 'b2' });
    const second = reader.read();
    const byId = (v: typeof first, id: string) => v.notes.find((n) => n.id === id);
    expect(byId(second, a.ok ? a.id! : '')).toBe(byId(first, a.ok ? a.id! : ''));
    expect(byId(second, b.ok ? b.id! : '')).not.toBe(byId(first, b.ok ? b.id! : ''));
    expect(byId(second, b.ok ? b.id! : '')?.body).toBe('b2');
    reader.destroy();
  });
});
