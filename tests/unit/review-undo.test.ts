// Undo and redo touch only this user's own changes, never what a peer wrote.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  createNote,
  createUndoManager,
  deleteNote,
  editNote,
  readLedger,
  readNote,
  readNotes,
  setStatus,
  signOff,
  type Author,
  type NoteDraft,
} from '../../src/lib/review/index.ts';

const me: Author = { id: 'me', name: '我', colour: '#111111' };
const peer: Author = { id: 'peer', name: '同事', colour: '#222222' };
const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 2, quote: '中国', prefix: '', suffix: '式现代化' };
const draft = (body: string): NoteDraft => ({ target, kind: 'comment', category: 'other', body });

/** Two docs wired together like two connected browsers. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(b, u, 'wire'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(a, u, 'wire'));
  return [a, b];
}

const id = (r: { ok: boolean; id?: string }): string => (r.ok && r.id ? r.id : '');
const bodies = (doc: Y.Doc): string[] => readNotes(doc).notes.map((n) => n.body).sort();

describe('undo', () => {
  it('removes my note and leaves a colleague’s, on both sides; redo brings mine back', () => {
    const [a, b] = pair();
    const undo = createUndoManager(a);
    createNote(a, draft('mine'), me, 1);
    createNote(b, draft('theirs'), peer, 2);
    expect(bodies(b)).toEqual(['mine', 'theirs']);
    undo.undo();
    expect(bodies(a)).toEqual(['theirs']);
    expect(bodies(b)).toEqual(['theirs']);
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(bodies(a)).toEqual(['mine', 'theirs']);
    expect(bodies(b)).toEqual(['mine', 'theirs']);
  });

  it('never reverts a peer’s change, even when it is the latest one', () => {
    const [a, b] = pair();
    const undo = createUndoManager(a);
    const mine = id(createNote(a, draft('mine'), me));
    const theirs = id(createNote(b, draft('theirs'), peer));
    editNote(b, theirs, peer.id, { body: 'theirs, edited' });
    setStatus(b, mine, 'resolved');
    undo.undo(); // my only step: creating my note
    expect(undo.canUndo()).toBe(false);
    expect(readNote(a, theirs)?.body).toBe('theirs, edited');
    expect(readNote(a, mine)).toBeNull();
  });

  it('steps back through my edits one at a time', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const n = id(createNote(doc, draft('v1'), me));
    editNote(doc, n, me.id, { body: 'v2' });
    setStatus(doc, n, 'resolved');
    undo.undo();
    expect(readNote(doc, n)).toMatchObject({ body: 'v2', status: 'open' });
    undo.undo();
    expect(readNote(doc, n)?.body).toBe('v1');
    undo.redo();
    undo.redo();
    expect(readNote(doc, n)).toMatchObject({ body: 'v2', status: 'resolved' });
  });

  it('brings back a note I deleted, with its replies', () => {
    const [a, b] = pair();
    const undo = createUndoManager(a);
    const n = id(createNote(a, draft('keep me'), me));
    addReply(b, n, '回复', peer);
    deleteNote(a, n, me.id);
    expect(readNote(b, n)).toBeNull();
    undo.undo();
    const back = readNote(b, n);
    expect(back?.body).toBe('keep me');
    expect(back?.replies.map((r) => r.body)).toEqual(['回复']);
  });

  it('once a colleague replied, undo no longer removes my note (and their reply with it)', () => {
    const [a, b] = pair();
    const undo = createUndoManager(a);
    const first = id(createNote(a, draft('first'), me));
    const n = id(createNote(a, draft('answered'), me));
    addReply(b, n, '我同意', peer);
    expect(undo.canUndo()).toBe(true); // creating `first` is still mine alone
    undo.undo();
    expect(readNote(b, n)?.replies.map((r) => r.body)).toEqual(['我同意']);
    expect(readNote(b, first)).toBeNull();
    expect(undo.canUndo()).toBe(false);
  });

  it('a reply of my own does not take my note off the undo stack', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const n = id(createNote(doc, draft('mine'), me));
    addReply(doc, n, 'and a reply', me);
    undo.undo();
    undo.undo();
    expect(readNote(doc, n)).toBeNull();
  });

  it('does not overwrite a peer’s later change to the same field', () => {
    const [a, b] = pair();
    const undo = createUndoManager(a);
    const n = id(createNote(b, draft('theirs'), peer));
    setStatus(a, n, 'resolved');
    setStatus(b, n, 'open');
    setStatus(b, n, 'resolved');
    undo.undo();
    expect(readNote(a, n)?.status).toBe('resolved');
    expect(readNote(b, n)?.status).toBe('resolved');
  });

  it('undoes a sign-off', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    signOff(doc, 'a1', me);
    expect(readLedger(doc).signOffs.get('a1')).toHaveLength(1);
    undo.undo();
    expect(readLedger(doc).signOffs.get('a1')).toBeUndefined();
  });
});
