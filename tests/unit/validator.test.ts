// Garbage written into the shared doc by a peer: skipped, counted, never thrown.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, readLedger, readNotes, validateNote, type Author } from '../../src/lib/review/index.ts';

const author: Author = { id: 'u1', name: 'Ann', colour: '#112233' };
const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 3, quote: 'abc', prefix: '', suffix: 'def' };

function goodFixed(): unknown[] {
  return [1, 'a1', 'a1.1', 0, '', 3, 'abc', '', 'def', 'comment', '', 'u1', 'Ann', '#112233', 1000];
}

/** A doc holding one good note plus whatever `write` adds, as a peer would send it. */
function docWith(write: (notes: Y.Map<unknown>, doc: Y.Doc) => void): Y.Doc {
  const peer = new Y.Doc();
  createNote(peer, { target, kind: 'comment', category: 'other', body: 'fine' }, author);
  peer.transact(() => write(peer.getMap('notes'), peer));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
  return doc;
}

function noteMap(entries: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(entries));
}

const cases: [string, (notes: Y.Map<unknown>) => void, RegExp][] = [
  ['a string instead of a map', (n) => n.set('bad1', 'hello'), /not a map/],
  ['a number', (n) => n.set('bad1', 42), /not a map/],
  ['an array type', (n) => n.set('bad1', new Y.Array()), /not a map/],
  ['a text type', (n) => n.set('bad1', new Y.Text('x')), /not a map/],
  ['an empty map', (n) => n.set('bad1', noteMap({})), /fixed fields/],
  ['fixed fields as an object', (n) => n.set('bad1', noteMap({ t: { kind: 'comment' }, c: 'typo' })), /fixed fields/],
  ['a short tuple', (n) => n.set('bad1', noteMap({ t: goodFixed().slice(0, 9), c: 'typo' })), /fixed fields/],
  ['an unknown kind', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 9: 'rant' }), c: 'typo' })), /unknown kind/],
  ['an unknown category', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'gossip' })), /unknown category/],
  ['a missing category', (n) => n.set('bad1', noteMap({ t: goodFixed() })), /unknown category/],
  ['an unknown status', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'typo', s: 'burnt' })), /unknown status/],
  ['accepted on a comment', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'typo', s: 'accepted' })), /status accepted/],
  ['a huge body', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'typo', b: 'x'.repeat(10_001) })), /body longer/],
  ['a body that is a number', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'typo', b: 7 })), /body is not a string/],
  ['a huge quote', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 6: '字'.repeat(10_001) }), c: 'typo' })), /quote longer/],
  ['a huge prefix', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 7: 'p'.repeat(201) }), c: 'typo' })), /prefix longer/],
  ['a negative offset', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 3: -1 }), c: 'typo' })), /start is not an offset/],
  ['a fractional offset', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 5: 2.5 }), c: 'typo' })), /end is not an offset/],
  ['end before start', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 3: 9 }), c: 'typo' })), /end before start/],
  ['a huge author name', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 12: 'n'.repeat(101) }), c: 'typo' })), /author name longer/],
  ['an author colour that is CSS', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 13: 'red;x' }), c: 'typo' })), /author colour/],
  ['an unknown highlight colour', (n) => n.set('bad1', noteMap({ t: goodFixed(), c: 'typo', h: 'url(x)' })), /highlight colour/],
  ['a created time that is a string', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 14: 'now' }), c: 'typo' })), /created time/],
  ['a future format', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 0: 2 }), c: 'typo' })), /note format/],
  ['a suggestion without text', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 9: 'suggestion', 10: 'replace' }), c: 'typo' })), /proposes no text/],
  ['an unknown suggestion op', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 9: 'suggestion', 10: 'swap' }), c: 'typo', x: 'y' })), /suggestion op/],
  ['an id with odd characters', (n) => n.set('<img src=x>', noteMap({ t: goodFixed(), c: 'typo' })), /note id/],
  ['an id that is too long', (n) => n.set('k'.repeat(65), noteMap({ t: goodFixed(), c: 'typo' })), /note id longer/],
  ['null fixed fields', (n) => n.set('bad1', noteMap({ t: null, c: 'typo' })), /fixed fields/],
];

describe('the validator', () => {
  for (const [what, write, reason] of cases) {
    it(`skips and reports a note with ${what}`, () => {
      const doc = docWith(write);
      const view = readNotes(doc);
      expect(view.notes.map((n) => n.body)).toEqual(['fine']);
      expect(view.invalid).toHaveLength(1);
      expect(view.invalid[0]!.kind).toBe('note');
      expect(view.invalid[0]!.reason).toMatch(reason);
    });
  }

  it('drops bad replies but keeps the note, counting each', () => {
    const doc = docWith((notes) => {
      notes.set(
        'n2',
        noteMap({
          t: goodFixed(),
          c: 'typo',
          'r/ok': ['u2', 'Bo', '#000000', 5, 0, 'fine reply'],
          'r/huge': ['u2', 'Bo', '#000000', 5, 0, 'x'.repeat(10_001)],
          'r/short': ['u2', 'Bo'],
          'r/obj': { body: 'x' },
          'r/empty': ['u2', 'Bo', '#000000', 5, 0, ''],
        }),
      );
    });
    const view = readNotes(doc);
    expect(view.notes).toHaveLength(2);
    expect(view.notes.find((n) => n.id === 'n2')!.replies.map((r) => r.body)).toEqual(['fine reply']);
    expect(view.invalid.map((i) => i.kind)).toEqual(['reply', 'reply', 'reply', 'reply']);
  });

  it('counts many malformed notes and ignores unknown extra keys', () => {
    const doc = docWith((notes) => {
      for (let i = 0; i < 50; i++) notes.set(`junk${i}`, i % 2 ? `str${i}` : noteMap({ t: [i] }));
      notes.set('extra', noteMap({ t: goodFixed(), c: 'style', zz: { anything: true } }));
    });
    const view = readNotes(doc);
    expect(view.notes.map((n) => n.id).sort()).toContain('extra');
    expect(view.notes).toHaveLength(2);
    expect(view.invalid).toHaveLength(50);
  });

  it('never throws, whatever it is given', () => {
    const values: unknown[] = [undefined, null, 0, '', [], {}, new Map(), new Map([['t', goodFixed()]]), Symbol('x'), () => 1];
    for (const v of values) expect(() => validateNote('k', v)).not.toThrow();
    expect(() => validateNote(17, new Map())).not.toThrow();
    expect(validateNote('k', new Map<string, unknown>([['t', goodFixed()], ['c', 'typo']])).ok).toBe(true);
  });

  it('skips malformed sign-offs in the ledger', () => {
    const doc = new Y.Doc();
    const ledger = doc.getMap('ledger');
    ledger.set('a1/u1', ['Ann', '#112233', 5]);
    ledger.set('no-slash', ['Ann', '#112233', 5]);
    ledger.set('a1/u2', ['Bo', 'blue', 5]);
    ledger.set('a1/u3', 'signed');
    ledger.set('a1/u4', ['x'.repeat(101), '#112233', 5]);
    const view = readLedger(doc);
    expect(view.signOffs.get('a1')?.map((s) => s.author.id)).toEqual(['u1']);
    expect(view.invalid).toHaveLength(4);
  });
});
