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
  type NotesView,
} from '../../src/lib/review/index.ts';
import { NOTE_KEY, REPLY_PREFIX, notesMap } from '../../src/lib/review/doc.ts';

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

/**
 * A view as one string: every field, every note and invalid entry in full, Maps as their entries in
 * order, and a note met again in a Map (byArticle) as its place in view.notes when it is that very
 * object. Equal strings mean equal views, and comparing them costs a fraction of a deep toEqual;
 * the full toEqual runs whenever they differ, and at the end of each seed in case JSON missed a field.
 */
function projection(view: NotesView): string {
  const place = new Map<unknown, number>(view.notes.map((note, i) => [note, i]));
  const entries = (map: Map<unknown, unknown>) => [...map].map(([key, v]) => [key, Array.isArray(v) ? v.map((x) => place.get(x) ?? x) : v]);
  return JSON.stringify(Object.entries(view).map(([field, value]) => [field, value instanceof Map ? entries(value) : value]));
}

/** Seeds and steps per seed of the random session. */
const SEEDS = [1, 2, 3, 4];
const STEPS = 120;
/** Live notes at most: enough for the reader to cache many, few enough to compare every step. */
const LIVE = 20;

describe('NotesReader', () => {
  it('agrees with readNotes after every step of a random session, own and remote, garbage included', () => {
    for (const seed of SEEDS) {
      const random = rng(seed);
      const doc = new Y.Doc();
      const remote = new Y.Doc();
      const notes = notesMap(doc);
      const reader = new NotesReader(doc);
      /** Notes the app can still change; top-level junk; notes whose fixed fields were taken out. */
      const ids: string[] = [];
      const junk: string[] = [];
      const broken = new Map<string, unknown>();
      const any = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const take = <T>(list: T[]): T => list.splice(Math.floor(random() * list.length), 1)[0]!;
      const forget = (id: string) => ids.splice(ids.indexOf(id), 1);
      const noteMap = (id: string) => notes.get(id) as Y.Map<unknown>;
      /** A colleague's change, made in their own doc and delivered as an update, as a peer would. */
      const fromPeer = (change: () => void) => {
        Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)));
        change();
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'peer');
      };
      const remove = () => {
        const id = any(ids);
        if (deleteNote(doc, id, me.id).ok) forget(id);
      };
      /** A new note, own or the colleague's; with LIVE notes already, one of ours goes instead. */
      const create = (on: Y.Doc, step: number, k = 0) => {
        if (ids.length >= LIVE) return remove();
        const suggestion = random() < 0.3;
        const res = createNote(
          on,
          suggestion
            ? { target: target(step + k), kind: 'suggestion', category: 'fact', body: `s${step}.${k}`, suggestion: { op: 'replace', text: '中华' } }
            : { target: target(step + k), kind: 'comment', category: 'typo', body: `n${step}.${k}` },
          on === doc ? me : peer,
          step,
        );
        if (res.ok) ids.push(res.id);
      };
      // Each change with its weight; the view is compared with a fresh readNotes after every one.
      const changes: Array<[number, (step: number) => void]> = [
        [20, (step) => create(doc, step)],
        [8, remove],
        [12, (step) => editNote(doc, any(ids), me.id, { body: `edited ${step}` })],
        [8, () => setStatus(doc, any(ids), any(['open', 'resolved', 'accepted', 'rejected'] as const))],
        // A colleague replies, resolves, writes a note, from their own doc.
        [12, (step) => fromPeer(() => addReply(remote, any(ids), `reply ${step}`, peer))],
        [5, () => fromPeer(() => setStatus(remote, any(ids), any(['open', 'resolved', 'accepted'] as const)))],
        [4, (step) => fromPeer(() => create(remote, step))],
        // Several changes in one transaction: new notes and an edit of an old one.
        [
          8,
          (step) => {
            const old = any(ids);
            doc.transact(() => {
              create(doc, step, 0);
              create(doc, step, 1);
              editNote(doc, old, me.id, { body: `edited with others ${step}` });
            });
          },
        ],
        // Garbage, coming and going. At the top level: a bad entry, one removed, one replaced by a
        // copy of a real note, one or two notes overwritten by bad entries in one transaction.
        [
          4,
          (step) => {
            junk.push(`junk${step}`);
            notes.set(`junk${step}`, 'not a note');
          },
        ],
        [2, () => junk.length > 0 && notes.delete(take(junk))],
        [
          4,
          () => {
            if (junk.length === 0) return;
            const id = take(junk);
            const copy = [...noteMap(any(ids)).entries()].filter(([, v]) => !(v instanceof Y.AbstractType));
            notes.set(id, new Y.Map(copy));
            ids.push(id);
          },
        ],
        [
          5,
          () =>
            doc.transact(() => {
              for (let k = random() < 0.3 ? 1 : 2; k > 0 && ids.length > 1; k--) {
                const id = take(ids);
                notes.set(id, `not a note any more (${k})`);
                junk.push(id);
              }
            }),
        ],
        // Inside a note: fixed fields taken out and put back, a bad category, a nested Y type as a
        // reply, and both cleared again.
        [
          3,
          () => {
            const id = take(ids);
            broken.set(id, noteMap(id).get(NOTE_KEY.fixed));
            noteMap(id).set(NOTE_KEY.fixed, 'no fixed fields');
          },
        ],
        [
          3,
          () => {
            if (broken.size === 0) return;
            const [id, fixed] = any([...broken]);
            broken.delete(id);
            noteMap(id).set(NOTE_KEY.fixed, fixed);
            ids.push(id);
          },
        ],
        [3, () => noteMap(any(ids)).set(NOTE_KEY.category, 'no such category')],
        [3, (step) => noteMap(any(ids)).set(`${REPLY_PREFIX}x${step}`, new Y.Map())],
        [
          3,
          () => {
            const note = noteMap(any(ids));
            doc.transact(() => {
              note.set(NOTE_KEY.category, 'typo');
              for (const key of [...note.keys()]) if (key.startsWith(`${REPLY_PREFIX}x`)) note.delete(key);
            });
          },
        ],
      ];
      const total = changes.reduce((sum, [weight]) => sum + weight, 0);
      for (let step = 0; step < STEPS; step++) {
        if (ids.length === 0) create(doc, step);
        else {
          let r = random() * total;
          const [, change] = changes.find(([weight]) => (r -= weight) < 0) ?? changes[0]!;
          change(step);
        }
        const got = reader.read();
        const want = readNotes(doc);
        if (projection(got) !== projection(want)) expect(got, `seed ${seed}, step ${step}`).toEqual(want);
      }
      expect(reader.read(), `seed ${seed}, end`).toEqual(readNotes(doc));
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
